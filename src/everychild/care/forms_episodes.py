"""Forms for coming into care, changes of legal status and placement, leaving care and
carers, in the GOV.UK Design System's markup (core.forms). The rules live in
care/services/episodes.py: these forms only parse what the user typed."""

from django import forms

from everychild.care.models import Carer, CarerKind
from everychild.core.codes import (
    LegalStatus,
    PlacementProvider,
    PlacementType,
    PrimaryNeed,
    ReasonEpisodeCeased,
    ReasonPlacementChange,
)
from everychild.core.forms import GovukDateField, GovukForm, date_field

CARE_NEEDS = [
    (c.value, f"{c.value}: {c.label}") for c in PrimaryNeed if c.value not in {"N9", "N0"}
]
LEAVING_REASONS = [(c.value, f"{c.value}: {c.label}") for c in ReasonEpisodeCeased if c != "X1"]


def _coded(choices, empty: str) -> list[tuple[str, str]]:
    """A select's options: an empty first choice, then "CODE: words"."""
    pairs = (
        choices
        if isinstance(choices, list)
        else [(c.value, f"{c.value}: {c.label}") for c in choices]
    )
    return [("", empty), *pairs]


def _select(label: str, choices, empty: str, message: str = "", *, help_text: str = ""):
    return forms.ChoiceField(
        label=label,
        choices=_coded(choices, empty),
        required=bool(message),
        help_text=help_text,
        error_messages={"required": message},
    )


class CarerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Carer) -> str:
        return f"{obj.name} ({obj.get_kind_display()}, {obj.postcode})"


def _carer_field(queryset, label: str):
    return CarerChoice(
        label=label,
        queryset=queryset,
        empty_label="Choose a carer",
        error_messages={"required": "Choose the carer", "invalid_choice": "Choose the carer"},
    )


PLACEMENT_TYPE_HINT = (
    "P1 is only with the child's parents, A3 to A6 only with prospective adopters and K2 only "
    "with a children's home."
)


def _matched():
    return GovukDateField(
        label="Date the match with the carer was agreed (optional)",
        required=False,
        help_text="When the carer and the child were matched, on or before the move. "
        "For example, 27 3 2026",
        error_messages={
            "incomplete": "The date of the match must include a day, month and year",
        },
    )


def _distance():
    return forms.DecimalField(
        label="Distance from home, in miles (optional)",
        required=False,
        min_value=0,
        max_digits=5,
        decimal_places=1,
        help_text="From the postcode the child lived at when they came into care.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "govuk-input--width-5"}),
        error_messages={"invalid": "Enter the distance as a number of miles, like 4.5"},
    )


class CareStartForm(GovukForm):
    started_on = date_field(
        "Date the child came into care", "Enter the date the child came into care"
    )
    legal_status = _select(
        "Legal status", LegalStatus, "Choose a legal status", "Choose the legal status"
    )
    category_of_need = _select(
        "Category of need", CARE_NEEDS, "Choose a category of need", "Choose the category of need"
    )
    carer = _carer_field(Carer.objects.none(), "Carer")
    placement_type = _select(
        "Placement type",
        PlacementType,
        "Choose a placement type",
        "Choose the placement type",
        help_text=PLACEMENT_TYPE_HINT,
    )
    home_postcode = forms.CharField(
        label="Home postcode (optional)",
        required=False,
        max_length=10,
        help_text="Where the child lived when they came into care.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )
    distance_miles = _distance()
    matched_on = _matched()

    def __init__(self, *args, carers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers if carers is not None else Carer.objects.all()


class LegalStatusChangeForm(GovukForm):
    on = date_field("Date of the change", "Enter the date of the change")
    legal_status = _select(
        "New legal status", LegalStatus, "Choose a legal status", "Choose the new legal status"
    )


class PlacementChangeForm(GovukForm):
    on = date_field("Date of the move", "Enter the date of the move")
    carer = _carer_field(Carer.objects.none(), "New carer")
    placement_type = _select(
        "Placement type",
        PlacementType,
        "Choose a placement type",
        "Choose the placement type",
        help_text=PLACEMENT_TYPE_HINT,
    )
    reason_for_change = _select(
        "Reason for the change",
        ReasonPlacementChange,
        "Choose a reason",
        help_text="Why the last placement ended. Leave it empty for a move into or out of a "
        "temporary placement (T0 to T4).",
    )
    distance_miles = _distance()
    matched_on = _matched()

    def __init__(self, *args, carers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers if carers is not None else Carer.objects.all()


class CareEndForm(GovukForm):
    on = date_field("Date the child left care", "Enter the date the child left care")
    reason_ceased = _select(
        "Reason the child left care",
        LEAVING_REASONS,
        "Choose a reason",
        "Choose the reason the child left care",
        help_text="Adopted (E11, E12) only once the adoption order is recorded.",
    )


class CarerForm(GovukForm):
    name = forms.CharField(
        label="Name of the carer or setting",
        max_length=200,
        error_messages={"required": "Enter the carer's name"},
    )
    kind = _select(
        "Kind of carer", list(CarerKind.choices), "Choose a kind", "Choose the kind of carer"
    )
    provider = _select(
        "Placement provider",
        PlacementProvider,
        "Choose a provider",
        "Choose the placement provider",
    )
    urn = forms.CharField(
        label="Ofsted URN",
        required=False,
        max_length=8,
        help_text="Required for a children's home, for example SC123456.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
        error_messages={"required": "Enter the carer's postcode"},
    )
    capacity = forms.IntegerField(
        label="How many children the carer can look after",
        min_value=1,
        max_value=99,
        initial=1,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        error_messages={"required": "Enter how many children the carer can look after"},
    )
    approved_on = GovukDateField(
        label="Date approved (optional)", required=False, help_text="For example, 27 3 2026"
    )
