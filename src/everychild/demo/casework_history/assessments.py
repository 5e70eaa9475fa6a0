"""A case's allocations (and the involvements that follow them) and its single assessment."""

from datetime import timedelta
from typing import TYPE_CHECKING

from everychild.casework.models import Assessment, DecisionKind, Recommendation
from everychild.core.clock import Clock
from everychild.demo.casework_history.cases import Case, age_band
from everychild.demo.casework_history.text import (
    ANALYSIS,
    ANALYSIS_OUTCOME,
    DISABILITY_FACTOR,
    FACTORS,
    FAMILY_VIEWS,
    VIEWS,
)
from everychild.demo.writer import EntryKind, InvolvementKind, Visibility, pk_of
from everychild.people.models import Person
from everychild.workforce.models import Allocation

CASE_TEAM, ALLOCATED_WORKER = InvolvementKind.CASE_TEAM, InvolvementKind.ALLOCATED_WORKER

if TYPE_CHECKING:
    from everychild.demo.casework_history.rows import CaseRows


def allocation_rows(w: "CaseRows", case: Case) -> None:
    b = w.b
    for seg in case.segs:
        team = b.teams[seg.team]
        manager = w.staffing.managers[seg.team]
        created = w.at(seg.start, 10)
        # The case team, and the worker, may see the child while the allocation lasts.
        involvement = w.rows.involvement
        involvement(case.child_id, CASE_TEAM, seg.start, seg.end, team_id=team.pk)
        if seg.worker:
            who = {"staff_id": seg.worker.pk, "team_id": team.pk}
            involvement(case.child_id, ALLOCATED_WORKER, seg.start, seg.end, **who)
        who = f"{seg.worker} ({team})" if seg.worker else f"{team}, awaiting a worker"
        seg.id = w.record(
            Allocation,
            case,
            w.at(seg.start, 10),
            EntryKind.ALLOCATION,
            f"Case allocated to {who}.",
            manager,
            team_id=team.pk,
            worker_id=pk_of(seg.worker),
            started_on=seg.start,
            ended_on=seg.end,
            change_reason=seg.reason,
            allocated_by_id=manager.pk,
            created_at=created,
        )


def assessment_rows(w: "CaseRows", case: Case) -> None:
    """The single assessment, its chronology, and its submission for a manager's
    authorisation."""
    if case.unallocated:
        return
    worker = w.worker_at(case, case.a_start)
    content = _content(w, case)
    authorised, submitted = case.a_auth, case.a_submitted
    done = submitted is not None
    manager = w.manager_at(case, authorised or submitted or case.a_start)
    submitted_at = w.at(submitted, 16) if done else None
    modified_at = w.at(authorised or submitted or case.a_start, 17)
    pk = case.assessment_id = w.record(
        Assessment,
        case,
        w.at(case.a_start, 11),
        EntryKind.ASSESSMENT,
        f"Single assessment started; due {case.a_due:%d %B %Y}.",
        worker,
        referral_id=case.referral_id,
        worker_id=worker.pk,
        started_on=case.a_start,
        due_on=case.a_due,
        recommendation=case.recommendation if done else "",
        submitted_at=submitted_at,
        authorised_by_id=manager.pk if authorised else None,
        authorised_on=authorised,
        version=(4 if authorised else 3 if done else 2),
        modified_by_id=(manager if authorised else worker).pk,
        modified_at=modified_at,
        **content,
    )
    recommends = Recommendation(case.recommendation).label if done else ""
    if done:
        decided = None
        if authorised:
            decided = max(w.at(authorised, 17), submitted_at + timedelta(minutes=30))
        summary = f"Assessment recommends: {recommends}."
        kind = DecisionKind.ASSESSMENT
        w.decision(case, kind, Assessment, pk, summary, worker, submitted_at, manager, decided)
    if authorised:
        w.outcome_updates.append((case.recommendation, case.referral_id))
        late = Clock(case.d0, case.a_due, authorised).describe()
        w.entry(
            case,
            w.at(authorised, 17),
            EntryKind.ASSESSMENT,
            f"Assessment authorised ({late}): {recommends}.",
            Assessment,
            pk,
            manager,
            Visibility.PARTNERS,
        )


def _content(w: "CaseRows", case: Case) -> dict:
    """What the assessment found: the child seen (alone?) and their views, the family's
    views, the CIN census factors and the analysis."""
    rng, person = w.rng, w.people[case.child_id]
    band, months = age_band(person, case.a_seen or case.a_start)
    views = ""
    seen_on, alone = case.a_seen, None
    if band == "unborn":
        seen_on = None  # the baby is not yet born: mother seen (see the module notes)
    elif seen_on:
        alone = months >= 60 and rng.random() < (0.9 if months >= 96 else 0.5)
        views = _views(w, case, person, band, months)
    done = case.a_submitted is not None
    factors = []
    if done:
        choices = FACTORS[case.category]
        factors = list(rng.choices([c for c, _ in choices], [weight for _, weight in choices])[0])
        if case.child_id in w.disabled:
            extra = DISABILITY_FACTOR.get((person.disabilities or ["NONE"])[0])
            if extra:
                factors.append(extra)
        if case.recommendation == Recommendation.NO_FURTHER_ACTION and rng.random() < 0.3:
            factors = ["21"]
    family = ""
    if seen_on or band == "unborn":
        family = rng.choice(FAMILY_VIEWS.get(case.theme, []) + FAMILY_VIEWS["any"])
    return {
        "child_seen_on": seen_on,
        "child_seen_alone": alone if seen_on else None,
        "child_views": views,
        "family_views": family,
        "analysis": ANALYSIS[case.theme] + ANALYSIS_OUTCOME[case.recommendation] if done else "",
        "factors": factors,
    }


def _views(w: "CaseRows", case: Case, person: Person, band: str, months: int) -> str:
    rng = w.rng
    name = person.given_name or "The baby"
    if band == "baby":
        text = rng.choice(VIEWS["baby"])
        return text.format(name=name, months=months)
    lists = VIEWS[band]
    specific = lists.get(case.theme)
    text = rng.choice(specific if specific and rng.random() < 0.6 else lists["any"])
    return text.format(name=name, mum="Mum", dad="Dad")
