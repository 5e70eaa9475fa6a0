"""Statutory casework between a referral and closure: the single assessment, child in need
and child protection, visits, case notes in the child's own words, and management oversight.

Every statutory date is structured (the CIN census is a query, not a project) and every
timescale is a Clock (core.clock) computed from the working-day calendar.
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from everychild.core import calendar
from everychild.core.clock import Clock
from everychild.core.codes import AssessmentFactor, CategoryOfAbuse
from everychild.core.models import Versioned
from everychild.frontdoor.models import Referral
from everychild.organisations.models import Organisation
from everychild.people.models import Person

ASSESSMENT_WORKING_DAYS = 45
ICPC_WORKING_DAYS = 15
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6
CIN_REVIEW_MONTHS = 3  # local standard: child in need plans reviewed at least quarterly


def cp_visit_working_days() -> int:
    """The local standard for visits to a child on a CP plan (10 working days by default)."""
    return settings.EVERYCHILD.get("CP_VISIT_WORKING_DAYS", 10)


# ---- the single assessment ------------------------------------------------------------------


class Recommendation(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action"
    CHILD_IN_NEED = "cin_plan", "Child in need plan"
    STRATEGY_DISCUSSION = "strategy", "Strategy discussion"
    EARLY_HELP = "early_help", "Early help"
    LOOKED_AFTER = "looked_after", "Looked after"


class Assessment(Versioned):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="assessments")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments"
    )
    started_on = models.DateField()
    due_on = models.DateField(db_index=True)
    child_seen_on = models.DateField(null=True, blank=True)
    child_seen_alone = models.BooleanField(null=True, blank=True)
    child_views = models.TextField(
        "the child's views", blank=True, help_text="In the child's own words, as they said it."
    )
    family_views = models.TextField("parents' and carers' views", blank=True)
    analysis = models.TextField(blank=True)
    factors = models.JSONField(
        default=list, blank=True, help_text="CIN census factors identified at the end."
    )
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    authorised_on = models.DateField(null=True, blank=True)
    return_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["authorised_on", "due_on"])]

    def __str__(self) -> str:
        return f"Assessment of {self.child} from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("casework:assessment", args=[self.pk])

    @property
    def clock(self) -> Clock:
        """45 working days from the referral; the manager's authorisation stops it."""
        return Clock(self.referral.referral_date, self.due_on, self.authorised_on)

    @property
    def factor_labels(self) -> list[str]:
        return [
            AssessmentFactor(code).label for code in self.factors if code in AssessmentFactor.values
        ]

    @staticmethod
    def due_from(referral_date: date) -> date:
        return calendar.add_working_days(referral_date, ASSESSMENT_WORKING_DAYS)


# ---- child in need ---------------------------------------------------------------------------


class ChildInNeedPlan(Versioned):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cin_plans")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="cin_plans")
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    outcomes = models.TextField("what the plan is to achieve", blank=True)

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["child", "ended_on"])]

    def __str__(self) -> str:
        return f"Child in need plan for {self.child} from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("casework:cin_plan", args=[self.pk])

    def review_clock(self, last_review: date | None) -> Clock:
        start = last_review or self.started_on
        return Clock(start, start + relativedelta(months=CIN_REVIEW_MONTHS))


class ChildInNeedReview(models.Model):
    plan = models.ForeignKey(ChildInNeedPlan, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField()
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Review of {self.plan} on {self.held_on:%d %b %Y}"


# ---- child protection ------------------------------------------------------------------------


class StrategyDecision(models.TextChoices):
    SECTION_47 = "s47", "Start a section 47 enquiry"
    NO_S47_CHILD_IN_NEED = "cin", "No section 47: continue as child in need"
    NO_S47_NO_FURTHER_ACTION = "nfa", "No section 47: no further action"


class StrategyDiscussion(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="strategy_discussions")
    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="strategy_discussions"
    )
    held_on = models.DateField()
    agencies = models.ManyToManyField(Organisation, related_name="+", blank=True)
    attendees = models.TextField("who took part", blank=True)
    decision = models.CharField(max_length=10, choices=StrategyDecision.choices)
    rationale = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Strategy discussion about {self.child} on {self.held_on:%d %b %Y}"


class Section47Outcome(models.TextChoices):
    CONTINUING_RISK = "risk", "Concerns substantiated: the child is at continuing risk"
    SUBSTANTIATED_NO_RISK = "no_risk", "Concerns substantiated, but no continuing risk"
    NOT_SUBSTANTIATED = "unfounded", "Concerns not substantiated"


class Section47Enquiry(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="section47s")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="section47s")
    strategy_discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="section47"
    )
    started_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Section47Outcome.choices, blank=True)
    icpc_needed = models.BooleanField(null=True, blank=True)
    icpc_due_on = models.DateField(db_index=True)

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return f"Section 47 enquiry about {self.child} from {self.started_on:%d %b %Y}"

    @staticmethod
    def icpc_due_from(strategy_on: date) -> date:
        """The initial conference: 15 working days from the strategy discussion."""
        return calendar.add_working_days(strategy_on, ICPC_WORKING_DAYS)


class ConferenceKind(models.TextChoices):
    INITIAL = "initial", "Initial child protection conference"
    REVIEW = "review", "Review child protection conference"


class ConferenceOutcome(models.TextChoices):
    PLAN = "plan", "Child protection plan"
    NO_PLAN = "no_plan", "No plan: child in need support"
    CONTINUE = "continue", "Plan continues"
    END = "end", "Plan ends"


class ChildProtectionPlan(Versioned):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cp_plans")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="cp_plans")
    started_on = models.DateField()
    initial_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    latest_category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    is_repeat = models.BooleanField(
        "second or subsequent plan",
        default=False,
        help_text="The child has been subject of a child protection plan before.",
    )
    previous_plan = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    plan = models.TextField("the plan: what must change, by whom, by when", blank=True)

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["ended_on", "started_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_cp_plan_per_child",
            )
        ]

    def __str__(self) -> str:
        return f"Child protection plan for {self.child} from {self.started_on:%d %b %Y}"

    def get_absolute_url(self) -> str:
        return reverse("casework:cp_plan", args=[self.pk])

    def review_clock(self, last_review: date | None) -> Clock:
        """First review within 3 months of the initial conference, then every 6 months."""
        if last_review is None:
            return Clock(
                self.started_on, self.started_on + relativedelta(months=FIRST_REVIEW_MONTHS)
            )
        return Clock(last_review, last_review + relativedelta(months=LATER_REVIEW_MONTHS))

    def visit_clock(self, last_visit: date | None) -> Clock:
        return Clock.working_days(last_visit or self.started_on, cp_visit_working_days())


class ChildProtectionConference(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="conferences")
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="conferences")
    kind = models.CharField(max_length=10, choices=ConferenceKind.choices)
    section47 = models.ForeignKey(
        Section47Enquiry, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    plan = models.ForeignKey(
        ChildProtectionPlan,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    held_on = models.DateField()
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=ConferenceOutcome.choices)
    category = models.CharField(max_length=3, choices=CategoryOfAbuse.choices, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child} on {self.held_on:%d %b %Y}"


class ConferenceMember(models.Model):
    """A professional in the child's conference and core group; while a member, they may see
    the child's record (through an Involvement the service keeps in step)."""

    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.CASCADE, related_name="members")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_on = models.DateField()
    to_on = models.DateField(null=True, blank=True)
    involvement = models.OneToOneField(
        "access.Involvement", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "staff"],
                condition=models.Q(to_on__isnull=True),
                name="one_open_membership_per_plan",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} on {self.plan}"


class CoreGroupMeeting(models.Model):
    plan = models.ForeignKey(
        ChildProtectionPlan, on_delete=models.CASCADE, related_name="core_groups"
    )
    held_on = models.DateField()
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Core group for {self.plan.child} on {self.held_on:%d %b %Y}"


# ---- visits and case notes -------------------------------------------------------------------


class NoteKind(models.TextChoices):
    VISIT = "visit", "Visit"
    DIRECT_WORK = "direct_work", "Direct work with the child"
    PHONE_CALL = "phone_call", "Phone call"
    MEETING = "meeting", "Meeting"
    MANAGEMENT_DECISION = "management_decision", "Management decision"


class CaseNote(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_notes")
    kind = models.CharField(max_length=30, choices=NoteKind.choices)
    occurred_at = models.DateTimeField()
    note = models.TextField()
    child_words = models.TextField(
        "the child's words", blank=True, help_text="What the child said, exactly as they said it."
    )
    # Visits: was the child seen, and seen alone (CP and statutory visits count these).
    child_seen = models.BooleanField(null=True, blank=True)
    seen_alone = models.BooleanField(null=True, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_notes"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["child", "kind", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%d %b %Y}"


# ---- management oversight --------------------------------------------------------------------


class Supervision(models.Model):
    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="supervisions")
    held_on = models.DateField()
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reflection = models.TextField()

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"Supervision about {self.child} on {self.held_on:%d %b %Y}"


class SupervisionAction(models.Model):
    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(db_index=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
        indexes = [
            # "My work" and "Team" ask for the open actions of a few owners among thousands.
            models.Index(
                fields=["owner", "due_on"],
                condition=models.Q(done_on__isnull=True),
                name="open_actions_by_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action[:60]} (due {self.due_on:%d %b %Y})"


class DecisionKind(models.TextChoices):
    ASSESSMENT = "assessment", "Authorise the assessment"
    PLAN_START = "plan_start", "Start of a plan"
    PLAN_END = "plan_end", "End of a plan"
    CLOSURE = "closure", "Close the case"
    STEP_DOWN = "step_down", "Step down to early help"


class KeyDecision(models.Model):
    """A key decision waiting for, or given, a manager's sign-off; shown on the child's file."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="key_decisions")
    kind = models.CharField(max_length=20, choices=DecisionKind.choices)
    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=40)
    subject = GenericForeignKey("subject_type", "subject_id")
    summary = models.TextField()
    details = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    agreed = models.BooleanField(null=True, blank=True)
    manager_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["decided_at", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.child}"


# ---- disabled children moving to adult services -------------------------------------------


class TransitionPlan(models.Model):
    child = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="transition_plan")
    agreed_on = models.DateField()
    adult_services_contact = models.CharField(max_length=200)
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Transition plan for {self.child}"
