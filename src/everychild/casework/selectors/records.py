"""One casework record for its page: fetched with the access check, its look audited, the
key decision about it still waiting for a manager, and the records that followed it."""

from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404

from everychild import access, audit
from everychild.casework.models import (
    ChildProtectionConference,
    ConferenceKind,
    KeyDecision,
    Section47Enquiry,
    StrategyDiscussion,
    SupervisionAction,
)


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


def supervision_action(pk: int, user, *, action: str = "edit") -> SupervisionAction:
    """A supervision action, with its owner, if the user may take `action` on its child."""
    found = get_object_or_404(
        SupervisionAction.objects.select_related("supervision__child", "owner"), pk=pk
    )
    access.require(user, action, found.supervision.child)
    return found


def initial_conference(enquiry: Section47Enquiry) -> ChildProtectionConference | None:
    """The initial conference that followed a section 47 enquiry, once held."""
    return ChildProtectionConference.objects.filter(
        section47=enquiry, kind=ConferenceKind.INITIAL
    ).first()


def enquiry_started_by(discussion: StrategyDiscussion) -> Section47Enquiry | None:
    """The section 47 enquiry a strategy discussion started, if it decided to enquire."""
    return Section47Enquiry.objects.filter(strategy_discussion=discussion).first()
