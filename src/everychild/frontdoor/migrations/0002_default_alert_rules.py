"""The default rules for when worries add up (frontdoor.alerts explains each)."""

from django.db import migrations

RULES = [
    {
        "code": "multi-agency",
        "kind": "multi_agency",
        "name": "Several agencies worried about a child not known to social care",
        "parameters": {"min_concerns": 3, "window_months": 6, "min_agencies": 2},
    },
    {
        "code": "immediate",
        "kind": "immediate",
        "name": "A concern that needs an immediate response",
        "parameters": {
            "categories": ["sexual_abuse", "fgm"],
            "under_one_categories": ["physical_abuse"],
            "window_days": 28,
        },
    },
    {
        "code": "repeated-missing",
        "kind": "repeated_missing",
        "name": "Repeatedly missing",
        "parameters": {"min_episodes": 3, "window_months": 3},
    },
]


def create(apps, schema_editor):
    AlertRule = apps.get_model("frontdoor", "AlertRule")
    for rule in RULES:
        AlertRule.objects.update_or_create(code=rule["code"], defaults=rule)


def remove(apps, schema_editor):
    apps.get_model("frontdoor", "AlertRule").objects.filter(
        code__in=[r["code"] for r in RULES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("frontdoor", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
