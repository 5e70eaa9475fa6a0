from django import forms

from everychild.core.forms import GovukForm


class AlertCloseForm(GovukForm):
    note = forms.CharField(
        label="What did the front door do?", widget=forms.Textarea(attrs={"rows": 3})
    )
