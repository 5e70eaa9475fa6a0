"""What every casework write shares: dates that cannot be in the future, an open case, the
audit row and chronology entry, who may do what, and asking a manager to sign a decision
off."""

from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild import access, audit
from everychild.casework.models import DecisionKind, KeyDecision
from everychild.chronology.models import EntryKind, Visibility
from everychild.chronology.services import entry_add
from everychild.core.errors import DomainError
from everychild.core.versioning import save_versioned
from everychild.frontdoor.models import Referral
from everychild.organisations.roles import CASE_HOLDERS, Role
from everychild.people.models import Person


def at(day: date, hour: int = 12) -> datetime:
    """A date as an aware date-time (chronology entries are timed)."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def not_future(day: date | None, field: str) -> None:
    if day and day > timezone.localdate():
        raise DomainError("The date cannot be in the future.", field=field)


def open_referral(referral: Referral) -> None:
    if referral.closed_on is not None or referral.withdrawn_at is not None:
        raise DomainError("This case is closed.")


def require_open_case(user, referral: Referral) -> None:
    """The case holders act on the referral's case, while it is open."""
    require_case_holder(user, referral.child)
    open_referral(referral)


def event(child, by, when, kind, summary, source, visibility=Visibility.SOCIAL_CARE) -> None:
    """Put a casework event on the child's chronology (social care only unless said
    otherwise); a date is taken as noon that day."""
    if not isinstance(when, datetime):
        when = at(when)
    entry_add(
        child=child,
        when=when,
        kind=kind,
        summary=summary,
        source=source,
        recorded_by=by,
        visibility=visibility,
    )


# Each casework event on a child's chronology: the kind of entry, and who sees it there
# (social care only, unless partners in the child's plan see it too).
_SOCIAL_CARE, _PARTNERS = Visibility.SOCIAL_CARE, Visibility.PARTNERS
ON_CHRONOLOGY = {
    "assessment_started": (EntryKind.ASSESSMENT, _SOCIAL_CARE),
    "cin_plan_started": (EntryKind.CIN_PLAN, _PARTNERS),
    "cin_review_recorded": (EntryKind.CIN_PLAN, _SOCIAL_CARE),
    "cin_plan_ended": (EntryKind.CIN_PLAN, _PARTNERS),
    "strategy_discussion_recorded": (EntryKind.STRATEGY_DISCUSSION, _SOCIAL_CARE),
    "section47_started": (EntryKind.SECTION_47, _SOCIAL_CARE),
    "section47_completed": (EntryKind.SECTION_47, _SOCIAL_CARE),
    "conference_held": (EntryKind.CONFERENCE, _PARTNERS),
    "cp_plan_started": (EntryKind.CP_PLAN, _PARTNERS),
    "cp_plan_ended": (EntryKind.CP_PLAN, _PARTNERS),
    "core_group_recorded": (EntryKind.CORE_GROUP, _PARTNERS),
    "case_note_added": (EntryKind.CASE_NOTE, _SOCIAL_CARE),  # a visit: EntryKind.VISIT
    "supervision_recorded": (EntryKind.SUPERVISION, _SOCIAL_CARE),
    "key_decision_signed_off": (EntryKind.MANAGER_DECISION, _SOCIAL_CARE),
    "key_decision_returned": (EntryKind.MANAGER_DECISION, _SOCIAL_CARE),
    "transition_plan_recorded": (EntryKind.TRANSITION_PLAN, _PARTNERS),
}


def recorded(
    obj,
    verb: str,
    *,
    by,
    when,
    summary: str,
    child=None,
    kind=None,
    payload: dict | None = None,
    reason: str = "",
) -> None:
    """A casework write on the record: its audit row (`verb`, by `by`, about `obj` and its
    child, or `child`), then its event on the child's chronology (ON_CHRONOLOGY; `kind`
    where one verb makes entries of more than one kind)."""
    child = child or obj.child
    entry_kind, visibility = ON_CHRONOLOGY[verb]
    audit.record(actor=by, verb=verb, obj=obj, child=child, reason=reason, payload=payload)
    event(child, by, when, kind or entry_kind, summary, obj, visibility)


def require_case_holder(user, child: Person) -> None:
    """Case decisions are the allocated team's: a chair or personal adviser who can edit the
    record (to write notes) does not start assessments, plans or closures."""
    if user.role not in CASE_HOLDERS:
        raise PermissionDenied("Only the social workers and managers holding the case do this.")
    access.require(user, "edit", child)


def require_manager(user, child: Person) -> None:
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("A team manager signs off key decisions.")
    access.require(user, "edit", child)


def ask_sign_off(*, child, kind, subject, summary, by, details=None) -> KeyDecision:
    """Ask a manager to sign off a key decision about `subject` (one waiting at a time)."""
    pending = KeyDecision.objects.filter(
        child=child,
        kind=kind,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        decided_at__isnull=True,
    )
    if pending.exists():
        raise DomainError("This is already waiting for a manager's sign-off.")
    return KeyDecision.objects.create(
        child=child,
        kind=kind,
        subject=subject,
        summary=summary,
        details=details or {},
        requested_by=by,
        requested_at=timezone.now(),
    )


def meeting_record(model, *, plan, recorded_by, held_on: date, summary: str, verb: str, what: str):
    """A meeting about a plan (a child in need review, a core group), with what it found:
    audited, and on the chronology as "`what`: summary"."""
    meeting = model.objects.create(
        plan=plan, held_on=held_on, summary=summary.strip(), recorded_by=recorded_by
    )
    text = f"{what}: {summary.strip()[:240]}"
    recorded(meeting, verb, by=recorded_by, child=plan.child, when=held_on, summary=text)
    return meeting


def plan_end(plan, verb: str, *, by, ended_on: date, reason: str) -> None:
    """End a plan (locked for edit by the caller) for `reason`: a manager signs the end off;
    audited, and on the chronology ("Child in need plan ended: reason")."""
    name = plan._meta.verbose_name
    plan.ended_on, plan.end_reason = ended_on, reason
    save_versioned(plan, by, ["ended_on", "end_reason"])
    summary = f"End of the {name}: {reason}"
    ask_sign_off(child=plan.child, kind=DecisionKind.PLAN_END, subject=plan, by=by, summary=summary)
    text = f"{name[0].upper()}{name[1:]} ended: {reason[:200]}"
    recorded(plan, verb, by=by, when=ended_on, summary=text)
