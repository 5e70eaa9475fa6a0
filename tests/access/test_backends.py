"""The access policy answers Django's object permissions, so that the person index (below the
access layer) can ask without importing it."""

from everychild.organisations.roles import Role
from tests.factories import PersonFactory, StaffFactory


def test_object_permissions_follow_the_policy(allocated_child, social_worker):
    stranger = StaffFactory(role=Role.SOCIAL_WORKER)
    assert social_worker.has_perm("people.change_person", allocated_child)
    assert social_worker.has_perm("people.view_person", allocated_child)
    assert not stranger.has_perm("people.change_person", allocated_child)


def test_a_superuser_gets_no_child_record_from_being_a_superuser(allocated_child):
    admin = StaffFactory(role=Role.ADMINISTRATOR, is_superuser=True)
    assert not admin.has_perm("people.change_person", allocated_child)
    assert admin.has_perm("people.change_person")  # the admin site's model permission


def test_adults_and_other_permissions_are_not_the_policys(social_worker, db):
    adult = PersonFactory(kind="adult")
    assert not social_worker.has_perm("people.change_person", adult)
    assert not social_worker.has_perm("casework.change_assessment", PersonFactory())
