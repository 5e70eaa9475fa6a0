"""Pages: bringing a child into care, changes of legal status and placement, leaving care,
and the carers. Thin views: parse the form, call one service, redirect to the child's care
page; a service's refusal (DomainError) shows in the form's GOV.UK error summary."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from everychild.care import forms_episodes as forms
from everychild.care.models import PeriodOfCare
from everychild.care.selectors import episodes as selectors
from everychild.care.services import episodes as services
from everychild.care.services._common import require_case_holder
from everychild.care.views._common import care_url, form_page
from everychild.core.codes import LegalStatus, PlacementType
from everychild.core.errors import DomainError
from everychild.core.ui import run_service
from everychild.organisations.roles import Role
from everychild.people.models import Person

# ---- small helpers --------------------------------------------------------------------------


def _child(pk: int, user) -> Person:
    """The child, if the user holds the case (404 if no such child, 403 otherwise)."""
    child = Person.objects.filter(pk=pk).first()
    if child is None or not child.is_child:
        raise Http404("No such child.")
    require_case_holder(user, child)
    return child


def _open_period(child: Person) -> PeriodOfCare:
    period = child.periods_of_care.filter(ended_on__isnull=True).first()
    if period is None:
        raise Http404("This child is not in care.")
    return period


def _today() -> date:
    return timezone.localdate()


def _d(day: date) -> str:
    return f"{day:%-d %B %Y}"


def _now(period: PeriodOfCare) -> list[tuple[str, str]]:
    """What is in force now, for the change pages."""
    episode = period.episodes.select_related("placement__carer").get(ended_on__isnull=True)
    placement = episode.placement
    return [
        ("In care since", _d(period.started_on)),
        ("Legal status", f"{episode.legal_status}: {LegalStatus(episode.legal_status).label}"),
        ("Carer", f"{placement.carer} (since {_d(placement.started_on)})"),
        (
            "Placement type",
            f"{placement.placement_type}: {PlacementType(placement.placement_type).label}",
        ),
        ("Current episode began", _d(episode.started_on)),
    ]


# ---- coming into care, changes, leaving care ------------------------------------------------


@require_http_methods(["GET", "POST"])
def care_start(request, child_id: int):
    child = _child(child_id, request.user)
    form = forms.CareStartForm(
        request.POST or None,
        initial={"started_on": _today()},
        carers=selectors.carers_available(),
    )
    done = run_service(
        request,
        form,
        lambda data: services.care_start(
            child=child,
            started_by=request.user,
            started_on=data["started_on"],
            legal_status=data["legal_status"],
            category_of_need=data["category_of_need"],
            carer=data["carer"],
            placement_type=data["placement_type"],
            referral=child.referrals.filter(
                withdrawn_at__isnull=True, closed_on__isnull=True
            ).first(),
            home_postcode=data["home_postcode"],
            distance_miles=data["distance_miles"],
            matched_on=data["matched_on"],
        ),
        success=f"{child.full_name} is now in care.",
        then=care_url(child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="Bring the child into care",
        child=child,
        button="Bring into care",
        intro=[
            "This starts a period of care with its first placement. The first looked-after "
            "review is due within 20 working days."
        ],
    )


@require_http_methods(["GET", "POST"])
def legal_status_change(request, child_id: int):
    child = _child(child_id, request.user)
    period = _open_period(child)
    form = forms.LegalStatusChangeForm(request.POST or None, initial={"on": _today()})
    done = run_service(
        request,
        form,
        lambda data: services.legal_status_change(
            period=period,
            changed_by=request.user,
            on=form.cleaned_data["on"],
            legal_status=form.cleaned_data["legal_status"],
        ),
        success="Legal status changed.",
        then=care_url(child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="Change of legal status",
        child=child,
        button="Save the change",
        details=_now(period),
        details_heading="Now",
    )


@require_http_methods(["GET", "POST"])
def placement_change(request, child_id: int):
    child = _child(child_id, request.user)
    period = _open_period(child)
    form = forms.PlacementChangeForm(
        request.POST or None, initial={"on": _today()}, carers=selectors.carers_available()
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.placement_change(
                period=period,
                changed_by=request.user,
                on=data["on"],
                carer=data["carer"],
                placement_type=data["placement_type"],
                reason_for_change=data["reason_for_change"],
                distance_miles=data["distance_miles"],
                matched_on=data["matched_on"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"Placement changed: {child.full_name} is with {data['carer']}."
            )
            return redirect(care_url(child))
    return form_page(
        request,
        form,
        title="Change of placement",
        child=child,
        button="Save the move",
        details=_now(period),
        details_heading="Now",
        intro=["A statutory visit is due within a week of the move."],
    )


@require_http_methods(["GET", "POST"])
def care_end(request, child_id: int):
    child = _child(child_id, request.user)
    period = _open_period(child)
    form = forms.CareEndForm(request.POST or None, initial={"on": _today()})
    done = run_service(
        request,
        form,
        lambda data: services.care_end(
            period=period,
            ended_by=request.user,
            on=form.cleaned_data["on"],
            reason_ceased=form.cleaned_data["reason_ceased"],
        ),
        success=f"{child.full_name} has left care.",
        then=care_url(child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="Leaving care",
        child=child,
        button="Record leaving care",
        details=_now(period),
        details_heading="Now",
    )


# ---- carers ---------------------------------------------------------------------------------


@require_GET
def carers(request):
    rows = selectors.carers(user=request.user)
    context = {"rows": rows, "may_add": request.user.role == Role.TEAM_MANAGER}
    return render(request, "care/episodes/carers.html", context)


@require_http_methods(["GET", "POST"])
def carer_create(request):
    if request.user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("Only a team manager adds carers.")
    form = forms.CarerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            carer = services.carer_create(created_by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"{carer} added.")
            return redirect("care:carers")
    return render(
        request,
        "care/episodes/carer_form.html",
        {"form": form, "title": "Add a carer", "back_url": reverse("care:carers")},
    )


urlpatterns = [
    path("children/<int:child_id>/care/start/", care_start, name="start"),
    path("children/<int:child_id>/care/legal-status/", legal_status_change, name="legal_status"),
    path("children/<int:child_id>/care/placement/", placement_change, name="placement"),
    path("children/<int:child_id>/care/end/", care_end, name="end"),
    path("care/carers/", carers, name="carers"),
    path("care/carers/new/", carer_create, name="carer_create"),
]
