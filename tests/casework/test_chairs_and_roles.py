"""Booking a conference chair, chairs' and advisers' work, and who may make case decisions."""

import pytest
from django.core.exceptions import PermissionDenied

from everychild import access
from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.casework.models import Assessment, DecisionKind
from everychild.casework.selectors import caseloads
from everychild.casework.services import assessments, closure, protection
from everychild.organisations.roles import Role
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import (
    assessment_for,
    enquiry_needing_icpc,
    make_staff,
    refused,
    today,
)
from tests.factories import involve


@pytest.fixture
def independent_chair(council):
    return make_staff(Role.CONFERENCE_CHAIR, organisation=council, name="Iris Chair")


def test_booking_a_chair_gives_them_the_record(case, worker, independent_chair, police, health):
    enquiry = enquiry_needing_icpc(case, worker, [police, health])
    assert not access.can(independent_chair, "view", case.child)
    booked = protection.conference_chair_book(
        child=case.child, chair=independent_chair, booked_by=worker
    )
    assert access.can(independent_chair, "view", case.child)
    assert AuditEvent.objects.filter(verb="conference_chair_booked", actor=worker).exists()
    # The involvement is written, and audited, by access.services.
    started = AuditEvent.objects.get(verb="involvement_started", object_id=str(booked.pk))
    assert started.actor == worker and started.payload["staff"] == independent_chair.pk
    with refused(match="already booked"):
        protection.conference_chair_book(
            child=case.child, chair=independent_chair, booked_by=worker
        )
    # The booked chair's "My work" shows the initial conference due.
    work = caseloads.my_work(user=independent_chair)
    assert case.child in work.children
    (item,) = [i for i in work.items if i.kind == "icpc"]
    assert item.clock.due == enquiry.icpc_due_on
    assert item.url.endswith(f"/section-47/{enquiry.pk}/") or str(enquiry.pk) in item.url


def test_only_a_chair_is_booked_and_only_by_the_case_holders(case, worker, officer, chair):
    with refused(match="Choose a child protection chair"):
        protection.conference_chair_book(child=case.child, chair=worker, booked_by=worker)
    with pytest.raises(PermissionDenied):
        protection.conference_chair_book(child=case.child, chair=chair, booked_by=officer)


def test_a_personal_advisers_children_are_their_work(case, council):
    adviser = make_staff(Role.PERSONAL_ADVISER, organisation=council, name="Minh Tran")
    involve(case.child, InvolvementKind.PERSONAL_ADVISER, staff=adviser)
    assert case.child in caseloads.my_work(user=adviser).children


def test_chairs_and_advisers_do_not_make_case_decisions(case, worker, council):
    adviser = make_staff(Role.PERSONAL_ADVISER, organisation=council, name="Minh Tran")
    involve(case.child, InvolvementKind.PERSONAL_ADVISER, staff=adviser)
    assert access.can(adviser, "edit", case.child)  # they write notes...
    with pytest.raises(PermissionDenied):  # ...but do not start assessments or close cases
        assessments.assessment_start(referral=case, worker=worker, started_by=adviser)
    with pytest.raises(PermissionDenied):
        closure.closure_propose(referral=case, proposed_by=adviser, closed_on=today(), reason="RC8")


def test_saving_and_submitting_is_one_step(case, worker):
    assessment = assessment_for(case, worker)
    decision = assessments.assessment_submit(
        assessment=assessment,
        submitted_by=worker,
        version=assessment.version,
        child_seen_on=today(),
        child_seen_alone=True,
        analysis="Mother is coping now.",
        recommendation="nfa",
    )
    saved = Assessment.objects.get(pk=assessment.pk)
    assert saved.analysis == "Mother is coping now." and saved.submitted_at is not None
    assert decision.kind == DecisionKind.ASSESSMENT


def test_a_refused_submission_saves_none_of_its_changes(case, worker):
    assessment = assessment_for(case, worker)
    with refused(match="record when the child was seen"):
        assessments.assessment_submit(
            assessment=assessment,
            submitted_by=worker,
            version=assessment.version,
            analysis="Draft only.",
        )
    assert Assessment.objects.get(pk=assessment.pk).analysis == ""
