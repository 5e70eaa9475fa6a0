import pytest

from everychild.organisations.roles import Role
from tests.care.factories import in_care
from tests.factories import StaffFactory, involve


@pytest.fixture
def manager(team):
    return StaffFactory(role=Role.TEAM_MANAGER, teams=[team])


@pytest.fixture
def iro(db):
    return StaffFactory(role=Role.CONFERENCE_CHAIR)


@pytest.fixture
def looked_after(allocated_child, social_worker, iro):
    """An allocated child in care since 2 March 2026, with their IRO involved."""
    from everychild.access.models import InvolvementKind

    involve(allocated_child, kind=InvolvementKind.CONFERENCE_CHAIR, staff=iro)
    return in_care(allocated_child, by=social_worker)
