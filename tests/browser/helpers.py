"""Helpers for the browser tests: the axe-core check every page gets, and signing in."""

import os
import re
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import expect

from tests.factories import PASSWORD

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
SHOTS = os.environ.get("EVERYCHILD_BROWSER_SHOTS", "/tmp/browser-shots")

# ---- accessibility ------------------------------------------------------------------------

_shots_taken: dict[str, int] = defaultdict(int)


def _screenshot(page) -> None:
    """A full-page screenshot named after the test and the page, for a person to look at."""
    if not SHOTS:
        return
    test = os.environ.get("PYTEST_CURRENT_TEST", "test").split(" ")[0].split("::")[-1]
    test = re.sub(r"[^A-Za-z0-9_-]+", "-", test).strip("-")
    folder = Path(SHOTS)
    if not _shots_taken[test]:  # the test's first page: clear its shots from earlier runs
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"{test}-[0-9][0-9]-*.png"):
            old.unlink(missing_ok=True)
    _shots_taken[test] += 1
    path = re.sub(r"[^A-Za-z0-9]+", "-", page.url.split("://", 1)[-1].split("/", 1)[-1])
    name = f"{test}-{_shots_taken[test]:02d}-{path.strip('-')[:40] or 'home'}.png"
    page.screenshot(path=str(folder / name), full_page=True)


def _describe(violation: dict) -> str:
    """A violation as its id, impact, help and the nodes that fail it, one to a line."""
    lines = [f"- {violation['id']} ({violation['impact']}): {violation['help']}"]
    lines.append(f"  {violation['helpUrl']}")
    for node in violation["nodes"]:
        # "Fix any of the following:" then one reason a line.
        heading, *reasons = node.get("failureSummary", "").splitlines() or [""]
        reasons = "; ".join(r.strip() for r in reasons if r.strip())
        target = " >>> ".join(map(str, node["target"]))  # >>> crosses into an iframe
        lines.append(f"    {target}: {heading.strip()} {reasons}")
    return "\n".join(lines)


def check_accessibility(page) -> None:
    """Run axe-core on the page as it stands and fail on any violation; screenshot it."""
    page.wait_for_load_state("load")
    _screenshot(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    # resultTypes only trims the passes axe reports (it still runs every rule): twice as fast.
    violations = page.evaluate(
        """async (tags) => (await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
        })).violations""",
        AXE_TAGS,
    )
    assert not violations, f"axe found {len(violations)} problem(s) on {page.url}:\n" + "\n".join(
        _describe(v) for v in violations
    )


# ---- signing in ---------------------------------------------------------------------------


def sign_in(page, staff, password: str = PASSWORD) -> None:
    """Sign in through the form, as a person would, and land on the home page."""
    page.goto("/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to everychild")
    check_accessibility(page)
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    if "/login/" in page.url:
        problem = page.locator(".govuk-error-summary, main").first.inner_text()
        raise AssertionError(f"{staff.username} could not sign in: {problem}")
