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
