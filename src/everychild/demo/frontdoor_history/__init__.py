"""The front door's history in the synthetic borough: three years of partners' concerns,
contacts and the MASH's decisions on them, and the referrals that followed.

Volumes follow Tower Hamlets: about 12,000 contacts and 3,000 referrals a year per 60,000
children. Each concern names the child as the partner recorded them, with the noise real
partner records carry (misspellings, transliterations, swapped day and month, an age instead
of a date of birth, an old address); the child each concern is really about is kept in
`demo.models.TrueIdentity`, for the benchmarks. The last working day or two are still on the
MASH's queue, and one showcase child, not known to social care, has worries from their
school, their GP and the police in the last three months, the last of them arriving today.

Partner records are made by `partner_record` and `concern_for`, which bench/frontdoor.py uses
too, so that the benchmark's concerns are noisy in exactly the same way.
"""

from typing import TYPE_CHECKING

from everychild.demo.frontdoor_history.decisions import decide
from everychild.demo.frontdoor_history.partners import (
    Agencies,
    ChildFacts,
    concern_about_a_new_child,
    concern_for,
    load_children,
    partner_record,
)
from everychild.demo.frontdoor_history.plans import ContactPlanner, children_not_in_index
from everychild.demo.frontdoor_history.rows import ContactRows, open_front_door
from everychild.demo.writer import reset_sequences, run_alert_rules

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

# What bench/frontdoor.py and the tests use.
__all__ = [
    "Agencies",
    "ChildFacts",
    "children_not_in_index",
    "concern_about_a_new_child",
    "concern_for",
    "frontdoor_history_step",
    "load_children",
    "partner_record",
]


def frontdoor_history_step(b: "Borough") -> str:
    """Three years of concerns, contacts, decisions and referrals up to `b.today`, the MASH's
    queue now and the showcase child (`b.showcase_child_id`); then the alert rules, once."""
    planner = ContactPlanner(b)
    plans = planner.plan()
    decide(plans, b.rng)
    written = ContactRows(b, planner.children, planner.clock).write(plans)
    open_front_door(b, planner.front_door_since())
    reset_sequences()
    alerts = run_alert_rules(today=b.today)
    showcase = planner.showcase
    b.showcase_child_id = showcase.id
    return (
        f"{written['contacts']:,} contacts, {written['referrals']:,} referrals, "
        f"{written['open']} open, {alerts} alerts; "
        f"showcase child {showcase.id} ({showcase.given_name} {showcase.family_name})"
    )


frontdoor_history_step.adds_children = children_not_in_index
