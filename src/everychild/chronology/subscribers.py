"""Events in a child's life that layers below the chronology announce on hooks (people.apps,
access.apps), put on the child's chronology in the announcing write's transaction."""

from datetime import date, datetime, time

from django.utils import timezone

from everychild.chronology.models import EntryKind
from everychild.chronology.services import entry_add
from everychild.people.models import PersonKind


def _on_day(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _add(person, by, when: datetime, kind: EntryKind, summary: str) -> None:
    if person.is_child:  # adults have no chronology
        entry_add(
            child=person, when=when, kind=kind, summary=summary, source=person, recorded_by=by
        )


def on_person_created(*, person, by) -> None:
    # A date of birth a referrer gave (or an age) waits until someone confirms who the child is.
    if person.kind == PersonKind.CHILD and person.date_of_birth and person.identity_verified:
        estimated = " (date estimated)" if person.date_of_birth_estimated else ""
        _add(person, by, _on_day(person.date_of_birth), EntryKind.BIRTH, f"Born{estimated}.")


def on_person_renamed(*, person, by, effective_on, old_name, reason) -> None:
    summary = f"Name changed from {old_name} to {person.full_name}: {reason}"
    _add(person, by, _on_day(effective_on), EntryKind.NAME_CHANGE, summary)


def on_person_moved(*, person, by, moved_in, address) -> None:
    _add(person, by, _on_day(moved_in), EntryKind.ADDRESS_CHANGE, f"Moved to {address}.")


def on_record_restricted(*, child, by) -> None:
    _add(
        child, by, timezone.now(), EntryKind.RECORD_RESTRICTED, "Record restricted to named staff."
    )
