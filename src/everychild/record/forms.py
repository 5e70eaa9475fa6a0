from django import forms

from everychild.core.forms import GovukDateField, GovukForm


class SearchForm(GovukForm):
    text = forms.CharField(
        label="Name",
        required=False,
        max_length=200,
        help_text="Any names the child is known by, in any order. Spelling need not be exact.",
    )
    date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="For example, 27 3 2012"
    )
    nhs_number = forms.CharField(
        label="NHS number", required=False, max_length=20, help_text="10 digits"
    )
    upn = forms.CharField(
        label="Unique Pupil Number (UPN)", required=False, max_length=20, help_text="13 characters"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.update({"spellcheck": "false", "autocomplete": "off"})
        self.fields["nhs_number"].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["upn"].widget.attrs["class"] += " govuk-input--width-20"
