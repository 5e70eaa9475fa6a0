"""What every casework write shares: dates that cannot be in the future, an open case, the
audit row and chronology entry, who may do what, and asking a manager to sign a decision
off."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from everychild import access
from everychild.casework.models import DecisionKind, KeyDecision
from everychild.chronology import services as chronology
from everychild.chronology.models import EntryKind, Visibility
from everychild.core.errors import DomainError
from everychild.core.versioning import save_versioned
from everychild.frontdoor.models import Referral
from everychild.organisations.roles import CASE_HOLDERS, CASE_HOLDERS_ONLY, Role
from everychild.people.models import Person


def open_referral(referral: Referral) -> None:
    if referral.closed_on is not None or referral.withdrawn_at is not None:
        raise DomainError("This case is closed.")


def require_open_case(user, referral: Referral) -> None:
    """The case holders act on the referral's case, while it is open."""
    require_case_holder(user, referral.child)
    open_referral(referral)


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


def recorded(obj, verb: str, *, by, when, summary: str, kind=None, **details) -> None:
    """A casework write on the record: its audit row and its event on the chronology, of the
    kind and visibility ON_CHRONOLOGY gives the verb (`kind` where one verb makes entries of
    more than one kind)."""
    entry_kind, visibility = ON_CHRONOLOGY[verb]
    chronology.recorded(
        obj,
        verb,
        by=by,
        when=when,
        kind=kind or entry_kind,
        summary=summary,
        visibility=visibility,
        **details,
    )


def require_case_holder(user, child: Person) -> None:
    """Case decisions are the allocated team's: a chair or personal adviser who can edit the
    record (to write notes) does not start assessments, plans or closures."""
    access.require_role(user, CASE_HOLDERS, CASE_HOLDERS_ONLY, child)


def require_manager(user, child: Person) -> None:
    access.require_role(user, {Role.TEAM_MANAGER}, "A team manager signs off key decisions.", child)


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
