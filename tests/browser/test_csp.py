"""The pages work with the Content Security Policy enforced: no script or style refused.

The other browser tests bypass CSP so that axe-core can be injected; this one keeps it on
(so it cannot run axe-core: the same pages are checked in test_social_worker.py) and fails
on any console error, which is where Chromium reports a refused script, style or connection.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_pages_work_with_the_content_security_policy_enforced(strict_page, case):
    page = strict_page
    response = page.goto("/login/")
    assert "script-src 'self' 'nonce-" in response.headers["content-security-policy"]
    page.get_by_label("Username").fill(case.social_worker.username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    # GOV.UK Frontend's JavaScript ran (after the nonce'd inline script marked the body).
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    page.get_by_role("button", name="Show password").click()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "text")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your children")

    page.get_by_role("link", name="Ayesha Begum").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayesha Begum")
    # htmx's request and swap are allowed too.
    with page.expect_response(lambda r: "agency=" in r.url and r.status == 200):
        page.get_by_label("Agency").select_option(label="Metropolitan Police")
    expect(page.locator("#chronology tbody tr")).to_have_count(1)
    expect(page.locator("#chronology")).to_contain_text("Police called to the home.")

    assert not page.problems, "the browser reported problems:\n" + "\n".join(page.problems)
