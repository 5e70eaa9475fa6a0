"""The front door, end to end: a school raises a concern under a misspelt name; the MASH
sees it matched, asks the police, decides level 4 with the clock in view; a manager signs
it off; the school sees the outcome. axe-core checks every page on the way."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from everychild.core.calendar import add_working_days
from everychild.organisations.models import TeamKind
from everychild.organisations.roles import Role
from everychild.people import services as people
from everychild.people.models import Address, PersonAddress
from tests.browser.helpers import check_accessibility, sign_in
from tests.factories import StaffFactory, TeamFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def front_door(case):
    mash = TeamFactory(organisation=case.council, name="MASH", kind=TeamKind.FRONT_DOOR)
    worker = StaffFactory(
        username="shirin.mash",
        first_name="Shirin",
        last_name="Rahman",
        role=Role.MASH,
        organisation=case.council,
        teams=[mash],
    )
    manager = StaffFactory(
        username="farida.manager",
        first_name="Farida",
        last_name="Choudhury",
        role=Role.TEAM_MANAGER,
        organisation=case.council,
        teams=[mash],
    )
    teacher = StaffFactory(
        username="sarah.dsl",
        first_name="Sarah",
        last_name="Cooper",
        role=Role.PARTNER,
        organisation=case.school,
        job_title="Designated safeguarding lead",
    )
    officer = StaffFactory(
        username="james.police",
        first_name="James",
        last_name="Kelly",
        role=Role.PARTNER,
        organisation=case.police,
    )
    child = people.person_create(
        created_by=case.social_worker,
        given_name="Rayyan",
        family_name="Uddin",
        date_of_birth=date(2016, 5, 12),
        gender="M",
    )
    PersonAddress.objects.create(
        person=child,
        address=Address.objects.create(line_1="Flat 3, Wexford House", postcode="E1 6AN"),
        moved_in=date(2020, 1, 6),
    )
    return worker, manager, teacher, officer, child


def _date_fields(page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_worry_from_school_to_a_signed_off_referral(page, front_door, case):
    worker, manager, teacher, officer, _child = front_door

    # The school raises a concern, spelling the child's names as its own system does.
    sign_in(page, teacher)
    page.get_by_role("link", name="Raise a concern").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a concern about a child")
    check_accessibility(page)
    page.get_by_label("First name").fill("Rayan")
    page.get_by_label("Last name").fill("Udin")
    _date_fields(page, "Date of birth", date(2016, 5, 12))
    page.get_by_label("Male", exact=True).check()
    page.get_by_label("Postcode").fill("E1 6AN")
    page.get_by_label("What is the worry about?").select_option("neglect")
    page.get_by_label("What did you see or hear?").fill(
        "Rayan has come to school hungry and in the same clothes all week. He said "
        "'there is no food at home, mum is sleeping'."
    )
    page.get_by_role("button", name="Send to the front door").click()
    expect(page.get_by_role("alert")).to_contain_text("has reached the front door")
    mine = page.get_by_role("table", name=re.compile("concern"))
    expect(mine).to_contain_text("Rayan Udin")
    expect(mine).to_contain_text("Received by the front door")
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()

    # The MASH sees it on the queue, matched, with the decision clock running.
    sign_in(page, worker)
    page.get_by_role("link", name="Front door").first.click()
    check_accessibility(page)
    row = page.get_by_role("table", name=re.compile("contact")).locator("tbody tr").first
    expect(row).to_contain_text("Rayyan Uddin")
    expect(row).to_contain_text("Due in 1 working day")
    row.get_by_role("link", name="Rayyan Uddin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rayyan Uddin")
    expect(page.get_by_text("Matched to a child in the index")).to_be_visible()
    expect(page.locator(".govuk-inset-text")).to_contain_text("Due in 1 working day")
    check_accessibility(page)

    page.get_by_role("group", name="RAG rating").get_by_label("Amber").check()
    page.get_by_role("button", name="Save RAG rating").click()
    expect(page.get_by_role("alert")).to_contain_text("RAG rating saved")
    consent = page.get_by_role("group", name="Consent to share information")
    consent.get_by_label("Not sought").check()
    page.get_by_label("Why consent was not sought").fill(
        "Asking mother first could put Rayyan at risk before we know more."
    )
    page.get_by_role("group", name="Lawful basis for sharing").get_by_label(
        re.compile("Public task")
    ).check()
    page.get_by_role("button", name="Save consent and lawful basis").click()
    expect(page.get_by_role("alert")).to_contain_text("Consent and lawful basis recorded")

    page.get_by_label("Agency to ask").select_option(label="Metropolitan Police")
    page.get_by_label("What do you need to know?").fill(
        "Any call-outs to Flat 3, Wexford House, E1 6AN, in the last year?"
    )
    _date_fields(page, "Reply needed by", add_working_days(date.today(), 1))
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("alert")).to_contain_text("Request sent to Metropolitan Police")
    expect(page.get_by_text("Awaiting reply")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()

    # The police answer the request.
    sign_in(page, officer)
    page.get_by_role("link", name="Requests").first.click()
    check_accessibility(page)
    page.get_by_role("link", name="Rayyan Uddin").click()
    check_accessibility(page)
    page.get_by_label("What your agency knows").fill(
        "Two domestic incidents at the address in September; mother the victim."
    )
    page.get_by_role("button", name="Send your answer").click()
    expect(page.get_by_role("alert")).to_contain_text("your answer has reached the front door")
    page.get_by_role("button", name="Sign out").click()

    # The MASH decides: level 4, a referral; the clock stops.
    sign_in(page, worker)
    page.get_by_role("link", name="Front door").first.click()
    page.get_by_role("link", name="Rayyan Uddin").first.click()
    expect(page.get_by_text("Two domestic incidents").first).to_be_visible()
    page.get_by_role("group", name="Level of need").get_by_label(re.compile("Level 4")).check()
    page.get_by_role("group", name="Outcome").get_by_label(
        "Referral to children's social care"
    ).check()
    page.get_by_label("Rationale").fill(
        "Neglect seen by school and domestic abuse known to police: risk of significant "
        "harm needs a social work assessment."
    )
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("alert")).to_contain_text("needs a manager's sign-off")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Done in time")
    expect(page.get_by_text("Waiting for a manager to sign it off")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()

    # The manager signs it off.
    sign_in(page, manager)
    page.get_by_role("link", name="Front door").first.click()
    page.get_by_role("link", name="Rayyan Uddin").first.click()
    check_accessibility(page)
    page.get_by_role("group", name="Do you agree with the decision?").get_by_label(
        "Yes, sign it off"
    ).check()
    page.get_by_role("button", name="Record sign-off").click()
    expect(page.get_by_role("alert")).to_contain_text("Decision signed off")
    expect(page.get_by_text(re.compile("Signed off by Farida Choudhury"))).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()

    # The school sees the outcome of its own concern.
    sign_in(page, teacher)
    page.get_by_role("link", name="My concerns").first.click()
    mine = page.get_by_role("table", name=re.compile("concern"))
    expect(mine).to_contain_text("Decided")
    expect(mine).to_contain_text("Referral to children's social care")
    check_accessibility(page)


def test_the_alerts_page_and_recording_a_call_pass_axe(page, front_door, case):
    """Worries adding up about Rayyan (school, GP and police in three months) raise an alert;
    the MASH worker reads it, then records a phone call about him."""
    from everychild.alerts.rules import evaluate_children
    from everychild.frontdoor.models import Concern
    from everychild.organisations.models import Organisation, OrganisationKind
    from tests.frontdoor.helpers import ensure_default_alert_rules

    worker, _manager, teacher, officer, child = front_door
    gp = Organisation.objects.create(
        name="Jubilee Street Practice", kind=OrganisationKind.GP_PRACTICE
    )
    for days, agency, by in (
        (70, case.school, teacher),
        (40, gp, None),
        (10, case.police, officer),
    ):
        Concern.objects.create(
            child=child,
            agency=agency,
            reported_by=by,
            reported_at=timezone.now() - timedelta(days=days),
            category="neglect",
            details="Often hungry and in the same clothes.",
            child_given_name=child.given_name,
            child_family_name=child.family_name,
        )
    ensure_default_alert_rules()
    assert evaluate_children([child.pk]).raised
    sign_in(page, worker)
    page.get_by_role("link", name="Alerts", exact=True).click()
    card = page.locator(".govuk-summary-card").filter(has_text="Rayyan Uddin")
    expect(card).to_contain_text("Jubilee Street Practice")
    check_accessibility(page)
    page.goto(reverse("frontdoor:record_contact", args=[child.pk]))
    check_accessibility(page)
    page.get_by_role("button", name="Put it on the front-door queue").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page)
