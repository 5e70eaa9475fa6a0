"""The alert rules are the front door's to tune: thresholds and windows are data."""

from django.contrib import admin

from everychild.alerts.models import AlertRule
from everychild.alerts.rules import explain


@admin.register(AlertRule)
class AlertRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "active", "in_plain_words"]
    readonly_fields = ["code", "kind", "in_plain_words"]
    fields = ["code", "kind", "name", "parameters", "active", "in_plain_words"]

    @admin.display(description="In plain words")
    def in_plain_words(self, rule: AlertRule) -> str:
        return explain(rule) if rule.pk else ""

    def has_add_permission(self, request):
        return False  # a rule's kind needs code to evaluate it; tune the existing ones

    def has_delete_permission(self, request, obj=None):
        return False  # switch a rule off instead, so its past alerts keep their meaning
