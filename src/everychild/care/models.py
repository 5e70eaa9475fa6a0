"""Children in care (looked after), missing children, care leavers, permanence and adoption.

The authority is these children's corporate parent. Episodes carry the SSDA903 items as
structured fields so the return is a query; every timescale is a Clock (core.clock).

Shapes:
- PeriodOfCare: one continuous spell in care, a run of CareEpisodes with no gaps or
  overlaps (services/episodes.py keeps the SSDA903 sequence rules).
- CareEpisode: one legal status and one placement; a change of either starts a new one.
- Placement: the child living with one Carer; spans one or more episodes.
- LookedAfterReview, IROChallenge, HealthAssessment, EducationPlan: the care plan's
  oversight. Statutory visits are casework CaseNotes of kind "visit".
- MissingEpisode and ReturnInterview: for any child, in care or not.
- ReturnHome: a plan to go home, the assessment behind it and the care order's revocation.
- CareLeaver, PathwayPlanReview, CareLeaverContact: leaving care and the OC3 items.
- PermanencePlan, Adoption: permanence options and the adoption milestones (A1, A2).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse

from everychild.core.codes import (
    CareLeaverAccommodation,
    CareLeaverActivity,
    CareLeaverInTouch,
    LegalStatus,
    MissingType,
    PlacementProvider,
    PlacementType,
    PrimaryNeed,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlacementChange,
    ReviewParticipation,
)
from everychild.core.models import Versioned
from everychild.frontdoor.models import Referral
from everychild.people.models import Person

STAFF = settings.AUTH_USER_MODEL


# ---- carers and placements ------------------------------------------------------------------


class CarerKind(models.TextChoices):
    IN_HOUSE_FOSTER = "in_house_foster", "In-house foster carer"
    AGENCY_FOSTER = "agency_foster", "Independent fostering agency carer"
    KINSHIP = "kinship", "Kinship or connected carer"
    CHILDRENS_HOME = "childrens_home", "Children's home"
    SUPPORTED_ACCOMMODATION = "supported", "Supported accommodation"
    PARENTS = "parents", "Parents (placed with parents)"
    ADOPTERS = "adopters", "Prospective adopters"
    OTHER = "other", "Other"


class Carer(models.Model):
    """A household or setting a child can be placed with."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=CarerKind.choices)
    provider = models.CharField(max_length=3, choices=PlacementProvider.choices)
    urn = models.CharField(
        "Ofsted URN", max_length=8, blank=True, help_text="Required for a children's home."
    )
    postcode = models.CharField(max_length=8)
    capacity = models.PositiveSmallIntegerField(default=1)
    approved_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="childrens_home") | ~models.Q(urn=""),
                name="childrens_home_has_urn",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PeriodOfCare(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="periods_of_care")
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="periods_of_care"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True, db_index=True)
    reason_ceased = models.CharField(max_length=3, choices=ReasonEpisodeCeased.choices, blank=True)
    category_of_need = models.CharField(max_length=2, choices=PrimaryNeed.choices)
    home_postcode = models.CharField(
        max_length=8, blank=True, help_text="Where the child lived when they came into care."
    )
    created_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_period_of_care",
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="period_of_care_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Period of care of {self.child} from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("care:child", args=[self.child_id])


class Placement(models.Model):
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="placements")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="placements")
    carer = models.ForeignKey(Carer, on_delete=models.PROTECT, related_name="placements")
    placement_type = models.CharField(max_length=3, choices=PlacementType.choices)
    provider = models.CharField(max_length=3, choices=PlacementProvider.choices)
    postcode = models.CharField(max_length=8)
    distance_miles = models.DecimalField(
        max_digits=5, decimal_places=1, null=True, blank=True, help_text="From the home postcode."
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    reason_for_change = models.CharField(
        max_length=6,
        choices=ReasonPlacementChange.choices,
        blank=True,
        help_text="Why this placement ended (when the child moved on in care).",
    )
    matched_on = models.DateField(
        null=True, blank=True, help_text="When the match with this carer was agreed."
    )

    class Meta:
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["child", "started_on"])]

    def __str__(self) -> str:
        return f"{self.child} with {self.carer} from {self.started_on:%d %b %Y}"


class CareEpisode(models.Model):
    """One SSDA903 episode: a single legal status and a single placement."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="episodes")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="care_episodes")
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="episodes")
    started_on = models.DateField()
    reason_new_episode = models.CharField(max_length=1, choices=ReasonNewEpisode.choices)
    legal_status = models.CharField(max_length=2, choices=LegalStatus.choices)
    category_of_need = models.CharField(max_length=2, choices=PrimaryNeed.choices)
    # The 903 placement items, copied from the placement when the episode opens (so an
    # episode is a faithful 903 row even if the placement record is later corrected).
    placement_type = models.CharField(max_length=3, choices=PlacementType.choices)
    placement_provider = models.CharField(max_length=3, choices=PlacementProvider.choices)
    placement_postcode = models.CharField(max_length=8)
    reason_placement_change = models.CharField(
        max_length=6, choices=ReasonPlacementChange.choices, blank=True
    )
    ended_on = models.DateField(null=True, blank=True)
    reason_ceased = models.CharField(max_length=3, choices=ReasonEpisodeCeased.choices, blank=True)

    class Meta:
        ordering = ["started_on", "pk"]
        indexes = [models.Index(fields=["child", "started_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_episode_per_period",
            ),
            models.UniqueConstraint(
                fields=["period", "started_on"], name="one_episode_per_period_and_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_legal_status_display()} / {self.placement_type} from {self.started_on}"


# ---- oversight of the care plan -------------------------------------------------------------


class LookedAfterReview(models.Model):
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="reviews")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="looked_after_reviews")
    held_on = models.DateField()
    due_on = models.DateField(help_text="When it was due (first, second or later review).")
    chair = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="chaired_lac_reviews")
    participation = models.CharField(max_length=3, choices=ReviewParticipation.choices)
    child_views = models.TextField("the child's views", blank=True)
    decisions = models.TextField(blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]
        indexes = [models.Index(fields=["child", "held_on"])]

    def __str__(self) -> str:
        return f"Looked-after review on {self.held_on:%d %b %Y}"


class ChallengeStage(models.TextChoices):
    INFORMAL = "informal", "Informal resolution"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    HEAD_OF_SERVICE = "head_of_service", "Head of service"
    DIRECTOR = "director", "Director"
    CAFCASS = "cafcass", "Referred to Cafcass"


class IROChallenge(models.Model):
    """The IRO's quality challenge about a child's care plan, tracked to resolution."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="iro_challenges")
    review = models.ForeignKey(
        LookedAfterReview,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    raised_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField()
    issue = models.TextField()
    respond_by = models.DateField()
    stage = models.CharField(max_length=20, choices=ChallengeStage.choices, default="informal")
    resolved_on = models.DateField(null=True, blank=True, db_index=True)
    resolution = models.TextField(blank=True)

    class Meta:
        ordering = ["-raised_on"]

    def __str__(self) -> str:
        return f"IRO challenge of {self.raised_on:%d %b %Y}"


class HealthAssessmentKind(models.TextChoices):
    INITIAL = "initial", "Initial health assessment"
    REVIEW = "review", "Review health assessment"


class HealthAssessment(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="health_assessments")
    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="health_assessments"
    )
    kind = models.CharField(max_length=10, choices=HealthAssessmentKind.choices)
    done_on = models.DateField()
    due_on = models.DateField()
    dental_check = models.BooleanField(default=False)
    immunisations_up_to_date = models.BooleanField(null=True, blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-done_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.done_on:%d %b %Y}"


class EducationPlan(models.Model):
    """A personal education plan (PEP) meeting."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="education_plans")
    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="education_plans"
    )
    held_on = models.DateField()
    due_on = models.DateField()
    school = models.CharField(max_length=200, blank=True)
    targets = models.TextField(blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"PEP on {self.held_on:%d %b %Y}"


# ---- missing children -----------------------------------------------------------------------


class ExploitationRisk(models.TextChoices):
    NONE_IDENTIFIED = "none", "None identified"
    SEXUAL = "cse", "Child sexual exploitation"
    CRIMINAL = "cce", "Child criminal exploitation (including county lines)"
    BOTH = "both", "Sexual and criminal exploitation"
    TRAFFICKING = "trafficking", "Trafficking"


class MissingEpisode(models.Model):
    """A child missing from home, school or care (any child, in care or not)."""

    class From(models.TextChoices):
        HOME = "home", "Home"
        SCHOOL = "school", "School"
        CARE = "care", "Care placement"

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="missing_episodes")
    missing_type = models.CharField(max_length=1, choices=MissingType.choices)
    missing_from = models.CharField(max_length=10, choices=From.choices)
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True, db_index=True)
    where_found = models.TextField(blank=True)
    exploitation_risk = models.CharField(
        max_length=12, choices=ExploitationRisk.choices, default="none"
    )
    reported_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")
    police_reference = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["child", "started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_at__isnull=True)
                | models.Q(ended_at__gt=models.F("started_at")),
                name="missing_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"Missing from {self.started_at:%d %b %Y %H:%M}"


class ReturnInterview(models.Model):
    """The independent return home interview, offered within 72 hours of return."""

    episode = models.OneToOneField(
        MissingEpisode, on_delete=models.PROTECT, related_name="return_interview"
    )
    offered_at = models.DateTimeField()
    accepted = models.BooleanField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    interviewer = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    declined_reason = models.TextField(blank=True)
    child_words = models.TextField("the child's words", blank=True)
    push_factors = models.TextField(blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Return interview offered {self.offered_at:%d %b %Y %H:%M}"


# ---- returning home -------------------------------------------------------------------------


class ReturnHome(Versioned):
    """A plan for a child to go home from care, and the care order's revocation if any."""

    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="returns_home")
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="returns_home")
    planned_on = models.DateField(help_text="When the plan to return home was agreed.")
    planned_return_on = models.DateField(null=True, blank=True)
    assessment = models.ForeignKey(
        "casework.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The assessment the plan rests on.",
    )
    revocation_needed = models.BooleanField(default=False)
    revocation_applied_on = models.DateField(null=True, blank=True)
    revocation_hearing_on = models.DateField(null=True, blank=True)
    revoked_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    abandoned_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    planned_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-planned_on"]

    def __str__(self) -> str:
        return f"Plan to return home of {self.planned_on:%d %b %Y}"


# ---- care leavers ---------------------------------------------------------------------------


class Eligibility(models.TextChoices):
    ELIGIBLE = "eligible", "Eligible (16-17, still in care)"
    RELEVANT = "relevant", "Relevant (16-17, left care)"
    FORMER_RELEVANT = "former_relevant", "Former relevant (18-25)"
    QUALIFYING = "qualifying", "Qualifying"


class CareLeaver(models.Model):
    child = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="care_leaver")
    eligibility = models.CharField(max_length=20, choices=Eligibility.choices)
    personal_adviser = models.ForeignKey(
        STAFF, null=True, blank=True, on_delete=models.PROTECT, related_name="care_leavers"
    )
    since = models.DateField()
    services_ended_on = models.DateField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.child}: {self.get_eligibility_display()}"


class PathwayPlanReview(models.Model):
    care_leaver = models.ForeignKey(
        CareLeaver, on_delete=models.PROTECT, related_name="pathway_reviews"
    )
    reviewed_on = models.DateField()
    due_on = models.DateField()
    summary = models.TextField(blank=True)
    young_person_views = models.TextField("the young person's views", blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-reviewed_on"]

    def __str__(self) -> str:
        return f"Pathway plan review on {self.reviewed_on:%d %b %Y}"


class CareLeaverContact(models.Model):
    """Contact around a birthday from the 17th to the 21st (the SSDA903 OC3 items)."""

    care_leaver = models.ForeignKey(CareLeaver, on_delete=models.PROTECT, related_name="contacts")
    birthday_age = models.PositiveSmallIntegerField()
    contacted_on = models.DateField()
    in_touch = models.CharField(max_length=4, choices=CareLeaverInTouch.choices)
    activity = models.CharField(max_length=2, choices=CareLeaverActivity.choices, blank=True)
    accommodation = models.CharField(
        max_length=1, choices=CareLeaverAccommodation.choices, blank=True
    )
    accommodation_suitable = models.BooleanField(null=True, blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-birthday_age"]
        constraints = [
            models.UniqueConstraint(
                fields=["care_leaver", "birthday_age"], name="one_contact_per_birthday"
            )
        ]

    def __str__(self) -> str:
        return f"Contact around the {self.birthday_age}th birthday"

    @property
    def oc3_accommodation(self) -> str:
        """The 903 ACCOM code: the letter, then 1 (suitable) or 2 (not suitable)."""
        if not self.accommodation or self.accommodation_suitable is None:
            return ""
        return f"{self.accommodation}{1 if self.accommodation_suitable else 2}"


# ---- permanence and adoption ----------------------------------------------------------------


class PermanenceOption(models.TextChoices):
    RETURN_HOME = "return_home", "Return home"
    KINSHIP = "kinship", "Kinship care or special guardianship"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    ADOPTION = "adoption", "Adoption"
    RESIDENTIAL = "residential", "Residential care"
    INDEPENDENCE = "independence", "Supported independence"


class PermanencePlan(models.Model):
    """The permanence decision, with every option considered side by side."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="permanence_plans")
    period = models.ForeignKey(
        PeriodOfCare, on_delete=models.PROTECT, related_name="permanence_plans"
    )
    decided_on = models.DateField()
    # {"return_home": "why ruled in or out", "kinship": "...", ...} for every option weighed
    options_considered = models.JSONField(default=dict)
    decision = models.CharField(max_length=20, choices=PermanenceOption.choices)
    rationale = models.TextField()
    decided_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"Permanence decision of {self.decided_on:%d %b %Y}"


class Adoption(models.Model):
    """The adoption journey's milestones (adoption scorecard A1 and A2)."""

    child = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="adoption")
    period = models.ForeignKey(PeriodOfCare, on_delete=models.PROTECT, related_name="adoptions")
    should_be_placed_on = models.DateField(
        "ADM decision", help_text="Agency decision that the child should be placed for adoption."
    )
    placement_order_on = models.DateField(null=True, blank=True)
    matched_on = models.DateField(null=True, blank=True)
    placed_on = models.DateField(null=True, blank=True)
    adopters = models.ForeignKey(
        Carer, null=True, blank=True, on_delete=models.PROTECT, related_name="adoptions"
    )
    adoption_order_on = models.DateField(null=True, blank=True)
    plan_changed_on = models.DateField(null=True, blank=True)
    plan_changed_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(STAFF, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Adoption of {self.child}"
