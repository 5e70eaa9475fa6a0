"""The front door's contacts, planned before any row is written: the referrals that opened
the cases of children allocated a worker, children the index did not hold, everyone else
partners worried about, the MASH's queue now and the showcase child."""

import itertools
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from everychild.core.calendar import add_working_days, age_in_years, is_working_day
from everychild.demo.accounts import JOINED_BEFORE
from everychild.demo.frontdoor_history.partners import (
    Agencies,
    ChildFacts,
    DraftConcern,
    PartnerRecord,
    Reporter,
    agency_key_for,
    category_for,
    concern_about_a_new_child,
    concern_for,
    harder_to_match,
    load_children,
)
from everychild.demo.frontdoor_history.text import CALLERS
from everychild.demo.identities import Usernames
from everychild.demo.identities import staff as staff_row
from everychild.demo.writer import (
    LONDON,
    SOCIAL_CARE_KINDS,
    BoroughClock,
    Involvement,
    InvolvementKind,
    bulk,
)
from everychild.frontdoor.models import ConcernCategory, ContactOutcome
from everychild.organisations.models import Organisation, Staff
from everychild.organisations.roles import Role
from everychild.people.models import Person

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

YEARS = 3
CONTACTS_PER_CHILD_YEAR = 0.2  # about 12,000 contacts a year per 60,000 children
CONCERN_SHARE = 0.9  # the rest are calls and emails to the front door
NOT_IN_INDEX_SHARE = 0.02  # concerns about children the index did not hold
KNOWN_SHARE = 0.3  # contacts about children known to social care (allocated a worker)
POOL_SHARE = 0.15  # children not known to social care whom partners worry about, in 3 years
WEEKEND_SHARE = 0.45  # contacts on a weekend day or bank holiday, relative to a working day
QUEUE_SIZE = 36  # contacts about children at the front door now (about 40 open in all)
OVERDUE, IDENTITY_TO_CONFIRM = 3, 5  # open contacts past their clock; awaiting identity
_C = ConcernCategory


def children_not_in_index(n_children: int) -> int:
    """How many children the front door met who were not in the index: it made unverified
    records of them, which count among the borough's children (see borough.families_step)."""
    return round(n_children * CONTACTS_PER_CHILD_YEAR * YEARS * CONCERN_SHARE * NOT_IN_INDEX_SHARE)


@dataclass
class Plan:
    """One contact to write, as it is planned."""

    child_id: int | None  # the child it is really about
    at: datetime
    kind: str  # generic, anchor, not_in_index, queue, overdue, identity, showcase
    draft: DraftConcern | None = None  # None: a call or email
    category: str = ""
    caller: str = ""
    open_case: bool = False  # the child's case was open to a social worker at the time
    known_before: bool = False  # the child was allocated a social worker later
    level: int | None = None
    outcome: str = ""
    is_open: bool = False  # still on the MASH's queue
    person: Person | None = None  # the unverified record made of a child not in the index
    day: date = field(init=False)  # received, in local time

    def __post_init__(self):
        self.day = self.at.astimezone(LONDON).date()


def _hour(source: str, rng: random.Random) -> int:
    if source in {"police", "acute"}:
        return rng.choice([*range(7, 23), *range(0, 7, 3)])
    if source == "school":
        return rng.randint(8, 16)
    return rng.randint(9, 18)


class ContactPlanner:
    """Every contact of the three years, planned: who it is about, when it arrived, from
    whom, and whether it is still on the MASH's queue."""

    def __init__(self, b: "Borough"):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.clock = BoroughClock(b.today, b.rng)
        self.start = b.today - relativedelta(years=YEARS)
        self.history_end = add_working_days(b.today, -2)  # later contacts are still queued
        self.children = load_children(b.children)
        self.agencies = _agencies(b)
        involvements = _involvements()
        self.known = involvements["allocated"]  # child id -> date a worker was allocated
        self.queue_started = involvements["front_door"]  # child id -> on the queue since
        self.queue_children = [c for c in self.queue_started if c in self.children]
        self.new_front_door = set()  # children the MASH may see because of a contact now
        self.existing_front_door = involvements["front_door_existing"]
        social_care = involvements["social_care"]
        self.unknown = [c for c in self.children.values() if c.id not in social_care]
        self.showcase = _showcase_child(b, self.unknown, self.agencies, self.rng)
        self.plans: list[Plan] = []

    def plan(self) -> list[Plan]:
        """The contacts in the order received."""
        self._anchors()
        self._not_in_index()
        excluded = {self.showcase.id} | set(self.queue_children)
        others = [c for c in self.unknown if c.id not in excluded]
        self._generic(excluded, others)
        self._queue(others)
        _showcase_plans(self.b, self.showcase, self.agencies, self.clock, self.plans, self.rng)
        self.new_front_door.add(self.showcase.id)
        self.queue_started[self.showcase.id] = self.today
        self.plans.sort(key=lambda p: (p.at, p.child_id or 0))
        return self.plans

    def front_door_since(self) -> dict[int, date]:
        """The children newly on the MASH's queue, and since when."""
        return {c: self.queue_started[c] for c in self.new_front_door}

    def _when(self, day: date, source: str) -> datetime:
        return self.clock.at(day, _hour(source, self.rng), self.rng.randrange(60))

    def _add(self, child: ChildFacts, day: date, kind: str) -> Plan:
        """A concern from a partner (or now and then a call or email) about `child`."""
        rng, agencies = self.rng, self.agencies
        if rng.random() < CONCERN_SHARE or kind == "identity":
            draft = concern_for(child, day, agencies, rng, today=self.today)
            if kind == "identity":
                harder_to_match(draft, child, day, rng)
            plan = Plan(child.id, self._when(day, draft.agency_key), kind, draft, draft.category)
        else:
            age = age_in_years(child.date_of_birth, day)
            key = agency_key_for(child.id, age, day, agencies, rng)
            category = category_for(key, age, child.gender, rng)
            plan = Plan(child.id, self._when(day, "phone"), kind, None, category)
            plan.caller = rng.choice(CALLERS)
        allocated = self.known.get(child.id)
        plan.open_case = allocated is not None and allocated < plan.day
        plan.known_before = allocated is not None and not plan.open_case
        self.plans.append(plan)
        return plan

    def _day_between(self, low: date, high: date) -> date:
        """A day in the range, weekends and bank holidays less likely."""
        rng = self.rng
        while True:
            day = low + timedelta(days=rng.randint(0, max(0, (high - low).days)))
            if is_working_day(day) or rng.random() < WEEKEND_SHARE:
                return day

    def _anchors(self) -> None:
        """Children allocated a social worker in the last three years were referred first."""
        for child_id, allocated in sorted(self.known.items()):
            child = self.children.get(child_id)
            referred = allocated - timedelta(days=self.rng.randint(0, 7))
            if (
                child
                and self.start < referred <= self.history_end
                and referred > child.date_of_birth
            ):
                self._add(child, referred, "anchor")

    def _not_in_index(self) -> None:
        """Children not in the index, whom the front door recorded as it met them."""
        for _ in range(children_not_in_index(self.b.n_children)):
            day = self._day_between(self.start, self.history_end)
            draft = concern_about_a_new_child(self.b.namer, day, self.agencies, self.rng)
            when = self._when(day, draft.agency_key)
            self.plans.append(Plan(None, when, "not_in_index", draft, draft.category))

    def _generic(self, excluded: set[int], others: list[ChildFacts]) -> None:
        """Everyone else partners worried about: known children often, others now and then."""
        rng, children = self.rng, self.children
        known = [children[c] for c in sorted(self.known) if c in children and c not in excluded]
        pool = rng.sample(others, int(len(others) * POOL_SHARE))
        pool_weights = list(itertools.accumulate(rng.expovariate(1.0) for _ in pool))
        total = round(self.b.n_children * CONTACTS_PER_CHILD_YEAR * YEARS)
        open_now = QUEUE_SIZE + OVERDUE + IDENTITY_TO_CONFIRM + 1
        for _ in range(max(0, total - len(self.plans) - open_now - 2)):
            if known and rng.random() < KNOWN_SHARE:
                child = rng.choice(known)
            else:
                child = rng.choices(pool, cum_weights=pool_weights)[0]
            low = max(self.start, child.date_of_birth + timedelta(days=1))
            if low > self.history_end:
                continue
            self._add(child, self._day_between(low, self.history_end), "generic")

    def _queue(self, others: list[ChildFacts]) -> None:
        """Now: the MASH's queue, a few contacts past their clock, a few whose child the
        matcher could not say who they are."""
        rng, today, started = self.rng, self.today, self.queue_started
        if len(self.queue_children) < QUEUE_SIZE:
            extra = rng.sample(
                [c.id for c in others if c.id not in started],
                min(QUEUE_SIZE - len(self.queue_children), len(others)),
            )
            for child_id in extra:
                started[child_id] = today - timedelta(days=rng.randint(0, 2))
            self.queue_children += extra
        self.new_front_door = set(self.queue_children) - set(self.existing_front_door)
        for child_id in self.queue_children:
            self._add(self.children[child_id], started[child_id], "queue")
        others_now = [c for c in others if c.id not in started]
        picked = rng.sample(others_now, min(OVERDUE + IDENTITY_TO_CONFIRM, len(others_now)))
        for child in picked[:OVERDUE]:
            day = add_working_days(today, -rng.randint(2, 4))
            self.new_front_door.add(child.id)
            started[child.id] = day
            self._add(child, day, "overdue")
        for child in picked[OVERDUE:]:
            self._add(child, today - timedelta(days=rng.randint(0, 1)), "identity")


def _agencies(b: "Borough") -> Agencies:
    """The borough's agencies, with practitioners who raise concerns (added here: police
    officers, health visitors, school nurses, hospital staff, GP and group safeguarding leads;
    schools' designated safeguarding leads and the demo partner accounts already exist)."""
    gp_of = {}
    practices = {o.pk: o for o in b.gp_practices}
    for child_id, org_id in Involvement.objects.filter(kind=InvolvementKind.GP).values_list(
        "child_id", "organisation_id"
    ):
        gp_of[child_id] = practices[org_id]
    groups = [o for k, o in b.organisations.items() if k.startswith("group_")]
    agencies = Agencies(
        police=b.organisations["police"],
        acute=b.organisations["acute_trust"],
        community_health=b.organisations["community_health"],
        housing=b.organisations["housing"],
        groups=groups,
        gp_practices=b.gp_practices,
        school_of=b.school_of,
        gp_of=gp_of,
    )
    usernames = Usernames(Staff.objects.values_list("username", flat=True))
    new_staff: list[Staff] = []

    def add(org: Organisation, job: str, count: int) -> None:
        for _ in range(count):
            first, last = b.namer.staff_name()
            username = usernames.unique(first, last)
            joined = b.today - JOINED_BEFORE
            pk = b.next_id(Staff)
            staff = staff_row(pk, username, first, last, Role.PARTNER, org, job, joined)
            new_staff.append(staff)
            agencies.reporters.setdefault(org.pk, []).append(Reporter(staff, f"{first} {last}"))

    def demo_account(username: str) -> None:
        staff = b.accounts[username]
        agencies.reporters.setdefault(staff.organisation_id, []).append(
            Reporter(staff, f"{staff.first_name} {staff.last_name}")
        )

    for school in b.schools + b.secondaries:
        lead = b.school_leads[school.pk]
        agencies.reporters[school.pk] = [Reporter(lead, f"{lead.first_name} {lead.last_name}")]
    demo_account("police.officer")
    add(agencies.police, "Detective constable, MASH police desk", 4)
    add(agencies.police, "Police constable, emergency response", 5)
    demo_account("health.visitor")
    add(agencies.community_health, "Health visitor", 6)
    add(agencies.community_health, "School nurse", 3)
    add(agencies.acute, "Paediatric liaison nurse", 2)
    add(agencies.acute, "Emergency department consultant", 2)
    add(agencies.acute, "Midwife", 2)
    add(agencies.housing, "Housing officer", 2)
    demo_account("gp")
    for practice in b.gp_practices:
        if practice.pk not in agencies.reporters:
            add(practice, "GP safeguarding lead", 1)
    for group in groups:
        add(group, "Designated safeguarding lead", 1)
    bulk(Staff, new_staff)
    return agencies


def _involvements() -> dict:
    allocated: dict[int, date] = {}
    social_care: set[int] = set()
    front_door: dict[int, date] = {}
    for child_id, kind, started in Involvement.objects.filter(
        kind__in=list(SOCIAL_CARE_KINDS), ended_on__isnull=True
    ).values_list("child_id", "kind", "started_on"):
        social_care.add(child_id)
        if kind == InvolvementKind.ALLOCATED_WORKER:
            allocated[child_id] = min(started, allocated.get(child_id, started))
        elif kind == InvolvementKind.FRONT_DOOR:
            front_door[child_id] = started
    return {
        "allocated": allocated,
        "social_care": social_care,
        "front_door": front_door,
        "front_door_existing": set(front_door),
    }


def _showcase_child(b: "Borough", unknown: list[ChildFacts], agencies, rng) -> ChildFacts:
    """A primary-age child at the demo school (and, if one is, registered with the demo GP
    practice) whom social care does not know."""
    demo_school, demo_gp = b.organisations["demo_school"], b.organisations["demo_gp"]

    def suits(child: ChildFacts, school=None, gp=None) -> bool:
        age = age_in_years(child.date_of_birth, b.today)
        return (
            6 <= age <= 11
            and (school is None or agencies.school_of.get(child.id) == school)
            and (gp is None or agencies.gp_of.get(child.id) == gp)
            and child.id in agencies.school_of
            and child.address is not None
        )

    for school, gp in ((demo_school, demo_gp), (demo_school, None), (None, None)):
        found = [c for c in unknown if suits(c, school, gp)]
        if found:
            return rng.choice(found)
    return rng.choice(unknown)


def _showcase_plans(
    b, child: ChildFacts, agencies: Agencies, clock: BoroughClock, plans, rng
) -> None:
    """School, GP and police each worried in the last three months; each worry alone was below
    the threshold. The police's came in this morning."""
    name = child.given_name
    worries = [
        (
            add_working_days(b.today, -52),
            "school",
            _C.NEGLECT,
            f"{name} has come to school hungry on several mornings and has been seen taking "
            "food from other children's lunch boxes; uniform unwashed. Mum says money is tight.",
            (2, ContactOutcome.SIGNPOST),
        ),
        (
            add_working_days(b.today, -17),
            "gp",
            _C.DOMESTIC_ABUSE,
            f"Mother attended for low mood and disclosed that her partner 'gets angry'; {name} "
            "hides in the bedroom when he shouts. Declined a referral to domestic abuse support.",
            (2, ContactOutcome.NO_FURTHER_ACTION),
        ),
        (
            b.today,
            "police",
            _C.DOMESTIC_ABUSE,
            "Officers attended the home at 23:40 last night after a neighbour reported "
            "screaming. Mother had a cut lip; her partner was arrested for assault. "
            f"{name} was awake and distressed, and said this happens 'a lot'. DASH risk: high.",
            None,
        ),
    ]
    demo = {
        "school": b.accounts["school.dsl"],
        "gp": b.accounts["gp"],
        "police": b.accounts["police.officer"],
    }
    for day, key, category, details, decision in worries:
        agency = agencies.organisation(key, child.id, rng)
        staff = demo[key] if demo[key].organisation_id == agency.pk else None
        reporter = (
            Reporter(staff, f"{staff.first_name} {staff.last_name}")
            if staff
            else agencies.reporter(agency, rng)
        )
        at = clock.at(day, 7 if key == "police" else 10, 15)
        record = PartnerRecord(
            child.given_name,
            child.family_name,
            child.date_of_birth,
            None,
            child.gender,
            *(child.address or ("", "")),
            nhs_number=child.nhs_number if key == "gp" else "",
            upn=child.upn if key == "school" else "",
        )
        draft = DraftConcern(agency, key, reporter, category, details, record)
        plan = Plan(child.id, at, "showcase", draft, category)
        if decision:
            plan.level, plan.outcome = decision
        plans.append(plan)
