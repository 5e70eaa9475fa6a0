"""A transition plan to adult services."""

from everychild.core.forms import GovukForm, date_field, line_field, text_field


class TransitionPlanForm(GovukForm):
    agreed_on = date_field("Date the plan was agreed", "Enter the date the plan was agreed")
    adult_services_contact = line_field(
        "Contact in adult services",
        "Name the contact in adult services",
        help_text="Name, team and how to reach them.",
    )
    summary = text_field("Summary of the plan", "Summarise the plan", rows=6)
