"""Casework in a real browser, axe-core on every page: (a) a social worker completes and
submits a single assessment and a manager authorises it in time; (b) a strategy discussion
starts a section 47 enquiry with its conference date, and a child protection chair holds the
initial conference that puts the child on a plan with its review and visit clocks."""

import re
from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from everychild.access.models import Involvement, InvolvementKind
from everychild.core.calendar import add_working_days
from everychild.frontdoor.models import Contact, Referral
from everychild.organisations.models import TeamMembership
from everychild.organisations.roles import Role
from everychild.workforce.services import CASE_KINDS, allocation_assign
from tests.browser.helpers import check_accessibility, sign_in
from tests.factories import PersonFactory, StaffFactory, involve

pytestmark = pytest.mark.browser


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def casework(case):
    """Ayesha's referral a week ago, allocated by the team's manager to Sam Okafor; a chair
    booked for her conference; a police officer and a health visitor who may join it."""
    manager = StaffFactory(
        username="farida.manager",
        first_name="Farida",
        last_name="Choudhury",
        role=Role.TEAM_MANAGER,
        organisation=case.council,
        teams=[case.team],
    )
    TeamMembership.objects.filter(team=case.team, staff=manager).update(is_manager=True)
    # Before allocations were recorded, Sam held the case as an involvement: the allocation
    # replaces it.
    Involvement.objects.filter(child=case.child, kind__in=CASE_KINDS).update(
        ended_on=timezone.localdate() - timedelta(days=8)
    )
    received = timezone.now() - timedelta(days=7)
    contact = Contact.objects.create(child=case.child, source="phone", received_at=received)
    referral = Referral.objects.create(
        child=case.child, contact=contact, referral_date=timezone.localdate(received), source="2A"
    )
    allocation_assign(
        child=case.child,
        team=case.team,
        worker=case.social_worker,
        allocated_by=manager,
        on=referral.referral_date,
    )
    chair = StaffFactory(
        username="grace.chair",
        first_name="Grace",
        last_name="Adebayo",
        role=Role.CONFERENCE_CHAIR,
        organisation=case.council,
    )
    # The safeguarding and reviewing unit books the chair: they see the child's record.
    involve(case.child, InvolvementKind.CONFERENCE_CHAIR, staff=chair)
    StaffFactory(
        username="james.police",
        first_name="James",
        last_name="Kelly",
        role=Role.PARTNER,
        organisation=case.police,
        job_title="Detective sergeant",
    )
    StaffFactory(
        username="nusrat.hv",
        first_name="Nusrat",
        last_name="Begum",
        role=Role.PARTNER,
        organisation=case.health,
        job_title="Health visitor",
    )
    return manager, chair, referral


def _date_fields(page, legend: str, day: date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _open_child(page, case) -> None:
    page.get_by_role("main").get_by_role("link", name="Ayesha Begum").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ayesha Begum")
    expect(page.get_by_role("heading", name="Casework")).to_be_visible()
    check_accessibility(page)


def test_assessment_submitted_and_authorised_in_time(page, case, casework):
    manager, _chair, _referral = casework
    sign_in(page, case.social_worker)
    expect(page.get_by_role("link", name="My work")).to_be_visible()
    check_accessibility(page)
    _open_child(page, case)

    page.get_by_role("link", name="Start a single assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a single assessment")
    check_accessibility(page)
    page.get_by_role("button", name="Start the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Single assessment")
    clock = page.locator(".govuk-inset-text")
    expect(clock).to_contain_text(re.compile(r"Due in \d+ working days"))
    check_accessibility(page)

    _date_fields(page, "When was the child seen?", timezone.localdate())
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("The child's views").fill("I like school. I don't like it when mum cries.")
    page.get_by_label("Parents' and carers' views").fill("Mother says she is coping.")
    page.get_by_role("group", name="Recommended outcome").get_by_label("Child in need plan").check()
    # Submitting before the analysis is written is refused, in the error summary.
    page.get_by_role("button", name="Save and submit for authorisation").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Before it is authorised, record the analysis.")
    expect(summary).to_be_focused()
    check_accessibility(page)

    page.get_by_label("Analysis", exact=True).fill(
        "Ayesha is cared for but her mother is depressed and isolated; support is needed."
    )
    page.get_by_label("Abuse or neglect: neglect").check()
    page.get_by_label("Mental health: concerns about the parent(s) or carer(s)").check()
    page.get_by_role("button", name="Save and submit for authorisation").click()
    expect(page.get_by_role("alert")).to_contain_text("Assessment submitted")
    expect(page.get_by_text("waiting for a manager to authorise it")).to_be_visible()
    expect(page.locator(".ec-quote").first).to_contain_text("I like school.")
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, manager)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Team").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    check_accessibility(page)
    decisions = page.get_by_role("table", name=re.compile("Decisions waiting for sign-off"))
    decisions.get_by_role("link", name=re.compile("Authorise the assessment")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Authorise the assessment")
    check_accessibility(page)
    page.get_by_role("group", name="Do you agree?").get_by_label("Yes, agree it").check()
    page.get_by_role("button", name="Record your sign-off").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Single assessment")
    expect(page.locator(".govuk-inset-text")).to_contain_text("Done in time")
    expect(page.get_by_text("by Farida Choudhury")).to_be_visible()
    check_accessibility(page)


def test_strategy_discussion_to_a_child_protection_plan(page, case, casework):
    _manager, chair, _referral = casework
    today = timezone.localdate()
    sign_in(page, case.social_worker)
    _open_child(page, case)

    page.get_by_role("link", name="Record a strategy discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a strategy discussion")
    check_accessibility(page)
    agencies = page.get_by_role("group", name="Agencies that took part")
    agencies.get_by_label("Metropolitan Police").check()
    agencies.get_by_label("Whittington Health").check()
    page.get_by_label("Who took part").fill("DS Kelly (police), Nusrat Begum (health), Sam Okafor")
    page.get_by_role("group", name="What did the discussion decide?").get_by_label(
        "Start a section 47 enquiry"
    ).check()
    page.get_by_label("Why").fill("Bruising seen at school that Ayesha could not explain.")
    page.get_by_role("button", name="Record the strategy discussion").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Section 47 enquiry")
    icpc_due = add_working_days(today, 15)
    inset = page.locator(".govuk-inset-text")
    expect(inset).to_contain_text("Initial child protection conference: Due in 15 working days")
    expect(inset).to_contain_text(f"due {_long(icpc_due)}")
    check_accessibility(page)

    page.get_by_role("group", name="Outcome of the enquiry").get_by_label(
        "Concerns substantiated: the child is at continuing risk"
    ).check()
    needed = page.get_by_role("group", name="Is an initial child protection conference needed?")
    needed.get_by_label("Yes").check()
    page.get_by_role("button", name="Complete the enquiry").click()
    expect(page.get_by_role("alert")).to_contain_text("Section 47 enquiry completed")
    expect(
        page.get_by_text("A child protection chair records the initial conference")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, chair)
    _open_child(page, case)
    page.get_by_role("button", name="Record the initial conference").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Initial child protection conference")
    check_accessibility(page)
    page.get_by_role("group", name="What did the conference decide?").get_by_label(
        "Child protection plan"
    ).check()
    page.get_by_role("group", name="Category of abuse").get_by_label("Physical abuse").check()
    members = page.get_by_role("group", name="Conference members from partner agencies")
    members.get_by_label(re.compile("James Kelly")).check()
    members.get_by_label(re.compile("Nusrat Begum")).check()
    page.get_by_label("Summary of the conference").fill("Unanimous: a plan under physical abuse.")
    page.get_by_role("button", name="Record the conference").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Child protection plan")
    clocks = page.locator(".govuk-inset-text")
    review_due = today + relativedelta(months=3)
    visit_due = add_working_days(today, 10)
    expect(clocks).to_contain_text("Next review conference: Due in")
    expect(clocks).to_contain_text(f"due {_long(review_due)}")
    expect(clocks).to_contain_text("Next visit (child seen): Due in 10 working days")
    expect(clocks).to_contain_text(f"due {_long(visit_due)}")
    members_table = page.get_by_role("table", name="Conference and core group members")
    expect(members_table).to_contain_text("James Kelly")
    expect(members_table).to_contain_text("Nusrat Begum")
    check_accessibility(page)

    # The chair will hold the first review conference: its form, and its refusal when empty.
    plan_url = page.url
    page.goto(plan_url.rstrip("/") + "/review-conference/")
    check_accessibility(page)
    page.get_by_role("button", name=re.compile("^Record")).click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page)


def test_the_other_casework_pages_pass_axe(page, case, casework):
    """Every other casework page, as its users see it, with errors and an edit conflict."""
    from everychild.casework.models import Assessment
    from everychild.casework.services import assessments, notes, oversight

    manager, _chair, referral = casework
    worker = case.social_worker
    today = timezone.localdate()
    notes.case_note_add(
        child=case.child,
        written_by=worker,
        kind="visit",
        occurred_at=timezone.now() - timedelta(hours=2),
        note="Home visit. Flat cold; little food in the fridge.",
        child_words="Mum sleeps a lot. I make my own breakfast.",
        child_seen=True,
        seen_alone=True,
    )
    oversight.supervision_record(
        child=case.child,
        manager=manager,
        held_on=today,
        reflection="Discussed whether the worry about food is neglect or poverty.",
        worker=worker,
        actions=[oversight.ActionSpec("Ask the school about breakfast club", worker, today)],
    )
    assessment = assessments.assessment_start(referral=referral, worker=worker, started_by=worker)
    # Disabled young people without a transition plan: one the worker's team holds, one not.
    for name, holds in (("Tariq", True), ("Maya", False)):
        young = PersonFactory(
            given_name=name, date_of_birth=date(today.year - 15, 1, 10), disabilities=["AUT"]
        )
        if holds:
            involve(young, InvolvementKind.CASE_TEAM, team=case.team)

    sign_in(page, worker)
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My work").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My work")
    check_accessibility(page)
    _open_child(page, case)
    expect(page.locator(".ec-quote")).to_contain_text("I make my own breakfast.")

    page.get_by_role("button", name="Add a case note").click()
    page.get_by_role("group", name="Kind of note").get_by_label("Visit").check()
    page.get_by_label("Note", exact=True).fill("Saw Ayesha at school.")
    page.get_by_role("button", name="Add the note").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether the child was seen.")
    check_accessibility(page)
    page.goto(f"/children/{case.child.pk}/")

    for link, heading in (
        ("Propose a step-down to early help", "Propose a step-down to early help"),
        ("Record a strategy discussion", "Record a strategy discussion"),
    ):
        page.goto(f"/children/{case.child.pk}/")
        page.get_by_role("link", name=link).click()
        page.get_by_role("button", name=re.compile("^(Propose|Record)")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.locator(".govuk-error-summary")).to_be_visible()
        check_accessibility(page)

    page.goto(f"/children/{case.child.pk}/")
    page.get_by_role("link", name="Start a child in need plan").click()
    page.get_by_label("What the plan is to achieve").fill("Ayesha eats breakfast every day.")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Child in need plan")
    check_accessibility(page)

    page.goto("/transition/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("transition plan")
    expect(page.get_by_role("table")).to_contain_text("Tariq")
    expect(page.locator(".govuk-inset-text")).to_contain_text("1 other disabled young person")
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("Record a plan")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a transition plan")
    check_accessibility(page)

    # Someone else saves the assessment while it is open: both versions, side by side.
    page.goto(assessment.get_absolute_url())
    opened = Assessment.objects.get(pk=assessment.pk)
    assessments.assessment_update(
        assessment=opened, updated_by=manager, version=opened.version, analysis="Theirs."
    )
    page.get_by_label("Analysis", exact=True).fill("Mine.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("table", name="Your changes and theirs")).to_contain_text("Theirs.")
    check_accessibility(page)
    # The browser logs the 409 (Conflict) it was meant to get; nothing else may be logged.
    conflict = "the server responded with a status of 409 (Conflict)"
    page.problems[:] = [p for p in page.problems if conflict not in p]
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, manager)
    check_accessibility(page)
    page.get_by_role("link", name=re.compile("awaiting allocation")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cases awaiting allocation")
    check_accessibility(page)
    page.goto(f"/children/{case.child.pk}/allocate/")
    page.get_by_label("Allocate to").select_option(label="Sam Okafor (1 child)")
    page.get_by_role("button", name="Allocate").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("already allocated there")
    check_accessibility(page)
    page.goto(f"/teams/{case.team.pk}/caseloads/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseloads")
    check_accessibility(page)
    page.goto(f"/children/{case.child.pk}/")
    check_accessibility(page)
    page.get_by_role("button", name="Record supervision").click()
    page.get_by_role("group", name="Action 1").get_by_label("What needs doing").fill("Visit")
    page.get_by_role("button", name="Record the supervision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Record the reflection")
    check_accessibility(page)


def test_the_remaining_casework_forms_and_a_workers_caseload_pass_axe(page, case, casework):
    """Pages the journeys above do not open: closing the case, starting a CIN plan, marking a
    supervision action done, and a worker's caseload as their manager sees it."""
    from everychild.casework.models import SupervisionAction
    from everychild.casework.services import oversight

    manager, _chair, referral = casework
    worker = case.social_worker
    today = timezone.localdate()
    oversight.supervision_record(
        child=case.child,
        manager=manager,
        held_on=today,
        reflection="Is the worry about food neglect or poverty?",
        worker=worker,
        actions=[oversight.ActionSpec("Ask the school about breakfast club", worker, today)],
    )
    action = SupervisionAction.objects.get()
    sign_in(page, worker)
    for url in (
        f"/referrals/{referral.pk}/closure/",
        f"/referrals/{referral.pk}/cin-plan/new/",
        reverse("casework:supervision_action_done", args=[action.pk]),
    ):
        response = page.goto(url)
        assert response.ok, url
        check_accessibility(page)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, manager)
    page.goto(reverse("workforce:caseloads", args=[case.team.pk]))
    check_accessibility(page)
    page.get_by_role("link", name="Sam Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sam Okafor's caseload")
    expect(page.locator("main")).to_contain_text("Ayesha Begum")
    check_accessibility(page)
