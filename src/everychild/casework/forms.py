"""Forms for casework pages, in the GOV.UK Design System's markup (core.forms).

Long choices are stacked radios and multiple choices are checkboxes, each rendered by a
field template in casework/templates/core/fields/.
"""

import re
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from everychild.casework.models import (
    ConferenceOutcome,
    NoteKind,
    Recommendation,
    Section47Outcome,
    StrategyDecision,
)
from everychild.core.codes import AssessmentFactor, CategoryOfAbuse, ReasonForClosure
from everychild.core.forms import (
    CHECKBOXES,
    GovukForm,
    GroupedStaffField,
    StaffCheckboxes,
    VersionedForm,
    date_field,
    radios_field,
    text_field,
    yes_no_field,
)
from everychild.organisations.models import Staff

# ---- the single assessment ------------------------------------------------------------------


class AssessmentStartForm(GovukForm):
    started_on = date_field("Date the assessment started", "Enter the date the assessment started")


class AssessmentForm(VersionedForm):
    child_seen_on = date_field(
        "When was the child seen?",
        "",
        required=False,
        help_text="The date the social worker saw the child for this assessment. "
        "For example, 27 3 2026",
    )
    child_seen_alone = yes_no_field("Was the child seen alone?")
    child_views = text_field(
        "The child's views",
        help_text="In the child's own words, as they said them. "
        "If the child is too young to talk, what you saw.",
        rows=6,
    )
    family_views = text_field("Parents' and carers' views", rows=5)
    analysis = text_field(
        "Analysis",
        help_text="What the information means for the child: risks, strengths, and what "
        "needs to change.",
        rows=8,
    )
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of the assessment",
        choices=AssessmentFactor.choices,
        required=False,
        help_text="Select all that apply (CIN census).",
        widget=forms.CheckboxSelectMultiple,
        template_name=CHECKBOXES,
    )
    recommendation = radios_field("Recommended outcome", Recommendation.choices)

    # The fields the service saves (casework.services.ASSESSMENT_FIELDS).
    SAVED = (
        "child_seen_on",
        "child_seen_alone",
        "child_views",
        "family_views",
        "analysis",
        "factors",
        "recommendation",
    )

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SAVED}


# ---- key decisions --------------------------------------------------------------------------


class SignOffForm(GovukForm):
    agree = forms.TypedChoiceField(
        label="Do you agree?",
        choices=[("yes", "Yes, agree it"), ("no", "No, return it with a note")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you agree"},
    )
    note = text_field(
        "Manager's note", rows=3, help_text="Needed if you return it: say what must change."
    )


# ---- child protection -----------------------------------------------------------------------


class StrategyDiscussionForm(GovukForm):
    held_on = date_field("Date of the discussion", "Enter the date of the discussion")
    agencies = forms.ModelMultipleChoiceField(
        label="Agencies that took part",
        queryset=None,
        required=False,
        help_text="At least the police and health, as well as children's social care.",
        widget=forms.CheckboxSelectMultiple,
        template_name=CHECKBOXES,
    )
    attendees = text_field(
        "Who took part",
        rows=3,
        help_text="Names and roles, including anyone from children's social care.",
    )
    decision = radios_field(
        "What did the discussion decide?",
        StrategyDecision.choices,
        "Choose what the discussion decided",
    )
    rationale = text_field("Why", "Say why", rows=5)

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = agencies


class Section47CompleteForm(GovukForm):
    completed_on = date_field("Date the enquiry was completed", "Enter the date it was completed")
    outcome = radios_field(
        "Outcome of the enquiry", Section47Outcome.choices, "Choose the outcome of the enquiry"
    )
    icpc_needed = yes_no_field(
        "Is an initial child protection conference needed?",
        required=True,
        help_text="Only when the child is at continuing risk of significant harm.",
        message="Say whether an initial conference is needed",
    )


class InitialConferenceForm(GovukForm):
    held_on = date_field("Date of the conference", "Enter the date of the conference")
    outcome = radios_field(
        "What did the conference decide?",
        [
            (ConferenceOutcome.PLAN, ConferenceOutcome.PLAN.label),
            (ConferenceOutcome.NO_PLAN, ConferenceOutcome.NO_PLAN.label),
        ],
        "Choose what the conference decided",
    )
    category = radios_field(
        "Category of abuse",
        CategoryOfAbuse.choices,
        help_text="If the child is to be subject of a child protection plan.",
    )
    members = StaffCheckboxes(
        label="Conference members from partner agencies",
        queryset=None,
        required=False,
        help_text="They join the core group and see the child's record while members.",
        widget=forms.CheckboxSelectMultiple,
        template_name=CHECKBOXES,
    )
    summary = text_field("Summary of the conference", rows=6)

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members


class ReviewConferenceForm(GovukForm):
    held_on = date_field("Date of the review conference", "Enter the date of the review conference")
    outcome = radios_field(
        "What did the conference decide?",
        [
            (ConferenceOutcome.CONTINUE, ConferenceOutcome.CONTINUE.label),
            (ConferenceOutcome.END, ConferenceOutcome.END.label),
        ],
        "Choose what the conference decided",
    )
    category = radios_field("Category of abuse from now on", [])
    summary = text_field("Summary of the conference", rows=6)

    def __init__(self, *args, current_category: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        label = CategoryOfAbuse(current_category).label if current_category else "none"
        self.fields["category"].choices = [
            ("", f"No change ({label})"),
            *[(c, lbl) for c, lbl in CategoryOfAbuse.choices if c != current_category],
        ]
        self.fields["category"].initial = ""


class PlanTextForm(VersionedForm):
    plan = text_field(
        "What must change for the child to be safe, who will do what, and by when", rows=12
    )


class MemberAddForm(GovukForm):
    staff = GroupedStaffField(
        label="Add a member",
        help_text="A practitioner from a partner agency.",
        error_messages={"required": "Choose who to add"},
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].set_queryset(staff)


class MemberRemoveForm(GovukForm):
    member = forms.IntegerField(widget=forms.HiddenInput)


class CoreGroupForm(GovukForm):
    held_on = date_field("Date of the core group", "Enter the date of the core group")
    summary = text_field("What the core group agreed", "Say what the core group agreed", rows=5)


# ---- child in need --------------------------------------------------------------------------


class CinPlanStartForm(GovukForm):
    started_on = date_field("Date the plan starts", "Enter the date the plan starts")
    outcomes = text_field(
        "What the plan is to achieve",
        "Say what the plan is to achieve",
        rows=8,
        help_text="The outcomes for the child, who will do what, and by when.",
    )


class CinReviewForm(GovukForm):
    held_on = date_field("Date of the review", "Enter the date of the review")
    summary = text_field("What the review found", "Say what the review found", rows=5)


class CinEndForm(VersionedForm):
    ended_on = date_field("Date the plan ends", "Enter the date the plan ends")
    reason = text_field("Why the plan is ending", "Say why the plan is ending", rows=4)


# ---- case notes -----------------------------------------------------------------------------

_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class CaseNoteForm(GovukForm):
    kind = radios_field("Kind of note", NoteKind.choices, "Choose the kind of note")
    occurred_on = date_field("Date it happened", "Enter the date it happened")
    occurred_time = forms.CharField(
        label="Time it happened",
        max_length=5,
        help_text="Use the 24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time it happened"},
    )
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
        self.fields["occurred_time"].widget.attrs["class"] += " govuk-input--width-5"
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

    def clean_occurred_time(self) -> time:
        match = _TIME.match(self.cleaned_data["occurred_time"])
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValidationError("Enter the time like 14:30")
        return time(int(match[1]), int(match[2]))

    def occurred_at(self) -> datetime:
        day, at = self.cleaned_data["occurred_on"], self.cleaned_data["occurred_time"]
        return timezone.make_aware(datetime.combine(day, at))


# ---- supervision ----------------------------------------------------------------------------

ACTION_ROWS = 3


class SupervisionForm(GovukForm):
    held_on = date_field("Date of the supervision", "Enter the date of the supervision")
    worker = GroupedStaffField(label="Worker supervised", required=False, empty_label="No one")
    reflection = text_field(
        "Reflection",
        "Record the reflection",
        rows=8,
        help_text="What was discussed, what you weighed, and why you decided what you did.",
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].set_queryset(staff)
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}"] = forms.CharField(
                label="What needs doing", required=False, max_length=2000
            )
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


# ---- closure and step-down ------------------------------------------------------------------


class ClosureForm(GovukForm):
    closed_on = date_field("Date the case closes", "Enter the date the case closes")
    reason = radios_field(
        "Reason for closure", ReasonForClosure.choices, "Choose the reason for closure"
    )


class StepDownForm(GovukForm):
    stepped_on = date_field("Date of the step-down", "Enter the date of the step-down")
    lead_professional = GroupedStaffField(
        label="Lead professional for early help",
        help_text="The practitioner in a partner agency who will coordinate early help.",
        error_messages={"required": "Choose the lead professional"},
    )

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_professional"].set_queryset(staff)


# ---- transition to adult services --------------------------------------------------------


class TransitionPlanForm(GovukForm):
    agreed_on = date_field("Date the plan was agreed", "Enter the date the plan was agreed")
    adult_services_contact = forms.CharField(
        label="Contact in adult services",
        max_length=200,
        help_text="Name, team and how to reach them.",
        error_messages={"required": "Name the contact in adult services"},
    )
    summary = text_field("Summary of the plan", "Summarise the plan", rows=6)


class ChairBookingForm(GovukForm):
    chair = forms.ModelChoiceField(
        label="Child protection chair", queryset=Staff.objects.none(), empty_label="Choose a chair"
    )

    def __init__(self, *args, chairs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs if chairs is not None else Staff.objects.none()
