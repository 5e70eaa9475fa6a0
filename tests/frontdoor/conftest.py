"""The front door's people: a council with a MASH team, a school and the police, and a
child the index knows."""

from datetime import date

import pytest

from everychild.organisations.models import OrganisationKind, TeamKind
from everychild.organisations.roles import Role
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory, TeamFactory
from tests.frontdoor.helpers import home


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Demo Borough Council", kind=OrganisationKind.LOCAL_AUTHORITY)


@pytest.fixture
def mash_team(council):
    return TeamFactory(organisation=council, name="MASH", kind=TeamKind.FRONT_DOOR)


@pytest.fixture
def mash_worker(mash_team):
    return StaffFactory(
        username="mash.worker",
        role=Role.MASH,
        organisation=mash_team.organisation,
        teams=[mash_team],
    )


@pytest.fixture
def manager(mash_team):
    return StaffFactory(
        username="mash.manager",
        role=Role.TEAM_MANAGER,
        organisation=mash_team.organisation,
        teams=[mash_team],
    )


@pytest.fixture
def second_manager(mash_team):
    return StaffFactory(
        username="mash.manager2",
        role=Role.TEAM_MANAGER,
        organisation=mash_team.organisation,
        teams=[mash_team],
    )


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Bow School", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def dsl(school):
    return StaffFactory(
        username="school.dsl",
        role=Role.PARTNER,
        organisation=school,
        job_title="Designated safeguarding lead",
    )


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Metropolitan Police", kind=OrganisationKind.POLICE)


@pytest.fixture
def officer(police):
    return StaffFactory(username="police.officer", role=Role.PARTNER, organisation=police)


@pytest.fixture
def gp_practice(db):
    return OrganisationFactory(name="Jubilee Street Practice", kind=OrganisationKind.GP_PRACTICE)


@pytest.fixture
def gp(gp_practice):
    return StaffFactory(username="gp", role=Role.PARTNER, organisation=gp_practice)


@pytest.fixture
def known_child(db):
    """Ayesha Begum, known to the index with her address."""
    child = PersonFactory(
        given_name="Ayesha", family_name="Begum", date_of_birth=date(2016, 3, 7), gender="F"
    )
    return home(child, "E1 6AN")
