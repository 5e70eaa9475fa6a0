"""Which referrals become which cases: every referral the front door made (and a pre-birth
referral for children allocated before they were born) becomes a case, simulated and cut
short where the child's next referral came; the social worker's demo caseload is chosen
here; and the front door's decisions are made to agree with the cases afterwards."""

from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from everychild.demo.casework_history.cases import (
    CATEGORY_FOR_NEED,
    INTENSIVE_CHILDREN_PER_60K,
    UNALLOCATED,
    Case,
    Simulator,
    casework_days,
)
from everychild.demo.casework_history.text import PRE_BIRTH_CALL, PRE_BIRTH_WORRIES
from everychild.demo.frontdoor_history.contacts import decided_call
from everychild.demo.frontdoor_history.text import OPEN_CASE_RATIONALE, RATIONALE
from everychild.demo.writer import (
    LONDON,
    BoroughClock,
    ChronologyEntry,
    EntryKind,
    Involvement,
    InvolvementKind,
    content_type_id,
    update,
)
from everychild.frontdoor.models import (
    OUTCOMES_FOR_LEVEL,
    RAG,
    Consent,
    Contact,
    ContactOutcome,
    LevelOfNeed,
    Referral,
)

if TYPE_CHECKING:
    from everychild.demo.borough import Borough
    from everychild.demo.casework_history.teams import Staffing

BELOW_THRESHOLD = {
    ContactOutcome.NO_FURTHER_ACTION,
    ContactOutcome.SIGNPOST,
    ContactOutcome.EARLY_HELP,
}


class CasePlanner:
    def __init__(self, b: "Borough", clock: BoroughClock, staffing: "Staffing"):
        self.b, self.rng, self.today, self.clock = b, b.rng, b.today, clock
        self.staffing = staffing
        self.wd = casework_days(b.today)
        self.people = {p.pk: p for p in b.children}
        self.disabled = disabled_children(b)
        self.new_contacts: list[Contact] = []
        self.new_referrals: list[Referral] = []
        self.demo_cases: list[Case] = []

    # -- loading
    def _load(self) -> None:
        self.referrals = defaultdict(list)
        for row in (
            Referral.objects.order_by("referral_date", "pk")
            .values_list(
                "pk",
                "child_id",
                "referral_date",
                "primary_need",
                "contact__outcome",
                "contact__concern__category",
            )
            .iterator(chunk_size=5000)
        ):
            self.referrals[row[1]].append(row)
        self.contacts = defaultdict(list)  # child id -> decided contacts
        for row in (
            Contact.objects.filter(signed_off_at__isnull=False, child__isnull=False)
            .order_by("pk")
            .values_list("pk", "child_id", "received_at", "outcome", "level_of_need", "rag")
            .iterator(chunk_size=5000)
        ):
            self.contacts[row[1]].append(row)
        self.known = {}  # child id -> allocated on, in the base step's order
        for child_id, started in (
            Involvement.objects.filter(kind=InvolvementKind.ALLOCATED_WORKER)
            .order_by("pk")
            .values_list("child_id", "started_on")
        ):
            self.known.setdefault(child_id, started)

    # -- which referrals become which cases
    def plan(self) -> list[Case]:
        rng, wd, today = self.rng, self.wd, self.today
        self._load()
        self._pre_birth_referrals()
        cases: list[Case] = []
        by_child: dict[int, list[Case]] = {}
        for child_id in sorted(self.referrals):
            by_child[child_id] = self._child_cases(child_id)
            cases += by_child[child_id]
        self._choose_demo_cases(by_child)
        sim = Simulator(self.b, wd, self.disabled)
        for child_id in sorted(by_child):
            last_plan = None
            for case in by_child[child_id]:
                sim.run(case, had_plan=last_plan is not None)
                sim.cut(case)
                for plan in case.plans():
                    plan.previous = last_plan
                    last_plan = plan
                if case.d0 >= wd.add(today, -3) and not case.force and rng.random() < UNALLOCATED:
                    case.unallocated = True
        # The demo worker's CP plans: one child's visit is due in two working days, another's
        # is overdue.
        protection = [c for c in self.demo_cases if c.force == "cp" and c.plans()]
        for case, back in zip(protection, (8, 13), strict=False):
            case.plans()[-1].last_visit = case.visit_cap = wd.add(today, -back)
        return cases

    def _child_cases(self, child_id: int) -> list[Case]:
        rng = self.rng
        rows = self.referrals[child_id]
        allocated = self.known.get(child_id)
        cases = []
        for i, (ref_id, _, day, need, outcome, category) in enumerate(rows):
            nxt = rows[i + 1][2] if i + 1 < len(rows) else None
            if not category:
                cats, weights = CATEGORY_FOR_NEED.get(need, (["other"], [1]))
                category = rng.choices(cats, weights)[0]
            anchor = allocated is not None and nxt is None and day <= allocated
            cases.append(
                Case(
                    referral_id=ref_id,
                    child_id=child_id,
                    d0=day,
                    category=category,
                    strategy_contact=outcome == ContactOutcome.STRATEGY_DISCUSSION,
                    limit=nxt - timedelta(days=1) if nxt else None,
                    alloc_start=allocated
                    if anchor
                    else min(self.today, day + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))),
                )
            )
        return cases

    def _pre_birth_referrals(self) -> None:
        """Children allocated a worker before they were born have no referral: make the
        pre-birth contact (a midwife's call) and referral that opened their case."""
        rng, wd, today = self.rng, self.wd, self.today
        for child_id, allocated in sorted(self.known.items()):
            if self.referrals.get(child_id):
                continue
            person = self.people.get(child_id)
            if person is None or not (person.date_of_birth or person.expected_date):
                continue
            birth = person.date_of_birth or person.expected_date
            day = allocated - timedelta(days=rng.randint(0, 7))
            day = max(day, birth - timedelta(days=rng.randint(150, 220)))
            day = min(day, birth, wd.add(today, -3))
            weeks = max(12, 40 - (birth - day).days // 7)
            worker = rng.choice(self.staffing.mash_workers)
            received = self.clock.on(day, rng.randint(9, 15))
            decided = received + timedelta(minutes=rng.randint(60, 300))
            consent = rng.choice([Consent.GIVEN, Consent.NOT_SOUGHT])
            contact, referral = decided_call(
                self.b,
                rng,
                child_id=child_id,
                worker=worker,
                manager=self.staffing.mash_manager,
                received=received,
                decided=decided,
                consent=consent,
                summary=PRE_BIRTH_CALL.format(weeks=weeks, worry=rng.choice(PRE_BIRTH_WORRIES)),
                at_risk="the unborn baby",
                primary_need="N1",
            )
            self.new_contacts.append(contact)
            self.new_referrals.append(referral)
            category = rng.choice(["domestic_abuse", "parental_substance_misuse", "neglect"])
            self.referrals[child_id].append(
                (referral.pk, child_id, referral.referral_date, "N1", "referral", category)
            )
            self.known[child_id] = max(allocated, referral.referral_date)

    # -- the social worker's demo caseload
    def _choose_demo_cases(self, by_child: dict[int, list[Case]]) -> None:
        """Open cases with something of each kind due."""
        lasts = [cs[-1] for _, cs in sorted(by_child.items()) if cs and cs[-1].limit is None]
        lasts = [
            c for c in lasts if c.child_id not in self.disabled and self.people.get(c.child_id)
        ]
        wanted = self._demo_wanted()
        taken: set[int] = set()
        # One child on a CIN plan goes to the demo school, whose safeguarding lead is then
        # a member of the plan; and a disabled teenager on a CIN plan has no transition plan
        # yet (a gap on the demo worker's transition page).
        self._demo_cin(self._demo_pupils(lasts), taken, wanted)
        self._demo_cin(self._demo_teens(by_child, taken), taken, wanted)
        for force, low, high in wanted:
            pool = self._demo_pool(lasts, taken, force, low, high)
            if not pool:
                continue
            case = self.rng.choice(pool)
            case.force, case.demo = force, True
            case.strategy_contact = case.strategy_contact and force == "cp"
            if force.startswith("assessment") or force in {"cin", "open", "closing"}:
                case.strategy_contact = False
            taken.add(case.child_id)
            self.demo_cases.append(case)

    def _demo_cin(self, pool: list[Case], taken: set[int], wanted: list[tuple]) -> None:
        if pool:
            case = self.rng.choice(pool)
            case.force, case.demo, case.strategy_contact = "cin", True, False
            taken.add(case.child_id)
            self.demo_cases.append(case)
            wanted.remove(next(w for w in wanted if w[0] == "cin"))

    def _demo_wanted(self) -> list[tuple]:
        """(what the case is to show, referred from, to)."""
        wd, today = self.wd, self.today
        overdue_from = wd.add(today, -46)
        wanted = [
            ("assessment_overdue", today - timedelta(days=110), overdue_from - timedelta(days=2)),
            ("assessment_submitted", wd.add(today, -42), today - timedelta(days=20)),
            ("assessment", today - timedelta(days=30), today - timedelta(days=5)),
            ("cp", today - timedelta(days=420), today - timedelta(days=80)),
            ("cp", today - timedelta(days=420), today - timedelta(days=80)),
            ("cp", today - timedelta(days=500), today - timedelta(days=80)),
            ("closing", today - timedelta(days=400), today - timedelta(days=90)),
        ] + [("cin", today - timedelta(days=420), today - timedelta(days=60))] * 7
        wanted += [("open", today - timedelta(days=500), today - timedelta(days=60))] * 3
        if self.b.n_children / 60_000 < 0.5:
            wanted = wanted[:12]  # a small borough: fewer, so that others remain for the teams
        return wanted

    def _demo_pupils(self, lasts: list[Case]) -> list[Case]:
        school, today = self.b.organisations["demo_school"], self.today
        return [
            c
            for c in lasts
            if self.b.school_of.get(c.child_id) == school
            and c.d0 <= today - timedelta(days=45)
            and self.people[c.child_id].date_of_birth <= c.d0 - timedelta(days=5 * 365)
        ]

    def _demo_teens(self, by_child: dict[int, list[Case]], taken: set[int]) -> list[Case]:
        today = self.today
        teens = []
        for _, cases in sorted(by_child.items()):
            case = cases[-1]
            if (
                case.limit is not None
                or case.child_id not in self.disabled
                or case.child_id in taken
                or case.d0 > today - timedelta(days=45)
            ):
                continue
            born = self.people[case.child_id].date_of_birth
            if born and 14 <= (today - born).days / 365.25 < 17.5:
                teens.append(case)
        return teens

    def _demo_pool(self, lasts, taken, force, low, high) -> list[Case]:
        wd, today = self.wd, self.today
        pool = [c for c in lasts if low <= c.d0 <= high and c.child_id not in taken]
        if pool:
            return pool
        free = [c for c in lasts if c.child_id not in taken]
        if force == "assessment_overdue":  # the nearest to the window
            late = [c for c in free if c.d0 < high]
            return [max(late, key=lambda c: (c.d0, c.child_id))] if late else []
        if force.startswith("assessment"):
            return [c for c in free if wd.add(today, -44) <= c.d0 <= today - timedelta(3)]
        return [c for c in free if c.d0 <= today - timedelta(days=70)]

    def pick_intensive(self, cases: list[Case]) -> None:
        """Long, busy cases: their chronologies run to hundreds of entries."""
        wanted = max(3, round(INTENSIVE_CHILDREN_PER_60K * self.b.n_children / 60_000))
        long_open = [
            c
            for c in cases
            if c.closed_on is None
            and c.d0 <= self.today - timedelta(days=330)
            and (c.plans() or c.cins)
            and not c.demo
        ]
        for case in self.rng.sample(long_open, min(wanted, len(long_open))):
            case.intensive = True

    # -- the front door's view of open cases
    def contacts_follow(self, cases: list[Case]) -> int:
        """The front door passes a contact to the allocated team while the child's case is
        open, and decides it itself otherwise: make the contacts the front door history
        decided agree with the cases as they turned out here. How many changed."""
        changed = self._changed_contacts(cases)
        update(
            Contact,
            ["level_of_need", "outcome", "rationale", "rag"],
            [(level, str(out), why, str(rag), pk) for pk, level, out, why, rag in changed],
        )
        ct = content_type_id(Contact)
        update(
            ChronologyEntry,
            ["summary"],
            [
                (
                    f"{LevelOfNeed(level).label}: {ContactOutcome(out).label}. {why[:240]}",
                    EntryKind.CONTACT_DECISION.value,
                    ct,
                    str(pk),
                )
                for pk, level, out, why, _ in changed
            ],
            where=("kind", "source_type_id", "source_id"),
        )
        return len(changed)

    def _changed_contacts(self, cases: list[Case]) -> list[tuple]:
        """(contact id, level, outcome, rationale, RAG) for each contact to change."""
        rng = self.rng
        windows = defaultdict(list)
        for case in cases:
            end = self.today if case.closed_on is None or case.closure_pending else case.closed_on
            windows[case.child_id].append((case.d0, end))
        changed = []
        for child_id in sorted(self.contacts):
            spans = windows.get(child_id, [])
            for pk, _, received, outcome, level, rag in self.contacts[child_id]:
                if outcome not in BELOW_THRESHOLD and outcome != ContactOutcome.OPEN_CASE:
                    continue
                day = received.astimezone(LONDON).date()
                is_open = any(start < day <= end for start, end in spans)
                if is_open and outcome in BELOW_THRESHOLD:
                    new_level = max(level or 3, LevelOfNeed.COMPLEX)
                    new_rag = RAG.AMBER if new_level != level else rag
                    changed.append(
                        (pk, new_level, ContactOutcome.OPEN_CASE, OPEN_CASE_RATIONALE, new_rag)
                    )
                elif not is_open and outcome == ContactOutcome.OPEN_CASE:
                    new_level = rng.choices([1, 2, 3], [3, 4, 3])[0]
                    outcomes = OUTCOMES_FOR_LEVEL[LevelOfNeed(new_level)]
                    new_outcome = rng.choice(sorted(outcomes - {ContactOutcome.OPEN_CASE}))
                    why = RATIONALE[(new_level, new_outcome)]
                    new_rag = RAG.AMBER if new_level == 3 else RAG.GREEN
                    changed.append((pk, new_level, new_outcome, why, new_rag))
        return changed


def disabled_children(b: "Borough") -> set[int]:
    return {p.pk for p in b.children if p.disabilities and p.disabilities != ["NONE"]}
