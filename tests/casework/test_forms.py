"""Casework forms and what they take from the UI kit: the time a note happened, and an edit
refused because someone else saved first."""

from datetime import date, datetime, time
from types import SimpleNamespace

from django.http import QueryDict
from django.utils import timezone

from everychild.casework.forms.child_in_need import CinEndForm
from everychild.casework.forms.notes import CaseNoteForm
from everychild.core import ui
from everychild.core.versioning import EditConflict


def _note(**changes) -> CaseNoteForm:
    data = {
        "kind": "visit",
        "occurred_on_0": "3",
        "occurred_on_1": "2",
        "occurred_on_2": "2026",
        "occurred_time": "14.30",
        "note": "Home visit.",
        "child_seen": "yes",
        "seen_alone": "no",
        **changes,
    }
    return CaseNoteForm(data)


def test_a_note_takes_its_time_on_the_24_hour_clock():
    form = _note()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["occurred_time"] == time(14, 30)
    assert form.occurred_at() == timezone.make_aware(datetime(2026, 2, 3, 14, 30))
    for wrong in ("24:00", "2pm", "14:60"):
        form = _note(occurred_time=wrong)
        assert not form.is_valid()
        assert form.errors["occurred_time"] == ["Enter the time like 14:30"]
    form = _note(occurred_time="")
    assert not form.is_valid()
    assert form.errors["occurred_time"] == ["Enter the time it happened"]


def test_an_edit_conflict_keeps_the_users_values_with_the_saved_version():
    post = QueryDict(mutable=True)
    post.update(
        {
            "end-version": "3",
            "end-ended_on_0": "1",
            "end-ended_on_1": "2",
            "end-ended_on_2": "2026",
            "end-reason": "Goals met.",
        }
    )
    form = CinEndForm(post, prefix="end")
    assert form.is_valid() and ui.status(form) == 200 and ui.comparison(form, ["reason"]) is None
    saved = SimpleNamespace(
        version=4,
        ended_on=date(2026, 2, 1),
        end_reason="Moved away.",
        modified_by="Nia Jones",
        modified_at=timezone.now(),
    )
    form.add_domain_error(EditConflict(saved))

    assert form.conflict.current is saved and ui.status(form) == 409
    assert form.data["end-version"] == "4"  # saving again, after reading theirs, succeeds
    assert form.cleaned_data["reason"] == "Goals met."  # the user's own values are kept
    assert "Nia Jones changed this" in form.non_field_errors()[0]
    shown = ui.comparison(form, {"ended_on": "ended_on", "reason": "end_reason"})
    assert shown["who"] == "Nia Jones"
    assert shown["rows"] == [
        ("Date the plan ends", "1 February 2026", "1 February 2026", False),
        ("Why the plan is ending", "Goals met.", "Moved away.", True),
    ]
