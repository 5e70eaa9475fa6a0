"""Children in care in the synthetic borough: carers, periods of care with their SSDA903
episodes and placements, looked-after reviews, the IRO's challenges, health assessments,
personal education plans, statutory visits, missing episodes and return home interviews,
permanence decisions, adoptions (with the adopted child's record sealed), and care leavers
with their personal advisers, pathway plan reviews and birthday (OC3) contacts.

Volumes follow Tower Hamlets: about 300 children in care on `b.today` per 60,000 children
(IN_CARE_PER_CHILD), most on full care orders (C2) or accommodated under section 20 (V2),
most in foster care (U4, U6), teenagers also in children's homes (K2) and, from 16,
supported accommodation (K3); most children move placement at most once a year, fewer than
one in ten three times or more; a handful of adoption orders a year (a quarter of them
fostering for adoption: U5, then A5 with the same carers; the rest A6).

Where the children come from. The casework step (demo.casework_history) brought some
children into care (a care-team allocation after an assessment or a child protection plan)
and gave each an IRO (a conference-chair involvement from the day they came into care): each
of those gets its period of care, from that day, linked to the case's referral, ending by the
time the case closed. That is fewer than the borough has, so this step opens more care cases
of its own, within the front door's three years: a phone call to the MASH (police
protection, a hospital, a school, another authority, a parent who cannot cope), the referral,
and then the case exactly as the casework step writes one (allocation to an assessment team,
the single assessment recommending that the child be looked after, the transfer to a
children in care team, visits, supervision, closure), through that step's own writer, so
that the front door's and casework's rules hold for these cases too. Every period of care of
the borough's own children therefore starts within the last three years. Care leavers aged
18 to 21 left care before most of that history: they are young people the step adds
(`adds_children`, so that families_step makes that many fewer children), each with a
period of care from their childhood and no casework of their own.

The SSDA903 rules (care.services.episodes) hold for every period: the first episode starts
with the period (RNE S); every change of legal status or placement opens a new episode whose
RNE says what changed (L, P, T, U, B); episodes are contiguous, each but the last ends with
X1, the last ends with the period and its reason (never X1), none starts and ends on one
day; a move records its reason; only one period of a child is open; nobody is looked after
from their 18th birthday. Placement types fit their carers (P1 parents, K2 a children's home
with its URN, A5 and A6 adopters). Dates never pass `b.today`, and times on `b.today` never
pass the moment the borough was made.

Missing episodes follow care.services.missing: one for each missing-person concern the
police raised at the front door (reported by that officer, so shared with the child's plan),
more for repeat missers, and episodes from care (teenagers mostly); at most one open episode
a child, none overlapping, "away from placement" only from care. The front door's alert rules
are then run for the children who went missing, as reporting an episode runs them.

Timescales: reviews 20 working days after coming into care, then 3 months, then 6 months
(mostly on time); the initial health assessment within 20 working days, then every 6 months
under 5 and 12 months from 5; PEPs within 10 working days (from 4) and then each term (4
months); statutory visits within a week of each placement, then at most every 6 weeks (3
months in a long-term placement after its first year); return home interviews offered within
72 hours of the return (mostly); pathway plans reviewed every 6 months; contact around the
17th to 21st birthdays.

A care leaver's row holds their category now (care.services.leavers.eligibility_on), from
the day that category began: eligible from the day they met the 13 weeks' rule after 16,
relevant from the day they left care at 16 or 17, former relevant from their 18th birthday.

The demo accounts: social.worker holds a child in care with a full history (a move, a
long-term match, reviews, missing episodes and return interviews); cp.chair is the IRO of
several children in care, with an unresolved challenge; personal.adviser advises care
leavers, some with a birthday contact due now. The placeholder personal-adviser involvements
of involvements_step (random 17-year-olds) are replaced by the care leavers' advisers, who are
the leaving care team's personal advisers.

Like every demo step it writes with bulk inserts and explicit ids, deterministically from the
borough's random generator, and writes no per-row audit.
"""

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta
from django.db.models import Count

from everychild.care.models import (
    Adoption,
    CareEpisode,
    CareLeaver,
    CareLeaverContact,
    Carer,
    CarerKind,
    ChallengeStage,
    EducationPlan,
    Eligibility,
    ExploitationRisk,
    HealthAssessment,
    HealthAssessmentKind,
    IROChallenge,
    LookedAfterReview,
    MissingEpisode,
    PathwayPlanReview,
    PeriodOfCare,
    PermanenceOption,
    PermanencePlan,
    Placement,
    ReturnInterview,
)
from everychild.care.services.leavers import birthday_on, birthday_window, eligibility_on
from everychild.casework.models import CaseNote, NoteKind, Recommendation
from everychild.core.codes import (
    CareLeaverAccommodation,
    CareLeaverActivity,
    CareLeaverInTouch,
    LegalStatus,
    MissingType,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlacementChange,
    ReviewParticipation,
)
from everychild.demo import names as name_lists
from everychild.demo import places
from everychild.demo.casework_history.cases import (
    Case,
    Segment,
    assessment_end,
    assessment_start,
    casework_days,
)
from everychild.demo.casework_history.notes import note_row
from everychild.demo.casework_history.planning import disabled_children
from everychild.demo.casework_history.rows import CaseRows
from everychild.demo.casework_history.teams import CaseTeams, Staffing
from everychild.demo.frontdoor_history import decided_call
from everychild.demo.identities import NhsNumbers, current_name, postcode
from everychild.demo.writer import (
    LONDON,
    BoroughClock,
    ChronologyEntry,
    EntryKind,
    Involvement,
    InvolvementKind,
    RecordRestriction,
    Rows,
    Visibility,
    WorkingDays,
    bulk,
    reset_sequences,
    run_alert_rules,
    update,
)
from everychild.frontdoor.models import (
    Concern,
    Consent,
    Contact,
    Referral,
)
from everychild.organisations.models import OrganisationKind, Staff, TeamMembership
from everychild.organisations.roles import Role
from everychild.people.models import (
    Address,
    Person,
    PersonAddress,
    PersonKind,
    PersonName,
)
from everychild.workforce.models import Allocation

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

YEARS = 3  # the front door's history: the borough's own children come into care within it
IN_CARE_PER_CHILD = 1 / 200  # about 300 children in care on `today` per 60,000
YOUNG_ADULT_LEAVERS_PER_CHILD = 0.004  # care leavers aged 18 to 21 (added by this step)
DEMO_PA_SHARE = 15 / 60_000  # personal.adviser's care leavers per child in the borough
DEMO_IRO_SHARE = 8 / 60_000  # children in care whose IRO is cp.chair, per child
CHALLENGES_PER_CHILD = 30 / 60_000  # IRO challenges over the three years
NEW_PERSON_NHS_BASE = 480_000_000  # away from the borough's own NHS numbers

# Stability: most children move at most once a year, about a tenth three times or more.
STABILITY = {"stable": 0.25, "medium": 1.0, "unstable": 3.6}  # moves a year
STABILITY_WEIGHTS = {"baby": (85, 12, 3), "child": (70, 17, 13), "teen": (50, 28, 22)}
MOVE_REASONS = (
    ["CARPL", "CREQB", "CHILD", "LAREQ", "STAND", "ALLEG", "CREQO", "OTHER", "PLACE"],
    [25, 12, 20, 8, 5, 3, 5, 4, 8],
)
# How a period goes, by age on coming into care (see _trajectory).
TRAJECTORIES = {
    "baby": (["adoption", "sgo", "home", "long", "short"], [24, 15, 20, 31, 10]),
    "little": (["adoption", "sgo", "home", "long", "short"], [12, 15, 22, 36, 15]),
    "child": (["sgo", "cao", "home", "long", "short"], [10, 5, 25, 45, 15]),
    "teen": (["home", "short", "teen", "remand"], [18, 18, 58, 6]),
    "older": (["short", "teen", "remand"], [20, 72, 8]),
}
CASEWORK_TRAJECTORIES = {"home", "short", "long", "teen", "remand"}  # cases stay open
# Age on coming into care (years, low and high) and how often (SSDA903: a fifth are babies).
# Care leavers' activity and accommodation around their 18th to 21st birthdays (OC3).
ACTIVITY_AFTER_18 = (
    ["F1", "P1", "F2", "P2", "F4", "P4", "F5", "G4", "G5", "G6", "0"],
    [8, 2, 20, 4, 22, 8, 1, 6, 20, 7, 2],
)
ACCOMMODATION_AFTER_18 = (
    ["S", "D", "V", "E", "B", "U", "R", "H", "K", "T", "Z", "X", "G", "W"],
    [35, 18, 10, 8, 10, 5, 2, 2, 1, 2, 3, 1, 1, 2],
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
ENTRY_AGES = (
    [(0, 0.15), (0.15, 1), (1, 5), (5, 10), (10, 16), (16, 17.6)],
    [9, 6, 14, 17, 38, 16],
)


# ---- words ---------------------------------------------------------------------------------

# (summary, worry category, primary need); {name} is the child's first name.
EMERGENCY_CALLS = {
    "baby": [
        (
            "Call from the maternity ward: {name} was born with withdrawal symptoms; mother has "
            "left the hospital and the ward cannot reach her.",
            "parental_substance_misuse",
            "N1",
        ),
        (
            "Call from the emergency department: baby {name} has a fractured arm and bruising "
            "the parents cannot explain; the hospital will not discharge {name} home.",
            "physical_abuse",
            "N1",
        ),
    ],
    "child": [
        (
            "Call from police: officers used their police protection powers after finding {name} "
            "alone at home, with no food, for two days.",
            "neglect",
            "N1",
        ),
        (
            "Call from police: {name}'s mother was arrested after a violent incident at home and "
            "no one in the family can care for {name} tonight.",
            "domestic_abuse",
            "N1",
        ),
        (
            "Call from the school: {name} will not go home, showed the teacher bruises on the back "
            "and said father did it with a belt.",
            "physical_abuse",
            "N1",
        ),
    ],
    "teen": [
        (
            "Call from police: {name} was found in a flat in Essex used to deal drugs and cannot "
            "safely go home.",
            "child_criminal_exploitation",
            "N1",
        ),
        (
            "Call from {name}'s father: after months of arguments he has put {name} out of the "
            "house and says {name} cannot come back.",
            "other",
            "N5",
        ),
        (
            "Call from police: {name} disclosed that an adult at home has been sexually abusing "
            "them; {name} cannot return there tonight.",
            "sexual_abuse",
            "N1",
        ),
    ],
    "remand": [
        (
            "Call from the youth court: {name} was refused bail and remanded to local authority "
            "accommodation.",
            "child_criminal_exploitation",
            "N6",
        ),
    ],
}
PLANNED_CALLS = {
    "baby": [
        (
            "Call from the community midwife: mother's partner is violent, she has missed every "
            "antenatal appointment since, and {name} was born last week.",
            "domestic_abuse",
            "N1",
        ),
        (
            "Call from the health visitor: {name}'s weight has fallen below the second centile and "
            "the home is cold and dirty; mother is not engaging.",
            "neglect",
            "N1",
        ),
    ],
    "child": [
        (
            "Call from another local authority: the family has moved to the borough; {name} was "
            "the subject of care proceedings there.",
            "neglect",
            "N1",
        ),
        (
            "Call from the adult mental health team: {name}'s mother has been detained under the "
            "Mental Health Act and there is no one else to care for {name}.",
            "parental_mental_health",
            "N3",
        ),
        (
            "Call from the police domestic abuse unit: a further serious incident at home, the "
            "fifth this year; {name} was in the room.",
            "domestic_abuse",
            "N1",
        ),
        (
            "Call from the school: {name} has again come in hungry and in dirty clothes, and now "
            "has head lice and an untreated infection.",
            "neglect",
            "N1",
        ),
    ],
    "teen": [
        (
            "Call from mother: she can no longer keep {name} safe at home and asks for {name} to "
            "be looked after for a while.",
            "other",
            "N4",
        ),
        (
            "Call from the school: {name} has disclosed repeated sexual abuse by an adult in the "
            "household.",
            "sexual_abuse",
            "N1",
        ),
        (
            "Call from the youth offending service: {name} is being exploited by a county lines "
            "group and the family cannot protect them.",
            "child_criminal_exploitation",
            "N1",
        ),
    ],
}
REVIEW_DECISIONS = [
    "The care plan continues: the placement meets the child's needs; contact with mother "
    "fortnightly, supervised.",
    "The placement to be made long-term; the social worker to present the match to the "
    "fostering panel.",
    "Life story work to start before the next review; the school to fund a mentor through the "
    "pupil premium plus.",
    "CAMHS referral to be chased by the social worker; the IRO to write to the service if "
    "there is no appointment within a month.",
    "Contact with siblings to increase to monthly; the carers to help with transport.",
    "The permanence plan to be agreed at the next review; the parenting assessment is due.",
    "The young person's pathway plan to be started; the personal adviser to attend the next "
    "review.",
]
REVIEW_VIEWS = {
    "little": [
        '{name} drew a picture of the foster home with everyone in it, and said: "I like it '
        'here. Can I see Mummy on Saturday?"',
        '{name} said: "I like my bedroom. I want to stay at my school."',
    ],
    "middle": [
        '{name} said: "I want to see my brother more. I don\'t like it when contact is cancelled."',
        '{name} said: "It\'s OK here. The food is nice. I miss my friends from my old school."',
        '{name} wrote in the consultation form: "I want to know how long I will stay here."',
    ],
    "teen": [
        '{name} said: "Stop moving me. Every time I settle somewhere you move me again."',
        '{name} said: "I want more pocket money and to be allowed to stay out until ten."',
        "{name} said through the advocate that they want to go home to mum when they are 16.",
        "{name} said: \"I'm doing better at college now. I want to stay put when I'm 18.\"",
    ],
}
VISIT_NOTES = {
    "alone": [
        "Statutory visit: {name} seen alone in their bedroom; the carers report a settled month.",
        "Statutory visit after school: {name} seen with the carers and then alone; no new worries.",
        "Statutory visit: {name} talked to me alone and said contact with mum had been hard this "
        "week.",
    ],
    "seen": [
        "Statutory visit to the placement: {name} showed me their toys and played with the "
        "carer's dog; the carers asked for help with bedtimes.",
        "Statutory visit: the placement is going well; {name} was happy and settled with the "
        "carers.",
    ],
    "not_seen": [
        "Statutory visit: {name} was out with friends and not seen; spoke to the carers. A "
        "further visit is booked for next week.",
    ],
}
VISIT_WORDS = {
    "little": ["I've got a new bike!", "Is Mummy coming on my birthday?"],
    "middle": [
        "I like it here but I miss my sister.",
        "Why can't I see Dad?",
        "I got picked for the school team.",
    ],
    "teen": [
        "I just want to be left alone.",
        "Can you sort my phone? They keep taking it at night.",
        "It's calmer here. I'm sleeping better.",
    ],
}
PEP_TARGETS = [
    "Reading age to improve by a year: daily reading with the carer; a tutor funded by the "
    "virtual school.",
    "Attendance above 95%; a key adult in school to meet {name} every Monday.",
    "Catch up in maths with small-group sessions; homework club twice a week.",
    "Sit GCSEs in English and maths; a careers adviser meeting before the next PEP.",
    "Settle in the new school after the move: a buddy and a transition plan.",
]
IRO_ISSUES = [
    "The second review was not held in time and the care plan has not been updated since.",
    "Sibling contact has been cancelled three times; there is no plan to restore it.",
    "The permanence plan has drifted: no decision has been made eight months into care.",
    "The child has had no statutory visit for more than six weeks.",
    "The health assessment is overdue and the CAMHS referral agreed at the review was not made.",
    "The placement move was made without the planning meeting agreed at the review.",
]
IRO_RESOLUTIONS = [
    "The care plan was updated and shared with the IRO; contact restored.",
    "The team manager agreed the actions with the IRO, who is satisfied with the plan.",
    "The permanence decision was made at a legal planning meeting; the IRO agreed it.",
    "The visit was made and visits booked for the next three months.",
]
PERMANENCE_NOTES = {
    PermanenceOption.RETURN_HOME: (
        "Ruled in: the parenting assessment is positive and the risks have reduced.",
        "Ruled out: the parenting assessment found that the parents cannot keep the child safe "
        "within the child's timescales.",
    ),
    PermanenceOption.KINSHIP: (
        "Ruled in: the connected persons assessment of the relative is positive; a special "
        "guardianship order is the plan.",
        "Ruled out: the family network was explored at a family group conference; no relative "
        "was assessed as able to care for the child.",
    ),
    PermanenceOption.LONG_TERM_FOSTERING: (
        "Ruled in: the child is settled with the carers, who are committed to caring for them "
        "into adulthood.",
        "Ruled out: the child needs the legal security of another plan.",
    ),
    PermanenceOption.ADOPTION: (
        "Ruled in: the child is young and adoption is the only plan that gives a permanent "
        "family in time.",
        "Ruled out: the child's age and strong bond with the family make adoption unsuitable.",
    ),
    PermanenceOption.RESIDENTIAL: (
        "Ruled in: the young person's needs are best met in a small children's home with "
        "therapeutic support.",
        "Ruled out: the young person can live in a family.",
    ),
    PermanenceOption.INDEPENDENCE: (
        "Ruled in: the young person is 16 and wants to live in supported accommodation close to "
        "college.",
        "Ruled out: the young person is not ready to live independently.",
    ),
}
PERMANENCE_RATIONALE = {
    PermanenceOption.RETURN_HOME: "The parents have made and sustained the changes the child "
    "needed; a return home with support, under a plan, is in the child's interests.",
    PermanenceOption.KINSHIP: "The child can grow up within the family: the relative carer "
    "will apply for a special guardianship order with the local authority's support.",
    PermanenceOption.LONG_TERM_FOSTERING: "The child is settled and thriving; long-term "
    "fostering with the current carers gives stability, with contact with the birth family.",
    PermanenceOption.ADOPTION: "Nothing else will do: no parent or relative can care for the "
    "child, and adoption gives a permanent family within the child's timescales.",
    PermanenceOption.RESIDENTIAL: "The young person's needs and wishes are best met in a small "
    "children's home close to their school.",
    PermanenceOption.INDEPENDENCE: "The young person will move to supported accommodation to "
    "prepare for independence, with a pathway plan.",
}
WHERE_FOUND = [
    "Found by police at a friend's flat in E3.",
    "Returned to the placement by themself after midnight.",
    "Found at a fast food shop in Stratford.",
    "Found by police in a flat in Southend, with older males.",
    "Returned to mother's home and was collected by the carer.",
    "Found at the railway station in Luton by British Transport Police.",
]
RHI_WORDS = [
    "I just wanted to see my mates. Nothing happened.",
    "I went to my mum's. I miss her.",
    "There was a party. I didn't know anyone really.",
    "They said I owed them and I had to go.",
    "I hate it there. They treat me like a little kid.",
]
PUSH_FACTORS = [
    "Arguments with the carers about phone use and curfew.",
    "Wants to be near the family; contact has been reduced.",
    "Pulled by older peers; likely criminal exploitation.",
    "Unhappy at school after a fall-out with friends.",
]
DECLINED = [
    "The young person refused to talk to anyone about where they had been.",
    "Said they were fine and did not want a stranger asking questions.",
    "Declined; agreed to talk to their social worker instead.",
]
PATHWAY_SUMMARIES = [
    "Pathway plan reviewed: college place confirmed; budgeting course booked; moving-on "
    "plan to a council tenancy in the spring.",
    "Reviewed with the young person: working 25 hours a week; needs help with a benefits claim "
    "and registering with a GP.",
    "Not in education or work since the summer: referral to the care leavers' employment "
    "coach; the setting-up-home allowance agreed.",
    "Staying put with the former foster carers until college ends; driving lessons funded.",
    "At university: holiday accommodation and the bursary arranged; next review by video call.",
]
PATHWAY_VIEWS = [
    '"I want my own place, not another hostel."',
    '"I\'m doing OK. I just need help with the forms."',
    '"Can you help me find a job that fits round college?"',
    '"I want to stay where I am until I finish my course."',
]
KIN = [
    "maternal grandmother",
    "paternal grandmother",
    "maternal aunt",
    "paternal aunt",
    "maternal uncle",
    "family friend",
    "adult sister",
]
HOME_NAMES = ["Oak", "Willow", "Riverside", "Meadow", "Beech", "Harbour", "Elm", "Ash"]
SUPPORTED_NAMES = ["Step Forward", "New Horizons", "Bridge House", "Pathways", "Foundations"]
# Places outside the borough (outward code, miles from the borough, weight).
ELSEWHERE = [
    ("E6 2", 4, 3),
    ("E15 1", 3, 3),
    ("E17 4", 6, 2),
    ("IG1 1", 8, 2),
    ("RM7 0", 12, 2),
    ("N17 6", 8, 1),
    ("SE15 5", 6, 1),
    ("DA1 1", 17, 2),
    ("CM1 2", 33, 2),
    ("SS1 2", 37, 2),
    ("CO1 1", 55, 1),
    ("ME4 4", 30, 2),
    ("CT1 1", 56, 1),
    ("BN1 1", 52, 1),
    ("LU1 1", 33, 1),
    ("MK9 1", 50, 1),
    ("PE1 1", 78, 1),
    ("B12 8", 115, 1),
    ("NG7 2", 124, 1),
]


# ---- what is simulated ----------------------------------------------------------------------

FAR = date(9999, 12, 31)


@dataclass
class _CarerRow:
    id: int
    name: str
    kind: str
    provider: str
    postcode: str
    capacity: int = 1
    urn: str = ""
    busy: list = field(default_factory=list)  # (start, end or FAR) of its placements
    pool: str = ""  # which pool it was drawn from ("" for a child's own carer)

    def free(self, start: date, end: date) -> bool:
        taken = sum(1 for s, e in self.busy if s < end and e > start)
        return taken < self.capacity


@dataclass
class _Spec:
    """A placement: from `day`, of `ptype`, with a carer of `kind` ("same": the one before)."""

    day: date
    ptype: str
    kind: str
    reason: str = ""  # why the placement before it ended
    carer: _CarerRow | None = None
    planned: bool = False
    id: int = 0


@dataclass
class _Period:
    child: Person
    start: date
    category: str
    trajectory: str
    source: str  # "casework", "new" or "historic"
    legal: list = field(default_factory=list)  # [(day, status)], the first on `start`
    specs: list = field(default_factory=list)  # [_Spec], the first on `start`
    end: date | None = None
    reason: str = ""
    referral_id: int | None = None
    home_postcode: str = ""
    iro: Staff | None = None
    iro_involvement: int | None = None  # the casework step's involvement, if any
    worker: Staff | None = None  # for a period with no allocations (before the history)
    adoption: dict | None = None
    permanence: list = field(default_factory=list)  # [(day, decision)]
    emergency: bool = False
    id: int = 0
    reviews: list = field(default_factory=list)  # [(pk, held_on, chair)]
    demo: bool = False


def care_history_step(b: "Borough") -> str:
    """Several years of children in care, missing children and care leavers, up to
    `b.today` (see the module's docstring)."""
    return _CareHistory(b).build()


def young_adult_leavers(n_children: int) -> int:
    """How many care leavers aged 18 to 21 the step adds to the borough's children."""
    return round(n_children * YOUNG_ADULT_LEAVERS_PER_CHILD)


care_history_step.adds_children = young_adult_leavers


def _age(born: date, day: date) -> float:
    return (day - born).days / 365.25


def _band(age: float) -> str:
    if age < 1:
        return "baby"
    if age < 5:
        return "little"
    if age < 11:
        return "child"
    if age < 16:
        return "teen"
    return "older"


def _words_band(age: float) -> str:
    return "little" if age < 7 else "middle" if age < 12 else "teen"


def _d(day: date) -> str:
    return f"{day:%-d %B %Y}"


def _words(when: datetime) -> str:
    local = when.astimezone(LONDON)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class _CareHistory:
    def __init__(self, b: "Borough"):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.clock = BoroughClock(b.today, b.rng)
        self.window_start = b.today - relativedelta(years=YEARS) + timedelta(days=14)
        # Working days back to the oldest care leaver's childhood.
        self.wd = WorkingDays(b.today - timedelta(days=23 * 366), b.today + timedelta(days=3 * 366))
        self.rows = Rows(b.ids)
        self.put, self.entry = self.rows.put, self.rows.entry
        self.restrictions: list[dict] = []  # sealed adoption records
        self.periods: list[_Period] = []
        self.carers: list[_CarerRow] = []
        self.pools: dict[str, list[_CarerRow]] = defaultdict(list)
        self.people = {p.pk: p for p in b.children}
        self.updates: list[tuple] = []  # (involvement pk, ended_on) for the casework's IROs
        self.counts: dict[str, int] = defaultdict(int)

    # -- helpers
    def _at(self, day: date, hour: int, minute: int | None = None) -> datetime:
        return self.clock.on(day, hour, minute)

    def _pick(self, weights: dict) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def _between(self, low: date, high: date) -> date:
        if high <= low:
            return low
        return low + timedelta(days=self.rng.randint(0, (high - low).days))

    # -- the whole step
    def build(self) -> str:
        self._load()
        Involvement.objects.filter(kind=InvolvementKind.PERSONAL_ADVISER).delete()
        self._carer_pools()
        self._casework_periods()
        self._new_cases()
        self._young_adults()
        self._timelines()
        for period in sorted(self.periods, key=lambda p: (p.start, p.child.pk)):
            self._write_period(period)
        self._challenges()
        self._missing()
        self._care_leavers()
        self._write()
        reset_sequences()  # the alert rules insert through the ORM
        self._alerts()
        in_care = sum(1 for p in self.periods if p.end is None)
        return (
            f"{in_care} children in care today, {len(self.periods)} periods of care "
            f"({self.counts['new']} new cases); {len(self.carers)} carers; "
            f"{self.counts['adopted']} adopted; {self.counts['missing']} missing episodes; "
            f"{self.counts['leavers']} care leavers; {self.counts['alerts']} missing alerts"
        )

    def _load(self) -> None:
        b = self.b
        social = {
            k: [s for s in v if s.role == Role.SOCIAL_WORKER] for k, v in b.staff_by_team.items()
        }
        self.care_workers = social["care_1"] + social["care_2"]
        self.chairs = [s for s in b.staff_by_team["reviewing"] if s.role == Role.CONFERENCE_CHAIR]
        self.rhi_workers = social["early_help"] or self.care_workers
        self.advisers = [
            s for s in b.staff_by_team["leaving_care"] if s.role == Role.PERSONAL_ADVISER
        ]
        self.mash_workers = [s for s in b.staff_by_team["mash"] if s.role == Role.MASH]
        manager_ids = set(
            TeamMembership.objects.filter(team=b.teams["mash"], is_manager=True).values_list(
                "staff_id", flat=True
            )
        )
        self.mash_manager = next(s for s in b.staff_by_team["mash"] if s.pk in manager_ids)
        self.staff_by_pk = {s.pk: s for members in b.staff_by_team.values() for s in members}
        self.staff_by_pk.update({s.pk: s for s in b.accounts.values()})
        self.cp_chair = b.accounts["cp.chair"]
        self.addresses = {}

    def _postcodes(self, child_ids) -> dict[int, str]:
        wanted = {self.b.home_of[c] for c in child_ids if c in self.b.home_of}
        wanted -= set(self.addresses)
        if wanted:
            self.addresses.update(
                Address.objects.filter(pk__in=sorted(wanted)).values_list("pk", "postcode")
            )
        return {
            c: self.addresses.get(self.b.home_of.get(c), "")
            for c in child_ids
            if c in self.b.home_of
        }

    # ---- carers ------------------------------------------------------------------------------

    def _postcode_elsewhere(self, far: bool = False) -> str:
        rng = self.rng
        options = [e for e in ELSEWHERE if not far or e[1] >= 15] or ELSEWHERE
        outward = rng.choices([o[0] for o in options], [o[2] for o in options])[0]
        letters = places.UNIT_LETTERS
        return f"{outward}{rng.choice(letters)}{rng.choice(letters)}"

    def _distance(self, home: str, there: str) -> Decimal:
        """Miles from the child's home postcode to the placement's, roughly."""
        rng = self.rng
        home_area, there_area = home.split(" ")[0], there.split(" ")[0]
        miles = rng.uniform(0.8, 4.5)
        for outward, far, _ in ELSEWHERE:
            if outward.split(" ")[0] == there_area:
                miles = far * rng.uniform(0.85, 1.2)
                break
        else:
            if home_area == there_area:
                miles = rng.uniform(0.2, 1.8)
        return Decimal(f"{miles:.1f}")

    def _new_carer(self, pool: str, child: Person | None = None, home: str = "") -> _CarerRow:
        rng, namer = self.rng, self.b.namer
        community = rng.choices(
            list(name_lists.COMMUNITIES), [c[3] for c in name_lists.COMMUNITIES.values()]
        )[0]
        family = namer.family(community)
        couple = rng.random() < 0.6
        title = "Mr and Mrs" if couple else rng.choice(["Ms", "Mrs", "Mr"])
        if pool == "in_house":
            row = _CarerRow(0, f"{title} {family}", CarerKind.IN_HOUSE_FOSTER, "PR1", "")
            row.postcode = postcode(self.rng) if rng.random() < 0.7 else self._postcode_elsewhere()
            row.capacity = rng.choice([1, 1, 2, 2, 3])
        elif pool == "agency":
            row = _CarerRow(0, f"{title} {family}", CarerKind.AGENCY_FOSTER, "PR4", "")
            row.postcode = postcode(self.rng) if rng.random() < 0.25 else self._postcode_elsewhere()
            row.capacity = rng.choice([1, 2, 2, 3])
        elif pool == "home":
            own = rng.random() < 0.25
            row = _CarerRow(
                0,
                f"{rng.choice(HOME_NAMES)} {rng.choice(['House', 'Lodge', 'View'])} "
                "children's home",
                CarerKind.CHILDRENS_HOME,
                "PR1" if own else "PR4",
                postcode(self.rng) if own else self._postcode_elsewhere(far=True),
                capacity=rng.randint(3, 6),
                urn=f"SC{rng.randint(100000, 999999)}",
            )
        elif pool == "supported":
            row = _CarerRow(
                0,
                f"{rng.choice(SUPPORTED_NAMES)} supported accommodation",
                CarerKind.SUPPORTED_ACCOMMODATION,
                "PR4",
                postcode(self.rng) if rng.random() < 0.5 else self._postcode_elsewhere(),
                capacity=rng.randint(6, 12),
            )
        elif pool == "kinship":
            relation = rng.choice(KIN)
            given = namer.given(community, relation.split()[-1] in {"uncle"})
            surname = child.family_name if child and rng.random() < 0.6 else family
            row = _CarerRow(
                0,
                f"{given} {surname} ({relation})",
                CarerKind.KINSHIP,
                "PR1",
                postcode(self.rng) if rng.random() < 0.6 else self._postcode_elsewhere(),
                capacity=rng.choice([1, 2, 3]),
            )
        elif pool == "parents":
            row = _CarerRow(
                0,
                f"{child.family_name} family home (parents)",
                CarerKind.PARENTS,
                "PR0",
                home or postcode(self.rng),
                capacity=4,
            )
        else:  # adopters
            row = _CarerRow(
                0,
                f"{title if couple else 'Ms'} {family} (adopters)",
                CarerKind.ADOPTERS,
                rng.choices(["PR1", "PR5", "PR2"], [60, 30, 10])[0],
                postcode(self.rng) if rng.random() < 0.3 else self._postcode_elsewhere(),
                capacity=rng.choice([1, 1, 2]),
            )
        row.id = self.b.next_id(Carer)
        row.pool = pool if pool in {"in_house", "agency", "home", "supported"} else ""
        self.carers.append(row)
        if row.pool:
            self.pools[pool].append(row)
        return row

    def _carer_pools(self) -> None:
        n = self.b.n_children
        for pool, per, least in (
            ("in_house", 450, 3),
            ("agency", 520, 3),
            ("home", 5000, 2),
            ("supported", 10000, 1),
        ):
            for _ in range(max(least, round(n / per))):
                self._new_carer(pool)

    def _carer_for(self, spec: _Spec, start: date, end: date, previous, child, home) -> _CarerRow:
        kind = spec.kind
        if kind in {"kinship", "parents"}:
            return self._new_carer(kind, child, home)
        if kind == "adopters":
            return spec.carer
        pool = self.pools[kind]
        for _ in range(6):
            carer = self.rng.choice(pool)
            if carer is not previous and carer.free(start, end):
                return carer
        return self._new_carer(kind)

    # ---- the periods of care -----------------------------------------------------------------

    def _trajectory(self, age: float, allowed: set | None = None) -> str:
        names, weights = TRAJECTORIES[_band(age)]
        pairs = [
            (n, w) for n, w in zip(names, weights, strict=True) if allowed is None or n in allowed
        ]
        if not pairs:
            pairs = [("teen" if age >= 13 else "long", 1)]
        choice = self.rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]
        if choice == "long" and age >= 13:
            return "teen"
        if choice == "teen" and age < 13:
            return "long"
        return choice

    def _simulate(self, period: _Period, hard_end: date | None = None) -> None:
        """The period's legal statuses, placements and end (see the module's docstring)."""
        rng, child, start = self.rng, period.child, period.start
        born = child.date_of_birth
        age = _age(born, start)
        eighteen = birthday_on(born, 18)
        trajectory = period.trajectory
        court = trajectory in {"adoption", "sgo", "cao", "home"} or (
            trajectory == "long" and (age < 5 or rng.random() < 0.7)
        )
        if trajectory == "teen" and rng.random() < 0.3:
            court = True
        # Legal statuses.
        legal: list[tuple[date, str]] = []
        if trajectory == "remand":
            legal.append((start, "J1"))
        elif period.emergency:
            first = "L1" if rng.random() < 0.65 else "L2"
            legal.append((start, first))
            days = rng.randint(1, 3) if first == "L1" else rng.randint(6, 8)
            legal.append((start + timedelta(days=days), "C1" if court else "V2"))
        elif court and rng.random() < 0.35:
            legal.append((start, "V2"))
            legal.append((start + timedelta(days=rng.randint(30, 120)), "C1"))
        else:
            legal.append((start, "C1" if court else "V2"))
        final = None
        if legal[-1][1] == "C1":
            final = legal[-1][0] + timedelta(weeks=rng.randint(18, 36))
            legal.append((final, "E1" if trajectory == "adoption" else "C2"))
        # Where the period is heading, and when it ends.
        end, reason = self._ending(period, age, eighteen, final)
        if trajectory == "adoption":
            end, reason = self._adoption(period, legal, final)
        if end > eighteen:  # nobody is looked after from their 18th birthday
            end, reason = eighteen, "eighteen"
        if hard_end is not None and (end is None or end > hard_end):
            end = max(start + timedelta(days=1), hard_end - timedelta(days=rng.randint(0, 3)))
            reason = rng.choice(["E4A", "E4A", "E4A", "E13"])
            if period.adoption:
                period.adoption = None
        if end is not None and end >= self.today:
            end, reason = None, ""
        period.end, period.reason = end, reason
        stop = min(end or self.today, self.today)
        # Placements: the first, planned changes, and moves.
        specs = self._placements(period, age, eighteen, stop, final)
        # Nothing on the first day but the start, nothing on or after the end (or today).
        period.legal = self._tidy(legal, start, stop)
        period.specs = self._tidy(specs, start, stop)
        self._permanence(period, age)
        if period.end is not None:
            period.reason = self._reason_for(period, reason)

    def _tidy(self, items: list, start: date, stop: date) -> list:
        """The first item on `start`, the rest strictly between `start` and `stop`, one a day."""
        out = [items[0]]
        for item in sorted(items[1:], key=lambda i: i[0] if isinstance(i, tuple) else i.day):
            day = item[0] if isinstance(item, tuple) else item.day
            last = out[-1][0] if isinstance(out[-1], tuple) else out[-1].day
            if day <= start or day >= stop:
                continue
            if day == last:
                out[-1] = item  # a later decision the same day replaces the earlier
                continue
            out.append(item)
        return out

    def _ending(self, period, age, eighteen, final) -> tuple[date | None, str]:
        rng, start, trajectory = self.rng, period.start, period.trajectory
        if trajectory == "short":
            return start + timedelta(days=rng.randint(3, 150)), ""
        if trajectory == "home":
            if final and rng.random() < 0.5:
                return final + timedelta(days=rng.randint(60, 200)), ""  # home under the order
            return start + timedelta(days=rng.randint(90, 400)), ""
        if trajectory in {"sgo", "cao"}:
            return (final or start + timedelta(days=rng.randint(240, 420))), ""
        if trajectory == "remand":
            return start + timedelta(days=rng.randint(7, 120)), ""
        if trajectory == "teen" and rng.random() < 0.25:
            return min(eighteen, start + timedelta(days=rng.randint(180, 720))), "early"
        return eighteen, "eighteen"

    def _adoption(self, period: _Period, legal: list, final: date | None):
        """The adoption milestones (and a plan that changes, now and then)."""
        rng, start = self.rng, period.start
        order_by = period.adoption.get("deadline") if period.adoption else None
        final = final or start + timedelta(weeks=40)
        decided = min(start + timedelta(days=rng.randint(60, 150)), final - timedelta(days=30))
        adm = final - timedelta(days=rng.randint(14, 100))
        adm = min(max(adm, decided + timedelta(days=7)), final)
        # The match: mostly within the A2 threshold (121 days from the placement order).
        days = rng.randint(30, 110) if rng.random() < 0.7 else rng.randint(122, 240)
        matched = final + timedelta(days=days)
        placed = matched + timedelta(days=rng.randint(7, 35))
        # Fostering for adoption: with the adopters from early on, placed (A5) once matched.
        fostered = None
        if not order_by and rng.random() < 0.25:
            fostered = decided + timedelta(days=rng.randint(14, 60))
            matched = final + timedelta(days=rng.randint(7, 40))
            placed = matched + timedelta(days=rng.randint(1, 14))
        order = placed + timedelta(days=rng.randint(80, 300))
        if order_by and order > order_by:
            shrink = (order - order_by).days
            matched -= timedelta(days=min(shrink, (matched - final).days - 14))
            placed = matched + timedelta(days=10)
            order = max(placed + timedelta(days=75), min(order_by, placed + timedelta(days=120)))
        adopters = self._new_carer("adopters")
        milestones = {
            "decided": decided,
            "should_be_placed_on": adm,
            "placement_order_on": final,
            "matched_on": matched,
            "placed_on": placed,
            "adoption_order_on": order,
            "adopters": adopters,
            "changed": None,
            "fostered": fostered,
        }
        period.adoption = milestones
        period.permanence = [(decided, PermanenceOption.ADOPTION)]
        if not order_by and not fostered and rng.random() < 0.1:  # changed before a match
            changed = final + timedelta(days=rng.randint(60, 250))
            milestones.update(matched_on=None, placed_on=None, adoption_order_on=None)
            milestones["changed"] = changed
            legal.append((changed + timedelta(days=rng.randint(30, 90)), "C2"))
            period.permanence.append(
                (
                    changed + timedelta(days=rng.randint(14, 60)),
                    PermanenceOption.LONG_TERM_FOSTERING,
                )
            )
            period.trajectory = "long"
            return birthday_on(period.child.date_of_birth, 18), "eighteen"
        return order, rng.choice(["E11", "E11", "E12"])

    def _first_placement(self, age: float, trajectory: str) -> _Spec:
        rng = self.rng
        foster = "in_house" if rng.random() < 0.55 else "agency"
        if trajectory == "remand":
            return _Spec(None, "K2", "home") if rng.random() < 0.6 else _Spec(None, "U6", foster)
        if age < 13:
            if rng.random() < (0.25 if trajectory == "sgo" else 0.12):
                return _Spec(None, "U3", "kinship")
            return _Spec(None, "U6", foster)
        roll = rng.random()
        if age >= 16 and roll < 0.2:
            return _Spec(None, "K3", "supported")
        if roll < 0.4 and rng.random() < 0.45:
            return _Spec(None, "K2", "home")
        if roll < 0.5:
            return _Spec(None, "U3", "kinship")
        return _Spec(None, "U6", foster)

    def _placements(self, period: _Period, age, eighteen, stop: date, final) -> list[_Spec]:
        rng, start, trajectory = self.rng, period.start, period.trajectory
        born = period.child.date_of_birth
        first = self._first_placement(age, trajectory)
        first.day = start
        specs = [first]
        planned: list[_Spec] = []
        # Planned changes.
        if trajectory == "long" or (trajectory == "teen" and age < 15):
            day = start + timedelta(days=rng.randint(150, 500))
            planned.append(_Spec(day, "LT", "match", "PLACE", planned=True))
        if trajectory == "sgo" and first.kind != "kinship":
            day = start + timedelta(days=rng.randint(30, 180))
            planned.append(_Spec(day, "U3", "kinship", "PLACE", planned=True))
        if trajectory == "home" and period.end and final and period.end > final:
            planned.append(_Spec(final, "P1", "parents", "PLACE", planned=True))
        if trajectory in {"teen", "long"} and age < 17.5:
            sixteen = birthday_on(born, 16)
            if rng.random() < 0.4:
                day = sixteen + timedelta(days=rng.randint(0, 400))
                day = max(start + timedelta(days=30), day)
                planned.append(_Spec(day, "K3", "supported", "PLACE", planned=True))
        placed = fostered = None
        if period.adoption and period.adoption.get("placed_on"):
            placed, fostered = period.adoption["placed_on"], period.adoption["fostered"]
            adopters = period.adoption["adopters"]
            if fostered:
                planned.append(_Spec(fostered, "U5", "adopters", "PLACE", adopters, planned=True))
            ptype = "A5" if fostered else "A6"
            planned.append(_Spec(placed, ptype, "adopters", "PLACE", adopters, planned=True))
            placed = fostered or placed  # no moves once with the adopters
        # Moves.
        band = "baby" if age < 5 else "child" if age < 13 else "teen"
        stability = rng.choices(list(STABILITY), STABILITY_WEIGHTS[band])[0]
        if period.demo:
            stability = "stable"
        rate = STABILITY[stability]
        moves = []
        day = start
        while True:
            day += timedelta(days=int(rng.expovariate(rate) * 365) + 1)
            if day >= stop or (placed and day >= placed):
                break
            moves.append(_Spec(day, "", "move", rng.choices(*MOVE_REASONS)[0]))
        if period.demo:  # the demo child: one move in the first months, then a long-term match
            moves = [_Spec(start + timedelta(days=rng.randint(40, 70)), "", "move", "CARPL")]
            day = start + timedelta(days=rng.randint(200, 260))
            planned = [_Spec(day, "LT", "match", "PLACE", planned=True)]
        # Resolve each change against the placement before it.
        for spec in sorted(planned + moves, key=lambda s: (s.day, not s.planned)):
            prev = specs[-1]
            if spec.day <= prev.day or spec.day >= stop:
                continue
            if prev.ptype in {"A5", "A6"}:
                break  # placed for adoption: no more moves
            if spec.ptype == "A5":  # placed with the foster-for-adoption carers
                if prev.ptype != "U5":
                    spec.ptype = "A6"
                else:
                    spec.kind = "same"
            spec_age = _age(born, spec.day)
            if spec.kind == "match":
                if prev.ptype == "U6":
                    spec.ptype, spec.kind = "U4", "same"
                elif prev.ptype == "U3":
                    spec.ptype, spec.kind = "U1", "same"
                else:
                    continue
            elif spec.kind == "move":
                spec.ptype, spec.kind = self._move_to(prev, spec_age)
            elif spec.kind == "supported" and (spec_age < 16 or prev.ptype == "K3"):
                continue
            specs.append(spec)
        return specs

    def _move_to(self, prev: _Spec, age: float) -> tuple[str, str]:
        rng = self.rng
        foster = "in_house" if rng.random() < 0.55 else "agency"
        if prev.ptype == "K2":
            if age >= 16 and rng.random() < 0.3:
                return "K3", "supported"
            return ("K2", "home") if rng.random() < 0.6 else ("U6", foster)
        if prev.ptype == "K3":
            return "K3", "supported"
        if age >= 12 and rng.random() < 0.2:
            return "K2", "home"
        if age >= 16 and rng.random() < 0.25:
            return "K3", "supported"
        if prev.ptype in {"U4", "U1"} and rng.random() < 0.3:
            return "U4", foster
        return "U6", foster

    def _reason_for(self, period: _Period, hint: str) -> str:
        """The SSDA903 reason the period ended, fitting how it went."""
        rng, trajectory = self.rng, period.trajectory
        last = period.specs[-1].ptype
        if hint in {"E11", "E12", "E4A", "E13"}:
            return hint
        end_age = _age(period.child.date_of_birth, period.end)
        if hint == "eighteen" or end_age >= 17.99:
            if last in {"U1", "U3", "U4", "U6"}:
                return rng.choices(["E17", "E5", "E8", "E6"], [40, 45, 10, 5])[0]
            disabled = period.child.disabilities not in ([], ["NONE"])
            if disabled and rng.random() < 0.5:
                return "E7"
            return rng.choices(["E5", "E6", "E8"], [75, 12, 13])[0]
        if trajectory == "short":
            return rng.choices(["E4A", "E4B", "E13", "E8", "E3"], [60, 15, 15, 5, 5])[0]
        if trajectory == "home":
            return rng.choices(["E4A", "E4B", "E13"], [85, 10, 5])[0]
        if trajectory == "sgo":
            if last in {"U1", "U3"}:
                return "E45"
            return "E46" if last in {"U4", "U6"} and rng.random() < 0.5 else "E47"
        if trajectory == "cao":
            return "E41"
        if trajectory == "remand":
            return "E14" if rng.random() < 0.7 else "E9"
        if end_age >= 16:
            return rng.choices(["E5", "E13", "E4A"], [40, 30, 30])[0]
        return rng.choices(["E4A", "E13", "E4B"], [60, 30, 10])[0]

    def _permanence(self, period: _Period, age: float) -> None:
        """The permanence decision, by the second review (about four months in)."""
        if period.permanence or period.trajectory in {"short", "remand"}:
            return
        day = period.start + timedelta(days=self.rng.randint(100, 170))
        if day >= min(period.end or FAR, self.today):
            return
        decision = {
            "sgo": PermanenceOption.KINSHIP,
            "cao": PermanenceOption.KINSHIP,
            "home": PermanenceOption.RETURN_HOME,
            "long": PermanenceOption.LONG_TERM_FOSTERING,
        }.get(period.trajectory)
        if decision is None:  # a teenager
            types = {s.ptype for s in period.specs}
            if "K3" in types or age >= 16:
                decision = PermanenceOption.INDEPENDENCE
            elif "K2" in types:
                decision = PermanenceOption.RESIDENTIAL
            else:
                decision = PermanenceOption.LONG_TERM_FOSTERING
        period.permanence = [(day, decision)]

    # ---- where the periods come from ---------------------------------------------------------

    def _casework_periods(self) -> None:
        """A period for each time the casework step brought a child into care."""
        b, rng = self.b, self.rng
        care_teams = {b.teams["care_1"].pk, b.teams["care_2"].pk}
        runs: dict[int, list[date]] = defaultdict(list)
        for child_id, started, reason in (
            Allocation.objects.filter(team_id__in=care_teams)
            .order_by("child_id", "started_on", "pk")
            .values_list("child_id", "started_on", "change_reason")
        ):
            if reason == "TSPROC" or not runs[child_id]:
                runs[child_id].append(started)
        children = sorted(c for c in runs if c in self.people)
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
        homes = self._postcodes(children)
        for child_id in children:
            child = self.people[child_id]
            if child.kind != PersonKind.CHILD or child.date_of_birth is None:
                continue
            for allocated in runs[child_id]:
                found = sorted(
                    i for i in iros[child_id] if allocated - timedelta(days=5) <= i[0] <= allocated
                )
                start = found[-1][0] if found else allocated
                previous = [r for r in referrals[child_id] if r[0] <= start]
                if not previous or start < child.date_of_birth:
                    continue
                day, referral_id, closed, need = previous[-1]
                if closed is not None and closed <= start:
                    continue
                if any(p.child.pk == child_id and (p.end or FAR) >= start for p in self.periods):
                    continue
                age = _age(child.date_of_birth, start)
                if age >= 17.9:
                    continue
                period = _Period(
                    child=child,
                    start=start,
                    category=need if need in {f"N{n}" for n in range(1, 9)} else "N1",
                    trajectory=self._trajectory(age, CASEWORK_TRAJECTORIES),
                    source="casework",
                    referral_id=referral_id,
                    home_postcode=homes.get(child_id, ""),
                    emergency=(start - day).days <= 3,
                )
                if found:
                    _, pk, staff_id, _ = found[-1]
                    period.iro_involvement = pk
                    period.iro = self.staff_by_pk.get(staff_id) or rng.choice(self.chairs)
                self._simulate(period, hard_end=closed)
                self.periods.append(period)
        self.counts["casework"] = len(self.periods)

    def _new_cases(self) -> None:
        """Care cases of this step's own, from a call to the front door, until about
        IN_CARE_PER_CHILD of the borough's children are in care today."""
        b, rng, today = self.b, self.rng, self.today
        target = round(b.n_children * IN_CARE_PER_CHILD)
        have = sum(1 for p in self.periods if p.end is None)
        busy = set(Contact.objects.exclude(child=None).values_list("child_id", flat=True))
        busy |= set(Referral.objects.values_list("child_id", flat=True))
        busy |= set(Allocation.objects.values_list("child_id", flat=True))
        pool = sorted(
            (p.date_of_birth, p.pk)
            for p in b.children
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
        self.new_periods: list[_Period] = []
        # The demo worker's child in care, and an adoption already made (a small borough may
        # need a few tries to find a child of the age).
        for attempt in range(12):
            wider = attempt > 3
            demo = self._new_case(
                age_range=(8, 15) if wider else (10.5, 13),
                d0=today - timedelta(days=rng.randint(480, 540)),
                demo=True,
            )
            if demo is not None:
                break
        for attempt in range(12):
            adopted = self._new_case(
                age_range=(0, 3) if attempt > 3 else (0.05, 1.5),
                d0=today - timedelta(days=rng.randint(900, 960)),
                trajectory="adoption",
                deadline=today - timedelta(days=rng.randint(70, 120)),
            )
            if adopted is not None:
                break
        have += sum(1 for p in self.new_periods if p.end is None)
        tries = 0
        while have < target and tries < 8 * target + 20:
            tries += 1
            period = self._new_case()
            if period is not None and period.end is None:
                have += 1
        homes = self._postcodes([p.child.pk for p in self.new_periods])
        for period in self.new_periods:
            period.home_postcode = homes.get(period.child.pk, "")
        self._write_cases()
        self.counts["new"] = len(self.new_periods)

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
                return self.people[pk]
        return None

    def _new_case(self, age_range=None, d0=None, trajectory=None, deadline=None, demo=False):
        rng, wd, today = self.rng, self.wd, self.today
        emergency = not demo and trajectory is None and rng.random() < 0.35
        if age_range is None:
            bands, weights = ENTRY_AGES
            age_range = rng.choices(bands, weights)[0]
        if d0 is None:
            last = today - timedelta(days=8 if emergency else 80)
            d0 = self._between(self.window_start, last)
        child = self._child_aged(*age_range, d0)
        if child is None:
            return None
        if trajectory is None:
            trajectory = "long" if demo else self._trajectory(_age(child.date_of_birth, d0))
        emergency = emergency or trajectory == "remand"
        # The single assessment, as the casework step times one.
        a_due, a_start, a_seen = assessment_start(rng, wd, d0, today)
        a_auth, a_submitted = assessment_end(rng, wd, a_start, a_due, a_seen)
        if emergency:
            start = d0 + timedelta(days=rng.choice([0, 0, 0, 1, 2]))
        else:
            start = a_auth + timedelta(days=rng.randint(0, 20))
        if start >= today - timedelta(days=2) or start < child.date_of_birth:
            self.taken.discard(child.pk)
            return None
        age = _age(child.date_of_birth, start)
        kind = (
            "remand"
            if trajectory == "remand"
            else "baby"
            if age < 1
            else "child"
            if age < 13
            else "teen"
        )
        calls = EMERGENCY_CALLS if emergency else PLANNED_CALLS
        summary, category, need = rng.choice(calls[kind])
        period = _Period(
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
        self._simulate(period)
        referral = self._call(child, d0, summary, need, emergency)
        period.referral_id = referral.pk
        # The case, for the casework step's writer.
        case = Case(
            referral_id=referral.pk,
            child_id=child.pk,
            d0=referral.referral_date,
            category=category,
            strategy_contact=False,
            limit=None,
            alloc_start=min(today, d0 + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))),
        )
        case.a_due, case.a_start = a_due, a_start
        case.a_seen = a_seen if a_seen <= today else None
        case.a_auth = a_auth if a_auth <= today else None
        case.a_submitted = a_submitted if a_submitted <= today else None
        case.recommendation = Recommendation.LOOKED_AFTER
        case.assessment_team = rng.choice(["assessment_1", "assessment_2"])
        case.care_team = rng.choice(["care_1", "care_2"])
        case.looked_after = start
        case.demo = demo
        case.segs = [Segment(case.alloc_start, "assessment")]
        if not demo:  # (the demo worker holds their child in care in a CIN team)
            care_from = start + timedelta(days=rng.randint(0, 5))
            care_from = max(care_from, case.alloc_start + timedelta(days=1))
            case.segs.append(Segment(min(care_from, today), "care", "TSPROC"))
        if period.end is not None:
            closed = period.end + timedelta(days=rng.randint(10, 60))
            if closed < today - timedelta(days=5):
                case.closed_on = closed
                case.reason = CLOSURE_FOR_CEASED.get(period.reason, "RC7")
        self.cases.append(case)
        self.new_periods.append(period)
        self.periods.append(period)
        return period

    def _call(self, child: Person, d0: date, summary: str, need: str, emergency: bool):
        """The call to the front door about a child, and the referral it opened (as the
        casework step makes a pre-birth referral)."""
        rng = self.rng
        worker = rng.choice(self.mash_workers)
        received = self._at(d0, rng.randint(8, 20))
        decided = received + timedelta(minutes=rng.randint(45, 300))
        consent = rng.choice([Consent.GIVEN, Consent.NOT_SOUGHT])
        contact, referral = decided_call(
            self.b,
            rng,
            child_id=child.pk,
            worker=worker,
            manager=self.mash_manager,
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
        b = self.b
        staffing = Staffing.load(b)
        teams = CaseTeams(b, staffing)
        for case in self.cases:
            teams.finish_segments(case)
        # Children in care teams whose caseloads would run above the casework step's target
        # take on agency social workers, counting the cases the casework step left open.
        team_keys = {t.pk: k for k, t in b.teams.items()}
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
        teams.agency_workers(dict(open_by_team))
        teams.assign(self.cases)
        self.care_workers = staffing.social_workers["care_1"] + staffing.social_workers["care_2"]
        for worker in self.care_workers:
            self.staff_by_pk[worker.pk] = worker
        # The IRO's involvement is written with the period of care.
        rows = CaseRows(
            b, self.clock, casework_days(b.today), staffing, disabled_children(b), False
        )
        rows.write(self.cases, self.contacts, self.referrals)

    def _young_adults(self) -> None:
        """Care leavers aged 18 to 21: new to the index, with the care of their childhood."""
        b, rng, today = self.b, self.rng, self.today
        people, names, addresses, residences = [], [], [], []
        nhs = NhsNumbers(rng, NEW_PERSON_NHS_BASE)
        communities = list(name_lists.COMMUNITIES)
        weights = [c[3] for c in name_lists.COMMUNITIES.values()]
        for _ in range(young_adult_leavers(b.n_children)):
            community = rng.choices(communities, weights)[0]
            ethnicity, language, religion, _ = name_lists.COMMUNITIES[community]
            boy = rng.random() < 0.56
            born = today - timedelta(days=int(rng.uniform(18.02, 21.98) * 365.25))
            number = nhs.next()
            person = Person(
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
            people.append(person)
            names.append(current_name(person))
            street = rng.choice(places.STREETS)
            home = Address(
                id=b.next_id(Address),
                line_1=f"Flat {rng.randint(1, 80)}, {rng.choice(places.ESTATE_BLOCKS)}",
                line_2=street,
                postcode=postcode(self.rng) if rng.random() < 0.65 else self._postcode_elsewhere(),
            )
            addresses.append(home)
            residences.append(
                PersonAddress(
                    person_id=person.pk,
                    address=home,
                    moved_in=birthday_on(born, 18) + timedelta(days=rng.randint(0, 200)),
                )
            )
            b.children.append(person)
            self.people[person.pk] = person
            # Their care: from childhood to 18 (or to 16 or 17).
            roll = rng.random()
            if roll < 0.05:  # qualifying: came into care a few weeks before 18
                age_in = rng.uniform(17.75, 17.9)
            elif roll < 0.2:
                age_in = rng.uniform(3, 8)
            elif roll < 0.45:
                age_in = rng.uniform(8, 13)
            else:
                age_in = rng.uniform(13, 16.5)
            start = born + timedelta(days=int(age_in * 365.25))
            trajectory = "long" if age_in < 13 else "teen"
            period = _Period(
                child=person,
                start=start,
                category=rng.choices(["N1", "N4", "N5", "N8"], [70, 10, 10, 10])[0],
                trajectory=trajectory,
                source="historic",
                home_postcode=postcode(self.rng),
                worker=rng.choice(self.care_workers),
                iro=rng.choice(self.chairs),
            )
            self._simulate(period)
            # They left care at 16 or later (or they would not be care leavers).
            sixteen, eighteen = birthday_on(born, 16), birthday_on(born, 18)
            if period.end < sixteen + timedelta(days=60):
                period.end = eighteen
                period.reason = self._reason_for(period, "eighteen")
            self.periods.append(period)
        bulk(Person, people)
        bulk(PersonName, names)
        bulk(Address, addresses)
        bulk(PersonAddress, residences)

    # ---- who held the case when ---------------------------------------------------------------

    def _timelines(self) -> None:
        """Each child's allocations (worker from, to), for who wrote what when."""
        children = sorted({p.child.pk for p in self.periods if p.source != "historic"})
        self.allocations: dict[int, list[tuple]] = defaultdict(list)
        for child_id, started, ended, worker_id, team_id in (
            Allocation.objects.filter(child_id__in=children)
            .order_by("child_id", "started_on", "pk")
            .values_list("child_id", "started_on", "ended_on", "worker_id", "team_id")
        ):
            self.allocations[child_id].append((started, ended or FAR, worker_id, team_id))
        self.managers = {
            t.pk: next(
                (s for s in self.b.staff_by_team.get(k, []) if s.role == Role.TEAM_MANAGER), None
            )
            for k, t in self.b.teams.items()
        }

    def worker_at(self, period: _Period, day: date) -> Staff | None:
        if period.worker is not None:
            return period.worker
        rows = self.allocations.get(period.child.pk, [])
        for started, ended, worker_id, team_id in reversed(rows):
            if started <= day <= ended:
                worker = self.staff_by_pk.get(worker_id) if worker_id else None
                return worker or self.managers.get(team_id)
        nearest = [r for r in rows if r[0] <= day] or rows[:1]
        if nearest:
            return self.staff_by_pk.get(nearest[-1][2]) or self.managers.get(nearest[-1][3])
        return None

    def by_at(self, period: _Period, day: date) -> Staff:
        return self.worker_at(period, day) or self.rng.choice(self.care_workers)

    # ---- a period's rows --------------------------------------------------------------------

    def _write_period(self, period: _Period) -> None:
        b, rng = self.b, self.rng
        child = period.child
        period.id = b.next_id(PeriodOfCare)
        if period.iro is None:
            demo_iros = max(2, round(b.n_children * DEMO_IRO_SHARE))
            if period.demo or (
                period.end is None
                and period.source == "new"
                and self.counts["cp_chair"] < demo_iros
            ):
                period.iro = self.cp_chair
                self.counts["cp_chair"] += 1
            else:
                period.iro = rng.choice(self.chairs)
        starter = self.by_at(period, period.start)
        self.put(
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
        self._episodes(period)
        self._iro_involvement(period)
        self._reviews(period)
        self._health(period)
        self._peps(period)
        self._permanence_rows(period)
        self._adoption_rows(period)
        if period.source != "historic":
            self._visits(period)

    def _episodes(self, period: _Period) -> None:
        b, rng = self.b, self.rng
        child, start, end = period.child, period.start, period.end
        stop = end or FAR
        specs = period.specs
        home = period.home_postcode or postcode(self.rng)
        # Carers, placements.
        previous = None
        for i, spec in enumerate(specs):
            until = specs[i + 1].day if i + 1 < len(specs) else stop
            if spec.kind == "same":
                spec.carer = previous
            else:
                spec.carer = self._carer_for(spec, spec.day, until, previous, child, home)
            spec.carer.busy.append((spec.day, until))
            if not spec.reason and i:
                spec.reason = "OTHER"
            previous = spec.carer
        for i, spec in enumerate(specs):
            until = specs[i + 1].day if i + 1 < len(specs) else end
            spec.id = b.next_id(Placement)
            matched = None
            if spec.ptype in {"U1", "U4"}:
                matched = spec.day - timedelta(days=rng.randint(0, 30))
            if spec.ptype in {"A5", "A6"}:
                matched = period.adoption["matched_on"]
            self.put(
                Placement,
                id=spec.id,
                period_id=period.id,
                child_id=child.pk,
                carer_id=spec.carer.id,
                placement_type=spec.ptype,
                provider=spec.carer.provider,
                postcode=spec.carer.postcode,
                distance_miles=Decimal("0.0")
                if spec.ptype == "P1"
                else self._distance(home, spec.carer.postcode),
                started_on=spec.day,
                ended_on=until,
                reason_for_change=specs[i + 1].reason if i + 1 < len(specs) else "",
                matched_on=matched,
            )
        # Episodes: one for each day the legal status or the placement changed.
        days = sorted({start} | {d for d, _ in period.legal} | {s.day for s in specs})
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
            ended = end if last else episodes[i + 1][0]
            moved_next = not last and episodes[i + 1][2] != place
            spec = specs[place]
            self.put(
                CareEpisode,
                id=b.next_id(CareEpisode),
                period_id=period.id,
                child_id=child.pk,
                placement_id=spec.id,
                started_on=day,
                reason_new_episode=rne,
                legal_status=status,
                category_of_need=period.category,
                placement_type=spec.ptype,
                placement_provider=spec.carer.provider,
                placement_postcode=spec.carer.postcode,
                reason_placement_change=specs[place + 1].reason if moved_next else "",
                ended_on=ended,
                reason_ceased=(period.reason if end else "") if last else "X1",
            )
        # The chronology, as the services write it.
        first = specs[0]
        by = self.by_at(period, start)
        self.entry(
            child.pk,
            self._at(start, 15),
            EntryKind.CARE_STARTED,
            f"Came into care: {LegalStatus(period.legal[0][1]).label.lower()}. Placed with "
            f"{first.carer.name} ({PlacementType(first.ptype).label.lower()}).",
            PeriodOfCare,
            period.id,
            by,
        )
        for (day, status), (_, before) in zip(period.legal[1:], period.legal, strict=False):
            self.entry(
                child.pk,
                self._at(day, 12),
                EntryKind.CARE_CHANGE,
                f"Legal status changed from {before} to {status} "
                f"({LegalStatus(status).label.lower()}).",
                PeriodOfCare,
                period.id,
                self.by_at(period, day),
            )
        for spec in specs[1:]:
            reason = ReasonPlacementChange(spec.reason).label.lower() if spec.reason else ""
            self.entry(
                child.pk,
                self._at(spec.day, 16),
                EntryKind.CARE_CHANGE,
                f"Placement changed: now with {spec.carer.name} "
                f"({PlacementType(spec.ptype).label.lower()})"
                + (f". Reason: {reason}." if reason else "."),
                PeriodOfCare,
                period.id,
                self.by_at(period, spec.day),
            )
        if end:
            self.entry(
                child.pk,
                self._at(end, 17),
                EntryKind.CARE_ENDED,
                f"Left care: {ReasonEpisodeCeased(period.reason).label.lower()}.",
                PeriodOfCare,
                period.id,
                self.by_at(period, end),
            )

    def _iro_involvement(self, period: _Period) -> None:
        if period.iro_involvement:
            self.updates.append((period.iro_involvement, period.end))
            return
        self.put(
            Involvement,
            id=self.b.next_id(Involvement),
            child_id=period.child.pk,
            kind=InvolvementKind.CONFERENCE_CHAIR,
            staff_id=period.iro.pk,
            started_on=period.start,
            ended_on=period.end,
        )

    def _until(self, period: _Period) -> date:
        return min(period.end or FAR, self.today)

    def _reviews(self, period: _Period) -> None:
        rng, wd, child = self.rng, self.wd, period.child
        until = self._until(period)
        due = wd.add(period.start, 20)
        held: list[date] = []
        chair = period.iro
        while True:
            previous = held[-1] if held else period.start
            if rng.random() < (0.88 if not period.demo else 0.95):
                low = max(previous + timedelta(days=1), due - timedelta(days=20 if held else 14))
                day = self._between(low, due)
            else:
                day = due + timedelta(days=rng.randint(1, 25))
            if day > until or day <= previous:
                break
            age = _age(child.date_of_birth, day)
            pk = self.b.next_id(LookedAfterReview)
            participation = self._participation(child, age)
            decisions = rng.choice(REVIEW_DECISIONS)
            views = ""
            if participation not in {"PN0", "PN7"}:
                views = rng.choice(REVIEW_VIEWS[_words_band(age)]).format(name=child.given_name)
            self.put(
                LookedAfterReview,
                id=pk,
                period_id=period.id,
                child_id=child.pk,
                held_on=day,
                due_on=due,
                chair_id=chair.pk,
                participation=participation,
                child_views=views,
                decisions=decisions,
                recorded_by_id=chair.pk,
            )
            number = len(held) + 1
            late = " (late)" if day > due else ""
            self.entry(
                child.pk,
                self._at(day, 14),
                EntryKind.LAC_REVIEW,
                f"{_ordinal(number)} looked-after review of this period of care, chaired by "
                f"{chair}; due by {_d(due)}{late}. Participation: "
                f"{ReviewParticipation(participation).label}. Decisions: {decisions[:240]}",
                LookedAfterReview,
                pk,
                chair,
            )
            period.reviews.append((pk, day, chair))
            held.append(day)
            due = day + relativedelta(months=3 if len(held) == 1 else 6)

    def _participation(self, child: Person, age: float) -> str:
        if age < 4:
            return "PN0"
        disabled = child.disabilities not in ([], ["NONE"])
        weights = {"PN1": 45, "PN2": 8, "PN3": 25 if disabled else 3, "PN4": 5}
        weights.update({"PN5": 8, "PN6": 20, "PN7": 8})
        return self._pick(weights)

    def _health(self, period: _Period) -> None:
        rng, wd, child = self.rng, self.wd, period.child
        until = self._until(period)
        due = wd.add(period.start, 20)
        previous = None
        while True:
            low = max((previous or period.start) + timedelta(days=1), due - timedelta(days=30))
            if rng.random() < (0.82 if previous is None else 0.86):
                day = self._between(low, due)
            else:
                day = due + timedelta(days=rng.randint(1, 50))
            if day > until:
                break
            pk = self.b.next_id(HealthAssessment)
            kind = HealthAssessmentKind.INITIAL if previous is None else HealthAssessmentKind.REVIEW
            age = _age(child.date_of_birth, day)
            dental = age >= 1 and rng.random() < 0.82
            immunised = rng.random() < 0.86
            by = self.by_at(period, day)
            self.put(
                HealthAssessment,
                id=pk,
                child_id=child.pk,
                period_id=period.id,
                kind=kind,
                done_on=day,
                due_on=due,
                dental_check=dental,
                immunisations_up_to_date=immunised,
                recorded_by_id=by.pk,
            )
            late = " (late)" if day > due else ""
            label = HealthAssessmentKind(kind).label
            self.entry(
                child.pk,
                self._at(day, 11),
                EntryKind.HEALTH_ASSESSMENT,
                f"{label}, due by {_d(due)}{late}."
                + (" Dental check done." if dental else "")
                + (" Immunisations up to date." if immunised else " Immunisations not up to date."),
                HealthAssessment,
                pk,
                by,
            )
            previous = day
            months = 6 if _age(child.date_of_birth, day) < 5 else 12
            due = day + relativedelta(months=months)

    def _peps(self, period: _Period) -> None:
        rng, wd, child, b = self.rng, self.wd, period.child, self.b
        born = child.date_of_birth
        until = min(self._until(period), birthday_on(born, 18) - timedelta(days=1))
        school_from = max(period.start, birthday_on(born, 4))
        if school_from > until:
            return
        due = wd.add(school_from, 10)
        previous = None
        school = b.school_of.get(child.pk)
        while True:
            low = max((previous or school_from) + timedelta(days=1), due - timedelta(days=25))
            if rng.random() < 0.86:
                day = self._between(low, due)
            else:
                day = due + timedelta(days=rng.randint(1, 40))
            if day > until:
                break
            age = _age(born, day)
            if school is None or (age >= 11) != (school in b.secondaries):
                school = rng.choice(b.secondaries if age >= 11 else b.schools)
            if age >= 16:
                name = rng.choice(["Riverside Sixth Form College", "East Borough College"])
            else:
                name = school.name
            pk = b.next_id(EducationPlan)
            targets = rng.choice(PEP_TARGETS).format(name=child.given_name)
            by = self.by_at(period, day)
            self.put(
                EducationPlan,
                id=pk,
                child_id=child.pk,
                period_id=period.id,
                held_on=day,
                due_on=due,
                school=name,
                targets=targets,
                recorded_by_id=by.pk,
            )
            late = " (late)" if day > due else ""
            self.entry(
                child.pk,
                self._at(day, 13),
                EntryKind.EDUCATION_PLAN,
                f"Personal education plan meeting with {name}, due by {_d(due)}{late}. "
                f"Targets: {targets[:240]}",
                EducationPlan,
                pk,
                by,
            )
            previous = day
            due = day + relativedelta(months=4)

    def _permanence_rows(self, period: _Period) -> None:
        child = period.child
        for day, decision in period.permanence:
            if day > self._until(period) or day < period.start:
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
            pk = self.b.next_id(PermanencePlan)
            by = self.by_at(period, day)
            rationale = PERMANENCE_RATIONALE[decision]
            self.put(
                PermanencePlan,
                id=pk,
                child_id=child.pk,
                period_id=period.id,
                decided_on=day,
                options_considered=options,
                decision=decision,
                rationale=rationale,
                decided_by_id=by.pk,
            )
            self.entry(
                child.pk,
                self._at(day, 15),
                EntryKind.PERMANENCE,
                f"Permanence decision: {PermanenceOption(decision).label}, after considering "
                f"{len(options)} options. {rationale[:200]}",
                PermanencePlan,
                pk,
                by,
            )

    def _adoption_rows(self, period: _Period) -> None:
        milestones = period.adoption
        if not milestones or "should_be_placed_on" not in milestones:
            return
        child, until = period.child, self._until(period)
        adm = milestones["should_be_placed_on"]
        if adm > until:
            return
        pk = self.b.next_id(Adoption)
        dates = {
            name: (day if day and day <= until else None)
            for name, day in milestones.items()
            if name in {"placement_order_on", "matched_on", "placed_on", "adoption_order_on"}
        }
        for earlier, later in (
            ("placement_order_on", "matched_on"),
            ("matched_on", "placed_on"),
            ("placed_on", "adoption_order_on"),
        ):
            if dates[earlier] is None:
                dates[later] = None
        changed = milestones["changed"]
        changed = changed if changed and changed <= until else None
        adopters = milestones["adopters"] if dates["matched_on"] else None
        by = self.by_at(period, adm)
        self.put(
            Adoption,
            id=pk,
            child_id=child.pk,
            period_id=period.id,
            should_be_placed_on=adm,
            adopters_id=adopters.id if adopters else None,
            plan_changed_on=changed,
            plan_changed_reason="The match with the prospective adopters broke down before "
            "placement; a new permanence decision is needed."
            if changed
            else "",
            recorded_by_id=by.pk,
            **dates,
        )
        self.entry(
            child.pk,
            self._at(adm, 14),
            EntryKind.ADOPTION,
            "Agency decision maker: the child should be placed for adoption.",
            Adoption,
            pk,
            by,
        )
        words = {
            "placement_order_on": "Placement order made.",
            "matched_on": f"Matched with adopters: {adopters.name if adopters else ''}.",
            "placed_on": f"Placed for adoption: {adopters.name if adopters else ''}.",
            "adoption_order_on": "Adoption order made.",
        }
        for name in ("placement_order_on", "matched_on", "placed_on", "adoption_order_on"):
            day = dates[name]
            if day:
                by = self.by_at(period, day)
                self.entry(
                    child.pk, self._at(day, 15), EntryKind.ADOPTION, words[name], Adoption, pk, by
                )
        if changed:
            self.entry(
                child.pk,
                self._at(changed, 15),
                EntryKind.ADOPTION,
                "The plan for adoption has changed: the match broke down before placement.",
                Adoption,
                pk,
                self.by_at(period, changed),
            )
        order = dates["adoption_order_on"]
        if order:
            # The order seals the record: only the adoption worker may open it now.
            worker = self.by_at(period, order)
            sealed_at = self._at(order, 17, 30)
            self.restrictions.append(
                {
                    "id": self.b.next_id(RecordRestriction),
                    "child_id": child.pk,
                    "reason": f"Adoption order made on {_d(order)}.",
                    "restricted_by_id": worker.pk,
                    "restricted_at": sealed_at,
                    "named": [worker.pk],
                }
            )
            self.entry(
                child.pk,
                sealed_at,
                EntryKind.RECORD_RESTRICTED,
                "Record sealed after the adoption order: only named staff may open it.",
                Person,
                child.pk,
                worker,
            )
            self.counts["adopted"] += 1

    def _visits(self, period: _Period) -> None:
        """Statutory visits: within a week of each placement, then at most every six weeks
        (three months in a long-term placement after its first year)."""
        rng = self.rng
        until = self._until(period)
        specs = period.specs
        for i, spec in enumerate(specs):
            stop = min(specs[i + 1].day if i + 1 < len(specs) else FAR, until + timedelta(days=1))
            day = spec.day + timedelta(
                days=rng.randint(1, 7) if rng.random() < 0.9 else rng.randint(8, 12)
            )
            while day < stop:
                self._visit(period, day, seen=True if period.demo else None)
                long_term = spec.ptype in {"U1", "U4"} and day >= spec.day + relativedelta(years=1)
                if long_term:
                    gap = rng.randint(50, 90) if rng.random() < 0.9 else rng.randint(91, 110)
                else:
                    gap = rng.randint(20, 42) if rng.random() < 0.92 else rng.randint(43, 56)
                following = day + timedelta(days=gap)
                if period.demo and following > self.today - timedelta(days=34):
                    # The demo child's next visit falls due within the coming week.
                    last = self.today - timedelta(days=rng.randint(35, 38))
                    if day < last < stop:
                        self._visit(period, last, seen=True)
                    break
                day = following

    def _visit(self, period: _Period, day: date, seen: bool | None = None) -> None:
        rng, child = self.rng, period.child
        worker = self.worker_at(period, day)
        if worker is None:
            return
        age = _age(child.date_of_birth, day)
        seen = rng.random() < 0.96 if seen is None else seen
        alone = seen and age >= 5 and rng.random() < 0.75
        which = "alone" if alone else "seen" if seen else "not_seen"
        text = rng.choice(VISIT_NOTES[which]).format(name=child.given_name or "the baby")
        words = ""
        if seen and age >= 3 and rng.random() < 0.25:
            words = rng.choice(VISIT_WORDS[_words_band(age)])
        note_row(
            self.rows,
            self.clock,
            child_id=child.pk,
            kind=NoteKind.VISIT,
            day=day,
            hour=rng.randint(9, 18),
            text=text,
            by=worker,
            words=words,
            seen=seen,
            alone=alone if seen else None,
        )

    # ---- the IRO's challenges -----------------------------------------------------------------

    def _challenges(self) -> None:
        rng, wd, today = self.rng, self.wd, self.today
        reviews = [
            (period, review)
            for period in self.periods
            if period.source != "historic"
            for review in period.reviews
            if review[1] >= self.window_start
        ]
        if not reviews:
            return
        wanted = max(2, round(self.b.n_children * CHALLENGES_PER_CHILD))
        chosen = rng.sample(reviews, min(wanted, len(reviews)))
        # cp.chair's unresolved challenge, from the latest review of one of their children.
        own = [r for r in reviews if r[1][2] is self.cp_chair and r[0].end is None]
        if own:
            latest = max(own, key=lambda r: r[1][1])
            chosen = [latest] + [c for c in chosen if c is not latest]
        for i, (period, (review_pk, held, chair)) in enumerate(chosen):
            raised = min(held + timedelta(days=rng.randint(0, 5)), self._until(period))
            respond_by = wd.add(raised, rng.randint(10, 20))
            pk = self.b.next_id(IROChallenge)
            issue = rng.choice(IRO_ISSUES)
            resolved = None
            if i > 0 and rng.random() < (0.92 if respond_by < today - timedelta(days=40) else 0.4):
                resolved = min(raised + timedelta(days=rng.randint(5, 60)), today)
            stage = self._pick(
                {
                    ChallengeStage.INFORMAL: 60,
                    ChallengeStage.TEAM_MANAGER: 25,
                    ChallengeStage.SERVICE_MANAGER: 10,
                    ChallengeStage.HEAD_OF_SERVICE: 5,
                }
            )
            resolution = rng.choice(IRO_RESOLUTIONS) if resolved else ""
            self.put(
                IROChallenge,
                id=pk,
                child_id=period.child.pk,
                review_id=review_pk,
                raised_by_id=chair.pk,
                raised_on=raised,
                issue=issue,
                respond_by=respond_by,
                stage=stage,
                resolved_on=resolved,
                resolution=resolution,
            )
            self.entry(
                period.child.pk,
                self._at(raised, 16),
                EntryKind.IRO_CHALLENGE,
                f"IRO challenge raised (informal resolution); a response is due by "
                f"{_d(respond_by)}. {issue[:240]}",
                IROChallenge,
                pk,
                chair,
            )
            if stage != ChallengeStage.INFORMAL:
                escalated = min(raised + timedelta(days=rng.randint(10, 30)), resolved or today)
                self.entry(
                    period.child.pk,
                    self._at(escalated, 16),
                    EntryKind.IRO_CHALLENGE,
                    f"IRO challenge of {_d(raised)} escalated to "
                    f"{ChallengeStage(stage).label.lower()}: no response by the date asked.",
                    IROChallenge,
                    pk,
                    chair,
                )
            if resolved:
                late = " after the response was due" if resolved > respond_by else ""
                self.entry(
                    period.child.pk,
                    self._at(resolved, 17),
                    EntryKind.IRO_CHALLENGE,
                    f"IRO challenge of {_d(raised)} resolved{late} "
                    f"({ChallengeStage(stage).label.lower()}): {resolution[:240]}",
                    IROChallenge,
                    pk,
                    chair,
                )

    # ---- missing children ----------------------------------------------------------------------

    def _missing(self) -> None:
        """Missing episodes: one for each missing-person concern the police raised, more for
        repeat missers, and children missing from care (teenagers mostly); then the front
        door's alert rules for the children who went missing, as reporting an episode runs
        them (care.services.missing)."""
        rng, today = self.rng, self.today
        now = self.clock.now
        self.police = {
            s.pk: s
            for s in Staff.objects.filter(
                role=Role.PARTNER, organisation__kind=OrganisationKind.POLICE
            ).select_related("organisation")
        }
        officers = sorted(self.police.values(), key=lambda s: s.pk)
        in_care = defaultdict(list)
        for period in self.periods:
            in_care[period.child.pk].append(period)

        def care_period(child_id, day):
            for p in in_care.get(child_id, []):
                if p.start <= day < (p.end or FAR):
                    return p
            return None

        episodes: list[tuple] = []  # (child id, started at, the police officer who reported)
        repeaters = []
        concerns = Concern.objects.filter(category="missing", child__isnull=False).order_by("pk")
        for child_id, reported, by in concerns.values_list(
            "child_id", "reported_at", "reported_by"
        ):
            child = self.people.get(child_id)
            if child is None or child.date_of_birth is None:
                continue
            started = reported - timedelta(hours=rng.uniform(2, 20))
            episodes.append((child_id, started, self.police.get(by)))
            if rng.random() < 0.25:
                repeaters.append((child_id, started))
        for child_id, started in repeaters:
            for _ in range(rng.randint(1, 5)):
                other = started + timedelta(days=rng.randint(-150, 150), hours=rng.randint(0, 12))
                if self.window_start <= other.astimezone(LONDON).date() < today:
                    officer = rng.choice(officers) if officers and rng.random() < 0.5 else None
                    episodes.append((child_id, other, officer))
        # Children missing from care.
        for period in self.periods:
            if period.source == "historic":
                continue
            born = period.child.date_of_birth
            low = max(period.start, self.window_start)
            high = self._until(period)
            if high <= low:
                continue
            age = _age(born, high)
            chance = 0.35 if age >= 12 else 0.05 if age >= 8 else 0
            if period.demo:
                count = 2
            elif rng.random() < chance:
                count = rng.choices([1, 2, 3, 5, 8, 14], [40, 20, 12, 12, 10, 6])[0]
            else:
                continue
            teen_from = max(low, birthday_on(born, 11))
            if teen_from >= high:
                continue
            for _ in range(count):
                day = self._between(teen_from, high)
                officer = rng.choice(officers) if officers and rng.random() < 0.4 else None
                episodes.append((period.child.pk, self._at(day, rng.randint(15, 23)), officer))
        # Someone is missing right now.
        open_teens = [
            p
            for p in self.periods
            if p.end is None and _age(p.child.date_of_birth, today) >= 13 and not p.demo
        ]
        missing_now = set()
        now_missing = min(len(open_teens), max(1, round(self.b.n_children / 40_000)))
        for period in rng.sample(open_teens, now_missing):
            started = now - timedelta(hours=rng.uniform(5, 30))
            episodes.append((period.child.pk, started, None))
            missing_now.add((period.child.pk, started))
        episodes.sort(key=lambda e: (e[0], e[1]))
        repeat = Counter(child_id for child_id, *_ in episodes)
        last_end: dict[int, datetime] = {}
        for child_id, started, officer in episodes:
            if started >= now or started <= last_end.get(child_id, started - timedelta(1)):
                continue
            day = started.astimezone(LONDON).date()
            period = care_period(child_id, day)
            still = (child_id, started) in missing_now
            last_end[child_id] = self._missing_episode(
                child_id, started, period, repeat[child_id], still, officer
            )
        self.missing_children = sorted(last_end)

    def _missing_episode(self, child_id, started, period, repeats, still, officer) -> datetime:
        """One missing episode, its return and the return home interview; returns when the
        child came back (now, if they have not)."""
        rng = self.rng
        now = self.clock.now
        child = self.people[child_id]
        roll = rng.random()
        hours = (
            rng.uniform(3, 20)
            if roll < 0.7
            else rng.uniform(24, 72)
            if roll < 0.95
            else rng.uniform(72, 160)
        )
        ended = None if still else started + timedelta(hours=hours)
        if ended is not None and ended >= now:
            ended = None
        if period is not None:
            where = MissingEpisode.From.CARE
        else:
            where = MissingEpisode.From.SCHOOL if rng.random() < 0.06 else MissingEpisode.From.HOME
        missing_type = MissingType.AWAY if period and rng.random() < 0.3 else MissingType.MISSING
        risk = ExploitationRisk.NONE_IDENTIFIED
        if repeats >= 4:
            girl = child.gender == "F"
            risk = self._pick(
                {
                    ExploitationRisk.CRIMINAL: 25 if girl else 55,
                    ExploitationRisk.SEXUAL: 45 if girl else 8,
                    ExploitationRisk.BOTH: 8,
                    ExploitationRisk.NONE_IDENTIFIED: 20,
                }
            )
        day = started.astimezone(LONDON).date()
        # Reported by the police (shared with the child's plan), or by social care.
        reporter = officer or self._reporter(child_id, period, day)
        police = self.police.get(reporter.pk)
        visibility = Visibility.PARTNERS if police else Visibility.SOCIAL_CARE
        organisation = police.organisation_id if police else None
        pk = self.b.next_id(MissingEpisode)
        reference = f"CAD {rng.randint(1000, 9999)}/{day:%d%b%y}".upper()
        found = rng.choice(WHERE_FOUND) if ended else ""
        self.put(
            MissingEpisode,
            id=pk,
            child_id=child_id,
            missing_type=missing_type,
            missing_from=where,
            started_at=started,
            ended_at=ended,
            where_found=found,
            exploitation_risk=risk,
            reported_by_id=reporter.pk,
            police_reference=reference,
        )
        self.counts["missing"] += 1
        at_risk = ""
        if risk != ExploitationRisk.NONE_IDENTIFIED:
            at_risk = f" Risk of exploitation: {ExploitationRisk(risk).label.lower()}."
        self.entry(
            child_id,
            started,
            EntryKind.MISSING,
            f"{MissingType(missing_type).label} from {where.label.lower()} since "
            f"{_words(started)}. Police reference {reference}.{at_risk}",
            MissingEpisode,
            pk,
            reporter,
            visibility,
            organisation,
        )
        if ended is None:
            return now
        self.entry(
            child_id,
            ended,
            EntryKind.MISSING,
            f"Back from missing at {_words(ended)}. Found: {found}{at_risk}",
            MissingEpisode,
            pk,
            reporter,
            visibility,
            organisation,
        )
        # The return home interview, offered within 72 hours (mostly).
        late = rng.random() >= 0.88
        offered = ended + timedelta(hours=rng.uniform(73, 140) if late else rng.uniform(3, 70))
        if offered >= now:
            return ended
        worker = rng.choice(self.rhi_workers)
        recent = now - offered < timedelta(days=4)
        accepted = rng.choices([True, False, None], [60, 34, 6 if recent else 0])[0]
        held = None
        if accepted:
            held = offered + timedelta(hours=rng.uniform(2, 72))
            if held >= now:
                held = None
        rhi = self.b.next_id(ReturnInterview)
        push = rng.choice(PUSH_FACTORS) if held else ""
        self.put(
            ReturnInterview,
            id=rhi,
            episode_id=pk,
            offered_at=offered,
            accepted=accepted,
            held_at=held,
            interviewer_id=worker.pk if accepted else None,
            declined_reason=rng.choice(DECLINED) if accepted is False else "",
            child_words=rng.choice(RHI_WORDS) if held else "",
            push_factors=push,
            recorded_by_id=worker.pk,
        )
        due = ended + timedelta(hours=72)
        if offered > due:
            hours = int((offered - due).total_seconds() // 3600)
            timing = (
                f"late: {hours} hour{'s' if hours != 1 else ''} after the 72 hours, which "
                f"ended at {_words(due)}"
            )
        else:
            timing = "within 72 hours of the return"
        self.entry(
            child_id,
            offered,
            EntryKind.RETURN_INTERVIEW,
            f"Return home interview offered {timing}.",
            ReturnInterview,
            rhi,
            worker,
        )
        if accepted is None:
            return ended
        answered = held or offered + timedelta(hours=rng.uniform(1, 24))
        if answered >= now:
            return ended
        if not accepted:
            summary = "Return home interview declined."
        elif held is None:
            summary = "Return home interview accepted; to be held."
        else:
            summary = f"Return home interview held at {_words(held)} by {worker}."
        self.entry(
            child_id, answered, EntryKind.RETURN_INTERVIEW, summary, ReturnInterview, rhi, worker
        )
        return ended

    def _reporter(self, child_id, period, day) -> Staff:
        if period is not None:
            return self.by_at(period, day)
        rows = self.allocations.get(child_id)
        if rows is None:
            rows = self._child_allocations(child_id)
        for started, ended, worker_id, _ in rows:
            if started <= day <= ended and worker_id in self.staff_by_pk:
                return self.staff_by_pk[worker_id]
        return self.rng.choice(self.mash_workers)

    def _child_allocations(self, child_id) -> list:
        if not hasattr(self, "_other_allocations"):
            self._other_allocations = defaultdict(list)
            ids = Concern.objects.filter(category="missing", child__isnull=False).values("child_id")
            for cid, started, ended, worker_id, team_id in (
                Allocation.objects.filter(child_id__in=ids)
                .order_by("child_id", "started_on", "pk")
                .values_list("child_id", "started_on", "ended_on", "worker_id", "team_id")
            ):
                self._other_allocations[cid].append((started, ended or FAR, worker_id, team_id))
        return self._other_allocations.get(child_id, [])

    def _alerts(self) -> None:
        """Repeated missing episodes raise the front door's alert, as reporting them does."""
        if self.missing_children:
            self.counts["alerts"] = run_alert_rules(self.missing_children, today=self.today)

    # ---- care leavers --------------------------------------------------------------------------

    def _care_leavers(self) -> None:
        b, rng, today = self.b, self.rng, self.today
        by_child = defaultdict(list)
        for period in self.periods:
            by_child[period.child.pk].append(period)
        leavers = []  # (child, eligibility, since, periods)
        for child_id in sorted(by_child):
            periods = by_child[child_id]
            child = self.people[child_id]
            born = child.date_of_birth
            if _age(born, today) < 16:
                continue
            spans = [_Span(p.start, p.end) for p in periods]
            now = eligibility_on(child, today, spans)
            if not now:
                continue
            sixteen, eighteen = birthday_on(born, 16), birthday_on(born, 18)
            if now == Eligibility.FORMER_RELEVANT:
                since = eighteen
            elif now == Eligibility.ELIGIBLE:
                since = next(
                    (
                        day
                        for day in (
                            sixteen + timedelta(days=n) for n in range((today - sixteen).days + 1)
                        )
                        if eligibility_on(child, day, spans) == Eligibility.ELIGIBLE
                    ),
                    today,
                )
            else:  # relevant or qualifying: from the day they left care
                ended = [p.end for p in periods if p.end and p.end >= sixteen]
                if not ended:
                    continue
                since = max(ended)
                if eligibility_on(child, since, spans) != now:
                    continue
            leavers.append((child, now, since, periods))
        # Personal advisers: the leaving care team's.
        advisers = list(self.advisers)
        demo_pa = b.accounts["personal.adviser"]
        demo_wanted = max(3, round(b.n_children * DEMO_PA_SHARE))
        # personal.adviser takes the young people with a birthday contact window open now.
        open_windows = [
            i
            for i, (child, *_rest) in enumerate(leavers)
            if any(
                birthday_window(child.date_of_birth, age)[0]
                <= today
                <= birthday_window(child.date_of_birth, age)[1]
                for age in range(17, 22)
            )
        ]
        demo_ids = set(open_windows[: min(len(open_windows), max(2, demo_wanted // 2))])
        others = [i for i in range(len(leavers)) if i not in demo_ids]
        rng.shuffle(others)
        demo_ids |= set(others[: max(0, demo_wanted - len(demo_ids))])
        load = defaultdict(int)
        for i, (child, eligibility, since, _) in enumerate(leavers):
            if i in demo_ids:
                adviser = demo_pa
            else:
                pool = [a for a in advisers if a.pk != demo_pa.pk] or advisers
                adviser = min(rng.sample(pool, min(3, len(pool))), key=lambda a: load[a.pk])
            load[adviser.pk] += 1
            self._care_leaver(child, eligibility, since, adviser, keep_open=i in demo_ids)
        self.counts["leavers"] = len(leavers)

    def _care_leaver(self, child, eligibility, since, adviser, keep_open) -> None:
        b, rng, today = self.b, self.rng, self.today
        born = child.date_of_birth
        pk = b.next_id(CareLeaver)
        ended = None
        self.put(
            CareLeaver,
            id=pk,
            child_id=child.pk,
            eligibility=eligibility,
            personal_adviser_id=adviser.pk,
            since=since,
            services_ended_on=None,
        )
        self.put(
            Involvement,
            id=b.next_id(Involvement),
            child_id=child.pk,
            kind=InvolvementKind.PERSONAL_ADVISER,
            staff_id=adviser.pk,
            started_on=since,
            ended_on=ended,
        )
        self.entry(
            child.pk,
            self._at(since, 10),
            EntryKind.CARE_LEAVER,
            f"Care leaver: {Eligibility(eligibility).label}.",
            CareLeaver,
            pk,
            adviser,
        )
        self.entry(
            child.pk,
            self._at(since, 10),
            EntryKind.CARE_LEAVER,
            f"Personal adviser: {adviser}.",
            CareLeaver,
            pk,
            adviser,
        )
        # Pathway plan reviews, at least every six months.
        due = since + relativedelta(months=6)
        previous = since
        while True:
            if rng.random() < 0.86:
                day = self._between(
                    max(previous + timedelta(days=1), due - timedelta(days=40)), due
                )
            else:
                day = due + timedelta(days=rng.randint(1, 45))
            if day > today:
                break
            review = b.next_id(PathwayPlanReview)
            summary = rng.choice(PATHWAY_SUMMARIES)
            self.put(
                PathwayPlanReview,
                id=review,
                care_leaver_id=pk,
                reviewed_on=day,
                due_on=due,
                summary=summary,
                young_person_views=rng.choice(PATHWAY_VIEWS),
                recorded_by_id=adviser.pk,
            )
            late = f" (late: due {_d(due)})" if day > due else ""
            self.entry(
                child.pk,
                self._at(day, 14),
                EntryKind.CARE_LEAVER,
                f"Pathway plan review{late}: {summary[:200]}",
                PathwayPlanReview,
                review,
                adviser,
            )
            previous, due = day, day + relativedelta(months=6)
        # Contact around each birthday from the 17th to the 21st (OC3).
        for age in range(17, 22):
            opens, closes = birthday_window(born, age)
            if opens > today:
                break
            if opens <= today <= closes:
                if keep_open or rng.random() < 0.6:
                    continue  # still due
                day = self._between(opens, today)
            else:
                if rng.random() < 0.08:
                    continue  # missed
                day = self._between(opens, closes)
            self._birthday_contact(pk, child, age, day, adviser)

    def _birthday_contact(self, care_leaver, child, age, day, adviser) -> None:
        rng = self.rng
        in_touch = self._pick({"YES": 86, "NO": 6, "REFU": 4, "NREQ": 2, "RHOM": 2})
        activity = accommodation = ""
        suitable = None
        if in_touch in {"YES", "RHOM"} or rng.random() < 0.3:
            if age == 17:
                activity = self._pick({"F2": 60, "F4": 12, "P2": 6, "G5": 14, "G6": 3, "G4": 5})
                accommodation = self._pick({"W": 60, "C": 15, "D": 20, "B": 5})
            else:
                activity = rng.choices(*ACTIVITY_AFTER_18)[0]
                accommodation = rng.choices(*ACCOMMODATION_AFTER_18)[0]
            suitable = accommodation not in {"R", "H", "K", "T", "Z"} and rng.random() < 0.95
        pk = self.b.next_id(CareLeaverContact)
        self.put(
            CareLeaverContact,
            id=pk,
            care_leaver_id=care_leaver,
            birthday_age=age,
            contacted_on=day,
            in_touch=in_touch,
            activity=activity,
            accommodation=accommodation,
            accommodation_suitable=suitable if accommodation else None,
            recorded_by_id=adviser.pk,
        )
        said = [f"Contact around the {age}th birthday: {CareLeaverInTouch(in_touch).label}."]
        if activity:
            said.append(f"{CareLeaverActivity(activity).label}.")
        if accommodation:
            words = "suitable" if suitable else "not suitable"
            said.append(f"{CareLeaverAccommodation(accommodation).label} ({words}).")
        self.entry(
            child.pk,
            self._at(day, 15),
            EntryKind.CARE_LEAVER,
            " ".join(said),
            CareLeaverContact,
            pk,
            adviser,
        )

    # ---- out to the database -------------------------------------------------------------------

    def _write(self) -> None:
        for row in self.carers:
            starts = [s for s, _ in row.busy]
            first = (
                min(starts) if starts else self.today - timedelta(days=self.rng.randint(30, 900))
            )
            if row.kind == CarerKind.ADOPTERS:
                approved = first - timedelta(days=self.rng.randint(60, 400))
            elif row.kind in {CarerKind.KINSHIP, CarerKind.PARENTS}:
                approved = first
            else:
                approved = first - timedelta(days=self.rng.randint(30, 1500))
            ended = None
            ends = [e for _, e in row.busy]
            if (
                row.pool
                and ends
                and max(ends) < self.today - timedelta(days=200)
                and self.rng.random() < 0.3
            ):
                ended = max(ends) + timedelta(days=self.rng.randint(0, 60))
            self.put(
                Carer,
                id=row.id,
                name=row.name,
                kind=row.kind,
                provider=row.provider,
                urn=row.urn,
                postcode=row.postcode,
                capacity=row.capacity,
                approved_on=approved,
                ended_on=ended,
            )
        self.rows.flush(
            [
                Carer,
                PeriodOfCare,
                Placement,
                CareEpisode,
                LookedAfterReview,
                IROChallenge,
                HealthAssessment,
                EducationPlan,
                PermanencePlan,
                Adoption,
                MissingEpisode,
                ReturnInterview,
                CareLeaver,
                PathwayPlanReview,
                CareLeaverContact,
                Involvement,
                CaseNote,
            ]
        )
        restrictions = self.restrictions
        bulk(
            RecordRestriction,
            [
                RecordRestriction(
                    id=r["id"],
                    child_id=r["child_id"],
                    reason=r["reason"],
                    restricted_by_id=r["restricted_by_id"],
                    restricted_at=r["restricted_at"],
                )
                for r in restrictions
            ],
        )
        field = RecordRestriction.named_staff.field
        through = field.remote_field.through
        source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        bulk(
            through,
            [through(**{source: r["id"], target: s}) for r in restrictions for s in r["named"]],
        )
        self.rows.flush([ChronologyEntry])
        update(Involvement, ["ended_on"], [(end, pk) for pk, end in self.updates])


@dataclass
class _Span:
    """A period of care as care.services.leavers.eligibility_on reads one."""

    started_on: date
    ended_on: date | None
