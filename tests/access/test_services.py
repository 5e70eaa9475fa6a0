from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild import access
from everychild.access import services
from everychild.access.models import BreakGlass, Involvement, InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from tests.factories import PersonFactory, StaffFactory


@pytest.fixture
def dpo(db):
    return StaffFactory(role=Role.DPO)


def test_break_glass_gives_time_limited_read_access(db):
    worker, child = StaffFactory(role=Role.SOCIAL_WORKER), PersonFactory()
    grant = services.break_glass_open(
        user=worker, child=child, reason="Police call at 2am about the child's safety"
    )
    assert access.can(worker, "view", child) and not access.can(worker, "edit", child)
    assert grant.expires_at - grant.opened_at == timedelta(hours=24)
    assert AuditEvent.objects.get(verb="broke_glass").reason.startswith("Police call")
    BreakGlass.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    assert not access.can(worker, "view", child)


@pytest.mark.parametrize("reason", ["", "urgent"])
def test_break_glass_needs_a_real_reason(db, reason):
    worker, child = StaffFactory(role=Role.SOCIAL_WORKER), PersonFactory()
    with pytest.raises(DomainError) as error:
        services.break_glass_open(user=worker, child=child, reason=reason)
    assert error.value.field == "reason"
    assert not BreakGlass.objects.exists() and not AuditEvent.objects.exists()


def test_partners_cannot_break_glass(db):
    with pytest.raises(PermissionDenied):
        services.break_glass_open(
            user=StaffFactory(role=Role.PARTNER),
            child=PersonFactory(),
            reason="I am worried about this child tonight",
        )


def test_no_break_glass_when_already_involved(allocated_child, social_worker):
    with pytest.raises(DomainError, match="already see"):
        services.break_glass_open(
            user=social_worker, child=allocated_child, reason="I want to look at this record now"
        )


def test_dpo_reviews_break_glass(db, dpo):
    worker, child = StaffFactory(role=Role.SOCIAL_WORKER), PersonFactory()
    grant = services.break_glass_open(
        user=worker, child=child, reason="Out of hours emergency call"
    )
    with pytest.raises(PermissionDenied):
        services.break_glass_review(grant=grant, reviewed_by=worker, note="", justified=True)
    with pytest.raises(DomainError) as error:
        services.break_glass_review(grant=grant, reviewed_by=dpo, note="", justified=False)
    assert error.value.field == "note"
    services.break_glass_review(
        grant=grant, reviewed_by=dpo, note="Checked with EDT", justified=True
    )
    assert AuditEvent.objects.filter(verb="reviewed_break_glass", actor=dpo).exists()
    with pytest.raises(DomainError, match="already been reviewed"):
        services.break_glass_review(grant=grant, reviewed_by=dpo, note="", justified=True)


def test_restrict_a_record(allocated_child, social_worker, dpo):
    named = StaffFactory(role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.record_restrict(
            child=allocated_child, restricted_by=social_worker, reason="x", named_staff=[named]
        )
    with pytest.raises(DomainError) as error:
        services.record_restrict(
            child=allocated_child, restricted_by=dpo, reason="Sealed", named_staff=[]
        )
    assert error.value.field == "named_staff"
    services.record_restrict(
        child=allocated_child, restricted_by=dpo, reason="Adoption order made", named_staff=[named]
    )
    assert not access.can(social_worker, "view_minimal", allocated_child)
    assert access.can(named, "view_minimal", allocated_child)
    assert AuditEvent.objects.filter(verb="restricted", child=allocated_child).exists()


def test_involvement_start_and_end(allocated_child, social_worker):
    partner = StaffFactory(role=Role.PARTNER)
    involvement = services.involvement_start(
        child=allocated_child,
        kind=InvolvementKind.PLAN_MEMBER,
        by=social_worker,
        staff=partner,
        started_on=timezone.localdate() - timedelta(days=10),
    )
    assert access.can(partner, "view", allocated_child)
    started = AuditEvent.objects.get(verb="involvement_started")
    assert started.actor == social_worker and started.child_id == allocated_child.pk
    assert started.payload["kind"] == "plan_member" and started.payload["staff"] == partner.pk
    services.involvement_end(
        involvement=involvement,
        by=social_worker,
        ended_on=timezone.localdate() - timedelta(days=1),
    )
    assert not access.can(partner, "view", allocated_child)
    assert AuditEvent.objects.filter(verb__startswith="involvement_").count() == 2
    with pytest.raises(DomainError):
        services.involvement_end(involvement=involvement, by=social_worker)


def test_involvement_start_refuses_bad_input_and_saves_nothing(allocated_child, social_worker):
    with pytest.raises(DomainError) as error:
        services.involvement_start(
            child=allocated_child, kind=InvolvementKind.PLAN_MEMBER, by=social_worker
        )  # names nobody
    assert not AuditEvent.objects.filter(verb="involvement_started").exists()
    assert error.value.message


def test_involvements_end_ends_only_running_ones_and_audits_each(allocated_child, social_worker):
    today = timezone.localdate()
    running = [
        services.involvement_start(
            child=allocated_child,
            kind=InvolvementKind.PLAN_MEMBER,
            by=social_worker,
            staff=StaffFactory(role=Role.PARTNER),
            started_on=today,
        )
        for _ in range(2)
    ]
    services.involvement_end(involvement=running[1], by=social_worker, ended_on=today)
    ended = services.involvements_end(
        involvements=Involvement.objects.filter(kind=InvolvementKind.PLAN_MEMBER),
        by=social_worker,
        ended_on=today - timedelta(days=1),  # the empty interval of a same-day replacement
    )
    assert ended == [running[0].pk]
    running[0].refresh_from_db()
    assert running[0].ended_on == today - timedelta(days=1)
    assert AuditEvent.objects.filter(verb="involvement_ended").count() == 2
