"""Pages: oversight of the care plan (see care/views/__init__.py).

Record a looked-after review, raise, escalate and resolve an IRO's challenge (the IRO's
pages), record a health assessment or a PEP (the case holders' pages), and an IRO's "My
challenges". Thin views: parse the form, call one service, show its refusal against the
field it names, and after a write go back to the looked-after child's page.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from everychild import access
from everychild.care import forms_oversight as forms
from everychild.care.models import IROChallenge, PeriodOfCare
from everychild.care.selectors import oversight as selectors
from everychild.care.services import oversight as services
from everychild.care.views._common import care_url, form_page
from everychild.core.errors import DomainError
from everychild.core.ui import run_service
from everychild.organisations.roles import CASE_HOLDERS, Role
from everychild.people.models import Person

# ---- small helpers ------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _child(pk: int, user) -> Person:
    """The child, if the user may write to their record (404 or 403 otherwise)."""
    child = Person.objects.filter(pk=pk).first()
    if child is None or not child.is_child:
        raise Http404("No such child.")
    access.require(user, "edit", child)
    return child


def _period(child: Person) -> PeriodOfCare:
    period = selectors.current_period(child)
    if period is None:
        raise Http404("This child has not been looked after.")
    return period


def _require_iro(user) -> None:
    if user.role != Role.CONFERENCE_CHAIR:
        raise PermissionDenied("Only an independent reviewing officer does this.")


def _require_case_holder(user) -> None:
    if user.role not in CASE_HOLDERS:
        raise PermissionDenied("Only the social workers and managers holding the case do this.")


def _period_words(period: PeriodOfCare) -> str:
    words = f"In care since {period.started_on:%-d %B %Y}"
    if period.ended_on:
        words = f"In care from {period.started_on:%-d %B %Y} to {period.ended_on:%-d %B %Y}"
    return words + "."


# ---- looked-after reviews -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def lac_review_add(request, child_id: int):
    user = request.user
    child = _child(child_id, user)
    _require_iro(user)
    period = _period(child)
    form = forms.LookedAfterReviewForm(request.POST or None, initial={"held_on": _today()})
    done = run_service(
        request,
        form,
        lambda data: services.lac_review_record(
            period=period,
            chair=user,
            held_on=data["held_on"],
            participation=data["participation"],
            child_views=data["child_views"],
            decisions=data["decisions"],
        ),
        success="Looked-after review recorded.",
        then=care_url(child),
    )
    if done:
        return done
    clocks = selectors.care_clocks(child=child, period=period)
    return form_page(
        request,
        form,
        title="Record a looked-after review",
        child=child,
        button="Record the review",
        clock=clocks.review,
        clock_label=f"Review {clocks.review_number} of this period of care",
        intro=[_period_words(period)],
    )


# ---- the IRO's challenges -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def iro_challenge_raise(request, child_id: int):
    user = request.user
    child = _child(child_id, user)
    _require_iro(user)
    reviews = list(child.looked_after_reviews.order_by("-held_on")[:10])
    form = forms.ChallengeRaiseForm(
        request.POST or None, reviews=reviews, initial={"raised_on": _today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        review = next((r for r in reviews if r.pk == data["review"]), None)
        try:
            services.iro_challenge_raise(
                child=child,
                raised_by=user,
                raised_on=data["raised_on"],
                issue=data["issue"],
                respond_by=data["respond_by"],
                review=review,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Challenge raised.")
            return redirect(care_url(child))
    return form_page(
        request,
        form,
        title="Raise a challenge about the care plan",
        child=child,
        button="Raise the challenge",
        intro=[
            "Start informally with the social worker and their manager; escalate if there is "
            "no satisfactory response by the date you set."
        ],
    )


def _challenge(pk: int, user) -> IROChallenge:
    challenge = get_object_or_404(IROChallenge.objects.select_related("child"), pk=pk)
    access.require(user, "edit", challenge.child)
    _require_iro(user)
    if challenge.resolved_on is not None:
        raise Http404("This challenge has been resolved.")
    return challenge


def _challenge_details(challenge: IROChallenge) -> list[tuple[str, str]]:
    return [
        ("Raised", f"{challenge.raised_on:%-d %B %Y} by {challenge.raised_by}"),
        ("Challenge", challenge.issue),
        ("Stage", challenge.get_stage_display()),
        ("Response due by", f"{challenge.respond_by:%-d %B %Y}"),
    ]


@require_http_methods(["GET", "POST"])
def iro_challenge_escalate(request, pk: int):
    user = request.user
    challenge = _challenge(pk, user)
    form = forms.ChallengeEscalateForm(request.POST or None, current=challenge.stage)
    done = run_service(
        request,
        form,
        lambda data: services.iro_challenge_escalate(
            challenge=challenge, by=user, stage=data["stage"], note=data["note"]
        ),
        success="Challenge escalated.",
        then=care_url(challenge.child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="Escalate a challenge",
        child=challenge.child,
        button="Escalate",
        details=_challenge_details(challenge),
    )


@require_http_methods(["GET", "POST"])
def iro_challenge_resolve(request, pk: int):
    user = request.user
    challenge = _challenge(pk, user)
    form = forms.ChallengeResolveForm(request.POST or None, initial={"resolved_on": _today()})
    done = run_service(
        request,
        form,
        lambda data: services.iro_challenge_resolve(
            challenge=challenge,
            by=user,
            resolved_on=data["resolved_on"],
            resolution=data["resolution"],
        ),
        success="Challenge resolved.",
        then=care_url(challenge.child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="Resolve a challenge",
        child=challenge.child,
        button="Mark as resolved",
        details=_challenge_details(challenge),
    )


@require_GET
def iro_challenges(request):
    rows = selectors.iro_challenges_open(user=request.user)
    overdue = sum(1 for r in rows if r.overdue)
    return render(request, "care/oversight/challenges.html", {"rows": rows, "overdue": overdue})


# ---- health assessments and PEPs ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def health_assessment_add(request, child_id: int):
    user = request.user
    child = _child(child_id, user)
    _require_case_holder(user)
    period = _period(child)
    form = forms.HealthAssessmentForm(request.POST or None, initial={"done_on": _today()})
    done = run_service(
        request,
        form,
        lambda data: services.health_assessment_record(
            period=period,
            recorded_by=user,
            kind=data["kind"],
            done_on=data["done_on"],
            dental_check=data["dental_check"],
            immunisations_up_to_date=data["immunisations_up_to_date"],
        ),
        success="Health assessment recorded.",
        then=care_url(child),
    )
    if done:
        return done
    clocks = selectors.care_clocks(child=child, period=period)
    kind = "Initial" if clocks.health_assessment_kind == "initial" else "Next"
    return form_page(
        request,
        form,
        title="Record a health assessment",
        child=child,
        button="Record the assessment",
        clock=clocks.health_assessment,
        clock_label=f"{kind} health assessment",
        intro=[_period_words(period)],
    )


@require_http_methods(["GET", "POST"])
def education_plan_add(request, child_id: int):
    user = request.user
    child = _child(child_id, user)
    _require_case_holder(user)
    period = _period(child)
    form = forms.EducationPlanForm(request.POST or None, initial={"held_on": _today()})
    done = run_service(
        request,
        form,
        lambda data: services.education_plan_record(
            period=period,
            recorded_by=user,
            held_on=data["held_on"],
            school=data["school"],
            targets=data["targets"],
        ),
        success="Personal education plan recorded.",
        then=care_url(child),
    )
    if done:
        return done
    clocks = selectors.care_clocks(child=child, period=period)
    return form_page(
        request,
        form,
        title="Record a personal education plan",
        child=child,
        button="Record the PEP",
        clock=clocks.education_plan,
        clock_label="Next PEP",
        intro=[_period_words(period)],
    )


urlpatterns = [
    path("children/<int:child_id>/care/reviews/new/", lac_review_add, name="lac_review_add"),
    path(
        "children/<int:child_id>/care/challenges/new/",
        iro_challenge_raise,
        name="iro_challenge_raise",
    ),
    path(
        "care/challenges/<int:pk>/escalate/",
        iro_challenge_escalate,
        name="iro_challenge_escalate",
    ),
    path("care/challenges/<int:pk>/resolve/", iro_challenge_resolve, name="iro_challenge_resolve"),
    path("care/challenges/", iro_challenges, name="iro_challenges"),
    path(
        "children/<int:child_id>/care/health-assessments/new/",
        health_assessment_add,
        name="health_assessment_add",
    ),
    path(
        "children/<int:child_id>/care/education-plans/new/",
        education_plan_add,
        name="education_plan_add",
    ),
]
