"""Browser tests: headless Chromium (Debian's, never a downloaded one) driven by Playwright
against pytest-django's live server, with axe-core checking every page (helpers.py).

Every test here is marked `browser`; `-m "not browser"` leaves them out. Full-page
screenshots of every page checked go to /tmp/browser-shots/ (or $EVERYCHILD_BROWSER_SHOTS;
set it empty to take none).
"""

import os
from dataclasses import dataclass
from datetime import date, datetime

import pytest
from django.utils import timezone
from playwright.sync_api import sync_playwright

from everychild.access.models import InvolvementKind
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.organisations.models import Organisation, OrganisationKind, Staff, Team, TeamKind
from everychild.organisations.roles import Role
from everychild.people import services as people
from everychild.people.models import Person, PersonKind, RelationshipKind
from tests.browser.helpers import AXE
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory, TeamFactory, involve

# Playwright's sync API keeps an asyncio event loop running in the main thread, and Django
# refuses ORM calls from a thread with a running loop. The tests create their data, and
# pytest-django flushes the database, from that thread: allow it (test harness only).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        message = f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    if not AXE.exists():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _new_context(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # Anything the browser complains about fails the test: an uncaught script error, a
    # console error (a CSP refusal, a missing asset) or a request that never completed.
    page.problems = []
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: (
            page.problems.append(f"console error: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    # ERR_ABORTED is the browser cancelling a request because the page navigated away (a
    # form submitted before a deferred script arrived): not a fault of the page.
    page.on(
        "requestfailed",
        lambda request: (
            None
            if "ERR_ABORTED" in (request.failure or "")
            else page.problems.append(f"request failed: {request.url} {request.failure}")
        ),
    )
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A fresh browser (no cookies) per test.

    The Content Security Policy allows no inline script without the page's nonce, and
    `add_script_tag` injects axe-core as an inline script, so this context bypasses CSP
    (the test harness only). test_csp.py drives the same pages with the policy enforced.
    """
    context, page = _new_context(browser, live_server, bypass_csp=True)
    yield page
    problems = page.problems
    context.close()
    assert not problems, "the browser reported problems:\n" + "\n".join(problems)


@pytest.fixture
def strict_page(browser, live_server):
    """A fresh browser that enforces the Content Security Policy (so no axe-core). The test
    checks `page.problems` itself."""
    context, page = _new_context(browser, live_server)
    yield page
    context.close()


# ---- a child known to children's social care, with a multi-agency chronology --------------


@dataclass
class Case:
    council: Organisation
    school: Organisation
    police: Organisation
    health: Organisation
    team: Team
    social_worker: Staff
    child: Person
    summaries_newest_first: list[str]
    school_summaries_newest_first: list[str]


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=10)))


@pytest.fixture
def case(live_server) -> Case:
    """Ayesha Begum, allocated to Sam Okafor in a child-in-need team, with her mother at
    home and events on her chronology from the school, the police and health."""
    council = OrganisationFactory(name="Demo Borough Council", phone="020 7946 0000")
    school = OrganisationFactory(name="Canal Primary School", kind=OrganisationKind.SCHOOL)
    police = OrganisationFactory(name="Metropolitan Police", kind=OrganisationKind.POLICE)
    health = OrganisationFactory(name="Whittington Health", kind=OrganisationKind.HEALTH_TRUST)
    team = TeamFactory(
        organisation=council, name="Child in need team 2", kind=TeamKind.CHILD_IN_NEED
    )
    social_worker = StaffFactory(
        username="sam.okafor",
        first_name="Sam",
        last_name="Okafor",
        role=Role.SOCIAL_WORKER,
        organisation=council,
        phone="020 7946 0123",
        email="sam.okafor@demo-borough.example",
        teams=[team],
    )
    child = people.person_create(
        created_by=social_worker,
        given_name="Ayesha",
        family_name="Begum",
        date_of_birth=date(2014, 3, 7),
        gender="F",
    )
    involve(
        child, InvolvementKind.ALLOCATED_WORKER, staff=social_worker, started_on=date(2025, 1, 6)
    )
    involve(child, InvolvementKind.CASE_TEAM, team=team, started_on=date(2025, 1, 6))
    involve(child, InvolvementKind.SCHOOL, organisation=school)
    mother = people.person_create(
        created_by=social_worker,
        kind=PersonKind.ADULT,
        given_name="Rahima",
        family_name="Begum",
        date_of_birth=date(1988, 11, 2),
    )
    for person in (child, mother):
        people.person_move(
            person=person,
            moved_by=social_worker,
            line_1="14 Canal Street",
            postcode="N1 7AB",
            moved_in=date(2019, 5, 1),
        )
    people.relationship_add(
        from_person=mother,
        to_person=child,
        kind=RelationshipKind.PARENT,
        added_by=social_worker,
        parental_responsibility=True,
    )
    # Other children with similar names, so the search has to rank the right one first.
    PersonFactory(given_name="Aisha", family_name="Begum", date_of_birth=date(2016, 9, 2))
    PersonFactory(given_name="Ayesha", family_name="Rahman", date_of_birth=date(2013, 1, 20))
    PersonFactory(given_name="Amir", family_name="Begum", date_of_birth=date(2012, 4, 11))

    events = [  # oldest first
        (date(2019, 9, 4), EntryKind.SCHOOL_ADMISSION, "Started in Reception.", school),
        (date(2024, 11, 18), EntryKind.HEALTH_CONTACT, "School nurse: weight check.", health),
        (date(2025, 2, 3), EntryKind.POLICE_INCIDENT, "Police called to the home.", police),
        (date(2025, 3, 14), EntryKind.SCHOOL_CONCERN, "Arrived hungry three days running.", school),
    ]
    # Shared with partners in the plan, so the minimal view's hiding them is the policy's doing.
    for day, kind, summary, agency in events:
        ChronologyEntry.objects.create(
            child=child,
            occurred_at=_at(day),
            kind=kind,
            summary=summary,
            source_organisation=agency,
            visibility=Visibility.PARTNERS,
        )
    # The chronology also holds the birth and the move that the services recorded.
    newest_first = [summary for _, _, summary, _ in reversed(events)]
    return Case(
        council=council,
        school=school,
        police=police,
        health=health,
        team=team,
        social_worker=social_worker,
        child=child,
        summaries_newest_first=newest_first,
        school_summaries_newest_first=[
            summary for _, _, summary, agency in reversed(events) if agency == school
        ],
    )
