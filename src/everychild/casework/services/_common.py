"""What every casework write shares: dates that cannot be in the future, an open case, the
chronology entry, who may do what, and asking a manager to sign a decision off."""

from datetime import date, datetime, time

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild import access
from everychild.casework.models import KeyDecision
from everychild.chronology.models import Visibility
from everychild.chronology.services import entry_add
from everychild.core.errors import DomainError
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
