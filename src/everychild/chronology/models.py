from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from everychild.organisations.models import Organisation
from everychild.people.models import Person


class EntryKind(models.TextChoices):
    # Later apps add their own kinds here (contact, referral, assessment, plan, visit, ...).
    BIRTH = "birth", "Birth"
    NAME_CHANGE = "name_change", "Name change"
    ADDRESS_CHANGE = "address_change", "Change of address"
    SCHOOL_ADMISSION = "school_admission", "School admission"
    GP_REGISTRATION = "gp_registration", "GP registration"
    HEALTH_CONTACT = "health_contact", "Health contact"
    POLICE_INCIDENT = "police_incident", "Police incident"
    SCHOOL_CONCERN = "school_concern", "School concern"
    NOTE = "note", "Note"
    INVOLVEMENT = "involvement", "Professional involvement"
    RECORD_RESTRICTED = "record_restricted", "Record restricted"
    CONCERN = "concern", "Concern from a partner"
    CONTACT = "contact", "Contact"
    CONTACT_DECISION = "contact_decision", "Front-door decision"
    REFERRAL = "referral", "Referral to children's social care"
    ALERT = "alert", "Alert: worries adding up"
    ALLOCATION = "allocation", "Allocation"
    ASSESSMENT = "assessment", "Assessment"
    CIN_PLAN = "cin_plan", "Child in need plan"
    STRATEGY_DISCUSSION = "strategy_discussion", "Strategy discussion"
    SECTION_47 = "section_47", "Section 47 enquiry"
    CONFERENCE = "conference", "Child protection conference"
    CP_PLAN = "cp_plan", "Child protection plan"
    CORE_GROUP = "core_group", "Core group meeting"
    VISIT = "visit", "Visit"
    CASE_NOTE = "case_note", "Case note"
    SUPERVISION = "supervision", "Supervision"
    MANAGER_DECISION = "manager_decision", "Manager's decision"
    CASE_CLOSED = "case_closed", "Case closed"
    STEP_DOWN = "step_down", "Stepped down to early help"
    TRANSITION_PLAN = "transition_plan", "Transition plan"
    CARE_STARTED = "care_started", "Came into care"
    CARE_CHANGE = "care_change", "Change of legal status or placement"
    CARE_ENDED = "care_ended", "Left care"
    LAC_REVIEW = "lac_review", "Looked-after review"
    IRO_CHALLENGE = "iro_challenge", "IRO challenge"
    HEALTH_ASSESSMENT = "health_assessment", "Health assessment"
    EDUCATION_PLAN = "education_plan", "Personal education plan"
    MISSING = "missing", "Missing episode"
    RETURN_INTERVIEW = "return_interview", "Return home interview"
    RETURN_HOME = "return_home", "Plan to return home"
    CARE_LEAVER = "care_leaver", "Leaving care"
    PERMANENCE = "permanence", "Permanence decision"
    ADOPTION = "adoption", "Adoption"


class Visibility(models.TextChoices):
    PARTNERS = "partners", "Shared with partners in the child's plan"
    SOCIAL_CARE = "social_care", "Children's social care only"


class ChronologyEntry(models.Model):
    """One dated event in a child's life, from any agency, written by the service that
    recorded the event, in the same transaction. The chronology is read from here alone."""

    child = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="chronology")
    occurred_at = models.DateTimeField()
    kind = models.CharField(max_length=40, choices=EntryKind.choices)
    summary = models.TextField()
    source_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(max_length=40, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.SOCIAL_CARE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "chronology entries"
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["child", "-occurred_at", "-id"], name="chronology_child_when"),
            models.Index(fields=["source_type", "source_id"], name="chronology_source"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%d %b %Y}: {self.summary[:60]}"

    @property
    def source_url(self) -> str | None:
        source = self.source
        get_url = getattr(source, "get_absolute_url", None)
        return get_url() if get_url else None
