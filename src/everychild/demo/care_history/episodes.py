"""A period of care's rows: the period, its placements with their carers, its SSDA903
episodes (the rules care.services.episodes enforces), its chronology and its IRO."""

from bisect import bisect_right
from datetime import timedelta
from decimal import Decimal

from everychild.care.models import CareEpisode, PeriodOfCare, Placement
from everychild.core.codes import (
    LegalStatus,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlacementChange,
)
from everychild.demo.care_history.history import CareHistory
from everychild.demo.care_history.periods import FAR, Period
from everychild.demo.identities import postcode
from everychild.demo.writer import EntryKind, InvolvementKind

DEMO_IRO_SHARE = 8 / 60_000  # children in care whose IRO is cp.chair, per child


def period_rows(h: CareHistory, period: Period) -> None:
    """The period of care, its placements and SSDA903 episodes, its chronology and its IRO."""
    b, rng = h.b, h.rng
    child = period.child
    period.id = b.next_id(PeriodOfCare)
    if period.iro is None:
        demo_iros = max(2, round(b.n_children * DEMO_IRO_SHARE))
        if period.demo or (
            period.end is None and period.source == "new" and h.counts["cp_chair"] < demo_iros
        ):
            period.iro = h.cp_chair
            h.counts["cp_chair"] += 1
        else:
            period.iro = rng.choice(h.chairs)
    starter = h.by_at(period, period.start)
    h.put(
        PeriodOfCare,
        id=period.id,
        child_id=child.pk,
        referral_id=period.referral_id,
        started_on=period.start,
        ended_on=period.end,
        reason_ceased=period.reason,
        category_of_need=period.category,
        home_postcode=period.home_postcode,
        created_by_id=starter.pk,
    )
    _placements(h, period)
    _episodes(h, period)
    _chronology(h, period)
    _iro_involvement(h, period)


def _placements(h: CareHistory, period: Period) -> None:
    """A carer for each placement (its pool's, free then), and the placement rows."""
    rng, child, specs = h.rng, period.child, period.specs
    stop = period.end or FAR
    home = period.home_postcode or postcode(rng)
    previous = None
    for i, spec in enumerate(specs):
        until = specs[i + 1].day if i + 1 < len(specs) else stop
        if spec.kind == "same":
            spec.carer = previous
        else:
            spec.carer = h.carers.carer_for(spec, spec.day, until, previous, child, home)
        spec.carer.busy.append((spec.day, until))
        if not spec.reason and i:
            spec.reason = "OTHER"
        previous = spec.carer
    for i, spec in enumerate(specs):
        until = specs[i + 1].day if i + 1 < len(specs) else period.end
        matched = None
        if spec.ptype in {"U1", "U4"}:
            matched = spec.day - timedelta(days=rng.randint(0, 30))
        if spec.ptype in {"A5", "A6"}:
            matched = period.adoption["matched_on"]
        spec.id = h.rows.add(
            Placement,
            period_id=period.id,
            child_id=child.pk,
            carer_id=spec.carer.id,
            placement_type=spec.ptype,
            provider=spec.carer.provider,
            postcode=spec.carer.postcode,
            distance_miles=Decimal("0.0")
            if spec.ptype == "P1"
            else h.carers.distance(home, spec.carer.postcode),
            started_on=spec.day,
            ended_on=until,
            reason_for_change=specs[i + 1].reason if i + 1 < len(specs) else "",
            matched_on=matched,
        )


def _episodes(h: CareHistory, period: Period) -> None:
    """One episode for each day the legal status or the placement changed (SSDA903: see
    care.services.episodes), its reason for a new episode saying what changed."""
    specs, end = period.specs, period.end
    days = sorted({period.start} | {d for d, _ in period.legal} | {s.day for s in specs})
    legal_days = [d for d, _ in period.legal]
    spec_days = [s.day for s in specs]
    episodes = []
    for day in days:
        status = period.legal[bisect_right(legal_days, day) - 1][1]
        place = bisect_right(spec_days, day) - 1
        if not episodes:
            rne = "S"
        else:
            before_status, before_place = episodes[-1][1], episodes[-1][2]
            moved = place != before_place
            same_carer = specs[place].carer is specs[before_place].carer
            if status != before_status:
                rne = ("B" if same_carer else "U") if moved else "L"
            else:
                rne = "T" if same_carer else "P"
        episodes.append((day, status, place, rne))
    for i, (day, status, place, rne) in enumerate(episodes):
        last = i + 1 == len(episodes)
        moved_next = not last and episodes[i + 1][2] != place
        spec = specs[place]
        h.rows.add(
            CareEpisode,
            period_id=period.id,
            child_id=period.child.pk,
            placement_id=spec.id,
            started_on=day,
            reason_new_episode=rne,
            legal_status=status,
            category_of_need=period.category,
            placement_type=spec.ptype,
            placement_provider=spec.carer.provider,
            placement_postcode=spec.carer.postcode,
            reason_placement_change=specs[place + 1].reason if moved_next else "",
            ended_on=end if last else episodes[i + 1][0],
            reason_ceased=(period.reason if end else "") if last else "X1",
        )


def _chronology(h: CareHistory, period: Period) -> None:
    """Coming into care, each change of legal status or placement, leaving care."""
    child, specs, end = period.child, period.specs, period.end
    first = specs[0]
    by = h.by_at(period, period.start)
    h.entry(
        child.pk,
        h.at(period.start, 15),
        EntryKind.CARE_STARTED,
        f"Came into care: {LegalStatus(period.legal[0][1]).label.lower()}. Placed with "
        f"{first.carer.name} ({PlacementType(first.ptype).label.lower()}).",
        PeriodOfCare,
        period.id,
        by,
    )
    for (day, status), (_, before) in zip(period.legal[1:], period.legal, strict=False):
        h.entry(
            child.pk,
            h.at(day, 12),
            EntryKind.CARE_CHANGE,
            f"Legal status changed from {before} to {status} "
            f"({LegalStatus(status).label.lower()}).",
            PeriodOfCare,
            period.id,
            h.by_at(period, day),
        )
    for spec in specs[1:]:
        reason = ReasonPlacementChange(spec.reason).label.lower() if spec.reason else ""
        h.entry(
            child.pk,
            h.at(spec.day, 16),
            EntryKind.CARE_CHANGE,
            f"Placement changed: now with {spec.carer.name} "
            f"({PlacementType(spec.ptype).label.lower()})"
            + (f". Reason: {reason}." if reason else "."),
            PeriodOfCare,
            period.id,
            h.by_at(period, spec.day),
        )
    if end:
        h.entry(
            child.pk,
            h.at(end, 17),
            EntryKind.CARE_ENDED,
            f"Left care: {ReasonEpisodeCeased(period.reason).label.lower()}.",
            PeriodOfCare,
            period.id,
            h.by_at(period, end),
        )


def _iro_involvement(h: CareHistory, period: Period) -> None:
    if period.iro_involvement:
        h.updates.append((period.iro_involvement, period.end))
        return
    kind, iro = InvolvementKind.CONFERENCE_CHAIR, period.iro.pk
    h.rows.involvement(period.child.pk, kind, period.start, period.end, staff_id=iro)
