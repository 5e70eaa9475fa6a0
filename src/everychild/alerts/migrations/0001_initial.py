"""Alerts move here from the front door (frontdoor 0006): state only, the tables keep their
names (frontdoor_alert, frontdoor_alertrule and the two link tables)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("care", "0001_initial"),
        ("frontdoor", "0006_alerts_move_to_alerts_app"),
        ("people", "0002_trigram_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AlertRule",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("code", models.SlugField(unique=True)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("multi_agency", "Concerns from several agencies add up"),
                                    ("immediate", "A concern in an immediate category"),
                                    ("repeated_missing", "Repeated missing episodes"),
                                ],
                                max_length=20,
                            ),
                        ),
                        ("name", models.CharField(max_length=200)),
                        ("parameters", models.JSONField(default=dict)),
                        ("active", models.BooleanField(default=True)),
                    ],
                    options={
                        "db_table": "frontdoor_alertrule",
                        "ordering": ["code"],
                    },
                ),
                migrations.CreateModel(
                    name="Alert",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("raised_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("closed_at", models.DateTimeField(blank=True, null=True)),
                        ("close_note", models.TextField(blank=True)),
                        (
                            "child",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="alerts",
                                to="people.person",
                            ),
                        ),
                        (
                            "closed_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "concerns",
                            models.ManyToManyField(
                                db_table="frontdoor_alert_concerns",
                                related_name="alerts",
                                to="frontdoor.concern",
                            ),
                        ),
                        (
                            "missing_episodes",
                            models.ManyToManyField(
                                blank=True,
                                db_table="frontdoor_alert_missing_episodes",
                                related_name="alerts",
                                to="care.missingepisode",
                            ),
                        ),
                        (
                            "rule",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="alerts",
                                to="alerts.alertrule",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "frontdoor_alert",
                        "ordering": ["-raised_at"],
                        "indexes": [
                            models.Index(
                                fields=["closed_at", "raised_at"],
                                name="frontdoor_a_closed__303e03_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("closed_at__isnull", True)),
                                fields=("child", "rule"),
                                name="one_open_alert_per_rule",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
