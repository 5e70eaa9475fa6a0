"""What every care write shares: dates that cannot be in the future, the chronology entry,
and who may do what."""

from datetime import date, datetime, time

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild import access
from everychild.chronology.models import Visibility
from everychild.chronology.services import entry_add
from everychild.core.errors import DomainError
from everychild.organisations.roles import CASE_HOLDERS, Role
from everychild.people.models import Person


def at(day: date, hour: int = 12) -> datetime:
    """A date as an aware date-time (chronology entries are timed)."""
    return timezone.make_aware(datetime.combine(day, time(hour)))


def not_future(day: date | datetime | None, field: str) -> None:
    if day is None:
        return
    today = timezone.localdate()
    if isinstance(day, datetime):
        if day > timezone.now():
            raise DomainError("The date and time cannot be in the future.", field=field)
    elif day > today:
        raise DomainError("The date cannot be in the future.", field=field)


def event(child, by, when, kind, summary, source, visibility=Visibility.SOCIAL_CARE) -> None:
    """Put a care event on the child's chronology (social care only unless said otherwise)."""
    if isinstance(when, date) and not isinstance(when, datetime):
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
    """Care decisions (coming into care, moves, plans) are the case-holding team's."""
    if user.role not in CASE_HOLDERS:
        raise PermissionDenied("Only the social workers and managers holding the case do this.")
    access.require(user, "edit", child)


def require_iro(user, child: Person) -> None:
    """Looked-after reviews and quality challenges are the independent reviewing officer's."""
    if user.role != Role.CONFERENCE_CHAIR:
        raise PermissionDenied("Only an independent reviewing officer does this.")
    access.require(user, "edit", child)
