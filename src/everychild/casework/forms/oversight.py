"""Management oversight: a manager's sign-off of a key decision, supervision with up to three
actions, and marking an action done."""

from everychild.casework.forms._common import StaffChoiceForm
from everychild.core.forms import (
    GovukForm,
    GroupedStaffField,
    date_field,
    line_field,
    text_field,
    yes_no_field,
)


class SignOffForm(GovukForm):
    agree = yes_no_field(
        "Do you agree?",
        required=True,
        message="Say whether you agree",
        yes="Yes, agree it",
        no="No, return it with a note",
    )
    note = text_field(
        "Manager's note", rows=3, help_text="Needed if you return it: say what must change."
    )


ACTION_ROWS = 3


class SupervisionForm(StaffChoiceForm):
    held_on = date_field("Date of the supervision", "Enter the date of the supervision")
    worker = GroupedStaffField(label="Worker supervised", required=False, empty_label="No one")
    reflection = text_field(
        "Reflection",
        "Record the reflection",
        rows=8,
        help_text="What was discussed, what you weighed, and why you decided what you did.",
    )
    staff_fields = ("worker",)

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, staff=staff, **kwargs)
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = line_field("What needs doing", max_length=2000)
            self.fields[f"action_{n}"].widget.attrs["class"] = "govuk-input"
            self.fields[f"owner_{n}"] = GroupedStaffField(
                label="Who will do it", required=False, queryset=staff
            )
            self.fields[f"owner_{n}"].widget.attrs["class"] = "govuk-select"
            self.fields[f"due_{n}"] = date_field("Due by", "", required=False)

    def action_rows(self) -> list[tuple[int, list]]:
        """The action fields, one row of three for each action, for the template."""
        return [
            (n, [self[f"action_{n}"], self[f"owner_{n}"], self[f"due_{n}"]])
            for n in range(1, ACTION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, ACTION_ROWS + 1):
            action, owner, due = (data.get(f"{k}_{n}") for k in ("action", "owner", "due"))
            if not (action or owner or due):
                continue
            if not (action or "").strip():
                self.add_error(f"action_{n}", f"Say what action {n} is")
            if owner is None and f"owner_{n}" not in self.errors:
                self.add_error(f"owner_{n}", f"Choose who will do action {n}")
            if due is None and f"due_{n}" not in self.errors:
                self.add_error(f"due_{n}", f"Enter the date action {n} is due by")
        return data

    def actions(self) -> list[tuple[str, object, object]]:
        data = self.cleaned_data
        return [
            (data[f"action_{n}"], data[f"owner_{n}"], data[f"due_{n}"])
            for n in range(1, ACTION_ROWS + 1)
            if (data.get(f"action_{n}") or "").strip()
        ]


class ActionDoneForm(GovukForm):
    done_on = date_field("Date it was done", "Enter the date it was done")
