from django import forms

from everychild.core.forms import GovukForm


class BreakGlassForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need to see this record now?",
        help_text="For example: out-of-hours police call about the child's safety tonight. "
        "The data protection officer will read this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


class BreakGlassReviewForm(GovukForm):
    justified = forms.TypedChoiceField(
        label="Was this access justified?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this access was justified."},
    )
    note = forms.CharField(
        label="Review note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required if the access was not justified.",
        max_length=2000,
    )
