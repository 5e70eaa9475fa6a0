"""Every casework write is audited, and every refusal leaves no trace.

One child's journey from allocation to closure, one service at a time: each call must add
exactly its own audit rows (by whom, about which child) and, where it is an event in the
child's life, a chronology entry; the chain of audit rows must still verify at the end.
Refusals are checked service by service in the other files with `refused`, which asserts
that nothing was written; here a sample of each kind (permission, state, input) too.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from everychild import audit
from everychild.audit.models import AuditEvent
from everychild.casework.models import ConferenceMember, Section47Enquiry
from everychild.casework.services import (
    assessments,
    child_in_need,
    closure,
    core_groups,
    notes,
    oversight,
    protection,
    transition,
)
from everychild.casework.services.oversight import ActionSpec
from everychild.chronology.models import ChronologyEntry
from everychild.core.errors import DomainError
from everychild.frontdoor.services import referral_set_primary_need
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import (
    ANALYSIS,
    REFLECTION,
    allocate,
    assessment_for,
    at,
    days_ago,
    refer,
    refused,
    today,
)
from tests.factories import PersonFactory


class Journal:
    """What each step added to the audit log and the chronology."""

    def __init__(self, child):
        self.child = child
        self.audit = AuditEvent.objects.count()
        self.chronology = ChronologyEntry.objects.count()

    def step(self, actor, verbs, *, chronology=True):
        events = list(AuditEvent.objects.order_by("id"))[self.audit :]
        entries = ChronologyEntry.objects.count() - self.chronology
        self.audit += len(events)
        self.chronology += entries
        assert [e.verb for e in events] == verbs
        assert all(e.child_id == self.child.pk for e in events), [e.verb for e in events]
        assert events[-1].actor_id == actor.pk
        assert (entries > 0) is chronology, (verbs, entries)


def test_every_step_of_a_childs_casework_is_audited(
    child, cin_team, worker, colleague, manager, chair, police, health, officer, dsl
):
    referral = refer(child, days_ago(40))
    journal = Journal(child)

    allocate(child, cin_team, worker, manager, on=referral.referral_date)
    # Involvements are written, and audited, by access.services: the case's team and worker.
    journal.step(manager, ["involvement_started", "involvement_started", "allocated"])

    assessment = assessment_for(referral, worker)
    journal.step(worker, ["assessment_started"])
    assessment = assessments.assessment_update(
        assessment=assessment,
        updated_by=worker,
        version=assessment.version,
        child_seen_on=days_ago(30),
        child_seen_alone=True,
        analysis=ANALYSIS,
        factors=["3A"],
        recommendation="strategy",
    )
    journal.step(worker, ["assessment_updated"], chronology=False)
    decision = assessments.assessment_submit(
        assessment=assessment, submitted_by=worker, version=assessment.version
    )
    journal.step(worker, ["assessment_submitted"], chronology=False)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    journal.step(manager, ["referral_outcome_recorded", "key_decision_signed_off"])
    referral_set_primary_need(referral=referral, set_by=worker, code="N1")
    journal.step(worker, ["primary_need_set"], chronology=False)

    discussion = protection.strategy_discussion_record(
        referral=referral,
        recorded_by=worker,
        held_on=days_ago(28),
        agencies=[police, health],
        attendees="CSC, police, health",
        decision="s47",
        rationale="Bruising on a non-mobile sibling's arm; Ayesha frightened to go home.",
    )
    journal.step(worker, ["strategy_discussion_recorded", "section47_started"])
    enquiry = protection.section47_complete(
        enquiry=Section47Enquiry.objects.get(strategy_discussion=discussion),
        completed_by=worker,
        completed_on=days_ago(25),
        outcome="risk",
        icpc_needed=True,
    )
    journal.step(worker, ["section47_completed"])
    conference = protection.conference_hold(
        referral=referral,
        chair=chair,
        kind="initial",
        held_on=days_ago(20),
        outcome="plan",
        summary="Continuing risk of physical harm.",
        category="PHY",
        section47=enquiry,
        members=[officer],
    )
    journal.step(
        chair,
        [
            "involvement_started",  # the chair's, to chair
            "conference_held",
            "cp_plan_started",
            "involvement_started",  # DC Cole's, a member
            "conference_member_added",
        ],
    )
    plan = conference.plan
    plan = protection.cp_plan_update(
        plan=plan, updated_by=worker, version=plan.version, plan_text="Weekly visits."
    )
    journal.step(worker, ["cp_plan_updated"], chronology=False)
    core_groups.core_group_record(
        plan=plan, recorded_by=worker, held_on=days_ago(15), summary="All attended."
    )
    journal.step(worker, ["core_group_recorded"])
    notes.case_note_add(
        child=child,
        written_by=colleague,
        kind="visit",
        occurred_at=at(days_ago(10)),
        note="Duty visit.",
        child_words="I'm OK.",
        child_seen=True,
        seen_alone=False,
    )
    journal.step(colleague, ["case_note_added"])
    supervision = oversight.supervision_record(
        child=child,
        manager=manager,
        held_on=days_ago(9),
        reflection=REFLECTION,
        worker=worker,
        actions=[ActionSpec("See Ayesha alone at school.", worker, days_ago(2))],
    )
    journal.step(manager, ["supervision_recorded"])
    oversight.supervision_action_done(action=supervision.actions.get(), done_by=worker)
    journal.step(worker, ["supervision_action_done"], chronology=False)
    member = core_groups.conference_member_add(
        plan=plan, staff=dsl, added_by=worker, from_on=days_ago(8)
    )
    journal.step(worker, ["involvement_started", "conference_member_added"], chronology=False)
    core_groups.conference_member_remove(member=member, removed_by=worker)
    journal.step(worker, ["involvement_ended", "conference_member_removed"], chronology=False)
    protection.conference_hold(
        referral=referral,
        chair=chair,
        kind="review",
        held_on=days_ago(6),
        outcome="continue",
        summary="Progress.",
        plan=plan,
    )
    journal.step(chair, ["conference_held"])
    protection.conference_hold(
        referral=referral,
        chair=chair,
        kind="review",
        held_on=days_ago(5),
        outcome="end",
        summary="Safe at home with support.",
        plan=plan,
    )
    journal.step(chair, ["conference_held", "involvement_ended", "cp_plan_ended"])
    assert not ConferenceMember.objects.filter(to_on=None).exists()

    cin = child_in_need.cin_plan_start(
        referral=referral, started_by=worker, started_on=days_ago(5), outcomes="Stay safe."
    )
    journal.step(worker, ["cin_plan_started"])
    child_in_need.cin_review_record(
        plan=cin, recorded_by=worker, held_on=days_ago(3), summary="OK."
    )
    journal.step(worker, ["cin_review_recorded"])
    child_in_need.cin_plan_end(plan=cin, ended_by=worker, ended_on=days_ago(1), reason="Goals met.")
    journal.step(worker, ["cin_plan_ended"])
    transition.transition_plan_record(
        child=child,
        recorded_by=worker,
        agreed_on=today(),
        adult_services_contact="Transitions team",
        summary="Not needed yet; recorded early.",
    )
    journal.step(worker, ["transition_plan_recorded"])

    decision = closure.closure_propose(
        referral=referral, proposed_by=worker, closed_on=today(), reason="RC7"
    )
    journal.audit = AuditEvent.objects.count()  # the proposal's own row: test_closure.py
    journal.chronology = ChronologyEntry.objects.count()
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    journal.step(
        manager,
        [
            "case_closed",
            "involvement_ended",
            "involvement_ended",
            "allocation_ended",
            "key_decision_signed_off",
        ],
    )

    report = audit.verify()
    assert report.ok, report.as_dict()


@pytest.fixture
def assessed(case, worker):
    return assessment_for(case, worker)


@pytest.mark.parametrize(
    ("attempt", "refusal"),
    [
        pytest.param(
            lambda c, a, w, o: assessments.assessment_update(
                assessment=a, updated_by=o, version=a.version, analysis="x"
            ),
            PermissionDenied,
            id="permission",
        ),
        pytest.param(
            lambda c, a, w, o: assessments.assessment_update(
                assessment=a, updated_by=w, version=a.version, factors=["ZZ"]
            ),
            DomainError,
            id="bad-input",
        ),
        pytest.param(
            lambda c, a, w, o: assessments.assessment_submit(
                assessment=a, submitted_by=w, version=a.version
            ),
            DomainError,
            id="state",
        ),
        pytest.param(
            lambda c, a, w, o: child_in_need.cin_plan_start(
                referral=c, started_by=w, started_on=today() + timedelta(1), outcomes="x"
            ),
            DomainError,
            id="future-date",
        ),
        pytest.param(
            lambda c, a, w, o: protection.strategy_discussion_record(
                referral=c,
                recorded_by=w,
                held_on=today(),
                agencies=[],
                attendees="",
                decision="s47",
                rationale="x",
            ),
            DomainError,
            id="too-few-agencies",
        ),
    ],
)
def test_a_refusal_writes_nothing(case, assessed, worker, other_worker, attempt, refusal):
    with refused(refusal):
        attempt(case, assessed, worker, other_worker)


def test_a_refused_initial_conference_leaves_no_access_behind(case, worker, chair, police, health):
    # The chair is given the record before the conference is checked: a refusal must take
    # that back too (the service is one transaction).
    enquiry = protection.strategy_discussion_record(
        referral=case,
        recorded_by=worker,
        held_on=today(),
        agencies=[police, health],
        attendees="",
        decision="s47",
        rationale="Bruising.",
    ).section47
    with refused(match="follows a section 47 enquiry"):
        protection.conference_hold(
            referral=case,
            chair=chair,
            kind="initial",
            held_on=today(),
            outcome="plan",
            summary="",
            category="NEG",
            section47=enquiry,
        )


def test_refusals_on_another_childs_record_write_nothing(worker, cin_team, manager):
    stranger = PersonFactory()
    referral = refer(stranger, days_ago(5))
    with refused(PermissionDenied):
        assessment_for(referral, worker)
    with refused(PermissionDenied):
        allocate(stranger, cin_team, worker, worker)
