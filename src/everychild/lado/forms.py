"""Forms for the LADO pages, in the GOV.UK Design System's markup (core.forms).

Long choices are stacked radios and multiple choices are checkboxes, rendered by the
casework field templates. The referral form finds the subject and the children without
JavaScript: its "Find" buttons post the form back with the people found offered as choices,
keeping everything already typed.
"""

import re
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict
from django.utils import timezone

from everychild.core.forms import (
    CHECKBOXES,
    RADIOS,
    GovukForm,
    GroupedStaffField,
    checkboxes_field,
    date_field,
    radios_field,
    text_field,
)
from everychild.lado.models import (
    AllegationKind,
    Consequence,
    EmployerActionKind,
    InitialDecision,
    MeetingKind,
    Outcome,
    Sector,
)
from everychild.organisations.models import Organisation

NEW_SUBJECT = "new"
ACTION_ROWS = 3
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def _line(label: str, message: str = "", *, help_text: str = "", max_length: int = 200):
    return forms.CharField(
        label=label,
        required=bool(message),
        help_text=help_text,
        max_length=max_length,
        error_messages={"required": message},
    )


def _sector_select(label: str, message: str, *, help_text: str = ""):
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose a sector"), *Sector.choices],
        help_text=help_text,
        error_messages={"required": message},
    )


def _organisations():
    return Organisation.objects.filter(is_active=True).order_by("name")


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def clean_time(value: str) -> time:
    match = _TIME.match(value or "")
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise ValidationError("Enter the time like 14:30")
    return time(int(match[1]), int(match[2]))


# ---- receiving a referral -------------------------------------------------------------------


def person_label(person, extra: str = "") -> str:
    born = f"born {person.date_of_birth:%-d %B %Y}" if person.date_of_birth else "born: not known"
    return f"{person.full_name}, {born}" + (f" ({extra})" if extra else "")


class ReferralForm(GovukForm):
    """A referral to the LADO. `subjects` and `children` are the people the page offers
    (found by a search, or chosen before): each a (Person, note) pair."""

    subject_query = _line(
        "Search the person index for the person",
        help_text="Their name, as the referrer gave it. Spelling need not be exact.",
    )
    subject = forms.ChoiceField(
        label="Who is the allegation about?",
        widget=forms.RadioSelect,
        template_name=RADIOS,
        error_messages={"required": "Choose the person, or enter someone new"},
    )
    subject_given_name = _line("First name", max_length=100)
    subject_family_name = _line("Last name", max_length=100)
    subject_date_of_birth = date_field("Date of birth", help_text="If known. For example, 7 3 1984")
    subject_role = _line(
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
    employer_name = _line(
        "Employer or organisation, if not listed",
        help_text="For a foster carer, their fostering agency.",
    )
    sector = _sector_select("Sector they work in", "Choose the sector the person works in")
    children_query = _line(
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
    referred_by = _line(
        "Referred by",
        "Say who made the referral",
        help_text="Name, role and organisation.",
    )
    referrer_sector = _sector_select(
        "Sector the referral came from", "Choose where the referral came from"
    )
    received_at = date_field("Date received", "Enter the date the referral was received")
    received_time = forms.CharField(
        label="Time received",
        max_length=5,
        help_text="Use the 24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time the referral was received"},
    )

    def __init__(self, *args, subjects=(), children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = _organisations()
        self.fields["subject"].choices = [
            *((str(p.pk), person_label(p, note)) for p, note in subjects),
            (NEW_SUBJECT, "Someone not in the index: enter their details"),
        ]
        self.fields["children"].choices = [(str(c.pk), person_label(c, n)) for c, n in children]
        self.fields["received_time"].widget.attrs["class"] += " govuk-input--width-5"
        for name in ("subject_query", "children_query"):
            self.fields[name].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})

    def without_errors(self) -> "ReferralForm":
        """The form as typed, without complaining: after a "Find" button, nothing is
        submitted yet."""
        self.full_clean()
        self._errors = ErrorDict()
        return self

    def clean_received_time(self) -> time:
        return clean_time(self.cleaned_data["received_time"])

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


# ---- the allegation page's forms ------------------------------------------------------------


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
            self.fields[f"action_{n}"] = _line("What needs doing", max_length=2000)
            self.fields[f"action_{n}"].widget.attrs["class"] = "govuk-input"
            self.fields[f"owner_{n}"] = _line("Who will do it", help_text="Name and agency.")
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


# ---- the engagement log ---------------------------------------------------------------------


class EngagementForm(GovukForm):
    held_on = date_field("Date", "Enter the date of the session")
    organisation = OrganisationField(
        label="Organisation or group",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not listed: type it below",
    )
    organisation_name = _line("Organisation or group, if not listed")
    sector = _sector_select("Sector", "Choose the sector")
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
        self.fields["organisation"].queryset = _organisations()
        self.fields["people_reached"].widget.attrs["class"] += " govuk-input--width-5"
