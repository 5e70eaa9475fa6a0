"""A case note or visit: what happened, when, and the child's own words."""

from datetime import datetime

from django.utils import timezone

from everychild.casework.models import NoteKind
from everychild.core.forms import (
    GovukForm,
    date_field,
    radios_field,
    text_field,
    time_field,
    yes_no_field,
)


class CaseNoteForm(GovukForm):
    kind = radios_field("Kind of note", NoteKind.choices, "Choose the kind of note")
    occurred_on = date_field("Date it happened", "Enter the date it happened")
    occurred_time = time_field("Time it happened", "Enter the time it happened")
    note = text_field("Note", "Write the note", rows=8)
    child_words = text_field(
        "The child's words",
        rows=4,
        help_text="What the child said, exactly as they said it. Leave empty if they said nothing.",
    )
    child_seen = yes_no_field("Was the child seen?")
    seen_alone = yes_no_field("Was the child seen alone?")

    def __init__(self, *args, manager: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not manager:
            self.fields["kind"].choices = [
                c for c in NoteKind.choices if c[0] != NoteKind.MANAGEMENT_DECISION
            ]

    def clean(self):
        data = super().clean()
        if data.get("kind") and data["kind"] != NoteKind.VISIT:
            # Only visits ask whether the child was seen (answers left in a hidden part of
            # the form are not the worker's answer).
            data["child_seen"] = data["seen_alone"] = None
        return data

    def occurred_at(self) -> datetime:
        day, at = self.cleaned_data["occurred_on"], self.cleaned_data["occurred_time"]
        return timezone.make_aware(datetime.combine(day, at))
