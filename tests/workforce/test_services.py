"""Allocation: who may allocate a child's case, to whom, why the worker changed, and how
access to the record follows the allocation."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from everychild import access
from everychild.access.models import Involvement, InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.codes import SocialWorkerChangeReason
from everychild.organisations.models import TeamMembership
from everychild.organisations.roles import Role
from everychild.workforce import services
from everychild.workforce.models import Allocation
from tests.casework.helpers import (
    allocate,
    days_ago,
    fresh,
    make_staff,
    pretend_today,
    refused,
    today,
    verbs,
)
from tests.factories import involve


def case_involvements(child, **filters):
    return Involvement.objects.filter(
        child=child,
        kind__in=[InvolvementKind.ALLOCATED_WORKER, InvolvementKind.CASE_TEAM],
        **filters,
    )


# ---- allocating --------------------------------------------------------------------------------


def test_a_manager_allocates_a_referred_child_to_a_worker_in_the_team(
    referral, cin_team, worker, manager
):
    child = referral.child
    assert not access.can(worker, "view", child)

    allocation = allocate(child, cin_team, worker, manager)

    assert (allocation.team, allocation.worker, allocation.allocated_by) == (
        cin_team,
        worker,
        manager,
    )
    assert allocation.started_on == today() and allocation.ended_on is None
    assert allocation.change_reason == ""
    kinds = {
        (i.kind, i.staff_id, i.team_id, i.started_on, i.ended_on) for i in case_involvements(child)
    }
    assert kinds == {
        (InvolvementKind.CASE_TEAM, None, cin_team.pk, today(), None),
        (InvolvementKind.ALLOCATED_WORKER, worker.pk, cin_team.pk, today(), None),
    }
    worker = fresh(worker)
    assert access.can(worker, "view", child) and access.can(worker, "edit", child)

    event = AuditEvent.objects.get(verb="allocated")
    assert event.actor == manager and event.child_id == child.pk
    assert event.object_id == str(allocation.pk)
    assert event.payload == {
        "team": cin_team.pk,
        "worker": worker.pk,
        "previous": None,
        "reason": "",
    }
    entry = ChronologyEntry.objects.get(child=child, kind=EntryKind.ALLOCATION)
    assert entry.summary == "Case allocated to Sam Patel (CIN and CP team 1)."
    assert entry.recorded_by == manager and entry.source == allocation


def test_a_case_can_wait_in_the_team_for_a_worker(referral, cin_team, worker, manager):
    child = referral.child
    waiting = allocate(child, cin_team, None, manager)
    assert waiting.worker is None
    assert list(case_involvements(child).values_list("kind", flat=True)) == [
        InvolvementKind.CASE_TEAM
    ]
    entry = ChronologyEntry.objects.get(child=child, kind=EntryKind.ALLOCATION)
    assert entry.summary == "Case allocated to CIN and CP team 1, awaiting a worker."
    # The team's workers see a case waiting in their team.
    assert access.can(worker, "view", child)

    # The first worker needs no reason for a change: there was no worker before.
    allocated = allocate(child, cin_team, worker, manager)
    assert allocated.change_reason == ""
    waiting.refresh_from_db()
    assert waiting.ended_on == today()


@pytest.mark.parametrize("reason", SocialWorkerChangeReason.values)
def test_changing_the_worker_records_a_dfe_change_reason(
    case, cin_team, colleague, manager, reason
):
    child = case.child
    first = Allocation.objects.get(child=child)
    second = allocate(child, cin_team, colleague, manager, reason=reason)
    assert second.change_reason == reason and second.worker == colleague
    first.refresh_from_db()
    assert first.ended_on == today()
    event = AuditEvent.objects.filter(verb="allocated").order_by("-id").first()
    assert event.payload["reason"] == reason and event.payload["previous"] == first.pk


@pytest.mark.parametrize("reason", ["", "LEFT", "manage", "RC7", "OTHER"])
def test_a_change_of_worker_without_a_dfe_reason_is_refused(
    case, cin_team, colleague, manager, reason
):
    with refused(match="Say why the child's social worker is changing") as info:
        allocate(case.child, cin_team, colleague, manager, reason=reason)
    assert info.value.field == "change_reason"
    assert Allocation.objects.get(child=case.child, ended_on=None).worker != colleague


def test_moving_the_case_to_another_team_with_the_same_worker_needs_no_change_reason(
    case, cin_team, other_team, worker, manager
):
    # Sam moves to team 2 and keeps Ayesha: her social worker does not change, so there is
    # no DfE "social worker change" to record.
    TeamMembership.objects.create(team=other_team, staff=worker)
    moved = allocate(case.child, other_team, worker, manager)
    assert moved.team == other_team and moved.worker == worker
    assert moved.change_reason == ""


def test_reallocating_to_the_same_team_and_worker_is_refused(case, cin_team, worker, manager):
    with refused(match="already allocated there"):
        allocate(case.child, cin_team, worker, manager, reason="MANAGE")


def test_a_new_allocation_cannot_start_before_the_current_one(case, cin_team, colleague, manager):
    before = case.referral_date - timedelta(days=1)
    with refused(match="cannot start before the current one") as info:
        allocate(case.child, cin_team, colleague, manager, on=before, reason="MANAGE")
    assert info.value.field == "on"


# ---- who may allocate ----------------------------------------------------------------------------


def test_a_social_worker_cannot_allocate(referral, cin_team, worker, colleague):
    with refused(PermissionDenied):
        allocate(referral.child, cin_team, colleague, worker)


def test_a_manager_of_another_team_cannot_allocate_to_this_one(
    referral, cin_team, worker, other_manager
):
    with refused(PermissionDenied):
        allocate(referral.child, cin_team, worker, other_manager)


def test_a_manager_who_is_only_a_member_of_the_team_cannot_allocate(referral, cin_team, worker):
    # Role "team manager", but not the manager of this team.
    member = make_staff(Role.TEAM_MANAGER, cin_team, manager=False)
    with refused(PermissionDenied):
        allocate(referral.child, cin_team, worker, member)


def test_a_former_manager_of_the_team_cannot_allocate(referral, cin_team, worker, manager):
    TeamMembership.objects.filter(staff=manager, team=cin_team).update(ended_on=days_ago(1))
    with refused(PermissionDenied):
        allocate(referral.child, cin_team, worker, manager)


def test_a_managers_membership_must_carry_the_team_manager_role(referral, cin_team, worker):
    # Marked as a manager of the team, but a social worker by role.
    senior = make_staff(Role.SOCIAL_WORKER, cin_team, manager=True)
    with refused(PermissionDenied):
        allocate(referral.child, cin_team, worker, senior)


def test_the_manager_of_the_team_holding_the_case_may_transfer_it(
    case, other_team, other_worker, manager
):
    moved = allocate(case.child, other_team, other_worker, manager, reason="TSPROC")
    assert moved.team == other_team and moved.allocated_by == manager


def test_the_manager_of_the_receiving_team_may_not_take_the_case(
    case, cin_team, other_team, other_worker, other_manager
):
    """Regression (access review, issue 12 item 5): a manager could allocate a case another
    team holds into their own team, and so read the whole record. The holding team's manager
    transfers it."""
    with refused(PermissionDenied) as info:
        allocate(case.child, other_team, other_worker, other_manager, reason="TSPROC")
    assert "transfers it" in str(info.value)
    assert Allocation.objects.get(child=case.child, ended_on=None).team == cin_team
    assert not access.can(other_manager, "view", case.child)


def test_the_allocate_page_says_who_transfers_a_case_another_team_holds(
    client, case, cin_team, other_manager
):
    from django.urls import reverse

    client.force_login(other_manager)
    response = client.get(reverse("workforce:allocate", args=[case.child.pk]))
    html = response.content.decode()
    assert f"{cin_team} holds this case" in html and 'name="allocate_to"' not in html


def test_a_manager_of_neither_team_cannot_move_the_case(case, council, other_team, other_worker):
    from tests.factories import TeamFactory

    third = TeamFactory(organisation=council, name="Children in care")
    stranger = make_staff(Role.TEAM_MANAGER, third, manager=True)
    with refused(PermissionDenied):
        allocate(case.child, other_team, other_worker, stranger, reason="TSPROC")


# ---- to whom -------------------------------------------------------------------------------------


def test_the_worker_must_be_in_the_receiving_team(referral, cin_team, other_worker, manager):
    with refused(match="is not in CIN and CP team 1") as info:
        allocate(referral.child, cin_team, other_worker, manager)
    assert info.value.field == "worker"


def test_a_worker_who_has_left_the_team_cannot_be_allocated(referral, cin_team, worker, manager):
    TeamMembership.objects.filter(staff=worker).update(ended_on=days_ago(3))
    with refused(match="is not in"):
        allocate(referral.child, cin_team, worker, manager)


@pytest.mark.parametrize("role", [Role.PARTNER, Role.ANALYST, Role.DPO, Role.LADO])
def test_the_worker_must_work_in_social_care(referral, cin_team, manager, role):
    outsider = make_staff(role, cin_team)
    with refused(match="social-care worker") as info:
        allocate(referral.child, cin_team, outsider, manager)
    assert info.value.field == "worker"


def test_an_inactive_account_cannot_be_allocated(referral, cin_team, worker, manager):
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    with refused(match="social-care worker"):
        allocate(referral.child, cin_team, worker, manager)


# ---- access follows the allocation ---------------------------------------------------------


def test_reallocation_ends_the_previous_allocation_and_its_involvements(
    referral, cin_team, other_team, worker, other_worker, manager, school
):
    child = referral.child
    start = days_ago(20)
    first = allocate(child, cin_team, worker, manager, on=start)
    school_link = involve(child, kind=InvolvementKind.SCHOOL, organisation=school)
    handover = days_ago(5)

    second = allocate(child, other_team, other_worker, manager, on=handover, reason="TSPROC")

    first.refresh_from_db()
    assert first.ended_on == handover and second.started_on == handover
    old = case_involvements(child, started_on=start)
    assert {(i.kind, i.ended_on) for i in old} == {
        (InvolvementKind.CASE_TEAM, handover),
        (InvolvementKind.ALLOCATED_WORKER, handover),
    }
    new = case_involvements(child, started_on=handover)
    assert {(i.kind, i.team_id, i.staff_id, i.ended_on) for i in new} == {
        (InvolvementKind.CASE_TEAM, other_team.pk, None, None),
        (InvolvementKind.ALLOCATED_WORKER, other_team.pk, other_worker.pk, None),
    }
    school_link.refresh_from_db()
    assert school_link.ended_on is None  # only the case's own involvements end

    # The handover was days ago: the new worker sees and edits, the old one no longer can.
    assert access.can(fresh(other_worker), "view", child)
    assert access.can(fresh(other_worker), "edit", child)
    assert not access.can(fresh(worker), "view", child)
    assert not access.can(fresh(worker), "edit", child)
    assert Allocation.objects.filter(child=child, ended_on=None).get() == second


def test_the_old_worker_keeps_the_record_on_the_handover_day_and_loses_it_the_next(
    case, other_team, other_worker, worker, manager, monkeypatch
):
    child = case.child
    allocate(child, other_team, other_worker, manager, reason="LEFTRL")
    # On the day itself both may see the child (the handover happens during the day)...
    assert access.can(fresh(worker), "view", child)
    assert access.can(fresh(other_worker), "edit", child)
    # ...and from the next day only the new worker.
    pretend_today(monkeypatch, today() + timedelta(days=1))
    assert not access.can(fresh(worker), "view", child)
    assert not access.can(fresh(worker), "edit", child)
    assert access.can(fresh(other_worker), "view", child)
    assert access.can(fresh(other_worker), "edit", child)


def test_reallocation_is_audited_and_on_the_chronology(
    case, other_team, other_worker, manager, worker
):
    child = case.child
    previous = Allocation.objects.get(child=child)
    moved = allocate(child, other_team, other_worker, manager, reason="ORGRST")
    # Each allocation ends the case's involvements and starts the new holders' (written,
    # and audited, by access.services) before its own row.
    holders = ["involvement_started", "involvement_started"]
    assert verbs(child_id=child.pk) == [
        *holders,
        "allocated",
        "involvement_ended",
        "involvement_ended",
        *holders,
        "allocated",
    ]
    involved = AuditEvent.objects.filter(verb__startswith="involvement_", child_id=child.pk)
    assert {e.actor_id for e in involved} == {manager.pk}
    event = AuditEvent.objects.filter(verb="allocated").order_by("-id").first()
    assert event.payload == {
        "team": other_team.pk,
        "worker": other_worker.pk,
        "previous": previous.pk,
        "reason": "ORGRST",
    }
    summaries = list(
        ChronologyEntry.objects.filter(child=child, kind=EntryKind.ALLOCATION)
        .order_by("id")
        .values_list("summary", flat=True)
    )
    assert summaries == [
        "Case allocated to Sam Patel (CIN and CP team 1).",
        "Case allocated to Lucy Brown (CIN and CP team 2).",
    ]
    assert ChronologyEntry.objects.filter(source_id=str(moved.pk), kind=EntryKind.ALLOCATION)


# ---- ending the allocation (the case closes) ----------------------------------------------


def test_allocation_end_ends_the_allocation_and_the_case_involvements(case, manager, worker):
    child = case.child
    services.allocation_end(child=child, ended_by=manager, on=today())
    assert not Allocation.objects.filter(child=child, ended_on=None).exists()
    assert not case_involvements(child, ended_on=None).exists()
    assert verbs(child_id=child.pk)[-3:] == [
        "involvement_ended",
        "involvement_ended",
        "allocation_ended",
    ]


def test_allocation_end_needs_edit_access(case, other_worker):
    with refused(PermissionDenied):
        services.allocation_end(child=case.child, ended_by=other_worker)
