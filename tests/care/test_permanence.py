"""Returning home, the permanence decision and adoption: each service's happy path with its
audit row and chronology entry, each refusal (who may act, bad dates, the order of the
milestones), which writes nothing; the record sealed by an adoption order; and the adoption
scorecard's A1 and A2 on hand-made cases."""

from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from everychild import access
from everychild.access.models import RecordRestriction
from everychild.audit.models import AuditEvent
from everychild.care.models import (
    Adoption,
    CarerKind,
    PermanenceOption,
    PermanencePlan,
    ReturnHome,
)
from everychild.care.selectors import permanence as selectors
from everychild.care.services import permanence as services
from everychild.casework.models import Assessment
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.errors import DomainError
from everychild.core.versioning import EditConflict
from everychild.frontdoor.models import Contact, Referral
from everychild.organisations.roles import Role
from tests.care.factories import CarerFactory, in_care
from tests.factories import StaffFactory, TeamFactory, involve

START = date(2026, 3, 2)  # the looked_after fixture's start of care (C2, U6)


@contextmanager
def refused(exception=DomainError, *, field=None, match=None):
    """The block raises `exception` (naming `field`) and writes nothing."""

    def counts():
        return [
            AuditEvent.objects.count(),
            ChronologyEntry.objects.count(),
            list(ReturnHome.objects.values()),
            PermanencePlan.objects.count(),
            list(Adoption.objects.values()),
            RecordRestriction.objects.count(),
        ]

    before = counts()
    with pytest.raises(exception, match=match) as info:
        yield info
    if field is not None:
        assert info.value.field == field
    assert counts() == before


def assessment(child, worker, authorised_on: date | None) -> Assessment:
    """A single assessment authorised on `authorised_on` (built directly: casework's own
    services are tested in tests/casework)."""
    received = timezone.make_aware(datetime.combine(date(2025, 1, 6), time(9)))
    contact = Contact.objects.create(child=child, source="phone", received_at=received)
    referral = Referral.objects.create(
        child=child, contact=contact, referral_date=received.date(), source="6"
    )
    return Assessment.objects.create(
        child=child,
        referral=referral,
        worker=worker,
        started_on=received.date(),
        due_on=Assessment.due_from(received.date()),
        authorised_on=authorised_on,
    )


def entries(kind):
    return list(ChronologyEntry.objects.filter(kind=kind).order_by("pk"))


# ---- returning home -------------------------------------------------------------------------


def test_plan_rests_on_the_latest_authorised_assessment(looked_after, social_worker):
    child = looked_after.child
    assessment(child, social_worker, date(2026, 2, 1))
    latest = assessment(child, social_worker, date(2026, 9, 1))
    assessment(child, social_worker, None)  # not authorised: not the plan's basis
    planned = services.return_home_plan(
        period=looked_after,
        planned_by=social_worker,
        planned_on=date(2026, 10, 1),
        planned_return_on=date(2026, 12, 1),
        notes="  Mother has finished the parenting course.  ",
    )
    plan = planned.plan
    assert planned.warning == ""
    assert plan.assessment == latest
    assert plan.revocation_needed  # C2: a full care order
    assert plan.notes == "Mother has finished the parenting course."
    event = AuditEvent.objects.get(verb="return_home_planned")
    assert event.child_id == child.pk and event.payload["warning"] is False
    (entry,) = entries(EntryKind.RETURN_HOME)
    assert "The care order must be revoked." in entry.summary
    assert "1 December 2026" in entry.summary


def test_plan_without_an_assessment_is_recorded_with_a_warning(looked_after, social_worker):
    planned = services.return_home_plan(
        period=looked_after, planned_by=social_worker, planned_on=date(2026, 10, 1)
    )
    assert planned.plan.assessment is None
    assert "no authorised assessment" in planned.warning
    assert AuditEvent.objects.get(verb="return_home_planned").payload["warning"] is True
    assert planned.warning in entries(EntryKind.RETURN_HOME)[0].summary
    # The page works the warning out again from the plan.
    assert services.return_home_warning(planned.plan) == planned.warning


@pytest.mark.parametrize(
    ("authorised_on", "warned"),
    [
        (date(2026, 4, 1), False),  # exactly six months before the plan: still up to date
        (date(2026, 3, 31), True),  # a day older
    ],
)
def test_plan_warns_when_the_assessment_is_older_than_six_months(
    looked_after, social_worker, authorised_on, warned
):
    assessment(looked_after.child, social_worker, authorised_on)
    planned = services.return_home_plan(
        period=looked_after, planned_by=social_worker, planned_on=date(2026, 10, 1)
    )
    assert bool(planned.warning) is warned
    if warned:
        assert "31 March 2026" in planned.warning and "six months" in planned.warning


def test_an_open_plan_warns_as_its_assessment_ages_and_a_new_one_clears_it(
    looked_after, social_worker
):
    assessment(looked_after.child, social_worker, date(2026, 5, 1))
    plan = services.return_home_plan(
        period=looked_after, planned_by=social_worker, planned_on=date(2026, 10, 1)
    ).plan
    assert services.return_home_warning(plan, today=date(2026, 10, 31)) == ""
    warning = services.return_home_warning(plan, today=date(2026, 11, 2))
    assert "1 May 2026" in warning and "more than six months before today" in warning
    assessment(looked_after.child, social_worker, date(2026, 11, 1))
    assert services.return_home_warning(plan, today=date(2026, 11, 2)) == ""
    # Once the child has gone home, the plan is judged as it was made.
    plan.returned_on = date(2026, 10, 20)
    assert services.return_home_warning(plan, today=date(2027, 6, 1)) == ""


def test_an_assessment_authorised_after_the_plan_is_not_its_basis(looked_after, social_worker):
    assessment(looked_after.child, social_worker, date(2026, 10, 5))
    planned = services.return_home_plan(
        period=looked_after, planned_by=social_worker, planned_on=date(2026, 10, 1)
    )
    assert planned.plan.assessment is None and planned.warning


def test_no_revocation_for_a_child_accommodated_under_section_20(allocated_child, social_worker):
    period = in_care(allocated_child, legal_status="V2", by=social_worker)
    planned = services.return_home_plan(
        period=period, planned_by=social_worker, planned_on=date(2026, 10, 1)
    )
    assert planned.plan.revocation_needed is False
    assert "revoked" not in entries(EntryKind.RETURN_HOME)[0].summary


def test_plan_refusals(looked_after, social_worker, team):
    child = looked_after.child
    adviser = StaffFactory(role=Role.PERSONAL_ADVISER, teams=[team])
    with refused(PermissionDenied):
        services.return_home_plan(
            period=looked_after, planned_by=adviser, planned_on=date(2026, 10, 1)
        )
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    with refused(PermissionDenied):
        services.return_home_plan(
            period=looked_after, planned_by=stranger, planned_on=date(2026, 10, 1)
        )
    with refused(field="planned_on", match="future"):
        services.return_home_plan(
            period=looked_after,
            planned_by=social_worker,
            planned_on=timezone.localdate().replace(year=timezone.localdate().year + 1),
        )
    with refused(field="planned_on", match="came into care"):
        services.return_home_plan(
            period=looked_after, planned_by=social_worker, planned_on=date(2026, 3, 1)
        )
    with refused(field="planned_return_on"):
        services.return_home_plan(
            period=looked_after,
            planned_by=social_worker,
            planned_on=date(2026, 10, 1),
            planned_return_on=date(2026, 9, 1),
        )
    services.return_home_plan(
        period=looked_after, planned_by=social_worker, planned_on=date(2026, 10, 1)
    )
    with refused(match="already a plan"):
        services.return_home_plan(
            period=looked_after, planned_by=social_worker, planned_on=date(2026, 10, 2)
        )
    assert child.returns_home.count() == 1


@pytest.fixture
def plan(looked_after, social_worker):
    assessment(looked_after.child, social_worker, date(2026, 9, 1))
    return services.return_home_plan(
        period=looked_after, planned_by=social_worker, planned_on=date(2026, 9, 10)
    ).plan


TOMORROW = object()  # a date the test reads from the clock when it runs


def update(plan, by, **dates):
    plan.refresh_from_db()
    return services.return_home_update(plan=plan, by=by, version=plan.version, **dates)


def test_revocation_dates_in_order_and_the_delay_shown(plan, social_worker):
    update(plan, social_worker, revocation_applied_on=date(2026, 9, 14))
    update(plan, social_worker, revocation_hearing_on=date(2026, 12, 8))  # listed ahead
    plan.refresh_from_db()
    assert plan.version == 3 and plan.modified_by == social_worker
    row = selectors.return_home_record(user=social_worker, pk=plan.pk, today=date(2026, 11, 23))
    assert row.revocation_delay_days == 70 and row.status == "Waiting for the court"
    waiting = selectors.revocations_waiting(user=social_worker, today=date(2026, 11, 23))
    assert [r.plan for r in waiting] == [plan]
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    assert selectors.revocations_waiting(user=stranger) == []

    # The hearing moved forward; the order was revoked at it.
    update(
        plan,
        social_worker,
        revocation_hearing_on=date(2026, 11, 16),
        revoked_on=date(2026, 11, 16),
    )
    plan.refresh_from_db()
    assert selectors.revocation_delay(plan, date(2026, 11, 23)) == 63  # stopped at revocation
    update(plan, social_worker, returned_on=date(2026, 11, 20))
    verbs = list(
        AuditEvent.objects.filter(verb="return_home_updated")
        .order_by("pk")
        .values_list("payload", flat=True)
    )
    assert verbs[-1] == {"returned_on": "2026-11-20"}
    summaries = [e.summary for e in entries(EntryKind.RETURN_HOME)]
    assert "Care order revoked: 16 November 2026." in summaries[-2]
    assert summaries[-1] == "Returned home: 20 November 2026."
    assert selectors.return_home_record(user=social_worker, pk=plan.pk).status == "Returned home"


@pytest.mark.parametrize(
    ("dates", "field"),
    [
        ({"revocation_hearing_on": date(2026, 10, 1)}, "revocation_applied_on"),
        ({"revoked_on": date(2026, 10, 1)}, "revocation_applied_on"),
        (
            {
                "revocation_applied_on": date(2026, 10, 5),
                "revocation_hearing_on": date(2026, 10, 1),
            },
            "revocation_hearing_on",
        ),
        (
            {
                "revocation_applied_on": date(2026, 10, 1),
                "revocation_hearing_on": date(2026, 10, 20),
                "revoked_on": date(2026, 10, 19),
            },
            "revoked_on",
        ),
        (
            {"revocation_applied_on": date(2026, 10, 1), "revoked_on": date(2026, 9, 30)},
            "revoked_on",
        ),
        ({"revocation_applied_on": date(2026, 9, 1)}, "revocation_applied_on"),  # before the plan
        (  # revoked tomorrow: in the future, whatever day the test runs
            {"revoked_on": TOMORROW, "revocation_applied_on": date(2026, 10, 1)},
            "revoked_on",
        ),
        ({"returned_on": date(2026, 10, 1), "abandoned_on": date(2026, 10, 1)}, "abandoned_on"),
    ],
)
def test_update_refuses_dates_out_of_order(plan, social_worker, dates, field):
    tomorrow = timezone.localdate() + timedelta(days=1)
    dates = {name: tomorrow if day is TOMORROW else day for name, day in dates.items()}
    with refused(field=field):
        update(plan, social_worker, **dates)


def test_not_home_on_a_care_order_before_it_is_revoked(plan, social_worker):
    with refused(field="returned_on", match="revoked"):
        update(plan, social_worker, returned_on=date(2026, 10, 1))
    update(plan, social_worker, revocation_applied_on=date(2026, 9, 14))
    update(plan, social_worker, revoked_on=date(2026, 10, 20))
    with refused(field="returned_on"):
        update(plan, social_worker, returned_on=date(2026, 10, 19))
    update(plan, social_worker, returned_on=date(2026, 10, 20))


def test_placed_with_parents_may_go_home_before_revocation(allocated_child, social_worker):
    period = in_care(
        allocated_child,
        placement_type="P1",
        by=social_worker,
        carer=CarerFactory(kind=CarerKind.PARENTS),
    )
    plan = services.return_home_plan(
        period=period, planned_by=social_worker, planned_on=date(2026, 9, 1)
    ).plan
    assert plan.revocation_needed
    update(plan, social_worker, returned_on=date(2026, 9, 5))
    plan.refresh_from_db()
    assert plan.returned_on == date(2026, 9, 5) and plan.revoked_on is None


def test_no_revocation_dates_without_a_care_order(allocated_child, social_worker):
    period = in_care(allocated_child, legal_status="V2", by=social_worker)
    plan = services.return_home_plan(
        period=period, planned_by=social_worker, planned_on=date(2026, 9, 1)
    ).plan
    with refused(field="revocation_applied_on", match="not on a care order"):
        update(plan, social_worker, revocation_applied_on=date(2026, 9, 2))
    update(plan, social_worker, returned_on=date(2026, 9, 5))  # no order to wait for


def test_concurrent_edits_raise_edit_conflict(plan, social_worker, manager):
    stale = plan.version
    update(plan, manager, revocation_applied_on=date(2026, 9, 14))
    with refused(EditConflict) as info:
        services.return_home_update(
            plan=plan, by=social_worker, version=stale, revocation_applied_on=date(2026, 9, 15)
        )
    assert info.value.current.revocation_applied_on == date(2026, 9, 14)


def test_abandoned_plan_is_closed_and_a_new_one_may_follow(plan, social_worker):
    update(plan, social_worker, abandoned_on=date(2026, 10, 1))
    with refused(match="abandoned"):
        update(plan, social_worker, revocation_applied_on=date(2026, 10, 2))
    services.return_home_plan(
        period=plan.period, planned_by=social_worker, planned_on=date(2026, 10, 5)
    )
    assert plan.period.returns_home.count() == 2


def test_update_refusals_by_role(plan, team):
    adviser = StaffFactory(role=Role.PERSONAL_ADVISER, teams=[team])
    with refused(PermissionDenied):
        update(plan, adviser, revocation_applied_on=date(2026, 9, 14))
    with pytest.raises(ValueError):
        update(plan, adviser, planned_on=date(2026, 9, 14))


# ---- the permanence decision ----------------------------------------------------------------

NOTES = {
    "return_home": "Mother has not been able to keep him safe; the assessment says no.",
    "kinship": "His aunt was assessed and withdrew.",
    "long_term_fostering": "He is two: fostering to 18 gives him less security.",
    "adoption": "Offers him a family for life; his mother accepts it.",
}


def decide(period, by, **changes):
    args = {
        "period": period,
        "decided_by": by,
        "decided_on": date(2026, 6, 1),
        "options_considered": dict(NOTES),
        "decision": PermanenceOption.ADOPTION,
        "rationale": "Adoption is the only option that meets his needs throughout his life.",
        **changes,
    }
    return services.permanence_decide(**args)


def test_permanence_decision_weighs_every_option(looked_after, manager):
    notes = {**NOTES, "residential": "  Not suitable for a toddler. ", "independence": ""}
    plan = decide(looked_after, manager, options_considered=notes)
    assert plan.decision == "adoption"
    assert plan.options_considered == {**NOTES, "residential": "Not suitable for a toddler."}
    event = AuditEvent.objects.get(verb="permanence_decided")
    assert event.payload["decision"] == "adoption" and len(event.payload["options"]) == 5
    (entry,) = entries(EntryKind.PERMANENCE)
    assert entry.summary.startswith("Permanence decision: Adoption, after considering 5 options.")


@pytest.mark.parametrize("missing", ["return_home", "kinship", "long_term_fostering", "adoption"])
def test_each_core_option_needs_a_note(looked_after, manager, missing):
    notes = dict(NOTES)
    del notes[missing]
    with refused(field=missing):
        decide(looked_after, manager, options_considered=notes)
    notes[missing] = "   "
    with refused(field=missing) as info:
        decide(looked_after, manager, options_considered=notes)
    label = PermanenceOption(missing).label.lower()
    assert label in info.value.message


def test_permanence_refusals(looked_after, manager, team):
    with refused(field="residential"):  # the decision is not among the options weighed
        decide(looked_after, manager, decision="residential")
    with refused(field="decision"):
        decide(looked_after, manager, decision="boarding_school")
    with refused(field="options_considered"):
        decide(looked_after, manager, options_considered={**NOTES, "boarding": "No."})
    with refused(field="rationale"):
        decide(looked_after, manager, rationale="  ")
    with refused(field="decided_on"):
        decide(looked_after, manager, decided_on=date(2026, 2, 1))
    with refused(PermissionDenied):
        decide(looked_after, StaffFactory(role=Role.CONFERENCE_CHAIR, teams=[team]))


# ---- adoption -------------------------------------------------------------------------------


@pytest.fixture
def adopters(db):
    return CarerFactory(name="The Rahman family", kind=CarerKind.ADOPTERS, provider="PR1")


@pytest.fixture
def adoption(looked_after, manager):
    decide(looked_after, manager)
    return services.adoption_start(
        period=looked_after, by=manager, should_be_placed_on=date(2026, 6, 15)
    )


def test_adoption_starts_after_a_permanence_decision_for_adoption(looked_after, manager):
    with refused(match="permanence decision"):
        services.adoption_start(
            period=looked_after, by=manager, should_be_placed_on=date(2026, 6, 15)
        )
    decide(looked_after, manager, decision="long_term_fostering")
    with refused(match="permanence decision"):
        services.adoption_start(
            period=looked_after, by=manager, should_be_placed_on=date(2026, 6, 15)
        )
    decide(looked_after, manager, decided_on=date(2026, 6, 10))
    with refused(field="should_be_placed_on"):
        services.adoption_start(
            period=looked_after, by=manager, should_be_placed_on=date(2026, 6, 9)
        )
    adoption = services.adoption_start(
        period=looked_after, by=manager, should_be_placed_on=date(2026, 6, 15)
    )
    assert adoption.recorded_by == manager
    assert AuditEvent.objects.filter(verb="adoption_started", child=adoption.child).exists()
    assert "should be placed for adoption" in entries(EntryKind.ADOPTION)[0].summary
    with refused(match="already recorded"):
        services.adoption_start(
            period=looked_after, by=manager, should_be_placed_on=date(2026, 6, 16)
        )


def milestone(adoption, by, name, on, adopters=None):
    adoption.refresh_from_db()
    return services.adoption_milestone(
        adoption=adoption, by=by, milestone=name, on=on, adopters=adopters
    )


def test_milestones_come_in_order(adoption, manager, adopters):
    with refused(field="milestone", match="placement order"):
        milestone(adoption, manager, "matched_on", date(2026, 8, 1), adopters)
    with refused(field="on", match="15 June 2026"):
        milestone(adoption, manager, "placement_order_on", date(2026, 6, 14))
    with refused(field="milestone"):
        milestone(adoption, manager, "birthday", date(2026, 7, 1))
    milestone(adoption, manager, "placement_order_on", date(2026, 7, 1))
    with refused(field="milestone", match="already recorded"):
        milestone(adoption, manager, "placement_order_on", date(2026, 7, 2))
    with refused(field="adopters"):  # not adopters
        milestone(adoption, manager, "matched_on", date(2026, 8, 1), CarerFactory())
    milestone(adoption, manager, "matched_on", date(2026, 8, 3))  # adopters may come later
    with refused(field="adopters", match="Name the adopters"):
        milestone(adoption, manager, "placed_on", date(2026, 8, 20))
    with refused(field="on"):
        milestone(adoption, manager, "placed_on", date(2026, 8, 2), adopters)
    milestone(adoption, manager, "placed_on", date(2026, 8, 20), adopters)
    adoption.refresh_from_db()
    assert adoption.adopters == adopters
    with refused(field="adopters"):  # adopters are named at the match or the placement
        milestone(adoption, manager, "adoption_order_on", date(2026, 11, 2), adopters)
    assert [e.summary for e in entries(EntryKind.ADOPTION)][-1] == (
        "Placed for adoption: The Rahman family."
    )
    payloads = AuditEvent.objects.filter(verb="adoption_milestone").values_list(
        "payload", flat=True
    )
    assert [p["milestone"] for p in payloads] == ["placed_on", "matched_on", "placement_order_on"]


def test_matched_adopters_cannot_silently_change(adoption, manager, adopters):
    milestone(adoption, manager, "placement_order_on", date(2026, 7, 1))
    milestone(adoption, manager, "matched_on", date(2026, 8, 3), adopters)
    other = CarerFactory(kind=CarerKind.ADOPTERS)
    with refused(field="adopters", match="Rahman"):
        milestone(adoption, manager, "placed_on", date(2026, 8, 20), other)


def test_milestone_refused_to_those_not_holding_the_case(adoption, team):
    chair = StaffFactory(role=Role.CONFERENCE_CHAIR, teams=[team])
    with refused(PermissionDenied):
        milestone(adoption, chair, "placement_order_on", date(2026, 7, 1))


@pytest.fixture
def placed(adoption, manager, adopters):
    milestone(adoption, manager, "placement_order_on", date(2026, 7, 1))
    milestone(adoption, manager, "matched_on", date(2026, 8, 3), adopters)
    milestone(adoption, manager, "placed_on", date(2026, 8, 20))
    adoption.refresh_from_db()
    return adoption


def test_adoption_order_seals_the_record(placed, manager, social_worker, team, monkeypatch):
    child = placed.child
    colleague = StaffFactory(role=Role.SOCIAL_WORKER, teams=[team])
    assert access.can(colleague, "view", child)  # the team holds the case

    create = RecordRestriction.objects.create

    def sealing(**kwargs):
        # The chronology entry for the order is already written when the seal goes on.
        assert ChronologyEntry.objects.filter(
            child=child, kind=EntryKind.ADOPTION, summary="Adoption order made."
        ).exists()
        return create(**kwargs)

    monkeypatch.setattr(RecordRestriction.objects, "create", sealing)
    milestone(placed, manager, "adoption_order_on", date(2026, 11, 2))

    restriction = RecordRestriction.objects.get(child=child)
    assert restriction.reason == "Adoption order made on 2 November 2026."
    assert restriction.restricted_by == manager
    assert set(restriction.named_staff.all()) == {manager, social_worker}
    sealed = AuditEvent.objects.get(verb="restricted", child=child)
    assert sealed.reason == restriction.reason
    assert sealed.payload["named_staff"] == sorted([manager.pk, social_worker.pk])
    order_entry = entries(EntryKind.ADOPTION)[-1]
    (sealed_entry,) = entries(EntryKind.RECORD_RESTRICTED)
    assert order_entry.summary == "Adoption order made." and order_entry.pk < sealed_entry.pk
    assert (
        sealed.pk
        > AuditEvent.objects.get(
            verb="adoption_milestone", payload__milestone="adoption_order_on"
        ).pk
    )

    # A social worker not named may no longer know the record exists.
    colleague = type(colleague).objects.get(pk=colleague.pk)
    with pytest.raises(Http404):
        access.require(colleague, "view", child)
    for named in (manager, social_worker):
        access.require(type(named).objects.get(pk=named.pk), "view", child)
    with refused(match="adoption order"):
        services.adoption_plan_change(
            adoption=placed, by=manager, changed_on=date(2026, 11, 3), reason="Too late."
        )


def test_the_allocated_worker_of_the_workforce_allocation_is_named(placed, manager, team):
    from everychild.workforce.models import Allocation

    worker = StaffFactory(role=Role.SOCIAL_WORKER, teams=[team])
    Allocation.objects.create(
        child=placed.child, team=team, worker=worker, started_on=date(2026, 3, 2)
    )
    assert worker in services.allocated_workers(placed.child)
    milestone(placed, manager, "adoption_order_on", date(2026, 11, 2))
    assert worker in RecordRestriction.objects.get(child=placed.child).named_staff.all()


def test_an_already_restricted_record_keeps_its_named_staff(placed, manager, social_worker):
    restriction = RecordRestriction.objects.create(
        child=placed.child, reason="A relative works here.", restricted_by=manager
    )
    restriction.named_staff.set([manager])
    milestone(placed, manager, "adoption_order_on", date(2026, 11, 2))
    restriction.refresh_from_db()
    assert restriction.reason == "A relative works here.\nAdoption order made on 2 November 2026."
    assert list(restriction.named_staff.all()) == [manager]


def test_plan_change_then_a_new_start(adoption, manager, adopters, looked_after):
    milestone(adoption, manager, "placement_order_on", date(2026, 7, 1))
    with refused(field="changed_on"):
        services.adoption_plan_change(
            adoption=adoption, by=manager, changed_on=date(2026, 6, 30), reason="Match failed."
        )
    with refused(field="reason"):
        services.adoption_plan_change(
            adoption=adoption, by=manager, changed_on=date(2026, 7, 5), reason=" "
        )
    services.adoption_plan_change(
        adoption=adoption, by=manager, changed_on=date(2026, 7, 5), reason="Birth father found."
    )
    assert "Birth father found." in entries(EntryKind.ADOPTION)[-1].summary
    assert AuditEvent.objects.get(verb="adoption_plan_changed").reason == "Birth father found."
    with refused(match="has changed"):
        milestone(adoption, manager, "matched_on", date(2026, 8, 3), adopters)
    with refused(match="already changed"):
        services.adoption_plan_change(
            adoption=adoption, by=manager, changed_on=date(2026, 7, 6), reason="Again."
        )
    # A new decision for adoption starts the journey again on the same record.
    decide(looked_after, manager, decided_on=date(2026, 9, 1))
    again = services.adoption_start(
        period=looked_after, by=manager, should_be_placed_on=date(2026, 9, 10)
    )
    assert again.pk == adoption.pk
    assert again.placement_order_on is None and again.plan_changed_on is None
    assert AuditEvent.objects.filter(verb="adoption_started").last().payload == {"again": False}
    assert AuditEvent.objects.filter(verb="adoption_started").first().payload == {"again": True}


# ---- the adoption scorecard -----------------------------------------------------------------


def adopted(entered, placement_order, matched, placed, order, *, by, child=None):
    """A hand-made adopted child (`child`, or a new one): the dates as given, straight into
    the tables."""
    period = in_care(child, started_on=entered, by=by)
    return Adoption.objects.create(
        child=period.child,
        period=period,
        should_be_placed_on=entered,
        placement_order_on=placement_order,
        matched_on=matched,
        placed_on=placed,
        adoption_order_on=order,
        recorded_by=by,
    )


@pytest.fixture
def cases(manager):
    a = adopted(
        date(2023, 1, 10),
        date(2024, 6, 1),
        date(2024, 8, 1),
        date(2024, 9, 1),
        date(2025, 3, 1),
        by=manager,
    )  # A1 600 days, A2 61 days
    b = adopted(
        date(2024, 5, 1),
        date(2024, 7, 1),
        date(2024, 12, 1),
        date(2025, 1, 15),
        date(2025, 6, 1),
        by=manager,
    )  # A1 259 days, A2 153 days
    c = adopted(
        date(2023, 1, 1),
        date(2023, 3, 1),
        date(2023, 4, 1),
        date(2023, 5, 1),
        date(2023, 12, 31),
        by=manager,
    )  # adopted before the window
    d = adopted(
        date(2024, 2, 1), None, None, date(2025, 1, 1), date(2025, 2, 1), by=manager
    )  # no placement order or match recorded: A1 335 days, no A2
    return a, b, c, d


def test_scorecard_a1_and_a2_on_hand_made_cases(cases):
    a, b, _, d = cases
    card = selectors.adoption_scorecard(since=date(2024, 4, 1), until=date(2025, 12, 31))
    assert [r.child for r in card.rows] == [d.child, a.child, b.child]  # by adoption order
    assert [r.a1_days for r in card.rows] == [335, 600, 259]
    assert [r.a2_days for r in card.rows] == [None, 61, 153]
    assert card.a1_average == round((335 + 600 + 259) / 3) == 398
    assert card.a1_met is True and card.a1_within_count == 2
    assert card.a2_average == 107 and card.a2_met is True and card.a2_within_count == 1
    assert (card.a1_threshold, card.a2_threshold) == (426, 121)
    assert [r.a1_within for r in card.rows] == [True, False, True]
    assert [r.a2_within for r in card.rows] == [None, True, False]


def test_scorecard_window_edges_and_thresholds(cases):
    a, b, _, _ = cases
    card = selectors.adoption_scorecard(since=date(2025, 3, 1), until=date(2025, 6, 1))
    assert [r.child for r in card.rows] == [a.child, b.child]  # both days included
    assert card.a1_average == 430 and card.a1_met is False  # over 426
    assert card.a2_average == 107 and card.a2_met is True
    empty = selectors.adoption_scorecard(since=date(2026, 1, 1), until=date(2026, 1, 31))
    assert empty.adopted == 0 and empty.a1_average is None and empty.a1_met is None


def test_scorecard_shows_managers_only_the_children_they_may_see(cases, manager, team):
    a, *_ = cases
    involve(a.child, staff=manager, team=team)
    page = selectors.adoption_scorecard_for(
        user=manager, since=date(2025, 3, 1), until=date(2025, 6, 1)
    )
    assert page.shows_rows and [r.child for r in page.rows] == [a.child]
    assert page.rows_hidden == 1 and page.scorecard.adopted == 2
    looks = AuditEvent.objects.filter(verb="viewed_adoption_scorecard")
    assert [e.child_id for e in looks] == [a.child.pk]
    for role in (Role.ANALYST, Role.DIRECTOR):
        page = selectors.adoption_scorecard_for(
            user=StaffFactory(role=role), since=date(2025, 3, 1), until=date(2025, 6, 1)
        )
        assert not page.shows_rows and page.rows == [] and page.scorecard.a1_average == 430
    with pytest.raises(PermissionDenied):
        selectors.adoption_scorecard_for(
            user=StaffFactory(role=Role.SOCIAL_WORKER),
            since=date(2025, 3, 1),
            until=date(2025, 6, 1),
        )


def test_child_permanence_panel(plan, looked_after, social_worker, manager):
    decide(looked_after, manager)
    panel = selectors.child_permanence(user=social_worker, child=looked_after.child)
    assert panel.period == looked_after
    assert panel.open_return_home.plan == plan
    assert [d.decision for d in panel.decisions] == ["adoption"]
    assert panel.adoption is None
    with pytest.raises(PermissionDenied):
        selectors.child_permanence(
            user=StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()]),
            child=looked_after.child,
        )
