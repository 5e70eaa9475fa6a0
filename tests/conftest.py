import pytest

from everychild.organisations.roles import Role
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve


@pytest.fixture
def team(db):
    return TeamFactory()


@pytest.fixture
def social_worker(team):
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[team])


@pytest.fixture
def child(db):
    return PersonFactory()


@pytest.fixture
def allocated_child(child, social_worker, team):
    involve(child, staff=social_worker, team=team)
    return child
