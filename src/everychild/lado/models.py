"""Allegations against people who work or volunteer with children, managed by the Local
Authority Designated Officer (LADO) under Working Together and Keeping Children Safe in
Education: from referral, through initial consideration and strategy or evaluation
meetings, to an outcome, tracked against the guidance's timescales."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from everychild.core.clock import Clock
from everychild.organisations.models import Organisation
from everychild.people.models import Person

INITIAL_CONSIDERATION_WORKING_DAYS = 1
# The guidance's targets for resolving allegations, from referral to outcome.
TARGETS = ((1, 0.80), (3, 0.90), (12, 1.00))  # (months, share resolved within)


class Sector(models.TextChoices):
    EDUCATION = "education", "Education"
    EARLY_YEARS = "early_years", "Early years"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    SOCIAL_CARE = "social_care", "Social care"
    FOSTER_CARER = "foster_carer", "Foster carer"
    FAITH = "faith", "Faith group"
    SPORT = "sport", "Sport"
    VOLUNTARY = "voluntary", "Voluntary and community"
    TRANSPORT = "transport", "Transport"
    OTHER = "other", "Other"


class AllegationKind(models.TextChoices):
    # The four harm tests of Working Together / Keeping Children Safe in Education.
    HARM = "harm", "Behaved in a way that has harmed a child, or may have harmed a child"
    CRIMINAL = "criminal", "Possibly committed a criminal offence against or related to a child"
    UNSUITABLE = (
        "unsuitable",
        "Behaved in a way that indicates they may not be suitable to work with children",
    )
    TRANSFERABLE = "transferable", "Behaved in a way that indicates a transferable risk"


class InitialDecision(models.TextChoices):
    THRESHOLD_MET = "met", "Threshold met: LADO process"
    NOT_MET_ADVICE = "not_met", "Threshold not met: advice to the employer"
    REFER_POLICE = "police", "Refer to the police"
    REFER_SOCIAL_CARE = "csc", "Refer to children's social care"


class Outcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", "Substantiated"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    UNFOUNDED = "unfounded", "Unfounded"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"


class Consequence(models.TextChoices):
    DISMISSAL = "dismissal", "Dismissal or cessation of use"
    DBS_REFERRAL = "dbs", "Referral to the Disclosure and Barring Service"
    REGULATOR_REFERRAL = "regulator", "Referral to a professional regulator"
    TRAINING = "training", "Training or supervision"
    WARNING = "warning", "Written warning"
    NONE = "none", "No further action"


class Stage(models.TextChoices):
    INITIAL = "initial", "Initial consideration"
    MEETINGS = "meetings", "Strategy or evaluation"
    INVESTIGATION = "investigation", "Investigation"
    OUTCOME = "outcome", "Outcome recorded"


class Allegation(models.Model):
    subject = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    subject_role = models.CharField("role", max_length=200)
    employer = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    employer_name = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    children = models.ManyToManyField(Person, blank=True, related_name="+")
    kinds = models.JSONField(default=list)
    description = models.TextField()
    referred_by = models.CharField("referred by", max_length=200)
    referrer_sector = models.CharField(max_length=20, choices=Sector.choices)
    received_at = models.DateTimeField(db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    initial_decision = models.CharField(max_length=10, choices=InitialDecision.choices, blank=True)
    initial_rationale = models.TextField(blank=True)
    initial_decided_at = models.DateTimeField(null=True, blank=True)
    police_outcome = models.TextField(blank=True)
    social_care_outcome = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True, db_index=True)
    outcome_basis = models.TextField(blank=True)
    consequences = models.JSONField(default=list, blank=True)
    exceptional_delay = models.TextField(
        blank=True, help_text="Why this case could not be resolved within twelve months."
    )
    named_staff = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"Allegation {self.pk} ({self.get_sector_display()}, {self.received_at:%d %b %Y})"

    def get_absolute_url(self) -> str:
        return reverse("lado:allegation", args=[self.pk])

    @property
    def received_on(self) -> date:
        return timezone.localdate(self.received_at)

    @property
    def initial_clock(self) -> Clock:
        decided = timezone.localdate(self.initial_decided_at) if self.initial_decided_at else None
        return Clock.working_days(self.received_on, INITIAL_CONSIDERATION_WORKING_DAYS, decided)

    @property
    def stage(self) -> str:
        if self.outcome:
            return Stage.OUTCOME
        if not self.initial_decision:
            return Stage.INITIAL
        # Lists annotate meeting_count (lado.selectors) so as not to ask once a row.
        counted = getattr(self, "meeting_count", None)
        met = counted if counted is not None else self.meetings.exists()
        return Stage.INVESTIGATION if met else Stage.MEETINGS

    @property
    def employer_label(self) -> str:
        return str(self.employer) if self.employer else self.employer_name

    def days_to_outcome(self) -> int | None:
        return (self.outcome_on - self.received_on).days if self.outcome_on else None


class MeetingKind(models.TextChoices):
    STRATEGY = "strategy", "Strategy meeting"
    EVALUATION = "evaluation", "Evaluation meeting"


class AllegationMeeting(models.Model):
    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=12, choices=MeetingKind.choices)
    held_on = models.DateField()
    attendees = models.TextField()
    agencies = models.ManyToManyField(Organisation, blank=True, related_name="+")
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on:%d %b %Y}"


class AllegationAction(models.Model):
    allegation = models.ForeignKey(Allegation, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        AllegationMeeting, null=True, blank=True, on_delete=models.CASCADE, related_name="actions"
    )
    action = models.TextField()
    owner = models.CharField(max_length=200, help_text="Who will do it (name and agency).")
    due_on = models.DateField(db_index=True)
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.action[:60]} ({self.owner}, due {self.due_on:%d %b %Y})"

    @property
    def clock(self) -> Clock:
        return Clock(
            self.meeting.held_on if self.meeting else self.due_on, self.due_on, self.done_on
        )


class EmployerActionKind(models.TextChoices):
    SUSPENSION = "suspension", "Suspension"
    ALTERNATIVE_DUTIES = "alternative", "Alternative duties"
    INVESTIGATION = "investigation", "Internal investigation"
    DISCIPLINARY = "disciplinary", "Disciplinary"
    RESIGNATION = "resignation", "Resigned"


class EmployerAction(models.Model):
    allegation = models.ForeignKey(
        Allegation, on_delete=models.CASCADE, related_name="employer_actions"
    )
    kind = models.CharField(max_length=20, choices=EmployerActionKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["started_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%d %b %Y}"


class Engagement(models.Model):
    """Awareness work with an agency or community group, so outreach can be planned."""

    held_on = models.DateField()
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation_name = models.CharField(max_length=200, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    covered = models.TextField("what was covered")
    people_reached = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        who = self.organisation or self.organisation_name
        return f"{self.held_on:%d %b %Y}: {who}"


class SectorSize(models.Model):
    """How many people work or volunteer with children in each sector locally (estimates,
    held as data), so referral rates can be compared between sectors."""

    sector = models.CharField(max_length=20, choices=Sector.choices, unique=True)
    workforce = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.get_sector_display()}: {self.workforce}"
