"""Forms for missing children and return home interviews (GOV.UK markup, core.forms).

A moment is asked as a GOV.UK date input and a time on the 24-hour clock; the form joins
them into an aware date-time in the borough's time zone (`started_at`, `ended_at`, ...).
The forms parse what was typed; every rule (who may act, dates in order, the 72 hours, what
an accepted or declined interview needs) is the services' (care/services/missing.py).
"""

import re
from datetime import datetime, time

from django import forms
from django.utils import timezone

from everychild.care.models import ExploitationRisk, MissingEpisode
from everychild.core.codes import MissingType
from everychild.core.errors import DomainError
from everychild.core.forms import RADIOS, GovukForm, date_field, radios_field, text_field

_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.]?\s*(\d{2})\s*$")


class TimeField(forms.CharField):
    """A time on the 24-hour clock: '14:30', '14.30' or '1430'."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Use the 24-hour clock, for example 14:30")
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "govuk-input--width-5", "inputmode": "numeric"})

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        match = _TIME.match(value) if len(value) <= 10 else None
        if match:
            hour, minute = int(match[1]), int(match[2])
            if hour < 24 and minute < 60:
                return time(hour, minute)
        raise forms.ValidationError(
            f"{self.label} must be a real time on the 24-hour clock, for example 14:30"
        )


def _time(label: str, message: str, *, required: bool = True) -> TimeField:
    return TimeField(label=label, required=required, error_messages={"required": message})


def _moment(day, at) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


class MomentForm(GovukForm):
    """A form whose (date, time) field pairs become aware date-times in cleaned_data, and
    whose services' refusals about those date-times show against the date."""

    moments: dict[str, tuple[str, str]] = {}  # service field -> (date field, time field)

    def clean(self):
        data = super().clean()
        for name, (day_field, time_field) in self.moments.items():
            day, at = data.get(day_field), data.get(time_field)
            data[name] = _moment(day, at) if day and at else None
            if bool(day) != bool(at) and self.fields[day_field].required is False:
                missing = time_field if day else day_field
                if missing not in self.errors:
                    self.add_error(missing, self.fields[missing].error_messages["required"])
        return data

    def add_domain_error(self, error: DomainError) -> None:
        for name, (day_field, _) in self.moments.items():
            if error.field == name:
                self.add_error(day_field, error.message)
                return
        super().add_domain_error(error)


class MissingReportForm(MomentForm):
    moments = {"started_at": ("started_on", "started_time")}

    started_on = date_field("Date they went missing", "Enter the date the child went missing")
    started_time = _time("Time they went missing", "Enter the time the child went missing")
    missing_from = radios_field(
        "Missing from",
        MissingEpisode.From.choices,
        "Choose where the child went missing from",
    )
    missing_type = radios_field(
        "Missing or away?",
        MissingType.choices,
        "Choose whether the child is missing or away without authorisation",
        help_text="Away from placement without authorisation is only for a child in care "
        "whose whereabouts are known.",
    )
    police_reference = forms.CharField(
        label="Police reference (if known)", required=False, max_length=40
    )
    exploitation_risk = radios_field(
        "Risk of exploitation",
        ExploitationRisk.choices,
        "Choose the risk of exploitation, or none identified",
        initial=ExploitationRisk.NONE_IDENTIFIED,
    )


class MissingReturnForm(MomentForm):
    moments = {"ended_at": ("ended_on", "ended_time")}

    ended_on = date_field("Date they came back", "Enter the date the child came back")
    ended_time = _time("Time they came back", "Enter the time the child came back")
    where_found = text_field(
        "Where were they found?",
        "Say where the child was found, or how they came back",
        help_text="An address or place, who they were with, or that they came back by themselves.",
        rows=4,
    )
    exploitation_risk = radios_field(
        "Risk of exploitation",
        ExploitationRisk.choices,
        "Choose the risk of exploitation, or none identified",
        help_text="As now known, after their return.",
    )


class InterviewOfferForm(MomentForm):
    moments = {"offered_at": ("offered_on", "offered_time")}

    offered_on = date_field("Date offered", "Enter the date the interview was offered")
    offered_time = _time("Time offered", "Enter the time the interview was offered")


class InterviewRecordForm(MomentForm):
    moments = {"held_at": ("held_on", "held_time")}

    accepted = forms.TypedChoiceField(
        label="Did the child accept the interview?",
        choices=[("yes", "Yes"), ("no", "No, they declined")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        template_name=RADIOS,
        error_messages={"required": "Choose whether the child accepted the interview"},
    )
    held_on = date_field("Date held", "Enter the date the interview was held", required=False)
    held_time = _time("Time held", "Enter the time the interview was held", required=False)
    interviewer = forms.TypedChoiceField(
        label="Who held it?", required=False, coerce=int, empty_value=None, choices=[]
    )
    child_words = text_field(
        "What the child said",
        rows=6,
        help_text="In the child's own words where you can.",
    )
    push_factors = text_field(
        "Why they went missing",
        rows=4,
        help_text="Push and pull factors: what made them leave, where they went and who with.",
    )
    declined_reason = text_field("Why did the child decline?", rows=3)

    def __init__(self, *args, interviewers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "held_on"
        ].help_text = "Leave the date and time empty if the interview is still to be held."
        self.fields["interviewer"].choices = [("", "Me")] + [
            (str(s.pk), str(s)) for s in interviewers
        ]
