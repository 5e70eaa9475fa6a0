from django.contrib import auth
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models

from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    SCHOOL = "school", "School"
    EARLY_YEARS = "early_years", "Early years setting"
    GP_PRACTICE = "gp_practice", "GP practice"
    HEALTH_TRUST = "health_trust", "Health trust"
    POLICE = "police", "Police"
    VOLUNTARY = "voluntary", "Voluntary or community group"
    FAITH = "faith", "Faith group"
    HOUSING = "housing", "Housing provider"
    OTHER = "other", "Other"


class Organisation(models.Model):
    """An agency in the partnership: the council, a school, a GP practice, the police, ..."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=OrganisationKind.choices)
    urn = models.CharField(
        "unique reference number", max_length=8, blank=True, help_text="Schools: DfE URN"
    )
    ods_code = models.CharField(
        "ODS code", max_length=10, blank=True, help_text="NHS organisations and GP practices"
    )
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"], condition=~models.Q(urn=""), name="organisation_urn_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.urn and not (self.urn.isdigit() and len(self.urn) == 6):
            raise ValidationError({"urn": "A school URN is six digits."})
        if self.urn and self.kind not in {OrganisationKind.SCHOOL, OrganisationKind.EARLY_YEARS}:
            raise ValidationError({"urn": "Only schools and early years settings have a URN."})


class TeamKind(models.TextChoices):
    FRONT_DOOR = "front_door", "Front door (MASH)"
    ASSESSMENT = "assessment", "Assessment"
    CHILD_IN_NEED = "child_in_need", "Child in need and child protection"
    CHILDREN_IN_CARE = "children_in_care", "Children in care"
    LEAVING_CARE = "leaving_care", "Leaving care"
    DISABLED_CHILDREN = "disabled_children", "Disabled children"
    EARLY_HELP = "early_help", "Early help"
    SAFEGUARDING = "safeguarding", "Safeguarding and reviewing (chairs and IROs)"
    LADO = "lado", "LADO"
    PERFORMANCE = "performance", "Performance and intelligence"
    PARTNER = "partner", "Partner agency team"
    OTHER = "other", "Other"


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=TeamKind.choices)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Staff(AbstractUser):
    """Anyone who signs in: council staff and partner practitioners alike."""

    role = models.CharField(max_length=30, choices=Role.choices, default=Role.PARTNER)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    job_title = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    teams = models.ManyToManyField(Team, through="TeamMembership", related_name="members")

    class Meta:
        verbose_name = "staff member"
        verbose_name_plural = "staff"
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_social_care(self) -> bool:
        return self.role in SOCIAL_CARE_ROLES

    def has_perm(self, perm, obj=None) -> bool:
        """As Django's, except that a permission on one record (a child's) comes from the
        backends alone: being a superuser of the admin site gives no right to a child's
        record (access.backends)."""
        if obj is None:
            return super().has_perm(perm)
        return self.is_active and any(
            backend.has_perm(self, perm, obj)
            for backend in auth.get_backends()
            if hasattr(backend, "has_perm")
        )


class TeamMembership(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="memberships")
    is_manager = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["team", "staff"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.staff} in {self.team}"
