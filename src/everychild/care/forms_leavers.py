"""Forms for care leavers (GOV.UK markup, core.forms). The rules are the services'; their
refusals show against the field they name."""

from django import forms

from everychild.care.forms_permanence import date_field, radios_field, text_field
from everychild.care.models import Eligibility
from everychild.care.services.leavers import CONTACT_AGES
from everychild.core.codes import CareLeaverAccommodation, CareLeaverActivity, CareLeaverInTouch
from everychild.core.forms import YES_NO, GovukForm


class AdviserField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj) + (f", {obj.job_title}" if obj.job_title else "")


class CareLeaverRegisterForm(GovukForm):
    eligibility = radios_field(
        "Eligibility",
        Eligibility.choices,
        "Choose the young person's eligibility",
        help_text="Checked against their periods of care.",
    )
    since = date_field("Care leaver from", "Enter the date they became a care leaver")
    personal_adviser = AdviserField(
        label="Personal adviser (optional)",
        queryset=None,
        required=False,
        empty_label="Choose later",
    )

    def __init__(self, *args, advisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["personal_adviser"].queryset = advisers


class PersonalAdviserForm(GovukForm):
    adviser = AdviserField(
        label="Personal adviser",
        queryset=None,
        empty_label="Choose a personal adviser",
        error_messages={"required": "Choose a personal adviser"},
    )
    on = date_field("From", "Enter the date they take over")

    def __init__(self, *args, advisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers


class PathwayReviewForm(GovukForm):
    reviewed_on = date_field("Date of the review", "Enter the date of the review")
    summary = text_field(
        "What the review found and agreed", "Record what the review agreed", rows=6
    )
    young_person_views = text_field(
        "The young person's views", help_text="In their own words, as they said them."
    )


class BirthdayContactForm(GovukForm):
    birthday_age = forms.TypedChoiceField(
        label="Which birthday",
        choices=[(str(age), f"{age}th birthday") for age in CONTACT_AGES],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the birthday"},
    )
    contacted_on = date_field(
        "Date of the contact",
        "Enter the date of the contact",
        help_text="From three months before the birthday to one month after. "
        "For example, 27 3 2026",
    )
    in_touch = radios_field(
        "Are you in touch with them?", CareLeaverInTouch.choices, "Say whether you are in touch"
    )
    activity = forms.ChoiceField(
        label="Main activity",
        choices=[("", "Choose their main activity"), *CareLeaverActivity.choices],
        required=False,
        help_text="Needed if you are in touch.",
    )
    accommodation = forms.ChoiceField(
        label="Accommodation",
        choices=[("", "Choose where they live"), *CareLeaverAccommodation.choices],
        required=False,
        help_text="Needed if you are in touch.",
    )
    accommodation_suitable = forms.TypedChoiceField(
        label="Is the accommodation suitable?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
