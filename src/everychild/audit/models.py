from django.conf import settings
from django.db import models


class AuditEvent(models.Model):
    """One read or write of a child's record, or another event worth keeping.

    Append-only and hash-chained: each row's hash covers its content and the previous row's
    hash (see audit.log), so an edited, removed or reordered row breaks the chain.
    """

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=300, blank=True)
    verb = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    child = models.ForeignKey(
        "people.Person",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    reason = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        # The table keeps the name it had when the log lived in the access app: PostgreSQL's
        # append-only trigger (access migration 0003) is bound to it.
        db_table = "access_auditevent"
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["child", "-at"], name="audit_child_at"),
            models.Index(fields=["actor", "-at"], name="audit_actor_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.verb} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit events are append-only.")
