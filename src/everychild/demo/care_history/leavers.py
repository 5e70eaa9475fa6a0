"""Care leavers: a young person's category (care.services.leavers.eligibility_on) from the
day it began, their personal adviser, pathway plan reviews and the contacts around their
17th to 21st birthdays (SSDA903 OC3)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from everychild.care.models import CareLeaver, CareLeaverContact, Eligibility, PathwayPlanReview
from everychild.care.services.leavers import birthday_on, birthday_window, eligibility_on
from everychild.core.codes import CareLeaverAccommodation, CareLeaverActivity, CareLeaverInTouch
from everychild.demo.care_history.history import CareHistory, long_date, ordinal
from everychild.demo.care_history.periods import age_of
from everychild.demo.care_history.text import PATHWAY_SUMMARIES, PATHWAY_VIEWS
from everychild.demo.writer import EntryKind, InvolvementKind

DEMO_PA_SHARE = 15 / 60_000  # personal.adviser's care leavers per child in the borough
# Care leavers' activity and accommodation around their 18th to 21st birthdays (OC3).
ACTIVITY_AFTER_18 = (
    ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "G4", "G5", "G6", "0"],
    [8, 2, 20, 4, 22, 8, 1, 6, 20, 7, 2],
)
ACCOMMODATION_AFTER_18 = (
    ["S", "D", "V", "E", "B", "U", "R", "H", "K", "T", "Z", "X", "G", "W"],
    [35, 18, 10, 8, 10, 5, 2, 2, 1, 2, 3, 1, 1, 2],
)


@dataclass
class Span:
    """A period of care as care.services.leavers.eligibility_on reads one."""

    started_on: date
    ended_on: date | None


def care_leaver_rows(h: CareHistory) -> None:
    """Every young person who is a care leaver today, with a personal adviser from the
    leaving care team (personal.adviser takes some whose birthday contact is due now), their
    pathway plan reviews and birthday contacts."""
    leavers = _leavers(h)
    demo_pa = h.b.accounts["personal.adviser"]
    demo_ids = _demo_leavers(h, leavers)
    load = defaultdict(int)
    for i, (child, eligibility, since) in enumerate(leavers):
        if i in demo_ids:
            adviser = demo_pa
        else:
            pool = [a for a in h.advisers if a.pk != demo_pa.pk] or h.advisers
            adviser = min(h.rng.sample(pool, min(3, len(pool))), key=lambda a: load[a.pk])
        load[adviser.pk] += 1
        _care_leaver(h, child, eligibility, since, adviser, keep_open=i in demo_ids)
    h.counts["leavers"] = len(leavers)


def _leavers(h: CareHistory) -> list[tuple]:
    """(young person, their category now, since when), as care.services.leavers says."""
    today = h.today
    by_child = defaultdict(list)
    for period in h.periods:
        by_child[period.child.pk].append(period)
    leavers = []
    for child_id in sorted(by_child):
        periods = by_child[child_id]
        child = h.people[child_id]
        if age_of(child.date_of_birth, today) < 16:
            continue
        spans = [Span(p.start, p.end) for p in periods]
        now = eligibility_on(child, today, spans)
        if now:
            since = _since(child, now, spans, today)
            if since is not None:
                leavers.append((child, now, since))
    return leavers


def _since(child, now: str, spans: list["Span"], today) -> date | None:
    """The day their category began: eligible from the day they met the 13 weeks' rule
    after 16, relevant from the day they left care, former relevant from 18."""
    born = child.date_of_birth
    sixteen, eighteen = birthday_on(born, 16), birthday_on(born, 18)
    if now == Eligibility.FORMER_RELEVANT:
        return eighteen
    if now == Eligibility.ELIGIBLE:
        days = (sixteen + timedelta(days=n) for n in range((today - sixteen).days + 1))
        return next(
            (d for d in days if eligibility_on(child, d, spans) == Eligibility.ELIGIBLE), today
        )
    # Relevant or qualifying: from the day they left care.
    ended = [s.ended_on for s in spans if s.ended_on and s.ended_on >= sixteen]
    if not ended:
        return None
    since = max(ended)
    return since if eligibility_on(child, since, spans) == now else None


def _demo_leavers(h: CareHistory, leavers: list[tuple]) -> set[int]:
    """personal.adviser's: young people with a birthday contact window open now, and more."""
    today = h.today
    wanted = max(3, round(h.b.n_children * DEMO_PA_SHARE))
    open_windows = [
        i
        for i, (child, *_rest) in enumerate(leavers)
        if any(
            birthday_window(child.date_of_birth, age)[0]
            <= today
            <= birthday_window(child.date_of_birth, age)[1]
            for age in range(17, 22)
        )
    ]
    demo_ids = set(open_windows[: min(len(open_windows), max(2, wanted // 2))])
    others = [i for i in range(len(leavers)) if i not in demo_ids]
    h.rng.shuffle(others)
    demo_ids |= set(others[: max(0, wanted - len(demo_ids))])
    return demo_ids


def _care_leaver(h: CareHistory, child, eligibility, since, adviser, keep_open) -> None:
    said = f"Care leaver: {Eligibility(eligibility).label}."
    pk = h.rows.record(
        CareLeaver,
        child.pk,
        h.at(since, 10),
        EntryKind.CARE_LEAVER,
        said,
        adviser,
        eligibility=eligibility,
        personal_adviser_id=adviser.pk,
        since=since,
        services_ended_on=None,
    )
    kind = InvolvementKind.PERSONAL_ADVISER
    h.rows.involvement(child.pk, kind, since, staff_id=adviser.pk)
    said = f"Personal adviser: {adviser}."
    h.entry(child.pk, h.at(since, 10), EntryKind.CARE_LEAVER, said, CareLeaver, pk, adviser)
    _pathway_reviews(h, child, pk, since, adviser)
    _birthday_contacts(h, child, pk, adviser, keep_open)


def _pathway_reviews(h: CareHistory, child, care_leaver: int, since, adviser) -> None:
    """At least every six months."""
    rng = h.rng
    due = since + relativedelta(months=6)
    previous = since
    while True:
        day = h.held_by(previous, due, 40, 0.86, 45)
        if day > h.today:
            break
        summary = rng.choice(PATHWAY_SUMMARIES)
        views = rng.choice(PATHWAY_VIEWS)
        late = f" (late: due {long_date(due)})" if day > due else ""
        h.rows.record(
            PathwayPlanReview,
            child.pk,
            h.at(day, 14),
            EntryKind.CARE_LEAVER,
            f"Pathway plan review{late}: {summary[:200]}",
            adviser,
            care_leaver_id=care_leaver,
            reviewed_on=day,
            due_on=due,
            summary=summary,
            young_person_views=views,
            recorded_by_id=adviser.pk,
        )
        previous, due = day, day + relativedelta(months=6)


def _birthday_contacts(h: CareHistory, child, care_leaver: int, adviser, keep_open) -> None:
    """Around each birthday from the 17th to the 21st (OC3)."""
    rng, today, born = h.rng, h.today, child.date_of_birth
    for age in range(17, 22):
        opens, closes = birthday_window(born, age)
        if opens > today:
            break
        if opens <= today <= closes:
            if keep_open or rng.random() < 0.6:
                continue  # still due
            day = h.between(opens, today)
        else:
            if rng.random() < 0.08:
                continue  # missed
            day = h.between(opens, closes)
        _birthday_contact(h, care_leaver, child, age, day, adviser)


def _birthday_contact(h: CareHistory, care_leaver, child, age, day, adviser) -> None:
    rng = h.rng
    in_touch = h.pick({"YES": 86, "NO": 6, "REFU": 4, "NREQ": 2, "RHOM": 2})
    activity = accommodation = ""
    suitable = None
    if in_touch in {"YES", "RHOM"} or rng.random() < 0.3:
        if age == 17:
            activity = h.pick({"F2": 60, "F4": 12, "P2": 6, "G5": 14, "G6": 3, "G4": 5})
            accommodation = h.pick({"W": 60, "C": 15, "D": 20, "B": 5})
        else:
            activity = rng.choices(*ACTIVITY_AFTER_18)[0]
            accommodation = rng.choices(*ACCOMMODATION_AFTER_18)[0]
        suitable = accommodation not in {"R", "H", "K", "T", "Z"} and rng.random() < 0.95
    said = [f"Contact around the {ordinal(age)} birthday: {CareLeaverInTouch(in_touch).label}."]
    if activity:
        said.append(f"{CareLeaverActivity(activity).label}.")
    if accommodation:
        words = "suitable" if suitable else "not suitable"
        said.append(f"{CareLeaverAccommodation(accommodation).label} ({words}).")
    h.rows.record(
        CareLeaverContact,
        child.pk,
        h.at(day, 15),
        EntryKind.CARE_LEAVER,
        " ".join(said),
        adviser,
        care_leaver_id=care_leaver,
        birthday_age=age,
        contacted_on=day,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
        accommodation_suitable=suitable if accommodation else None,
        recorded_by_id=adviser.pk,
    )
