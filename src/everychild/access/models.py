from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from everychild.organisations.models import Organisation, Team
from everychild.people.models import Person


class InvolvementKind(models.TextChoices):
    ALLOCATED_WORKER = "allocated_worker", "Allocated social worker"
    CASE_TEAM = "case_team", "Team holding the case"
    FRONT_DOOR = "front_door", "Front door (MASH) screening"
    LEAD_PROFESSIONAL = "lead_professional", "Lead professional"
    PLAN_MEMBER = "plan_member", "Member of the child's plan"
    CONFERENCE_MEMBER = "conference_member", "Child protection conference member"
    CONFERENCE_CHAIR = "conference_chair", "Conference chair or IRO"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    SCHOOL = "school", "School attended"
    GP = "gp", "Registered GP practice"
    HEALTH = "health", "Health professional"
    OTHER = "other", "Other professional"


# Involvements that give partner practitioners more than the minimal view: being part of
# the child's plan. A school or GP registration alone does not.
PLAN_KINDS = frozenset(
    {
        InvolvementKind.LEAD_PROFESSIONAL,
        InvolvementKind.PLAN_MEMBER,
        InvolvementKind.CONFERENCE_MEMBER,
    }
)
# Involvements of children's social care itself: the child is "known to CSC" while one runs.
SOCIAL_CARE_KINDS = frozenset(
    {
        InvolvementKind.ALLOCATED_WORKER,
        InvolvementKind.CASE_TEAM,
        InvolvementKind.FRONT_DOOR,
        InvolvementKind.CONFERENCE_CHAIR,
        InvolvementKind.PERSONAL_ADVISER,
    }
)


class InvolvementQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            models.Q(started_on__isnull=True) | models.Q(started_on__lte=on),
            models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=on),
        )


class Involvement(models.Model):
    """A professional's, team's or agency's legitimate relationship with a child.

    Access to a child's record follows these (see access.policy); the child's page lists the
    current ones as "professionals involved".
    """

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="involvements")
    kind = models.CharField(max_length=30, choices=InvolvementKind.choices)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="involvements"
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InvolvementQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["staff", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
            models.Index(fields=["child", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(staff__isnull=False)
                | models.Q(team__isnull=False)
                | models.Q(organisation__isnull=False),
                name="involvement_names_someone",
            )
        ]

    def __str__(self) -> str:
        who = self.staff or self.team or self.organisation
        return f"{who}: {self.get_kind_display()}"

    def clean(self):
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": "The end date must be after the start date."})


class RecordRestriction(models.Model):
    """A record only named staff may open (a sealed adoption, a staff member's relative, ...)."""

    child = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="restriction")
    reason = models.TextField()
    restricted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    restricted_at = models.DateTimeField(default=timezone.now)
    named_staff = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="restricted_grants")

    def __str__(self) -> str:
        return f"Restriction on {self.child}"


class AccessKind(models.TextChoices):
    BREAK_GLASS = "break_glass", "Break glass"
    # The front door recorded a contact of its own on a child nobody had referred: its
    # involvement opens the record, so the opening is reviewed like breaking glass.
    FRONT_DOOR = "front_door", "Front door opened the record"


class BreakGlass(models.Model):
    """Access to a record the user had no relationship with, with a stated reason: emergency
    read access for a few hours (break glass), or the front door opening a record with a
    contact of its own. Every one is flagged for the data protection officer to review.
    """

    kind = models.CharField(
        max_length=20, choices=AccessKind.choices, default=AccessKind.BREAK_GLASS
    )

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass"
    )
    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="break_glass")
    reason = models.TextField()
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    review_concern = models.BooleanField(
        default=False, help_text="The reviewer found the access was not justified."
    )

    class Meta:
        indexes = [models.Index(fields=["staff", "child", "expires_at"])]
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Break-glass by {self.staff} on {self.child} at {self.opened_at:%Y-%m-%d %H:%M}"
