"""A partner practitioner outside the child's plan sees only the minimal view."""

import re

import pytest
from playwright.sync_api import expect

from everychild.organisations.roles import Role
from tests.browser.helpers import check_accessibility, sign_in
from tests.factories import StaffFactory

pytestmark = pytest.mark.browser


def test_partner_opening_a_child_directly_sees_only_the_minimal_view(page, case):
    school_dsl = StaffFactory(
        username="dsl",
        first_name="Dana",
        last_name="Lewis",
        role=Role.PARTNER,
        organisation=case.school,
    )
    sign_in(page, school_dsl)
    expect(page.get_by_role("heading", level=1)).to_have_text("Children you work with")
    check_accessibility(page)

    page.goto(f"/children/{case.child.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayesha Begum")
    summary = page.locator("main dl.govuk-summary-list")
    known = summary.locator(".govuk-summary-list__row", has_text="Known to children's social care")
    expect(known.locator("dd")).to_have_text("Yes")
    lead = summary.locator(".govuk-summary-list__row", has_text="Lead professional")
    expect(lead.locator("dd")).to_contain_text("Sam Okafor, Demo Borough Council")
    expect(lead.locator("dd")).to_contain_text("020 7946 0123")
    expect(lead.get_by_role("link", name="sam.okafor@demo-borough.example")).to_be_visible()

    main = page.get_by_role("main")
    expect(main).not_to_contain_text(re.compile("Chronology|Household|Rahima|Canal Street"))
    for summary_text in case.summaries_newest_first:
        expect(main).not_to_contain_text(summary_text)
    expect(page.get_by_role("table")).to_have_count(0)
    expect(page.get_by_role("button", name="Request emergency access")).to_have_count(0)
    expect(page.get_by_role("link", name="Request emergency access")).to_have_count(0)
    check_accessibility(page)
