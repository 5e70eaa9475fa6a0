from django.conf import settings
from django.db import models


class RecordedModel(models.Model):
    """Base for records people write: when, and by whom, it was made and last changed."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modified_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """A record two people may edit at once: saves check the version they started from
    (core.versioning; docs/decisions/0008-optimistic-locking.md)."""

    version = models.PositiveIntegerField(default=1)
    modified_at = models.DateTimeField(auto_now=True)
    modified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
