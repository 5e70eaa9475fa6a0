"""Reads for casework pages: the child's casework, "My work" and "Team". Every item with a
statutory timescale carries its Clock, so that due and overdue work is plain to see.

Pages list many children's work at once; each list is built from a fixed number of queries
whatever its length (bench/casework.py counts them).
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property, partial

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    KeyDecision,
    NoteKind,
    Section47Enquiry,
    Supervision,
    SupervisionAction,
    TransitionPlan,
)
from everychild.casework.services.transition import TRANSITION_AGE
from everychild.core.calendar import age_in_years
from everychild.core.clock import Clock, ClockStatus
from everychild.frontdoor.models import Referral
from everychild.organisations.models import Organisation, OrganisationKind, Staff, Team
from everychild.organisations.roles import Role
from everychild.people.models import Person, PersonKind
from everychild.workforce.models import Allocation
from everychild.workforce.selectors import (
    allocations_in_last_year,
    team_caseloads,
    workers_counted,
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


def _sorted(items: list[WorkItem]) -> list[WorkItem]:
    today = timezone.localdate()
    order = {ClockStatus.OVERDUE: 0, ClockStatus.DUE_TODAY: 1, ClockStatus.RUNNING: 2}
    return sorted(items, key=lambda i: (order.get(i.clock.status(today), 3), i.clock.due))


def _last_by_plan(records, plan_field: str, date_field: str, plan_ids) -> dict[int, date]:
    if not plan_ids:
        return {}
    return dict(
        records.filter(**{f"{plan_field}__in": plan_ids})
        .values_list(plan_field)
        .annotate(last=Max(date_field))
    )


@dataclass
class _OpenWork:
    """What the work items are made from, however it was fetched."""

    assessments: list[Assessment]  # not yet authorised, with their referral
    section47s: list[Section47Enquiry]  # with their strategy discussion
    icpc_held_for: set[int]  # section 47 enquiries whose initial conference has been held
    cp_plans: list[ChildProtectionPlan]  # open
    last_review: dict[int, date]  # CP plan id -> last review conference
    cin_plans: list[ChildInNeedPlan]  # open


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


def work_for_children(children: list[Person], *, owner_of=None, ids=None) -> list[WorkItem]:
    """Every open statutory clock for these children, in a fixed number of queries.

    `ids` may be a subquery selecting the same children (for hundreds, cheaper than a list).
    """
    ids = [c.pk for c in children] if ids is None else ids
    # Only what the clocks need of each record: a team's lists run to hundreds of children.
    plans = list(
        ChildProtectionPlan.objects.filter(child_id__in=ids, ended_on__isnull=True).only(
            "id", "child_id", "started_on", "ended_on"
        )
    )
    initial_held = ChildProtectionConference.objects.filter(
        kind=ConferenceKind.INITIAL, section47_id__isnull=False
    ).values("section47_id")
    work = _OpenWork(
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
    return _work_items(children, work, owner_of or {}) + _care_items(children, ids, owner_of or {})


def _care_items(children: list[Person], ids, owner_of: dict) -> list[WorkItem]:
    """The care plan's clocks (reviews, health assessments, PEPs, statutory visits) of the
    children among these who are in care."""
    from everychild.care.selectors.oversight import care_clocks_on  # care builds on casework

    by_id = {c.pk: c for c in children}
    items = []
    for child_id, clocks in care_clocks_on(child_ids=ids).items():
        if child_id not in by_id:
            continue
        link = partial(reverse, "care:child", args=[child_id])
        for what, clock in clocks.items():
            items.append(
                WorkItem(by_id[child_id], what, clock, link, owner_of.get(child_id, ""), "care")
            )
    return items


def _work_items(children: list[Person], work: _OpenWork, owner_of: dict) -> list[WorkItem]:
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


# What a work item shows of a child and a worker: a team's lists run to a thousand rows.
_CHILD_FIELDS = ("id", "kind", "given_name", "family_name")
_STAFF_FIELDS = ("id", "username", "first_name", "last_name")


def _actions_for(owner_filter: Q, user, known: dict[int, Person] | None = None) -> list[WorkItem]:
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
    children.update(Person.objects.only(*_CHILD_FIELDS).in_bulk(missing) if missing else {})
    owners = Staff.objects.only(*_STAFF_FIELDS).in_bulk({row[4] for row in rows})
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


# ---- My work ----------------------------------------------------------------------------------


@dataclass
class MyWork:
    children: list[Person]
    items: list[WorkItem]

    @cached_property
    def overdue(self) -> list[WorkItem]:
        today = timezone.localdate()
        return [i for i in self.items if i.clock.is_overdue(today)]


def my_work(*, user) -> MyWork:
    """A worker's children (allocated, or chaired or advised) and everything due on them,
    overdue first."""
    own = set(
        Allocation.objects.filter(worker=user, ended_on__isnull=True).values_list(
            "child_id", flat=True
        )
    ) | set(
        Involvement.objects.current()
        .filter(
            staff=user,
            kind__in=[InvolvementKind.CONFERENCE_CHAIR, InvolvementKind.PERSONAL_ADVISER],
        )
        .values_list("child_id", flat=True)
    )
    visible = access.children_visible_to(user, "view", Person.objects.filter(pk__in=own))
    children = sorted(visible, key=lambda c: c.full_name)
    items = work_for_children(children) + _actions_for(Q(owner=user), user)
    return MyWork(children=children, items=_sorted(items))


# ---- Team -------------------------------------------------------------------------------------


@dataclass
class TeamWork:
    team: Team
    caseloads: list
    items: list[WorkItem]
    awaiting_sign_off: list[KeyDecision]
    unallocated: list[Allocation]

    @cached_property
    def overdue(self) -> list[WorkItem]:
        today = timezone.localdate()
        return [i for i in self.items if i.clock.is_overdue(today)]


def managed_teams(user) -> list[Team]:
    return list(
        Team.objects.filter(
            memberships__staff=user,
            memberships__is_manager=True,
            memberships__ended_on__isnull=True,
        ).order_by("name")
    )


def team_work(*, user, team: Team) -> TeamWork:
    """A manager's view of one team: overdue work, caseloads, decisions to sign off."""
    if user.role != Role.TEAM_MANAGER or team not in managed_teams(user):
        raise PermissionDenied("Only the team's managers see its work.")
    allocations = list(
        Allocation.objects.filter(team=team, ended_on__isnull=True)
        .select_related("child")
        .only(
            "id",
            "team_id",
            "worker_id",
            "started_on",
            "ended_on",
            "child__id",
            "child__kind",
            "child__given_name",
            "child__family_name",
        )
    )
    children = [a.child for a in allocations]
    workers = Staff.objects.only(*_STAFF_FIELDS).in_bulk({a.worker_id for a in allocations})
    owner_of = {a.child_id: str(workers.get(a.worker_id, "unallocated")) for a in allocations}
    members = list(
        team.memberships.filter(ended_on__isnull=True).values_list("staff_id", flat=True)
    )
    held = Allocation.objects.filter(team=team, ended_on__isnull=True).values("child_id")
    items = work_for_children(children, owner_of=owner_of, ids=held) + _actions_for(
        Q(owner_id__in=members), user, known={c.pk: c for c in children}
    )
    awaiting = list(
        KeyDecision.objects.filter(decided_at__isnull=True, child_id__in=held)
        .select_related("child", "requested_by")
        .order_by("requested_at")
    )
    return TeamWork(
        team=team,
        caseloads=team_caseloads(team),
        items=_sorted(items),
        awaiting_sign_off=awaiting,
        unallocated=[a for a in allocations if a.worker_id is None],
    )


@dataclass
class WorkerCaseload:
    team: Team
    worker: Staff
    allocations: list[Allocation]  # with their child, by the child's name
    items: list[WorkItem]  # every clock on those children, overdue first

    @cached_property
    def overdue(self) -> list[WorkItem]:
        today = timezone.localdate()
        return [i for i in self.items if i.clock.is_overdue(today)]


def worker_caseload(*, user, team: Team, worker: Staff) -> WorkerCaseload:
    """One worker's children in a team the user manages, with every clock on them. The
    listing is audited (it names the children)."""
    if user.role != Role.TEAM_MANAGER or team not in managed_teams(user):
        raise PermissionDenied("Only the team's managers see its caseloads.")
    allocations = sorted(
        Allocation.objects.filter(team=team, worker=worker, ended_on__isnull=True).select_related(
            "child"
        ),
        key=lambda a: (a.child.family_name, a.child.given_name, a.child_id),
    )
    children = [a.child for a in allocations]
    items = work_for_children(children) + _actions_for(
        Q(owner=worker), user, known={c.pk: c for c in children}
    )
    audit.record(
        actor=user,
        verb="viewed_caseload",
        payload={"team": team.pk, "worker": worker.pk, "children": len(children)},
    )
    return WorkerCaseload(team, worker, allocations, _sorted(items))


# ---- the child's casework, for the child's page -----------------------------------------------


@dataclass
class ChildCasework:
    allocation: Allocation | None
    workers_last_year: int
    referrals: list[Referral]
    assessments: list[Assessment]
    cin_plans: list[ChildInNeedPlan]
    cp_plans: list[ChildProtectionPlan]
    conferences: list[ChildProtectionConference]
    section47s: list[Section47Enquiry]
    strategy_discussions: list
    decisions: list[KeyDecision]
    supervisions: list[Supervision]
    notes: list[CaseNote]
    items: list[WorkItem]
    transition_plan: TransitionPlan | None
    needs_transition_plan: bool


def _transition_plan(child: Person) -> TransitionPlan | None:
    try:
        return child.transition_plan  # fetched with the child where the page can
    except TransitionPlan.DoesNotExist:
        return None


def child_casework(*, user, child: Person) -> ChildCasework:
    """The casework panel of the child's page. The caller (the page) audits the read.

    The work items are made from the records the panel shows anyway (bench/casework.py
    holds the page to 30 queries).
    """
    access.require(user, "view", child)
    cp_plans = list(child.cp_plans.select_related("previous_plan"))
    disabled = bool(child.disabilities) and child.disabilities != ["NONE"]
    age = age_in_years(child.date_of_birth, timezone.localdate()) if child.date_of_birth else None
    transition = _transition_plan(child)
    recent = allocations_in_last_year(child)
    assessments = list(child.assessments.select_related("referral", "worker", "authorised_by"))
    cin_plans = list(child.cin_plans.all())
    conferences = list(child.conferences.select_related("chair"))
    section47s = list(child.section47s.select_related("strategy_discussion"))
    last_review: dict[int, date] = {}
    for c in conferences:
        if c.kind == ConferenceKind.REVIEW and c.plan_id:
            last_review[c.plan_id] = max(c.held_on, last_review.get(c.plan_id, c.held_on))
    open_work = _OpenWork(
        assessments=[a for a in assessments if a.authorised_on is None],
        section47s=section47s,
        icpc_held_for={c.section47_id for c in conferences if c.kind == ConferenceKind.INITIAL},
        cp_plans=[p for p in cp_plans if p.ended_on is None],
        last_review=last_review,
        cin_plans=[p for p in cin_plans if p.ended_on is None],
    )
    return ChildCasework(
        allocation=next((a for a in recent if a.ended_on is None), None),
        workers_last_year=workers_counted(recent),
        referrals=list(child.referrals.filter(withdrawn_at__isnull=True)),
        assessments=assessments,
        cin_plans=cin_plans,
        cp_plans=cp_plans,
        conferences=conferences,
        section47s=section47s,
        strategy_discussions=list(
            child.strategy_discussions.prefetch_related("agencies").select_related("recorded_by")
        ),
        decisions=list(child.key_decisions.select_related("requested_by", "decided_by")[:20]),
        supervisions=list(
            child.supervisions.prefetch_related(
                Prefetch("actions", queryset=SupervisionAction.objects.select_related("owner"))
            ).select_related("manager", "worker")[:10]
        ),
        notes=list(child.case_notes.select_related("written_by")[:10]),
        items=_sorted(_work_items([child], open_work, {})),
        transition_plan=transition,
        needs_transition_plan=disabled
        and age is not None
        and TRANSITION_AGE <= age < 18
        and transition is None,
    )


# ---- disabled children approaching adulthood ---------------------------------------------------


@dataclass
class TransitionList:
    children: list[Person]
    others_not_visible: int


def transition_gaps(*, user, today: date | None = None) -> TransitionList:
    """Disabled children aged 14 to 17 with no transition plan, so none "just appears" at 18.

    Lists the children the user may see, and counts the others (ask the front door).
    """
    today = today or timezone.localdate()
    oldest = today - relativedelta(years=18)
    youngest = today - relativedelta(years=TRANSITION_AGE)
    candidates = (
        Person.objects.filter(
            kind=PersonKind.CHILD,
            died_on__isnull=True,
            date_of_birth__gt=oldest,
            date_of_birth__lte=youngest,
        )
        .exclude(disabilities=[])
        .exclude(disabilities=["NONE"])
        .filter(transition_plan__isnull=True)
    )
    visible = access.children_visible_to(user, "view").filter(pk__in=candidates.values("pk"))
    shown = list(visible.order_by("date_of_birth"))
    return TransitionList(children=shown, others_not_visible=candidates.count() - len(shown))


def child_birthdays_to_18(children: list[Person], today: date | None = None) -> dict[int, date]:
    today = today or timezone.localdate()
    out = defaultdict(lambda: None)
    for c in children:
        if c.date_of_birth:
            try:
                out[c.pk] = c.date_of_birth.replace(year=c.date_of_birth.year + 18)
            except ValueError:
                out[c.pk] = date(c.date_of_birth.year + 18, 3, 1)
    return out


# ---- one casework record, and the choices its forms offer ----------------------------------


def casework_record(model, pk: int, user, *, related=(), action: str = "view"):
    """The record, if the user may take `action` on its child (404 or 403 otherwise)."""
    obj = get_object_or_404(model.objects.select_related("child", *related), pk=pk)
    access.require(user, action, obj.child)
    return obj


def casework_viewed(user, obj) -> None:
    """Every look at a casework record is on the audit log."""
    audit.record(actor=user, verb="viewed_casework", obj=obj, child=obj.child)


def pending_decision(subject) -> KeyDecision | None:
    """The key decision about `subject` still waiting for a manager, if any."""
    return KeyDecision.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        decided_at__isnull=True,
    ).first()


def partner_staff_for(child: Person, organisations=()):
    """Partner practitioners who may join a child's plan: from the agencies in the strategy
    discussion, and those already involved with the child or working for an agency that is."""
    involved_orgs = Organisation.objects.filter(
        Q(involvements__child=child, involvements__ended_on__isnull=True)
        | Q(staff__involvements__child=child, staff__involvements__ended_on__isnull=True)
    )
    return (
        Staff.objects.filter(role=Role.PARTNER, is_active=True)
        .filter(
            Q(organisation__in=list(organisations))
            | Q(organisation__in=involved_orgs)
            | Q(involvements__child=child, involvements__ended_on__isnull=True)
        )
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "last_name", "first_name")
    )


def strategy_agencies(child: Person):
    """Agencies to tick for a strategy discussion: police and health, and any agency already
    involved with the child (their school, GP practice, ...)."""
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(kind=OrganisationKind.LOCAL_AUTHORITY)
        .filter(
            Q(kind__in=[OrganisationKind.POLICE, OrganisationKind.HEALTH_TRUST])
            | Q(involvements__child=child, involvements__ended_on__isnull=True)
            | Q(staff__involvements__child=child, staff__involvements__ended_on__isnull=True)
        )
        .distinct()
        .order_by("name")
    )


def supervision_staff(child: Person, manager):
    """Who may own a supervision action: the members of the team holding the case."""
    allocation = Allocation.objects.filter(child=child, ended_on__isnull=True).first()
    teams = [allocation.team] if allocation else managed_teams(manager)
    return (
        Staff.objects.filter(
            memberships__team__in=teams, memberships__ended_on__isnull=True, is_active=True
        )
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name")
    )


def conference_chairs():
    """The independent chairs who may be booked for a conference."""
    return Staff.objects.filter(role=Role.CONFERENCE_CHAIR, is_active=True).order_by(
        "last_name", "first_name"
    )


def booked_chairs(child: Person) -> list[Staff]:
    return [
        i.staff
        for i in Involvement.objects.current()
        .filter(child=child, kind=InvolvementKind.CONFERENCE_CHAIR)
        .select_related("staff")
    ]
