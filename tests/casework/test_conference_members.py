"""Conference members: a partner in the child's conference and core group sees the child's
record while a member, and not after they leave or the plan ends."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from everychild import access
from everychild.access.models import Involvement, InvolvementKind
from everychild.access.services import break_glass_open
from everychild.audit.models import AuditEvent
from everychild.casework.models import ConferenceMember
from everychild.casework.services import core_groups
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import (
    cp_plan_for,
    days_ago,
    fresh,
    pretend_today,
    refused,
    review,
    today,
)


@pytest.fixture
def plan(case, worker, chair, police, health, officer):
    """Ayesha's plan from an initial conference 20 days ago, with DC Cole a member."""
    return cp_plan_for(case, worker, chair, [police, health], on=days_ago(20), members=[officer])


def test_members_named_at_the_initial_conference_see_the_record(plan, officer, dsl, chair):
    member = ConferenceMember.objects.get(plan=plan)
    assert member.staff == officer and member.from_on == days_ago(20) and member.to_on is None
    involvement = member.involvement
    assert involvement.kind == InvolvementKind.CONFERENCE_MEMBER
    assert (involvement.staff, involvement.started_on, involvement.ended_on) == (
        officer,
        days_ago(20),
        None,
    )
    assert access.can(officer, "view", plan.child)
    assert not access.can(officer, "edit", plan.child)  # partners contribute, never edit
    assert not access.can(dsl, "view", plan.child)  # a partner outside the plan does not
    event = AuditEvent.objects.get(verb="conference_member_added")
    assert event.actor == chair and event.payload == {"staff": officer.pk}


def test_adding_a_partner_as_a_member_gives_them_the_record(plan, worker, dsl):
    assert not access.can(dsl, "view", plan.child)
    member = core_groups.conference_member_add(plan=plan, staff=dsl, added_by=worker)
    assert member.from_on == today()
    assert access.can(dsl, "view", plan.child)
    event = AuditEvent.objects.filter(verb="conference_member_added").order_by("-id").first()
    assert event.actor == worker and event.payload == {"staff": dsl.pk}
    assert event.object_id == str(member.pk)


def test_a_member_is_added_once(plan, worker, officer):
    with refused(match="already a member") as info:
        core_groups.conference_member_add(plan=plan, staff=officer, added_by=worker)
    assert info.value.field == "staff"


def test_no_members_join_an_ended_plan(plan, worker, chair, dsl):
    review(plan.referral, chair, plan, held_on=today(), outcome="end")
    plan.refresh_from_db()
    with refused(match="This plan has ended"):
        core_groups.conference_member_add(plan=plan, staff=dsl, added_by=worker)


def test_someone_who_cannot_see_the_record_cannot_add_members(plan, other_worker, dsl):
    with refused(PermissionDenied):
        core_groups.conference_member_add(plan=plan, staff=dsl, added_by=other_worker)


def test_a_partner_member_cannot_give_others_the_record(plan, officer, dsl):
    # DC Cole sees Ayesha's record as a member; that must not let him hand it to others.
    with refused(PermissionDenied):
        core_groups.conference_member_add(plan=plan, staff=dsl, added_by=officer)
    assert not access.can(dsl, "view", plan.child)


def test_breaking_glass_does_not_let_a_social_worker_make_themselves_a_member(plan, other_worker):
    break_glass_open(
        user=other_worker,
        child=plan.child,
        reason="Ayesha is in A&E at midnight and the duty team cannot reach her worker.",
    )
    other_worker = fresh(other_worker)
    assert access.can(other_worker, "view", plan.child)
    assert not access.can(other_worker, "edit", plan.child)
    # Read access for 24 hours must not become lasting read-and-write access.
    with refused(PermissionDenied):
        core_groups.conference_member_add(plan=plan, staff=other_worker, added_by=other_worker)
    assert not access.can(fresh(other_worker), "edit", plan.child)


# ---- leaving -------------------------------------------------------------------------------------


def test_a_removed_member_no_longer_sees_the_record_from_the_day_of_removal(plan, worker, officer):
    member = ConferenceMember.objects.get(plan=plan, staff=officer)
    removed = core_groups.conference_member_remove(member=member, removed_by=worker)
    assert removed.to_on == today() - timedelta(days=1)
    assert Involvement.objects.get(pk=member.involvement_id).ended_on == today() - timedelta(1)
    assert not access.can(officer, "view", plan.child)
    event = AuditEvent.objects.get(verb="conference_member_removed")
    assert event.actor == worker and event.payload == {"staff": officer.pk}
    with refused(match="no longer a member"):
        core_groups.conference_member_remove(member=removed, removed_by=worker)
    # They may join again later.
    core_groups.conference_member_add(plan=plan, staff=officer, added_by=worker)
    assert access.can(officer, "view", plan.child)


def test_a_member_removed_from_a_later_date_sees_the_record_until_then(
    plan, worker, officer, monkeypatch
):
    member = ConferenceMember.objects.get(plan=plan, staff=officer)
    core_groups.conference_member_remove(member=member, removed_by=worker, on=days_ago(5))
    assert not access.can(officer, "view", plan.child)
    pretend_today(monkeypatch, days_ago(6))
    assert access.can(officer, "view", plan.child)


def test_a_member_added_in_error_and_removed_the_same_day_loses_the_record_at_once(
    plan, worker, dsl
):
    member = core_groups.conference_member_add(plan=plan, staff=dsl, added_by=worker)
    assert access.can(dsl, "view", plan.child)
    core_groups.conference_member_remove(member=member, removed_by=worker)
    assert not access.can(dsl, "view", plan.child)


def test_a_partner_cannot_remove_members(plan, officer, health_visitor, worker):
    other = core_groups.conference_member_add(plan=plan, staff=health_visitor, added_by=worker)
    with refused(PermissionDenied):
        core_groups.conference_member_remove(member=other, removed_by=officer)
    assert access.can(health_visitor, "view", plan.child)


# ---- the plan ends -------------------------------------------------------------------------------


def test_when_the_plan_ends_every_members_access_ends(
    plan, worker, chair, officer, health_visitor, dsl, monkeypatch
):
    core_groups.conference_member_add(plan=plan, staff=health_visitor, added_by=worker)
    core_groups.conference_member_add(plan=plan, staff=dsl, added_by=worker)
    members = [officer, health_visitor, dsl]
    assert all(access.can(m, "view", plan.child) for m in members)

    review(plan.referral, chair, plan, held_on=today(), outcome="end", summary="Safe now.")

    assert not ConferenceMember.objects.filter(plan=plan, to_on=None).exists()
    assert not Involvement.objects.filter(
        child=plan.child, kind=InvolvementKind.CONFERENCE_MEMBER, ended_on=None
    ).exists()
    # From the next day at the latest, no member sees the record...
    pretend_today(monkeypatch, today() + timedelta(days=1))
    assert [m for m in members if access.can(m, "view", plan.child)] == []


def test_when_the_plan_ends_today_members_lose_the_record_today(
    plan, worker, chair, officer, health_visitor
):
    core_groups.conference_member_add(plan=plan, staff=health_visitor, added_by=worker)
    review(plan.referral, chair, plan, held_on=today(), outcome="end", summary="Safe now.")
    # As with removing a member: from the day the plan ends, members no longer see it.
    assert not access.can(officer, "view", plan.child)
    assert not access.can(health_visitor, "view", plan.child)


def test_a_plan_ended_at_an_earlier_review_leaves_no_member_with_the_record(plan, chair, officer):
    review(plan.referral, chair, plan, held_on=days_ago(3), outcome="end", summary="Safe.")
    member = ConferenceMember.objects.get(plan=plan)
    assert member.to_on == days_ago(4)  # their last day: the day before the plan ended
    assert not access.can(officer, "view", plan.child)


def test_members_of_an_ended_plan_keep_other_access_they_had(plan, chair, officer):
    # DC Cole is also the lead professional for early help: that involvement is not the
    # plan's to end.
    Involvement.objects.create(
        child=plan.child,
        kind=InvolvementKind.LEAD_PROFESSIONAL,
        staff=officer,
        started_on=days_ago(2),
    )
    review(plan.referral, chair, plan, held_on=days_ago(1), outcome="end")
    assert access.can(officer, "view", plan.child)
