"""Pages: children missing from home, school or care, and return home interviews (RHIs).

Report a child missing and record their return (children's social care, and the police);
offer the RHI and record how it went (children's social care); a child's episodes; and the
"Return home interviews due" list with the 72-hour clock. Who may do each is the services'
rule (care/services/missing.py), asked before a form is shown as well as when it is sent.
Thin views: parse the form, call one service, show its refusal against the field it names;
after a write, go back to the looked-after child's page for a child in care, else to the
child's page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from everychild.care import forms_missing as forms
from everychild.care.models import MissingEpisode
from everychild.care.selectors import missing as selectors
from everychild.care.services import missing as services
from everychild.care.views._common import form_page
from everychild.core.clock import ClockStatus
from everychild.core.errors import DomainError
from everychild.core.ui import run_service
from everychild.organisations.models import Staff
from everychild.organisations.roles import SOCIAL_CARE_ROLES
from everychild.people.models import Person

# ---- small helpers --------------------------------------------------------------------------


def _posted(request):
    """The form's data on a POST (even an empty one, so that it is checked), else None."""
    return request.POST if request.method == "POST" else None


def _child(pk: int) -> Person:
    child = Person.objects.filter(pk=pk).first()
    if child is None or not child.is_child:
        raise Http404("No such child.")
    return child


def child_url(child: Person) -> str:
    """Where to go after a write: the looked-after child's page for a child in care now,
    else the child's page."""
    if child.periods_of_care.filter(ended_on__isnull=True).exists():
        try:
            return reverse("care:child", args=[child.pk])
        except NoReverseMatch:  # the care page is another module's; until it exists
            pass
    return reverse("record:child", args=[child.pk])


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def _episode_details(episode: MissingEpisode) -> list[tuple[str, str]]:
    details = [
        ("Missing from", episode.get_missing_from_display()),
        ("Missing or away", episode.get_missing_type_display()),
        ("Went missing", _when(episode.started_at)),
    ]
    if episode.ended_at:
        details.append(("Came back", _when(episode.ended_at)))
        details.append(("Where found", episode.where_found))
    if episode.police_reference:
        details.append(("Police reference", episode.police_reference))
    details.append(("Risk of exploitation", episode.get_exploitation_risk_display()))
    return details


def _episode(pk: int) -> MissingEpisode:
    episode = (
        MissingEpisode.objects.select_related("child", "reported_by__organisation")
        .filter(pk=pk)
        .first()
    )
    if episode is None:
        raise Http404("No such missing episode.")
    return episode


# ---- missing and back -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def missing_report(request, child_id: int):
    user = request.user
    child = _child(child_id)
    services.require_missing_reporter(user, child)
    now = timezone.localtime()
    form = forms.MissingReportForm(
        _posted(request),
        initial={
            "started_on": now.date(),
            "exploitation_risk": "none",
            "missing_type": "M",
        },
    )
    done = run_service(
        request,
        form,
        lambda data: services.missing_report(
            child=child,
            reported_by=user,
            started_at=data["started_at"],
            missing_type=data["missing_type"],
            missing_from=data["missing_from"],
            police_reference=data["police_reference"],
            exploitation_risk=data["exploitation_risk"],
        ),
        success=f"{child.full_name} reported missing.",
        then=child_url(child),
    )
    if done:
        return done
    return form_page(
        request,
        form,
        title="Report a child missing",
        child=child,
        button="Report missing",
        intro=[
            "Report the child to the police first if you have not: call 999 if they are in "
            "immediate danger.",
        ],
    )


@require_http_methods(["GET", "POST"])
def missing_return(request, pk: int):
    user = request.user
    episode = _episode(pk)
    child = episode.child
    services.require_missing_reporter(user, child)
    if episode.ended_at is not None:
        raise Http404("The child's return has already been recorded.")
    form = forms.MissingReturnForm(
        _posted(request),
        initial={
            "ended_on": timezone.localdate(),
            "exploitation_risk": episode.exploitation_risk,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.missing_return(
                episode=episode,
                by=user,
                ended_at=data["ended_at"],
                where_found=data["where_found"],
                exploitation_risk=data["exploitation_risk"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                f"{child.full_name}'s return recorded. Offer a return home interview by "
                f"{services.due_words(services.rhi_due(data['ended_at']))}.",
            )
            return redirect(child_url(child))
    return form_page(
        request,
        form,
        title="Record the child's return",
        child=child,
        button="Record the return",
        details=_episode_details(episode),
        intro=["A return home interview must be offered within 72 hours of the return."],
    )


# ---- return home interviews -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def return_interview_offer(request, pk: int):
    user = request.user
    episode = _episode(pk)
    child = episode.child
    services.require_rhi_worker(user, child)
    if episode.ended_at is None:
        raise Http404("The child is still missing.")
    if hasattr(episode, "return_interview"):
        raise Http404("A return home interview has already been offered.")
    clock = services.rhi_clock(episode)
    form = forms.InterviewOfferForm(_posted(request), initial={"offered_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            interview = services.return_interview_offer(
                episode=episode, by=user, offered_at=form.cleaned_data["offered_at"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            late = services.RhiClock(episode.ended_at, interview.offered_at).status() is (
                ClockStatus.DONE_LATE
            )
            messages.success(
                request,
                "Return home interview offered" + (" (late)." if late else " within 72 hours."),
            )
            return redirect(child_url(child))
    return form_page(
        request,
        form,
        title="Offer a return home interview",
        child=child,
        button="Record the offer",
        details=_episode_details(episode),
        clock=clock,
        clock_label="Return home interview",
        clock_note="72 hours from the return, weekends and bank holidays included",
        clock_words=clock.describe(),
        clock_css=selectors.CLOCK_TAGS[clock.status()],
        intro=["Record it even if the 72 hours have passed: a late offer is still an offer."],
    )


def _interviewers(user) -> list[Staff]:
    """Who can be named as the interviewer: the user's colleagues in their current teams."""
    return list(
        Staff.objects.filter(
            is_active=True,
            memberships__team__in=user.memberships.filter(ended_on__isnull=True).values("team"),
        )
        .exclude(pk=user.pk)
        .distinct()
        .order_by("last_name", "first_name")[:200]
    )


@require_http_methods(["GET", "POST"])
def return_interview_record(request, pk: int):
    user = request.user
    episode = _episode(pk)
    child = episode.child
    services.require_rhi_worker(user, child)
    interview = getattr(episode, "return_interview", None) if episode.ended_at else None
    if interview is None or interview.held_at is not None or interview.accepted is False:
        raise Http404("There is no return home interview waiting to be recorded.")
    interviewers = _interviewers(user)
    form = forms.InterviewRecordForm(_posted(request), interviewers=interviewers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        interviewer = next((s for s in interviewers if s.pk == data["interviewer"]), None)
        try:
            services.return_interview_record(
                episode=episode,
                by=user,
                accepted=data["accepted"],
                held_at=data["held_at"],
                interviewer=interviewer,
                declined_reason=data["declined_reason"],
                child_words=data["child_words"],
                push_factors=data["push_factors"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Return home interview recorded.")
            return redirect(child_url(child))
    details = [*_episode_details(episode), ("Interview offered", _when(interview.offered_at))]
    return form_page(
        request,
        form,
        title="Record the return home interview",
        child=child,
        button="Record the interview",
        details=details,
        intro=[
            "If the child accepted but the interview is still to be held, leave the date and "
            "time empty and come back to record it.",
        ],
    )


# ---- lists ----------------------------------------------------------------------------------


@require_GET
def missing_for_child(request, child_id: int):
    user = request.user
    child = _child(child_id)
    rows = selectors.missing_for_child(user=user, child=child)
    social_care = user.role in SOCIAL_CARE_ROLES
    return render(
        request,
        "care/missing/child.html",
        {
            "child": child,
            "rows": rows,
            "social_care": social_care,
            "may_report": _may(services.require_missing_reporter, user, child),
            "may_interview": social_care and _may(services.require_rhi_worker, user, child),
            "back_url": child_url(child),
        },
    )


def _may(rule, user, child) -> bool:
    try:
        rule(user, child)
    except (PermissionDenied, Http404):
        return False
    return True


@require_GET
def return_interviews_due(request):
    user = request.user
    if user.role not in SOCIAL_CARE_ROLES:
        raise PermissionDenied("Return home interviews are children's social care's.")
    rows = selectors.return_interviews_due(user=user)
    to_offer = [r for r in rows if r.status is selectors.RhiStatus.TO_OFFER]
    return render(
        request,
        "care/missing/interviews_due.html",
        {
            "to_offer": to_offer,
            "waiting": [r for r in rows if r.status is not selectors.RhiStatus.TO_OFFER],
            "overdue": sum(1 for r in to_offer if r.overdue),
        },
    )


urlpatterns = [
    path("children/<int:child_id>/missing/", missing_for_child, name="missing_for_child"),
    path("children/<int:child_id>/missing/new/", missing_report, name="missing_report"),
    path("missing/<int:pk>/return/", missing_return, name="missing_return"),
    path(
        "missing/<int:pk>/interview/offer/",
        return_interview_offer,
        name="return_interview_offer",
    ),
    path("missing/<int:pk>/interview/", return_interview_record, name="return_interview_record"),
    path("missing/interviews/", return_interviews_due, name="return_interviews_due"),
]


def _missing_form_page(request, form, **kwargs):
    """Back to the care page for a child in care now, else to the child's page."""
    return form_page(request, form, back_url=child_url(kwargs["child"]), **kwargs)
