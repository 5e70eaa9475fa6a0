"""A transition plan to adult services."""

from django import forms

from everychild.core.forms import GovukForm, date_field, text_field


class TransitionPlanForm(GovukForm):
    agreed_on = date_field("Date the plan was agreed", "Enter the date the plan was agreed")
    adult_services_contact = forms.CharField(
        label="Contact in adult services",
        max_length=200,
        help_text="Name, team and how to reach them.",
        error_messages={"required": "Name the contact in adult services"},
    )
    summary = text_field("Summary of the plan", "Summarise the plan", rows=6)
