"""Small builders shared by the casework and workforce tests."""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from everychild.access.models import Involvement
from everychild.audit.models import AuditEvent
from everychild.casework.models import (
    Assessment,
    ChildProtectionPlan,
    KeyDecision,
    Section47Enquiry,
    StrategyDecision,
)
from everychild.casework.services import assessments, protection
from everychild.chronology.models import ChronologyEntry
from everychild.core.errors import DomainError
from everychild.frontdoor.models import Contact, ContactOutcome, Referral, ReferralSource
from everychild.organisations.models import TeamMembership
from everychild.workforce.models import Allocation
from everychild.workforce.services import allocation_assign
from tests.factories import StaffFactory

RATIONALE = "Police and health share the worry: bruising seen twice in a week, no explanation."
ANALYSIS = "Ayesha is frightened at home; her mother cannot keep her safe from the boyfriend."
REFLECTION = "We discussed Ayesha's fear of the boyfriend and why the plan is not working yet."


def today() -> date:
    return timezone.localdate()


def days_ago(n: int) -> date:
    return today() - timedelta(days=n)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """An aware datetime in London on `day`."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def make_staff(role, team=None, *, manager=False, organisation=None, name="", **extra):
    first, _, last = name.partition(" ")
    staff = StaffFactory(
        role=role,
        organisation=organisation or (team.organisation if team else None),
        **({"first_name": first, "last_name": last} if name else {}),
        **extra,
    )
    if team is not None:
        TeamMembership.objects.create(team=team, staff=staff, is_manager=manager)
    return staff


def fresh(staff):
    """The same person, without the team ids the access policy caches on the object."""
    return type(staff).objects.get(pk=staff.pk)


def refer(child, on: date) -> Referral:
    """A referral of `child` on `on`, as the front door opens it after a level-4 decision."""
    contact = Contact.objects.create(
        child=child,
        source="phone",
        received_at=at(on, 9),
        summary="A neighbour rang: shouting and a child crying every night.",
        level_of_need=4,
        outcome=ContactOutcome.REFERRAL,
        decided_at=at(on, 15),
    )
    return Referral.objects.create(
        child=child, contact=contact, referral_date=on, source=ReferralSource.INDIVIDUAL_OTHER
    )


def allocate(child, team, worker, manager, *, on=None, reason=""):
    return allocation_assign(
        child=child, team=team, worker=worker, allocated_by=manager, on=on, change_reason=reason
    )


def verbs(**filters) -> list[str]:
    return list(AuditEvent.objects.filter(**filters).order_by("id").values_list("verb", flat=True))


def snapshot() -> dict:
    """Everything a refused service must leave as it was."""
    return {
        "audit": AuditEvent.objects.count(),
        "chronology": ChronologyEntry.objects.count(),
        "decisions": KeyDecision.objects.count(),
        "involvements": list(Involvement.objects.order_by("pk").values_list("pk", "ended_on")),
        "allocations": list(Allocation.objects.order_by("pk").values_list("pk", "ended_on")),
    }


@contextmanager
def refused(exception=DomainError, match=None):
    """The block raises `exception` and writes nothing: no audit row, no chronology entry,
    no decision, no change to anyone's access."""
    before = snapshot()
    with pytest.raises(exception, match=match) as info:
        yield info
    assert snapshot() == before


# ---- the single assessment ------------------------------------------------------------------


def assessment_for(referral, worker) -> Assessment:
    return assessments.assessment_start(referral=referral, worker=worker, started_by=worker)


def complete(assessment: Assessment, by, **changes) -> Assessment:
    """Fill in everything a manager needs to authorise the assessment."""
    fields = {
        "child_seen_on": max(assessment.referral.referral_date, days_ago(2)),
        "child_seen_alone": True,
        "child_views": "I don't like it when he shouts at mummy.",
        "analysis": ANALYSIS,
        "factors": ["2B", "3A"],
        "recommendation": "cin_plan",
    }
    fields.update(changes)
    return assessments.assessment_update(
        assessment=assessment, updated_by=by, version=assessment.version, **fields
    )


def submitted(referral, worker) -> tuple[Assessment, KeyDecision]:
    assessment = complete(assessment_for(referral, worker), worker)
    decision = assessments.assessment_submit(
        assessment=assessment, submitted_by=worker, version=assessment.version
    )
    return Assessment.objects.get(pk=assessment.pk), decision


# ---- child protection -----------------------------------------------------------------------


def strategy(referral, by, agencies, *, held_on=None, decision=StrategyDecision.SECTION_47):
    return protection.strategy_discussion_record(
        referral=referral,
        recorded_by=by,
        held_on=held_on or referral.referral_date,
        agencies=agencies,
        attendees="Sam Patel (CSC), DC Cole (police), Rukhsana Ali (health visitor)",
        decision=decision,
        rationale=RATIONALE,
    )


def enquiry_needing_icpc(referral, by, agencies, *, held_on=None, completed_on=None):
    discussion = strategy(referral, by, agencies, held_on=held_on)
    enquiry = Section47Enquiry.objects.get(strategy_discussion=discussion)
    return protection.section47_complete(
        enquiry=enquiry,
        completed_by=by,
        completed_on=completed_on or discussion.held_on,
        outcome="risk",
        icpc_needed=True,
    )


def icpc(referral, chair, enquiry, *, held_on=None, category="NEG", outcome="plan", members=()):
    return protection.conference_hold(
        referral=referral,
        chair=chair,
        kind="initial",
        held_on=held_on or enquiry.completed_on,
        outcome=outcome,
        summary="Ayesha is at continuing risk of neglect.",
        category=category,
        section47=enquiry,
        members=members,
    )


def cp_plan_for(referral, worker, chair, agencies, *, on=None, members=(), category="NEG"):
    """Strategy discussion, section 47 and an initial conference that starts a plan on `on`."""
    on = on or referral.referral_date
    enquiry = enquiry_needing_icpc(referral, worker, agencies, held_on=on)
    conference = icpc(referral, chair, enquiry, held_on=on, members=members, category=category)
    return ChildProtectionPlan.objects.get(pk=conference.plan_id)


def review(referral, chair, plan, *, held_on, outcome="continue", category="", summary=""):
    return protection.conference_hold(
        referral=referral,
        chair=chair,
        kind="review",
        held_on=held_on,
        outcome=outcome,
        summary=summary or "Progress, but the home is still not safe enough.",
        category=category,
        plan=plan,
    )


def pretend_today(monkeypatch, day: date) -> None:
    """Make `timezone.localdate()` (which the access policy and clocks use) return `day`."""
    real = timezone.localdate

    def localdate(value=None, tz=None):
        return real(value, tz) if value is not None else day

    monkeypatch.setattr(timezone, "localdate", localdate)
