"""core.hooks: declared once, subscribed by name, run in the caller's transaction."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from everychild.core import hooks
from everychild.people.models import Person
from tests.factories import PersonFactory


@pytest.fixture
def hook():
    """A hook of the test's own, removed afterwards."""
    name = "tests.something_happened"
    hooks.declare(name, "Something happened in a test: thing.")
    yield name
    hooks._hooks.pop(name)


def test_subscribers_hear_in_the_order_they_subscribed(hook, db):
    heard = []
    hooks.subscribe(hook, lambda *, thing: heard.append(("first", thing)))
    hooks.subscribe(hook, lambda *, thing: heard.append(("second", thing)))
    with transaction.atomic():
        hooks.run(hook, thing=7)
    assert heard == [("first", 7), ("second", 7)]


def test_a_subscriber_that_fails_undoes_the_whole_write(hook, db):
    def refuse(*, thing):
        raise ValueError("no")

    hooks.subscribe(hook, refuse)
    with pytest.raises(ValueError), transaction.atomic():
        PersonFactory(family_name="Zzqundone")
        hooks.run(hook, thing=1)
    assert not Person.objects.filter(family_name="Zzqundone").exists()


def test_a_hook_runs_only_inside_a_transaction(hook, transactional_db):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        hooks.run(hook, thing=1)


def test_undeclared_and_doubly_declared_hooks_are_refused(hook):
    with pytest.raises(ImproperlyConfigured, match="No hook named"):
        hooks.subscribe("tests.nothing", print)
    with pytest.raises(ImproperlyConfigured, match="No hook named"):
        hooks.run("tests.nothing")
    with pytest.raises(ImproperlyConfigured, match="already declared"):
        hooks.declare(hook, "again")


def test_the_installed_apps_hooks_all_have_subscribers():
    """Every hook the apps declare is listened to (a hook nobody hears is dead code)."""
    silent = [h.name for h in hooks.declared() if not h.subscribers]
    assert not silent, silent
