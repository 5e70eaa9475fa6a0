"""The LADO's history in the synthetic borough (demo.lado_history): volumes, rates, the
rules every allegation keeps, the engagement log, determinism, and the LADO's pages on it.

To stay quick, these tests build a small borough with only the steps it needs
(organisations, staff, families) the way borough.generate does, then run it."""

from collections import Counter
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from everychild.chronology.models import ChronologyEntry
from everychild.demo.lado_history import lado_history_step
from everychild.lado import selectors
from everychild.lado.models import (
    Allegation,
    AllegationAction,
    AllegationKind,
    AllegationMeeting,
    Consequence,
    EmployerAction,
    Engagement,
)
from everychild.people.models import NameKind, PersonKind, PersonName
from tests.lado.helpers import DEMO_TODAY as TODAY
from tests.lado.helpers import build


@pytest.fixture
def borough(db):
    return build(children=300, seed=5)


@pytest.fixture
def big(db):
    """As many allegations as a borough of 60,000 children (300), on 300 children."""
    return build(children=300, seed=9, n_children=60_000)


def test_volumes_and_the_step_note(borough):
    _, note = borough
    assert Allegation.objects.count() == 40  # the small borough's minimum
    open_cases = Allegation.objects.filter(outcome="").count()
    assert 4 <= open_cases <= 12
    assert note.startswith(f"40 allegations, {open_cases} open")
    assert 35 <= Engagement.objects.count() <= 45


def test_volumes_and_rates_for_a_borough_of_60000(big):
    allegations = list(Allegation.objects.all())
    assert len(allegations) == 300
    received = sorted(a.received_on for a in allegations)
    assert received[0] >= TODAY - relativedelta(years=4) and received[-1] <= TODAY
    per_year = Counter((TODAY - day).days // 365 for day in received)
    assert all(55 <= per_year[y] <= 95 for y in range(4)), per_year
    open_cases = [a for a in allegations if not a.outcome]
    assert 20 <= len(open_cases) <= 32
    sectors = Counter(a.sector for a in allegations)
    order = [s for s, _ in sectors.most_common()]
    assert order[0] == "education" and order[1] == "early_years"
    assert set(sectors) >= {"health", "foster_carer", "faith", "sport", "voluntary", "transport"}
    assert set(sectors) >= {"police", "social_care"}
    closed = [a for a in allegations if a.outcome]
    outcomes = Counter(a.outcome for a in closed)
    for outcome, share in {
        "substantiated": 0.35,
        "unsubstantiated": 0.30,
        "unfounded": 0.25,
        "false": 0.07,
    }.items():
        assert abs(outcomes[outcome] / len(closed) - share) < 0.08, outcomes
    assert outcomes["malicious"] >= 1
    # Mostly within the targets, but not always.
    t = selectors.timeliness(closed)
    assert 0.7 <= t.within[1] <= 0.9 and 0.85 <= t.within[3] <= 0.98
    assert t.targets_met[12]  # the over-twelve-months ones are exceptional, with reasons
    assert any(a.exceptional_delay for a in closed)
    # Initial considerations: mostly within the working day.
    decided = [a for a in allegations if a.initial_decided_at]
    in_time = sum(1 for a in decided if not a.initial_clock.status().endswith("late"))
    assert in_time / len(decided) >= 0.85


def test_repeat_subjects_and_repeat_employers(big):
    subjects = Counter(Allegation.objects.values_list("subject_id", flat=True))
    assert 8 <= sum(1 for n in subjects.values() if n > 1) <= 25
    employers = Counter(a.employer_label for a in Allegation.objects.select_related("employer"))
    assert sum(1 for n in employers.values() if n > 1) >= 10


def test_every_allegation_keeps_the_rules(borough):
    b, _ = borough
    children = {c.id for c in b.children}
    for a in Allegation.objects.prefetch_related("children", "meetings__actions"):
        assert a.subject.kind == PersonKind.ADULT
        assert a.kinds and set(a.kinds) <= set(AllegationKind.values)
        assert a.description and a.referred_by and a.subject_role and a.employer_label
        assert a.received_at <= timezone.make_aware(
            timezone.datetime.combine(TODAY, timezone.datetime.max.time())
        )
        assert all(c.id in children and c.is_child for c in a.children.all())
        if a.initial_decided_at:
            assert a.initial_decided_at > a.received_at
            assert a.initial_decided_at.date() <= TODAY
        if a.outcome:
            assert a.initial_decision
            assert a.received_on <= a.outcome_on <= TODAY
            assert len(a.outcome_basis) >= 20
            assert a.consequences and set(a.consequences) <= set(Consequence.values)
            assert not ("none" in a.consequences and len(a.consequences) > 1)
            late = a.outcome_on > a.received_on + relativedelta(months=12)
            assert bool(a.exceptional_delay) == late
        last = a.outcome_on or TODAY
        for meeting in a.meetings.all():
            assert a.initial_decided_at and a.received_on <= meeting.held_on <= last
            for action in meeting.actions.all():
                assert action.due_on >= meeting.held_on
                if action.done_on:
                    assert meeting.held_on <= action.done_on <= last
    for action in EmployerAction.objects.select_related("allegation"):
        assert action.started_on >= action.allegation.received_on
        assert action.ended_on is None or action.ended_on >= action.started_on


def test_open_cases_have_overdue_actions_and_late_first_decisions(big):
    overdue = AllegationAction.objects.filter(
        done_on__isnull=True, due_on__lt=TODAY, allegation__outcome=""
    )
    assert 1 <= overdue.count() <= 40
    undecided = Allegation.objects.filter(initial_decision="")
    assert undecided.count() == 2
    clocks = sorted(str(a.initial_clock.status(TODAY)) for a in undecided)
    assert clocks == ["due today", "overdue"]
    assert AllegationMeeting.objects.filter(allegation__outcome="").exists()


def test_subjects_are_new_searchable_adults_and_nothing_reaches_a_chronology(borough):
    subjects = {a.subject for a in Allegation.objects.select_related("subject")}
    for subject in subjects:
        name = PersonName.objects.get(person=subject, kind=NameKind.CURRENT)
        assert name.family_key and name.family_norm
    assert not ChronologyEntry.objects.filter(child__in=subjects).exists()
    # The borough's own steps write the children's chronologies; this one writes nothing.
    b, _ = borough
    before = ChronologyEntry.objects.count()
    with transaction.atomic():
        sid = transaction.savepoint()
        lado_history_step(b)
        assert ChronologyEntry.objects.count() == before
        transaction.savepoint_rollback(sid)


def test_the_engagement_log(borough):
    sessions = list(Engagement.objects.select_related("organisation"))
    sectors = Counter(e.sector for e in sessions)
    assert sectors.most_common(1)[0][0] == "education"
    assert sectors["faith"] >= 3 and sectors["sport"] >= 2 and "transport" not in sectors
    assert all(e.held_on <= TODAY and (e.organisation or e.organisation_name) for e in sessions)
    last = {s: max(e.held_on for e in sessions if e.sector == s) for s in sectors}
    assert last["education"] > last["faith"] and last["education"] > last["sport"]
    assert TODAY - last["faith"] > timedelta(days=365)


def test_same_seed_same_history(db):
    def snapshot():
        return (
            list(
                Allegation.objects.order_by("pk").values_list(
                    "subject__family_name", "sector", "received_at", "outcome", "outcome_on"
                )
            ),
            list(AllegationAction.objects.order_by("pk").values_list("action", "due_on")),
            list(Engagement.objects.order_by("pk").values_list("held_on", "sector")),
        )

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            build(children=300, seed=3)
            first = snapshot()
            raise Rollback
    except Rollback:
        pass
    build(children=300, seed=3)
    assert snapshot() == first


def test_the_lados_pages_on_the_demo_borough(borough, client, django_assert_max_num_queries):
    b, _ = borough
    client.force_login(b.accounts["lado"])
    allegation = Allegation.objects.exclude(outcome="").first()
    for url in (
        "/",
        reverse("lado:allegations"),
        reverse("lado:allegations") + "?status=all",
        reverse("lado:allegation", args=[allegation.pk]),
        reverse("lado:dashboard"),
        reverse("lado:engagement"),
        reverse("lado:annual_report") + "?year=2026",
    ):
        assert client.get(url).status_code == 200, url
    # The school's safeguarding lead sees the allegations about their school, and only them.
    dsl = b.accounts["school.dsl"]
    client.force_login(dsl)
    mine = list(selectors.allegations_for(user=dsl))
    assert all(a.employer_id == b.schools[0].id for a in mine)
    assert client.get(reverse("lado:dashboard")).status_code == 404
