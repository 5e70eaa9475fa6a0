"""Disabled young people moving to adult services: the transition plan, and the list of
disabled 14- to 17-year-olds who have none yet (so that nobody "just appears" at 18)."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied

from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.casework.models import TransitionPlan
from everychild.casework.selectors.transition import transition_gaps
from everychild.casework.services import transition
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.people.models import PersonKind
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import refused, today
from tests.factories import PersonFactory, involve

TODAY = date(2026, 11, 23)


def young_person(name, born, disabilities=("AUT",), **extra):
    return PersonFactory(
        given_name=name,
        family_name="Khan",
        date_of_birth=born,
        disabilities=list(disabilities),
        **extra,
    )


def plan_for(child, by):
    return TransitionPlan.objects.create(
        child=child,
        agreed_on=TODAY,
        adult_services_contact="Transitions team",
        summary="Supported living from 18.",
        recorded_by=by,
    )


@pytest.fixture
def borough(worker):
    """Young people of every age around the boundaries; Sam is allocated all but Imran."""
    people = {
        "fourteen_today": young_person("Aisha", date(2012, 11, 23)),
        "eighteen_today": young_person("Bashir", date(2008, 11, 23), ["LD"]),
        "eighteen_tomorrow": young_person("Cara", date(2008, 11, 24), ["MOB", "VIS"]),
        "fourteen_tomorrow": young_person("Dev", date(2012, 11, 24)),
        "not_disabled": young_person("Eve", date(2010, 5, 1), ["NONE"]),
        "not_recorded": young_person("Farid", date(2010, 5, 1), []),
        "has_a_plan": young_person("Gita", date(2010, 5, 1), ["HEAR"]),
        "died": young_person("Hamza", date(2010, 5, 1), died_on=date(2026, 1, 5)),
        "not_sams": young_person("Imran", date(2011, 2, 2), ["COMM"]),
    }
    plan_for(people["has_a_plan"], worker)
    for key, person in people.items():
        if key != "not_sams":
            involve(person, InvolvementKind.ALLOCATED_WORKER, staff=worker)
    return people


def test_transition_gaps_lists_disabled_14_to_17_year_olds_without_a_plan(borough, worker):
    gaps = transition_gaps(user=worker, today=TODAY)
    # The 14th birthday today counts; the 18th birthday today does not. Oldest first.
    assert gaps.children == [borough["eighteen_tomorrow"], borough["fourteen_today"]]
    # Imran is missing from the list because Sam may not see him: counted, not named.
    assert gaps.others_not_visible == 1


def test_transition_gaps_counts_without_naming_those_the_user_cannot_see(
    borough, other_worker, dsl
):
    for outsider in (other_worker, dsl):
        gaps = transition_gaps(user=outsider, today=TODAY)
        assert gaps.children == []
        assert gaps.others_not_visible == 3  # Aisha, Cara and Imran


def test_a_transition_plan_takes_a_young_person_off_the_list(borough, worker):
    plan_for(borough["fourteen_today"], worker)
    gaps = transition_gaps(user=worker, today=TODAY)
    assert gaps.children == [borough["eighteen_tomorrow"]]


def test_unborn_children_are_not_on_the_list(worker):
    unborn = PersonFactory(
        kind=PersonKind.UNBORN, date_of_birth=date(2012, 1, 1), disabilities=["AUT"]
    )
    involve(unborn, InvolvementKind.ALLOCATED_WORKER, staff=worker)
    assert transition_gaps(user=worker, today=TODAY).children == []


def test_transition_gaps_defaults_to_today(worker):
    sixteen = young_person("Jo", today() - relativedelta(years=16, days=3))
    involve(sixteen, InvolvementKind.ALLOCATED_WORKER, staff=worker)
    assert transition_gaps(user=worker).children == [sixteen]


def test_transition_gaps_on_a_leap_day(worker):
    leap = date(2028, 2, 29)
    fourteen = young_person("Kai", date(2014, 2, 28))  # 14 on 28 February 2028
    thirteen = young_person("Lin", date(2014, 3, 1))  # 14 on 1 March 2028
    seventeen = young_person("Mo", date(2010, 3, 1))  # 18 on 1 March 2028
    eighteen = young_person("Noor", date(2010, 2, 28))  # 18 on 28 February 2028
    for person in (fourteen, thirteen, seventeen, eighteen):
        involve(person, InvolvementKind.ALLOCATED_WORKER, staff=worker)
    gaps = transition_gaps(user=worker, today=leap)
    assert gaps.children == [seventeen, fourteen]


# ---- recording the plan ----------------------------------------------------------------------


def test_recording_a_transition_plan(case, worker):
    plan = transition.transition_plan_record(
        child=case.child,
        recorded_by=worker,
        agreed_on=today() - timedelta(days=1),
        adult_services_contact="  Adult social care, transitions team  ",
        summary=" Supported living from 18; college place agreed. ",
    )
    assert plan.adult_services_contact == "Adult social care, transitions team"
    assert plan.summary == "Supported living from 18; college place agreed."
    assert AuditEvent.objects.get(verb="transition_plan_recorded").actor == worker
    entry = ChronologyEntry.objects.get(kind=EntryKind.TRANSITION_PLAN)
    assert entry.summary == (
        "Transition plan to adult services agreed; contact Adult social care, transitions team."
    )
    assert entry.visibility == Visibility.PARTNERS


def test_transition_plan_refusals(case, worker, dsl):
    def record(**changes):
        arguments = {
            "child": case.child,
            "recorded_by": worker,
            "agreed_on": today(),
            "adult_services_contact": "Transitions team",
            "summary": "Supported living.",
        }
        arguments.update(changes)
        return transition.transition_plan_record(**arguments)

    with refused(match="Name the contact in adult services"):
        record(adult_services_contact=" ")
    with refused(match="Summarise the plan"):
        record(summary="")
    with refused(match="cannot be in the future"):
        record(agreed_on=today() + timedelta(days=1))
    with refused(PermissionDenied):
        record(recorded_by=dsl)
    record()
    with refused(match="already has a transition plan"):
        record()
