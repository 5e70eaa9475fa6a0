"""The single assessment: its 45-working-day clock from the referral, the worker's draft,
submission, and the manager's authorisation (which stops the clock) or return."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild.audit.models import AuditEvent
from everychild.casework.models import Assessment, DecisionKind, KeyDecision
from everychild.casework.services import assessments, oversight
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core import calendar
from everychild.core.clock import ClockStatus
from everychild.organisations.roles import Role
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import (
    ANALYSIS,
    allocate,
    assessment_for,
    complete,
    days_ago,
    make_staff,
    refer,
    refused,
    submitted,
    today,
    verbs,
)

# ---- the 45-working-day clock --------------------------------------------------------------


@pytest.mark.parametrize(
    ("referred", "due"),
    [
        # Christmas and New Year: 25 December 2026 (Friday), the Boxing Day substitute on
        # Monday 28 December, and 1 January 2027 (Friday) do not count.
        (date(2026, 12, 1), date(2027, 2, 5)),
        (date(2025, 12, 1), date(2026, 2, 5)),  # 25, 26 December and 1 January
        # Good Friday 3 April, Easter Monday 6 April and the early May bank holiday 4 May 2026.
        (date(2026, 3, 2), date(2026, 5, 7)),
        # No bank holidays: nine whole weeks.
        (date(2026, 9, 7), date(2026, 11, 9)),
        # A referral at the weekend: the clock starts counting on Monday.
        (date(2026, 9, 5), date(2026, 11, 6)),
    ],
)
def test_an_assessment_is_due_45_working_days_after_the_referral(referred, due):
    assert Assessment.due_from(referred) == due
    assert calendar.working_days_between(referred, due) == 45


def test_starting_an_assessment_sets_its_due_date_from_the_referral(
    child, cin_team, worker, manager
):
    referral = refer(child, date(2025, 12, 1))
    allocate(child, cin_team, worker, manager, on=referral.referral_date)
    started = assessments.assessment_start(
        referral=referral, worker=worker, started_by=worker, started_on=date(2025, 12, 10)
    )
    # The clock runs from the referral, not from the day the worker started.
    assert started.started_on == date(2025, 12, 10)
    assert started.due_on == date(2026, 2, 5)
    assert started.clock.started == date(2025, 12, 1)
    assert started.clock.status() is ClockStatus.OVERDUE
    assert (started.version, started.modified_by, started.worker) == (1, worker, worker)


def test_starting_an_assessment_is_audited_and_on_the_chronology(case, worker):
    assessment = assessment_for(case, worker)
    assert assessment.started_on == today()
    event = AuditEvent.objects.get(verb="assessment_started")
    assert event.actor == worker and event.child_id == case.child_id
    assert event.object_id == str(assessment.pk)
    entry = ChronologyEntry.objects.get(child=case.child, kind=EntryKind.ASSESSMENT)
    assert entry.summary == f"Single assessment started; due {assessment.due_on:%d %B %Y}."
    assert entry.visibility == Visibility.SOCIAL_CARE and entry.source == assessment


def test_an_assessment_cannot_start_twice(case, worker):
    assessment_for(case, worker)
    with refused(match="already has an assessment under way"):
        assessment_for(case, worker)


def test_an_assessment_cannot_start_before_the_referral_or_in_the_future(case, worker):
    with refused(match="cannot start before its referral") as info:
        assessments.assessment_start(
            referral=case,
            worker=worker,
            started_by=worker,
            started_on=case.referral_date - timedelta(days=1),
        )
    assert info.value.field == "started_on"
    with refused(match="cannot be in the future"):
        assessments.assessment_start(
            referral=case, worker=worker, started_by=worker, started_on=today() + timedelta(1)
        )


def test_an_assessment_cannot_start_on_a_closed_case(case, worker):
    case.closed_on, case.closure_reason = today(), "RC8"
    case.save()
    with refused(match="This case is closed"):
        assessment_for(case, worker)


def test_only_someone_who_may_edit_the_record_starts_an_assessment(
    case, other_worker, officer, chair
):
    for outsider in (other_worker, officer, chair):
        with refused(PermissionDenied):
            assessments.assessment_start(referral=case, worker=outsider, started_by=outsider)


# ---- the worker's draft ------------------------------------------------------------------------


def test_the_worker_saves_the_draft(case, worker):
    assessment = assessment_for(case, worker)
    words = "  He shouts at mummy and I hide under the bed with Teddy. I'm not allowed to tell.  "
    saved = assessments.assessment_update(
        assessment=assessment,
        updated_by=worker,
        version=1,
        child_seen_on=days_ago(3),
        child_seen_alone=True,
        child_views=words,
        factors=["2B", "3A"],
    )
    assert saved.version == 2 and saved.modified_by == worker
    fresh = Assessment.objects.get(pk=assessment.pk)
    assert fresh.child_views == words  # the child's words, exactly as said
    assert fresh.factors == ["2B", "3A"]
    assert fresh.factor_labels[1] == "Domestic violence: the child is the subject"
    assert fresh.child_seen_on == days_ago(3) and fresh.child_seen_alone is True
    event = AuditEvent.objects.get(verb="assessment_updated")
    assert event.payload == {
        "fields": ["child_seen_alone", "child_seen_on", "child_views", "factors"]
    }


@pytest.mark.parametrize("factors", [["3A", "99Z"], ["neglect"], ["1a"], ["N1"]])
def test_unknown_assessment_factors_are_refused(case, worker, factors):
    assessment = assessment_for(case, worker)
    with refused(match="Unknown factors") as info:
        assessments.assessment_update(
            assessment=assessment, updated_by=worker, version=1, factors=factors, analysis="x"
        )
    assert info.value.field == "factors"
    fresh = Assessment.objects.get(pk=assessment.pk)
    assert (fresh.factors, fresh.analysis, fresh.version) == ([], "", 1)


def test_the_child_cannot_be_seen_in_the_future(case, worker):
    assessment = assessment_for(case, worker)
    with refused(match="cannot be in the future") as info:
        assessments.assessment_update(
            assessment=assessment,
            updated_by=worker,
            version=1,
            child_seen_on=today() + timedelta(days=1),
        )
    assert info.value.field == "child_seen_on"
    assert Assessment.objects.get(pk=assessment.pk).child_seen_on is None


def test_the_child_cannot_be_seen_for_the_assessment_before_the_referral(case, worker):
    assessment = assessment_for(case, worker)
    with refused(match="seen before the referral"):
        assessments.assessment_update(
            assessment=assessment,
            updated_by=worker,
            version=1,
            child_seen_on=case.referral_date - timedelta(days=1),
        )


def test_only_assessment_fields_may_be_changed(case, worker):
    assessment = assessment_for(case, worker)
    with refused(ValueError, match="not assessment fields"):
        assessments.assessment_update(
            assessment=assessment, updated_by=worker, version=1, authorised_on=today()
        )


def test_someone_without_edit_access_cannot_change_the_draft(case, worker, other_worker, officer):
    assessment = assessment_for(case, worker)
    for outsider in (other_worker, officer):
        with refused(PermissionDenied):
            assessments.assessment_update(
                assessment=assessment, updated_by=outsider, version=1, analysis="Mine now."
            )


def test_an_authorised_assessment_cannot_change(case, worker, manager):
    assessment, decision = submitted(case, worker)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    assessment.refresh_from_db()
    with refused(match="authorised: it can no longer be changed"):
        assessments.assessment_update(
            assessment=assessment,
            updated_by=worker,
            version=assessment.version,
            analysis="Second thoughts.",
        )
    with refused(match="already authorised"):
        assessments.assessment_submit(
            assessment=assessment, submitted_by=worker, version=assessment.version
        )
    assert Assessment.objects.get(pk=assessment.pk).analysis == ANALYSIS


# ---- submitting --------------------------------------------------------------------------------


def test_submitting_an_empty_assessment_lists_everything_missing(case, worker):
    assessment = assessment_for(case, worker)
    with refused(match="Before it is authorised, record") as info:
        assessments.assessment_submit(assessment=assessment, submitted_by=worker, version=1)
    assert info.value.message == (
        "Before it is authorised, record when the child was seen, the analysis, "
        "the recommended outcome."
    )
    assert Assessment.objects.get(pk=assessment.pk).submitted_at is None


def test_submitting_asks_whether_the_child_was_seen_alone(case, worker):
    assessment = complete(assessment_for(case, worker), worker, child_seen_alone=None)
    with refused(match="whether the child was seen alone") as info:
        assessments.assessment_submit(
            assessment=assessment, submitted_by=worker, version=assessment.version
        )
    assert "the analysis" not in info.value.message


def test_submitting_asks_a_manager_to_authorise(case, worker):
    assessment = complete(assessment_for(case, worker), worker)
    decision = assessments.assessment_submit(
        assessment=assessment, submitted_by=worker, version=assessment.version
    )
    assert decision.kind == DecisionKind.ASSESSMENT and decision.subject == assessment
    assert decision.requested_by == worker and decision.decided_at is None
    assert decision.summary == "Assessment recommends: Child in need plan."
    fresh = Assessment.objects.get(pk=assessment.pk)
    assert fresh.submitted_at is not None and fresh.version == assessment.version + 1
    assert AuditEvent.objects.get(verb="assessment_submitted").actor == worker
    # Submitting twice is refused: it is already waiting.
    with refused(match="already waiting for a manager's sign-off"):
        assessments.assessment_submit(assessment=fresh, submitted_by=worker, version=fresh.version)


# ---- the manager's sign-off ----------------------------------------------------------------------


def test_a_manager_authorises_the_assessment_in_time(case, worker, manager):
    assessment, decision = submitted(case, worker)
    assert assessment.clock.status() is ClockStatus.RUNNING

    signed = oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)

    assert signed.agreed is True and signed.decided_by == manager and signed.decided_at
    assessment.refresh_from_db()
    assert assessment.authorised_on == today() and assessment.authorised_by == manager
    assert assessment.clock.stopped == today()
    assert assessment.clock.status() is ClockStatus.DONE_IN_TIME
    # The clock has stopped: it stays "done in time" however long afterwards one looks.
    assert assessment.clock.status(today() + timedelta(days=400)) is ClockStatus.DONE_IN_TIME
    entry = ChronologyEntry.objects.get(
        child=case.child, kind=EntryKind.ASSESSMENT, summary__startswith="Assessment authorised"
    )
    assert entry.summary == "Assessment authorised (Done in time): Child in need plan."
    assert entry.visibility == Visibility.PARTNERS
    verdict = ChronologyEntry.objects.get(child=case.child, kind=EntryKind.MANAGER_DECISION)
    assert verdict.summary == "Manager agreed. Assessment recommends: Child in need plan."
    event = AuditEvent.objects.get(verb="key_decision_signed_off")
    assert event.actor == manager and event.payload == {"kind": "assessment"}
    assert event.object_id == str(decision.pk)
    # The referral now carries its outcome (for the CIN census), audited.
    case.refresh_from_db()
    assert case.outcome == "cin_plan"
    outcome = AuditEvent.objects.get(verb="referral_outcome_recorded")
    assert outcome.actor == manager and outcome.payload == {"outcome": "cin_plan"}


def test_a_returned_assessment_leaves_the_referral_without_an_outcome(case, worker, manager):
    _assessment, decision = submitted(case, worker)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=False, note="More.")
    case.refresh_from_db()
    assert case.outcome == ""


def test_an_assessment_authorised_after_its_due_date_is_late(child, cin_team, worker, manager):
    referral = refer(child, days_ago(100))
    allocate(child, cin_team, worker, manager, on=referral.referral_date)
    assessment, decision = submitted(referral, worker)
    assert assessment.clock.status() is ClockStatus.OVERDUE

    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)

    assessment.refresh_from_db()
    assert assessment.clock.status() is ClockStatus.DONE_LATE
    late = calendar.working_days_between(assessment.due_on, today())
    assert late > 0 and assessment.clock.overdue_by() == late
    entry = ChronologyEntry.objects.get(
        child=child, kind=EntryKind.ASSESSMENT, summary__startswith="Assessment authorised"
    )
    assert entry.summary == (
        f"Assessment authorised (Done {late} working days late): Child in need plan."
    )


def test_a_manager_returns_the_assessment_with_a_note(case, worker, manager):
    assessment, decision = submitted(case, worker)
    note = "Say what Ayesha's father thinks; he has parental responsibility."

    returned = oversight.key_decision_sign_off(
        decision=decision, manager=manager, agree=False, note=note
    )

    assert returned.agreed is False and returned.manager_note == note
    assessment.refresh_from_db()
    assert assessment.authorised_on is None and assessment.authorised_by is None
    assert assessment.submitted_at is None and assessment.return_note == note
    assert assessment.clock.stopped is None
    event = AuditEvent.objects.get(verb="key_decision_returned")
    assert event.reason == note and event.payload == {"kind": "assessment"}
    verdict = ChronologyEntry.objects.get(child=case.child, kind=EntryKind.MANAGER_DECISION)
    assert verdict.summary.startswith(f"Manager returned: {note}")
    assert not ChronologyEntry.objects.filter(summary__startswith="Assessment authorised")

    # The worker improves it and asks again; this time it is authorised.
    assessment = assessments.assessment_update(
        assessment=assessment,
        updated_by=worker,
        version=assessment.version,
        family_views="Dad: 'I want her safe, I'll do the course.'",
    )
    again = assessments.assessment_submit(
        assessment=assessment, submitted_by=worker, version=assessment.version
    )
    assert again.pk != decision.pk
    oversight.key_decision_sign_off(decision=again, manager=manager, agree=True)
    assert Assessment.objects.get(pk=assessment.pk).authorised_on == today()


def test_returning_needs_a_note(case, worker, manager):
    assessment, decision = submitted(case, worker)
    with refused(match="Say why the decision is returned") as info:
        oversight.key_decision_sign_off(decision=decision, manager=manager, agree=False, note="  ")
    assert info.value.field == "note"
    assert KeyDecision.objects.get(pk=decision.pk).decided_at is None
    assert Assessment.objects.get(pk=assessment.pk).submitted_at is not None


def test_a_manager_cannot_sign_off_an_assessment_they_submitted(case, manager, second_manager):
    assessment = complete(assessment_for(case, manager), manager)
    decision = assessments.assessment_submit(
        assessment=assessment, submitted_by=manager, version=assessment.version
    )
    with refused(match="Another manager must sign off"):
        oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    assert Assessment.objects.get(pk=assessment.pk).authorised_on is None
    # Another manager of the team may.
    oversight.key_decision_sign_off(decision=decision, manager=second_manager, agree=True)
    assert Assessment.objects.get(pk=assessment.pk).authorised_by == second_manager


def test_a_social_worker_cannot_sign_off(case, worker, colleague):
    _, decision = submitted(case, worker)
    for someone in (colleague, worker):
        with refused(PermissionDenied):
            oversight.key_decision_sign_off(decision=decision, manager=someone, agree=True)


def test_a_manager_without_access_to_the_child_cannot_sign_off(case, worker, other_manager):
    _, decision = submitted(case, worker)
    with refused(PermissionDenied):
        oversight.key_decision_sign_off(decision=decision, manager=other_manager, agree=True)


@pytest.mark.parametrize("role", [Role.CONFERENCE_CHAIR, Role.MASH, Role.PARTNER])
def test_only_team_managers_sign_off(case, worker, cin_team, role):
    _, decision = submitted(case, worker)
    someone = make_staff(role, cin_team)
    with refused(PermissionDenied):
        oversight.key_decision_sign_off(decision=decision, manager=someone, agree=True)


def test_a_decision_is_signed_off_once(case, worker, manager, second_manager):
    _, decision = submitted(case, worker)
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    with refused(match="already been signed off"):
        oversight.key_decision_sign_off(
            decision=decision, manager=second_manager, agree=False, note="No."
        )


def test_each_step_of_the_assessment_is_audited(case, worker, manager):
    before = AuditEvent.objects.count()
    assessment = assessment_for(case, worker)
    assessment = complete(assessment, worker)
    decision = assessments.assessment_submit(
        assessment=assessment, submitted_by=worker, version=assessment.version
    )
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=False, note="More.")
    assessment.refresh_from_db()
    assessment = assessments.assessment_update(
        assessment=assessment, updated_by=worker, version=assessment.version, analysis="More."
    )
    decision = assessments.assessment_submit(
        assessment=assessment, submitted_by=worker, version=assessment.version
    )
    oversight.key_decision_sign_off(decision=decision, manager=manager, agree=True)
    events = list(AuditEvent.objects.filter(pk__gt=0).order_by("id"))[before:]
    assert [(e.verb, e.actor_id) for e in events] == [
        ("assessment_started", worker.pk),
        ("assessment_updated", worker.pk),
        ("assessment_submitted", worker.pk),
        ("key_decision_returned", manager.pk),
        ("assessment_updated", worker.pk),
        ("assessment_submitted", worker.pk),
        ("referral_outcome_recorded", manager.pk),
        ("key_decision_signed_off", manager.pk),
    ]
    assert all(e.child_id == case.child_id for e in events)
    assert verbs(child_id=case.child_id)[-1] == "key_decision_signed_off"
    assert timezone.localdate(events[-1].at) == today()
