"""The LADO, end to end: a school's designated safeguarding lead rings about a teacher; the
LADO receives the referral (finding the teacher and the pupil in the person index), records
the initial consideration with its clock in view, holds a strategy meeting with an action,
marks it done and records the outcome; then reads the dashboard and the annual report and
downloads its spreadsheet. axe-core checks every page on the way."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from everychild.lado.models import Allegation
from everychild.organisations.models import TeamKind
from everychild.organisations.roles import Role
from everychild.people import services as people
from everychild.people.models import PersonKind
from tests.browser.helpers import check_accessibility, sign_in
from tests.factories import StaffFactory, TeamFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def lado(case):
    team = TeamFactory(organisation=case.council, name="LADO Service", kind=TeamKind.LADO)
    officer = StaffFactory(
        username="helen.lado",
        first_name="Helen",
        last_name="Byrne",
        role=Role.LADO,
        organisation=case.council,
        job_title="Local authority designated officer",
        teams=[team],
    )
    teacher = people.person_create(
        created_by=case.social_worker,
        kind=PersonKind.ADULT,
        given_name="Mark",
        family_name="Holloway",
        date_of_birth=date(1981, 2, 14),
    )
    return officer, teacher


def _menu(page, item: str) -> None:
    page.get_by_role("navigation", name="Menu").get_by_role("link", name=item, exact=True).click()


def _date_fields(scope, legend: str, day: date) -> None:
    group = scope.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_the_lado_from_referral_to_outcome(page, lado, case, tmp_path):
    officer, _teacher = lado
    today = timezone.localdate()

    sign_in(page, officer)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Allegations against people who work with children"
    )
    check_accessibility(page)

    # The referral: the teacher and the pupil are found in the index, misspelt.
    page.get_by_role("link", name="Receive a referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Receive a referral")
    check_accessibility(page)
    page.get_by_label("Search the person index for the person").fill("Mark Hollowey")
    page.get_by_role("button", name="Find the person").click()
    subject = page.get_by_role("group", name="Who is the allegation about?")
    subject.get_by_label("Mark Holloway, born 14 February 1981").check()
    check_accessibility(page)
    page.get_by_label("Their role").fill("Year 4 class teacher")
    page.get_by_label("Employer or organisation", exact=True).select_option(
        label="Canal Primary School"
    )
    page.get_by_label("Sector they work in").select_option(label="Education")
    page.get_by_label("Search for the children involved").fill("Ayesha Begum")
    page.get_by_role("button", name="Find children").click()
    page.get_by_label("Ayesha Begum, born 7 March 2014").check()
    expect(subject.get_by_label("Mark Holloway, born 14 February 1981")).to_be_checked()
    check_accessibility(page)
    page.get_by_label(re.compile("^Behaved in a way that has harmed a child")).check()
    page.get_by_label("What is alleged").fill(
        "Ayesha told her teaching assistant that Mr Holloway grabbed her arm and shook her "
        "when she would not sit down. The assistant saw red marks on her upper arm."
    )
    page.get_by_label("Referred by").fill("Sarah Cooper, designated safeguarding lead")
    page.get_by_label("Sector the referral came from").select_option(label="Education")
    page.get_by_role("button", name="Receive the referral").click()
    expect(page.get_by_role("alert")).to_contain_text("Referral received")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mark Holloway")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Due in 1 working day")
    check_accessibility(page)

    # The initial consideration, within the working day: the clock stops in time.
    page.get_by_role("group", name="Decision").get_by_label("Threshold met: LADO process").check()
    page.get_by_label("Why", exact=True).fill(
        "Physical harm alleged and marks seen by staff: the harm test is met."
    )
    page.get_by_role("button", name="Record the initial consideration").click()
    expect(page.get_by_role("alert")).to_contain_text("Initial consideration recorded")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Done in time")
    check_accessibility(page)

    # A strategy meeting with an action; a forgotten owner is asked for first.
    page.get_by_text("Record a meeting").click()
    meeting = page.locator("details", has_text="Record a meeting")
    meeting.get_by_label("Strategy meeting").check()
    meeting.get_by_label("Who attended").fill(
        "Helen Byrne (LADO), DC Kelly (police), Sarah Cooper (school)"
    )
    meeting.get_by_label("Metropolitan Police").check()
    action = meeting.get_by_role("group", name="Action 1")
    action.get_by_label("What needs doing").fill("Video interview with Ayesha")
    _date_fields(action, "Due by", today + timedelta(days=7))
    page.get_by_role("button", name="Record the meeting").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say who will do action 1")
    check_accessibility(page)
    action = page.get_by_role("group", name="Action 1")
    action.get_by_label("Who will do it").fill("DC Kelly, police")
    page.get_by_role("button", name="Record the meeting").click()
    expect(page.get_by_role("alert")).to_contain_text("Strategy meeting recorded")
    actions = page.get_by_role("table", name="Actions agreed")
    expect(actions).to_contain_text("Video interview with Ayesha")
    expect(actions).to_contain_text("Due in")
    check_accessibility(page)
    page.get_by_role("button", name=re.compile("Mark as done")).click()
    expect(page.get_by_role("alert")).to_contain_text("Action marked as done")
    expect(page.get_by_role("table", name="Actions agreed")).to_contain_text("Done")

    # The outcome: a date, the basis and what follows.
    page.get_by_role("group", name="Outcome", exact=True).get_by_label(
        "Substantiated", exact=True
    ).check()
    page.get_by_label("Basis for the outcome").fill(
        "Ayesha's account was consistent at interview and the assistant saw the marks; "
        "Mr Holloway accepted he held her arm."
    )
    what_follows = page.get_by_role("group", name="What follows")
    what_follows.get_by_label("Dismissal or cessation of use").check()
    what_follows.get_by_label("Referral to the Disclosure and Barring Service").check()
    page.get_by_role("button", name="Record the outcome", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Outcome recorded")
    expect(page.locator("main")).to_contain_text("Referral to the Disclosure and Barring Service")
    check_accessibility(page)
    allegation = Allegation.objects.get()
    assert allegation.outcome == "substantiated" and allegation.meetings.count() == 1

    # The list, with the closed allegation under "Closed".
    page.get_by_role("link", name="Allegations", exact=True).click()
    expect(page.get_by_text("No allegations match these filters")).to_be_visible()
    page.get_by_label("Open or closed").select_option(label="Closed (outcome recorded)")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("table", name=re.compile("allegation"))).to_contain_text(
        "Mark Holloway"
    )
    check_accessibility(page)

    # The dashboard: the outcome counts towards the targets.
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_role("table", name="Outcomes by sector")).to_contain_text("Education")
    timeliness = page.get_by_role("table", name="Time from referral to outcome")
    expect(timeliness.locator("tbody tr").first).to_contain_text("100%")
    expect(timeliness.locator("tbody tr").first).to_contain_text("Met")
    check_accessibility(page)

    # The engagement log: a session with a mosque.
    page.get_by_role("link", name="Engagement", exact=True).click()
    page.get_by_text("Record a session").click()
    page.get_by_label("Organisation or group, if not listed").fill("Canal Street Mosque")
    page.get_by_label("Sector", exact=True).select_option(label="Faith group")
    page.get_by_label("What was covered").fill("Safer recruitment for madrasah teachers.")
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_role("alert")).to_contain_text("Engagement recorded")
    check_accessibility(page)

    # The annual report for this reporting year, and its spreadsheet.
    page.get_by_role("link", name="Annual report").click()
    year_ending = today.year + 1 if today.month >= 4 else today.year
    page.get_by_label("Reporting year").select_option(str(year_ending))
    page.get_by_role("button", name="Show the figures").click()
    expect(page.get_by_role("table", name="Referrals by outcome")).to_contain_text("Substantiated")
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download these figures")).click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == f"lado-annual-figures-{year_ending - 1}-{year_ending % 100:02d}.xlsx"
    book = load_workbook(path)
    assert list(book["By outcome"].iter_rows(values_only=True))[-1] == ("Total", 1)


def test_the_lados_pages_full_of_the_demo_boroughs_history(page, live_server):
    """The monitoring pages with four years of history in them (the demo's LADO step): every
    table filled, every page still accessible. The school's safeguarding lead, named on an
    allegation about their school, reads it and nothing else."""
    from everychild.demo.borough import DEMO_PASSWORD
    from tests.lado.helpers import build

    b, _ = build(children=300, seed=5)
    lado, dsl = b.accounts["lado"], b.accounts["school.dsl"]
    sign_in(page, lado, DEMO_PASSWORD)
    # (one or several, by the day the test runs)
    expect(page.locator("main")).to_contain_text(re.compile(r"initial considerations? overdue"))
    check_accessibility(page)
    _menu(page, "Dashboard")
    expect(page.get_by_role("table", name="Overdue actions")).to_be_visible()
    expect(page.get_by_role("table", name="Initial considerations overdue")).to_be_visible()
    expect(page.get_by_role("heading", name="Repeat subjects")).to_be_visible()
    check_accessibility(page)
    _menu(page, "Allegations")
    check_accessibility(page)
    page.get_by_label("Open or closed").select_option("all")
    page.get_by_label("Sector").select_option(label="Education")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("table", name=re.compile("allegation"))).to_contain_text("Education")
    check_accessibility(page)
    busiest = (
        Allegation.objects.filter(outcome="", meetings__isnull=False)
        .order_by("-received_at")
        .first()
    )
    page.goto(f"/lado/allegations/{busiest.pk}/")
    expect(page.get_by_role("table", name="Actions agreed").first).to_be_visible()
    check_accessibility(page)
    _menu(page, "Engagement")
    check_accessibility(page)
    _menu(page, "Annual report")
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()

    named = Allegation.objects.filter(named_staff=dsl).first()
    if named is None:
        named = Allegation.objects.first()
        named.named_staff.add(dsl)
    sign_in(page, dsl, DEMO_PASSWORD)
    page.get_by_role("link", name=named.subject.full_name).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(named.subject.full_name)
    expect(page.locator(".govuk-warning-text")).to_contain_text("Confidential")
    expect(page.get_by_role("button", name=re.compile("Record"))).to_have_count(0)
    check_accessibility(page)
