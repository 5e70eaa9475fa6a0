"""The audit log moves from the access app to its own (state only: the table, its indexes
and PostgreSQL's append-only trigger stay as they are; see AuditEvent.Meta.db_table)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("access", "0003_audit_append_only"),
        ("people", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AuditEvent",
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
                        ("at", models.DateTimeField(db_index=True)),
                        ("actor_name", models.CharField(blank=True, max_length=300)),
                        ("verb", models.CharField(max_length=40)),
                        ("object_type", models.CharField(blank=True, max_length=60)),
                        ("object_id", models.CharField(blank=True, max_length=40)),
                        ("object_repr", models.CharField(blank=True, max_length=300)),
                        ("reason", models.TextField(blank=True)),
                        ("payload", models.JSONField(blank=True, default=dict)),
                        ("prev_hash", models.CharField(max_length=64)),
                        ("hash", models.CharField(max_length=64, unique=True)),
                        (
                            "actor",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "child",
                            models.ForeignKey(
                                db_constraint=False,
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="people.person",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "access_auditevent",
                        "ordering": ["-id"],
                        "indexes": [
                            models.Index(fields=["child", "-at"], name="audit_child_at"),
                            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
