from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from everychild import audit
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core.calendar import at
from everychild.core.errors import clean_or_refuse
from everychild.organisations.models import Organisation
from everychild.people.models import Person


def entry_add(
    *,
    child: Person,
    when: datetime,
    kind: EntryKind | str,
    summary: str,
    source: models.Model | None = None,
    source_organisation: Organisation | None = None,
    visibility: Visibility | str = Visibility.SOCIAL_CARE,
    recorded_by=None,
) -> ChronologyEntry:
    """Add an entry to a child's chronology.

    Call it from the service that records the event, inside that service's transaction, so
    the event and its chronology entry are saved together or not at all.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("chronology entries are written inside the event's transaction")
    entry = ChronologyEntry(
        child=child,
        occurred_at=when,
        kind=kind,
        summary=summary,
        source_organisation=source_organisation,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=str(source.pk) if source is not None else "",
        visibility=visibility,
        recorded_by=recorded_by,
    )
    clean_or_refuse(entry)
    entry.save()
    return entry


def entries_add_many(entries: list[ChronologyEntry]) -> list[ChronologyEntry]:
    """Add many entries at once (a bulk import, an evaluation over many children), inside
    the caller's transaction like entry_add."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("chronology entries are written inside the event's transaction")
    return ChronologyEntry.objects.bulk_create(entries, batch_size=2000)


def entries_remove(*, child_id: int, source: models.Model) -> int:
    """Take the entries an event put on a child's chronology off it again (a concern found
    to be about another child). Inside the caller's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("chronology entries are removed inside the event's transaction")
    removed, _ = ChronologyEntry.objects.filter(
        child_id=child_id,
        source_type=ContentType.objects.get_for_model(source),
        source_id=str(source.pk),
    ).delete()
    return removed


def event(child, by, when, kind, summary: str, source, visibility=Visibility.SOCIAL_CARE):
    """An event a service recorded, on the child's chronology (social care only unless said
    otherwise); a date is taken as noon that day."""
    if not isinstance(when, datetime):
        when = at(when)
    return entry_add(
        child=child,
        when=when,
        kind=kind,
        summary=summary,
        source=source,
        recorded_by=by,
        visibility=visibility,
    )


def recorded(
    obj,
    verb: str,
    *,
    by,
    when,
    kind,
    summary: str,
    visibility=Visibility.SOCIAL_CARE,
    child=None,
    payload: dict | None = None,
    reason: str = "",
) -> None:
    """A write on a child's record, in both places it is kept: its audit row (`verb`, by
    `by`, about `obj` and its child, or `child`), then its event on the chronology."""
    child = child or obj.child
    audit.record(actor=by, verb=verb, obj=obj, child=child, reason=reason, payload=payload)
    event(child, by, when, kind, summary, obj, visibility)
