"""The front door: concerns from any agency, contacts, the MASH's work on them, threshold
decisions, referrals, and alerts when worries add up."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from everychild.core.clock import Clock
from everychild.organisations.models import Organisation
from everychild.people.models import Person


class ConcernCategory(models.TextChoices):
    NEGLECT = "neglect", "Neglect"
    PHYSICAL_ABUSE = "physical_abuse", "Physical abuse"
    EMOTIONAL_ABUSE = "emotional_abuse", "Emotional abuse"
    SEXUAL_ABUSE = "sexual_abuse", "Sexual abuse"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse"
    CHILD_SEXUAL_EXPLOITATION = "child_sexual_exploitation", "Child sexual exploitation"
    CHILD_CRIMINAL_EXPLOITATION = "child_criminal_exploitation", "Child criminal exploitation"
    MISSING = "missing", "Going missing"
    PARENTAL_MENTAL_HEALTH = "parental_mental_health", "Parental mental health"
    PARENTAL_SUBSTANCE_MISUSE = "parental_substance_misuse", "Parental substance misuse"
    RADICALISATION = "radicalisation", "Radicalisation"
    FGM = "fgm", "Female genital mutilation (FGM)"
    OTHER = "other", "Other"


class MatchOutcome(models.TextChoices):
    LINKED = "linked", "Matched to a child in the index"
    CANDIDATES = "candidates", "Possible matches to check"
    NEW_PERSON = "new_person", "Not known: new record, identity not verified"
    CONFIRMED = "confirmed", "Identity confirmed by the front door"


class ImportBatch(models.Model):
    """One file of concerns from a partner system, imported all-or-nothing."""

    file_name = models.CharField(max_length=300)
    imported_at = models.DateTimeField(default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rows = models.PositiveIntegerField()
    report = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"{self.file_name} ({self.rows} rows, {self.imported_at:%d %b %Y})"


class Concern(models.Model):
    """A worry about a child recorded by any agency, with the child as the agency knows them."""

    agency = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="concerns")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="concerns_reported",
    )
    reporter_name = models.CharField(max_length=200, blank=True)
    reported_at = models.DateTimeField(db_index=True)
    observed_on = models.DateField("when it was seen", null=True, blank=True)
    category = models.CharField(max_length=40, choices=ConcernCategory.choices)
    details = models.TextField("what was seen or heard")
    # The child as the referrer knows them (kept as given, whatever the index says).
    child_given_name = models.CharField(max_length=100, blank=True)
    child_family_name = models.CharField(max_length=100, blank=True)
    child_other_names = models.CharField(max_length=300, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_age = models.PositiveSmallIntegerField(null=True, blank=True)
    child_gender = models.CharField(max_length=1, blank=True)
    child_address = models.CharField(max_length=300, blank=True)
    child_postcode = models.CharField(max_length=10, blank=True)
    child_nhs_number = models.CharField(max_length=10, blank=True)
    child_upn = models.CharField(max_length=13, blank=True)
    # The match to the person index.
    child = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )
    match_outcome = models.CharField(max_length=20, choices=MatchOutcome.choices)
    match_score = models.FloatField(null=True, blank=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.PROTECT, related_name="concerns"
    )

    class Meta:
        ordering = ["-reported_at"]
        indexes = [models.Index(fields=["child", "reported_at"])]

    def __str__(self) -> str:
        when = f"{self.reported_at:%d %b %Y}"
        return f"{self.get_category_display()} concern from {self.agency} ({when})"

    @property
    def child_name_as_given(self) -> str:
        return f"{self.child_given_name} {self.child_family_name}".strip() or "(no name given)"


class MatchCandidate(models.Model):
    """A person the concern's child may be, with the reasons, for the front door to check."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="candidates")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    reasons = models.JSONField(default=list)

    class Meta:
        ordering = ["-score"]

    def __str__(self) -> str:
        return f"{self.person} ({self.score:.1f}) for concern {self.concern_id}"


class ContactSource(models.TextChoices):
    CONCERN = "concern", "Concern from a partner"
    PHONE = "phone", "Telephone call"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"


class RAG(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class Consent(models.TextChoices):
    GIVEN = "given", "Given"
    NOT_SOUGHT = "not_sought", "Not sought"
    REFUSED_OVERRIDDEN = "refused_overridden", "Refused, and overridden"


class LawfulBasis(models.TextChoices):
    # UK GDPR article 6 and 9 conditions, with the safeguarding provisions that back them.
    CONSENT = "consent", "Consent of the family (UK GDPR 6(1)(a))"
    PUBLIC_TASK = (
        "public_task",
        (
            "Public task: safeguarding children (UK GDPR 6(1)(e) and 9(2)(g); DPA 2018 Sch 1 "
            "para 18; Children Act 1989 s17 and s47; Children Act 2004 s11)"
        ),
    )
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation (UK GDPR 6(1)(c))"
    VITAL_INTERESTS = "vital_interests", "Vital interests: a life at risk (UK GDPR 6(1)(d))"


class LevelOfNeed(models.IntegerChoices):
    UNIVERSAL = 1, "Level 1: universal"
    ADDITIONAL = 2, "Level 2: additional (single-agency early help)"
    COMPLEX = 3, "Level 3: complex (multi-agency early help)"
    ACUTE = 4, "Level 4: acute (statutory social care)"


class ContactOutcome(models.TextChoices):
    NO_FURTHER_ACTION = "nfa", "No further action, with advice to the referrer"
    SIGNPOST = "signpost", "Signpost to universal services"
    EARLY_HELP = "early_help", "Early help"
    REFERRAL = "referral", "Referral to children's social care"
    STRATEGY_DISCUSSION = "strategy", "Immediate strategy discussion"
    OPEN_CASE = "open_case", "Passed to the allocated team (the case is already open)"


# Which outcomes each level of need allows: statutory outcomes only at level 4.
OUTCOMES_FOR_LEVEL = {
    LevelOfNeed.UNIVERSAL: {ContactOutcome.NO_FURTHER_ACTION, ContactOutcome.SIGNPOST},
    LevelOfNeed.ADDITIONAL: {
        ContactOutcome.NO_FURTHER_ACTION,
        ContactOutcome.SIGNPOST,
        ContactOutcome.EARLY_HELP,
    },
    LevelOfNeed.COMPLEX: {ContactOutcome.EARLY_HELP, ContactOutcome.OPEN_CASE},
    LevelOfNeed.ACUTE: {
        ContactOutcome.REFERRAL,
        ContactOutcome.STRATEGY_DISCUSSION,
        ContactOutcome.OPEN_CASE,
    },
}

DECISION_WORKING_DAYS = 1


class Contact(models.Model):
    """Anything arriving at the front door about a child, screened and then decided."""

    child = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    concern = models.OneToOneField(
        Concern, null=True, blank=True, on_delete=models.PROTECT, related_name="contact"
    )
    source = models.CharField(max_length=20, choices=ContactSource.choices)
    received_at = models.DateTimeField(db_index=True)
    summary = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rag = models.CharField("RAG rating", max_length=5, choices=RAG.choices, blank=True)
    consent = models.CharField(max_length=20, choices=Consent.choices, blank=True)
    consent_reason = models.TextField(blank=True)
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices, blank=True)
    level_of_need = models.PositiveSmallIntegerField(
        choices=LevelOfNeed.choices, null=True, blank=True
    )
    outcome = models.CharField(max_length=20, choices=ContactOutcome.choices, blank=True)
    rationale = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    sign_off_note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["received_at"]
        indexes = [
            models.Index(fields=["decided_at", "received_at"]),
            models.Index(fields=["child", "received_at"]),
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk} ({self.get_source_display()}, {self.received_at:%d %b %Y})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("frontdoor:contact", args=[self.pk])

    @property
    def received_on(self) -> date:
        return timezone.localdate(self.received_at)

    @property
    def clock(self) -> Clock:
        """One working day from receipt to the threshold decision."""
        stopped = timezone.localdate(self.decided_at) if self.decided_at else None
        return Clock.working_days(self.received_on, DECISION_WORKING_DAYS, stopped=stopped)

    @property
    def stage(self) -> str:
        if self.child_id is None:
            return "Identity to confirm"
        if self.decided_at is None:
            return "Screening"
        if self.signed_off_at is None:
            return "Awaiting manager sign-off"
        return "Decided"


class InformationRequest(models.Model):
    """The front door asking a partner agency what it knows, by a deadline."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="requests")
    agency = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    question = models.TextField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    due_by = models.DateTimeField()
    response = models.TextField(blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responder_name = models.CharField(max_length=200, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["agency", "responded_at"])]

    def __str__(self) -> str:
        return f"Request to {self.agency} about contact {self.contact_id}"

    @property
    def is_overdue(self) -> bool:
        return self.responded_at is None and timezone.now() > self.due_by


class ReferralSource(models.TextChoices):
    # CIN census referral source codes (DfE CIN census guide; checked against the XSD in
    # SocialFinanceDigitalLabs/liia-tools, referralsourcetype).
    INDIVIDUAL_FAMILY = "1A", "Individual: family member or relative"
    INDIVIDUAL_ACQUAINTANCE = "1B", "Individual: acquaintance"
    INDIVIDUAL_SELF = "1C", "Individual: self"
    INDIVIDUAL_OTHER = "1D", "Individual: other"
    SCHOOLS = "2A", "Schools"
    EDUCATION_SERVICES = "2B", "Education services"
    GP = "3A", "Health services: GP"
    HEALTH_VISITOR = "3B", "Health services: health visitor"
    SCHOOL_NURSE = "3C", "Health services: school nurse"
    OTHER_PRIMARY_HEALTH = "3D", "Health services: other primary health services"
    A_AND_E = "3E", "Health services: A&E"
    OTHER_HEALTH = "3F", "Health services: other"
    HOUSING = "4", "Housing"
    LA_SOCIAL_CARE = "5A", "LA services: social care"
    LA_OTHER_INTERNAL = "5B", "LA services: other internal"
    OTHER_LA = "5C", "LA services: external (another local authority)"
    EARLY_HELP = "5D", "LA services: early help"
    POLICE = "6", "Police"
    OTHER_LEGAL = "7", "Other legal agency"
    OTHER = "8", "Other"
    ANONYMOUS = "9", "Anonymous"
    UNKNOWN = "10", "Unknown"


class Referral(models.Model):
    """A contact accepted by children's social care: the start of a CIN episode."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    contact = models.OneToOneField(Contact, on_delete=models.PROTECT, related_name="referral")
    referral_date = models.DateField(db_index=True)
    source = models.CharField(max_length=2, choices=ReferralSource.choices)
    primary_need = models.CharField(max_length=2, blank=True)
    is_re_referral = models.BooleanField(default=False)
    previous_referral = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=40, blank=True)
    closed_on = models.DateField("CIN closure date", null=True, blank=True)
    closure_reason = models.CharField(max_length=3, blank=True, help_text="CIN census RC code")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-referral_date"]
        indexes = [models.Index(fields=["child", "referral_date"])]

    def __str__(self) -> str:
        return f"Referral of {self.child} on {self.referral_date:%d %b %Y}"
