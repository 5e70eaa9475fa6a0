"""Django forms rendered in the GOV.UK Design System's markup.

`GovukForm` adds the GOV.UK classes to each widget and renders fields through
templates/forms/govuk_field.html; `GovukDateField` is the GOV.UK date input
(day, month and year boxes) with the Design System's error messages.
"""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from everychild.core.errors import DomainError


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
    """GOV.UK classes on every widget, and services' refusals shown against their field."""

    default_renderer = GovukRenderer

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = _WIDGET_CLASSES.get(type(field.widget))
            if css:
                existing = field.widget.attrs.get("class", "")
                field.widget.attrs["class"] = f"{css} {existing}".strip()

    def add_domain_error(self, error: DomainError) -> None:
        """Show a service's refusal against the field it names, or the whole form."""
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class GovukForm(GovukFormMixin, forms.Form):
    pass
