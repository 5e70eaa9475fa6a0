"""The allegation page's forms: the initial consideration, a meeting with its actions, the
employer's action, the other agencies' outcomes, the outcome, and naming someone on it."""

from django import forms

from everychild.core.forms import (
    CHECKBOXES,
    GovukForm,
    GroupedStaffField,
    checkboxes_field,
    date_field,
    line_field,
    radios_field,
    text_field,
)
from everychild.lado.models import (
    Consequence,
    EmployerActionKind,
    InitialDecision,
    MeetingKind,
    Outcome,
)
from everychild.organisations.models import Organisation

ACTION_ROWS = 3


class InitialConsiderationForm(GovukForm):
    decision = radios_field("Decision", InitialDecision.choices, "Record the decision")
    rationale = text_field(
        "Why",
        "Say why",
        help_text="What you weighed: the allegation, what the employer and the police said.",
        rows=4,
    )


class MeetingForm(GovukForm):
    kind = radios_field(
        "Kind of meeting", MeetingKind.choices, "Choose strategy or evaluation meeting"
    )
    held_on = date_field("Date of the meeting", "Enter the date of the meeting")
    attendees = text_field(
        "Who attended", "Record who attended", rows=3, help_text="Names, roles and agencies."
    )
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies represented",
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        template_name=CHECKBOXES,
    )
    notes = text_field("Notes", rows=5, help_text="What was shared and what was decided.")

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = (
            agencies if agencies is not None else Organisation.objects.none()
        )
        self.fields["agencies"].label_from_instance = lambda org: org.name
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = line_field("What needs doing", max_length=2000)
            self.fields[f"action_{n}"].widget.attrs["class"] = "govuk-input"
            self.fields[f"owner_{n}"] = line_field("Who will do it", help_text="Name and agency.")
            self.fields[f"owner_{n}"].widget.attrs["class"] = "govuk-input"
            self.fields[f"due_{n}"] = date_field("Due by")

    def action_rows(self) -> list[tuple[int, list]]:
        return [
            (n, [self[f"action_{n}"], self[f"owner_{n}"], self[f"due_{n}"]])
            for n in range(1, ACTION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        for n in range(1, ACTION_ROWS + 1):
            action, owner, due = (data.get(f"{k}_{n}") for k in ("action", "owner", "due"))
            if not ((action or "").strip() or (owner or "").strip() or due):
                continue
            if not (action or "").strip():
                self.add_error(f"action_{n}", f"Say what action {n} is")
            if not (owner or "").strip():
                self.add_error(f"owner_{n}", f"Say who will do action {n}")
            if due is None and f"due_{n}" not in self.errors:
                self.add_error(f"due_{n}", f"Enter the date action {n} is due by")
        return data

    def actions(self) -> list[tuple[str, str, object]]:
        data = self.cleaned_data
        return [
            (data[f"action_{n}"], data[f"owner_{n}"], data[f"due_{n}"])
            for n in range(1, ACTION_ROWS + 1)
            if (data.get(f"action_{n}") or "").strip()
        ]

    def add_domain_error(self, error) -> None:
        # The service names "actions": show it against the first action's due date.
        if error.field == "actions":
            self.add_error("due_1" if self.actions() else None, error.message)
            return
        super().add_domain_error(error)


class EmployerActionForm(GovukForm):
    kind = radios_field(
        "What did the employer do?", EmployerActionKind.choices, "Choose what the employer did"
    )
    started_on = date_field("Date it started", "Enter the date it started")
    ended_on = date_field("Date it ended", help_text="If it has ended. For example, 27 3 2026")
    notes = text_field("Notes", rows=3)


class AgencyOutcomesForm(GovukForm):
    police_outcome = text_field(
        "Police outcome", rows=3, help_text="For example, no further action, charged, cautioned."
    )
    social_care_outcome = text_field("Children's social care outcome", rows=3)


class OutcomeForm(GovukForm):
    outcome = radios_field("Outcome", Outcome.choices, "Choose the outcome")
    outcome_on = date_field("Date of the outcome", "Enter the date of the outcome")
    basis = text_field(
        "Basis for the outcome",
        "Record the basis for the outcome: the evidence it rests on",
        rows=6,
        help_text="The evidence the outcome rests on.",
    )
    consequences = checkboxes_field(
        "What follows",
        Consequence.choices,
        "Record what follows from the outcome (or no further action)",
        help_text="Tick all that apply.",
    )
    exceptional_delay = text_field(
        "Why it took over twelve months",
        rows=3,
        help_text="Only if the outcome is more than twelve months after the referral.",
    )


class GrantForm(GovukForm):
    staff = GroupedStaffField(
        label="Give access to",
        empty_label="Choose a person",
        help_text="For example, the employer's designated officer or the investigating officer. "
        "They will see this allegation and nothing else of the LADO's work.",
        error_messages={"required": "Choose who to give access to"},
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].set_queryset(staff)
