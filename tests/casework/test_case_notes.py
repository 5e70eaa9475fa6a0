"""Case notes and visits: what happened, with the child's own words kept exactly as said,
whether the child was seen (and seen alone), and who may write which kind of note."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild.audit.models import AuditEvent
from everychild.casework.models import CaseNote, NoteKind
from everychild.casework.services import notes
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import at, cp_plan_for, days_ago, refused

WORDS = (
    "Mummy's boyfriend gets really angry \u2014 he says \"you're a bad girl\" and I hide "
    "under my bed wiv Teddy. I ain't allowed to tell nobody. \U0001f622\n"
    "Please dont tell him I said."
)


def add(child, by, kind=NoteKind.PHONE_CALL, **extra):
    arguments = {
        "child": child,
        "written_by": by,
        "kind": kind,
        "occurred_at": at(days_ago(1), 16),
        "note": "Spoke to Ayesha's mother about the school's worry.",
    }
    arguments.update(extra)
    return notes.case_note_add(**arguments)


@pytest.mark.parametrize(
    "kind", [NoteKind.DIRECT_WORK, NoteKind.PHONE_CALL, NoteKind.MEETING, NoteKind.VISIT]
)
def test_a_worker_records_each_kind_of_note(case, worker, kind):
    seen = {"child_seen": True} if kind == NoteKind.VISIT else {}
    note = add(case.child, worker, kind, **seen)
    assert note.kind == kind and note.written_by == worker
    assert note.occurred_at == at(days_ago(1), 16) and note.written_at is not None
    event = AuditEvent.objects.get(verb="case_note_added")
    assert event.payload == {"kind": kind} and event.actor == worker
    assert event.object_id == str(note.pk) and event.child_id == case.child_id
    entry = ChronologyEntry.objects.get(source_id=str(note.pk), recorded_by=worker)
    assert entry.kind == (EntryKind.VISIT if kind == NoteKind.VISIT else EntryKind.CASE_NOTE)
    assert entry.occurred_at == note.occurred_at
    assert entry.visibility == Visibility.SOCIAL_CARE


def test_the_childs_words_are_kept_exactly_as_said(case, worker):
    note = add(
        case.child,
        worker,
        NoteKind.VISIT,
        child_seen=True,
        seen_alone=True,
        note="Home visit. Ayesha showed me her room.",
        child_words=WORDS,
    )
    assert CaseNote.objects.get(pk=note.pk).child_words == WORDS
    entry = ChronologyEntry.objects.get(kind=EntryKind.VISIT)
    assert entry.summary == (
        f'Visit. Child seen alone. Home visit. Ayesha showed me her room. The child said: "{WORDS}"'
    )


def test_a_long_note_is_shortened_on_the_chronology_but_never_the_childs_words(case, worker):
    long_note = "The family were discussed at length. " * 20
    add(case.child, worker, NoteKind.DIRECT_WORK, note=long_note, child_words=WORDS)
    entry = ChronologyEntry.objects.get(kind=EntryKind.CASE_NOTE)
    assert entry.summary.endswith(f'The child said: "{WORDS}"')
    assert CaseNote.objects.get().note == long_note.strip()


@pytest.mark.parametrize(
    ("seen", "alone", "words"),
    [
        (True, False, "Child seen."),
        (True, True, "Child seen alone."),
        (False, None, "Child not seen."),
    ],
)
def test_a_visit_says_whether_the_child_was_seen(case, worker, seen, alone, words):
    add(case.child, worker, NoteKind.VISIT, child_seen=seen, seen_alone=alone, note="Visited.")
    entry = ChronologyEntry.objects.get(kind=EntryKind.VISIT)
    assert entry.summary == f"Visit. {words} Visited."


def test_a_visit_needs_to_say_whether_the_child_was_seen(case, worker):
    with refused(match="Say whether the child was seen") as info:
        add(case.child, worker, NoteKind.VISIT)
    assert info.value.field == "child_seen"


@pytest.mark.parametrize("seen", [False, None])
def test_the_child_cannot_be_seen_alone_without_being_seen(case, worker, seen):
    kind = NoteKind.VISIT if seen is False else NoteKind.DIRECT_WORK
    with refused(match="cannot be seen alone without being seen") as info:
        add(case.child, worker, kind, child_seen=seen, seen_alone=True)
    assert info.value.field == "seen_alone"


def test_only_a_manager_records_a_management_decision(case, worker, manager):
    with refused(PermissionDenied):
        add(case.child, worker, NoteKind.MANAGEMENT_DECISION, note="Step up to CP.")
    note = add(case.child, manager, NoteKind.MANAGEMENT_DECISION, note="Step up to CP.")
    assert note.written_by == manager
    entry = ChronologyEntry.objects.get(kind=EntryKind.CASE_NOTE)
    assert entry.summary.startswith("Management decision.")


def test_a_partner_cannot_write_case_notes_even_in_the_childs_plan(
    case, worker, chair, police, health, officer, dsl
):
    cp_plan_for(case, worker, chair, [police, health], members=[officer])
    for partner in (officer, dsl):
        with refused(PermissionDenied):
            add(case.child, partner, NoteKind.MEETING, note="Police checks done.")


def test_a_social_worker_not_involved_cannot_write_case_notes(case, other_worker):
    with refused(PermissionDenied):
        add(case.child, other_worker)


def test_case_note_refusals(case, worker):
    with refused(match="Choose the kind of note") as info:
        add(case.child, worker, "gossip")
    assert info.value.field == "kind"
    with refused(match="records what has happened"):
        add(case.child, worker, occurred_at=timezone.now() + timedelta(minutes=5))
    with refused(match="Write the note"):
        add(case.child, worker, note="   ")
    assert not CaseNote.objects.exists()
