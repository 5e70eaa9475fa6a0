"""Factories for tests (factory_boy with Faker en_GB)."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from everychild.access.models import Involvement, InvolvementKind
from everychild.organisations.models import (
    Organisation,
    OrganisationKind,
    Staff,
    Team,
    TeamKind,
    TeamMembership,
)
from everychild.organisations.roles import Role
from everychild.people.models import NameKind, Person, PersonKind, PersonName
from everychild.people.names import search_keys

factory.Faker._DEFAULT_LOCALE = "en_GB"
PASSWORD = "a-long-test-password-2026"


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.LOCAL_AUTHORITY


class TeamFactory(DjangoModelFactory):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = TeamKind.CHILD_IN_NEED


class StaffFactory(DjangoModelFactory):
    class Meta:
        model = Staff
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    role = Role.SOCIAL_WORKER
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        for team in extracted or []:
            TeamMembership.objects.create(team=team, staff=self)


_faker = factory.Faker._get_faker()


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    kind = PersonKind.CHILD
    # Names without an apostrophe (O'Connor): tests look for names in the HTML, where Django
    # escapes it, and a name drawn at random must not make a test fail one run in fifty.
    given_name = factory.LazyFunction(lambda: _faker.first_name().replace("'", ""))
    family_name = factory.LazyFunction(lambda: _faker.last_name().replace("'", ""))
    date_of_birth = date(2015, 6, 1)
    gender = "F"

    @factory.post_generation
    def current_name(self, create, extracted, **kwargs):
        PersonName.objects.create(
            person=self,
            kind=NameKind.CURRENT,
            given_name=self.given_name,
            family_name=self.family_name,
            **search_keys(self.given_name, self.family_name),
        )


def involve(child, kind=InvolvementKind.ALLOCATED_WORKER, **who) -> Involvement:
    return Involvement.objects.create(child=child, kind=kind, **who)
