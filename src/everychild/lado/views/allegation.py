"""One allegation: its page and the forms on it, marking a meeting's action done, and
taking away someone's access."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from everychild.core import ui
from everychild.lado import selectors, services
from everychild.lado.forms import allegation as forms
from everychild.lado.models import Allegation, AllegationAction, AllegationKind, Consequence, Stage
from everychild.lado.views import _common
from everychild.lado.views._common import age_in_words
from everychild.organisations.models import Organisation, OrganisationKind, Staff
from everychild.organisations.roles import Role


def _labels(codes, choices) -> list[str]:
    labels = dict(choices)
    return [labels.get(code, code) for code in codes]


def _meeting_agencies(allegation: Allegation):
    """Agencies that sit in LADO meetings: the council, the police, health, community groups,
    and the subject's employer."""
    usual = ~Q(
        kind__in=[
            OrganisationKind.SCHOOL,
            OrganisationKind.GP_PRACTICE,
            OrganisationKind.EARLY_YEARS,
        ]
    )
    employer = Q(pk=allegation.employer_id) if allegation.employer_id else Q(pk__in=[])
    return Organisation.objects.filter(is_active=True).filter(usual | employer).order_by("name")


def _grantable_staff(allegation: Allegation):
    named = [s.pk for s in allegation.named_staff.all()]
    return (
        Staff.objects.filter(is_active=True)
        .exclude(role__in=[Role.LADO, Role.ADMINISTRATOR])
        .exclude(pk__in=named)
        .order_by("last_name", "first_name")
    )


def _form_kwargs(key: str, allegation: Allegation) -> dict:
    if key == "meeting":
        return {"agencies": _meeting_agencies(allegation)}
    if key == "grant":
        return {"staff": _grantable_staff(allegation)}
    return {}


# ---- the page's actions: each calls one service and returns the message for the user ------


def _consider(allegation: Allegation, user, form) -> str:
    data = form.cleaned_data
    services.initial_consideration(
        allegation=allegation,
        decided_by=user,
        decision=data["decision"],
        rationale=data["rationale"],
    )
    return "Initial consideration recorded."


def _meeting(allegation: Allegation, user, form) -> str:
    data = form.cleaned_data
    meeting = services.meeting_record(
        allegation=allegation,
        recorded_by=user,
        kind=data["kind"],
        held_on=data["held_on"],
        attendees=data["attendees"],
        agencies=data["agencies"],
        notes=data["notes"],
        actions=[services.ActionSpec(action=a, owner=o, due_on=d) for a, o, d in form.actions()],
    )
    return f"{meeting.get_kind_display()} recorded."


def _employer(allegation: Allegation, user, form) -> str:
    data = form.cleaned_data
    services.employer_action_record(
        allegation=allegation,
        recorded_by=user,
        kind=data["kind"],
        started_on=data["started_on"],
        ended_on=data["ended_on"],
        notes=data["notes"],
    )
    return "Employer's action recorded."


def _agencies(allegation: Allegation, user, form) -> str:
    data = form.cleaned_data
    services.agency_outcomes_record(
        allegation=allegation,
        recorded_by=user,
        police_outcome=data["police_outcome"],
        social_care_outcome=data["social_care_outcome"],
    )
    return "Agency outcomes recorded."


def _outcome(allegation: Allegation, user, form) -> str:
    data = form.cleaned_data
    services.outcome_record(
        allegation=allegation,
        recorded_by=user,
        outcome=data["outcome"],
        outcome_on=data["outcome_on"],
        basis=data["basis"],
        consequences=data["consequences"],
        exceptional_delay=data["exceptional_delay"],
    )
    return "Outcome recorded: the allegation is closed."


def _grant(allegation: Allegation, user, form) -> str:
    staff = form.cleaned_data["staff"]
    services.named_access_grant(allegation=allegation, staff=staff, granted_by=user)
    return f"{staff} can now see this allegation."


# Each form on the page, POSTed with its `action` (and prefixed with it): the form and what
# it does.
_ACTIONS = {
    "consider": (forms.InitialConsiderationForm, _consider),
    "meeting": (forms.MeetingForm, _meeting),
    "employer": (forms.EmployerActionForm, _employer),
    "agencies": (forms.AgencyOutcomesForm, _agencies),
    "outcome": (forms.OutcomeForm, _outcome),
    "grant": (forms.GrantForm, _grant),
}


def _form(key: str, allegation: Allegation, data=None, initial=None):
    form_class, _ = _ACTIONS[key]
    return form_class(data, prefix=key, initial=initial, **_form_kwargs(key, allegation))


# ---- the page -----------------------------------------------------------------------------


def _context(allegation: Allegation, *, lado: bool, bound: dict, key: str) -> dict:
    """The page: the allegation, its meetings' actions, and its forms (`bound`, the one
    POSTed and refused, shown again with its errors)."""
    today = _common.today()
    initial = {
        "meeting": {"held_on": today},
        "outcome": {"outcome_on": today},
    }
    unbound = {k: _form(k, allegation, initial=initial.get(k)) for k in _ACTIONS if k not in bound}
    meetings = list(allegation.meetings.all())
    actions = [a for m in meetings for a in m.actions.all()]
    is_open = not allegation.outcome
    return {
        "allegation": allegation,
        "lado": lado,
        "is_open": is_open,
        "stage": Stage(allegation.stage).label,
        "kinds": _labels(allegation.kinds, AllegationKind.choices),
        "consequences": _labels(allegation.consequences, Consequence.choices),
        "age": age_in_words(allegation.received_on, allegation.outcome_on or today),
        "meetings": meetings,
        "open_actions": sum(1 for a in actions if a.done_on is None),
        "overdue_actions": sum(1 for a in actions if a.done_on is None and a.due_on < today),
        "forms": {**unbound, **bound},
        "bound_action": key if bound else "",
        "show": {
            "consider": lado and is_open and not allegation.initial_decision,
            "meeting": lado and is_open,
            "outcome": lado and is_open and bool(allegation.initial_decision),
        },
    }


@require_http_methods(["GET", "POST"])
def allegation_page(request, pk: int):
    """The allegation; the LADO records what happens on it through the page's forms, one
    POSTed at a time. To anyone else a POST is "not found", like the allegation."""
    user = request.user
    allegation = selectors.allegation_view(user=user, allegation_id=pk)
    lado = services.is_lado(user)
    bound, key = {}, request.POST.get("action", "")
    if request.method == "POST":
        if not lado or key not in _ACTIONS:
            raise Http404("No such action.")
        form = bound[key] = _form(key, allegation, request.POST)
        apply = _ACTIONS[key][1]
        done = ui.run_service(
            request,
            form,
            lambda _data: apply(allegation, user, form),
            success=lambda message: message,
            then=allegation,
        )
        if done:
            return done
    context = _context(allegation, lado=lado, bound=bound, key=key)
    return render(request, "lado/allegation.html", context)


# ---- the page's buttons -------------------------------------------------------------------


def _on_page(allegation: Allegation, heading: str) -> str:
    return reverse("lado:allegation", args=[allegation.pk]) + f"#{heading}"


@require_POST
def action_done(request, pk: int):
    action = get_object_or_404(AllegationAction.objects.select_related("allegation"), pk=pk)
    allegation = action.allegation
    if not services.can_see(request.user, allegation):
        raise Http404("No such allegation.")
    if not services.is_lado(request.user):
        raise Http404("No such action.")
    return ui.run_action(
        request,
        lambda: services.action_done(action=action, done_by=request.user),
        success="Action marked as done.",
        then=_on_page(allegation, "meetings-heading"),
    )


@require_POST
def access_revoke(request, pk: int, staff_id: int):
    allegation = selectors.allegation_view(user=request.user, allegation_id=pk)
    if not services.is_lado(request.user):
        raise Http404("No such action.")
    staff = get_object_or_404(Staff, pk=staff_id)
    return ui.run_action(
        request,
        lambda: services.named_access_revoke(
            allegation=allegation, staff=staff, revoked_by=request.user
        ),
        success=f"{staff} can no longer see this allegation.",
        then=_on_page(allegation, "access-heading"),
    )
