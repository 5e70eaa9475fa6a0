"""The engagement log: the LADO's awareness work with agencies and community groups."""

from django import forms

from everychild.core.forms import GovukForm, date_field, line_field, text_field
from everychild.lado.forms._common import OrganisationField, organisations, sector_select
from everychild.organisations.models import Organisation


class EngagementForm(GovukForm):
    held_on = date_field("Date", "Enter the date of the session")
    organisation = OrganisationField(
        label="Organisation or group",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not listed: type it below",
    )
    organisation_name = line_field("Organisation or group, if not listed")
    sector = sector_select("Sector", "Choose the sector")
    covered = text_field(
        "What was covered",
        "Say what was covered",
        help_text="For example, safer recruitment, when to call the LADO, low-level concerns.",
        rows=4,
    )
    people_reached = forms.IntegerField(
        label="People reached",
        required=False,
        min_value=0,
        max_value=100000,
        help_text="If known.",
        error_messages={"invalid": "Enter the number of people reached as a whole number"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations()
        self.fields["people_reached"].widget.attrs["class"] += " govuk-input--width-5"
