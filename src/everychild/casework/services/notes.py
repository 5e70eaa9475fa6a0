"""Case notes and visits, by any worker involved with the child; the child's words kept as
said."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from everychild import access
from everychild.casework.models import CaseNote, NoteKind
from everychild.casework.services._common import (
    recorded,
)
from everychild.chronology.models import EntryKind
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from everychild.people.models import Person


def _check_note(*, written_by, kind, occurred_at, note, child_seen, seen_alone) -> None:
    if kind not in NoteKind.values:
        raise DomainError("Choose the kind of note.", field="kind")
    if occurred_at > timezone.now():
        raise DomainError("A note records what has happened.", field="occurred_at")
    if not note.strip():
        raise DomainError("Write the note.", field="note")
    if kind == NoteKind.VISIT and child_seen is None:
        raise DomainError("Say whether the child was seen.", field="child_seen")
    if seen_alone and not child_seen:
        raise DomainError("The child cannot be seen alone without being seen.", field="seen_alone")
    if kind == NoteKind.MANAGEMENT_DECISION and written_by.role != Role.TEAM_MANAGER:
        raise PermissionDenied("Only a manager records a management decision.")


def _summary(case_note: CaseNote) -> str:
    """The note on the chronology: its kind, whether the child was seen on a visit, the start
    of the note and the child's words."""
    words = f' The child said: "{case_note.child_words}"' if case_note.child_words else ""
    seen = ""
    if case_note.kind == NoteKind.VISIT:
        seen = (
            " Child seen alone."
            if case_note.seen_alone
            else (" Child seen." if case_note.child_seen else " Child not seen.")
        )
    return f"{case_note.get_kind_display()}.{seen} {case_note.note[:240]}{words}"


@transaction.atomic
def case_note_add(
    *,
    child: Person,
    written_by,
    kind: str,
    occurred_at: datetime,
    note: str,
    child_words: str = "",
    child_seen: bool | None = None,
    seen_alone: bool | None = None,
) -> CaseNote:
    """A case note by any worker involved with the child; the child's words kept as said."""
    access.require(written_by, "edit", child)
    _check_note(
        written_by=written_by,
        kind=kind,
        occurred_at=occurred_at,
        note=note,
        child_seen=child_seen,
        seen_alone=seen_alone,
    )
    case_note = CaseNote.objects.create(
        child=child,
        kind=kind,
        occurred_at=occurred_at,
        note=note.strip(),
        child_words=child_words.strip(),
        child_seen=child_seen,
        seen_alone=seen_alone,
        written_by=written_by,
    )
    recorded(
        case_note,
        "case_note_added",
        by=written_by,
        when=occurred_at,
        kind=EntryKind.VISIT if kind == NoteKind.VISIT else EntryKind.CASE_NOTE,
        summary=_summary(case_note),
        payload={"kind": kind},
    )
    return case_note
