"""The MASH's decisions: levels of need and outcomes for the contacts decided (about a
quarter referred), and when each was decided and signed off."""

import random
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from everychild.core.calendar import add_working_days, is_working_day
from everychild.demo.frontdoor_history.plans import Plan
from everychild.demo.frontdoor_history.text import SEVERITY
from everychild.demo.writer import LONDON, BoroughClock
from everychild.frontdoor.models import OUTCOMES_FOR_LEVEL, ContactOutcome, LevelOfNeed

REFERRAL_SHARE = 0.25  # of decided contacts: about 3,000 referrals a year per 60,000 children
LATE_SHARE = 0.08  # decisions later than one working day
RE_REFERRAL_DAMPING = 0.55  # a child referred in the last (or next) 12 months is referred less


def decide(plans: list[Plan], rng: random.Random) -> None:
    """Levels of need and outcomes: about a quarter of contacts referred, the most serious
    worries and children whom social care went on to know more often, and children referred
    in the twelve months around less often (so that about a fifth of referrals are
    re-referrals)."""
    for plan in plans:
        if plan.kind in {"queue", "overdue", "identity"} or (
            plan.kind == "showcase" and plan.level is None
        ):
            plan.is_open = True
    decided = [p for p in plans if not p.is_open]  # in the order received
    anchors = {p.child_id: p.day for p in decided if p.kind == "anchor"}
    for plan in decided:
        if plan.kind == "anchor":
            plan.level = LevelOfNeed.ACUTE
    eligible = {
        id(p): (rng.random(), SEVERITY[p.category] * (1.5 if p.known_before else 1.0))
        for p in decided
        if p.kind in {"generic", "not_in_index"} and not p.open_case
    }
    target = round(REFERRAL_SHARE * len(decided)) - len(anchors)
    year = relativedelta(months=12)
    rows = []  # what the referral pass needs, worked out once
    for plan in decided:
        child = plan.child_id if plan.child_id is not None else id(plan)
        if plan.kind == "anchor":
            rows.append((child, plan.day, None, False, 0.0, 0.0, None))
        elif id(plan) in eligible:
            anchor = anchors.get(child)
            upcoming = anchor is not None and plan.day < anchor <= plan.day + year
            draw, weight = eligible[id(plan)]
            rows.append((child, plan.day, plan.day - year, upcoming, draw, weight, plan))

    def referred(scale: float) -> list[Plan]:
        last: dict[int, date] = {}
        chosen = []
        for child, day, year_ago, upcoming, draw, weight, plan in rows:
            if plan is None:  # an anchor
                last[child] = day
                continue
            previous = last.get(child)
            if previous == day:
                continue
            recent = previous is not None and year_ago <= previous
            if draw < scale * weight * (RE_REFERRAL_DAMPING if recent or upcoming else 1.0):
                chosen.append(plan)
                last[child] = day
        return chosen

    low, high = 0.0, 20.0
    for _ in range(18):  # the scale that refers the target number
        middle = (low + high) / 2
        if len(referred(middle)) < target:
            low = middle
        else:
            high = middle
    for plan in referred(high):
        plan.level = LevelOfNeed.ACUTE
    for plan in decided:
        if plan.level == LevelOfNeed.ACUTE:
            strategy = 0.4 if SEVERITY[plan.category] >= 0.45 else 0.08
            plan.outcome = (
                ContactOutcome.STRATEGY_DISCUSSION
                if rng.random() < strategy
                else ContactOutcome.REFERRAL
            )
        elif plan.level is None:
            _below_threshold(plan, rng)
    for plan in plans:
        if plan.is_open and rng.random() < 0.2 and plan.kind == "queue":
            _below_threshold(plan, rng)  # decided, waiting for a manager's sign-off


def _below_threshold(plan: Plan, rng: random.Random) -> None:
    if plan.open_case:
        # The case is open: the front door passes the information to the allocated team.
        plan.level = rng.choice([LevelOfNeed.COMPLEX, LevelOfNeed.ACUTE])
        plan.outcome = ContactOutcome.OPEN_CASE
        return
    severity = SEVERITY[plan.category]
    plan.level = rng.choices([1, 2, 3], [0.45 - severity / 2, 0.4, 0.15 + severity])[0]
    outcomes = sorted(OUTCOMES_FOR_LEVEL[LevelOfNeed(plan.level)] - {ContactOutcome.OPEN_CASE})
    plan.outcome = rng.choice(outcomes)


def decision_times(plan: Plan, clock: BoroughClock, rng: random.Random):
    received, day = plan.at, plan.day
    due = add_working_days(day, 1)
    if rng.random() < LATE_SHARE:
        decided_on = add_working_days(due, rng.randint(1, 3))
    elif is_working_day(day) and received.astimezone(LONDON).hour < 15 and rng.random() < 0.55:
        decided_on = day
    else:
        decided_on = due
    decided_on = min(decided_on, clock.today)
    decided = datetime.combine(
        decided_on, time(rng.randint(10, 18), rng.randrange(60)), tzinfo=LONDON
    )
    if decided <= received:
        decided = received + timedelta(minutes=rng.randint(30, 150))
    if rng.random() < 0.75:
        signed = decided + timedelta(minutes=rng.randint(20, 300))
    else:
        next_day = add_working_days(decided.astimezone(LONDON).date(), 1)
        signed = datetime.combine(
            next_day, time(rng.randint(9, 12), rng.randrange(60)), tzinfo=LONDON
        )
    decided = clock.not_after_now(decided, received)
    signed = clock.not_after_now(signed, decided)
    return decided, signed
