from datetime import datetime, time

from django import forms
from django.utils import timezone

from everychild.core.forms import GovukDateField, GovukForm, VersionedForm
from everychild.frontdoor.models import (
    RAG,
    ConcernCategory,
    Consent,
    ContactOutcome,
    ContactSource,
    LawfulBasis,
    LevelOfNeed,
)
from everychild.organisations.models import Organisation, OrganisationKind
from everychild.people.matching import Identity

GENDER_CHOICES = [("F", "Female"), ("M", "Male"), ("U", "Other, or not known")]


class RaiseConcernForm(GovukForm):
    child_given_name = forms.CharField(label="First name", required=False, max_length=100)
    child_family_name = forms.CharField(label="Last name", required=False, max_length=100)
    child_other_names = forms.CharField(
        label="Other names the child is known by",
        required=False,
        max_length=300,
        help_text="Nicknames, other spellings, previous names. Separate them with semicolons.",
    )
    child_date_of_birth = GovukDateField(
        label="Date of birth", required=False, help_text="If you know it. For example, 7 3 2014"
    )
    child_age = forms.IntegerField(
        label="Age, if you do not know the date of birth",
        required=False,
        min_value=0,
        max_value=17,
        help_text="In whole years.",
    )
    child_gender = forms.ChoiceField(
        label="Sex", choices=GENDER_CHOICES, widget=forms.RadioSelect, initial="U"
    )
    child_address = forms.CharField(label="Address", required=False, max_length=300)
    child_postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    child_nhs_number = forms.CharField(
        label="NHS number", required=False, max_length=20, help_text="If you have it."
    )
    child_upn = forms.CharField(
        label="Unique Pupil Number (UPN)",
        required=False,
        max_length=20,
        help_text="Schools: from your management information system.",
    )
    category = forms.ChoiceField(
        label="What is the worry about?",
        choices=[("", "Choose the nearest"), *ConcernCategory.choices],
    )
    observed_on = GovukDateField(label="When did you see or hear it?", required=False)
    details = forms.CharField(
        label="What did you see or hear?",
        help_text="The facts, in the words used (the child's own words if they said something). "
        "Who was there. What you have already done.",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("child_postcode", "child_nhs_number"):
            self.fields[name].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["child_age"].widget.attrs["class"] += " govuk-input--width-3"
        self.fields["child_upn"].widget.attrs["class"] += " govuk-input--width-20"

    def identity(self) -> Identity:
        data = self.cleaned_data
        return Identity(
            given_name=data["child_given_name"],
            family_name=data["child_family_name"],
            other_names=tuple(n for n in data["child_other_names"].split(";") if n.strip()),
            date_of_birth=data["child_date_of_birth"],
            age=data["child_age"],
            gender=data["child_gender"],
            postcode=data["child_postcode"],
            nhs_number=data["child_nhs_number"],
            upn=data["child_upn"],
        )


class RagForm(VersionedForm):
    rag = forms.ChoiceField(label="RAG rating", choices=RAG.choices, widget=forms.RadioSelect)


class ConsentForm(VersionedForm):
    consent = forms.ChoiceField(
        label="Consent to share information", choices=Consent.choices, widget=forms.RadioSelect
    )
    consent_reason = forms.CharField(
        label="Why consent was not sought, or why a refusal was overridden",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for sharing", choices=LawfulBasis.choices, widget=forms.RadioSelect
    )


class InformationRequestForm(GovukForm):
    agency = forms.ModelChoiceField(
        label="Agency to ask",
        queryset=Organisation.objects.exclude(kind=OrganisationKind.LOCAL_AUTHORITY),
        empty_label="Choose an agency",
    )
    question = forms.CharField(
        label="What do you need to know?", widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = GovukDateField(label="Reply needed by", help_text="By 5pm on this day.")

    def due_by(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.cleaned_data["due_on"], time(17)))


class ResponseForm(GovukForm):
    response = forms.CharField(
        label="What your agency knows",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Facts and dates. If you know nothing about the child, say so.",
    )
    responder_name = forms.CharField(
        label="Given by",
        required=False,
        max_length=200,
        help_text="If you are typing in another person's answer, their name and role.",
    )


class DecisionForm(VersionedForm):
    level_of_need = forms.TypedChoiceField(
        label="Level of need", choices=LevelOfNeed.choices, coerce=int, widget=forms.RadioSelect
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=ContactOutcome.choices,
        widget=forms.RadioSelect,
        help_text="Levels 1 and 2: advice, signposting or early help. Level 3: early help. "
        "Level 4: referral or an immediate strategy discussion.",
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you weighed: the worry, the child's history, what partners said.",
    )


class SignOffForm(VersionedForm):
    agree = forms.TypedChoiceField(
        label="Do you agree with the decision?",
        choices=[("yes", "Yes, sign it off"), ("no", "No, return it to be made again")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Manager's note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required if you return the decision.",
    )


class ConfirmChildForm(VersionedForm):
    person = forms.ChoiceField(label="Who is this child?", widget=forms.RadioSelect)

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(c.person.pk), c.person.full_name) for c in candidates]
        self.fields["person"].choices = [*choices, ("new", "None of these: a new record")]


class ContactRecordForm(GovukForm):
    source = forms.ChoiceField(
        label="How did it arrive?",
        choices=[c for c in ContactSource.choices if c[0] != ContactSource.CONCERN],
        widget=forms.RadioSelect,
    )
    summary = forms.CharField(
        label="What was said",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Who called or wrote, their relationship to the child, and the worry.",
    )
    reason = forms.CharField(
        label="Why is the front door opening this child's record?",
        required=False,  # asked only when it would open one (the service decides)
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="No agency has referred this child and the front door cannot yet see their "
        "record. Recording this contact opens it; the data protection officer reviews why.",
    )
