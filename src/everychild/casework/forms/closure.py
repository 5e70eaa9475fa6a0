"""Proposing to close the case, or to step it down to early help."""

from everychild.casework.forms._common import StaffChoiceForm
from everychild.core.codes import ReasonForClosure
from everychild.core.forms import GovukForm, GroupedStaffField, date_field, radios_field


class ClosureForm(GovukForm):
    closed_on = date_field("Date the case closes", "Enter the date the case closes")
    reason = radios_field(
        "Reason for closure", ReasonForClosure.choices, "Choose the reason for closure"
    )


class StepDownForm(StaffChoiceForm):
    stepped_on = date_field("Date of the step-down", "Enter the date of the step-down")
    lead_professional = GroupedStaffField(
        label="Lead professional for early help",
        help_text="The practitioner in a partner agency who will coordinate early help.",
        error_messages={"required": "Choose the lead professional"},
    )
    staff_fields = ("lead_professional",)
