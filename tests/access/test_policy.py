"""The access policy as a table: role x relationship to the child x action."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from everychild import access
from everychild.access import policy
from everychild.access.models import BreakGlass, InvolvementKind, RecordRestriction
from everychild.organisations.models import TeamKind
from everychild.organisations.roles import Role
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve

V, M, E, B = "view", "view_minimal", "edit", "break_glass"


def _setup(role, relationship):
    """A user of `role` standing in `relationship` to a fresh child."""
    team = TeamFactory(kind=TeamKind.FRONT_DOOR if role == Role.MASH else TeamKind.CHILD_IN_NEED)
    user = StaffFactory(role=role, teams=[team])
    child = PersonFactory()
    if relationship == "allocated":
        involve(child, InvolvementKind.ALLOCATED_WORKER, staff=user, team=team)
    elif relationship == "team":
        involve(child, InvolvementKind.CASE_TEAM, team=team)
    elif relationship == "front_door":
        involve(child, InvolvementKind.FRONT_DOOR, team=team)
    elif relationship == "plan_member":
        involve(child, InvolvementKind.PLAN_MEMBER, staff=user)
    elif relationship == "school_only":
        involve(child, InvolvementKind.SCHOOL, organisation=user.organisation)
    elif relationship == "ended":
        involve(
            child,
            InvolvementKind.ALLOCATED_WORKER,
            staff=user,
            team=team,
            started_on=timezone.localdate() - timedelta(days=90),
            ended_on=timezone.localdate() - timedelta(days=1),
        )
    elif relationship == "future":
        involve(
            child,
            InvolvementKind.ALLOCATED_WORKER,
            staff=user,
            started_on=timezone.localdate() + timedelta(days=3),
        )
    elif relationship == "break_glass":
        BreakGlass.objects.create(
            staff=user, child=child, reason="x" * 20, expires_at=timezone.now() + timedelta(hours=1)
        )
    elif relationship == "expired_glass":
        BreakGlass.objects.create(
            staff=user,
            child=child,
            reason="x" * 20,
            expires_at=timezone.now() - timedelta(minutes=1),
        )
    return user, child


# role, relationship, actions allowed (every other action refused)
TABLE = [
    (Role.SOCIAL_WORKER, "allocated", {V, M, E}),
    (Role.SOCIAL_WORKER, "team", {V, M, E}),
    (Role.SOCIAL_WORKER, "none", {M, B}),
    (Role.SOCIAL_WORKER, "ended", {M, B}),
    (Role.SOCIAL_WORKER, "future", {M, B}),
    (Role.SOCIAL_WORKER, "break_glass", {V, M, B}),
    (Role.SOCIAL_WORKER, "expired_glass", {M, B}),
    (Role.TEAM_MANAGER, "team", {V, M, E}),
    (Role.TEAM_MANAGER, "none", {M, B}),
    (Role.MASH, "front_door", {V, M, E}),
    (Role.MASH, "none", {M, B}),
    (Role.CONFERENCE_CHAIR, "allocated", {V, M, E}),
    (Role.PERSONAL_ADVISER, "allocated", {V, M, E}),
    (Role.PARTNER, "none", {M}),
    (Role.PARTNER, "school_only", {M}),
    (Role.PARTNER, "plan_member", {V, M}),
    (Role.PARTNER, "allocated", {M}),  # a partner is never "allocated": not a plan role
    (Role.PARTNER, "break_glass", {M}),  # partners cannot break glass, even with a row
    (Role.ANALYST, "none", {M}),
    (Role.DIRECTOR, "none", {M}),
    (Role.DPO, "none", {M}),
    (Role.LADO, "none", {M}),
    (Role.ADMINISTRATOR, "none", {M}),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "relationship", "allowed"), TABLE)
def test_policy_table(role, relationship, allowed):
    user, child = _setup(role, relationship)
    for action in (V, M, E, B):
        assert access.can(user, action, child) is (action in allowed), action
        in_list = access.children_visible_to(user, action).filter(pk=child.pk).exists()
        assert in_list is (action in allowed), f"list disagrees for {action}"
    with policy.remembering():  # a read-only request: one query answers every action
        for action in (V, M, E, B):
            assert access.can(user, action, child) is (action in allowed), f"remembered {action}"


@pytest.mark.django_db
def test_remembered_answers_take_one_query_and_end_with_the_block(django_assert_num_queries):
    user, child = _setup(Role.SOCIAL_WORKER, "allocated")
    with policy.remembering():
        with django_assert_num_queries(1):
            for action in (V, M, E, B, V, E):
                access.can(user, action, child)
        RecordRestriction.objects.create(child=child, reason="sealed", restricted_by=user)
        assert access.can(user, V, child)  # remembered: the block must change nothing
    assert not access.can(user, V, child)  # asked afresh outside it


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PARTNER, Role.MASH, Role.DPO])
def test_restricted_record_hidden_unless_named(role):
    user, child = _setup(role, "plan_member" if role == Role.PARTNER else "allocated")
    restriction = RecordRestriction.objects.create(
        child=child, reason="Adopted: record sealed", restricted_by=StaffFactory(role=Role.DPO)
    )
    for action in (V, M, E, B):
        assert not access.can(user, action, child)
    with pytest.raises(Http404):
        access.require(user, V, child)
    restriction.named_staff.add(user)
    assert access.can(user, M, child)
    assert access.can(user, B, child) is False  # never break glass on a restricted record


@pytest.mark.django_db
def test_require_says_403_for_a_record_the_user_may_know_exists():
    user, child = _setup(Role.SOCIAL_WORKER, "none")
    with pytest.raises(PermissionDenied):
        access.require(user, V, child)


@pytest.mark.django_db
def test_inactive_and_anonymous_users_see_nothing():
    from django.contrib.auth.models import AnonymousUser

    user, child = _setup(Role.SOCIAL_WORKER, "allocated")
    user.is_active = False
    assert not access.can(user, M, child)
    assert not access.can(AnonymousUser(), M, child)


@pytest.mark.django_db
def test_adults_are_not_children_records():
    user, _ = _setup(Role.SOCIAL_WORKER, "none")
    adult = PersonFactory(kind="adult")
    assert not access.children_visible_to(user, M).filter(pk=adult.pk).exists()
