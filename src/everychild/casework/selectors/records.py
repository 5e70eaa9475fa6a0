"""One casework record for its page: fetched with the access check, its look audited, and
the key decision about it still waiting for a manager."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404

from everychild import access, audit
from everychild.casework.models import KeyDecision


def casework_record(model, pk: int, user, *, related=(), action: str = "view"):
    """The record, if the user may take `action` on its child (404 or 403 otherwise)."""
    obj = get_object_or_404(model.objects.select_related("child", *related), pk=pk)
    access.require(user, action, obj.child)
    return obj


def casework_viewed(user, obj) -> None:
    """Every look at a casework record is on the audit log."""
    audit.record(actor=user, verb="viewed_casework", obj=obj, child=obj.child)


def pending_decision(subject) -> KeyDecision | None:
    """The key decision about `subject` still waiting for a manager, if any."""
    return KeyDecision.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        decided_at__isnull=True,
    ).first()
