"""A child in care's oversight: looked-after reviews and the IRO's challenges, health
assessments, personal education plans and statutory visits, each on its clock."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from everychild.care.models import (
    ChallengeStage,
    EducationPlan,
    HealthAssessment,
    HealthAssessmentKind,
    IROChallenge,
    LookedAfterReview,
)
from everychild.care.services.leavers import birthday_on
from everychild.casework.models import NoteKind
from everychild.core.codes import ReviewParticipation
from everychild.demo.care_history.history import CareHistory, long_date, ordinal
from everychild.demo.care_history.periods import FAR, Period, age_of
from everychild.demo.care_history.text import (
    IRO_ISSUES,
    IRO_RESOLUTIONS,
    PEP_TARGETS,
    REVIEW_DECISIONS,
    REVIEW_VIEWS,
    VISIT_NOTES,
    VISIT_WORDS,
)
from everychild.demo.casework_history.notes import note_row
from everychild.demo.writer import EntryKind
from everychild.people.models import Person

CHALLENGES_PER_CHILD = 30 / 60_000  # IRO challenges over the three years


def _words_band(age: float) -> str:
    return "little" if age < 7 else "middle" if age < 12 else "teen"


def review_rows(h: CareHistory, period: Period) -> None:
    """Looked-after reviews: 20 working days after coming into care, then 3 months, then
    every 6 months (mostly on time), chaired by the child's IRO."""
    rng, wd, child = h.rng, h.wd, period.child
    until = h.until(period)
    due = wd.add(period.start, 20)
    held: list[date] = []
    chair = period.iro
    while True:
        previous = held[-1] if held else period.start
        on_time = 0.88 if not period.demo else 0.95
        day = h.held_by(previous, due, 20 if held else 14, on_time, 25)
        if day > until or day <= previous:
            break
        age = age_of(child.date_of_birth, day)
        participation = _participation(h, child, age)
        decisions = rng.choice(REVIEW_DECISIONS)
        views = ""
        if participation not in {"PN0", "PN7"}:
            views = rng.choice(REVIEW_VIEWS[_words_band(age)]).format(name=child.given_name)
        late = " (late)" if day > due else ""
        said = (
            f"{ordinal(len(held) + 1)} looked-after review of this period of care, chaired by "
            f"{chair}; due by {long_date(due)}{late}. Participation: "
            f"{ReviewParticipation(participation).label}. Decisions: {decisions[:240]}"
        )
        pk = h.period_record(
            LookedAfterReview,
            period,
            day,
            14,
            EntryKind.LAC_REVIEW,
            said,
            chair,
            held_on=day,
            due_on=due,
            chair_id=chair.pk,
            participation=participation,
            child_views=views,
            decisions=decisions,
            recorded_by_id=chair.pk,
        )
        period.reviews.append((pk, day, chair))
        held.append(day)
        due = day + relativedelta(months=3 if len(held) == 1 else 6)


def _participation(h: CareHistory, child: Person, age: float) -> str:
    if age < 4:
        return "PN0"
    disabled = child.disabilities not in ([], ["NONE"])
    weights = {"PN1": 45, "PN2": 8, "PN3": 25 if disabled else 3, "PN4": 5}
    weights.update({"PN5": 8, "PN6": 20, "PN7": 8})
    return h.pick(weights)


def health_rows(h: CareHistory, period: Period) -> None:
    """The initial health assessment before the first review, then every 6 months under 5
    and every 12 months from 5."""
    rng, wd, child = h.rng, h.wd, period.child
    until = h.until(period)
    due = wd.add(period.start, 20)
    previous = None
    while True:
        on_time = 0.82 if previous is None else 0.86
        day = h.held_by(previous or period.start, due, 30, on_time, 50)
        if day > until:
            break
        kind = HealthAssessmentKind.INITIAL if previous is None else HealthAssessmentKind.REVIEW
        age = age_of(child.date_of_birth, day)
        dental = age >= 1 and rng.random() < 0.82
        immunised = rng.random() < 0.86
        by = h.by_at(period, day)
        late = " (late)" if day > due else ""
        said = (
            f"{HealthAssessmentKind(kind).label}, due by {long_date(due)}{late}."
            + (" Dental check done." if dental else "")
            + (" Immunisations up to date." if immunised else " Immunisations not up to date.")
        )
        h.period_record(
            HealthAssessment,
            period,
            day,
            11,
            EntryKind.HEALTH_ASSESSMENT,
            said,
            by,
            kind=kind,
            done_on=day,
            due_on=due,
            dental_check=dental,
            immunisations_up_to_date=immunised,
            recorded_by_id=by.pk,
        )
        previous = day
        months = 6 if age_of(child.date_of_birth, day) < 5 else 12
        due = day + relativedelta(months=months)


def education_plan_rows(h: CareHistory, period: Period) -> None:
    """Personal education plans from school age: within 10 working days, then each term."""
    rng, wd, child, b = h.rng, h.wd, period.child, h.b
    born = child.date_of_birth
    until = min(h.until(period), birthday_on(born, 18) - timedelta(days=1))
    school_from = max(period.start, birthday_on(born, 4))
    if school_from > until:
        return
    due = wd.add(school_from, 10)
    previous = None
    school = b.school_of.get(child.pk)
    while True:
        day = h.held_by(previous or school_from, due, 25, 0.86, 40)
        if day > until:
            break
        age = age_of(born, day)
        if school is None or (age >= 11) != (school in b.secondaries):
            school = rng.choice(b.secondaries if age >= 11 else b.schools)
        if age >= 16:
            name = rng.choice(["Riverside Sixth Form College", "East Borough College"])
        else:
            name = school.name
        targets = rng.choice(PEP_TARGETS).format(name=child.given_name)
        by = h.by_at(period, day)
        late = " (late)" if day > due else ""
        said = (
            f"Personal education plan meeting with {name}, due by {long_date(due)}{late}. "
            f"Targets: {targets[:240]}"
        )
        h.period_record(
            EducationPlan,
            period,
            day,
            13,
            EntryKind.EDUCATION_PLAN,
            said,
            by,
            held_on=day,
            due_on=due,
            school=name,
            targets=targets,
            recorded_by_id=by.pk,
        )
        previous = day
        due = day + relativedelta(months=4)


def visit_rows(h: CareHistory, period: Period) -> None:
    """Statutory visits: within a week of each placement, then at most every six weeks
    (three months in a long-term placement after its first year)."""
    rng = h.rng
    until = h.until(period)
    specs = period.specs
    for i, spec in enumerate(specs):
        stop = min(specs[i + 1].day if i + 1 < len(specs) else FAR, until + timedelta(days=1))
        day = spec.day + timedelta(
            days=rng.randint(1, 7) if rng.random() < 0.9 else rng.randint(8, 12)
        )
        while day < stop:
            _visit(h, period, day, seen=True if period.demo else None)
            long_term = spec.ptype in {"U1", "U4"} and day >= spec.day + relativedelta(years=1)
            if long_term:
                gap = rng.randint(50, 90) if rng.random() < 0.9 else rng.randint(91, 110)
            else:
                gap = rng.randint(20, 42) if rng.random() < 0.92 else rng.randint(43, 56)
            following = day + timedelta(days=gap)
            if period.demo and following > h.today - timedelta(days=34):
                # The demo child's next visit falls due within the coming week.
                last = h.today - timedelta(days=rng.randint(35, 38))
                if day < last < stop:
                    _visit(h, period, last, seen=True)
                break
            day = following


def _visit(h: CareHistory, period: Period, day: date, seen: bool | None = None) -> None:
    rng, child = h.rng, period.child
    worker = h.worker_at(period, day)
    if worker is None:
        return
    age = age_of(child.date_of_birth, day)
    seen = rng.random() < 0.96 if seen is None else seen
    alone = seen and age >= 5 and rng.random() < 0.75
    which = "alone" if alone else "seen" if seen else "not_seen"
    text = rng.choice(VISIT_NOTES[which]).format(name=child.given_name or "the baby")
    words = ""
    if seen and age >= 3 and rng.random() < 0.25:
        words = rng.choice(VISIT_WORDS[_words_band(age)])
    note_row(
        h.rows,
        h.clock,
        child_id=child.pk,
        kind=NoteKind.VISIT,
        day=day,
        hour=rng.randint(9, 18),
        text=text,
        by=worker,
        words=words,
        seen=seen,
        alone=alone if seen else None,
    )


def challenge_rows(h: CareHistory) -> None:
    """The IROs' challenges, raised at reviews in the last three years; the first (from
    cp.chair's latest review, where there is one) is still open."""
    for i, (period, review) in enumerate(_challenged(h)):
        _challenge(h, period, review, still_open=i == 0)


def _challenged(h: CareHistory) -> list[tuple]:
    rng = h.rng
    reviews = [
        (period, review)
        for period in h.periods
        if period.source != "historic"
        for review in period.reviews
        if review[1] >= h.window_start
    ]
    if not reviews:
        return []
    wanted = max(2, round(h.b.n_children * CHALLENGES_PER_CHILD))
    chosen = rng.sample(reviews, min(wanted, len(reviews)))
    # cp.chair's unresolved challenge, from the latest review of one of their children.
    own = [r for r in reviews if r[1][2] is h.cp_chair and r[0].end is None]
    if own:
        latest = max(own, key=lambda r: r[1][1])
        chosen = [latest] + [c for c in chosen if c is not latest]
    return chosen


def _challenge(h: CareHistory, period: Period, review: tuple, still_open: bool) -> None:
    rng, today, child = h.rng, h.today, period.child.pk
    review_pk, held, chair = review
    raised = min(held + timedelta(days=rng.randint(0, 5)), h.until(period))
    respond_by = h.wd.add(raised, rng.randint(10, 20))
    issue = rng.choice(IRO_ISSUES)
    resolved = None
    answered = respond_by < today - timedelta(days=40)
    if not still_open and rng.random() < (0.92 if answered else 0.4):
        resolved = min(raised + timedelta(days=rng.randint(5, 60)), today)
    stage = h.pick(
        {
            ChallengeStage.INFORMAL: 60,
            ChallengeStage.TEAM_MANAGER: 25,
            ChallengeStage.SERVICE_MANAGER: 10,
            ChallengeStage.HEAD_OF_SERVICE: 5,
        }
    )
    resolution = rng.choice(IRO_RESOLUTIONS) if resolved else ""
    said = (
        f"IRO challenge raised (informal resolution); a response is due by "
        f"{long_date(respond_by)}. {issue[:240]}"
    )
    pk = h.rows.record(
        IROChallenge,
        child,
        h.at(raised, 16),
        EntryKind.IRO_CHALLENGE,
        said,
        chair,
        review_id=review_pk,
        raised_by_id=chair.pk,
        raised_on=raised,
        issue=issue,
        respond_by=respond_by,
        stage=stage,
        resolved_on=resolved,
        resolution=resolution,
    )
    stage_words = ChallengeStage(stage).label.lower()
    if stage != ChallengeStage.INFORMAL:
        escalated = min(raised + timedelta(days=rng.randint(10, 30)), resolved or today)
        said = (
            f"IRO challenge of {long_date(raised)} escalated to {stage_words}: no response by "
            "the date asked."
        )
        h.entry(child, h.at(escalated, 16), EntryKind.IRO_CHALLENGE, said, IROChallenge, pk, chair)
    if resolved:
        late = " after the response was due" if resolved > respond_by else ""
        said = (
            f"IRO challenge of {long_date(raised)} resolved{late} ({stage_words}): "
            f"{resolution[:240]}"
        )
        h.entry(child, h.at(resolved, 17), EntryKind.IRO_CHALLENGE, said, IROChallenge, pk, chair)
