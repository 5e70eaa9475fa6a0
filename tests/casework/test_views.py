"""Casework and allocation pages: each renders for the people who do the work, refuses an
unrelated social worker without leaking the record, calls its service on POST, shows the
service's refusals in a GOV.UK error summary, and shows both versions on an edit conflict."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceOutcome,
    DecisionKind,
    KeyDecision,
    Section47Enquiry,
    Section47Outcome,
    StrategyDecision,
    Supervision,
    TransitionPlan,
)
from everychild.casework.services import assessments, child_in_need, protection
from everychild.core.calendar import add_working_days
from everychild.frontdoor.models import Contact, Referral
from everychild.organisations.models import OrganisationKind, TeamMembership
from everychild.organisations.roles import Role
from everychild.workforce.models import Allocation
from everychild.workforce.services import allocation_assign
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    StaffFactory,
    TeamFactory,
    involve,
)

# ---- the people -------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _day(name: str, day: date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def borough(db):
    council = OrganisationFactory(name="Demo Borough Council")
    police = OrganisationFactory(name="Metropolitan Police", kind=OrganisationKind.POLICE)
    health = OrganisationFactory(name="Whittington Health", kind=OrganisationKind.HEALTH_TRUST)
    school = OrganisationFactory(name="Canal Primary School", kind=OrganisationKind.SCHOOL)
    team = TeamFactory(organisation=council, name="Child in need team 1")
    other_team = TeamFactory(organisation=council, name="Child in need team 2")
    worker = StaffFactory(
        first_name="Sam", last_name="Okafor", role=Role.SOCIAL_WORKER, teams=[team]
    )
    colleague = StaffFactory(
        first_name="Ade", last_name="Bello", role=Role.SOCIAL_WORKER, teams=[team]
    )
    manager = StaffFactory(
        first_name="Farida", last_name="Choudhury", role=Role.TEAM_MANAGER, teams=[team]
    )
    TeamMembership.objects.filter(team=team, staff=manager).update(is_manager=True)
    stranger = StaffFactory(
        first_name="Eve", last_name="Stranger", role=Role.SOCIAL_WORKER, teams=[other_team]
    )
    chair = StaffFactory(first_name="Grace", last_name="Adebayo", role=Role.CONFERENCE_CHAIR)
    officer = StaffFactory(
        first_name="James", last_name="Kelly", role=Role.PARTNER, organisation=police
    )
    nurse = StaffFactory(
        first_name="Nusrat",
        last_name="Begum",
        role=Role.PARTNER,
        organisation=health,
        job_title="Health visitor",
    )
    return {
        "council": council,
        "police": police,
        "health": health,
        "school": school,
        "team": team,
        "worker": worker,
        "colleague": colleague,
        "manager": manager,
        "stranger": stranger,
        "chair": chair,
        "officer": officer,
        "nurse": nurse,
    }


def _referral(child, days_ago: int = 7) -> Referral:
    received = timezone.now() - timedelta(days=days_ago)
    contact = Contact.objects.create(child=child, source="phone", received_at=received)
    return Referral.objects.create(
        child=child, contact=contact, referral_date=timezone.localdate(received), source="6"
    )


@pytest.fixture
def child(borough):
    return PersonFactory(
        given_name="Ayesha", family_name="Zephyrine", date_of_birth=date(2014, 3, 7)
    )


@pytest.fixture
def referral(child, borough):
    referral = _referral(child)
    allocation_assign(
        child=child,
        team=borough["team"],
        worker=borough["worker"],
        allocated_by=borough["manager"],
        on=referral.referral_date,
    )
    involve(child, InvolvementKind.SCHOOL, organisation=borough["school"])
    return referral


@pytest.fixture
def assessment(referral, borough):
    return assessments.assessment_start(
        referral=referral, worker=borough["worker"], started_by=borough["worker"]
    )


@pytest.fixture
def enquiry(referral, borough):
    discussion = protection.strategy_discussion_record(
        referral=referral,
        recorded_by=borough["worker"],
        held_on=_today(),
        agencies=[borough["police"], borough["health"]],
        attendees="DS Kelly; Nurse Begum; Sam Okafor",
        decision=StrategyDecision.SECTION_47,
        rationale="Bruising seen by the school; the account does not fit.",
    )
    return Section47Enquiry.objects.get(strategy_discussion=discussion)


@pytest.fixture
def cp_plan(enquiry, borough):
    protection.section47_complete(
        enquiry=enquiry,
        completed_by=borough["worker"],
        completed_on=_today(),
        outcome=Section47Outcome.CONTINUING_RISK,
        icpc_needed=True,
    )
    conference = protection.conference_hold(
        referral=enquiry.referral,
        chair=borough["chair"],
        kind=ConferenceKind.INITIAL,
        held_on=_today(),
        outcome=ConferenceOutcome.PLAN,
        summary="Plan agreed.",
        category="PHY",
        section47=enquiry,
        members=[borough["officer"]],
    )
    return conference.plan


@pytest.fixture
def cin_plan(referral, borough):
    return child_in_need.cin_plan_start(
        referral=referral,
        started_by=borough["worker"],
        started_on=_today(),
        outcomes="Ayesha goes to school every day, fed and warm.",
    )


def _html(response) -> str:
    return response.content.decode()


# ---- navigation and the child's page -----------------------------------------------------


def test_navigation_offers_my_work_and_team_by_role(client, borough):
    client.force_login(borough["worker"])
    html = _html(client.get("/"))
    assert reverse("casework:my_work") in html and reverse("casework:team") not in html
    client.force_login(borough["manager"])
    html = _html(client.get("/"))
    assert reverse("casework:team") in html and reverse("workforce:awaiting") in html


def test_child_page_shows_the_casework_panel(client, borough, assessment, child):
    client.force_login(borough["worker"])
    html = _html(client.get(reverse("record:child", args=[child.pk])))
    assert 'id="casework-heading"' in html
    assert "Sam Okafor" in html and "Child in need team 1" in html
    assert "Social workers in the last 12 months" in html
    assert assessment.get_absolute_url() in html
    assert "Single assessment (in progress)" in html
    assert reverse("casework:strategy_discussion", args=[assessment.referral_id]) in html
    assert reverse("casework:case_note_add", args=[child.pk]) in html
    # A single assessment is under way: no second one is offered.
    assert reverse("casework:assessment_start", args=[assessment.referral_id]) not in html


# ---- the single assessment ------------------------------------------------------------------


def test_worker_starts_an_assessment_from_the_referral(client, borough, referral):
    client.force_login(borough["worker"])
    url = reverse("casework:assessment_start", args=[referral.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _day("started_on", referral.referral_date - timedelta(days=3)))
    assert "An assessment cannot start before its referral." in _html(response)
    assert "govuk-error-summary" in _html(response)
    response = client.post(url, _day("started_on", _today()))
    started = Assessment.objects.get(referral=referral)
    assert response.status_code == 302 and response.url == started.get_absolute_url()
    html = _html(client.get(started.get_absolute_url()))
    assert "Assessment clock" in html and "Due in" in html


def _assessment_post(version: int, action: str = "save", **changes) -> dict:
    data = {
        "version": version,
        "action": action,
        "child_views": "I don't like it when they shout.",
        "family_views": "Mother says things are fine.",
        "analysis": "Neglect is likely; mother is struggling on her own.",
        "recommendation": "cin_plan",
        "child_seen_alone": "yes",
        "factors": ["16A", "4B"],
        **_day("child_seen_on", _today()),
    }
    data.update(changes)
    return data


def test_assessment_is_saved_submitted_and_authorised(client, borough, assessment):
    url = assessment.get_absolute_url()
    client.force_login(borough["worker"])
    # Submitting without the analysis is refused, and nothing is saved.
    response = client.post(url, _assessment_post(assessment.version, "submit", analysis=""))
    assert response.status_code == 200
    assert "Before it is authorised, record the analysis." in _html(response)
    assessment.refresh_from_db()
    assert assessment.child_views == "" and assessment.submitted_at is None

    response = client.post(url, _assessment_post(assessment.version, "save"))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.factors == ["16A", "4B"] and assessment.child_seen_alone is True
    response = client.post(url, _assessment_post(assessment.version, "submit"))
    assert response.status_code == 302
    decision = KeyDecision.objects.get(kind=DecisionKind.ASSESSMENT, decided_at__isnull=True)
    html = _html(client.get(url))
    assert "waiting for a manager to authorise it" in html
    assert 'name="analysis"' not in html  # no longer editable

    client.force_login(borough["manager"])
    team = _html(client.get(reverse("casework:team")))
    assert reverse("casework:decision", args=[decision.pk]) in team
    decision_url = reverse("casework:decision", args=[decision.pk])
    response = client.post(decision_url, {"agree": "no", "note": ""})
    assert "Say why the decision is returned." in _html(response)
    response = client.post(decision_url, {"agree": "yes", "note": ""})
    assert response.status_code == 302 and response.url == url
    html = _html(client.get(url))
    assert "Done in time" in html and "Authorised" in html


def test_assessment_edit_conflict_shows_both_versions(client, borough, assessment):
    client.force_login(borough["worker"])
    opened_at = assessment.version
    assessments.assessment_update(
        assessment=assessment,
        updated_by=borough["colleague"],
        version=opened_at,
        analysis="Ade's analysis: the risk is rising.",
    )
    response = client.post(
        assessment.get_absolute_url(),
        _assessment_post(opened_at, analysis="Sam's analysis: things are improving."),
    )
    assert response.status_code == 409
    html = _html(response)
    assert "Ade Bello changed this at" in html
    assert "Sam&#x27;s analysis: things are improving." in html  # the user's unsaved text
    assert "Ade&#x27;s analysis: the risk is rising." in html  # theirs, alongside
    assert f'name="version" value="{opened_at + 1}"' in html  # saving again will work
    assessment.refresh_from_db()
    assert assessment.analysis == "Ade's analysis: the risk is rising."


# ---- who may see ------------------------------------------------------------------------------


def test_an_unrelated_social_worker_sees_nothing(client, borough, assessment, cp_plan, child):
    cin = ChildInNeedPlan.objects.create(
        child=child, referral=assessment.referral, started_on=_today(), outcomes="Secret outcome"
    )
    decision = KeyDecision.objects.filter(child=child).first()
    referral_id = assessment.referral_id
    urls = [
        reverse("casework:assessment", args=[assessment.pk]),
        reverse("casework:assessment_start", args=[referral_id]),
        reverse("casework:strategy_discussion", args=[referral_id]),
        reverse("casework:cin_plan_start", args=[referral_id]),
        reverse("casework:closure", args=[referral_id]),
        reverse("casework:step_down", args=[referral_id]),
        reverse("casework:section47", args=[Section47Enquiry.objects.get().pk]),
        reverse("casework:initial_conference", args=[Section47Enquiry.objects.get().pk]),
        reverse("casework:cp_plan", args=[cp_plan.pk]),
        reverse("casework:review_conference", args=[cp_plan.pk]),
        reverse("casework:cin_plan", args=[cin.pk]),
        reverse("casework:decision", args=[decision.pk]),
        reverse("casework:case_note_add", args=[child.pk]),
        reverse("casework:transition_plan_add", args=[child.pk]),
        reverse("casework:supervision_add", args=[child.pk]),
    ]
    client.force_login(borough["stranger"])
    for url in urls:
        response = client.get(url)
        assert response.status_code in (403, 404), url
        assert "Zephyrine" not in _html(response), url
    # The child's page is the minimal view, without the casework panel.
    html = _html(client.get(reverse("record:child", args=[child.pk])))
    assert 'id="casework-heading"' not in html and assessment.get_absolute_url() not in html
    response = client.post(reverse("casework:case_note_add", args=[child.pk]), {"note": "x"})
    assert response.status_code == 403
    assert not CaseNote.objects.exists()
    # Nor do the lists give the child away.
    for url in (reverse("casework:my_work"), reverse("casework:transitions")):
        assert "Zephyrine" not in _html(client.get(url))
    assert client.get(reverse("casework:team")).status_code == 403
    assert client.get(reverse("workforce:awaiting")).status_code == 403


def test_team_page_is_for_the_teams_managers(client, borough, referral):
    other_manager = StaffFactory(role=Role.TEAM_MANAGER)
    client.force_login(other_manager)
    html = _html(client.get(reverse("casework:team")))
    assert "Zephyrine" not in html and "You do not manage a team" in html
    response = client.get(reverse("workforce:caseloads", args=[borough["team"].pk]))
    assert response.status_code == 403
    client.force_login(borough["manager"])
    html = _html(client.get(reverse("casework:team")))
    assert "Child in need team 1" in html and "Sam Okafor" in html
    html = _html(client.get(reverse("workforce:caseloads", args=[borough["team"].pk])))
    assert "Sam Okafor" in html and "1 child allocated" in html


def test_a_workers_caseload_lists_their_children_and_clocks(client, borough, referral):
    team, worker = borough["team"], borough["worker"]
    url = reverse("casework:worker_caseload", args=[team.pk, worker.pk])
    client.force_login(borough["manager"])
    caseloads = _html(client.get(reverse("workforce:caseloads", args=[team.pk])))
    assert url in caseloads
    html = _html(client.get(url))
    assert "Sam Okafor's caseload" in html and "Zephyrine" in html
    assert "1 child allocated" in html
    assert AuditEvent.objects.filter(verb="viewed_caseload", actor=borough["manager"]).exists()
    # Someone not in the team is not a caseload here; another team's manager sees nothing.
    outside = reverse("casework:worker_caseload", args=[team.pk, borough["stranger"].pk])
    assert client.get(outside).status_code == 404
    client.force_login(StaffFactory(role=Role.TEAM_MANAGER))
    response = client.get(url)
    assert response.status_code == 403 and "Zephyrine" not in _html(response)
    client.force_login(worker)
    assert client.get(url).status_code == 403


# ---- child protection -----------------------------------------------------------------------


def test_strategy_discussion_starts_a_section_47_with_its_icpc_date(client, borough, referral):
    client.force_login(borough["worker"])
    url = reverse("casework:strategy_discussion", args=[referral.pk])
    html = _html(client.get(url))
    assert "Metropolitan Police" in html and "Canal Primary School" in html
    base = {
        **_day("held_on", _today()),
        "attendees": "DS Kelly, Sam Okafor",
        "decision": StrategyDecision.SECTION_47,
        "rationale": "Unexplained bruising.",
    }
    response = client.post(url, {**base, "agencies": [borough["police"].pk]})
    assert "at least the police and health" in _html(response)
    response = client.post(url, {"agencies": [borough["police"].pk]})
    html = _html(response)
    assert (
        "Enter the date of the discussion" in html and "Choose what the discussion decided" in html
    )
    response = client.post(url, {**base, "agencies": [borough["police"].pk, borough["health"].pk]})
    enquiry = Section47Enquiry.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("casework:section47", args=[enquiry.pk])
    html = _html(client.get(response.url))
    due = add_working_days(_today(), 15)
    assert "Initial child protection conference:" in html and f"due {due:%-d %B %Y}" in html


def test_section_47_completed_then_the_chair_holds_the_conference(client, borough, enquiry, child):
    url = reverse("casework:section47", args=[enquiry.pk])
    client.force_login(borough["worker"])
    response = client.post(
        url,
        {
            **_day("completed_on", _today()),
            "outcome": Section47Outcome.NOT_SUBSTANTIATED,
            "icpc_needed": "yes",
        },
    )
    assert "only when the child is at continuing risk" in _html(response)
    response = client.post(
        url,
        {
            **_day("completed_on", _today()),
            "outcome": Section47Outcome.CONTINUING_RISK,
            "icpc_needed": "yes",
        },
    )
    assert response.status_code == 302
    # Only a chair holds the conference.
    conference_url = reverse("casework:initial_conference", args=[enquiry.pk])
    assert client.get(conference_url).status_code == 403

    chair = borough["chair"]
    involve(child, InvolvementKind.CONFERENCE_CHAIR, staff=chair)
    client.force_login(chair)
    assert reverse("casework:initial_conference", args=[enquiry.pk]) in _html(
        client.get(reverse("record:child", args=[child.pk]))
    )
    html = _html(client.get(conference_url))
    assert "James Kelly" in html and "Nusrat Begum, Health visitor" in html
    response = client.post(
        conference_url,
        {**_day("held_on", _today()), "outcome": ConferenceOutcome.PLAN, "summary": "Agreed."},
    )
    assert "Choose the category of abuse." in _html(response)
    response = client.post(
        conference_url,
        {
            **_day("held_on", _today()),
            "outcome": ConferenceOutcome.PLAN,
            "category": "NEG",
            "members": [borough["officer"].pk, borough["nurse"].pk],
            "summary": "Agreed.",
        },
    )
    plan = ChildProtectionPlan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    html = _html(client.get(plan.get_absolute_url()))
    assert "Next review conference:" in html and "Next visit (child seen):" in html
    review_due, visit_due = _today() + relativedelta(months=3), add_working_days(_today(), 10)
    assert f"due {review_due:%-d %B %Y}" in html and f"due {visit_due:%-d %B %Y}" in html
    assert "James Kelly" in html and "Nusrat Begum" in html
    assert "Record a review conference" in html


def test_cp_plan_members_core_group_and_plan_conflict(client, borough, cp_plan):
    url = cp_plan.get_absolute_url()
    client.force_login(borough["worker"])
    html = _html(client.get(url))
    assert "James Kelly" in html and "Save the plan" in html
    response = client.post(
        url, {"action": "add_member", "add_member-staff": str(borough["nurse"].pk)}
    )
    assert response.status_code == 302
    assert cp_plan.members.filter(staff=borough["nurse"], to_on__isnull=True).exists()
    member = cp_plan.members.get(staff=borough["officer"])
    response = client.post(url, {"action": "remove_member", "remove_member-member": member.pk})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.to_on is not None
    response = client.post(url, {"action": "core_group", "core_group-summary": "Met."})
    assert "Enter the date of the core group" in _html(response)
    response = client.post(
        url,
        {
            "action": "core_group",
            **_day("core_group-held_on", _today()),
            "core_group-summary": "Met.",
        },
    )
    assert response.status_code == 302 and cp_plan.core_groups.count() == 1

    cp_plan.refresh_from_db()
    opened_at = cp_plan.version
    protection.cp_plan_update(
        plan=cp_plan, updated_by=borough["colleague"], version=opened_at, plan_text="Theirs."
    )
    response = client.post(
        url, {"action": "plan", "plan-version": opened_at, "plan-plan": "Mine, unsaved."}
    )
    assert response.status_code == 409
    html = _html(response)
    assert "Mine, unsaved." in html and "Theirs." in html and "Ade Bello" in html
    cp_plan.refresh_from_db()
    assert cp_plan.plan == "Theirs."
    response = client.post(
        url, {"action": "plan", "plan-version": cp_plan.version, "plan-plan": "Merged."}
    )
    assert response.status_code == 302
    cp_plan.refresh_from_db()
    assert cp_plan.plan == "Merged."


def test_partner_in_the_plan_reads_it_but_cannot_change_it(client, borough, cp_plan):
    client.force_login(borough["officer"])
    html = _html(client.get(cp_plan.get_absolute_url()))
    assert "Child protection plan" in html and "Save the plan" not in html
    # On the child's page a partner sees the plans, not social care's notes and decisions.
    html = _html(client.get(reverse("record:child", args=[cp_plan.child_id])))
    assert cp_plan.get_absolute_url() in html
    assert "Latest case notes" not in html and "Key decisions" not in html
    response = client.post(
        cp_plan.get_absolute_url(),
        {"action": "plan", "plan-version": cp_plan.version, "plan-plan": "x"},
    )
    assert response.status_code == 403


def test_review_conference_by_the_chair(client, borough, cp_plan):
    client.force_login(borough["chair"])
    url = reverse("casework:review_conference", args=[cp_plan.pk])
    html = _html(client.get(url))
    assert "No change (Physical abuse)" in html
    response = client.post(
        url,
        {
            **_day("held_on", _today()),
            "outcome": ConferenceOutcome.CONTINUE,
            "category": "NEG",
            "summary": "Progress, but neglect is now the worry.",
        },
    )
    assert response.status_code == 302
    cp_plan.refresh_from_db()
    assert cp_plan.latest_category == "NEG" and cp_plan.initial_category == "PHY"


# ---- child in need --------------------------------------------------------------------------


def test_cin_plan_start_review_and_end(client, borough, referral):
    client.force_login(borough["worker"])
    url = reverse("casework:cin_plan_start", args=[referral.pk])
    response = client.post(url, _day("started_on", _today()))
    assert "Say what the plan is to achieve" in _html(response)
    response = client.post(url, {**_day("started_on", _today()), "outcomes": "School every day."})
    plan = ChildInNeedPlan.objects.get()
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    html = _html(client.get(plan.get_absolute_url()))
    assert "Next review:" in html

    response = client.post(
        plan.get_absolute_url(),
        {"action": "review", **_day("review-held_on", _today()), "review-summary": "Going well."},
    )
    assert response.status_code == 302 and plan.reviews.count() == 1
    response = client.post(
        plan.get_absolute_url(),
        {
            "action": "end",
            "end-version": plan.version,
            **_day("end-ended_on", _today()),
            "end-reason": "",
        },
    )
    assert "Say why the plan is ending" in _html(response)
    response = client.post(
        plan.get_absolute_url(),
        {
            "action": "end",
            "end-version": plan.version,
            **_day("end-ended_on", _today()),
            "end-reason": "Needs met.",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.ended_on == _today()


def test_cin_plan_end_conflict(client, borough, cin_plan):
    client.force_login(borough["worker"])
    stale = cin_plan.version
    ChildInNeedPlan.objects.filter(pk=cin_plan.pk).update(version=stale + 1)
    response = client.post(
        cin_plan.get_absolute_url(),
        {
            "action": "end",
            "end-version": stale,
            **_day("end-ended_on", _today()),
            "end-reason": "Needs met.",
        },
    )
    assert response.status_code == 409
    assert "Needs met." in _html(response)


# ---- case notes and supervision -----------------------------------------------------------


def test_case_notes_keep_the_childs_words(client, borough, referral, child):
    client.force_login(borough["worker"])
    url = reverse("casework:case_note_add", args=[child.pk])
    html = _html(client.get(url))
    assert "Management decision" not in html  # only managers record those
    when = timezone.localtime() - timedelta(hours=1)
    base = {
        "kind": "visit",
        **_day("occurred_on", when.date()),
        "occurred_time": f"{when:%H:%M}",
        "note": "Home visit; the flat was cold.",
        "child_words": "Mum cries a lot.",
    }
    response = client.post(url, base)
    assert "Say whether the child was seen." in _html(response)
    response = client.post(url, {**base, "occurred_time": "25:99"})
    assert "Enter the time like 14:30" in _html(response)
    response = client.post(url, {**base, "child_seen": "yes", "seen_alone": "yes"})
    assert response.status_code == 302
    note = CaseNote.objects.get()
    assert note.child_words == "Mum cries a lot." and note.seen_alone is True
    html = _html(client.get(reverse("record:child", args=[child.pk])))
    assert '<blockquote class="ec-quote">Mum cries a lot.</blockquote>' in html
    assert "Child seen alone" in html


def test_manager_records_supervision_and_an_action_is_done(client, borough, referral, child):
    client.force_login(borough["worker"])
    assert client.get(reverse("casework:supervision_add", args=[child.pk])).status_code == 403
    client.force_login(borough["manager"])
    url = reverse("casework:supervision_add", args=[child.pk])
    html = _html(client.get(url))
    assert "Sam Okafor" in html and "Action 3" in html
    base = {
        **_day("held_on", _today()),
        "worker": borough["worker"].pk,
        "reflection": "We weighed the school's worry against mother's account.",
    }
    response = client.post(url, {**base, "action_1": "Visit the school"})
    html = _html(response)
    assert "Choose who will do action 1" in html and "Enter the date action 1 is due by" in html
    response = client.post(
        url,
        {
            **base,
            "action_1": "Visit the school",
            "owner_1": borough["worker"].pk,
            **_day("due_1", _today() + timedelta(days=7)),
        },
    )
    assert response.status_code == 302
    action = Supervision.objects.get().actions.get()
    assert action.owner == borough["worker"]

    client.force_login(borough["worker"])
    html = _html(client.get(reverse("casework:my_work")))
    assert "Supervision action: Visit the school" in html
    done_url = reverse("casework:supervision_action_done", args=[action.pk])
    assert done_url in _html(client.get(reverse("record:child", args=[child.pk])))
    assert "Visit the school" in _html(client.get(done_url))
    response = client.post(done_url, _day("done_on", _today()))
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done_on == _today()


# ---- closure, step-down and allocation ------------------------------------------------------


def test_closure_and_step_down_wait_for_sign_off(client, borough, referral, child):
    client.force_login(borough["worker"])
    url = reverse("casework:closure", args=[referral.pk])
    response = client.post(url, _day("closed_on", _today()))
    assert "Choose the reason for closure" in _html(response)
    response = client.post(url, {**_day("closed_on", _today()), "reason": "RC8"})
    decision = KeyDecision.objects.get(kind=DecisionKind.CLOSURE)
    assert response.url == reverse("casework:decision", args=[decision.pk])
    html = _html(client.get(response.url))
    assert "Waiting for a team manager to sign it off" in html
    html = _html(client.get(reverse("casework:step_down", args=[referral.pk])))
    assert "James Kelly" in html and "Metropolitan Police" in html
    response = client.post(
        reverse("casework:step_down", args=[referral.pk]),
        {**_day("stepped_on", _today()), "lead_professional": borough["nurse"].pk},
    )
    assert response.status_code == 302
    client.force_login(borough["manager"])
    html = _html(client.get(reverse("record:child", args=[child.pk])))
    assert "Close the case" in html and "Step down to early help" in html
    response = client.post(
        reverse("casework:decision", args=[decision.pk]), {"agree": "yes", "note": ""}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.closed_on == _today() and referral.closure_reason == "RC8"


def test_allocation_from_the_waiting_list(client, borough):
    unallocated = PersonFactory(given_name="Rayyan", family_name="Quillfeather")
    _referral(unallocated)
    client.force_login(borough["worker"])
    assert client.get(reverse("workforce:allocate", args=[unallocated.pk])).status_code == 403
    client.force_login(borough["manager"])
    html = _html(client.get(reverse("workforce:awaiting")))
    assert "Rayyan Quillfeather" in html
    url = reverse("workforce:allocate", args=[unallocated.pk])
    html = _html(client.get(url))
    assert "Child in need team 1, awaiting a worker" in html and "Sam Okafor (0 children)" in html
    response = client.post(url, _day("on", _today()))
    assert "Choose who will hold the case" in _html(response)
    team, worker = borough["team"], borough["worker"]
    response = client.post(url, {"allocate_to": f"{team.pk}:{worker.pk}", **_day("on", _today())})
    assert response.status_code == 302
    assert Allocation.objects.get(child=unallocated, ended_on=None).worker == worker
    assert url not in _html(client.get(reverse("workforce:awaiting")))

    # Reallocating to another worker needs the reason for the change.
    colleague = borough["colleague"]
    data = {"allocate_to": f"{team.pk}:{colleague.pk}", **_day("on", _today())}
    response = client.post(url, data)
    assert "Say why the child&#x27;s social worker is changing." in _html(response)
    response = client.post(url, {**data, "change_reason": "MANAGE"})
    assert response.status_code == 302
    current = Allocation.objects.get(child=unallocated, ended_on=None)
    assert current.worker == colleague and current.change_reason == "MANAGE"


# ---- my work and transition ---------------------------------------------------------------


def test_my_work_lists_children_and_clocks(client, borough, assessment):
    client.force_login(borough["worker"])
    html = _html(client.get(reverse("casework:my_work")))
    assert "Ayesha Zephyrine" in html and "Single assessment (in progress)" in html
    home = _html(client.get("/"))
    assert reverse("casework:my_work") in home


def test_transition_list_and_plan(client, borough):
    today = _today()
    young = PersonFactory(
        given_name="Tariq",
        family_name="Moonstone",
        date_of_birth=date(today.year - 15, 1, 10),
        disabilities=["AUT"],
    )
    hidden = PersonFactory(date_of_birth=date(today.year - 16, 2, 1), disabilities=["LD"])
    assert hidden
    involve(young, InvolvementKind.CASE_TEAM, team=borough["team"])
    client.force_login(borough["worker"])
    html = _html(client.get(reverse("casework:transitions")))
    assert "Tariq Moonstone" in html and "1 other disabled young person" in html
    url = reverse("casework:transition_plan_add", args=[young.pk])
    response = client.post(url, _day("agreed_on", today))
    assert "Name the contact in adult services" in _html(response)
    response = client.post(
        url,
        {
            **_day("agreed_on", today),
            "adult_services_contact": "Jo Smith, adult social care",
            "summary": "Move to supported living at 18.",
        },
    )
    assert response.status_code == 302 and TransitionPlan.objects.filter(child=young).exists()
    assert url not in _html(client.get(reverse("casework:transitions")))
