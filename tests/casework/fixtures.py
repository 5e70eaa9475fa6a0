"""The people and cases the casework and workforce tests share: a council with two
children-in-need teams, their managers and social workers, a conference chair, partners
from the police, health and a school, and a child referred to children's social care.

Imported with `from tests.casework.fixtures import *` by each test module (and by
tests/workforce/conftest.py), so that tests/casework has no conftest of its own to clash
with anyone else's.
"""

from datetime import date

import pytest

from everychild.organisations.models import OrganisationKind, TeamKind
from everychild.organisations.roles import Role
from tests.casework.helpers import make_staff, refer
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory

__all__ = [
    "case",
    "chair",
    "child",
    "cin_team",
    "colleague",
    "council",
    "dsl",
    "health",
    "health_visitor",
    "manager",
    "officer",
    "other_manager",
    "other_team",
    "other_worker",
    "police",
    "referral",
    "school",
    "second_manager",
    "worker",
]


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Demo Borough Council", kind=OrganisationKind.LOCAL_AUTHORITY)


@pytest.fixture
def cin_team(council):
    return TeamFactory(organisation=council, name="CIN and CP team 1", kind=TeamKind.CHILD_IN_NEED)


@pytest.fixture
def other_team(council):
    return TeamFactory(organisation=council, name="CIN and CP team 2", kind=TeamKind.CHILD_IN_NEED)


@pytest.fixture
def manager(cin_team):
    return make_staff(
        Role.TEAM_MANAGER, cin_team, manager=True, username="team.manager", name="Grace Okafor"
    )


@pytest.fixture
def second_manager(cin_team):
    return make_staff(
        Role.TEAM_MANAGER, cin_team, manager=True, username="team.manager2", name="Tom Hughes"
    )


@pytest.fixture
def worker(cin_team):
    return make_staff(Role.SOCIAL_WORKER, cin_team, username="social.worker", name="Sam Patel")


@pytest.fixture
def colleague(cin_team):
    return make_staff(Role.SOCIAL_WORKER, cin_team, username="social.worker2", name="Nia Jones")


@pytest.fixture
def other_manager(other_team):
    return make_staff(
        Role.TEAM_MANAGER, other_team, manager=True, username="other.manager", name="Ravi Shah"
    )


@pytest.fixture
def other_worker(other_team):
    return make_staff(Role.SOCIAL_WORKER, other_team, username="other.worker", name="Lucy Brown")


@pytest.fixture
def chair(council):
    return make_staff(
        Role.CONFERENCE_CHAIR, organisation=council, username="cp.chair", name="Helen Ward"
    )


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Metropolitan Police", kind=OrganisationKind.POLICE)


@pytest.fixture
def officer(police):
    return make_staff(Role.PARTNER, organisation=police, username="police.officer", name="Dan Cole")


@pytest.fixture
def health(db):
    return OrganisationFactory(name="Barts Health", kind=OrganisationKind.HEALTH_TRUST)


@pytest.fixture
def health_visitor(health):
    return make_staff(
        Role.PARTNER, organisation=health, username="health.visitor", name="Rukhsana Ali"
    )


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Bow School", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def dsl(school):
    return make_staff(Role.PARTNER, organisation=school, username="school.dsl", name="Ann Lee")


@pytest.fixture
def child(db):
    return PersonFactory(
        given_name="Ayesha", family_name="Begum", date_of_birth=date(2016, 3, 7), gender="F"
    )


@pytest.fixture
def referral(child):
    """Ayesha, referred to children's social care 30 days ago (not yet allocated)."""
    from tests.casework.helpers import days_ago

    return refer(child, days_ago(30))


@pytest.fixture
def case(referral, cin_team, worker, manager):
    """Ayesha's referral, allocated to Sam Patel in team 1 from the referral date."""
    from tests.casework.helpers import allocate

    allocate(referral.child, cin_team, worker, manager, on=referral.referral_date)
    return referral
