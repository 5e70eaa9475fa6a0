"""Signing in: a failure shows the GOV.UK error summary; each role's home page renders."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from everychild.access.models import InvolvementKind
from everychild.organisations.models import TeamKind
from everychild.organisations.roles import Role
from tests.browser.helpers import check_accessibility, sign_in
from tests.factories import StaffFactory, TeamFactory, involve

pytestmark = pytest.mark.browser


def test_a_failed_sign_in_shows_the_error_summary(page, case):
    page.goto("/login/")
    check_accessibility(page)
    page.get_by_label("Username").fill(case.social_worker.username)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/login/$"))
    expect(page).to_have_title(re.compile(r"^Error: Sign in"))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", level=2)).to_have_text("There is a problem")
    expect(summary.get_by_role("alert")).to_be_visible()
    expect(summary.get_by_role("link")).to_contain_text("enter a correct username and password")
    # GOV.UK Frontend's JavaScript moves focus to the summary, so it is read out first.
    expect(summary).to_be_focused()
    expect(page.get_by_label("Username")).to_have_value(case.social_worker.username)
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    check_accessibility(page)

    # The error link takes the user to the field to correct.
    summary.get_by_role("link").click()
    expect(page.get_by_label("Username")).to_be_focused()


def _staff_for(role: Role, case):
    """A member of staff in `role`, with whatever their home page lists."""
    if role == Role.SOCIAL_WORKER:
        return case.social_worker, "Your children", ["Ayesha Begum", "Allocated social worker"]
    if role == Role.TEAM_MANAGER:
        manager = StaffFactory(role=role, organisation=case.council, teams=[case.team])
        return manager, "Your team's children", ["Ayesha Begum", "Team holding the case"]
    if role == Role.MASH:
        front_door = TeamFactory(organisation=case.council, name="MASH", kind=TeamKind.FRONT_DOOR)
        involve(
            case.child, InvolvementKind.FRONT_DOOR, team=front_door, started_on=date(2025, 3, 17)
        )
        mash = StaffFactory(role=role, organisation=case.council, teams=[front_door])
        return mash, "Front door", ["Ayesha Begum", "Front door (MASH) screening"]
    if role == Role.PARTNER:
        teacher = StaffFactory(role=role, organisation=case.school)
        involve(case.child, InvolvementKind.PLAN_MEMBER, staff=teacher)
        return teacher, "Children you work with", ["Ayesha Begum", "Member of the child's plan"]
    if role == Role.ANALYST:
        analyst = StaffFactory(role=role, organisation=case.council)
        return analyst, "The borough at a glance", ["currently known to children's social care"]
    if role == Role.DPO:
        dpo = StaffFactory(role=role, organisation=case.council)
        return dpo, "Data protection", ["Break-glass access awaiting review (0)"]
    raise AssertionError(role)


@pytest.mark.parametrize(
    "role",
    [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.MASH, Role.PARTNER, Role.ANALYST, Role.DPO],
    ids=lambda role: role.value,
)
def test_each_role_home_page(page, case, role):
    staff, heading, expected = _staff_for(role, case)
    sign_in(page, staff)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_text("Signed in as")).to_contain_text(f"({role.label}")
    main = page.get_by_role("main")
    for text in expected:
        expect(main).to_contain_text(text)
    if role == Role.ANALYST:  # figures only: no child's name
        expect(main).not_to_contain_text("Ayesha")
    check_accessibility(page)


def test_at_phone_width_the_menu_folds_away(page, case):
    page.set_viewport_size({"width": 375, "height": 740})
    sign_in(page, case.social_worker)
    menu = page.get_by_role("button", name="Menu")
    find_a_child = page.get_by_role("navigation", name="Menu").get_by_role(
        "link", name="Find a child"
    )
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(find_a_child).to_be_hidden()
    check_accessibility(page)
    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    check_accessibility(page)
    find_a_child.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a child")
    check_accessibility(page)


def test_changing_the_password(page, case):
    sign_in(page, case.social_worker)
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change your password")
    check_accessibility(page)
    page.get_by_label("Old password").fill("a-long-test-password-2026")
    page.get_by_label("New password", exact=True).fill("password123")
    page.get_by_label("New password confirmation").fill("password123")
    page.get_by_role("button", name="Change password").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("too common")
    check_accessibility(page)
    page.get_by_label("Old password").fill("a-long-test-password-2026")
    page.get_by_label("New password", exact=True).fill("kingfisher-dock-lantern")
    page.get_by_label("New password confirmation").fill("kingfisher-dock-lantern")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert")).to_contain_text("Your password has been changed.")
    check_accessibility(page)
