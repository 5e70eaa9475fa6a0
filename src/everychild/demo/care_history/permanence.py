"""Permanence: the decision (by the second review) and, for children to be adopted, the
adoption from the agency decision maker to the adoption order, which seals the record."""

from itertools import pairwise

from everychild.care.models import Adoption, PermanenceOption, PermanencePlan
from everychild.demo.care_history.history import CareHistory, long_date
from everychild.demo.care_history.periods import Period
from everychild.demo.care_history.text import PERMANENCE_NOTES, PERMANENCE_RATIONALE
from everychild.demo.writer import EntryKind, RecordRestriction
from everychild.people.models import Person

CHANGED = (
    "The match with the prospective adopters broke down before placement; a new permanence "
    "decision is needed."
)
MILESTONES = ("placement_order_on", "matched_on", "placed_on", "adoption_order_on")


def permanence_rows(h: CareHistory, period: Period) -> None:
    """The permanence decision, with the options considered and why one was chosen."""
    for day, decision in period.permanence:
        if day > h.until(period) or day < period.start:
            continue
        options = {}
        for option in PermanenceOption:
            core = option in (
                PermanenceOption.RETURN_HOME,
                PermanenceOption.KINSHIP,
                PermanenceOption.LONG_TERM_FOSTERING,
                PermanenceOption.ADOPTION,
            )
            if core or option == decision:
                ruled_in, ruled_out = PERMANENCE_NOTES[option]
                options[option.value] = ruled_in if option == decision else ruled_out
        by = h.by_at(period, day)
        rationale = PERMANENCE_RATIONALE[decision]
        said = (
            f"Permanence decision: {PermanenceOption(decision).label}, after considering "
            f"{len(options)} options. {rationale[:200]}"
        )
        h.period_record(
            PermanencePlan,
            period,
            day,
            15,
            EntryKind.PERMANENCE,
            said,
            by,
            decided_on=day,
            options_considered=options,
            decision=decision,
            rationale=rationale,
            decided_by_id=by.pk,
        )


def adoption_rows(h: CareHistory, period: Period) -> None:
    """The agency decision maker's decision, the milestones that followed it and the
    sealing of the adopted child's record."""
    milestones = period.adoption
    if not milestones or "should_be_placed_on" not in milestones:
        return
    child, until = period.child, h.until(period)
    adm = milestones["should_be_placed_on"]
    if adm > until:
        return
    dates = _milestones_by(milestones, until)
    changed = milestones["changed"]
    changed = changed if changed and changed <= until else None
    adopters = milestones["adopters"] if dates["matched_on"] else None
    by = h.by_at(period, adm)
    pk = h.period_record(
        Adoption,
        period,
        adm,
        14,
        EntryKind.ADOPTION,
        "Agency decision maker: the child should be placed for adoption.",
        by,
        should_be_placed_on=adm,
        adopters_id=adopters.id if adopters else None,
        plan_changed_on=changed,
        plan_changed_reason=CHANGED if changed else "",
        recorded_by_id=by.pk,
        **dates,
    )
    words = {
        "placement_order_on": "Placement order made.",
        "matched_on": f"Matched with adopters: {adopters.name if adopters else ''}.",
        "placed_on": f"Placed for adoption: {adopters.name if adopters else ''}.",
        "adoption_order_on": "Adoption order made.",
    }
    for name in MILESTONES:
        day = dates[name]
        if day:
            by = h.by_at(period, day)
            h.entry(child.pk, h.at(day, 15), EntryKind.ADOPTION, words[name], Adoption, pk, by)
    if changed:
        when = h.at(changed, 15)
        said = "The plan for adoption has changed: the match broke down before placement."
        h.entry(child.pk, when, EntryKind.ADOPTION, said, Adoption, pk, h.by_at(period, changed))
    order = dates["adoption_order_on"]
    if order:
        _seal(h, period, order)


def _milestones_by(milestones: dict, until) -> dict:
    """The adoption's milestones reached by `until`, each only after the one before."""
    dates = {
        name: (day if day and day <= until else None)
        for name, day in milestones.items()
        if name in MILESTONES
    }
    for earlier, later in pairwise(MILESTONES):
        if dates[earlier] is None:
            dates[later] = None
    return dates


def _seal(h: CareHistory, period: Period, order) -> None:
    """The order seals the record: only the adoption worker may open it now."""
    child = period.child
    worker = h.by_at(period, order)
    sealed_at = h.at(order, 17, 30)
    h.restrictions.append(
        {
            "id": h.b.next_id(RecordRestriction),
            "child_id": child.pk,
            "reason": f"Adoption order made on {long_date(order)}.",
            "restricted_by_id": worker.pk,
            "restricted_at": sealed_at,
            "named": [worker.pk],
        }
    )
    h.entry(
        child.pk,
        sealed_at,
        EntryKind.RECORD_RESTRICTED,
        "Record sealed after the adoption order: only named staff may open it.",
        Person,
        child.pk,
        worker,
    )
    h.counts["adopted"] += 1
