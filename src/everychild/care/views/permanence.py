"""Pages: returning home, the permanence decision, adoption milestones and the adoption
scorecard (see care/views/__init__.py).

Thin views: parse a form, call one service or selector, render. A service's refusal shows in
the form's GOV.UK error summary; an edit someone else saved first (EditConflict) shows both
versions with HTTP 409. After a write the user goes back to the child's care page.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from everychild import access
from everychild.care import forms_permanence as forms
from everychild.care.models import Adoption
from everychild.care.selectors import permanence as selectors
from everychild.care.services import permanence as services
from everychild.care.services._common import require_case_holder
from everychild.care.views._common import care_url, form_page
from everychild.core.errors import DomainError
from everychild.core.ui import run_service
from everychild.core.versioning import EditConflict
from everychild.organisations.roles import CASE_HOLDERS
from everychild.people.models import Person


def case_child(pk: int, user) -> Person:
    """The child, if the user holds their case (404 for a record they may not know of)."""
    child = Person.objects.filter(pk=pk).first()
    if child is None or not child.is_child:
        raise Http404("No such child.")
    access.require(user, "edit", child)
    require_case_holder(user, child)
    return child


def _period(child: Person):
    period = selectors.open_period(child)
    if period is None:
        raise Http404("This child is not in care.")
    return period


def _when(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else "Not recorded"


# ---- returning home -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def return_home_plan(request, child_id: int):
    child = case_child(child_id, request.user)
    period = _period(child)
    form = forms.ReturnHomePlanForm(
        request.POST or None, initial={"planned_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            planned = services.return_home_plan(
                period=period, planned_by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Plan to return home recorded.")
            if planned.warning:
                messages.warning(request, planned.warning)
            return redirect(care_url(child))
    return form_page(
        request,
        form,
        title="Plan a return home",
        child=child,
        button="Record the plan",
        intro=[
            "The plan rests on the child's latest authorised assessment: you will be told if "
            "it is missing or more than six months old. A child on a care order goes home "
            "once the order is revoked, or while placed with parents under the order."
        ],
    )


@require_http_methods(["GET", "POST"])
def return_home(request, pk: int):
    user = request.user
    row = selectors.return_home_record(user=user, pk=pk)
    plan = row.plan
    may_edit = (
        plan.abandoned_on is None
        and access.can(user, "edit", plan.child)
        and user.role in CASE_HOLDERS
    )
    form, comparison, status = None, None, 200
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("You may not change this plan.")
        form = forms.ReturnHomeUpdateForm(request.POST, revocation_needed=plan.revocation_needed)
        if form.is_valid():
            try:
                services.return_home_update(
                    plan=plan, by=user, version=form.cleaned_data["version"], **form.dates()
                )
            except EditConflict as error:
                data = request.POST.copy()
                data["version"] = str(error.current.version)
                form = forms.ReturnHomeUpdateForm(data, revocation_needed=plan.revocation_needed)
                form.is_valid()
                form.add_domain_error(error)
                comparison = {
                    "who": error.current.modified_by,
                    "when": error.current.modified_at,
                    "rows": [
                        (
                            form.fields[n].label,
                            _when(form.cleaned_data.get(n)),
                            _when(getattr(error.current, n)),
                            form.cleaned_data.get(n) != getattr(error.current, n),
                        )
                        for n in form.dates()
                    ],
                }
                status = 409
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, "Plan to return home updated.")
                return redirect(care_url(plan.child))
    elif may_edit:
        initial = {n: getattr(plan, n) for n in forms.ReturnHomeUpdateForm.DATES}
        form = forms.ReturnHomeUpdateForm(
            initial={**initial, "version": plan.version},
            revocation_needed=plan.revocation_needed,
        )
    context = {
        "row": row,
        "plan": plan,
        "child": plan.child,
        "form": form,
        "comparison": comparison,
        "back_url": care_url(plan.child),
    }
    return render(request, "care/permanence/return_home.html", context, status=status)


# ---- the permanence decision ----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def permanence_decide(request, child_id: int):
    child = case_child(child_id, request.user)
    period = _period(child)
    form = forms.PermanenceForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.permanence_decide(
                period=period,
                decided_by=request.user,
                decided_on=form.cleaned_data["decided_on"],
                options_considered=form.options_considered(),
                decision=form.cleaned_data["decision"],
                rationale=form.cleaned_data["rationale"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"Permanence decision recorded: {plan.get_decision_display()}."
            )
            return redirect(care_url(child))
    return form_page(
        request,
        form,
        title="Record the permanence decision",
        child=child,
        button="Record the decision",
        intro=[
            "Consider every option side by side: for return home, kinship care or special "
            "guardianship, long-term fostering and adoption, say why each was ruled in or out."
        ],
    )


# ---- adoption -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def adoption_start(request, child_id: int):
    child = case_child(child_id, request.user)
    period = _period(child)
    form = forms.AdoptionStartForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.adoption_start(period=period, by=request.user, **form.cleaned_data),
        success="Adoption recorded: the decision to place for adoption.",
        then=care_url(child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="Should be placed for adoption",
        child=child,
        button="Record the decision",
        intro=["The agency decision maker's decision, after the permanence decision for adoption."],
    )


def _adoption(pk: int, user) -> Adoption:
    adoption = get_object_or_404(Adoption.objects.select_related("child", "adopters"), pk=pk)
    access.require(user, "edit", adoption.child)
    require_case_holder(user, adoption.child)
    return adoption


def _milestones(adoption: Adoption) -> list[tuple[str, str]]:
    rows = [("Should be placed for adoption", _when(adoption.should_be_placed_on))]
    rows += [(label, _when(getattr(adoption, m))) for m, label in forms.MILESTONE_CHOICES]
    if adoption.adopters_id:
        rows.append(("Adopters", str(adoption.adopters)))
    return rows


@require_http_methods(["GET", "POST"])
def adoption_milestone(request, pk: int):
    adoption = _adoption(pk, request.user)
    child = adoption.child
    next_one = next((m for m in services.MILESTONES if getattr(adoption, m) is None), None)
    form = forms.AdoptionMilestoneForm(
        request.POST or None,
        adopters=selectors.adopters_available(),
        initial={"milestone": next_one, "adopters": adoption.adopters_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.adoption_milestone(adoption=adoption, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            milestone = dict(forms.MILESTONE_CHOICES)[form.cleaned_data["milestone"]]
            messages.success(request, f"{milestone}: recorded.")
            return redirect(care_url(child))
    return form_page(
        request,
        form,
        title="Record an adoption milestone",
        child=child,
        button="Record the milestone",
        details=_milestones(adoption),
    )


@require_http_methods(["GET", "POST"])
def adoption_plan_change(request, pk: int):
    adoption = _adoption(pk, request.user)
    form = forms.AdoptionPlanChangeForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.adoption_plan_change(
            adoption=adoption, by=request.user, **form.cleaned_data
        ),
        success="The change of plan is recorded.",
        then=care_url(adoption.child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="The plan for adoption has changed",
        child=adoption.child,
        button="Record the change",
        details=_milestones(adoption),
    )


# ---- the adoption scorecard -----------------------------------------------------------------


@require_GET
def adoption_scorecard(request):
    """A1 and A2 over a window (three years to today unless chosen): figures for managers,
    analysts and directors; the children behind them for managers only."""
    user = request.user
    if user.role not in selectors.SCORECARD_ROLES:
        raise PermissionDenied("The adoption scorecard is for managers, analysts and directors.")
    today = timezone.localdate()
    default = {"since": today - relativedelta(years=3) + relativedelta(days=1), "until": today}
    chosen = any(k.startswith(("since", "until")) for k in request.GET)
    form = forms.ScorecardForm(request.GET if chosen else None, initial=default)
    window = default
    if chosen and form.is_valid():
        window = {"since": form.cleaned_data["since"], "until": form.cleaned_data["until"]}
    page = selectors.adoption_scorecard_for(user=user, **window)
    context = {"form": form, "page": page, "scorecard": page.scorecard}
    return render(request, "care/permanence/scorecard.html", context)


urlpatterns = [
    path(
        "care/children/<int:child_id>/return-home/new/",
        return_home_plan,
        name="return_home_plan",
    ),
    path("care/return-home/<int:pk>/", return_home, name="return_home"),
    path(
        "care/children/<int:child_id>/permanence/new/",
        permanence_decide,
        name="permanence_decide",
    ),
    path("care/children/<int:child_id>/adoption/new/", adoption_start, name="adoption_start"),
    path("care/adoptions/<int:pk>/milestone/", adoption_milestone, name="adoption_milestone"),
    path(
        "care/adoptions/<int:pk>/plan-change/",
        adoption_plan_change,
        name="adoption_plan_change",
    ),
    path("care/adoption/", adoption_scorecard, name="adoption_scorecard"),
]
