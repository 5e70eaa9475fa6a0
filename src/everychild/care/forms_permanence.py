"""Forms for returning home, the permanence decision and adoption (GOV.UK markup, core.forms).

The forms check only the shape of what is typed; the rules (dates in order, every option
considered, adopters for a placement) are the services', whose refusals show against the
field they name."""

from django import forms

from everychild.care.models import PermanenceOption
from everychild.care.services.permanence import CORE_OPTIONS, MILESTONES
from everychild.core.forms import RADIOS, GovukDateField, GovukForm, VersionedForm

EXAMPLE = "For example, 27 3 2026"


def date_field(label: str, message: str = "", *, help_text: str = "") -> GovukDateField:
    errors = {"incomplete": f"{label} must include a day, month and year"}
    if message:
        errors["required"] = message
    return GovukDateField(
        label=label,
        required=bool(message),
        help_text=help_text or EXAMPLE,
        error_messages=errors,
    )


def text_field(label: str, message: str = "", *, rows: int = 4, help_text: str = ""):
    return forms.CharField(
        label=label,
        required=bool(message),
        help_text=help_text,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message},
    )


def radios_field(label: str, choices, message: str, *, help_text: str = ""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        help_text=help_text,
        widget=forms.RadioSelect,
        template_name=RADIOS,
        error_messages={"required": message},
    )


# ---- returning home -------------------------------------------------------------------------


class ReturnHomePlanForm(GovukForm):
    planned_on = date_field("Date the plan was agreed", "Enter the date the plan was agreed")
    planned_return_on = date_field(
        "Planned date of return (optional)", help_text="If a date is set. " + EXAMPLE
    )
    notes = text_field("Notes (optional)", help_text="What must happen before the child goes home.")


class ReturnHomeUpdateForm(VersionedForm):
    revocation_applied_on = date_field("Application to revoke the care order made on")
    revocation_hearing_on = date_field(
        "Revocation hearing", help_text="The hearing may be listed ahead. " + EXAMPLE
    )
    revoked_on = date_field("Care order revoked on")
    returned_on = date_field("Returned home on")
    abandoned_on = date_field(
        "Plan abandoned on", help_text="If the child will not go home after all. " + EXAMPLE
    )

    DATES = (
        "revocation_applied_on",
        "revocation_hearing_on",
        "revoked_on",
        "returned_on",
        "abandoned_on",
    )
    REVOCATION = ("revocation_applied_on", "revocation_hearing_on", "revoked_on")

    def __init__(self, *args, revocation_needed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not revocation_needed:
            for name in self.REVOCATION:
                del self.fields[name]

    def dates(self) -> dict:
        return {n: self.cleaned_data[n] for n in self.DATES if n in self.fields}


# ---- the permanence decision ----------------------------------------------------------------


class PermanenceForm(GovukForm):
    """One box per option: the four core options must each have a note (the service says
    which is missing); residential care and supported independence when weighed."""

    decided_on = date_field("Date of the decision", "Enter the date of the decision")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for option in PermanenceOption:
            core = option in CORE_OPTIONS
            self.fields[option.value] = text_field(
                option.label + ("" if core else " (optional)"),
                help_text="Why this option was ruled in or out for the child."
                if core
                else "If it was considered.",
                rows=3,
            )
        self.fields["decision"] = radios_field(
            "The decision", PermanenceOption.choices, "Choose the permanence decision"
        )
        self.fields["rationale"] = text_field(
            "Why this is the plan for the child", "Record why this is the plan", rows=5
        )

    def options_considered(self) -> dict:
        return {o.value: self.cleaned_data.get(o.value, "") for o in PermanenceOption}


# ---- adoption -------------------------------------------------------------------------------


class AdoptionStartForm(GovukForm):
    should_be_placed_on = date_field(
        "Date of the agency decision maker's decision",
        "Enter the date of the decision",
        help_text="That the child should be placed for adoption. " + EXAMPLE,
    )


_MILESTONE_LABELS = {
    "placement_order_on": "Placement order made",
    "matched_on": "Matched with adopters",
    "placed_on": "Placed for adoption (moved in with the adopters)",
    "adoption_order_on": "Adoption order made",
}
MILESTONE_CHOICES = [(m, _MILESTONE_LABELS[m]) for m in MILESTONES]


class AdoptionMilestoneForm(GovukForm):
    milestone = radios_field(
        "Milestone",
        MILESTONE_CHOICES,
        "Choose the milestone",
        help_text="An adoption order seals the child's record: afterwards only you and the "
        "allocated social worker can open it.",
    )
    on = date_field("Date", "Enter the date")
    adopters = forms.ModelChoiceField(
        label="Adopters",
        queryset=None,
        required=False,
        empty_label="Choose the adopters",
        help_text="At the match or the placement.",
    )

    def __init__(self, *args, adopters=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adopters"].queryset = adopters


class AdoptionPlanChangeForm(GovukForm):
    changed_on = date_field("Date the plan changed", "Enter the date the plan changed")
    reason = text_field("Why the plan for adoption has changed", "Say why the plan has changed")


class ScorecardForm(GovukForm):
    since = date_field("From", "Enter the first day")
    until = date_field("To", "Enter the last day")

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "The last day must be on or after the first")
        return data
