"""Children in care in a real browser, axe-core on every page: a social worker brings Ayesha
into care, moves her to a long-term foster placement, records a missing episode, her return
and the return home interview; her IRO holds her first looked-after review; the director
reads the corporate parenting page."""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from everychild.access.models import InvolvementKind
from everychild.care.models import CareEpisode, LookedAfterReview, ReturnInterview
from everychild.organisations.roles import Role
from tests.browser.helpers import check_accessibility, sign_in
from tests.care.factories import CarerFactory
from tests.factories import PersonFactory, StaffFactory, involve

pytestmark = pytest.mark.browser


def _date_fields(page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _moment_fields(page, date_legend: str, time_label: str, moment: datetime) -> None:
    _date_fields(page, date_legend, moment.date())
    page.get_by_label(time_label).fill(f"{moment:%H:%M}")


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def carers(case):
    return (
        CarerFactory(name="The Hollis household", postcode="E3 2AA"),
        CarerFactory(name="The Rahman household", postcode="E1 6QL"),
    )


@pytest.fixture
def iro(case):
    chair = StaffFactory(
        username="grace.iro",
        first_name="Grace",
        last_name="Adebayo",
        role=Role.CONFERENCE_CHAIR,
        organisation=case.council,
    )
    involve(case.child, InvolvementKind.CONFERENCE_CHAIR, staff=chair)
    return chair


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_into_care_a_move_a_missing_episode_and_a_review(page, case, carers, iro):
    # Every date and time typed is in the past whatever the hour: the interview was held
    # half an hour ago (yesterday evening, just after midnight).
    now = timezone.localtime()
    today = now.date()
    came_in, moved = today - timedelta(days=21), today - timedelta(days=10)
    went_missing = datetime.combine(today - timedelta(days=3), time(21, 30))
    came_back = datetime.combine(today - timedelta(days=2), time(8, 15))
    offered = came_back.replace(hour=14, minute=0)
    held = now - timedelta(minutes=30)
    hollis, rahman = carers

    # The social worker opens Ayesha's record: never in care.
    sign_in(page, case.social_worker)
    page.goto(f"/children/{case.child.pk}/")
    care = page.get_by_role("region", name="Care")
    expect(care).to_contain_text("Never in care")
    care.get_by_role("link", name="Bring into care").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bring")
    check_accessibility(page)

    # A mistake first: no carer chosen. The error names the field; nothing is saved.
    _date_fields(page, "Date the child came into care", came_in)
    page.get_by_label("Legal status").select_option("V2")
    page.get_by_label("Category of need").select_option("N1")
    page.get_by_label("Placement type").select_option("U6")
    page.get_by_role("button", name="Bring into care").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the carer")
    check_accessibility(page)
    assert not CareEpisode.objects.exists()
    page.get_by_label("Carer", exact=True).select_option(
        label=f"{hollis.name} (In-house foster carer, E3 2AA)"
    )
    page.get_by_role("button", name="Bring into care").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("In care")
    now = page.get_by_role("definition").filter(has_text="The Hollis household")
    expect(now).to_be_visible()
    expect(page.get_by_role("table", name="Statutory clocks")).to_contain_text(
        "Looked-after review"
    )
    check_accessibility(page)

    # A move to a long-term foster placement.
    page.get_by_role("link", name="Change placement").click()
    check_accessibility(page)
    _date_fields(page, "Date of the move", moved)
    page.get_by_label("New carer").select_option(
        label=f"{rahman.name} (In-house foster carer, E1 6QL)"
    )
    page.get_by_label("Placement type").select_option("U4")
    page.get_by_label("Reason for the change").select_option("CARPL")
    _date_fields(
        page, "Date the match with the carer was agreed (optional)", moved - timedelta(days=4)
    )
    page.get_by_role("button", name="Save the move").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("In care")
    expect(page.locator("main")).to_contain_text("The Rahman household")
    expect(page.locator("main")).to_contain_text(f"matched {_long(moved - timedelta(days=4))}")
    moves = page.locator(".govuk-summary-list__row").filter(has_text="Moves in the last 12 months")
    expect(moves).to_contain_text("1")
    episodes = page.locator("table").filter(has_text="RNE")
    expect(episodes.locator("tbody tr")).to_have_count(2)
    check_accessibility(page)

    # She goes missing from her placement, and comes back.
    page.get_by_role("link", name="No missing episodes recorded: report one").click()
    page.get_by_role("link", name="Report the child missing").click()
    check_accessibility(page)
    _moment_fields(page, "Date they went missing", "Time they went missing", went_missing)
    page.get_by_role("group", name="Missing from").get_by_label("Care placement").check()
    page.get_by_role("group", name="Missing or away?").get_by_label("Missing", exact=True).check()
    page.get_by_role("button", name="Report missing").click()
    page.goto(f"/children/{case.child.pk}/missing/")
    expect(page.get_by_role("table")).to_contain_text("Still missing")
    check_accessibility(page)
    page.get_by_role("link", name="Record the return").click()
    check_accessibility(page)
    _moment_fields(page, "Date they came back", "Time they came back", came_back)
    page.get_by_label("Where were they found?").fill("At a friend's flat in Bow; came home by bus.")
    page.get_by_role("group", name="Risk of exploitation").get_by_label("None identified").check()
    page.get_by_role("button", name="Record the return").click()

    # The return home interview: offered within 72 hours, then held.
    page.goto(f"/children/{case.child.pk}/missing/")
    expect(page.get_by_role("table")).to_contain_text("Due by")
    page.get_by_role("link", name="Offer the interview").click()
    check_accessibility(page)
    _moment_fields(page, "Date offered", "Time offered", offered)
    page.get_by_role("button", name="Record the offer").click()
    page.goto(f"/children/{case.child.pk}/missing/")
    page.get_by_role("link", name="Record the interview").click()
    check_accessibility(page)
    page.get_by_role("group", name="Did the child accept the interview?").get_by_label(
        "Yes"
    ).check()
    _moment_fields(page, "Date held", "Time held", held)
    page.get_by_label("What the child said").fill("I went to see my friend. I was upset.")
    page.get_by_role("button", name="Record the interview").click()
    page.goto(f"/children/{case.child.pk}/care/")
    missing = page.get_by_role("table", name="Missing episodes")
    expect(missing).to_contain_text("Held")
    expect(missing).to_contain_text("Offered within 72 hours")
    check_accessibility(page)
    assert ReturnInterview.objects.get().held_at is not None

    # The IRO holds the first review.
    _sign_out(page)
    sign_in(page, iro)
    page.goto(f"/children/{case.child.pk}/care/")
    page.get_by_role("link", name="Record the review").first.click()
    check_accessibility(page)
    _date_fields(page, "Date of the review", today)
    page.get_by_role("group", name="How did the child take part?").get_by_label(
        "Child attended and spoke for themself"
    ).check()
    page.get_by_label("The child's views").fill("I like living with Mrs Rahman.")
    page.get_by_role("button", name="Record the review").click()
    reviews = page.get_by_role("table", name="Looked-after reviews")
    expect(reviews).to_contain_text("I like living with Mrs Rahman.")
    expect(page.get_by_role("table", name="Statutory clocks")).to_contain_text("the 2nd")
    check_accessibility(page)
    assert LookedAfterReview.objects.get().chair == iro


def test_the_corporate_parenting_page(page, case):
    director = StaffFactory(username="ruth.director", role=Role.DIRECTOR, organisation=case.council)
    sign_in(page, director)
    page.get_by_role("link", name="Corporate parenting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corporate parenting")
    expect(page.get_by_role("table", name="Stability")).to_contain_text("NI 62")
    expect(page.get_by_role("table", name="Timeliness of the care plan")).to_be_visible()
    check_accessibility(page)


def test_every_other_care_page_passes_axe(page, case, carers, iro):
    """The pages the journey above does not reach, each opened by someone who may use it."""
    from everychild.care.models import CareLeaver
    from everychild.care.services import oversight, permanence
    from tests.care.factories import in_care

    today = timezone.localdate()
    child = case.child
    period = in_care(child, started_on=today - timedelta(days=60), by=case.social_worker)
    manager = StaffFactory(role=Role.TEAM_MANAGER, organisation=case.council, teams=[case.team])
    challenge = oversight.iro_challenge_raise(
        child=child,
        raised_by=iro,
        raised_on=today - timedelta(days=5),
        issue="No contact with her brother for six weeks.",
        respond_by=today + timedelta(days=5),
    )
    plan = permanence.return_home_plan(
        period=period, planned_by=case.social_worker, planned_on=today - timedelta(days=2)
    ).plan
    adviser = StaffFactory(
        username="pat.adviser", role=Role.PERSONAL_ADVISER, organisation=case.council
    )
    young_person = PersonFactory(
        given_name="Rubel", family_name="Miah", date_of_birth=date(2008, 1, 5)
    )
    involve(young_person, InvolvementKind.ALLOCATED_WORKER, staff=case.social_worker)
    involve(young_person, InvolvementKind.PERSONAL_ADVISER, staff=adviser)
    leaver = CareLeaver.objects.create(
        child=young_person,
        eligibility="former_relevant",
        since=date(2026, 1, 5),
        personal_adviser=adviser,
    )
    pages = {
        case.social_worker: [
            "/care/carers/",
            f"/children/{child.pk}/care/legal-status/",
            f"/children/{child.pk}/care/end/",
            f"/children/{child.pk}/care/health-assessments/new/",
            f"/children/{child.pk}/care/education-plans/new/",
            f"/care/children/{child.pk}/permanence/new/",
            f"/care/children/{child.pk}/adoption/new/",
            f"/care/return-home/{plan.pk}/",
            "/missing/interviews/",
            f"/care/care-leavers/{leaver.pk}/adviser/",
            f"/care/care-leavers/{leaver.pk}/pathway-review/new/",
            f"/care/care-leavers/{leaver.pk}/contact/new/",
            f"/children/{young_person.pk}/care/",
        ],
        iro: [
            f"/children/{child.pk}/care/challenges/new/",
            "/care/challenges/",
            f"/care/challenges/{challenge.pk}/escalate/",
            f"/care/challenges/{challenge.pk}/resolve/",
        ],
        manager: ["/care/carers/new/", "/care/adoption/", "/care/corporate-parenting/"],
        adviser: ["/care/leavers/"],
    }
    for user, urls in pages.items():
        sign_in(page, user)
        for url in urls:
            response = page.goto(url)
            assert response.ok, f"{url} as {user.username}: {response.status}"
            check_accessibility(page)
        page.get_by_role("button", name="Sign out").click()
