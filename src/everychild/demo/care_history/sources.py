"""Where the periods of care come from: the children the casework step brought into care,
care cases of this step's own (a call to the front door, the referral, and the case written
by the casework step's writer), and young adults who left care before the history began."""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import date, timedelta

from django.db.models import Count

from everychild.care.services.leavers import birthday_on
from everychild.casework.models import Recommendation
from everychild.demo import names as name_lists
from everychild.demo import places
from everychild.demo.care_history.carers import postcode_elsewhere
from everychild.demo.care_history.history import CareHistory
from everychild.demo.care_history.periods import CASEWORK_TRAJECTORIES, FAR, Period, age_of
from everychild.demo.care_history.text import EMERGENCY_CALLS, PLANNED_CALLS
from everychild.demo.casework_history.cases import (
    Case,
    Segment,
    assessment_end,
    assessment_start,
    casework_days,
)
from everychild.demo.casework_history.planning import disabled_children
from everychild.demo.casework_history.rows import CaseRows
from everychild.demo.casework_history.teams import CaseTeams, Staffing
from everychild.demo.frontdoor_history.contacts import decided_call
from everychild.demo.identities import NhsNumbers, current_name, postcode
from everychild.demo.writer import Involvement, InvolvementKind, bulk
from everychild.frontdoor.models import Consent, Contact, Referral
from everychild.people.models import Address, Person, PersonAddress, PersonKind, PersonName
from everychild.workforce.models import Allocation

IN_CARE_PER_CHILD = 1 / 200  # about 300 children in care on `today` per 60,000
YOUNG_ADULT_LEAVERS_PER_CHILD = 0.004  # care leavers aged 18 to 21 (added by this step)
NEW_PERSON_NHS_BASE = 480_000_000  # away from the borough's own NHS numbers
# Age on coming into care (years, low and high) and how often (SSDA903: a fifth are babies).
ENTRY_AGES = (
    [(0, 0.15), (0.15, 1), (1, 5), (5, 10), (10, 16), (16, 17.6)],
    [9, 6, 14, 17, 38, 16],
)
# The CIN census reason a case closes with, after the period of care ended this way.
CLOSURE_FOR_CEASED = {
    "E11": "RC1",
    "E12": "RC1",
    "E41": "RC3",
    "E45": "RC4",
    "E46": "RC4",
    "E47": "RC4",
    "E48": "RC4",
    "E3": "RC5",
}


def young_adult_leavers(n_children: int) -> int:
    """How many care leavers aged 18 to 21 the step adds to the borough's children."""
    return round(n_children * YOUNG_ADULT_LEAVERS_PER_CHILD)


# ---- the casework step's children in care --------------------------------------------------------


def casework_periods(h: CareHistory) -> None:
    """A period for each time the casework step brought a child into care."""
    b = h.b
    care_teams = {b.teams["care_1"].pk, b.teams["care_2"].pk}
    runs: dict[int, list[date]] = defaultdict(list)
    for child_id, started, reason in (
        Allocation.objects.filter(team_id__in=care_teams)
        .order_by("child_id", "started_on", "pk")
        .values_list("child_id", "started_on", "change_reason")
    ):
        if reason == "TSPROC" or not runs[child_id]:
            runs[child_id].append(started)
    children = sorted(c for c in runs if c in h.people)
    iros = defaultdict(list)
    for pk, child_id, staff_id, started, ended in Involvement.objects.filter(
        kind=InvolvementKind.CONFERENCE_CHAIR, child_id__in=children
    ).values_list("pk", "child_id", "staff_id", "started_on", "ended_on"):
        iros[child_id].append((started, pk, staff_id, ended))
    referrals = defaultdict(list)
    for pk, child_id, day, closed, need in (
        Referral.objects.filter(child_id__in=children)
        .order_by("referral_date", "pk")
        .values_list("pk", "child_id", "referral_date", "closed_on", "primary_need")
    ):
        referrals[child_id].append((day, pk, closed, need))
    homes = h.postcodes(children)
    for child_id in children:
        child = h.people[child_id]
        if child.kind != PersonKind.CHILD or child.date_of_birth is None:
            continue
        for allocated in runs[child_id]:
            found = sorted(
                i for i in iros[child_id] if allocated - timedelta(days=5) <= i[0] <= allocated
            )
            start = found[-1][0] if found else allocated
            _casework_period(h, child, start, referrals[child_id], found, homes)
    h.counts["casework"] = len(h.periods)


def _casework_period(h: CareHistory, child: Person, start: date, referrals, found, homes):
    """The period from `start`, if the case was open and the child not in care already."""
    previous = [r for r in referrals if r[0] <= start]
    if not previous or start < child.date_of_birth:
        return
    day, referral_id, closed, need = previous[-1]
    if closed is not None and closed <= start:
        return
    if any(p.child.pk == child.pk and (p.end or FAR) >= start for p in h.periods):
        return
    age = age_of(child.date_of_birth, start)
    if age >= 17.9:
        return
    period = Period(
        child=child,
        start=start,
        category=need if need in {f"N{n}" for n in range(1, 9)} else "N1",
        trajectory=h.simulator.trajectory(age, CASEWORK_TRAJECTORIES),
        source="casework",
        referral_id=referral_id,
        home_postcode=homes.get(child.pk, ""),
        emergency=(start - day).days <= 3,
    )
    if found:
        _, pk, staff_id, _ = found[-1]
        period.iro_involvement = pk
        period.iro = h.staff_by_pk.get(staff_id) or h.rng.choice(h.chairs)
    h.simulator.simulate(period, hard_end=closed)
    h.periods.append(period)


# ---- care cases of this step's own ---------------------------------------------------------------


class NewCases:
    """Children not yet in the story who come into care: a call to the front door, the
    referral, the single assessment recommending care, the case and the period."""

    def __init__(self, h: CareHistory):
        self.h, self.b, self.rng, self.today = h, h.b, h.rng, h.today
        busy = set(Contact.objects.exclude(child=None).values_list("child_id", flat=True))
        busy |= set(Referral.objects.values_list("child_id", flat=True))
        busy |= set(Allocation.objects.values_list("child_id", flat=True))
        pool = sorted(
            (p.date_of_birth, p.pk)
            for p in self.b.children
            if p.kind == PersonKind.CHILD
            and p.identity_verified
            and p.date_of_birth is not None
            and p.died_on is None
            and p.pk not in busy
        )
        self.pool_days = [d for d, _ in pool]
        self.pool_ids = [pk for _, pk in pool]
        self.taken: set[int] = set()
        self.cases: list[Case] = []
        self.contacts: list[Contact] = []
        self.referrals: list[Referral] = []
        self.periods: list[Period] = []

    def make(self) -> None:
        """Until about IN_CARE_PER_CHILD of the borough's children are in care today."""
        h, rng, today = self.h, self.rng, self.today
        target = round(self.b.n_children * IN_CARE_PER_CHILD)
        have = sum(1 for p in h.periods if p.end is None)
        # The demo worker's child in care, and an adoption already made (a small borough may
        # need a few tries to find a child of the age).
        for attempt in range(12):
            wider = attempt > 3
            demo = self.new_case(
                age_range=(8, 15) if wider else (10.5, 13),
                d0=today - timedelta(days=rng.randint(480, 540)),
                demo=True,
            )
            if demo is not None:
                break
        for attempt in range(12):
            adopted = self.new_case(
                age_range=(0, 3) if attempt > 3 else (0.05, 1.5),
                d0=today - timedelta(days=rng.randint(900, 960)),
                trajectory="adoption",
                deadline=today - timedelta(days=rng.randint(70, 120)),
            )
            if adopted is not None:
                break
        have += sum(1 for p in self.periods if p.end is None)
        tries = 0
        while have < target and tries < 8 * target + 20:
            tries += 1
            period = self.new_case()
            if period is not None and period.end is None:
                have += 1
        homes = h.postcodes([p.child.pk for p in self.periods])
        for period in self.periods:
            period.home_postcode = homes.get(period.child.pk, "")
        self._write_cases()
        h.counts["new"] = len(self.periods)

    def _child_aged(self, low: float, high: float, on: date) -> Person | None:
        """A child not yet in the story, aged `low` to `high` on `on`."""
        rng = self.rng
        earliest = on - timedelta(days=int(high * 365.25))
        latest = on - timedelta(days=int(low * 365.25))
        i, j = bisect_left(self.pool_days, earliest), bisect_right(self.pool_days, latest)
        if j <= i:
            return None
        for _ in range(12):
            pk = self.pool_ids[rng.randrange(i, j)]
            if pk not in self.taken:
                self.taken.add(pk)
                return self.h.people[pk]
        return None

    def new_case(self, age_range=None, d0=None, trajectory=None, deadline=None, demo=False):
        h, rng, today = self.h, self.rng, self.today
        emergency = not demo and trajectory is None and rng.random() < 0.35
        if age_range is None:
            bands, weights = ENTRY_AGES
            age_range = rng.choices(bands, weights)[0]
        if d0 is None:
            last = today - timedelta(days=8 if emergency else 80)
            d0 = h.between(h.window_start, last)
        child = self._child_aged(*age_range, d0)
        if child is None:
            return None
        if trajectory is None:
            trajectory = "long" if demo else h.simulator.trajectory(age_of(child.date_of_birth, d0))
        emergency = emergency or trajectory == "remand"
        # The single assessment, as the casework step times one.
        a_due, a_start, a_seen = assessment_start(rng, h.wd, d0, today)
        a_auth, a_submitted = assessment_end(rng, h.wd, a_start, a_due, a_seen)
        if emergency:
            start = d0 + timedelta(days=rng.choice([0, 0, 0, 1, 2]))
        else:
            start = a_auth + timedelta(days=rng.randint(0, 20))
        if start >= today - timedelta(days=2) or start < child.date_of_birth:
            self.taken.discard(child.pk)
            return None
        age = age_of(child.date_of_birth, start)
        kind = "remand" if trajectory == "remand" else _entry_band(age)
        calls = EMERGENCY_CALLS if emergency else PLANNED_CALLS
        summary, category, need = rng.choice(calls[kind])
        period = Period(
            child=child,
            start=start,
            category=need,
            trajectory=trajectory,
            source="new",
            emergency=emergency,
            demo=demo,
        )
        if deadline:
            period.adoption = {"deadline": deadline}
        h.simulator.simulate(period)
        referral = self._call(child, d0, summary, need, emergency)
        period.referral_id = referral.pk
        case = self._case(period, referral, d0, category)
        case.a_due, case.a_start = a_due, a_start
        case.a_seen = a_seen if a_seen <= today else None
        case.a_auth = a_auth if a_auth <= today else None
        case.a_submitted = a_submitted if a_submitted <= today else None
        self._case_teams(case, period)
        self.cases.append(case)
        self.periods.append(period)
        h.periods.append(period)
        return period

    def _case(self, period: Period, referral: Referral, d0: date, category: str) -> Case:
        """The case, for the casework step's writer."""
        return Case(
            referral_id=referral.pk,
            child_id=period.child.pk,
            d0=referral.referral_date,
            category=category,
            strategy_contact=False,
            limit=None,
            alloc_start=min(self.today, d0 + timedelta(days=self.rng.choice([0, 0, 0, 1, 1, 2]))),
        )

    def _case_teams(self, case: Case, period: Period) -> None:
        """Assessed, then held by a children in care team; closed some weeks after the
        period of care ended."""
        rng, today = self.rng, self.today
        case.recommendation = Recommendation.LOOKED_AFTER
        case.assessment_team = rng.choice(["assessment_1", "assessment_2"])
        case.care_team = rng.choice(["care_1", "care_2"])
        case.looked_after = period.start
        case.demo = period.demo
        case.segs = [Segment(case.alloc_start, "assessment")]
        if not period.demo:  # (the demo worker holds their child in care in a CIN team)
            care_from = period.start + timedelta(days=rng.randint(0, 5))
            care_from = max(care_from, case.alloc_start + timedelta(days=1))
            case.segs.append(Segment(min(care_from, today), "care", "TSPROC"))
        if period.end is not None:
            closed = period.end + timedelta(days=rng.randint(10, 60))
            if closed < today - timedelta(days=5):
                case.closed_on = closed
                case.reason = CLOSURE_FOR_CEASED.get(period.reason, "RC7")

    def _call(self, child: Person, d0: date, summary: str, need: str, emergency: bool):
        """The call to the front door about a child, and the referral it opened (as the
        casework step makes a pre-birth referral)."""
        h, rng = self.h, self.rng
        worker = rng.choice(h.mash_workers)
        received = h.at(d0, rng.randint(8, 20))
        decided = received + timedelta(minutes=rng.randint(45, 300))
        consent = rng.choice([Consent.GIVEN, Consent.NOT_SOUGHT])
        contact, referral = decided_call(
            self.b,
            rng,
            child_id=child.pk,
            worker=worker,
            manager=h.mash_manager,
            received=received,
            decided=decided,
            consent=consent,
            summary=summary.format(name=child.given_name or "the baby"),
            at_risk="the child",
            primary_need=need,
            emergency=emergency,
        )
        self.contacts.append(contact)
        self.referrals.append(referral)
        return referral

    def _write_cases(self) -> None:
        """The new cases' front door records and casework, by the casework step's writer."""
        b, h = self.b, self.h
        staffing = Staffing.load(b)
        teams = CaseTeams(b, staffing)
        for case in self.cases:
            teams.finish_segments(case)
        teams.agency_workers(self._open_by_team())
        teams.assign(self.cases)
        h.care_workers = staffing.social_workers["care_1"] + staffing.social_workers["care_2"]
        for worker in h.care_workers:
            h.staff_by_pk[worker.pk] = worker
        # The IRO's involvement is written with the period of care.
        rows = CaseRows(b, h.clock, casework_days(b.today), staffing, disabled_children(b), False)
        rows.write(self.cases, self.contacts, self.referrals)

    def _open_by_team(self) -> dict[str, int]:
        """Children in care teams' open cases, the casework step's and these: teams whose
        caseloads would run above the casework step's target take on agency workers."""
        team_keys = {t.pk: k for k, t in self.b.teams.items()}
        open_by_team: dict[str, int] = defaultdict(int)
        for team_id, count in (
            Allocation.objects.filter(ended_on__isnull=True, worker__isnull=False)
            .values_list("team_id")
            .annotate(n=Count("pk"))
        ):
            if team_keys.get(team_id, "").startswith("care_"):
                open_by_team[team_keys[team_id]] += count
        for case in self.cases:
            if case.closed_on is None and not case.demo:
                open_by_team[case.care_team] += 1
        return dict(open_by_team)


def _entry_band(age: float) -> str:
    return "baby" if age < 1 else "child" if age < 13 else "teen"


# ---- care leavers aged 18 to 21 ------------------------------------------------------------------


def young_adults(h: CareHistory) -> None:
    """Care leavers aged 18 to 21: new to the index, with the care of their childhood."""
    b, rng = h.b, h.rng
    people, names, addresses, residences = [], [], [], []
    nhs = NhsNumbers(rng, NEW_PERSON_NHS_BASE)
    for _ in range(young_adult_leavers(b.n_children)):
        person = _young_adult(h, nhs)
        people.append(person)
        names.append(current_name(person))
        street = rng.choice(places.STREETS)
        home = Address(
            id=b.next_id(Address),
            line_1=f"Flat {rng.randint(1, 80)}, {rng.choice(places.ESTATE_BLOCKS)}",
            line_2=street,
            postcode=postcode(rng) if rng.random() < 0.65 else postcode_elsewhere(rng),
        )
        addresses.append(home)
        residences.append(
            PersonAddress(
                person_id=person.pk,
                address=home,
                moved_in=min(
                    birthday_on(person.date_of_birth, 18) + timedelta(days=rng.randint(0, 200)),
                    h.today,  # they moved in before today (some turned 18 lately)
                ),
            )
        )
        b.children.append(person)
        h.people[person.pk] = person
        h.periods.append(_childhood_care(h, person))
    bulk(Person, people)
    bulk(PersonName, names)
    bulk(Address, addresses)
    bulk(PersonAddress, residences)


def _young_adult(h: CareHistory, nhs: NhsNumbers) -> Person:
    b, rng = h.b, h.rng
    communities = list(name_lists.COMMUNITIES)
    weights = [c[3] for c in name_lists.COMMUNITIES.values()]
    community = rng.choices(communities, weights)[0]
    ethnicity, language, religion, _ = name_lists.COMMUNITIES[community]
    boy = rng.random() < 0.56
    born = h.today - timedelta(days=int(rng.uniform(18.02, 21.98) * 365.25))
    number = nhs.next()
    return Person(
        id=b.next_id(Person),
        kind=PersonKind.CHILD,
        given_name=b.namer.given(community, boy),
        family_name=b.namer.family(community),
        date_of_birth=born,
        gender="M" if boy else "F",
        ethnicity=ethnicity,
        first_language=language,
        religion=religion,
        disabilities=["NONE"] if rng.random() < 0.9 else [rng.choice(["LD", "AUT", "BEH"])],
        nhs_number=number,
    )


def _childhood_care(h: CareHistory, person: Person) -> Period:
    """Their care: from childhood to 18 (or to 16 or 17)."""
    rng, born = h.rng, person.date_of_birth
    roll = rng.random()
    if roll < 0.05:  # qualifying: came into care a few weeks before 18
        age_in = rng.uniform(17.75, 17.9)
    elif roll < 0.2:
        age_in = rng.uniform(3, 8)
    elif roll < 0.45:
        age_in = rng.uniform(8, 13)
    else:
        age_in = rng.uniform(13, 16.5)
    period = Period(
        child=person,
        start=born + timedelta(days=int(age_in * 365.25)),
        category=rng.choices(["N1", "N4", "N5", "N8"], [70, 10, 10, 10])[0],
        trajectory="long" if age_in < 13 else "teen",
        source="historic",
        home_postcode=postcode(rng),
        worker=rng.choice(h.care_workers),
        iro=rng.choice(h.chairs),
    )
    h.simulator.simulate(period)
    # They left care at 16 or later (or they would not be care leavers).
    sixteen, eighteen = birthday_on(born, 16), birthday_on(born, 18)
    if period.end < sixteen + timedelta(days=60):
        period.end = eighteen
        period.reason = h.simulator.reason_for(period, "eighteen")
    return period
