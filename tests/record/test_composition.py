"""The child's record and the home pages are hosts: they show what the installed apps
register (core.registry), to the roles each names, within the page's query budget."""

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from everychild.core import registry
from everychild.organisations.roles import Role
from tests.care.factories import in_care
from tests.factories import StaffFactory

TEST_TEMPLATES = Path(__file__).parent.parent / "templates"
CHILD_PAGE_QUERIES = 30  # the child's page's budget (bench/casework.py measures it too)


@pytest.fixture
def test_panel(settings):
    """A panel of the test's own on the child's record (its template in tests/templates),
    removed afterwards."""
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], TEST_TEMPLATES]}]
    yield
    registry._panels["record.child"].pop("zzq_test", None)


def test_a_registered_panel_appears_in_its_order_for_its_roles(
    client, social_worker, allocated_child, test_panel
):
    seen = []

    def fill(*, user, child, can_edit):
        seen.append((user, child, can_edit))
        return {"zzq_words": "Zzq panel words"}

    registry.panel(
        "record.child",
        "zzq_test",
        template="tests/zzq_panel.html",
        fill=fill,
        order=55,  # between casework (50) and care (60)
        roles={Role.SOCIAL_WORKER},
        prepare=lambda people: people.extra(select={"zzq_prepared": "1"}),
    )
    client.force_login(social_worker)
    html = client.get(reverse("record:child", args=[allocated_child.pk])).content.decode()
    assert "Zzq panel words" in html
    assert html.index('id="casework-heading"') < html.index("Zzq panel words")
    assert html.index("Zzq panel words") < html.index('id="care-heading"')
    [(user, child, can_edit)] = seen
    assert user == social_worker and child == allocated_child and can_edit
    assert child.zzq_prepared == 1  # prepare() added to the page's own query of the child


def test_a_panel_is_not_filled_for_other_roles_or_when_it_has_nothing(
    client, allocated_child, team, test_panel
):
    manager = StaffFactory(role=Role.TEAM_MANAGER, teams=[team])
    filled = []
    registry.panel(
        "record.child",
        "zzq_test",
        template="tests/zzq_panel.html",
        fill=lambda **kwargs: filled.append(kwargs) or {"zzq_words": "Zzq panel words"},
        roles={Role.SOCIAL_WORKER},
    )
    client.force_login(manager)
    html = client.get(reverse("record:child", args=[allocated_child.pk])).content.decode()
    assert filled == [] and "Zzq panel words" not in html
    registry._panels["record.child"].pop("zzq_test")
    registry.panel("record.child", "zzq_test", fill=lambda **_: None, template="tests/x.html")
    html = client.get(reverse("record:child", args=[allocated_child.pk])).content.decode()
    assert "Zzq" not in html  # None: nothing to show, and its template is never loaded


def test_the_childs_page_keeps_its_query_budget_however_long_the_history(
    client, social_worker, allocated_child
):
    in_care(allocated_child, by=social_worker)
    client.force_login(social_worker)
    url = reverse("record:child", args=[allocated_child.pk])
    client.get(url)  # warm the content-type cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    assert len(queries) <= CHILD_PAGE_QUERIES, [q["sql"][:120] for q in queries]


@pytest.mark.parametrize(
    ("role", "heading", "shows"),
    [
        (Role.SOCIAL_WORKER, "Your children", "piece"),  # casework's My work figures
        (Role.TEAM_MANAGER, "Your team&#x27;s children", "awaiting allocation"),
        (Role.MASH, "Front door", "open alerts"),  # the alerts app's figure
        (Role.PARTNER, "Children you work with", "Raise a concern about a child"),
        (Role.DIRECTOR, "The borough at a glance", "currently known to children"),
        (Role.DPO, "Data protection", "Break-glass access awaiting review"),
    ],
)
def test_each_roles_home_page_is_composed_of_its_panels(client, db, team, role, heading, shows):
    user = StaffFactory(role=role, teams=[team])
    client.force_login(user)
    html = client.get(reverse("home")).content.decode()
    assert heading in html and shows in html
