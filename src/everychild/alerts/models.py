"""Alerts: when worries about a child add up. The rules are data (AlertRule rows, tuned in
the admin); rules.py evaluates them over the front door's concerns and care's missing
episodes. The tables keep the names they had in the front door (state-only move)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from everychild.frontdoor.models import ConcernCategory


class AlertRuleKind(models.TextChoices):
    MULTI_AGENCY = "multi_agency", "Concerns from several agencies add up"
    IMMEDIATE = "immediate", "A concern in an immediate category"
    REPEATED_MISSING = "repeated_missing", "Repeated missing episodes"


# The parameters each kind of rule needs, and the range each may take.
RULE_PARAMETERS = {
    "multi_agency": {"min_concerns": (2, 20), "window_months": (1, 24), "min_agencies": (1, 10)},
    "immediate": {"window_days": (1, 365)},
    "repeated_missing": {"min_episodes": (2, 20), "window_months": (1, 24)},
}


class AlertRule(models.Model):
    """A rule, held as data, for when worries add up. Its parameters are editable."""

    code = models.SlugField(unique=True)
    kind = models.CharField(max_length=20, choices=AlertRuleKind.choices)
    name = models.CharField(max_length=200)
    parameters = models.JSONField(default=dict)
    active = models.BooleanField(default=True)

    class Meta:
        db_table = "frontdoor_alertrule"  # made when the rules lived in the front door
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        expected = RULE_PARAMETERS.get(self.kind, {})
        params = self.parameters if isinstance(self.parameters, dict) else {}
        problems = []
        for key, (low, high) in expected.items():
            value = params.get(key)
            if not isinstance(value, int) or not low <= value <= high:
                problems.append(f"{key} must be a whole number from {low} to {high}")
        if self.kind == "immediate":
            for key in ("categories", "under_one_categories"):
                unknown = set(params.get(key, [])) - set(ConcernCategory.values)
                if not isinstance(params.get(key, []), list) or unknown:
                    problems.append(f"{key} must be a list of concern categories")
        if problems:
            raise ValidationError({"parameters": "; ".join(problems) + "."})


class Alert(models.Model):
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="alerts")
    rule = models.ForeignKey(AlertRule, on_delete=models.PROTECT, related_name="alerts")
    raised_at = models.DateTimeField(default=timezone.now)
    concerns = models.ManyToManyField(
        "frontdoor.Concern", related_name="alerts", db_table="frontdoor_alert_concerns"
    )
    # Missing episodes recorded by children's social care or the police (care app), behind
    # the repeated-missing rule: they are not concerns.
    missing_episodes = models.ManyToManyField(
        "care.MissingEpisode",
        blank=True,
        related_name="alerts",
        db_table="frontdoor_alert_missing_episodes",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    close_note = models.TextField(blank=True)

    class Meta:
        db_table = "frontdoor_alert"  # made when alerts lived in the front door
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["closed_at", "raised_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "rule"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_alert_per_rule",
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} for {self.child}"
