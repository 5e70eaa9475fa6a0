"""core.registry: host pages show what the installed apps register, to the right roles."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

from everychild.core import registry
from everychild.organisations.roles import Role
from tests.factories import StaffFactory


@pytest.fixture
def host():
    name = "tests.page"
    registry.host(name, "A test page: fill(user).")
    yield name
    registry._hosts.pop(name)
    registry._panels.pop(name, None)


def test_panels_in_order_for_their_roles_and_hidden_when_empty(host, db):
    registry.panel(host, "second", fill=lambda *, user: {"n": 2}, order=20)
    registry.panel(host, "first", fill=lambda *, user: {"n": 1}, order=10)
    registry.panel(host, "managers", fill=lambda *, user: {}, roles={Role.TEAM_MANAGER})
    registry.panel(host, "empty", fill=lambda *, user: None, order=5)
    worker = StaffFactory(role=Role.SOCIAL_WORKER)
    shown = registry.filled(host, worker)
    assert [(s.panel.name, s.context) for s in shown] == [("first", {"n": 1}), ("second", {"n": 2})]
    manager = StaffFactory(role=Role.TEAM_MANAGER)
    assert "managers" in [s.panel.name for s in registry.filled(host, manager)]


def test_a_panel_name_is_registered_once(host):
    registry.panel(host, "one", fill=lambda *, user: {})
    with pytest.raises(ImproperlyConfigured):
        registry.panel(host, "one", fill=lambda *, user: {})


def test_every_panel_is_on_a_declared_host():
    assert registry.unknown_hosts() == []


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.MASH, ["Home", "Front door", "Alerts", "Find a child", "Raise a concern"]),
        (Role.PARTNER, ["Home", "Find a child", "Raise a concern", "My concerns", "Requests"]),
        (Role.DIRECTOR, ["Home", "Corporate parenting", "Find a child"]),
        (Role.ADMINISTRATOR, ["Home", "Administration"]),
    ],
)
def test_each_role_sees_its_navigation(rf, db, role, expected):
    from everychild.record.context_processors import navigation

    request = rf.get("/")
    request.user = StaffFactory(role=role)
    assert [item["text"] for item in navigation(request)["navigation"]] == expected


def test_a_superuser_sees_only_the_administration(rf, db):
    from everychild.record.context_processors import navigation

    request = rf.get("/")
    request.user = StaffFactory(role=Role.SOCIAL_WORKER, is_superuser=True)
    assert [i["text"] for i in navigation(request)["navigation"]] == ["Home", "Administration"]


def test_the_registry_command_lists_hooks_hosts_and_navigation(capsys):
    call_command("registry", "--json")
    listing = json.loads(capsys.readouterr().out)
    assert "people.person_created" in [h["name"] for h in listing["hooks"]]
    assert {"record.child", "record.home", "record.child_actions"} <= listing["hosts"].keys()
    assert [p["name"] for p in listing["hosts"]["record.child"]][:2] == ["casework", "care"]
    assert listing["navigation"][0]["text"] == "Home"


def test_every_everychild_app_runs_its_registrations():
    from django.apps import apps

    from everychild.core.apps import EverychildConfig

    ours = [c for c in apps.get_app_configs() if c.name.startswith("everychild.")]
    assert ours and all(isinstance(c, EverychildConfig) for c in ours), [
        c.name for c in ours if not isinstance(c, EverychildConfig)
    ]
