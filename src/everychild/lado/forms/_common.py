"""What the LADO's forms share: the sector a person works in or a referral came from, and an
organisation chosen from the directory (or, if it is not listed, typed)."""

from django import forms

from everychild.lado.models import Sector
from everychild.organisations.models import Organisation


def sector_select(label: str, message: str, *, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", "Choose a sector"), *Sector.choices],
        help_text=help_text,
        error_messages={"required": message},
    )


def organisations():
    return Organisation.objects.filter(is_active=True).order_by("name")


class OrganisationField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name
