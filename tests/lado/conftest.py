"""The people the LADO tests share: the LADO, a school and its safeguarding lead, the
police and an officer, a social worker with a child allocated to them, the DPO, and the
teacher an allegation is about."""

from datetime import date

import pytest

from everychild.organisations.models import OrganisationKind, TeamKind
from everychild.organisations.roles import Role
from everychild.people.models import PersonKind
from tests.casework.helpers import make_staff
from tests.factories import OrganisationFactory, PersonFactory, TeamFactory, involve


@pytest.fixture
def council(db):
    return OrganisationFactory(name="Demo Borough Council", kind=OrganisationKind.LOCAL_AUTHORITY)


@pytest.fixture
def lado(council):
    team = TeamFactory(organisation=council, name="LADO Service", kind=TeamKind.LADO)
    return make_staff(Role.LADO, team, username="lado", name="Helen Byrne")


@pytest.fixture
def school(db):
    return OrganisationFactory(name="Canal Primary School", kind=OrganisationKind.SCHOOL)


@pytest.fixture
def police(db):
    return OrganisationFactory(name="Metropolitan Police", kind=OrganisationKind.POLICE)


@pytest.fixture
def dsl(school):
    return make_staff(Role.PARTNER, organisation=school, username="school.dsl", name="Ann Lee")


@pytest.fixture
def officer(police):
    return make_staff(Role.PARTNER, organisation=police, username="police.officer", name="Dan Cole")


@pytest.fixture
def dpo(council):
    return make_staff(Role.DPO, organisation=council, username="dpo", name="Priya Shah")


@pytest.fixture
def worker(council):
    team = TeamFactory(organisation=council, name="CIN team 1", kind=TeamKind.CHILD_IN_NEED)
    return make_staff(Role.SOCIAL_WORKER, team, username="social.worker", name="Sam Patel")


@pytest.fixture
def pupil(worker):
    """A child at the school, allocated to the social worker."""
    child = PersonFactory(given_name="Ayesha", family_name="Begum", date_of_birth=date(2016, 3, 7))
    involve(child, staff=worker)
    return child


@pytest.fixture
def teacher(db):
    """The adult the allegation is about."""
    return PersonFactory(
        kind=PersonKind.ADULT,
        given_name="Mark",
        family_name="Holloway",
        date_of_birth=date(1981, 2, 14),
        gender="M",
    )
