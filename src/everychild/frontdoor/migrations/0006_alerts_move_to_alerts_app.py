"""Alerts move to their own app (alerts 0001): state only, the tables stay."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("frontdoor", "0005_alert_missing_episodes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="Alert",
                ),
                migrations.DeleteModel(
                    name="AlertRule",
                ),
            ],
            database_operations=[],
        ),
    ]
