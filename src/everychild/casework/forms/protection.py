"""Child protection: the strategy discussion, completing a section 47 enquiry, booking a
chair, initial and review conferences, and the plan's text, members and core group."""

from django import forms

from everychild.casework.forms._common import StaffChoiceForm
from everychild.casework.models import ConferenceOutcome, Section47Outcome, StrategyDecision
from everychild.core.codes import CategoryOfAbuse
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


class ChairBookingForm(GovukForm):
    chair = forms.ModelChoiceField(
        label="Child protection chair", queryset=Staff.objects.none(), empty_label="Choose a chair"
    )

    def __init__(self, *args, chairs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = chairs if chairs is not None else Staff.objects.none()


def _outcomes(*outcomes: ConferenceOutcome):
    return radios_field(
        "What did the conference decide?",
        [(o, o.label) for o in outcomes],
        "Choose what the conference decided",
    )


class InitialConferenceForm(GovukForm):
    held_on = date_field("Date of the conference", "Enter the date of the conference")
    outcome = _outcomes(ConferenceOutcome.PLAN, ConferenceOutcome.NO_PLAN)
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
    outcome = _outcomes(ConferenceOutcome.CONTINUE, ConferenceOutcome.END)
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


class MemberAddForm(StaffChoiceForm):
    staff = GroupedStaffField(
        label="Add a member",
        help_text="A practitioner from a partner agency.",
        error_messages={"required": "Choose who to add"},
    )


class MemberRemoveForm(GovukForm):
    member = forms.IntegerField(widget=forms.HiddenInput)


class CoreGroupForm(GovukForm):
    held_on = date_field("Date of the core group", "Enter the date of the core group")
    summary = text_field("What the core group agreed", "Say what the core group agreed", rows=5)
