"""A social worker finds an allocated child, reads the chronology, filters it, signs out."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_accessibility, sign_in

pytestmark = pytest.mark.browser


def _chronology_summaries(page) -> list[str]:
    """The 'what happened' text of each row, top to bottom, without the kind heading."""
    cells = page.locator("#chronology tbody tr td:nth-child(2)")
    return [text.split("\n", 1)[-1].strip() for text in cells.all_inner_texts()]


def _in_order(found: list[str], wanted: list[str]) -> bool:
    positions = [found.index(summary) for summary in wanted if summary in found]
    return len(positions) == len(wanted) and positions == sorted(positions)


def test_social_worker_finds_a_misspelt_child_and_reads_the_chronology(page, case):
    sign_in(page, case.social_worker)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")
    expect(page.get_by_role("link", name="Ayesha Begum")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a child").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a child")
    check_accessibility(page)

    page.get_by_role("button", name="Search").click()  # nothing entered
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a name, date of birth, NHS number or UPN."
    )
    expect(page.locator(".govuk-error-summary")).to_be_focused()
    check_accessibility(page)

    page.get_by_label("Name", exact=True).fill("Aysha Begom")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?text=Aysha\+Begom"))
    results = page.get_by_role("table", name=re.compile("possible match"))
    expect(results).to_be_visible()
    expect(results.locator("tbody tr").first).to_contain_text("Ayesha Begum")
    expect(results.locator("tbody tr").first).to_contain_text("7 Mar 2014")
    check_accessibility(page)

    results.locator("tbody tr").first.get_by_role("link", name="Ayesha Begum").click()
    expect(page).to_have_url(re.compile(rf"/children/{case.child.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayesha Begum")
    expect(page.get_by_role("heading", name="Household and family")).to_be_visible()
    expect(page.get_by_role("table", name="Household and family")).to_contain_text("Rahima Begum")
    chronology = page.get_by_role("table", name="Chronology")
    expect(chronology).to_be_visible()
    summaries = _chronology_summaries(page)
    assert summaries[0] == case.summaries_newest_first[0], summaries
    assert _in_order(summaries, case.summaries_newest_first), summaries
    assert summaries[-1] == "Born.", summaries  # the oldest event of all
    dates = chronology.locator("tbody tr td:first-child").all_inner_texts()
    assert dates[0] == "14 Mar 2025" and dates[-1] == "7 Mar 2014", dates
    check_accessibility(page)

    # Filtering by agency replaces the chronology in place (htmx) and keeps the URL.
    with page.expect_response(lambda r: "agency=" in r.url and r.status == 200):
        page.get_by_label("Agency").select_option(label="Canal Primary School")
    expect(chronology.locator("tbody tr")).to_have_count(2)
    assert _chronology_summaries(page) == case.school_summaries_newest_first
    expect(page).to_have_url(re.compile(rf"/children/{case.child.pk}/\?agency={case.school.pk}"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayesha Begum")  # same page
    check_accessibility(page)

    # The pushed URL is what the form submits without JavaScript: reloading it gives the
    # whole page, filtered, with the agency still chosen.
    page.reload()
    expect(page.get_by_label("Agency")).to_have_value(str(case.school.pk))
    assert _chronology_summaries(page) == case.school_summaries_newest_first
    check_accessibility(page)

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to everychild")
    expect(page.get_by_text("Signed in as")).to_have_count(0)
    check_accessibility(page)


def test_chronology_filter_is_a_plain_get_form_without_htmx(page, case):
    """With htmx unavailable (blocked, failed to load), the filter still works as a form."""
    page.route(
        "**/build/htmx.min.js",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )
    sign_in(page, case.social_worker)
    check_accessibility(page)
    page.goto(f"/children/{case.child.pk}/")
    check_accessibility(page)

    page.get_by_label("Agency").select_option(label="Metropolitan Police")
    page.get_by_label("Kind of event").select_option(label="Police incident")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(
        re.compile(rf"/children/{case.child.pk}/\?agency={case.police.pk}&kind=police_incident$")
    )
    assert _chronology_summaries(page) == ["Police called to the home."]
    check_accessibility(page)

    # A filter that matches nothing says so.
    page.get_by_label("Agency").select_option(label="Whittington Health")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    expect(page.locator("#chronology")).to_contain_text(
        "Nothing on the chronology matches these filters."
    )
    check_accessibility(page)
