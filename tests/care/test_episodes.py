"""Care episodes and placements: coming into care, changes of legal status and placement,
leaving care; the SSDA903 episode rules after each; refusals; audit rows and chronology
entries; and the child's care summary (stability figures) and the children-in-care list."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from everychild.audit.models import AuditEvent
from everychild.care.models import Adoption, CareEpisode, CarerKind, PeriodOfCare, Placement
from everychild.care.selectors.episodes import care_summary, carers, children_in_care
from everychild.care.services.episodes import (
    care_end,
    care_start,
    carer_create,
    legal_status_change,
    placement_change,
    validate_period,
)
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from everychild.people.models import PersonKind
from tests.care.factories import CarerFactory, in_care
from tests.casework.helpers import pretend_today
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    pretend_today(monkeypatch, TODAY)
    return TODAY


@pytest.fixture
def carer(db):
    return CarerFactory(name="The Ahmeds", postcode="E1 4NS")


@pytest.fixture
def other_carer(db):
    return CarerFactory(name="The Browns", postcode="E3 2AA", provider="PR4")


def _episodes(period) -> list[CareEpisode]:
    return list(period.episodes.select_related("placement").order_by("started_on"))


def _rnes(period) -> list[str]:
    return [e.reason_new_episode for e in _episodes(period)]


def _audits(verb: str, child) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(verb=verb, child_id=child.pk))


def _chronology(kind: str, child) -> list[ChronologyEntry]:
    return list(ChronologyEntry.objects.filter(kind=kind, child=child))


def _start(child, by, with_carer, **overrides):
    values = {
        "child": child,
        "started_by": by,
        "started_on": date(2026, 6, 1),
        "legal_status": "C1",
        "category_of_need": "N1",
        "carer": with_carer,
        "placement_type": "U6",
    }
    return care_start(**{**values, **overrides})


# ---- coming into care -----------------------------------------------------------------------


def test_care_start_opens_period_placement_and_first_episode(allocated_child, social_worker, carer):
    period = _start(
        allocated_child, social_worker, carer, home_postcode="e32aa", distance_miles="3.46"
    )
    assert period.started_on == date(2026, 6, 1) and period.ended_on is None
    assert period.home_postcode == "E3 2AA" and period.created_by == social_worker
    placement = Placement.objects.get(period=period)
    assert (placement.carer, placement.placement_type, placement.provider) == (carer, "U6", "PR1")
    assert placement.postcode == "E1 4NS" and placement.distance_miles == Decimal("3.5")
    [episode] = _episodes(period)
    assert episode.reason_new_episode == "S" and episode.legal_status == "C1"
    assert episode.placement == placement and episode.category_of_need == "N1"
    assert (episode.placement_type, episode.placement_provider, episode.placement_postcode) == (
        "U6",
        "PR1",
        "E1 4NS",
    )
    assert validate_period(period) == []
    [row] = _audits("care_started", allocated_child)
    assert row.actor == social_worker and row.payload["legal_status"] == "C1"
    [entry] = _chronology(EntryKind.CARE_STARTED, allocated_child)
    assert entry.occurred_at.date() == date(2026, 6, 1) and "The Ahmeds" in entry.summary


def test_a_manager_of_the_team_may_bring_a_child_into_care(allocated_child, manager, carer):
    assert _start(allocated_child, manager, carer).created_by == manager


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"started_on": date(2026, 11, 24)}, "started_on"),
        ({"started_on": date(2015, 5, 31)}, "started_on"),
        ({"legal_status": "ZZ"}, "legal_status"),
        ({"category_of_need": "N9"}, "category_of_need"),
        ({"category_of_need": "N0"}, "category_of_need"),
        ({"placement_type": "Q9"}, "placement_type"),
        ({"placement_type": "P1"}, "placement_type"),
        ({"placement_type": "K2"}, "placement_type"),
        ({"placement_type": "A4"}, "placement_type"),
        ({"home_postcode": "not a postcode"}, "home_postcode"),
        ({"distance_miles": "-1"}, "distance_miles"),
        ({"distance_miles": "far"}, "distance_miles"),
        ({"carer": None}, "carer"),
    ],
)
def test_care_start_refuses_bad_input_naming_the_field(
    allocated_child, social_worker, carer, overrides, field
):
    with pytest.raises(DomainError) as refused:
        _start(allocated_child, social_worker, carer, **overrides)
    assert refused.value.field == field
    assert (
        not PeriodOfCare.objects.exists()
        and not AuditEvent.objects.filter(verb="care_started").exists()
    )


def test_placement_type_must_fit_the_carer_kind(allocated_child, social_worker):
    parents = CarerFactory(kind=CarerKind.PARENTS, provider="PR0")
    home = CarerFactory(kind=CarerKind.CHILDRENS_HOME, urn="SC123456", provider="PR4")
    adopters = CarerFactory(kind=CarerKind.ADOPTERS)
    with pytest.raises(DomainError, match="needs a carer of the kind “Parents"):
        _start(allocated_child, social_worker, home, placement_type="P1")
    for carer, place in ((parents, "P1"), (home, "K2"), (adopters, "A4")):
        child = PersonFactory()
        involve(child, staff=social_worker)
        assert _start(child, social_worker, carer, placement_type=place).pk


def test_care_start_refuses_a_carer_no_longer_approved(allocated_child, social_worker):
    gone = CarerFactory(ended_on=date(2026, 5, 1))
    with pytest.raises(DomainError) as refused:
        _start(allocated_child, social_worker, gone)
    assert refused.value.field == "carer"


def test_care_start_refuses_a_child_already_in_care(looked_after, social_worker, carer):
    with pytest.raises(DomainError, match="in care since 2 March 2026"):
        _start(looked_after.child, social_worker, carer)
    assert PeriodOfCare.objects.count() == 1


def test_care_start_refuses_an_unborn_child(social_worker, carer):
    unborn = PersonFactory(
        kind=PersonKind.UNBORN, date_of_birth=None, expected_date=date(2027, 1, 10)
    )
    involve(unborn, staff=social_worker)
    with pytest.raises(DomainError, match="unborn"):
        _start(unborn, social_worker, carer)


def test_care_start_refuses_a_young_person_of_18(social_worker, carer):
    adult = PersonFactory(date_of_birth=date(2008, 5, 1))
    involve(adult, staff=social_worker)
    with pytest.raises(DomainError, match="18 or over"):
        _start(adult, social_worker, carer)


def test_care_start_refuses_a_child_who_has_died(social_worker, carer):
    died = PersonFactory(died_on=date(2026, 5, 1))
    involve(died, staff=social_worker)
    with pytest.raises(DomainError, match="died"):
        _start(died, social_worker, carer)


def test_a_new_period_starts_after_the_last_one_ended(allocated_child, social_worker, carer):
    period = _start(allocated_child, social_worker, carer, started_on=date(2026, 1, 5))
    care_end(period=period, ended_by=social_worker, on=date(2026, 3, 1), reason_ceased="E4A")
    with pytest.raises(DomainError) as refused:
        _start(allocated_child, social_worker, carer, started_on=date(2026, 3, 1))
    assert refused.value.field == "started_on"
    again = _start(allocated_child, social_worker, carer, started_on=date(2026, 3, 2))
    assert validate_period(again) == [] and allocated_child.periods_of_care.count() == 2


def test_care_start_refuses_another_childs_referral(allocated_child, social_worker, carer):
    from tests.casework.helpers import refer

    other = refer(PersonFactory(), date(2026, 5, 1))
    with pytest.raises(DomainError) as refused:
        _start(allocated_child, social_worker, carer, referral=other)
    assert refused.value.field == "referral"
    mine = refer(allocated_child, date(2026, 5, 1))
    assert _start(allocated_child, social_worker, carer, referral=mine).referral == mine


def test_care_start_refuses_the_wrong_role_and_the_unrelated(allocated_child, iro, carer, team):
    involve(allocated_child, staff=iro)
    with pytest.raises(PermissionDenied):
        _start(allocated_child, iro, carer)  # an IRO can edit the record but not decide care
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        _start(allocated_child, stranger, carer)
    partner = StaffFactory(role=Role.PARTNER)
    with pytest.raises((PermissionDenied, Http404)):
        _start(allocated_child, partner, carer)
    assert not PeriodOfCare.objects.exists()


# ---- changes of legal status ---------------------------------------------------------------


def test_legal_status_change_on_a_later_day_opens_an_episode_l(looked_after, social_worker):
    episode = legal_status_change(
        period=looked_after, changed_by=social_worker, on=date(2026, 5, 4), legal_status="E1"
    )
    first, second = _episodes(looked_after)
    assert (first.ended_on, first.reason_ceased) == (date(2026, 5, 4), "X1")
    assert second == episode and (episode.reason_new_episode, episode.legal_status) == ("L", "E1")
    assert episode.placement == first.placement and first.reason_placement_change == ""
    assert validate_period(looked_after) == []
    [row] = _audits("care_legal_status_changed", looked_after.child)
    assert row.payload == {"on": "2026-05-04", "from": "C2", "to": "E1", "rne": "L"}
    [entry] = _chronology(EntryKind.CARE_CHANGE, looked_after.child)
    assert "C2 to E1" in entry.summary


@pytest.mark.parametrize(
    ("on", "status", "field", "message"),
    [
        (date(2026, 5, 4), "C2", "legal_status", "already C2"),
        (date(2026, 3, 1), "E1", "on", "on or after 2 March 2026"),
        (date(2026, 11, 24), "E1", "on", "future"),
        (date(2026, 5, 4), "X9", "legal_status", "Choose"),
        (None, "E1", "on", "Enter"),
    ],
)
def test_legal_status_change_refusals(looked_after, social_worker, on, status, field, message):
    with pytest.raises(DomainError, match=message) as refused:
        legal_status_change(
            period=looked_after, changed_by=social_worker, on=on, legal_status=status
        )
    assert refused.value.field == field
    assert _rnes(looked_after) == ["S"] and not _audits(
        "care_legal_status_changed", looked_after.child
    )


def test_legal_status_change_refuses_the_iro(looked_after, iro):
    with pytest.raises(PermissionDenied):
        legal_status_change(
            period=looked_after, changed_by=iro, on=date(2026, 5, 4), legal_status="E1"
        )


def test_two_legal_status_changes_on_one_day_are_one_episode(looked_after, social_worker):
    for status in ("C1", "E1"):
        legal_status_change(
            period=looked_after, changed_by=social_worker, on=date(2026, 5, 4), legal_status=status
        )
    assert [(e.reason_new_episode, e.legal_status) for e in _episodes(looked_after)] == [
        ("S", "C2"),
        ("L", "E1"),
    ]
    assert validate_period(looked_after) == []


def test_a_same_day_change_back_merges_into_the_episode_before(looked_after, social_worker):
    legal_status_change(
        period=looked_after, changed_by=social_worker, on=date(2026, 5, 4), legal_status="E1"
    )
    episode = legal_status_change(
        period=looked_after, changed_by=social_worker, on=date(2026, 5, 4), legal_status="C2"
    )
    [only] = _episodes(looked_after)
    assert only == episode and only.reason_new_episode == "S" and only.ended_on is None
    assert only.reason_ceased == "" and validate_period(looked_after) == []
    assert len(_audits("care_legal_status_changed", looked_after.child)) == 2


def test_a_change_on_the_first_day_amends_the_first_episode(allocated_child, social_worker, carer):
    period = _start(allocated_child, social_worker, carer, started_on=date(2026, 6, 1))
    legal_status_change(
        period=period, changed_by=social_worker, on=date(2026, 6, 1), legal_status="C2"
    )
    [only] = _episodes(period)
    assert (only.reason_new_episode, only.legal_status) == ("S", "C2")
    assert validate_period(period) == []


# ---- changes of placement -------------------------------------------------------------------


def test_a_move_to_another_carer_is_a_new_placement_and_episode_p(
    looked_after, social_worker, other_carer
):
    old = looked_after.placements.get()
    episode = placement_change(
        period=looked_after,
        changed_by=social_worker,
        on=date(2026, 7, 1),
        carer=other_carer,
        placement_type="U4",
        reason_for_change="CARPL",
        distance_miles=7,
    )
    old.refresh_from_db()
    assert (old.ended_on, old.reason_for_change) == (date(2026, 7, 1), "CARPL")
    new = episode.placement
    assert (new.carer, new.started_on, new.ended_on, new.provider) == (
        other_carer,
        date(2026, 7, 1),
        None,
        "PR4",
    )
    assert new.distance_miles == Decimal("7.0")
    first, second = _episodes(looked_after)
    assert (first.reason_ceased, first.reason_placement_change) == ("X1", "CARPL")
    assert (second.reason_new_episode, second.legal_status, second.placement_type) == (
        "P",
        "C2",
        "U4",
    )
    assert (second.placement_provider, second.placement_postcode) == ("PR4", "E3 2AA")
    assert validate_period(looked_after) == []
    [row] = _audits("care_placement_changed", looked_after.child)
    assert row.payload["rne"] == "P" and row.payload["reason_for_change"] == "CARPL"
    [entry] = _chronology(EntryKind.CARE_CHANGE, looked_after.child)
    assert "The Browns" in entry.summary


def test_the_match_with_the_carer_is_kept_and_comes_before_the_move(
    looked_after, social_worker, other_carer
):
    move = {
        "period": looked_after,
        "changed_by": social_worker,
        "on": date(2026, 7, 1),
        "carer": other_carer,
        "placement_type": "U4",
        "reason_for_change": "CARPL",
    }
    with pytest.raises(DomainError) as refusal:
        placement_change(**move, matched_on=date(2026, 7, 2))
    assert refusal.value.field == "matched_on" and "on or before 1 July 2026" in str(
        refusal.value.message
    )
    future = timezone.localdate() + timedelta(days=1)
    with pytest.raises(DomainError) as refusal:
        placement_change(**move, matched_on=future)
    assert refusal.value.field == "matched_on"
    assert looked_after.placements.count() == 1  # nothing half-saved
    episode = placement_change(**move, matched_on=date(2026, 6, 20))
    assert episode.placement.matched_on == date(2026, 6, 20)


def test_a_new_placement_type_with_the_same_carer_is_episode_t(looked_after, social_worker):
    carer = looked_after.placements.get().carer
    episode = placement_change(
        period=looked_after,
        changed_by=social_worker,
        on=date(2026, 7, 1),
        carer=carer,
        placement_type="U4",
        reason_for_change="PLACE",
    )
    assert episode.reason_new_episode == "T" and looked_after.placements.count() == 2
    assert validate_period(looked_after) == []


def test_placement_change_refusals(looked_after, social_worker, other_carer):
    carer = looked_after.placements.get().carer
    change = {"period": looked_after, "changed_by": social_worker, "on": date(2026, 7, 1)}
    cases = [
        ({"carer": carer, "placement_type": "U6", "reason_for_change": "CARPL"}, "carer"),
        (
            {"carer": other_carer, "placement_type": "U6", "reason_for_change": ""},
            "reason_for_change",
        ),
        (
            {"carer": other_carer, "placement_type": "U6", "reason_for_change": "NOPE"},
            "reason_for_change",
        ),
        (
            {"carer": other_carer, "placement_type": "P1", "reason_for_change": "CARPL"},
            "placement_type",
        ),
        ({"carer": None, "placement_type": "U6", "reason_for_change": "CARPL"}, "carer"),
        (
            {
                "carer": other_carer,
                "placement_type": "U6",
                "reason_for_change": "CARPL",
                "on": date(2026, 3, 1),
            },
            "on",
        ),
    ]
    for values, field in cases:
        with pytest.raises(DomainError) as refused:
            placement_change(**{**change, **values})
        assert refused.value.field == field, values
    assert _rnes(looked_after) == ["S"] and looked_after.placements.count() == 1


def test_moves_into_and_out_of_a_temporary_placement_have_no_reason(
    looked_after, social_worker, other_carer
):
    carer = looked_after.placements.get().carer
    placement_change(
        period=looked_after,
        changed_by=social_worker,
        on=date(2026, 7, 1),
        carer=other_carer,
        placement_type="T3",
        reason_for_change="",
    )
    placement_change(
        period=looked_after,
        changed_by=social_worker,
        on=date(2026, 7, 15),
        carer=carer,
        placement_type="U6",
        reason_for_change="OTHER",  # given, but 903 rule 226 says none is recorded
    )
    assert [e.reason_placement_change for e in _episodes(looked_after)] == ["", "", ""]
    assert _rnes(looked_after) == ["S", "P", "P"] and validate_period(looked_after) == []


@pytest.mark.parametrize(
    ("first", "then", "rne"),
    [("status", "other_carer", "U"), ("status", "same_carer", "B"), ("other_carer", "status", "U")],
)
def test_a_status_change_and_a_move_on_one_day_are_one_episode(
    looked_after, social_worker, other_carer, first, then, rne
):
    carer = looked_after.placements.get().carer
    on = date(2026, 7, 1)

    def apply(what):
        if what == "status":
            legal_status_change(
                period=looked_after, changed_by=social_worker, on=on, legal_status="E1"
            )
        else:
            placement_change(
                period=looked_after,
                changed_by=social_worker,
                on=on,
                carer=other_carer if what == "other_carer" else carer,
                placement_type="U4",
                reason_for_change="PLACE",
            )

    apply(first)
    apply(then)
    assert _rnes(looked_after) == ["S", rne]
    first_episode = _episodes(looked_after)[0]
    assert first_episode.reason_placement_change == "PLACE"
    assert validate_period(looked_after) == []


def test_a_second_move_on_the_day_amends_that_days_placement(
    looked_after, social_worker, other_carer
):
    third = CarerFactory(name="The Chens")
    on = date(2026, 7, 1)
    change = {"period": looked_after, "changed_by": social_worker, "on": on}
    placement_change(**change, carer=other_carer, placement_type="U6", reason_for_change="CARPL")
    placement_change(**change, carer=third, placement_type="U6", reason_for_change="STAND")
    placements = list(looked_after.placements.order_by("started_on"))
    assert [p.carer for p in placements] == [placements[0].carer, third]
    assert placements[0].reason_for_change == "STAND"
    assert _rnes(looked_after) == ["S", "P"] and validate_period(looked_after) == []


def test_a_same_day_move_back_reopens_the_placement_left(looked_after, social_worker, other_carer):
    original = looked_after.placements.get()
    change = {"period": looked_after, "changed_by": social_worker, "on": date(2026, 7, 1)}
    placement_change(**change, carer=other_carer, placement_type="U6", reason_for_change="CARPL")
    placement_change(**change, carer=original.carer, placement_type="U6", reason_for_change="OTHER")
    [placement] = looked_after.placements.all()
    assert placement == original and placement.ended_on is None and not placement.reason_for_change
    assert _rnes(looked_after) == ["S"] and validate_period(looked_after) == []


def test_a_move_on_the_first_day_amends_the_first_placement(
    allocated_child, social_worker, carer, other_carer
):
    period = _start(allocated_child, social_worker, carer, started_on=date(2026, 6, 1))
    placement_change(
        period=period,
        changed_by=social_worker,
        on=date(2026, 6, 1),
        carer=other_carer,
        placement_type="U6",
        reason_for_change="",
    )
    [placement] = period.placements.all()
    assert placement.carer == other_carer and _rnes(period) == ["S"]
    assert _episodes(period)[0].placement_postcode == "E3 2AA"
    assert validate_period(period) == []


# ---- leaving care ---------------------------------------------------------------------------


def test_care_end_ends_the_period_episode_and_placement(looked_after, social_worker):
    period = care_end(
        period=looked_after, ended_by=social_worker, on=date(2026, 10, 1), reason_ceased="E4A"
    )
    assert (period.ended_on, period.reason_ceased) == (date(2026, 10, 1), "E4A")
    [episode] = _episodes(period)
    assert (episode.ended_on, episode.reason_ceased) == (date(2026, 10, 1), "E4A")
    assert period.placements.get().ended_on == date(2026, 10, 1)
    assert validate_period(period) == []
    assert _audits("care_ended", period.child)[0].payload == {
        "on": "2026-10-01",
        "reason_ceased": "E4A",
    }
    assert "returned home" in _chronology(EntryKind.CARE_ENDED, period.child)[0].summary.lower()


def test_care_end_refusals(looked_after, social_worker):
    end = {"period": looked_after, "ended_by": social_worker}
    for values, field in [
        ({"on": date(2026, 10, 1), "reason_ceased": "X1"}, "reason_ceased"),
        ({"on": date(2026, 10, 1), "reason_ceased": "E11"}, "reason_ceased"),
        ({"on": date(2026, 10, 1), "reason_ceased": "E99"}, "reason_ceased"),
        ({"on": date(2026, 3, 2), "reason_ceased": "E4A"}, "on"),
        ({"on": date(2026, 11, 30), "reason_ceased": "E4A"}, "on"),
    ]:
        with pytest.raises(DomainError) as refused:
            care_end(**end, **values)
        assert refused.value.field == field, values
    looked_after.refresh_from_db()
    assert looked_after.ended_on is None and not _audits("care_ended", looked_after.child)


def test_adopted_only_with_an_adoption_order(looked_after, social_worker):
    adoption = Adoption.objects.create(
        child=looked_after.child,
        period=looked_after,
        should_be_placed_on=date(2026, 4, 1),
        recorded_by=social_worker,
    )
    end = {"period": looked_after, "ended_by": social_worker, "reason_ceased": "E11"}
    with pytest.raises(DomainError):
        care_end(**end, on=date(2026, 10, 1))
    adoption.adoption_order_on = date(2026, 10, 5)
    adoption.save()
    looked_after.child.refresh_from_db()
    with pytest.raises(DomainError):  # the order came after the date given
        care_end(**end, on=date(2026, 10, 1))
    period = care_end(**end, on=date(2026, 10, 5))
    assert period.reason_ceased == "E11" and validate_period(period) == []


def test_an_ended_period_cannot_change(looked_after, social_worker, other_carer):
    care_end(period=looked_after, ended_by=social_worker, on=date(2026, 10, 1), reason_ceased="E8")
    with pytest.raises(DomainError, match="ended on 1 October 2026"):
        legal_status_change(
            period=looked_after, changed_by=social_worker, on=date(2026, 11, 1), legal_status="E1"
        )
    with pytest.raises(DomainError, match="ended"):
        placement_change(
            period=looked_after,
            changed_by=social_worker,
            on=date(2026, 11, 1),
            carer=other_carer,
            placement_type="U6",
            reason_for_change="CARPL",
        )
    with pytest.raises(DomainError, match="ended"):
        care_end(
            period=looked_after, ended_by=social_worker, on=date(2026, 11, 1), reason_ceased="E8"
        )


def test_care_end_on_the_day_of_a_change_is_refused(looked_after, social_worker):
    legal_status_change(
        period=looked_after, changed_by=social_worker, on=date(2026, 9, 1), legal_status="E1"
    )
    with pytest.raises(DomainError, match="same day") as refused:
        care_end(
            period=looked_after, ended_by=social_worker, on=date(2026, 9, 1), reason_ceased="E8"
        )
    assert refused.value.field == "on"


# ---- the rule checker finds breaches ----------------------------------------------------------


def test_validate_period_reports_breaches(looked_after, social_worker, other_carer):
    placement_change(
        period=looked_after,
        changed_by=social_worker,
        on=date(2026, 7, 1),
        carer=other_carer,
        placement_type="U6",
        reason_for_change="CARPL",
    )
    first, second = _episodes(looked_after)
    CareEpisode.objects.filter(pk=second.pk).update(
        started_on=date(2026, 7, 3), reason_new_episode="L"
    )
    CareEpisode.objects.filter(pk=first.pk).update(reason_ceased="E8", reason_placement_change="")
    problems = validate_period(looked_after)
    assert any("gap" in p for p in problems)
    assert any("does not end with X1" in p for p in problems)
    assert any("RNE L" in p for p in problems)
    assert any("no reason" in p for p in problems)
    assert any("does not start with its first episode" in p for p in problems)


def test_validate_period_reports_a_second_start_and_an_open_middle(looked_after, social_worker):
    legal_status_change(
        period=looked_after, changed_by=social_worker, on=date(2026, 7, 1), legal_status="E1"
    )
    first, second = _episodes(looked_after)
    CareEpisode.objects.filter(pk=second.pk).update(
        reason_new_episode="S", ended_on=date(2026, 8, 1)
    )
    CareEpisode.objects.filter(pk=first.pk).update(ended_on=None)
    problems = validate_period(looked_after)
    assert any("RNE S but is not the first" in p for p in problems)
    assert any("open but is not the last" in p for p in problems)
    assert any("has ended but the period of care has not" in p for p in problems)


# ---- carers ---------------------------------------------------------------------------------


def test_carer_create_by_a_manager_is_audited(manager):
    carer = carer_create(
        created_by=manager,
        name="Rainbow House",
        kind="childrens_home",
        provider="PR4",
        postcode="e14 2bb",
        urn="sc123456",
        capacity=4,
    )
    assert (carer.urn, carer.postcode, carer.capacity) == ("SC123456", "E14 2BB", 4)
    assert AuditEvent.objects.filter(verb="carer_created", object_id=str(carer.pk)).exists()


def test_carer_create_refusals(manager, social_worker):
    with pytest.raises(PermissionDenied):
        carer_create(
            created_by=social_worker, name="X", kind="kinship", provider="PR1", postcode="E1 4NS"
        )
    base = {"created_by": manager, "name": "Rainbow House", "provider": "PR4", "postcode": "E1 4NS"}
    for values, field in [
        ({"kind": "childrens_home"}, "urn"),
        ({"kind": "spaceship"}, "kind"),
        ({"kind": "kinship", "postcode": "nowhere"}, "postcode"),
        ({"kind": "kinship", "name": " "}, "name"),
        ({"kind": "kinship", "capacity": 0}, "capacity"),
        ({"kind": "kinship", "approved_on": date(2027, 1, 1)}, "approved_on"),
    ]:
        with pytest.raises(DomainError) as refused:
            carer_create(**{**base, **values})
        assert refused.value.field == field, values


def test_carers_list_counts_children_placed_now(looked_after, social_worker, other_carer):
    rows = {r.carer.pk: r.children_placed for r in carers(user=social_worker)}
    assert rows[looked_after.placements.get().carer_id] == 1 and rows[other_carer.pk] == 0
    with pytest.raises(PermissionDenied):
        carers(user=StaffFactory(role=Role.PARTNER))


# ---- the child's care summary ---------------------------------------------------------------


def test_care_summary_of_a_child_in_care(looked_after, social_worker, other_carer):
    placement_change(
        period=looked_after,
        changed_by=social_worker,
        on=date(2026, 7, 1),
        carer=other_carer,
        placement_type="U6",
        reason_for_change="CARPL",
    )
    legal_status_change(
        period=looked_after, changed_by=social_worker, on=date(2026, 9, 1), legal_status="E1"
    )
    summary = care_summary(user=social_worker, child=looked_after.child)
    assert summary.in_care and summary.current_period == looked_after
    assert summary.current_episode.legal_status == "E1"
    assert summary.current_carer == other_carer
    assert summary.placed_since == date(2026, 7, 1)
    assert summary.days_in_current_placement == (TODAY - date(2026, 7, 1)).days
    assert summary.moves_last_12_months == 1  # coming into care on 2 March is not a move
    assert summary.long_term_stable is False
    [history] = summary.periods
    assert [e.reason_new_episode for e in history.episodes] == ["S", "P", "L"]
    assert len(history.placements) == 2
    assert (
        AuditEvent.objects.filter(verb="viewed_care", child_id=looked_after.child_id).count() == 1
    )


def test_care_summary_takes_few_queries_and_may_leave_the_audit_to_the_page(
    looked_after, social_worker, other_carer
):
    for day in (date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)):
        placement_change(
            period=looked_after,
            changed_by=social_worker,
            on=day,
            carer=other_carer if day.month % 2 == 0 else CarerFactory(),
            placement_type="U6",
            reason_for_change="CHILD",
        )
    child = type(looked_after.child).objects.get(pk=looked_after.child_id)
    user = type(social_worker).objects.get(pk=social_worker.pk)
    with CaptureQueriesContext(connection) as queries:
        summary = care_summary(user=user, child=child, caller_audits=True)
        str(summary.current_carer)
    assert len(queries) <= 8
    assert summary.moves_last_12_months == 3
    assert not AuditEvent.objects.filter(verb="viewed_care").exists()


def test_care_summary_long_term_stability_and_moves_window(social_worker, team):
    child = PersonFactory(date_of_birth=date(2015, 1, 1))
    involve(child, staff=social_worker, team=team)
    period = in_care(child, started_on=date(2023, 1, 10), by=social_worker)
    carer = period.placements.get().carer
    # A new placement type with the same carer does not restart the time with the carer.
    placement_change(
        period=period,
        changed_by=social_worker,
        on=date(2025, 1, 10),
        carer=carer,
        placement_type="U4",
        reason_for_change="PLACE",
    )
    summary = care_summary(user=social_worker, child=child)
    assert summary.placed_since == date(2023, 1, 10) and summary.long_term_stable
    assert summary.moves_last_12_months == 0  # the move was more than 12 months ago
    assert (
        care_summary(user=social_worker, child=child, today=date(2025, 7, 1)).long_term_stable
        is False
    )


def test_care_summary_long_term_stable_when_placed_for_adoption(social_worker, team):
    child = PersonFactory(date_of_birth=date(2020, 1, 1))
    involve(child, staff=social_worker, team=team)
    period = in_care(child, started_on=date(2023, 1, 10), by=social_worker)
    adopters = CarerFactory(kind=CarerKind.ADOPTERS)
    placement_change(
        period=period,
        changed_by=social_worker,
        on=date(2026, 6, 1),
        carer=adopters,
        placement_type="A6",
        reason_for_change="PLACE",
    )
    summary = care_summary(user=social_worker, child=child)
    assert summary.long_term_stable and summary.days_in_current_placement == 175


def test_care_summary_of_a_child_never_in_care(allocated_child, social_worker):
    summary = care_summary(user=social_worker, child=allocated_child)
    assert not summary.in_care and summary.periods == [] and summary.moves_last_12_months == 0


def test_care_summary_refuses_the_unrelated(looked_after):
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    with pytest.raises(PermissionDenied):
        care_summary(user=stranger, child=looked_after.child)
    assert not AuditEvent.objects.filter(verb="viewed_care").exists()


# ---- the list of children in care -------------------------------------------------------------


def test_children_in_care_lists_only_those_the_user_may_see(looked_after, social_worker):
    hidden = in_care(started_on=date(2026, 1, 5))  # someone else's child
    left = PersonFactory()
    involve(left, staff=social_worker)
    gone = in_care(left, started_on=date(2025, 1, 5), by=social_worker)
    care_end(period=gone, ended_by=social_worker, on=date(2025, 6, 1), reason_ceased="E4A")
    rows = children_in_care(user=social_worker)
    assert [r.child for r in rows] == [looked_after.child]
    assert rows[0].placement.carer == rows[0].carer and rows[0].episode.legal_status == "C2"
    assert hidden.child not in [r.child for r in rows]
    earlier = children_in_care(user=social_worker, on=date(2025, 3, 1), caller_audits=True)
    assert [r.child for r in earlier] == [left]
    assert AuditEvent.objects.filter(verb="listed_children_in_care").count() == 1


def test_children_in_care_in_a_fixed_number_of_queries(social_worker, team):
    for _ in range(5):
        child = PersonFactory()
        involve(child, staff=social_worker, team=team)
        in_care(child, by=social_worker)
    user = type(social_worker).objects.get(pk=social_worker.pk)
    with CaptureQueriesContext(connection) as queries:
        rows = children_in_care(user=user, caller_audits=True)
        [str(r.carer) for r in rows]
    assert len(rows) == 5 and len(queries) <= 5
