"""Work items: every open statutory clock on a list of children, for My work, Team and a
worker's caseload, each with its child, what is due, its Clock and a link.

Those pages ask the `casework.work_items` host (core.registry) rather than any domain: each
domain with clocks on a child registers a provider, `fill(children=, ids=, owner_of=)`
returning its WorkItems in a fixed number of queries however many children (casework's own
here, care's in care/work_items.py). Supervision actions are added by the pages that list
them (actions_for).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, partial

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from everychild import access
from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    NoteKind,
    Section47Enquiry,
    SupervisionAction,
)
from everychild.core import registry
from everychild.core.clock import Clock, ClockStatus
from everychild.organisations.models import Staff
from everychild.people.models import Person

HOST = "casework.work_items"
HOST_DOC = (
    "Work items with a statutory clock on a list of children, for My work, Team and a "
    "worker's caseload. fill(children=[Person], ids=the same children's ids (a list or a "
    "subquery), owner_of={child id: who holds the case}) -> [WorkItem], in a fixed number of "
    "queries however many children. The caller has applied the access policy to the children "
    "and audits the page."
)


@dataclass
class WorkItem:
    """One piece of work with a deadline: what, for which child, and its clock."""

    child: Person
    what: str
    clock: Clock
    link: Callable[[], str] | None = None  # reversed only for the items a page shows
    owner: str = ""
    kind: str = ""  # assessment, icpc, cp_review, cp_visit, cin_review, care, action

    @property
    def url(self) -> str:
        return self.link() if self.link else ""

    @property
    def overdue(self) -> bool:
        return self.clock.is_overdue()


class WithOverdue:
    """A page's list of work items (`items`) and those of them overdue today."""

    items: list[WorkItem]

    @cached_property
    def overdue(self) -> list[WorkItem]:
        today = timezone.localdate()
        return [i for i in self.items if i.clock.is_overdue(today)]


def sorted_items(items: list[WorkItem]) -> list[WorkItem]:
    """Overdue first, then due today, then running; each by due date."""
    today = timezone.localdate()
    order = {ClockStatus.OVERDUE: 0, ClockStatus.DUE_TODAY: 1, ClockStatus.RUNNING: 2}
    return sorted(items, key=lambda i: (order.get(i.clock.status(today), 3), i.clock.due))


def work_for_children(children: list[Person], *, owner_of=None, ids=None) -> list[WorkItem]:
    """Every open statutory clock on these children, from each provider registered on the
    host (casework's first), in a fixed number of queries.

    `ids` may be a subquery selecting the same children (for hundreds, cheaper than a list).
    """
    ids = [c.pk for c in children] if ids is None else ids
    items: list[WorkItem] = []
    for provider in registry.panels(HOST):
        items += provider.fill(children=children, ids=ids, owner_of=owner_of or {})
    return items


# ---- casework's own clocks --------------------------------------------------------------------


@dataclass
class OpenWork:
    """What casework's work items are made from, however it was fetched."""

    assessments: list[Assessment]  # not yet authorised, with their referral
    section47s: list[Section47Enquiry]  # with their strategy discussion
    icpc_held_for: set[int]  # section 47 enquiries whose initial conference has been held
    cp_plans: list[ChildProtectionPlan]  # open
    last_review: dict[int, date]  # CP plan id -> last review conference
    cin_plans: list[ChildInNeedPlan]  # open


def _last_by_plan(records, plan_field: str, date_field: str, plan_ids) -> dict[int, date]:
    if not plan_ids:
        return {}
    return dict(
        records.filter(**{f"{plan_field}__in": plan_ids})
        .values_list(plan_field)
        .annotate(last=Max(date_field))
    )


def _last_visits(plans: list[ChildProtectionPlan]) -> dict[int, datetime]:
    if not plans:
        return {}
    return dict(
        CaseNote.objects.filter(
            child_id__in=[p.child_id for p in plans], kind=NoteKind.VISIT, child_seen=True
        )
        .values_list("child_id")
        .annotate(last=Max("occurred_at"))
    )


def _open_work(ids) -> OpenWork:
    """Only what the clocks need of each record: a team's lists run to hundreds of children."""
    plans = list(
        ChildProtectionPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).only(
            "id", "child_id", "started_on", "ended_on"
        )
    )
    initial_held = ChildProtectionConference.objects.filter(
        kind=ConferenceKind.INITIAL, section47_id__isnull=False
    ).values("section47_id")
    return OpenWork(
        assessments=list(
            Assessment.objects.filter(child_id__in=ids, authorised_on__isnull=True)
            .select_related("referral")
            .only(
                "id",
                "child_id",
                "due_on",
                "authorised_on",
                "submitted_at",
                "referral__id",
                "referral__referral_date",
            )
        ),
        # Enquiries still waiting for their initial conference.
        section47s=list(
            Section47Enquiry.objects.filter(child_id__in=ids)
            .exclude(icpc_needed=False)
            .exclude(pk__in=initial_held)
            .select_related("strategy_discussion")
            .only(
                "id",
                "child_id",
                "icpc_needed",
                "icpc_due_on",
                "strategy_discussion__id",
                "strategy_discussion__held_on",
            )
        ),
        icpc_held_for=set(
            ChildProtectionConference.objects.filter(
                child_id__in=ids, kind=ConferenceKind.INITIAL
            ).values_list("section47_id", flat=True)
        ),
        cp_plans=plans,
        last_review=_last_by_plan(
            ChildProtectionConference.objects.filter(kind=ConferenceKind.REVIEW),
            "plan_id",
            "held_on",
            [p.pk for p in plans],
        ),
        cin_plans=list(
            ChildInNeedPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).only(
                "id", "child_id", "started_on", "ended_on"
            )
        ),
    )


def casework_items(*, children: list[Person], ids, owner_of: dict) -> list[WorkItem]:
    """Casework's provider on the host: the assessment, conference, visit and review clocks."""
    return items_from(children, _open_work(ids), owner_of)


def items_from(children: list[Person], work: OpenWork, owner_of: dict) -> list[WorkItem]:
    """Casework's work items from its open work (fetched for a list, or for one child's page)."""
    by_id = {c.pk: c for c in children}
    items: list[WorkItem] = []

    def add(child_id, what, clock, url, kind):
        items.append(WorkItem(by_id[child_id], what, clock, url, owner_of.get(child_id, ""), kind))

    for a in work.assessments:
        stage = "awaiting authorisation" if a.submitted_at else "in progress"
        add(a.child_id, f"Single assessment ({stage})", a.clock, a.get_absolute_url, "assessment")
    for s in work.section47s:
        if s.pk in work.icpc_held_for or s.icpc_needed is False:
            continue
        start = s.strategy_discussion.held_on
        add(
            s.child_id,
            "Initial child protection conference",
            Clock(start, s.icpc_due_on),
            partial(reverse, "casework:section47", args=[s.pk]),
            "icpc",
        )
    last_visit = _last_visits(work.cp_plans)
    for plan in work.cp_plans:
        add(
            plan.child_id,
            "Review child protection conference",
            plan.review_clock(work.last_review.get(plan.pk)),
            plan.get_absolute_url,
            "cp_review",
        )
        visited = last_visit.get(plan.child_id)
        visited_on = timezone.localdate(visited) if visited else None
        if visited_on and visited_on < plan.started_on:
            visited_on = None
        add(
            plan.child_id,
            "Child protection visit (child seen)",
            plan.visit_clock(visited_on),
            plan.get_absolute_url,
            "cp_visit",
        )
    last_cin_review = _last_by_plan(
        ChildInNeedReview.objects, "plan_id", "held_on", [p.pk for p in work.cin_plans]
    )
    for plan in work.cin_plans:
        add(
            plan.child_id,
            "Child in need review",
            plan.review_clock(last_cin_review.get(plan.pk)),
            plan.get_absolute_url,
            "cin_review",
        )
    return items


# ---- supervision actions ------------------------------------------------------------------

# What a work item shows of a child and a worker: a team's lists run to a thousand rows.
CHILD_FIELDS = ("id", "kind", "given_name", "family_name")
STAFF_FIELDS = ("id", "username", "first_name", "last_name")


def actions_for(owner_filter: Q, user, known: dict[int, Person] | None = None) -> list[WorkItem]:
    """Open supervision actions, for children the viewing user may see.

    Rows, not model instances (a team's run to hundreds). `known` children (the team's own
    cases, listed on the page anyway) need no policy check; the others are checked.
    """
    rows = list(
        SupervisionAction.objects.filter(owner_filter, done_on__isnull=True).values_list(
            "action", "due_on", "supervision__held_on", "supervision__child_id", "owner_id"
        )
    )
    # The owners' actions first, then the policy for just their children: asking the policy
    # about every child in the borough first is far slower.
    children = dict(known or {})
    others = {row[3] for row in rows} - children.keys()
    visible = access.children_visible_to(user, "view", Person.objects.filter(pk__in=others))
    visible_ids = children.keys() | set(visible.values_list("pk", flat=True) if others else ())
    missing = visible_ids - children.keys()
    children.update(Person.objects.only(*CHILD_FIELDS).in_bulk(missing) if missing else {})
    owners = Staff.objects.only(*STAFF_FIELDS).in_bulk({row[4] for row in rows})
    return [
        WorkItem(
            children[child_id],
            f"Supervision action: {action[:80]}",
            Clock(held_on, due_on),
            owner=str(owners[owner_id]),
            kind="action",
        )
        for action, due_on, held_on, child_id, owner_id in rows
        if child_id in visible_ids
    ]
