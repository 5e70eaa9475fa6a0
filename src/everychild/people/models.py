"""The person index: one record per person, whatever agency first met them."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from everychild.core.calendar import age_in_years
from everychild.core.codes import Disability, Ethnicity, Gender, Language, Religion, label_for
from everychild.core.models import RecordedModel
from everychild.people import identifiers


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    UNBORN = "unborn", "Unborn child"
    ADULT = "adult", "Adult"


class Person(RecordedModel):
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.CHILD)
    given_name = models.CharField(max_length=100, blank=True)
    middle_names = models.CharField(max_length=200, blank=True)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True, db_index=True)
    date_of_birth_estimated = models.BooleanField(
        default=False, help_text="The date of birth is an estimate (for example, from age)."
    )
    expected_date = models.DateField(
        "expected date of birth", null=True, blank=True, help_text="Unborn children only."
    )
    died_on = models.DateField(null=True, blank=True)
    gender = models.CharField(max_length=1, choices=Gender.choices, default=Gender.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, blank=True)
    first_language = models.CharField(max_length=4, choices=Language.choices, blank=True)
    interpreter_needed = models.BooleanField(default=False)
    religion = models.CharField(max_length=20, choices=Religion.choices, blank=True)
    disabilities = models.JSONField(
        default=list, blank=True, help_text="CIN census disability codes; ['NONE'] if none."
    )
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn = models.CharField("Unique Pupil Number", max_length=13, blank=True)
    identity_verified = models.BooleanField(
        default=True,
        help_text="False when the person was created from a partner's report and nobody has "
        "yet confirmed who they are.",
    )

    class Meta:
        ordering = ["family_name", "given_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nhs_number"],
                condition=~models.Q(nhs_number=""),
                name="person_nhs_unique",
                violation_error_message="Someone in the index already has this NHS number: "
                "search for them before adding a new person.",
            ),
            models.UniqueConstraint(
                fields=["upn"],
                condition=~models.Q(upn=""),
                name="person_upn_unique",
                violation_error_message="Someone in the index already has this UPN: "
                "search for them before adding a new person.",
            ),
        ]
        indexes = [models.Index(fields=["kind", "date_of_birth"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or "(no name)"

    @property
    def nhs_number_display(self) -> str:
        return identifiers.format_nhs_number(self.nhs_number)

    @property
    def disability_labels(self) -> str:
        return ", ".join(label_for(Disability, code) for code in self.disabilities)

    @property
    def is_child(self) -> bool:
        return self.kind in {PersonKind.CHILD, PersonKind.UNBORN}

    def age(self, on: date | None = None) -> int | None:
        if self.date_of_birth is None:
            return None
        return age_in_years(self.date_of_birth, on or timezone.localdate())

    def clean(self):
        errors = {}
        if self.nhs_number:
            try:
                self.nhs_number = identifiers.clean_nhs_number(self.nhs_number)
            except ValueError as error:
                errors["nhs_number"] = str(error)
        if self.upn:
            try:
                self.upn = identifiers.clean_upn(self.upn)
            except ValueError as error:
                errors["upn"] = str(error)
        if self.kind == PersonKind.UNBORN:
            if not self.expected_date:
                errors["expected_date"] = "An unborn child needs an expected date of birth."
            if self.date_of_birth:
                errors["date_of_birth"] = "An unborn child has no date of birth yet."
        elif self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = "The date of birth cannot be in the future."
        unknown = [code for code in self.disabilities if code not in Disability.values]
        if unknown:
            errors["disabilities"] = f"Unknown disability codes: {', '.join(unknown)}."
        elif Disability.NONE in self.disabilities and len(self.disabilities) > 1:
            errors["disabilities"] = "'No disability' cannot be combined with a disability."
        if errors:
            raise ValidationError(errors)


class NameKind(models.TextChoices):
    CURRENT = "current", "Current name"
    PREVIOUS = "previous", "Previous name"
    ALIAS = "alias", "Also known as"
    SPELLING = "spelling", "Other spelling"


class PersonName(models.Model):
    """Every name a person is or was known by, with search keys (see people.names).

    The current name is held here as well as on Person, so that search looks in one table.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(max_length=10, choices=NameKind.choices)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    used_from = models.DateField(null=True, blank=True)
    used_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Who knew them by it.")
    given_norm = models.CharField(max_length=100, blank=True)
    family_norm = models.CharField(max_length=100, blank=True)
    full_norm = models.CharField(max_length=201, blank=True)
    given_key = models.CharField(max_length=50, blank=True)
    family_key = models.CharField(max_length=50, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["family_key", "given_key"], name="name_family_given_key"),
            models.Index(fields=["given_key", "family_key"], name="name_given_family_key"),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Address(models.Model):
    line_1 = models.CharField(max_length=200)
    line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100, default="London")
    postcode = models.CharField(max_length=10, db_index=True)
    uprn = models.CharField("UPRN", max_length=12, blank=True)

    class Meta:
        verbose_name_plural = "addresses"

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


class PersonAddress(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    address = models.ForeignKey(Address, on_delete=models.PROTECT, related_name="residents")
    moved_in = models.DateField(null=True, blank=True)
    moved_out = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-moved_in"]
        indexes = [models.Index(fields=["address", "moved_out"])]

    def __str__(self) -> str:
        return f"{self.person} at {self.address}"

    def clean(self):
        if self.moved_in and self.moved_out and self.moved_out < self.moved_in:
            raise ValidationError({"moved_out": "Moving out must be after moving in."})


class RelationshipKind(models.TextChoices):
    # Read as "<from_person> is the <kind> of <to_person>".
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    CARER = "carer", "Carer"
    GRANDPARENT = "grandparent", "Grandparent"
    AUNT_UNCLE = "aunt_uncle", "Aunt or uncle"
    SIBLING = "sibling", "Sibling"
    HALF_SIBLING = "half_sibling", "Half-sibling"
    PARTNER = "partner", "Partner"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    OTHER = "other", "Other"


# How a relationship reads from the other side.
INVERSE_LABELS = {
    RelationshipKind.PARENT: "Child",
    RelationshipKind.STEP_PARENT: "Step-child",
    RelationshipKind.CARER: "Cared for",
    RelationshipKind.GRANDPARENT: "Grandchild",
    RelationshipKind.AUNT_UNCLE: "Niece or nephew",
    RelationshipKind.SIBLING: "Sibling",
    RelationshipKind.HALF_SIBLING: "Half-sibling",
    RelationshipKind.PARTNER: "Partner",
    RelationshipKind.HOUSEHOLD_MEMBER: "Household member",
    RelationshipKind.OTHER: "Other",
}


class Relationship(models.Model):
    from_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    to_person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices)
    parental_responsibility = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_person", "to_person", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_person=models.F("to_person")), name="relationship_not_self"
            ),
        ]
        indexes = [models.Index(fields=["to_person", "kind"])]

    def __str__(self) -> str:
        return f"{self.from_person} is the {self.get_kind_display().lower()} of {self.to_person}"
