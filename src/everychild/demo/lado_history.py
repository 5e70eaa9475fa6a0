"""The LADO's history in the synthetic borough: four years of allegations against people who
work or volunteer with children, and the LADO's awareness work with agencies and community
and faith groups.

Volumes follow a borough of 60,000 children: about 75 referrals a year, most about staff in
education, then early years, health, foster carers, faith groups, sport, the voluntary
sector, transport, the police and social care (a small borough still gets MIN_ALLEGATIONS, so
that its LADO pages are worth looking at). Each allegation is about an adult (new to the
person index, or someone referred before), names the children involved from the borough's
own children, and runs from the initial consideration (mostly within the working day),
through strategy or evaluation meetings with owned, dated actions and the employer's
actions, to an outcome at the national rates (about 35% substantiated, 30% unsubstantiated,
25% unfounded, 7% false and 3% malicious), mostly within the guidance's one- and three-month
targets but not always. About 25 are still open, some with overdue actions. The engagement
log reaches schools often and faith groups and sports clubs rarely, so the dashboard's
"which sectors refer least" view has something to say.

Like every demo step it writes with bulk inserts and explicit ids, deterministically from
the borough's random generator, and writes no per-row audit.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from everychild.core.calendar import add_working_days, age_in_years, next_working_day
from everychild.demo import names as name_lists
from everychild.demo.chance import pick
from everychild.demo.identities import current_name
from everychild.demo.writer import bulk
from everychild.lado.models import (
    Allegation,
    AllegationAction,
    AllegationMeeting,
    EmployerAction,
    Engagement,
    Sector,
)
from everychild.organisations.models import Organisation, OrganisationKind
from everychild.people.models import Person, PersonKind, PersonName

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

YEARS = 4
PER_60K_CHILDREN = 300  # allegations over the four years
MIN_ALLEGATIONS = 40
OPEN_PER_300 = 25  # still open now
REPEAT_SUBJECT_SHARE = 0.05

SECTOR_WEIGHTS = {
    Sector.EDUCATION: 40,
    Sector.EARLY_YEARS: 14,
    Sector.HEALTH: 11,
    Sector.FOSTER_CARER: 9,
    Sector.FAITH: 5,
    Sector.SPORT: 4.5,
    Sector.VOLUNTARY: 4,
    Sector.TRANSPORT: 3.5,
    Sector.POLICE: 3,
    Sector.SOCIAL_CARE: 2.5,
}
MALE_SHARE = {
    Sector.EDUCATION: 0.55,
    Sector.EARLY_YEARS: 0.15,
    Sector.HEALTH: 0.45,
    Sector.FOSTER_CARER: 0.5,
    Sector.FAITH: 0.85,
    Sector.SPORT: 0.85,
    Sector.VOLUNTARY: 0.6,
    Sector.TRANSPORT: 0.9,
    Sector.POLICE: 0.75,
    Sector.SOCIAL_CARE: 0.45,
}
ROLES = {
    Sector.EDUCATION: [
        "Class teacher",
        "Teaching assistant",
        "PE teacher",
        "Head of year",
        "Supply teacher",
        "Lunchtime supervisor",
        "Learning mentor",
        "Deputy head teacher",
        "Site manager",
        "Music tutor",
    ],
    Sector.EARLY_YEARS: ["Nursery practitioner", "Room leader", "Childminder", "Nursery manager"],
    Sector.HEALTH: ["Paediatric nurse", "Healthcare assistant", "GP", "Physiotherapist", "Porter"],
    Sector.FOSTER_CARER: ["Foster carer", "Foster carer (connected person)"],
    Sector.FAITH: ["Madrasah teacher", "Sunday school leader", "Youth worker", "Imam", "Priest"],
    Sector.SPORT: ["Coach", "Assistant coach", "Club volunteer", "Team manager"],
    Sector.VOLUNTARY: ["Youth worker", "Volunteer mentor", "Play worker", "Project worker"],
    Sector.TRANSPORT: ["Minibus driver", "Passenger assistant", "Taxi driver", "Bus driver"],
    Sector.POLICE: ["Police constable", "Police community support officer", "Detective sergeant"],
    Sector.SOCIAL_CARE: ["Residential care worker", "Social worker", "Family support worker"],
}
TYPED_EMPLOYERS = {
    Sector.EARLY_YEARS: [
        "Little Acorns Day Nursery",
        "Busy Bees Nursery, Mile End",
        "Rainbow Childcare",
        "Registered childminder",
        "Tiny Steps Montessori",
    ],
    Sector.FOSTER_CARER: [
        "Orchard Fostering (independent agency)",
        "Capstone Foster Care",
        "Compass Fostering",
    ],
    Sector.FAITH: ["St Mary's Church", "Brick Lane Mosque Madrasah", "East End Gurdwara"],
    Sector.SPORT: [
        "Island Youth FC",
        "Mile End Swimming Club",
        "Victoria Park Cricket Club",
        "East London Gymnastics",
    ],
    Sector.VOLUNTARY: ["Scouts, 3rd Poplar Group", "Stepney Holiday Play Scheme"],
    Sector.TRANSPORT: [
        "Borough school transport (SEN)",
        "Eastway Private Hire",
        "London bus operator",
    ],
    Sector.SOCIAL_CARE: ["Riverside Children's Home (private)", "Oakwood Residential School"],
}
# Allegation templates: what is alleged, the harm tests it meets, the sectors it fits (None:
# any) and how many children from the index it names.
TEMPLATES = [
    (
        "{child} told {witness} that {who} grabbed {pos} arm and pushed {obj} against a wall "
        "when {pron} would not line up. A red mark was seen on {pos} upper arm.",
        ["harm", "criminal"],
        None,
        1,
    ),
    (
        "Parents say {who} shouted at the children and dragged {child} across the room by the "
        "wrist; two other children saw it.",
        ["harm"],
        None,
        2,
    ),
    (
        "{child}'s mother found messages from {who} on {pos} phone, sent late at night on a "
        "social media app, asking {obj} to keep their chats secret.",
        ["harm", "unsuitable"],
        None,
        1,
    ),
    (
        "{child} told {witness} that {who} touched {obj} inappropriately during a one-to-one "
        "session.",
        ["harm", "criminal"],
        None,
        1,
    ),
    (
        "{who} followed several children on a personal social media account and commented on "
        "their photographs.",
        ["unsuitable"],
        None,
        2,
    ),
    (
        "Police were called to {who_name}'s home after a domestic incident in which {spron} "
        "assaulted {spos} partner; {spos} own children were present.",
        ["transferable"],
        None,
        0,
    ),
    (
        "{who_name} was arrested on suspicion of possessing indecent images of children.",
        ["criminal", "unsuitable"],
        None,
        0,
    ),
    (
        "{child} said {who} repeatedly called {obj} names in front of others and told {obj} "
        "{pron} was stupid.",
        ["harm"],
        None,
        1,
    ),
    (
        "{who} held {child} on the floor for several minutes during an incident; colleagues "
        "said it was not a hold staff are trained to use.",
        ["harm"],
        [Sector.EDUCATION, Sector.SOCIAL_CARE, Sector.HEALTH],
        1,
    ),
    (
        "{child}, who is autistic, came off the {vehicle} distressed and told {pos} mother the "
        "driver had slapped {obj}.",
        ["harm", "criminal"],
        [Sector.TRANSPORT],
        1,
    ),
    (
        "{child} told {pos} social worker that {pos} foster carer hit {obj} with a slipper and "
        "locked {obj} in {pos} room.",
        ["harm", "criminal"],
        [Sector.FOSTER_CARER],
        1,
    ),
    (
        "{who} arrived to run a session smelling strongly of alcohol and then drove children home.",
        ["unsuitable"],
        [Sector.SPORT, Sector.VOLUNTARY, Sector.FAITH, Sector.TRANSPORT],
        2,
    ),
    (
        "A colleague saw {who} force-feed {child} and hold {pos} hands down when {pron} cried.",
        ["harm"],
        [Sector.EARLY_YEARS],
        1,
    ),
    (
        "{who} bought {child} gifts and offered {obj} extra one-to-one sessions away from the "
        "club, telling {obj} not to tell {pos} parents.",
        ["harm", "unsuitable"],
        [Sector.SPORT, Sector.FAITH, Sector.VOLUNTARY],
        1,
    ),
    (
        "{child} said {who} hit {obj} on the hand with a ruler for getting a recitation wrong.",
        ["harm", "criminal"],
        [Sector.FAITH],
        1,
    ),
]
WITNESSES = ["a teaching assistant", "a friend's parent", "the class teacher", "a club volunteer"]
OUTCOMES = [
    ("substantiated", 35),
    ("unsubstantiated", 30),
    ("unfounded", 25),
    ("false", 7),
    ("malicious", 3),
]
BASES = {
    "substantiated": "There is sufficient evidence to prove the allegation: {evidence}",
    "unsubstantiated": "There is insufficient evidence either to prove or disprove the "
    "allegation: {evidence}",
    "unfounded": "There is no evidence or proper basis to support the allegation: {evidence}",
    "false": "There is sufficient evidence to disprove the allegation: {evidence}",
    "malicious": "There is clear evidence of a deliberate act to deceive: {evidence}",
}
EVIDENCE = {
    "substantiated": [
        "consistent accounts from the child and two witnesses, and CCTV of the incident.",
        "the messages themselves, recovered by the police, and the person's own admission.",
        "a colleague saw it happen and the injury was recorded by the school nurse.",
    ],
    "unsubstantiated": [
        "the accounts conflict and nobody else saw what happened.",
        "the child's account was consistent but there is no corroboration.",
        "the police took no further action and the employer's investigation was inconclusive.",
    ],
    "unfounded": [
        "the person was not at work on the day described.",
        "the child had misunderstood a routine instruction, as the child later explained.",
        "CCTV shows no contact of the kind described.",
    ],
    "false": [
        "CCTV shows the incident did not happen as described.",
        "two independent witnesses contradict the account.",
    ],
    "malicious": [
        "the child told the police a friend had persuaded them to make it up after a detention.",
        "the parent who reported it admitted inventing it during a dispute with the club.",
    ],
}
EXCEPTIONAL = [
    "The criminal trial was adjourned twice; the employer's process waited for its verdict.",
    "The police investigation needed a forensic examination of devices that took ten months.",
    "The person was on long-term sick leave and could not be interviewed until they returned.",
]
POLICE_RESULTS = {
    "substantiated": [
        "Charged with assault by beating; convicted at the magistrates' court.",
        "Conditional caution.",
        "Charged; awaiting trial at the Crown Court.",
    ],
    "other": [
        "No further action: insufficient evidence.",
        "No further action: the family did not support a prosecution.",
        "No further action: no offence disclosed.",
    ],
}
SOCIAL_CARE_RESULTS = [
    "Single assessment completed: no further action for children's social care.",
    "Strategy discussion held; a section 47 enquiry was not needed.",
    "The family accepted early help.",
]
ACTIONS = [
    ("Interview the child (achieving best evidence)", "police"),
    ("Check CCTV and the incident log", "employer"),
    ("Risk assessment: can the person stay in work?", "employer"),
    ("Speak to the parents and share the plan", "employer"),
    ("Check for other children who may have been affected", "employer"),
    ("Share the referral with children's social care", "LADO"),
    ("Seize and examine devices", "police"),
    ("Report the employer's investigation findings to the LADO", "employer"),
    ("Check the person's other employment or volunteering", "LADO"),
    ("Update the fostering panel", "employer"),
]
ENGAGEMENT_TOPICS = [
    "Safer recruitment and when to contact the LADO",
    "Managing low-level concerns about staff",
    "Keeping Children Safe in Education: what changed this year",
    "Allegations against staff and volunteers: the process, step by step",
    "Safe online contact between staff and children",
    "Positive handling and restraint: what is and is not acceptable",
    "Whistleblowing and raising concerns about colleagues",
]


@dataclass
class _Case:
    received_at: datetime
    sector: str
    outcome: str
    subject: Person
    employer: Organisation | None
    employer_name: str
    role: str
    children: list[Person] = field(default_factory=list)
    outcome_on: date | None = None
    exceptional: str = ""


def _groups(b: "Borough") -> dict[str, list[Organisation]]:
    """The community groups by kind: faith groups, sports clubs and the rest."""
    groups: dict[str, list[Organisation]] = defaultdict(list)
    for key, org in b.organisations.items():
        if not key.startswith("group_"):
            continue
        if "Boxing" in org.name:
            groups["sport"].append(org)
        elif org.kind == OrganisationKind.FAITH:
            groups["faith"].append(org)
        else:
            groups["voluntary"].append(org)
    return groups


def _employer(b: "Borough", sector: str, groups) -> tuple[Organisation | None, str]:
    rng = b.rng
    typed = TYPED_EMPLOYERS.get(sector, [])
    if sector == Sector.EDUCATION:
        return rng.choice(b.schools + b.secondaries), ""
    if sector == Sector.HEALTH:
        health = [b.organisations["acute_trust"], b.organisations["community_health"]]
        return rng.choice(health * 3 + b.gp_practices), ""
    if sector == Sector.POLICE:
        return b.organisations["police"], ""
    if sector == Sector.FOSTER_CARER and rng.random() < 0.6:
        return b.organisations["council"], ""  # the council's own fostering service
    if sector == Sector.SOCIAL_CARE and rng.random() < 0.5:
        return b.organisations["council"], ""
    own = groups.get(sector, [])
    if own and rng.random() < 0.5:
        return rng.choice(own), ""
    return None, rng.choice(typed) if typed else "Not known"


def _subject(b: "Borough", sector: str, received: date) -> tuple[Person, PersonName]:
    rng = b.rng
    community = pick(rng, {c: v[3] for c, v in name_lists.COMMUNITIES.items()})
    locale = b.namer.locale_for(community)
    male = rng.random() < MALE_SHARE[sector]
    given = b.namer.given(community, male, locale)
    family = b.namer.family(community, locale)
    ethnicity, language, religion, _ = name_lists.COMMUNITIES[community]
    age = rng.uniform(28, 66) if sector == Sector.FOSTER_CARER else rng.uniform(19, 62)
    person = Person(
        id=b.next_id(Person),
        kind=PersonKind.ADULT,
        given_name=given,
        family_name=family,
        gender="M" if male else "F",
        date_of_birth=received - timedelta(days=int(age * 365.25)),
        ethnicity=ethnicity,
        first_language=language,
        religion=religion,
        created_by=b.accounts["lado"],
    )
    return person, current_name(person)


def _children_for(b: "Borough", case: _Case, n: int, pupils) -> list[Person]:
    """`n` children of an age to be there when it happened (the school's own pupils, for a
    school)."""
    rng = b.rng
    day = case.received_at.date()
    low, high = {Sector.EARLY_YEARS: (0, 5), Sector.EDUCATION: (4, 17)}.get(case.sector, (2, 17))
    pool = pupils.get(case.employer.id, []) if case.employer else []
    pool = pool if len(pool) >= 3 else b.children
    chosen: list[Person] = []
    for _ in range(40 * max(n, 1)):
        if len(chosen) >= n:
            break
        child = rng.choice(pool)
        if child.kind != PersonKind.CHILD or child in chosen or child.date_of_birth > day:
            continue
        if low <= age_in_years(child.date_of_birth, day) <= high:
            chosen.append(child)
    return chosen


def _pronouns(gender: str) -> dict:
    if gender == "M":
        return {"pron": "he", "obj": "him", "pos": "his"}
    return {"pron": "she", "obj": "her", "pos": "her"}


def _description(b: "Borough", case: _Case, template) -> str:
    text, _, _, _ = template
    child = case.children[0] if case.children else None
    subject = case.subject
    title = "Mr" if subject.gender == "M" else "Ms"
    who = (
        f"{title} {subject.family_name}"
        if case.sector != Sector.EARLY_YEARS
        else subject.given_name
    )
    words = {
        "who": who,
        "who_name": subject.full_name,
        "spron": "he" if subject.gender == "M" else "she",
        "spos": "his" if subject.gender == "M" else "her",
        "child": child.given_name if child else "A child",
        "witness": b.rng.choice(WITNESSES),
        "vehicle": "school minibus" if "minibus" in case.role.lower() else "bus",
        **_pronouns(child.gender if child else "F"),
    }
    return text.format(**words)


def _time_to_outcome(b: "Borough", received: date) -> tuple[date, str]:
    """When the outcome came, mostly within a month, sometimes much later."""
    rng = b.rng
    roll = rng.random()
    if roll < 0.83:
        return min(
            received + timedelta(days=rng.randint(3, 30)), received + relativedelta(months=1)
        ), ""
    if roll < 0.94:
        low, high = received + relativedelta(months=1), received + relativedelta(months=3)
    elif roll < 0.985:
        low, high = received + relativedelta(months=3), received + relativedelta(months=12)
    else:
        low, high = received + relativedelta(months=12), received + relativedelta(months=17)
        return low + timedelta(days=rng.randint(1, (high - low).days)), rng.choice(EXCEPTIONAL)
    return low + timedelta(days=rng.randint(1, (high - low).days)), ""


def _consequences(b: "Borough", outcome: str, sector: str) -> list[str]:
    rng = b.rng
    if outcome == "substantiated":
        if rng.random() < 0.55:
            chosen = ["dismissal"] + (["dbs"] if rng.random() < 0.9 else [])
        else:
            chosen = [rng.choice(["warning", "training"])]
        regulated = {Sector.EDUCATION, Sector.HEALTH, Sector.SOCIAL_CARE, Sector.EARLY_YEARS}
        if sector in regulated and rng.random() < 0.35:
            chosen.append("regulator")
        return chosen
    if outcome == "unsubstantiated":
        roll = rng.random()
        return ["training"] if roll < 0.35 else ["warning"] if roll < 0.45 else ["none"]
    return ["training"] if rng.random() < 0.1 else ["none"]


def _day_between(b: "Borough", low: date, high: date) -> date:
    return low + timedelta(days=b.rng.randint(0, max(0, (high - low).days)))


def lado_history_step(b: "Borough") -> str:
    """Four years of allegations up to `b.today`, and the engagement log."""
    today = b.today
    total = max(MIN_ALLEGATIONS, round(PER_60K_CHILDREN * b.n_children / 60_000))
    groups = _groups(b)
    people, names, cases = _arrivals(b, total, groups)
    # The newest two await their initial consideration.
    undecided = {len(cases) - 2, len(cases) - 1}
    open_cases = _still_open(b, cases, total, undecided)
    rows = _Rows(b)
    for n, case in enumerate(cases):
        rows.allegation(case, n in open_cases, n in undecided)
    engagements = _engagements(b, groups)
    bulk(Person, people)
    bulk(PersonName, names)
    rows.write()
    bulk(Engagement, engagements)
    still_open = {a.id for a in rows.allegations if not a.outcome}
    overdue = sum(
        1
        for a in rows.actions
        if a.done_on is None and a.due_on < today and a.allegation_id in still_open
    )
    return (
        f"{len(rows.allegations)} allegations, {len(still_open)} open, {overdue} overdue "
        f"actions, {len(engagements)} engagement sessions"
    )


def _arrivals(b: "Borough", total: int, groups) -> tuple[list, list, list["_Case"]]:
    """When each referral arrived (working days, office hours), oldest first, and about
    whom: new subjects (added to the index) and now and then someone referred before. The
    newest two arrived on the last working day (due today) and three working days ago
    (overdue)."""
    rng, today = b.rng, b.today
    start = today - relativedelta(years=YEARS)
    days = sorted(
        next_working_day(start + timedelta(days=rng.randint(0, (today - start).days - 5)))
        for _ in range(total - 2)
    )
    days += [add_working_days(today, -3), add_working_days(today, -1)]
    repeats = set(rng.sample(range(10, total - 2), max(2, round(total * REPEAT_SUBJECT_SHARE))))
    people: list[Person] = []
    names: list[PersonName] = []
    earlier: list[tuple[Person, str, str]] = []  # subject, sector, role
    cases: list[_Case] = []
    for i, day in enumerate(days):
        if i in repeats:
            subject, sector, role = rng.choice(earlier)
        else:
            sector = pick(rng, SECTOR_WEIGHTS)
            subject, name = _subject(b, sector, day)
            people.append(subject)
            names.append(name)
            role = rng.choice(ROLES[sector])
            earlier.append((subject, sector, role))
        employer, employer_name = _employer(b, sector, groups)
        outcome = rng.choices([o for o, _ in OUTCOMES], weights=[w for _, w in OUTCOMES])[0]
        case = _Case(
            b.at(day, rng.randint(8, 16)), sector, outcome, subject, employer, employer_name, role
        )
        case.outcome_on, case.exceptional = _time_to_outcome(b, day)
        cases.append(case)
    return people, names, cases


def _still_open(b: "Borough", cases: list["_Case"], total: int, undecided: set[int]) -> set[int]:
    """About 25 (per 300) are still open: those whose outcome has not come yet, and more of
    the last nine months' (stuck, waiting for the police or a trial)."""
    today = b.today
    open_target = max(4, round(OPEN_PER_300 * total / PER_60K_CHILDREN))
    open_cases = {n for n, c in enumerate(cases) if c.outcome_on > today} | undecided
    recent = [
        n
        for n, c in enumerate(cases)
        if n not in open_cases and c.received_at.date() >= today - timedelta(days=270)
    ]
    wanted = max(0, min(len(recent), open_target - len(open_cases)))
    return open_cases | set(b.rng.sample(recent, wanted))


class _Rows:
    """The allegations' rows, as lado.services writes them."""

    def __init__(self, b: "Borough"):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.lado = b.accounts["lado"]
        self.pupils: dict[int, list[Person]] = defaultdict(list)
        for child in b.children:
            school = b.school_of.get(child.id)
            if school is not None:
                self.pupils[school.id].append(child)
        self.allegations: list[Allegation] = []
        self.children_rows, self.named_rows, self.agency_rows = [], [], []
        self.meetings: list[AllegationMeeting] = []
        self.actions: list[AllegationAction] = []
        self.employer_actions: list[EmployerAction] = []

    def write(self) -> None:
        bulk(Allegation, self.allegations)
        bulk(Allegation.children.through, self.children_rows)
        bulk(Allegation.named_staff.through, self.named_rows)
        bulk(AllegationMeeting, self.meetings)
        bulk(AllegationMeeting.agencies.through, self.agency_rows)
        bulk(AllegationAction, self.actions)
        bulk(EmployerAction, self.employer_actions)

    def allegation(self, case: "_Case", is_open: bool, undecided: bool) -> None:
        b, rng = self.b, self.rng
        template = rng.choice([t for t in TEMPLATES if t[2] is None or case.sector in t[2]])
        wanted = template[3] if template[3] < 2 else rng.choice([1, 2, 2, 3])
        case.children = _children_for(b, case, wanted, self.pupils)
        kinds = template[1]
        allegation = Allegation(
            id=b.next_id(Allegation),
            subject=case.subject,
            subject_role=case.role,
            employer=case.employer,
            employer_name=case.employer_name,
            sector=case.sector,
            kinds=kinds,
            description=_description(b, case, template),
            referred_by=_referrer(b, case),
            referrer_sector=_referrer_sector(b, case),
            received_at=case.received_at,
            recorded_by=self.lado,
            version=1,
        )
        self.allegations.append(allegation)
        self.children_rows += [
            Allegation.children.through(allegation_id=allegation.id, person_id=c.id)
            for c in case.children
        ]
        if undecided:
            return
        decision, decided_on, last_day = self._initial_consideration(
            allegation, case, kinds, is_open
        )
        police_involved = decision == "police" or "criminal" in kinds
        if decision != "not_met":
            self._meetings(allegation, case, police_involved, decided_on, last_day, is_open)
            self.employer_actions += _employer_actions(b, allegation, case, last_day, is_open)
            if case.employer is not None and case.employer.id in b.school_leads:
                self._name(allegation, b.school_leads[case.employer.id])
            if police_involved:
                self._police(allegation, case, is_open)
        if decision == "csc":
            allegation.social_care_outcome = rng.choice(SOCIAL_CARE_RESULTS)
        if not is_open:
            self._outcome(allegation, case)

    def _initial_consideration(self, allegation, case, kinds, is_open):
        """Mostly the same or the next working day: the decision, the day it was made and the
        case's last day."""
        rng, received = self.rng, case.received_at.date()
        decision = rng.choices(["met", "not_met", "police", "csc"], weights=[60, 20, 13, 7])[0]
        if decision == "not_met" and (case.outcome == "substantiated" or "criminal" in kinds):
            decision = "police" if "criminal" in kinds else "met"
        decided_on = add_working_days(received, rng.choices([0, 1, 2, 3], [62, 30, 5, 3])[0])
        if decided_on == received and case.received_at.hour >= 15:
            decided_on = add_working_days(received, 1)
        decided_on = min(decided_on, self.today)
        allegation.initial_decision = decision
        allegation.initial_rationale = _rationale(decision, kinds)
        allegation.initial_decided_at = max(
            self.b.at(decided_on, 16), case.received_at + timedelta(hours=1)
        )
        allegation.version += 1
        if not is_open:
            case.outcome_on = max(case.outcome_on, decided_on)
        return decision, decided_on, self.today if is_open else case.outcome_on

    def _meetings(self, allegation, case, police_involved, decided_on, last_day, is_open):
        """Strategy or evaluation meetings, each with one to three actions."""
        b, rng = self.b, self.rng
        first = min(add_working_days(decided_on, rng.randint(1, 6)), last_day)
        held = [first]
        if (last_day - first).days > 35 and rng.random() < 0.4:
            held.append(min(first + timedelta(days=rng.randint(21, 42)), last_day))
        police, council = b.organisations["police"], b.organisations["council"]
        for k, held_on in enumerate(held):
            meeting = AllegationMeeting(
                id=b.next_id(AllegationMeeting),
                allegation_id=allegation.id,
                kind="strategy" if police_involved and k == 0 else "evaluation",
                held_on=held_on,
                attendees=_attendees(b, case, police_involved),
                notes=_meeting_notes(k, police_involved),
                recorded_by=self.lado,
            )
            self.meetings.append(meeting)
            agencies = [council] + ([police] if police_involved else [])
            if case.employer is not None and case.employer not in agencies:
                agencies.append(case.employer)
            self.agency_rows += [
                AllegationMeeting.agencies.through(
                    allegationmeeting_id=meeting.id, organisation_id=org.id
                )
                for org in agencies
            ]
            self._actions(allegation, meeting, case, police_involved, last_day, is_open)

    def _actions(self, allegation, meeting, case, police_involved, last_day, is_open) -> None:
        b, rng, held_on = self.b, self.rng, meeting.held_on
        agreed = [
            (what, who)
            for what, who in ACTIONS
            if (police_involved or who != "police")
            and (case.sector == Sector.FOSTER_CARER or "fostering" not in what)
        ]
        for what, who in rng.sample(agreed, rng.randint(1, 3)):
            due = held_on + timedelta(days=rng.randint(5, 28))
            self.actions.append(
                AllegationAction(
                    id=b.next_id(AllegationAction),
                    allegation_id=allegation.id,
                    meeting_id=meeting.id,
                    action=what,
                    owner=_owner(b, case, who),
                    due_on=due,
                    done_on=_done_on(b, held_on, due, last_day, is_open),
                )
            )

    def _name(self, allegation, staff) -> None:
        """Named access to the allegation, beyond the LADO."""
        through = Allegation.named_staff.through
        self.named_rows.append(through(allegation_id=allegation.id, staff_id=staff.id))

    def _police(self, allegation, case, is_open) -> None:
        rng = self.rng
        substantiated = case.outcome == "substantiated"
        allegation.police_outcome = (
            "Investigation continuing."
            if is_open
            else rng.choice(POLICE_RESULTS["substantiated" if substantiated else "other"])
        )
        if rng.random() < 0.4:
            self._name(allegation, self.b.accounts["police.officer"])

    def _outcome(self, allegation, case) -> None:
        rng = self.rng
        allegation.outcome = case.outcome
        allegation.outcome_on = case.outcome_on
        evidence = rng.choice(EVIDENCE[case.outcome])
        allegation.outcome_basis = BASES[case.outcome].format(evidence=evidence)
        allegation.consequences = _consequences(self.b, case.outcome, case.sector)
        allegation.exceptional_delay = case.exceptional
        allegation.version += 1


def _referrer_sector(b: "Borough", case: _Case) -> str:
    roll = b.rng.random()
    if roll < 0.7:
        return case.sector  # the employer, or its safeguarding lead
    if roll < 0.82:
        return Sector.POLICE
    if roll < 0.94:
        return Sector.SOCIAL_CARE
    return Sector.OTHER  # a parent or a member of the public


def _referrer(b: "Borough", case: _Case) -> str:
    first, last = b.namer.staff_name()
    if case.employer is not None and case.employer.id in b.school_leads:
        lead = b.school_leads[case.employer.id]
        return f"{lead.get_full_name()}, designated safeguarding lead"
    role = {
        Sector.EARLY_YEARS: "nursery manager",
        Sector.HEALTH: "named nurse for safeguarding",
        Sector.FOSTER_CARER: "supervising social worker",
        Sector.FAITH: "safeguarding lead",
        Sector.SPORT: "club welfare officer",
        Sector.VOLUNTARY: "safeguarding lead",
        Sector.TRANSPORT: "transport manager",
        Sector.POLICE: "professional standards",
        Sector.SOCIAL_CARE: "registered manager",
    }.get(case.sector, "head teacher")
    return f"{first} {last}, {role}"


def _rationale(decision: str, kinds: list[str]) -> str:
    tests = " and ".join(k.replace("_", " ") for k in kinds)
    return {
        "met": f"The {tests} test is met: the LADO process applies.",
        "not_met": "The harm threshold is not met; advice to the employer on its own "
        "procedures (a low-level concern).",
        "police": f"A possible criminal offence ({tests}): referred to the police first.",
        "csc": "A child may be at risk: referred to children's social care first.",
    }[decision]


def _attendees(b: "Borough", case: _Case, police: bool) -> str:
    lado = b.accounts["lado"]
    people = [f"{lado.get_full_name()} (LADO)"]
    if police:
        first, last = b.namer.staff_name()
        people.append(f"DC {first} {last} (police)")
    if case.employer is not None and case.employer.id in b.school_leads:
        lead = b.school_leads[case.employer.id]
        people.append(f"{lead.get_full_name()} ({case.employer.name})")
    else:
        first, last = b.namer.staff_name()
        people.append(f"{first} {last} ({_employer_label(case)})")
    people.append("HR adviser")
    return "; ".join(people)


def _employer_label(case: _Case) -> str:
    return case.employer.name if case.employer else case.employer_name


def _meeting_notes(k: int, police: bool) -> str:
    if k:
        return "Review of progress: the employer's investigation is under way."
    if police:
        return "The police will investigate first; the employer will not interview anyone yet."
    return "The employer will investigate and report back to the LADO."


def _owner(b: "Borough", case: _Case, who: str) -> str:
    if who == "police":
        return "Investigating officer, Metropolitan Police"
    if who == "LADO":
        return f"{b.accounts['lado'].get_full_name()}, LADO"
    return _employer_label(case)


def _done_on(b: "Borough", held: date, due: date, last_day: date, is_open: bool):
    """When an action was done: before the outcome on a closed case; on an open one, not
    always, so that some are overdue."""
    rng = b.rng
    if is_open and rng.random() < (0.45 if due < last_day else 0.8):
        return None
    done = due + timedelta(days=rng.randint(-5, 7))
    return max(held, min(done, last_day))


def _employer_actions(b, allegation, case: _Case, last_day: date, is_open: bool):
    """What the employer did: suspension or other duties, an investigation, disciplinary
    action after a substantiated outcome; now and then the person resigned."""
    rng = b.rng
    received = case.received_at.date()
    rows = []

    def add(kind, started, ended, notes=""):
        rows.append(
            EmployerAction(
                id=b.next_id(EmployerAction),
                allegation_id=allegation.id,
                kind=kind,
                started_on=started,
                ended_on=ended,
                notes=notes,
            )
        )

    ends = None if is_open else last_day
    roll = rng.random()
    if roll < 0.3:
        add("suspension", _day_between(b, received, min(received + timedelta(3), last_day)), ends)
    elif roll < 0.45:
        add("alternative", _day_between(b, received, min(received + timedelta(5), last_day)), ends)
    if rng.random() < 0.45:
        add(
            "investigation",
            _day_between(b, received, min(received + timedelta(10), last_day)),
            ends,
        )
    if not is_open and case.outcome == "substantiated" and rng.random() < 0.6:
        started = _day_between(b, max(received, last_day - timedelta(14)), last_day)
        add("disciplinary", started, last_day)
    if rng.random() < 0.05:
        started = _day_between(b, received, last_day)
        add("resignation", started, None, "Resigned during the process.")
    return rows


def _engagement_place(b: "Borough", sector: str, groups) -> tuple[Organisation | None, str]:
    rng = b.rng
    if sector == Sector.EDUCATION:
        return rng.choice(b.schools + b.secondaries), ""
    if sector == Sector.HEALTH:
        trusts = [b.organisations["acute_trust"], b.organisations["community_health"]]
        return rng.choice(trusts + b.gp_practices[:3]), ""
    has_groups = sector in (Sector.FAITH, Sector.SPORT, Sector.VOLUNTARY) and groups.get(sector)
    if has_groups and rng.random() < 0.7:
        return rng.choice(groups[sector]), ""
    forums = {
        Sector.EARLY_YEARS: "Early years providers' forum",
        Sector.FAITH: "Faith leaders' forum",
        Sector.SPORT: "Borough sports clubs' welfare officers",
        Sector.VOLUNTARY: "Voluntary sector safeguarding forum",
        Sector.FOSTER_CARER: "Foster carers' support group",
        Sector.SOCIAL_CARE: "Children's homes managers' meeting",
    }
    return None, forums[sector]


# (sector, sessions, newest and oldest in days ago): schools often and lately; faith groups
# and sports clubs rarely and long ago; transport and the police never.
ENGAGEMENT_PLAN = [
    (Sector.EDUCATION, 16, 0, 4 * 365),
    (Sector.EARLY_YEARS, 5, 30, 3 * 365),
    (Sector.HEALTH, 4, 60, 3 * 365),
    (Sector.FAITH, 5, 500, 4 * 365),
    (Sector.SPORT, 3, 400, 4 * 365),
    (Sector.VOLUNTARY, 4, 90, 3 * 365),
    (Sector.FOSTER_CARER, 2, 120, 2 * 365),
    (Sector.SOCIAL_CARE, 1, 200, 600),
]


def _engagements(b: "Borough", groups) -> list[Engagement]:
    """About 40 awareness sessions over four years (ENGAGEMENT_PLAN)."""
    rng = b.rng
    rows = []
    for sector, sessions, newest, oldest in ENGAGEMENT_PLAN:
        for _ in range(sessions):
            organisation, name = _engagement_place(b, sector, groups)
            held_on = next_working_day(b.today - timedelta(days=rng.randint(newest, oldest)))
            rows.append(
                Engagement(
                    id=b.next_id(Engagement),
                    held_on=min(held_on, b.today),
                    organisation=organisation,
                    organisation_name=name,
                    sector=sector,
                    covered=rng.choice(ENGAGEMENT_TOPICS),
                    people_reached=rng.randint(6, 120),
                    recorded_by=b.accounts["lado"],
                )
            )
    return rows
