"""Receiving a referral. The form finds the subject and the children without JavaScript: its
"Find" buttons post the form back with the people found offered as choices, keeping
everything already typed."""

from datetime import datetime

from django import forms
from django.forms.utils import ErrorDict
from django.utils import timezone

from everychild.core.forms import (
    RADIOS,
    GovukForm,
    checkboxes_field,
    date_field,
    line_field,
    text_field,
    time_field,
)
from everychild.lado.forms._common import OrganisationField, organisations, sector_select
from everychild.lado.models import AllegationKind
from everychild.organisations.models import Organisation

NEW_SUBJECT = "new"


def person_label(person, extra: str = "") -> str:
    born = f"born {person.date_of_birth:%-d %B %Y}" if person.date_of_birth else "born: not known"
    return f"{person.full_name}, {born}" + (f" ({extra})" if extra else "")


class ReferralForm(GovukForm):
    """A referral to the LADO. `subjects` and `children` are the people the page offers
    (found by a search, or chosen before): each a (Person, note) pair."""

    subject_query = line_field(
        "Search the person index for the person",
        help_text="Their name, as the referrer gave it. Spelling need not be exact.",
    )
    subject = forms.ChoiceField(
        label="Who is the allegation about?",
        widget=forms.RadioSelect,
        template_name=RADIOS,
        error_messages={"required": "Choose the person, or enter someone new"},
    )
    subject_given_name = line_field("First name", max_length=100)
    subject_family_name = line_field("Last name", max_length=100)
    subject_date_of_birth = date_field("Date of birth", help_text="If known. For example, 7 3 1984")
    subject_role = line_field(
        "Their role",
        "Enter the person's role",
        help_text="For example, class teacher, football coach, foster carer.",
    )
    employer = OrganisationField(
        label="Employer or organisation",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not listed: type it below",
    )
    employer_name = line_field(
        "Employer or organisation, if not listed",
        help_text="For a foster carer, their fostering agency.",
    )
    sector = sector_select("Sector they work in", "Choose the sector the person works in")
    children_query = line_field(
        "Search for the children involved",
        help_text="A name, or a name and date of birth, as the referrer gave them.",
    )
    children = checkboxes_field(
        "Children involved",
        [],
        help_text="Tick each child the allegation is about. Search again to add more.",
    )
    kinds = checkboxes_field(
        "Which of the harm tests does it meet?",
        AllegationKind.choices,
        "Choose which of the harm tests the allegation meets",
        help_text="Tick all that apply. The person has, or may have:",
    )
    description = text_field(
        "What is alleged",
        "Describe the allegation",
        rows=8,
        help_text="What is said to have happened, when and where, and who saw or heard it.",
    )
    referred_by = line_field(
        "Referred by",
        "Say who made the referral",
        help_text="Name, role and organisation.",
    )
    referrer_sector = sector_select(
        "Sector the referral came from", "Choose where the referral came from"
    )
    received_at = date_field("Date received", "Enter the date the referral was received")
    received_time = time_field("Time received", "Enter the time the referral was received")

    def __init__(self, *args, subjects=(), children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = organisations()
        self.fields["subject"].choices = [
            *((str(p.pk), person_label(p, note)) for p, note in subjects),
            (NEW_SUBJECT, "Someone not in the index: enter their details"),
        ]
        self.fields["children"].choices = [(str(c.pk), person_label(c, n)) for c, n in children]
        for name in ("subject_query", "children_query"):
            self.fields[name].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})

    def without_errors(self) -> "ReferralForm":
        """The form as typed, without complaining: after a "Find" button, nothing is
        submitted yet."""
        self.full_clean()
        self._errors = ErrorDict()
        return self

    def clean(self):
        data = super().clean()
        if data.get("subject") == NEW_SUBJECT and not (data.get("subject_family_name") or ""):
            self.add_error("subject_family_name", "Enter the person's last name")
        if not data.get("employer") and not (data.get("employer_name") or "").strip():
            self.add_error("employer_name", "Choose the employer or type its name")
        return data

    def received(self) -> datetime:
        day, at = self.cleaned_data["received_at"], self.cleaned_data["received_time"]
        return timezone.make_aware(datetime.combine(day, at))
