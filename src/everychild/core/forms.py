"""The UI kit's forms: Django forms rendered in the GOV.UK Design System's markup.

`GovukForm` adds the GOV.UK classes to each widget and renders fields through
templates/forms/govuk_field.html; `GovukDateField` is the GOV.UK date input (day, month and
year boxes) with the Design System's error messages. Long choices are stacked radios
(`RADIOS`) and multiple choices checkboxes (`CHECKBOXES`); the field factories below give
every app the same labels, hints and error messages. `VersionedForm` carries the version of
the record the user started from (core.versioning), and the staff fields choose people who
work for the partnership.
"""

import re
from collections import defaultdict
from datetime import date, time

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from everychild.core.errors import DomainError
from everychild.core.versioning import EditConflict


class GovukRenderer(TemplatesSetting):
    field_template_name = "forms/govuk_field.html"


_WIDGET_CLASSES = {
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.NumberInput: "govuk-input",
    forms.PasswordInput: "govuk-input",
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
}


class DateWidget(forms.MultiWidget):
    template_name = "forms/govuk_date_widget.html"

    def __init__(self, attrs=None):
        part = {"class": "govuk-input govuk-date-input__input", "inputmode": "numeric"}
        super().__init__(
            [
                forms.TextInput({**part, "class": part["class"] + " govuk-input--width-2"}),
                forms.TextInput({**part, "class": part["class"] + " govuk-input--width-2"}),
                forms.TextInput({**part, "class": part["class"] + " govuk-input--width-4"}),
            ],
            attrs,
        )

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, label in zip(
            context["widget"]["subwidgets"], ("Day", "Month", "Year"), strict=True
        ):
            subwidget["label"] = label
        return context


class GovukDateField(forms.MultiValueField):
    widget = DateWidget

    def __init__(self, **kwargs):
        parts = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(parts, require_all_fields=False, **kwargs)

    def compress(self, values):
        if not values or not any(values):
            return None
        day, month, year = ((v or "").strip() for v in values)
        label = (self.label or "date").lower()
        if not (day and month and year):
            missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
            raise ValidationError(f"The {label} must include a {' and '.join(missing)}.")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"The {label} must be a real date.")
        try:
            return date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(f"The {label} must be a real date.") from error


class GovukFormMixin:
    """GOV.UK classes on every widget, and services' refusals shown against their field.

    `domain_fields` maps a field a service names in its refusal to the field of this form
    that shows it, where they differ (e.g. {"worker": "allocate_to"})."""

    default_renderer = GovukRenderer
    domain_fields: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = _WIDGET_CLASSES.get(type(field.widget))
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{css} {existing}".strip()

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's refusal against the field it names, or the whole form."""
        field = self.domain_fields.get(error.field, error.field)
        self.add_error(field if field in self.fields else None, error.message)


class GovukForm(GovukFormMixin, forms.Form):
    pass


class VersionedForm(GovukForm):
    """Carries the version of the record the user started from (no lost updates).

    Refused with an EditConflict (someone saved the record after the user opened it), the
    form keeps the user's unsaved values, now carrying the version the other person saved,
    so that saving again after reading theirs succeeds; `conflict` is then the refusal (its
    `current` the record as they saved it), for the page to show both (core.ui.comparison)
    with HTTP 409 (core.ui.status)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    conflict: EditConflict | None = None

    def add_domain_error(self, error: DomainError) -> None:
        if isinstance(error, EditConflict):
            data = self.data.copy()
            data[self.add_prefix("version")] = str(error.current.version)
            self.data = data
            self.full_clean()
            self.conflict = error
        super().add_domain_error(error)


# ---- field factories ------------------------------------------------------------------------

RADIOS = "core/fields/radios.html"
CHECKBOXES = "core/fields/checkboxes.html"
YES_NO = [("yes", "Yes"), ("no", "No")]
DATE_HINT = "For example, 27 3 2026"


def yes_no(value: bool | None) -> str:
    """A stored yes/no as the radios' value."""
    return "" if value is None else ("yes" if value else "no")


def yes_no_field(
    label: str,
    *,
    required: bool = False,
    help_text: str = "",
    message: str = "",
    yes: str = "Yes",
    no: str = "No",
):
    """Yes or no as radios (their labels may say more: "Yes, agree it"); cleans to a bool."""
    return forms.TypedChoiceField(
        label=label,
        choices=[("yes", yes), ("no", no)],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect,
        error_messages={"required": message or "Select yes or no"},
    )


def date_field(
    label: str, message: str = "", *, required: bool | None = None, help_text: str = ""
) -> GovukDateField:
    """A GOV.UK date; required when there is a message for its absence, unless said."""
    errors = {"incomplete": f"{label} must include a day, month and year"}
    if message:
        errors["required"] = message
    return GovukDateField(
        label=label,
        required=bool(message) if required is None else required,
        help_text=help_text or DATE_HINT,
        error_messages=errors,
    )


def text_field(
    label: str, message: str = "", *, rows: int = 5, help_text: str = "", max_length=20000
) -> forms.CharField:
    """A text area; required when there is a message for its absence."""
    return forms.CharField(
        label=label,
        required=bool(message),
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message},
    )


def line_field(
    label: str, message: str = "", *, help_text: str = "", max_length: int = 200
) -> forms.CharField:
    """A one-line text input; required when there is a message for its absence."""
    return forms.CharField(
        label=label,
        required=bool(message),
        help_text=help_text,
        max_length=max_length,
        error_messages={"required": message},
    )


_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


class GovukTimeField(forms.CharField):
    """A time of day on the 24-hour clock, typed as 14:30 (or 14.30); cleans to a time."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        match = _TIME.match(value)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise ValidationError("Enter the time like 14:30")
        return time(int(match[1]), int(match[2]))


def time_field(label: str, message: str = "") -> GovukTimeField:
    """A time of day; required when there is a message for its absence."""
    return GovukTimeField(
        label=label,
        required=bool(message),
        max_length=5,
        help_text="Use the 24-hour clock, for example 14:30",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={"required": message},
    )


def radios_field(label: str, choices, message: str = "", **kwargs) -> forms.ChoiceField:
    """Stacked radios; required when there is a message for its absence, unless said."""
    kwargs.setdefault("required", bool(message))
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        template_name=RADIOS,
        error_messages={"required": message},
        **kwargs,
    )


def checkboxes_field(label: str, choices, message: str = "", **kwargs):
    kwargs.setdefault("required", bool(message))
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        template_name=CHECKBOXES,
        error_messages={"required": message},
        **kwargs,
    )


# ---- choosing staff -------------------------------------------------------------------------


def staff_label(staff) -> str:
    """'Name, job title, organisation' for a member of staff."""
    parts = [str(staff)]
    if staff.job_title:
        parts.append(staff.job_title)
    if staff.organisation_id:
        parts.append(str(staff.organisation))
    return ", ".join(parts)


class StaffCheckboxes(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return staff_label(obj)


class GroupedStaffField(forms.ChoiceField):
    """One member of staff from a select grouped by organisation; cleans to the Staff."""

    def __init__(self, *, queryset=None, empty_label="Choose a person", **kwargs):
        super().__init__(**kwargs)
        self.empty_label = empty_label
        self.set_queryset(queryset)

    def set_queryset(self, queryset) -> None:
        self.queryset = queryset
        if queryset is None:
            self.choices = []
            return
        groups: dict[str, list] = defaultdict(list)
        for staff in queryset.select_related("organisation"):
            who = str(staff) + (f", {staff.job_title}" if staff.job_title else "")
            groups[str(staff.organisation or "Other")].append((str(staff.pk), who))
        self.choices = [("", self.empty_label), *sorted(groups.items())]

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        return self.queryset.get(pk=int(value))
