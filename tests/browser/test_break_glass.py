"""Break glass: a social worker not involved opens a record in an emergency, and the data
protection officer reviews it."""

import re

import pytest
from playwright.sync_api import expect

from everychild.organisations.roles import Role
from tests.browser.helpers import check_accessibility, sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.browser

REASON = "Out-of-hours police call: Ayesha reported missing from home tonight."


def test_break_glass_then_the_dpo_reviews_it(page, case):
    duty_worker = StaffFactory(
        username="eve.duty",
        first_name="Eve",
        last_name="Duty",
        role=Role.SOCIAL_WORKER,
        organisation=case.council,
    )
    dpo = StaffFactory(
        username="dpo",
        first_name="Priya",
        last_name="Shah",
        role=Role.DPO,
        organisation=case.council,
    )

    sign_in(page, duty_worker)
    check_accessibility(page)
    page.goto(f"/children/{case.child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayesha Begum")
    expect(page.get_by_role("heading", name="Chronology")).to_have_count(0)
    expect(page.get_by_role("heading", name="Emergency access")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Request emergency access").click()
    expect(page).to_have_url(re.compile(rf"/children/{case.child.pk}/break-glass/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Request emergency access")
    check_accessibility(page)

    # Too short a reason is refused, with the GOV.UK error summary linking to the field.
    page.get_by_label("Why do you need to see this record now?").fill("urgent")
    page.get_by_role("button", name="Open the record").click()
    error_summary = page.locator(".govuk-error-summary")
    expect(error_summary).to_contain_text("There is a problem")
    expect(error_summary.get_by_role("link")).to_have_text(
        "Say why you need to see this record now (at least a sentence)."
    )
    expect(page).to_have_title(re.compile("^Error: "))
    check_accessibility(page)

    page.get_by_label("Why do you need to see this record now?").fill(REASON)
    page.get_by_role("button", name="Open the record").click()
    expect(page).to_have_url(re.compile(rf"/children/{case.child.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text("Emergency access granted")
    warning = page.locator(".govuk-warning-text")
    expect(warning).to_contain_text("You are using emergency access until")
    expect(warning).to_contain_text(REASON)
    expect(page.get_by_role("table", name="Chronology")).to_contain_text(
        case.summaries_newest_first[0]
    )
    check_accessibility(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    check_accessibility(page)

    sign_in(page, dpo)
    expect(page.get_by_role("heading", level=1)).to_have_text("Data protection")
    expect(page.get_by_role("main")).to_contain_text("Break-glass access awaiting review (1)")
    check_accessibility(page)

    page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Break-glass reviews"
    ).click()
    expect(page).to_have_url(re.compile(r"/audit/break-glass/$"))
    grants = page.get_by_role("table", name="Break-glass access")
    expect(grants.locator("tbody tr")).to_have_count(1)
    expect(grants.locator("tbody tr")).to_contain_text("Eve Duty")
    expect(grants.locator("tbody tr")).to_contain_text(REASON)
    check_accessibility(page)

    grants.get_by_role("link", name="Ayesha Begum").click()
    expect(page).to_have_url(re.compile(rf"/audit/children/{case.child.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Who looked at Ayesha Begum")
    events = page.get_by_role("table", name="Reads and changes")
    broke_glass = events.locator("tbody tr", has_text="Broke glass")
    expect(broke_glass).to_have_count(1)
    expect(broke_glass).to_contain_text("Eve Duty")
    expect(broke_glass).to_contain_text(REASON)
    what = page.locator("td:nth-child(3)", has_text=re.compile(r"^Viewed$"))
    expect(events.locator("tbody tr").filter(has=what).first).to_contain_text("Eve Duty")
    check_accessibility(page)

    # The review itself: recorded, and the grant leaves the queue.
    page.goto("/audit/break-glass/")
    check_accessibility(page)
    page.get_by_role("link", name="Review access by Eve Duty").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review emergency access")
    check_accessibility(page)
    page.get_by_role("button", name="Record review").click()  # nothing chosen yet
    expect(page.get_by_role("alert")).to_contain_text("Select whether this access was justified")
    check_accessibility(page)
    page.get_by_role("group", name="Was this access justified?").get_by_label("Yes").check()
    page.get_by_label("Review note").fill("Confirmed with the emergency duty team.")
    page.get_by_role("button", name="Record review").click()
    expect(page).to_have_url(re.compile(r"/audit/break-glass/$"))
    expect(page.get_by_role("alert")).to_contain_text("Review recorded.")
    expect(page.get_by_role("main")).to_contain_text("Nothing awaiting review.")
    check_accessibility(page)

    # Reviewed grants stay in the full log; from there, everything the worker looked at.
    page.get_by_role("link", name="Show all").click()
    reviewed = page.get_by_role("table", name="Break-glass access").locator("tbody tr")
    expect(reviewed).to_have_count(1)
    expect(reviewed.locator(".govuk-tag")).to_have_text("Justified")
    check_accessibility(page)
    reviewed.get_by_role("link", name="Eve Duty").click()
    expect(page).to_have_url(re.compile(rf"/audit/staff/{duty_worker.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("What Eve Duty")
    looked_at = page.get_by_role("table", name="Reads and changes")
    expect(looked_at.locator("tbody tr", has_text="Broke glass")).to_contain_text(REASON)
    check_accessibility(page)
