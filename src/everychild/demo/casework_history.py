"""Casework histories in the synthetic borough: what happened after each referral the front
door made (demo.frontdoor_history), up to `b.today`.

Every referral is allocated (an assessment team first), gets a single assessment, and then
closes (no further action, or early help), goes to a child in need plan, or to a strategy
discussion, a section 47 enquiry, an initial conference and a child protection plan with
its review conferences, members, core groups and visits; plans end, cases step down and
close with their CIN census reasons. Case notes (some in the child's own words),
supervision with its actions, key decisions for a manager's sign-off, transition plans for
disabled young people and the chronology entries the services would have written come with
them. Rows are written directly (bulk inserts with explicit ids, no services, no per-row
audit), obeying the rules casework.services enforces.

Volumes per 60,000 children follow Tower Hamlets: about 300 children on a child protection
plan and 700-900 child in need plans open at any time; about a fifth of new CP plans are a
second or subsequent plan.

Reconciling involvements_step. That step gave about 4% of children an allocated worker and
case team (Involvement rows with no Allocation, from before casework existed), and the front
door then treated those children as open cases: each was referred ("anchor" referral) up to
a week before that allocation, and later contacts about them were passed to the allocated
team (outcome "open case"). Here Allocation rows are the truth: every allocated-worker and
case-team involvement is rebuilt from them (the placeholders are deleted), exactly as
workforce.services.allocation_assign would have written them, so the current ones are
exactly the open allocations of open cases. Anchor cases keep the base step's allocation
date but otherwise run like any other case, and many have closed by today (keeping them all
open would have given about 2,400 open cases and twice the CIN plans the borough has).
Children the base step allocated before they were born (about a tenth) get the pre-birth
contact and referral, a midwife's call, that would have opened their case. The front
door's decisions then follow the cases in both directions: a contact decided below the
threshold while the child's case was open becomes "passed to the allocated team", and one
passed to a team while no case was open is decided below the threshold instead (its
chronology entry follows). The conference chairs, conference and plan members and lead
professionals the base step invented are likewise rebuilt from the conferences, plans and
step-downs made here, so each demo account keeps work that the casework explains.

Teams whose caseloads would run above 20 take on agency social workers. The social.worker
demo account holds about 17 open cases (an overdue and a submitted assessment, three CP
plans, one visit due in two working days and one overdue, CIN plans, a closure waiting for
team.manager's sign-off, a disabled teenager without a transition plan); cp.chair chairs
its conferences and police.officer sits on them.
"""

import math
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildInNeedReview,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceMember,
    ConferenceOutcome,
    CoreGroupMeeting,
    DecisionKind,
    KeyDecision,
    NoteKind,
    Recommendation,
    Section47Enquiry,
    Section47Outcome,
    StrategyDecision,
    StrategyDiscussion,
    Supervision,
    SupervisionAction,
    TransitionPlan,
)
from everychild.core import calendar
from everychild.core.clock import Clock
from everychild.core.codes import CategoryOfAbuse, ReasonForClosure, SocialWorkerChangeReason
from everychild.demo.identities import Usernames
from everychild.demo.identities import staff as staff_row
from everychild.demo.writer import (
    LONDON,
    BoroughClock,
    ChronologyEntry,
    EntryKind,
    Involvement,
    InvolvementKind,
    Rows,
    Visibility,
    WorkingDays,
    bulk,
    content_type_id,
    pk_of,
    reset_sequences,
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
from everychild.organisations.models import Staff, TeamMembership
from everychild.organisations.roles import Role
from everychild.people.models import Person
from everychild.workforce.models import Allocation

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

CASE_KINDS = (InvolvementKind.ALLOCATED_WORKER, InvolvementKind.CASE_TEAM)
REBUILT_KINDS = (
    InvolvementKind.ALLOCATED_WORKER,
    InvolvementKind.CASE_TEAM,
    InvolvementKind.CONFERENCE_CHAIR,
    InvolvementKind.CONFERENCE_MEMBER,
    InvolvementKind.PLAN_MEMBER,
    InvolvementKind.LEAD_PROFESSIONAL,
)

# ---- how cases go (shares are tuned so that 60,000 children give about 300 CP plans and
# 700-900 CIN plans open today) -----------------------------------------------------------

ASSESSMENT_IN_TIME = 0.80  # authorised within 45 working days
ASSESSMENT_OUTCOMES = {"nfa": 0.40, "early_help": 0.20, "cin": 0.37, "looked_after": 0.03}
ESCALATION_BASE, ESCALATION_SEVERITY = 0.10, 0.25  # a strategy discussion during assessment
STRATEGY_DECISIONS = {"s47": 0.82, "cin": 0.10, "nfa": 0.08}
CONTINUING_RISK = 0.38  # of section 47 enquiries: an initial conference follows
ICPC_IN_TIME = 0.78
ICPC_PLAN = 0.88  # of initial conferences: a child protection plan
REPEAT_BOOST = 0.25  # children who have had a plan before are likelier to have another
# After how many review conferences a CP plan ends: at 3, 9, 15, 21 or 27+ months.
PLAN_REVIEWS = ([1, 2, 3, 4, 5], [8, 45, 33, 9, 5])
AFTER_CP = {"cin": 0.60, "close": 0.20, "looked_after": 0.13, "moved": 0.07}
CIN_ESCALATION = 0.06  # a child in need plan that becomes a child protection case
CIN_REPLAN = 0.35  # the child in need plan after a CP plan: a new CP plan (a repeat)
CP_TRANSFER = 0.5  # CP cases transferred to a CIN and protection team after the ICPC
CIN_TRANSFER = 0.18  # CIN plans transferred from the assessment team to a CIN team
WORKER_CHANGES_PER_YEAR = 0.06  # changes of worker within a team (leaving, caseloads, ...)
STEP_DOWN_AFTER_PLAN = 0.15
STEP_DOWN_EARLY_HELP = 0.35  # of RC9 closures: a partner lead professional is named
PENDING_CLOSURE = 0.5  # closures in the last 3 working days still awaiting sign-off
UNALLOCATED = 0.35  # referrals in the last 3 working days still waiting for a worker
INTENSIVE_CHILDREN_PER_60K = 220  # long cases with many notes (long chronologies)
TARGET_CASELOAD = 20  # agency workers join teams whose caseloads would run above this
CP_VISIT_LATE = 0.08  # visits more than 10 working days after the last

_SEVERITY = {
    "sexual_abuse": 0.75,
    "fgm": 0.7,
    "child_sexual_exploitation": 0.6,
    "physical_abuse": 0.45,
    "child_criminal_exploitation": 0.45,
    "radicalisation": 0.4,
    "domestic_abuse": 0.25,
    "neglect": 0.25,
    "missing": 0.2,
    "parental_substance_misuse": 0.2,
    "emotional_abuse": 0.2,
    "parental_mental_health": 0.15,
    "other": 0.06,
}
_CATEGORY_FOR_NEED = {  # calls and emails carry no category: read it from the primary need
    "N1": (["neglect", "domestic_abuse", "physical_abuse", "emotional_abuse"], [4, 4, 2, 2]),
    "N3": (["parental_mental_health"], [1]),
    "N4": (["other", "missing"], [3, 1]),
    "N5": (["parental_substance_misuse"], [1]),
    "N6": (["radicalisation"], [1]),
}
THEME = {
    "neglect": "neglect",
    "physical_abuse": "physical",
    "emotional_abuse": "emotional",
    "sexual_abuse": "sexual",
    "domestic_abuse": "domestic",
    "child_sexual_exploitation": "exploitation",
    "child_criminal_exploitation": "exploitation",
    "missing": "exploitation",
    "parental_mental_health": "mental_health",
    "parental_substance_misuse": "substance",
    "radicalisation": "radicalisation",
    "fgm": "fgm",
    "other": "other",
}
# CIN census factors identified at assessment, by the worry that brought the referral.
FACTORS = {
    "neglect": [(["16A"], 6), (["16A", "2B"], 1), (["16A", "1B"], 1), (["16A", "4B"], 1)],
    "domestic_abuse": [(["3B"], 5), (["3A"], 2), (["3B", "4B"], 1), (["3B", "1B"], 1)],
    "physical_abuse": [(["18C"], 6), (["18B"], 1), (["18C", "3B"], 1)],
    "emotional_abuse": [(["17A"], 5), (["17A", "3B"], 2), (["17A", "4B"], 1)],
    "sexual_abuse": [(["19C"], 4), (["19B"], 1)],
    "child_sexual_exploitation": [(["11A"], 3), (["11A", "10A"], 2), (["11A", "1A"], 1)],
    "child_criminal_exploitation": [(["24A"], 2), (["24A", "13A"], 2), (["24A", "10A"], 1)],
    "missing": [(["10A"], 3), (["10A", "14A"], 1), (["10A", "15A"], 1)],
    "parental_mental_health": [(["4B"], 4), (["4B", "7A"], 1), (["4B", "16A"], 1)],
    "parental_substance_misuse": [(["2B"], 3), (["1B"], 2), (["2B", "16A"], 1)],
    "radicalisation": [(["14A", "20"], 1)],
    "fgm": [(["22A"], 1)],
    "other": [(["20"], 3), (["7A"], 1), (["20", "4A"], 1)],
}
_DISABILITY_FACTOR = {"LD": "5A", "AUT": "5A", "COMM": "5A", "MOB": "6A", "HEAR": "6A"}
# Category of abuse for a child protection plan, by the worry (neglect most common).
CP_CATEGORY = {
    "neglect": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [9, 1]),
    "domestic_abuse": (
        [CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.NEGLECT, CategoryOfAbuse.PHYSICAL],
        [6, 3, 1],
    ),
    "physical_abuse": (
        [CategoryOfAbuse.PHYSICAL, CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.NEGLECT],
        [6, 2, 2],
    ),
    "emotional_abuse": ([CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.NEGLECT], [8, 2]),
    "sexual_abuse": ([CategoryOfAbuse.SEXUAL], [1]),
    "child_sexual_exploitation": ([CategoryOfAbuse.SEXUAL, CategoryOfAbuse.EMOTIONAL], [7, 3]),
    "child_criminal_exploitation": (
        [CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.PHYSICAL],
        [4, 4, 2],
    ),
    "missing": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [6, 4]),
    "parental_mental_health": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [7, 3]),
    "parental_substance_misuse": ([CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL], [8, 2]),
    "radicalisation": ([CategoryOfAbuse.EMOTIONAL], [1]),
    "fgm": ([CategoryOfAbuse.PHYSICAL], [1]),
    "other": ([CategoryOfAbuse.NEGLECT], [1]),
}
CHANGE_REASONS = (
    [
        SocialWorkerChangeReason.LEFT_ROLE,
        SocialWorkerChangeReason.MANAGING_CASELOADS,
        SocialWorkerChangeReason.ABSENCE,
        SocialWorkerChangeReason.ORGANISATIONAL_RESTRUCTURE,
        SocialWorkerChangeReason.CHILD_REQUESTED,
        SocialWorkerChangeReason.PARENT_CARER_REQUESTED,
        SocialWorkerChangeReason.OTHER,
    ],
    [35, 25, 15, 8, 4, 6, 7],
)

# ---- words ---------------------------------------------------------------------------------
# {name} is the child's first name; {mum} and {dad} the parents as the child calls them.

VIEWS = {
    "baby": [
        "{name} (aged {months} months) was alert and settled in mother's arms, and turned "
        "towards her voice. Observed: good eye contact with mother; cried when put down and "
        "was soothed quickly.",
        "{name} (aged {months} months) was asleep for most of the visit; when woken, was "
        "slow to settle and did not look to the adults for comfort.",
        "{name} (aged {months} months) babbled and reached for toys; nappy very wet and a "
        "sore rash; smiled at the worker.",
        "{name} (aged {months} months) was quiet and watchful, and flinched when father "
        "raised his voice on the phone.",
        "{name} (aged {months} months) crawled to mother for reassurance when the worker "
        "arrived and then explored the room happily.",
        "{name} (aged {months} months) fed well from a bottle during the visit; mother "
        "responded warmly to cues.",
    ],
    "little": {
        "any": [
            '{name} showed me their bedroom and said: "This is my bed. Teddy sleeps here too."',
            "{name} drew a picture of the family and said: \"That's {mum}, that's me, that's "
            "the baby. Daddy isn't in it.\"",
            '{name} said: "I like nursery. I like the sand and the big slide."',
            "{name} played with the dolls' house, putting all the figures in one room and "
            'saying "they have to be quiet now".',
            '{name} said: "I\'m hungry" twice during the visit, and ate all of the '
            "biscuits offered.",
        ],
        "domestic": [
            '{name} said: "Daddy shouts at {mum} and I hide under the table."',
            '{name} said: "The police came and they had a big car with lights."',
        ],
        "neglect": [
            '{name} said: "There\'s no food, only crisps." When asked about breakfast: '
            '"Sometimes."',
            '{name} said: "My tummy hurts when I\'m at home."',
        ],
        "physical": [
            '{name} pointed to the bruise and said: "{dad} did it with the slipper. I was '
            'naughty."',
        ],
        "sexual": [
            "{name} did not want to talk about home and moved away from the worker; said: "
            '"It\'s a secret."',
        ],
    },
    "middle": {
        "any": [
            '{name} said: "I want to stay with {mum}. I just want the shouting to stop."',
            "{name} said: \"School is OK. I like football at lunch. I don't like going home "
            'after."',
            "{name} said that the best thing about home is their brothers and sisters and the "
            'worst thing is "when {mum} is sad in bed all day".',
            '{name} said: "I don\'t want you to tell {mum} what I said. Will I get in trouble?"',
            '{name} said: "I\'m fine. Nothing happened." {name} would not say more and asked '
            "when the visit would finish.",
            '{name} used the three houses tool. House of worries: "when {dad} comes back '
            'drunk". House of good things: "my nan, my bike". House of dreams: "a big '
            'house where everyone is happy".',
        ],
        "domestic": [
            '{name} said: "When they fight I put my headphones on and turn it up loud. '
            'Sometimes I call nan."',
            '{name} said: "I saw him push {mum} into the wall. I was scared he would hurt '
            'the baby."',
        ],
        "neglect": [
            '{name} said: "I make breakfast for my little brother because {mum} is sleeping."',
            "{name} said: \"Sometimes there's no electric so we can't watch TV or have hot "
            'water."',
        ],
        "physical": [
            "{name} said: \"He hits me with the belt when I don't do my homework. Please "
            "don't tell him I told you.\"",
        ],
        "emotional": [
            '{name} said: "{mum} says I\'m stupid and she wishes I was never born."',
        ],
        "sexual": [
            '{name} said: "I don\'t like it when uncle stays over. He comes in my room."',
        ],
        "mental_health": [
            '{name} said: "{mum} cries a lot. I look after her when she\'s poorly."',
        ],
        "substance": [
            "{name} said: \"{dad} drinks the cans and then he's angry. I know when it's "
            'going to be a bad night."',
        ],
    },
    "teen": {
        "any": [
            "{name} said: \"I'm not being funny but I've told this story five times "
            "already. What's actually going to change?\"",
            '{name} said: "I just want to finish my GCSEs and get out."',
            "{name} said: \"Home is alright most of the time. It's just when he's there.\"",
            '{name} said: "I don\'t need a social worker. I can look after myself."',
            "{name} said: \"Can you help {mum} with the housing? We can't keep living like "
            'this, all in one room."',
            "{name} said: \"I'd talk to you more if you didn't keep changing. You're my "
            'third social worker."',
        ],
        "domestic": [
            "{name} said: \"I stood in front of {mum} when he went for her. I'm bigger than "
            'him now."',
        ],
        "exploitation": [
            "{name} said: \"They're my mates. They look after me. You lot don't know them.\"",
            '{name} said: "If I stop they\'ll come to my house. I owe them money."',
        ],
        "emotional": [
            "{name} said: \"Nothing I do is good enough for them. I stay out so I don't have "
            'to hear it."',
        ],
        "mental_health": [
            "{name} said: \"I'm the one who makes sure {mum} takes her tablets. Who else is "
            'going to?"',
            '{name} said: "I cut myself sometimes. It helps. I don\'t want to go to CAMHS."',
        ],
        "sexual": [
            "{name} said: \"I told the school nurse because I couldn't keep it in any "
            "more. I don't want to go back there.\"",
        ],
        "radicalisation": [
            '{name} said: "I was only watching videos. Everyone watches them."',
        ],
    },
}
FAMILY_VIEWS = {
    "any": [
        "Mother said she is struggling on her own and would welcome help, but does not accept "
        "that the children have been affected.",
        "Both parents engaged with the assessment and agreed with most of the concerns; "
        "father was angry about the police involvement.",
        "Mother said: 'I'm doing my best. Nobody helped me when I asked before.'",
        "Father said the referral was malicious and came from a neighbour he has fallen out "
        "with; he agreed to the worker seeing the children.",
        "Maternal grandmother, who lives nearby, said she is worried and can offer "
        "after-school care three days a week.",
        "Mother (through a Sylheti interpreter) said she did not know where to get help and "
        "is frightened the children will be taken away.",
    ],
    "domestic": [
        "Mother said the relationship is over and she has changed the locks; she agreed to "
        "a referral to the IDVA service.",
        "Mother minimised the incident ('just an argument') and said her partner is a good father.",
    ],
    "neglect": [
        "Mother accepted that the home conditions had slipped since she lost her job, and "
        "asked for help with food bank vouchers and debt advice.",
    ],
    "substance": [
        "Father acknowledged his drinking has got worse and agreed to see the substance "
        "misuse service; mother is less sure he will go.",
    ],
    "mental_health": [
        "Mother said she stopped her medication because of side effects; she agreed to the "
        "worker contacting her GP.",
    ],
    "exploitation": [
        "Mother said she has lost control of her son and is frightened of the young people "
        "who come to the door.",
    ],
}
ANALYSIS = {
    "neglect": "Chronic neglect: the children's basic needs (food, hygiene, health "
    "appointments) are not consistently met. Mother's low mood and financial stress are the "
    "main drivers.",
    "domestic": "Domestic abuse by the father towards the mother, witnessed by the children, "
    "with an escalating pattern over the last year (police call-outs, a high-risk DASH).",
    "physical": "An injury to the child not consistent with the explanation given, with a "
    "history of harsh physical chastisement.",
    "emotional": "Persistent emotional harm: the child is criticised, blamed and rejected, "
    "and is withdrawn and anxious at school.",
    "sexual": "A disclosure of sexual abuse by an adult known to the family; the police "
    "investigation continues and the child's safety depends on the parents' protection.",
    "exploitation": "The young person is being exploited outside the home; risk is from "
    "peers and adults in the community, and the family need support to keep them safe.",
    "mental_health": "Parental mental ill health limits the parent's capacity to care for "
    "the children, who have taken on caring roles.",
    "substance": "Parental substance misuse affects the consistency of care and supervision, "
    "with the children exposed to intoxicated adults.",
    "radicalisation": "The young person has been exposed to extremist material online; the "
    "family is engaged and the Channel panel has been consulted.",
    "fgm": "The child is at risk of FGM; the family are from a community where it is "
    "prevalent and a trip abroad has been mentioned. The mother herself has had FGM.",
    "other": "Family under acute stress (overcrowding, debt and a young carer role) without "
    "evidence of significant harm.",
}
ANALYSIS_OUTCOME = {
    Recommendation.NO_FURTHER_ACTION: " The risks are low and the family's own network is "
    "strong: no further action by children's social care.",
    Recommendation.EARLY_HELP: " Needs can be met through early help with a lead "
    "professional and the family's consent.",
    Recommendation.CHILD_IN_NEED: " The child is in need (s17): a child in need plan will "
    "coordinate support from the agencies involved.",
    Recommendation.STRATEGY_DISCUSSION: " There is reasonable cause to suspect significant "
    "harm: the case has proceeded under section 47.",
    Recommendation.LOOKED_AFTER: " The child cannot be kept safe at home: accommodation has "
    "been agreed.",
}
CIN_OUTCOMES = [
    "Home conditions good enough for the children, with food, clean clothes and beds; "
    "school attendance above 95%; mother engaged with her GP.",
    "No further domestic abuse incidents; mother completes the Freedom Programme; the "
    "children attend every health appointment.",
    "The young person attends school full time, is home by the agreed time and works with "
    "the youth service.",
    "Father engages with the substance misuse service and remains abstinent (tested); a "
    "safety plan for the children when either parent has been drinking.",
    "Family moved to suitable housing; debts managed with Citizens Advice; young carer "
    "support in place.",
]
CP_PLAN_TEXT = [
    "1. Mother to attend the Freedom Programme weekly from next month (IDVA to support). "
    "2. Father to have no unsupervised contact until the risk assessment is complete "
    "(social worker). 3. Children seen alone at every visit, at least every 10 working days "
    "(social worker). 4. School to report any absence the same day (DSL).",
    "1. Home conditions checked at every visit against the agreed checklist (social "
    "worker). 2. Health visitor to weigh the baby fortnightly. 3. Mother to attend every "
    "GP and dental appointment for the children; the family support worker to help. "
    "4. Core group to review progress every six weeks.",
    "1. The young person to have a safety plan for going missing (social worker, police). "
    "2. A return home interview after every missing episode (within 72 hours). 3. Referral "
    "to the exploitation panel. 4. Mother to be offered parenting support for teenagers.",
    "1. Father to engage with the drug and alcohol service and provide hair strand tests "
    "(substance misuse worker). 2. No adult under the influence to care for the children. "
    "3. Unannounced visits at least every 10 working days.",
]
END_CIN = [
    "The plan's outcomes are met: the family no longer needs a child in need plan.",
    "Progress sustained for six months; the family agreed to support from early help.",
    "The family moved out of the borough; the case was transferred.",
    "Mother withdrew consent; the concerns do not meet the threshold for section 47.",
]
END_CP = [
    "The risk of significant harm has reduced: the plan's actions are complete and the "
    "children are safe; the family will continue under a child in need plan.",
    "Sustained change over two reviews: no incidents since the perpetrator left the home.",
    "The child became looked after: the plan ends and care planning begins.",
    "The family moved to another local authority: the case was transferred at a transfer-in "
    "conference.",
]
CONFERENCE_SUMMARY = {
    ConferenceOutcome.PLAN: "The conference agreed the threshold of significant harm is met "
    "and {name} should be the subject of a child protection plan under the category of "
    "{category}.",
    ConferenceOutcome.NO_PLAN: "The conference agreed the threshold for a plan is not met; "
    "{name} will be supported under a child in need plan.",
    ConferenceOutcome.CONTINUE: "Some progress, but the risks identified remain: the plan "
    "continues, with the actions updated.",
    ConferenceOutcome.END: "The plan's outcomes have been achieved and sustained: the plan ends.",
}
CORE_GROUP = [
    "Home conditions improved; mother attending the parenting course. School attendance 93%.",
    "Father has not engaged with the substance misuse service: the social worker will "
    "write to him setting out the expectations.",
    "The children seen alone by the social worker; all agencies report no new concerns.",
    "Missed health appointments discussed; health visitor to book a home appointment.",
    "Mother has moved to a refuge with the children; new school places being arranged.",
    "Mixed progress. The core group agreed to ask the chair to bring the review forward.",
]
CIN_REVIEW = [
    "Good progress: the family support worker visits weekly and the home is much improved.",
    "Attendance still below 90%; the school will start a part-time timetable review.",
    "Mother engaging well; the plan continues for another three months.",
    "No new concerns; the child is happier at school. Step-down to be considered next time.",
    "Little progress since the last review: the plan is strengthened and the manager "
    "consulted about a strategy discussion.",
]
SUPERVISION = [
    "Reviewed the chronology and the plan. The worker is concerned about drift; agreed "
    "timescales for the outstanding actions.",
    "Discussed the child's lived experience and whether the child's voice is in the record. "
    "Agreed more direct work.",
    "Reflected on disguised compliance: the parents say the right things but little has "
    "changed. Consider escalating.",
    "The case is progressing; risks are reducing. Considered step-down at the next review.",
    "Discussed the worker's wellbeing and caseload; the case is emotionally demanding.",
    "Checked visits are within timescale and the child has been seen alone. Agreed the "
    "next steps before the review.",
]
ACTIONS = [
    "Complete a chronology update before the next review.",
    "See the child alone and record their views in their own words.",
    "Make a referral to the domestic abuse service (IDVA).",
    "Chase the school for attendance figures and share them with the core group.",
    "Arrange a family network meeting.",
    "Request a police check on the mother's new partner.",
    "Update the plan with the actions agreed at the core group.",
    "Write to father setting out what must change, and by when.",
    "Complete the direct work sessions (three houses) with the children.",
    "Book an interpreter for the next home visit.",
]
NOTES = {
    "assessment_visit": [
        "Home visit for the assessment. Met mother and the children; the home was {home}. "
        "Discussed the referral and the family's history; explained the assessment.",
        "Visit with the family: saw the children's bedrooms; {home}. Mother was open about "
        "the difficulties.",
    ],
    "visit": [
        "Statutory visit: home {home}. Saw {name} alone in their room; mother present for "
        "the rest of the visit.",
        "Unannounced visit: {home}. {name} was at home with mother; discussed progress "
        "against the plan.",
        "Home visit with the family support worker. {name} seen; the home {home}.",
        "Visit after school. {name} seen alone in the kitchen; father out.",
    ],
    "phone_call": [
        "Phone call to the school DSL: attendance this half term {attendance}%; no new concerns.",
        "Phone call from mother: she has been offered a new flat and wants to know if she "
        "can move before the review.",
        "Phone call to the health visitor: the baby's weight is back on the expected centile.",
        "Phone call from police: a further call-out at the weekend; no arrests.",
        "Phone call to the GP surgery: mother attended her appointment and her medication "
        "has been reviewed.",
    ],
    "meeting": [
        "Professionals' meeting with school, health and the family support worker to agree "
        "who does what before the review.",
        "Meeting with mother at the office with an interpreter to go through the written "
        "agreement.",
        "Family network meeting: grandmother and aunt agreed to share after-school care.",
    ],
    "direct_work": [
        "Direct work session at school: three houses and a feelings thermometer with {name}.",
        "Direct work with {name}: worked on the safety plan (who to call, where to go).",
        "Life-story style session with {name} about the family and what has happened.",
    ],
    "management_decision": [
        "Management decision: the case proceeds under a child in need plan; the plan to be "
        "agreed within 10 working days.",
        "Management decision: strategy discussion to be convened today with police and health.",
        "Management decision: closure agreed; the family have been told and partners will be "
        "informed.",
        "Management decision: the case to be transferred to the CIN and protection team "
        "following the initial conference.",
    ],
}
HOME = [
    "clean and tidy",
    "cluttered but adequate",
    "cold, with little food in the fridge",
    "much improved since the last visit",
    "in a poor state: dirty dishes and a strong smell of cannabis",
    "warm and homely",
]
NOTE_WORDS = {
    "little": [
        "I'm happy today because I had pancakes.",
        "Can you come to my birthday?",
        "{mum} was crying again.",
        "I don't like the dark.",
    ],
    "middle": [
        "It's been better since you came. Dad doesn't shout as much.",
        "I got a gold star in maths.",
        "I don't want to move schools again.",
        "Mum was poorly again on Sunday and I had to do the dinner.",
        "Can I see my dad at the weekend?",
    ],
    "teen": [
        "Why do you need to see my room? It's private.",
        "I've been going to college every day, ask them.",
        "I'm fine. Can I go now?",
        "It's calmer now he's gone.",
        "I'd rather talk to you at school, not at home.",
    ],
}
TRANSITION = [
    "Transition assessment started with adult social care; the young person wants to go to "
    "college and live independently with support. Care Act assessment requested at 17.",
    "Plan agreed with the young person and parents: short breaks continue to 18; adult "
    "learning disability team to take over; education, health and care plan reviewed.",
    "Health transition to adult services (epilepsy clinic) planned; personal budget to "
    "continue; housing options to be explored.",
]
ADULT_CONTACTS = [
    "Transitions team, adult social care",
    "Adult learning disability team",
    "Community team for adults with learning disabilities",
    "Adult physical disability team",
]
LOOKED_AFTER_END = "Child became looked after."
SECTION47_AGENCIES = "Children's social care, police (CAIT) and health (named nurse)"
STRATEGY_RATIONALE = {
    StrategyDecision.SECTION_47: "The information shared gives reasonable cause to suspect "
    "that the child is suffering, or is likely to suffer, significant harm.",
    StrategyDecision.NO_S47_CHILD_IN_NEED: "Concerns do not meet the threshold for section 47 "
    "but the child is in need: continue the single assessment.",
    StrategyDecision.NO_S47_NO_FURTHER_ACTION: "Police and health information does not "
    "support the concern; no further action under section 47.",
}
PRE_BIRTH_CALL = (
    "Call from the community midwife: mother is {weeks} weeks pregnant and has disclosed "
    "{worry}. Previous children's services involvement elsewhere."
)
PRE_BIRTH_WORRIES = [
    "domestic abuse by her partner, who is the baby's father",
    "daily cannabis and alcohol use",
    "a relapse of her psychosis; she has stopped her medication",
    "that she is homeless and sofa-surfing",
]


# ---- the simulated case ------------------------------------------------------------------------


@dataclass
class _Seg:
    """One allocation: a kind of team (assessment, cin, disabled, care) and later a worker."""

    start: date
    kind: str
    reason: str = ""
    team: str = ""
    worker: Staff | None = None
    end: date | None = None
    id: int = 0


@dataclass
class _CP:
    start: date
    category: str
    reviews: list = field(default_factory=list)  # (held_on, outcome, category)
    end: date | None = None
    end_reason: str = ""
    chair: Staff | None = None
    members: list = field(default_factory=list)  # (staff, from_on, to_on)
    core_groups: list = field(default_factory=list)
    previous: "_CP | None" = None
    last_visit: date | None = None  # for the demo worker's cases: when the last visit was
    id: int = 0


@dataclass
class _Enquiry:
    held_on: date
    decision: str
    completed_on: date | None = None
    outcome: str = ""
    icpc_needed: bool | None = None
    icpc_due: date | None = None
    icpc_on: date | None = None
    icpc_outcome: str = ""
    plan: _CP | None = None
    chair: Staff | None = None
    id: int = 0


@dataclass
class _CIN:
    start: date
    end: date | None
    reviews: list = field(default_factory=list)
    end_reason: str = ""
    id: int = 0


@dataclass
class _Case:
    referral_id: int
    child_id: int
    d0: date
    category: str
    strategy_contact: bool
    limit: date | None  # the day before the child's next referral: closed by then
    alloc_start: date
    force: str = ""
    a_start: date | None = None
    a_due: date | None = None
    a_seen: date | None = None
    a_auth: date | None = None
    a_submitted: date | None = None
    recommendation: str = ""
    enquiries: list = field(default_factory=list)
    cins: list = field(default_factory=list)
    looked_after: date | None = None
    closed_on: date | None = None
    reason: str = ""
    lead: Staff | None = None
    closure_pending: bool = False
    unallocated: bool = False
    segs: list = field(default_factory=list)
    assessment_team: str = ""
    cin_team: str = ""
    care_team: str = ""
    demo: bool = False
    visit_cap: date | None = None  # the demo's CP visits: none after this day
    intensive: bool = False
    assessment_id: int = 0

    @property
    def theme(self) -> str:
        return THEME[self.category]

    def plans(self) -> list[_CP]:
        return [e.plan for e in self.enquiries if e.plan]

    def last_activity(self) -> date:
        days = [self.d0, self.a_start, self.a_auth]
        for e in self.enquiries:
            days += [e.held_on, e.completed_on, e.icpc_on]
            if e.plan:
                days += [e.plan.start, e.plan.end]
        for q in self.cins:
            days += [q.start, q.end]
        days.append(self.looked_after)
        return max(d for d in days if d)


class _Simulator:
    def __init__(self, b: "Borough", wd: WorkingDays, disabled: set[int]):
        self.b, self.rng, self.wd, self.today = b, b.rng, wd, b.today
        self.disabled = disabled
        self.far = b.today + timedelta(days=3 * 365)

    # -- helpers
    def _wd(self, day: date, low: int, high: int) -> date:
        return self.wd.add(day, self.rng.randint(low, high))

    def _months(self, day: date, months: int) -> date:
        return day + relativedelta(months=months)

    def _choice(self, weights: dict) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    # -- the trajectory, uncut
    def run(self, case: _Case, had_plan: bool) -> None:
        rng, wd = self.rng, self.wd
        case.a_due = Assessment.due_from(case.d0)
        case.a_start = min(case.d0 + timedelta(days=rng.choice([0, 0, 1, 1, 1, 2, 3])), self.today)
        case.a_start = max(case.a_start, case.d0)
        case.a_seen = wd.add(case.d0, rng.randint(1, 8))
        case.assessment_team = rng.choice(["assessment_1", "assessment_2"])
        case.segs = [_Seg(case.alloc_start, "assessment")]
        # Authorisation: most within 45 working days, a fifth late.
        due_index = wd.after(case.a_due) - 1
        if rng.random() < ASSESSMENT_IN_TIME:
            low = max(wd.after(case.a_start) + 3, due_index - 32)
            case.a_auth = wd.days[rng.randint(min(low, due_index), due_index)]
        else:
            case.a_auth = wd.days[due_index + rng.randint(1, 25)]
        case.a_submitted = wd.add(case.a_auth, -rng.randint(0, 3))
        case.a_submitted = max(case.a_submitted, case.a_seen, case.a_start)
        force = case.force
        if force.startswith("assessment"):
            case.a_auth = case.a_submitted = self.far
            if force == "assessment_submitted":
                case.a_submitted = wd.add(self.today, -rng.randint(1, 2))
            return
        severity = _SEVERITY[case.category] + (REPEAT_BOOST if had_plan else 0)
        escalate = rng.random() < ESCALATION_BASE + ESCALATION_SEVERITY * severity
        if force == "cp" or case.strategy_contact:
            held = case.d0 if calendar.is_working_day(case.d0) and rng.random() < 0.6 else None
            held = held or self._wd(case.d0, 1, 2)
            self._enquiry(case, held, had_plan, after=case.a_auth)
            return
        if force in {"cin", "open", "closing"}:
            self._cin_phase(case, case.a_auth + timedelta(days=rng.randint(0, 10)))
            case.recommendation = Recommendation.CHILD_IN_NEED
            return
        if escalate:
            held = min(self._wd(case.a_start, 2, 20), case.a_auth)
            self._enquiry(case, held, had_plan, after=case.a_auth)
            return
        outcome = self._choice(ASSESSMENT_OUTCOMES)
        self._after_assessment(case, outcome)

    def _after_assessment(self, case: _Case, outcome: str) -> None:
        rng, start = self.rng, case.a_auth
        if outcome == "cin":
            case.recommendation = Recommendation.CHILD_IN_NEED
            self._cin_phase(case, start + timedelta(days=rng.randint(0, 10)))
        elif outcome == "looked_after":
            case.recommendation = Recommendation.LOOKED_AFTER
            self._looked_after(case, start + timedelta(days=rng.randint(0, 20)))
        else:
            case.recommendation = (
                Recommendation.NO_FURTHER_ACTION if outcome == "nfa" else Recommendation.EARLY_HELP
            )
            self._close(case, "RC8" if outcome == "nfa" else "RC9")

    def _enquiry(self, case: _Case, held: date, had_plan: bool, after: date) -> None:
        """A strategy discussion and what follows it; `after`: when the assessment ends."""
        rng, wd = self.rng, self.wd
        forced = case.force == "cp"
        decision = StrategyDecision.SECTION_47 if forced else self._choice(STRATEGY_DECISIONS)
        enquiry = _Enquiry(held, decision)
        case.enquiries.append(enquiry)
        if decision != StrategyDecision.SECTION_47:
            if decision == StrategyDecision.NO_S47_CHILD_IN_NEED:
                self._after_assessment(case, "cin")
            else:
                self._after_assessment(case, self.rng.choice(["nfa", "nfa", "early_help"]))
            return
        enquiry.icpc_due = Section47Enquiry.icpc_due_from(held)
        risk = CONTINUING_RISK + (REPEAT_BOOST if had_plan else 0.0)
        if case.limit and (case.limit - held).days < 240:
            risk /= 4  # a plan would be cut short by the next referral: rarely one at all
        if forced or rng.random() < risk:
            due_index = wd.after(enquiry.icpc_due) - 1
            if forced or rng.random() < ICPC_IN_TIME:
                on = wd.days[rng.randint(wd.after(held) + 6, due_index)]
            else:
                on = wd.days[due_index + rng.randint(1, 12)]
            enquiry.icpc_on = on
            enquiry.completed_on = wd.days[rng.randint(wd.after(held) + 2, wd.after(on) - 2)]
            enquiry.outcome, enquiry.icpc_needed = Section47Outcome.CONTINUING_RISK, True
            if forced or rng.random() < ICPC_PLAN + (0.05 if had_plan else 0):
                enquiry.icpc_outcome = ConferenceOutcome.PLAN
                case.recommendation = Recommendation.STRATEGY_DISCUSSION
                self._cp_phase(case, enquiry)
            else:
                enquiry.icpc_outcome = ConferenceOutcome.NO_PLAN
                case.recommendation = Recommendation.CHILD_IN_NEED
                self._cin_phase(case, max(on, after) + timedelta(days=rng.randint(0, 10)))
            return
        enquiry.completed_on = self._wd(held, 4, 15)
        enquiry.icpc_needed = False
        if rng.random() < 0.45:
            enquiry.outcome = Section47Outcome.SUBSTANTIATED_NO_RISK
            to_cin = 0.65
        else:
            enquiry.outcome = Section47Outcome.NOT_SUBSTANTIATED
            to_cin = 0.2
        self._after_assessment(
            case, "cin" if rng.random() < to_cin else rng.choice(["nfa", "nfa", "early_help"])
        )

    def _cp_phase(self, case: _Case, enquiry: _Enquiry) -> None:
        rng = self.rng
        start = enquiry.icpc_on
        category = rng.choices(*CP_CATEGORY[case.category])[0]
        if rng.random() < 0.02:
            category = CategoryOfAbuse.MULTIPLE
        plan = _CP(start=start, category=category)
        enquiry.plan = plan
        # Most go to a CIN and protection team after the initial conference.
        if rng.random() < CP_TRANSFER or case.force == "cp":
            case.segs.append(_Seg(start + timedelta(days=rng.randint(0, 10)), "cin", "TSPROC"))
        ends_at = rng.choices(*PLAN_REVIEWS)[0]
        if case.force == "cp":
            ends_at = 99
        held, latest = start, category
        for n in range(1, 60):
            due = self._months(start, 3) if n == 1 else self._months(held, 6)
            late = rng.random() < (0.12 if n == 1 else 0.08)
            held = (
                due + timedelta(days=rng.randint(1, 25))
                if late
                else due - timedelta(days=rng.randint(0, 14))
            )
            if rng.random() < 0.05:
                latest = rng.choice(
                    [CategoryOfAbuse.NEGLECT, CategoryOfAbuse.EMOTIONAL, CategoryOfAbuse.MULTIPLE]
                )
            ending = n >= ends_at
            plan.reviews.append(
                (held, ConferenceOutcome.END if ending else ConferenceOutcome.CONTINUE, latest)
            )
            if ending or held > self.far:
                break
        plan.end = held
        meeting = self._wd(start, 5, 10)
        while meeting < plan.end:
            plan.core_groups.append(meeting)
            meeting = self._wd(meeting, 20, 30)
        after = self._choice(AFTER_CP)
        if after == "cin":
            plan.end_reason = END_CP[rng.choice([0, 0, 1])]
            self._cin_phase(case, plan.end, after_cp=True)
        elif after == "looked_after":
            plan.end_reason = END_CP[2]
            self._looked_after(case, plan.end)
        elif after == "moved":
            plan.end_reason = END_CP[3]
            self._close(case, "RC5")
        else:
            plan.end_reason = END_CP[1]
            self._close(case, "RC7")

    def _cin_phase(self, case: _Case, start: date, after_cp: bool = False) -> None:
        rng = self.rng
        disabled = case.child_id in self.disabled and not case.demo
        if disabled:
            months = rng.triangular(6, 30, 14)
        elif after_cp:
            months = rng.triangular(3, 9, 5)
        else:
            months = rng.triangular(3, 15, 6)
        end = start + timedelta(days=int(months * 30.4))
        if case.force in {"cin", "open"}:
            end = self.far
        elif case.force == "closing":
            end = self.today - timedelta(days=rng.randint(5, 15))
            start = min(start, end - timedelta(days=40))
        plan = _CIN(start, end, end_reason=rng.choice(END_CIN[:2]))
        case.cins.append(plan)
        if not after_cp:
            if disabled:
                case.segs.append(
                    _Seg(start + timedelta(days=rng.randint(0, 10)), "disabled", "TSPROC")
                )
            elif rng.random() < CIN_TRANSFER:
                case.segs.append(_Seg(start + timedelta(days=rng.randint(0, 15)), "cin", "TSPROC"))
        review = start
        while True:
            gap = rng.randint(60, 91) if rng.random() < 0.88 else rng.randint(93, 125)
            review = review + timedelta(days=gap)
            if review >= end:
                break
            plan.reviews.append(review)
        escalation = CIN_REPLAN if after_cp else CIN_ESCALATION
        if not case.force and rng.random() < escalation and months > 2 and start < self.today:
            held = start + timedelta(days=rng.randint(20, max(21, int(months * 30) - 20)))
            if held < end:
                enquiry = _Enquiry(held, StrategyDecision.SECTION_47)
                enquiry.icpc_due = Section47Enquiry.icpc_due_from(held)
                enquiry.icpc_on = self._wd(held, 7, 15)
                enquiry.completed_on = self.wd.days[
                    rng.randint(self.wd.after(held) + 2, self.wd.after(enquiry.icpc_on) - 2)
                ]
                enquiry.outcome, enquiry.icpc_needed = Section47Outcome.CONTINUING_RISK, True
                enquiry.icpc_outcome = ConferenceOutcome.PLAN
                plan.end, plan.end_reason = enquiry.icpc_on, "A child protection plan started."
                plan.reviews = [r for r in plan.reviews if r < plan.end]
                case.enquiries.append(enquiry)
                self._cp_phase(case, enquiry)
                return
        if not case.force or case.force == "closing":
            self._close(case, "RC5" if plan.end_reason == END_CIN[2] else "RC7")

    def _looked_after(self, case: _Case, start: date) -> None:
        case.looked_after = start
        case.care_team = self.rng.choice(["care_1", "care_2"])
        case.segs.append(_Seg(start + timedelta(days=self.rng.randint(0, 5)), "care", "TSPROC"))

    def _close(self, case: _Case, reason: str) -> None:
        rng = self.rng
        day = case.last_activity() + timedelta(days=rng.randint(0, 14))
        if case.force == "closing":
            day = case.last_activity() + timedelta(days=rng.randint(0, 3))
            day = min(self.today, day)
        case.closed_on, case.reason = day, reason
        if reason == "RC9":
            case.lead = "early_help" if rng.random() < STEP_DOWN_EARLY_HELP else None
        elif reason == "RC7" and rng.random() < STEP_DOWN_AFTER_PLAN:
            case.lead = "after_plan"

    # -- what happened by the time the next referral came, or by today
    def cut(self, case: _Case) -> None:
        horizon = case.limit is not None and case.limit < self.today
        stop = case.limit if horizon else self.today
        rng = self.rng
        if horizon:
            if case.closed_on and case.closed_on <= stop:
                return
            # The case closed before the next referral: stop it a few days before.
            stop = max(case.d0, stop - timedelta(days=rng.randint(0, 3)))
        case.alloc_start = min(case.alloc_start, stop)
        case.segs[0].start = case.alloc_start
        case.a_start = min(case.a_start, stop)
        if case.a_seen and case.a_seen > stop:
            case.a_seen = max(case.a_start, stop) if horizon else None
        if case.a_auth and case.a_auth > stop:
            if horizon:
                case.a_auth = stop
                case.a_submitted = min(case.a_submitted, stop)
                case.a_seen = case.a_seen or stop
            else:
                case.a_auth = None
                if case.a_submitted and case.a_submitted > stop:
                    case.a_submitted = None
        kept = []
        for e in case.enquiries:
            if e.held_on > stop:
                continue
            kept.append(e)
            if e.completed_on and e.completed_on > stop:
                if horizon:
                    e.completed_on = stop
                    if e.outcome == Section47Outcome.CONTINUING_RISK and (
                        e.icpc_on is None or e.icpc_on > stop
                    ):
                        e.outcome, e.icpc_needed = Section47Outcome.SUBSTANTIATED_NO_RISK, False
                else:
                    e.completed_on, e.outcome, e.icpc_needed = None, "", None
            if e.icpc_on and e.icpc_on > stop:
                e.icpc_on, e.icpc_outcome, e.plan = None, "", None
            plan = e.plan
            if plan is None:
                continue
            plan.reviews = [r for r in plan.reviews if r[0] <= stop]
            plan.core_groups = [d for d in plan.core_groups if d <= stop]
            if plan.end and plan.end > stop:
                if not horizon:
                    plan.end, plan.end_reason = None, ""
                elif stop > plan.start:
                    latest = plan.reviews[-1][2] if plan.reviews else plan.category
                    if plan.reviews and plan.reviews[-1][0] == stop:
                        plan.reviews.pop()  # the review that day ended the plan
                    plan.reviews.append((stop, ConferenceOutcome.END, latest))
                    plan.end, plan.end_reason = stop, END_CP[1]
                else:
                    e.plan, e.icpc_outcome = None, ConferenceOutcome.NO_PLAN
        case.enquiries = kept
        cins = []
        for q in case.cins:
            if q.start > stop:
                continue
            cins.append(q)
            q.reviews = [r for r in q.reviews if r <= stop]
            if q.end and q.end > stop:
                q.end = stop if horizon else None
        case.cins = cins
        if case.looked_after and case.looked_after > stop:
            case.looked_after = None
        case.segs = [s for s in case.segs if s.start <= stop]
        if case.closed_on and case.closed_on > stop:
            if horizon:
                case.closed_on = max(stop, case.last_activity())
                case.reason = "RC7" if case.cins or case.plans() else "RC8"
                case.lead = None
            else:
                case.closed_on, case.reason, case.lead = None, "", None
        elif horizon and case.closed_on is None:
            case.closed_on = max(stop, case.last_activity())
            case.reason = "RC7" if case.cins or case.plans() or case.looked_after else "RC8"
        if case.looked_after and case.closed_on:
            case.reason = "RC7"
        # The recommendation follows what happened (an open assessment has none yet).
        if case.a_auth is None and case.a_submitted is None:
            case.recommendation = ""
        elif case.plans():
            case.recommendation = Recommendation.STRATEGY_DISCUSSION
        elif case.looked_after:
            case.recommendation = Recommendation.LOOKED_AFTER
        elif case.cins:
            case.recommendation = Recommendation.CHILD_IN_NEED
        elif case.reason == "RC9":
            case.recommendation = Recommendation.EARLY_HELP
        else:
            case.recommendation = Recommendation.NO_FURTHER_ACTION
        # A closure in the last few working days may still wait for the manager.
        if not horizon and case.closed_on:
            recent = case.closed_on >= self.wd.add(self.today, -3)
            if case.force == "closing" or (recent and rng.random() < PENDING_CLOSURE):
                case.closure_pending = True


# ---- the step ----------------------------------------------------------------------------------


def casework_history_step(b: "Borough") -> str:
    """Allocations, assessments, plans, conferences, visits, notes, supervision and closures
    for every referral, up to `b.today`; reconciles involvements_step's placeholders."""
    return _Builder(b).build()


class _Builder:
    def __init__(self, b: "Borough"):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.wd = WorkingDays(b.today - timedelta(days=4 * 366), b.today + timedelta(days=5 * 366))
        self.people = {p.pk: p for p in b.children}

    # -- loading
    def _load(self) -> None:
        b = self.b
        self.disabled = {p.pk for p in b.children if p.disabilities and p.disabilities != ["NONE"]}
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
        self.known = {}  # child id -> (allocated on, base team) in the base step's order
        for child_id, started in (
            Involvement.objects.filter(kind=InvolvementKind.ALLOCATED_WORKER)
            .order_by("pk")
            .values_list("child_id", "started_on")
        ):
            self.known.setdefault(child_id, started)
        self.staff = {
            k: [s for s in v if s.role == Role.SOCIAL_WORKER] for k, v in b.staff_by_team.items()
        }
        self.managers = {
            k: next((s for s in v if s.role == Role.TEAM_MANAGER), None)
            for k, v in b.staff_by_team.items()
        }
        self.chairs = [s for s in b.staff_by_team["reviewing"] if s.role == Role.CONFERENCE_CHAIR]
        partners = defaultdict(list)
        for staff in Staff.objects.filter(role=Role.PARTNER).order_by("pk"):
            partners[staff.organisation_id].append(staff)
        police = b.organisations["police"]
        health = b.organisations["community_health"]
        self.police = [s for s in partners[police.pk] if "Detective" in s.job_title] or partners[
            police.pk
        ]
        self.health_visitors = [s for s in partners[health.pk] if "Health visitor" in s.job_title]
        self.school_nurses = [s for s in partners[health.pk] if "School nurse" in s.job_title]
        self.health_visitors = self.health_visitors or partners[health.pk]
        self.school_nurses = self.school_nurses or partners[health.pk]
        self.gp_of = {}
        gp_leads = {o.pk: partners[o.pk] for o in b.gp_practices}
        for child_id, org_id in Involvement.objects.filter(kind=InvolvementKind.GP).values_list(
            "child_id", "organisation_id"
        ):
            if gp_leads.get(org_id):
                self.gp_of[child_id] = gp_leads[org_id][0]
        groups = [o for k, o in b.organisations.items() if k.startswith("group_")]
        self.group_leads = [s for g in groups for s in partners[g.pk]]
        mash = b.teams["mash"]
        manager_ids = set(
            TeamMembership.objects.filter(team=mash, is_manager=True).values_list(
                "staff_id", flat=True
            )
        )
        self.mash_workers = [s for s in b.staff_by_team["mash"] if s.role == Role.MASH]
        self.mash_manager = next(s for s in b.staff_by_team["mash"] if s.pk in manager_ids)

    # -- which referrals become which cases
    def _plan_cases(self) -> list[_Case]:
        rng, wd, today = self.rng, self.wd, self.today
        self._pre_birth_referrals()
        cases: list[_Case] = []
        by_child: dict[int, list[_Case]] = {}
        for child_id in sorted(self.referrals):
            rows = self.referrals[child_id]
            child_cases = []
            allocated = self.known.get(child_id)
            for i, (ref_id, _, day, need, outcome, category) in enumerate(rows):
                nxt = rows[i + 1][2] if i + 1 < len(rows) else None
                if not category:
                    cats, weights = _CATEGORY_FOR_NEED.get(need, (["other"], [1]))
                    category = rng.choices(cats, weights)[0]
                anchor = allocated is not None and nxt is None and day <= allocated
                case = _Case(
                    referral_id=ref_id,
                    child_id=child_id,
                    d0=day,
                    category=category,
                    strategy_contact=outcome == ContactOutcome.STRATEGY_DISCUSSION,
                    limit=nxt - timedelta(days=1) if nxt else None,
                    alloc_start=allocated
                    if anchor
                    else min(today, day + timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))),
                )
                child_cases.append(case)
                cases.append(case)
            by_child[child_id] = child_cases
        self._choose_demo_cases(by_child)
        sim = _Simulator(self.b, wd, self.disabled)
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

    def _pre_birth_referrals(self) -> None:
        """Children allocated a worker before they were born have no referral: make the
        pre-birth contact (a midwife's call) and referral that opened their case."""
        from everychild.demo.frontdoor_history import decided_call

        rng, wd, today = self.rng, self.wd, self.today
        self.new_contacts, self.new_referrals = [], []
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
            worker = rng.choice(self.mash_workers)
            received = self._at(day, rng.randint(9, 15))
            decided = received + timedelta(minutes=rng.randint(60, 300))
            consent = rng.choice([Consent.GIVEN, Consent.NOT_SOUGHT])
            contact, referral = decided_call(
                self.b,
                rng,
                child_id=child_id,
                worker=worker,
                manager=self.mash_manager,
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

    def _choose_demo_cases(self, by_child: dict[int, list[_Case]]) -> None:
        """The social worker's demo caseload: open cases with something of each kind due."""
        rng, wd, today = self.rng, self.wd, self.today
        lasts = [cs[-1] for _, cs in sorted(by_child.items()) if cs and cs[-1].limit is None]
        lasts = [
            c for c in lasts if c.child_id not in self.disabled and self.people.get(c.child_id)
        ]
        self.demo_cases: list[_Case] = []
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
        scale = self.b.n_children / 60_000
        if scale < 0.5:  # a small borough: fewer cases, so that others remain for the teams
            wanted = wanted[:12]
        taken: set[int] = set()
        # One child on a CIN plan goes to the demo school, whose safeguarding lead is then
        # a member of the plan.
        school = self.b.organisations["demo_school"]
        pupils = [
            c
            for c in lasts
            if self.b.school_of.get(c.child_id) == school
            and c.d0 <= today - timedelta(days=45)
            and self.people[c.child_id].date_of_birth <= c.d0 - timedelta(days=5 * 365)
        ]
        if pupils:
            case = rng.choice(pupils)
            case.force, case.demo, case.strategy_contact = "cin", True, False
            taken.add(case.child_id)
            self.demo_cases.append(case)
            wanted.remove(next(w for w in wanted if w[0] == "cin"))
        # And a disabled teenager on a CIN plan with no transition plan yet: a gap on the demo
        # worker's transition page.
        teens = [
            cs[-1]
            for _, cs in sorted(by_child.items())
            if cs[-1].limit is None
            and cs[-1].child_id in self.disabled
            and cs[-1].child_id not in taken
            and cs[-1].d0 <= today - timedelta(days=45)
            and self.people[cs[-1].child_id].date_of_birth
            and 14 <= (today - self.people[cs[-1].child_id].date_of_birth).days / 365.25 < 17.5
        ]
        if teens:
            case = rng.choice(teens)
            case.force, case.demo, case.strategy_contact = "cin", True, False
            taken.add(case.child_id)
            self.demo_cases.append(case)
            wanted.remove(next(w for w in wanted if w[0] == "cin"))
        for force, low, high in wanted:
            pool = [c for c in lasts if low <= c.d0 <= high and c.child_id not in taken]
            free = [c for c in lasts if c.child_id not in taken]
            if not pool and force == "assessment_overdue":  # the nearest to the window
                late = [c for c in free if c.d0 < high]
                pool = [max(late, key=lambda c: (c.d0, c.child_id))] if late else []
            elif not pool and force.startswith("assessment"):
                pool = [c for c in free if wd.add(today, -44) <= c.d0 <= today - timedelta(3)]
            elif not pool:
                pool = [c for c in free if c.d0 <= today - timedelta(days=70)]
            if not pool:
                continue
            case = rng.choice(pool)
            case.force, case.demo = force, True
            case.strategy_contact = case.strategy_contact and force == "cp"
            if force.startswith("assessment") or force in {"cin", "open", "closing"}:
                case.strategy_contact = False
            taken.add(case.child_id)
            self.demo_cases.append(case)

    # -- times
    def _at(self, day: date, hour: int, minute: int | None = None) -> datetime:
        return self.clock.on(day, hour, minute)

    # -- the whole step
    def build(self) -> str:
        self.clock = BoroughClock(self.today, self.rng)
        self._load()
        cases = self._plan_cases()
        self.cases = cases
        for case in cases:
            self._finish_segments(case)
        self._pick_intensive(cases)
        self._staff(cases)
        Involvement.objects.filter(kind__in=REBUILT_KINDS).delete()
        writer = _Writer(self)
        writer.write(cases)
        self._contacts_follow_cases(cases)
        reset_sequences()
        open_cases = [c for c in cases if c.closed_on is None or c.closure_pending]
        cp_open = sum(1 for c in open_cases for p in c.plans() if p.end is None)
        cin_open = sum(1 for c in open_cases for q in c.cins if q.end is None)
        return (
            f"{len(cases):,} cases, {len(open_cases):,} open: {cp_open} CP plans, "
            f"{cin_open} CIN plans; {writer.rows.written:,} rows; "
            f"{self.agency} agency social workers; "
            f"{self.contacts_changed:,} contacts follow the cases"
        )

    # -- allocations
    def _finish_segments(self, case: _Case) -> None:
        rng, today = self.rng, self.today
        end = case.closed_on if case.closed_on and not case.closure_pending else None
        limit = end or today
        segs = sorted((s for s in case.segs if s.start <= limit), key=lambda s: s.start)
        merged: list[_Seg] = []
        for seg in segs:
            if merged and merged[-1].kind == seg.kind:
                continue
            if merged and seg.start < merged[-1].start:
                seg.start = merged[-1].start
            merged.append(seg)
        if case.demo and merged[-1].kind != "cin":
            start = max(merged[-1].start, case.a_start or case.d0)
            if case.cins and merged[-1].kind == "assessment":
                start = max(start, case.cins[-1].start)
            start = min(start + timedelta(days=rng.randint(2, 8)), today)
            merged.append(_Seg(start, "cin", "TSPROC"))
        # Changes of worker within a team: people leave, caseloads are balanced.
        changed: list[_Seg] = []
        for i, seg in enumerate(merged):
            seg_end = merged[i + 1].start if i + 1 < len(merged) else limit
            changed.append(seg)
            moment = seg.start
            while True:
                moment += timedelta(days=int(rng.expovariate(WORKER_CHANGES_PER_YEAR) * 365) + 1)
                if moment >= seg_end - timedelta(days=7):
                    break
                changed.append(_Seg(moment, seg.kind, rng.choices(*CHANGE_REASONS)[0]))
        for i, seg in enumerate(changed):
            seg.end = changed[i + 1].start if i + 1 < len(changed) else end
        case.segs = changed

    def _pick_intensive(self, cases: list[_Case]) -> None:
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

    def _staff(self, cases: list[_Case]) -> None:
        rng = self.rng
        demo_pk = self.b.accounts["social.worker"].pk
        open_by_team: dict[str, int] = defaultdict(int)
        for case in cases:
            case.cin_team = "cin_1" if case.demo else rng.choice([f"cin_{i}" for i in range(1, 5)])
            case.care_team = case.care_team or rng.choice(["care_1", "care_2"])
            for seg in case.segs:
                seg.team = {
                    "assessment": case.assessment_team,
                    "cin": case.cin_team,
                    "disabled": "disabled",
                    "care": case.care_team,
                }[seg.kind]
                if seg.end is None and not case.demo:
                    open_by_team[seg.team] += 1
            case.segs[0].reason = ""  # a reason is for a change of worker
        self._agency_workers(open_by_team)
        caseload: dict[int, int] = defaultdict(int)
        for case in cases:
            if case.unallocated:
                continue
            previous: dict[str, int] = {}
            for i, seg in enumerate(case.segs):
                if case.demo and i == len(case.segs) - 1:
                    seg.worker = self.b.accounts["social.worker"]
                    continue
                pool = [
                    s
                    for s in self.staff[seg.team]
                    if s.pk != previous.get(seg.team) and (seg.end or s.pk != demo_pk)
                ]
                if seg.end is None:  # today's cases go to whoever of a few has fewest
                    seg.worker = min(
                        rng.sample(pool, min(3, len(pool))), key=lambda s: caseload[s.pk]
                    )
                    caseload[seg.worker.pk] += 1
                else:
                    seg.worker = rng.choice(pool)
                previous[seg.team] = seg.worker.pk

    def _agency_workers(self, open_by_team: dict[str, int]) -> None:
        """Teams whose caseloads would run far above the borough's target take on agency
        social workers (the demo's workforce figures show their share)."""
        b = self.b
        usernames = Usernames(Staff.objects.values_list("username", flat=True))
        council = b.organisations["council"]
        staff, memberships = [], []
        for team in sorted(open_by_team):
            have = len(self.staff[team])
            need = math.ceil(open_by_team[team] / TARGET_CASELOAD)
            for _ in range(max(0, need - have)):
                first, last = b.namer.staff_name()
                username = usernames.unique(first, last)
                job = "Social worker (agency)"
                worker = staff_row(
                    b.next_id(Staff), username, first, last, Role.SOCIAL_WORKER, council, job
                )
                staff.append(worker)
                memberships.append(
                    TeamMembership(
                        id=b.next_id(TeamMembership),
                        team=b.teams[team],
                        staff=worker,
                        started_on=self.today - timedelta(days=self.rng.randint(30, 400)),
                    )
                )
                b.staff_by_team[team].append(worker)
                self.staff[team].append(worker)
        bulk(Staff, staff)
        bulk(TeamMembership, memberships)
        self.agency = len(staff)

    # -- the front door's view of open cases
    def _contacts_follow_cases(self, cases: list[_Case]) -> None:
        """The front door passes a contact to the allocated team while the child's case is
        open, and decides it itself otherwise: make the contacts the front door history
        decided agree with the cases as they turned out here."""
        from everychild.demo.frontdoor_history import OPEN_CASE_RATIONALE, RATIONALE

        rng = self.rng
        windows = defaultdict(list)
        for case in cases:
            end = self.today if case.closed_on is None or case.closure_pending else case.closed_on
            windows[case.child_id].append((case.d0, end))
        below = {
            ContactOutcome.NO_FURTHER_ACTION,
            ContactOutcome.SIGNPOST,
            ContactOutcome.EARLY_HELP,
        }
        changed = []
        for child_id in sorted(self.contacts):
            spans = windows.get(child_id, [])
            for pk, _, received, outcome, level, rag in self.contacts[child_id]:
                if outcome not in below and outcome != ContactOutcome.OPEN_CASE:
                    continue
                day = received.astimezone(LONDON).date()
                is_open = any(start < day <= end for start, end in spans)
                if is_open and outcome in below:
                    new_level = max(level or 3, LevelOfNeed.COMPLEX)
                    new_rag = RAG.AMBER if new_level != level else rag
                    changed.append(
                        (pk, new_level, ContactOutcome.OPEN_CASE, OPEN_CASE_RATIONALE, new_rag)
                    )
                elif not is_open and outcome == ContactOutcome.OPEN_CASE:
                    new_level = rng.choices([1, 2, 3], [3, 4, 3])[0]
                    outcomes = OUTCOMES_FOR_LEVEL[LevelOfNeed(new_level)]
                    new_outcome = rng.choice(sorted(outcomes - {ContactOutcome.OPEN_CASE}))
                    changed.append(
                        (
                            pk,
                            new_level,
                            new_outcome,
                            RATIONALE[(new_level, new_outcome)],
                            RAG.AMBER if new_level == 3 else RAG.GREEN,
                        )
                    )
        self.contacts_changed = len(changed)
        if not changed:
            return
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


# ---- writing -----------------------------------------------------------------------------------


def _band(person: Person, day: date) -> tuple[str, int]:
    """The child's age band on `day`, and their age in months."""
    born = person.date_of_birth
    if born is None or born > day:
        return "unborn", 0
    months = (day.year - born.year) * 12 + day.month - born.month - (day.day < born.day)
    if months < 24:
        return "baby", months
    if months < 84:
        return "little", months
    if months < 144:
        return "middle", months
    return "teen", months


class _Writer:
    """Turns the simulated cases into rows, the services' way."""

    def __init__(self, builder: _Builder):
        self.builder, self.b, self.rng = builder, builder.b, builder.rng
        self.today, self.wd = builder.today, builder.wd
        self.rows = Rows(self.b.ids)
        self.put, self.entry_row = self.rows.put, self.rows.entry
        self.at = builder._at
        self.referral_updates: list[tuple] = []
        self.outcome_updates: list[tuple] = []  # (outcome, referral id), as authorised
        self.demo_worker = self.b.accounts["social.worker"]
        self.police_officer = self.b.accounts["police.officer"]
        self.cp_chair = self.b.accounts["cp.chair"]
        self.demo_school = self.b.organisations["demo_school"]

    def entry(self, case, when, kind, summary, model, pk, by, visibility=Visibility.SOCIAL_CARE):
        self.entry_row(case.child_id, when, kind, summary, model, pk, by, visibility)

    def seg_at(self, case: _Case, day: date) -> _Seg:
        starts = [s.start for s in case.segs]
        return case.segs[max(0, bisect_right(starts, day) - 1)]

    def worker_at(self, case: _Case, day: date) -> Staff | None:
        return self.seg_at(case, day).worker

    def manager_at(self, case: _Case, day: date) -> Staff:
        return self.builder.managers[self.seg_at(case, day).team]

    def write(self, cases: list[_Case]) -> None:
        builder = self.builder
        self.person = builder.people
        for contact in builder.new_contacts:
            self._pre_birth_chronology(contact)
        for case in cases:
            self._case(case)
        self._transition_plans(cases)
        self._flush()

    # -- rows for one case
    def _case(self, case: _Case) -> None:
        self._allocations(case)
        self._assessment(case)
        for enquiry in case.enquiries:
            self._enquiry(case, enquiry)
        for plan in case.cins:
            self._cin_plan(case, plan)
        if case.looked_after:
            self._looked_after(case)
        self._notes(case)
        self._supervision(case)
        self._closure(case)

    def _allocations(self, case: _Case) -> None:
        b = self.b
        for seg in case.segs:
            team = b.teams[seg.team]
            manager = self.builder.managers[seg.team]
            seg.id = b.next_id(Allocation)
            self.put(
                Allocation,
                id=seg.id,
                child_id=case.child_id,
                team_id=team.pk,
                worker_id=pk_of(seg.worker),
                started_on=seg.start,
                ended_on=seg.end,
                change_reason=seg.reason,
                allocated_by_id=manager.pk,
                created_at=self.at(seg.start, 10),
            )
            self.put(
                Involvement,
                id=b.next_id(Involvement),
                child_id=case.child_id,
                kind=InvolvementKind.CASE_TEAM,
                team_id=team.pk,
                started_on=seg.start,
                ended_on=seg.end,
            )
            if seg.worker:
                self.put(
                    Involvement,
                    id=b.next_id(Involvement),
                    child_id=case.child_id,
                    kind=InvolvementKind.ALLOCATED_WORKER,
                    staff_id=seg.worker.pk,
                    team_id=team.pk,
                    started_on=seg.start,
                    ended_on=seg.end,
                )
            who = f"{seg.worker} ({team})" if seg.worker else f"{team}, awaiting a worker"
            self.entry(
                case,
                self.at(seg.start, 10),
                EntryKind.ALLOCATION,
                f"Case allocated to {who}.",
                Allocation,
                seg.id,
                manager,
            )

    def _assessment(self, case: _Case) -> None:
        if case.unallocated:
            return
        rng, b = self.rng, self.b
        person = self.person[case.child_id]
        worker = self.worker_at(case, case.a_start)
        band, months = _band(person, case.a_seen or case.a_start)
        views = ""
        seen_on, alone = case.a_seen, None
        if band == "unborn":
            seen_on = None  # the baby is not yet born: mother seen (see the module notes)
        elif seen_on:
            alone = months >= 60 and rng.random() < (0.9 if months >= 96 else 0.5)
            views = self._views(case, person, band, months)
        authorised, submitted = case.a_auth, case.a_submitted
        done = submitted is not None
        factors = []
        if done:
            choices = FACTORS[case.category]
            factors = list(rng.choices([c for c, _ in choices], [w for _, w in choices])[0])
            if case.child_id in self.builder.disabled:
                extra = _DISABILITY_FACTOR.get((person.disabilities or ["NONE"])[0])
                if extra:
                    factors.append(extra)
            if case.recommendation == Recommendation.NO_FURTHER_ACTION and rng.random() < 0.3:
                factors = ["21"]
        theme = case.theme
        family = (
            rng.choice(FAMILY_VIEWS.get(theme, []) + FAMILY_VIEWS["any"])
            if seen_on or (band == "unborn")
            else ""
        )
        analysis = ""
        if done:
            analysis = ANALYSIS[theme] + ANALYSIS_OUTCOME[case.recommendation]
        manager = self.manager_at(case, authorised or submitted or case.a_start)
        pk = case.assessment_id = b.next_id(Assessment)
        submitted_at = self.at(submitted, 16) if done else None
        self.put(
            Assessment,
            id=pk,
            child_id=case.child_id,
            referral_id=case.referral_id,
            worker_id=worker.pk,
            started_on=case.a_start,
            due_on=case.a_due,
            child_seen_on=seen_on,
            child_seen_alone=alone if seen_on else None,
            child_views=views,
            family_views=family,
            analysis=analysis,
            factors=factors,
            recommendation=case.recommendation if done else "",
            submitted_at=submitted_at,
            authorised_by_id=manager.pk if authorised else None,
            authorised_on=authorised,
            version=(4 if authorised else 3 if done else 2),
            modified_by_id=(manager if authorised else worker).pk,
            modified_at=self.at(authorised or submitted or case.a_start, 17),
        )
        self.entry(
            case,
            self.at(case.a_start, 11),
            EntryKind.ASSESSMENT,
            f"Single assessment started; due {case.a_due:%d %B %Y}.",
            Assessment,
            pk,
            worker,
        )
        if done:
            decided = None
            if authorised:
                decided = max(self.at(authorised, 17), submitted_at + timedelta(minutes=30))
            self._decision(
                case,
                DecisionKind.ASSESSMENT,
                Assessment,
                pk,
                f"Assessment recommends: {Recommendation(case.recommendation).label}.",
                worker,
                submitted_at,
                manager,
                decided,
            )
        if authorised:
            self.outcome_updates.append((case.recommendation, case.referral_id))
            late = Clock(case.d0, case.a_due, authorised).describe()
            self.entry(
                case,
                self.at(authorised, 17),
                EntryKind.ASSESSMENT,
                f"Assessment authorised ({late}): {Recommendation(case.recommendation).label}.",
                Assessment,
                pk,
                manager,
                Visibility.PARTNERS,
            )

    def _views(self, case: _Case, person: Person, band: str, months: int) -> str:
        rng = self.rng
        name = person.given_name or "The baby"
        if band == "baby":
            text = rng.choice(VIEWS["baby"])
            return text.format(name=name, months=months)
        lists = VIEWS[band]
        specific = lists.get(case.theme)
        text = rng.choice(specific if specific and rng.random() < 0.6 else lists["any"])
        return text.format(name=name, mum="Mum", dad="Dad")

    def _decision(self, case, kind, model, pk, summary, by, at, manager, decided, details=None):
        if decided is not None:
            decided = self.builder.clock.not_after_now(decided, at)
        self.put(
            KeyDecision,
            id=self.b.next_id(KeyDecision),
            child_id=case.child_id,
            kind=kind,
            subject_type_id=self.rows.content_type_id(model),
            subject_id=str(pk),
            summary=summary,
            details=details or {},
            requested_by_id=by.pk,
            requested_at=at,
            decided_by_id=manager.pk if decided else None,
            decided_at=decided,
            agreed=True if decided else None,
        )

    def _pending(self, day: date) -> bool:
        """A decision asked for in the last couple of working days may still wait."""
        return day >= self.wd.add(self.today, -2) and self.rng.random() < 0.6

    # -- child protection
    def _enquiry(self, case: _Case, enquiry: _Enquiry) -> None:
        b, rng = self.b, self.rng
        worker = (
            self.worker_at(case, enquiry.held_on) or self.builder.managers[case.assessment_team]
        )
        agencies = [b.organisations["police"], b.organisations["community_health"]]
        if case.category in {"physical_abuse", "sexual_abuse"}:
            agencies.append(b.organisations["acute_trust"])
        school = b.school_of.get(case.child_id)
        if school and rng.random() < 0.6:
            agencies.append(school)
        pk = enquiry.id = b.next_id(StrategyDiscussion)
        self.put(
            StrategyDiscussion,
            id=pk,
            child_id=case.child_id,
            referral_id=case.referral_id,
            held_on=enquiry.held_on,
            attendees=SECTION47_AGENCIES,
            decision=enquiry.decision,
            rationale=STRATEGY_RATIONALE[enquiry.decision],
            recorded_by_id=worker.pk,
        )
        through = StrategyDiscussion.agencies.through
        for org in agencies:
            self.put(through, strategydiscussion_id=pk, organisation_id=org.pk)
        names = ", ".join(str(a) for a in agencies)
        self.entry(
            case,
            self.at(enquiry.held_on, 11),
            EntryKind.STRATEGY_DISCUSSION,
            f"Strategy discussion with {names}: {StrategyDecision(enquiry.decision).label}.",
            StrategyDiscussion,
            pk,
            worker,
        )
        if enquiry.decision != StrategyDecision.SECTION_47:
            return
        s47 = b.next_id(Section47Enquiry)
        self.put(
            Section47Enquiry,
            id=s47,
            child_id=case.child_id,
            referral_id=case.referral_id,
            strategy_discussion_id=pk,
            started_on=enquiry.held_on,
            completed_on=enquiry.completed_on,
            outcome=enquiry.outcome,
            icpc_needed=enquiry.icpc_needed,
            icpc_due_on=enquiry.icpc_due,
        )
        self.entry(
            case,
            self.at(enquiry.held_on, 12),
            EntryKind.SECTION_47,
            "Section 47 enquiry started.",
            Section47Enquiry,
            s47,
            worker,
        )
        if enquiry.completed_on:
            next_step = (
                " An initial child protection conference is needed." if enquiry.icpc_needed else ""
            )
            self.entry(
                case,
                self.at(enquiry.completed_on, 15),
                EntryKind.SECTION_47,
                "Section 47 enquiry completed: "
                f"{Section47Outcome(enquiry.outcome).label}.{next_step}",
                Section47Enquiry,
                s47,
                self.worker_at(case, enquiry.completed_on) or worker,
            )
        if enquiry.icpc_on is None:
            if enquiry.icpc_needed and rng.random() < 0.7:  # a chair is booked already
                self._involve(
                    case,
                    InvolvementKind.CONFERENCE_CHAIR,
                    self._chair(case),
                    enquiry.completed_on,
                    None if case.closed_on is None or case.closure_pending else case.closed_on,
                )
            return
        chair = self._chair(case)
        enquiry.chair = chair
        plan = enquiry.plan
        if plan:
            plan.chair = chair
            plan.id = b.next_id(ChildProtectionPlan)
        person = self.person[case.child_id]
        conference = b.next_id(ChildProtectionConference)
        category = plan.category if plan else ""
        self.put(
            ChildProtectionConference,
            id=conference,
            child_id=case.child_id,
            referral_id=case.referral_id,
            kind=ConferenceKind.INITIAL,
            section47_id=s47,
            plan_id=plan.id if plan else None,
            held_on=enquiry.icpc_on,
            chair_id=chair.pk,
            outcome=enquiry.icpc_outcome,
            category=category,
            summary=CONFERENCE_SUMMARY[enquiry.icpc_outcome].format(
                name=person.given_name or "the baby",
                category=CategoryOfAbuse(category).label.lower() if category else "",
            ),
        )
        self.entry(
            case,
            self.at(enquiry.icpc_on, 14),
            EntryKind.CONFERENCE,
            f"{ConferenceKind.INITIAL.label}: {ConferenceOutcome(enquiry.icpc_outcome).label}.",
            ChildProtectionConference,
            conference,
            chair,
            Visibility.PARTNERS,
        )
        # Booked when the enquiry found the need for a conference; involved until the plan ends.
        end = enquiry.icpc_on if plan is None else plan.end
        self._involve(case, InvolvementKind.CONFERENCE_CHAIR, chair, enquiry.completed_on, end)
        if plan:
            self._cp_plan(case, plan, chair)

    def _chair(self, case: _Case) -> Staff:
        if case.demo and case.force == "cp":
            return self.cp_chair  # the demo chair chairs the demo worker's conferences
        return self.rng.choice(self.builder.chairs)

    def _involve(self, case, kind, staff, start, end) -> int:
        pk = self.b.next_id(Involvement)
        self.put(
            Involvement,
            id=pk,
            child_id=case.child_id,
            kind=kind,
            staff_id=staff.pk,
            started_on=start,
            ended_on=end,
        )
        return pk

    def _cp_plan(self, case: _Case, plan: _CP, chair: Staff) -> None:
        b, rng = self.b, self.rng
        previous = plan.previous
        again = ""
        if previous:
            again = (
                f" This is a second or subsequent plan: the previous one ran from "
                f"{previous.start:%d %b %Y} to {previous.end:%d %b %Y}."
            )
        latest = plan.reviews[-1][2] if plan.reviews else plan.category
        self.put(
            ChildProtectionPlan,
            id=plan.id,
            child_id=case.child_id,
            referral_id=case.referral_id,
            started_on=plan.start,
            initial_category=plan.category,
            latest_category=latest,
            ended_on=plan.end,
            end_reason=plan.end_reason if plan.end else "",
            is_repeat=previous is not None,
            previous_plan_id=previous.id if previous else None,
            plan=rng.choice(CP_PLAN_TEXT),
            version=2 + len(plan.reviews),
            modified_by_id=chair.pk,
            modified_at=self.at(
                plan.end or (plan.reviews[-1][0] if plan.reviews else plan.start), 16
            ),
        )
        label = CategoryOfAbuse(plan.category).label
        manager = self.manager_at(case, plan.start)
        asked = self.at(plan.start, 15)
        decided = None if self._pending(plan.start) else asked + timedelta(hours=rng.randint(2, 40))
        self._decision(
            case,
            DecisionKind.PLAN_START,
            ChildProtectionPlan,
            plan.id,
            f"Start of a child protection plan ({label}).{again}",
            chair,
            asked,
            manager,
            decided,
            {"repeat": previous is not None},
        )
        self.entry(
            case,
            self.at(plan.start, 15),
            EntryKind.CP_PLAN,
            f"Child protection plan started: {label}.{again}",
            ChildProtectionPlan,
            plan.id,
            chair,
            Visibility.PARTNERS,
        )
        for held, outcome, category in plan.reviews:
            pk = b.next_id(ChildProtectionConference)
            self.put(
                ChildProtectionConference,
                id=pk,
                child_id=case.child_id,
                referral_id=case.referral_id,
                kind=ConferenceKind.REVIEW,
                plan_id=plan.id,
                held_on=held,
                chair_id=chair.pk,
                outcome=outcome,
                category=category,
                summary=CONFERENCE_SUMMARY[outcome],
            )
            self.entry(
                case,
                self.at(held, 14),
                EntryKind.CONFERENCE,
                f"{ConferenceKind.REVIEW.label}: {ConferenceOutcome(outcome).label}.",
                ChildProtectionConference,
                pk,
                chair,
                Visibility.PARTNERS,
            )
        if plan.end:
            asked = self.at(plan.end, 16)
            self._decision(
                case,
                DecisionKind.PLAN_END,
                ChildProtectionPlan,
                plan.id,
                f"End of the child protection plan: {plan.end_reason}",
                chair,
                asked,
                self.manager_at(case, plan.end),
                None if self._pending(plan.end) else asked + timedelta(hours=rng.randint(2, 40)),
            )
            self.entry(
                case,
                self.at(plan.end, 16),
                EntryKind.CP_PLAN,
                f"Child protection plan ended: {plan.end_reason[:200]}",
                ChildProtectionPlan,
                plan.id,
                chair,
                Visibility.PARTNERS,
            )
        # The conference's members and core group: police, health, school and sometimes GP.
        person = self.person[case.child_id]
        band, months = _band(person, plan.start)
        members = []
        if rng.random() < 0.85 or case.demo:
            # The demo officer (one of the police's detectives) sits on the demo worker's.
            police = self.builder.police
            members.append(self.police_officer if case.demo else rng.choice(police))
        if band in {"unborn", "baby", "little"} and months < 60:
            members.append(rng.choice(self.builder.health_visitors))
        elif rng.random() < 0.6:
            members.append(rng.choice(self.builder.school_nurses))
        school = b.school_of.get(case.child_id)
        if school and months >= 48 and (school == self.demo_school or rng.random() < 0.9):
            members.append(b.school_leads[school.pk])
        gp = self.builder.gp_of.get(case.child_id)
        if gp and rng.random() < 0.3:
            members.append(gp)
        to_on = plan.end - timedelta(days=1) if plan.end else None
        for staff in dict.fromkeys(members):
            involvement = self._involve(
                case, InvolvementKind.CONFERENCE_MEMBER, staff, plan.start, to_on
            )
            self.put(
                ConferenceMember,
                id=b.next_id(ConferenceMember),
                plan_id=plan.id,
                staff_id=staff.pk,
                from_on=plan.start,
                to_on=to_on,
                involvement_id=involvement,
            )
        for held in plan.core_groups:
            pk = b.next_id(CoreGroupMeeting)
            summary = rng.choice(CORE_GROUP)
            worker = self.worker_at(case, held) or chair
            self.put(
                CoreGroupMeeting,
                id=pk,
                plan_id=plan.id,
                held_on=held,
                summary=summary,
                recorded_by_id=worker.pk,
            )
            self.entry(
                case,
                self.at(held, 13),
                EntryKind.CORE_GROUP,
                f"Core group: {summary[:240]}",
                CoreGroupMeeting,
                pk,
                worker,
                Visibility.PARTNERS,
            )

    # -- child in need
    def _cin_plan(self, case: _Case, plan: _CIN) -> None:
        b, rng = self.b, self.rng
        plan.id = b.next_id(ChildInNeedPlan)
        worker = self.worker_at(case, plan.start)
        self.put(
            ChildInNeedPlan,
            id=plan.id,
            child_id=case.child_id,
            referral_id=case.referral_id,
            started_on=plan.start,
            ended_on=plan.end,
            end_reason=plan.end_reason if plan.end else "",
            outcomes=rng.choice(CIN_OUTCOMES),
            version=2 if plan.end else 1,
            modified_by_id=pk_of(worker),
            modified_at=self.at(plan.end or plan.start, 16),
        )
        asked = self.at(plan.start, 15)
        self._decision(
            case,
            DecisionKind.PLAN_START,
            ChildInNeedPlan,
            plan.id,
            "Start of a child in need plan.",
            worker,
            asked,
            self.manager_at(case, plan.start),
            None if self._pending(plan.start) else asked + timedelta(hours=rng.randint(2, 60)),
        )
        self.entry(
            case,
            asked,
            EntryKind.CIN_PLAN,
            "Child in need plan started.",
            ChildInNeedPlan,
            plan.id,
            worker,
            Visibility.PARTNERS,
        )
        for held in plan.reviews:
            pk = b.next_id(ChildInNeedReview)
            summary = rng.choice(CIN_REVIEW)
            by = self.worker_at(case, held) or worker
            self.put(
                ChildInNeedReview,
                id=pk,
                plan_id=plan.id,
                held_on=held,
                summary=summary,
                recorded_by_id=by.pk,
            )
            self.entry(
                case,
                self.at(held, 14),
                EntryKind.CIN_PLAN,
                f"Child in need review: {summary[:240]}",
                ChildInNeedReview,
                pk,
                by,
            )
        if plan.end:
            by = self.worker_at(case, plan.end) or worker
            asked = self.at(plan.end, 16)
            self._decision(
                case,
                DecisionKind.PLAN_END,
                ChildInNeedPlan,
                plan.id,
                f"End of the child in need plan: {plan.end_reason}",
                by,
                asked,
                self.manager_at(case, plan.end),
                None if self._pending(plan.end) else asked + timedelta(hours=rng.randint(2, 60)),
            )
            self.entry(
                case,
                asked,
                EntryKind.CIN_PLAN,
                f"Child in need plan ended: {plan.end_reason[:200]}",
                ChildInNeedPlan,
                plan.id,
                by,
                Visibility.PARTNERS,
            )
        # The school's safeguarding lead and, for small children, the health visitor.
        person = self.person[case.child_id]
        _, months = _band(person, plan.start)
        school = b.school_of.get(case.child_id)
        members = []
        if school and months >= 48 and (school == self.demo_school or rng.random() < 0.5):
            members.append(b.school_leads[school.pk])
        if months < 60 and rng.random() < 0.4:
            members.append(rng.choice(self.builder.health_visitors))
        for staff in members:
            self._involve(case, InvolvementKind.PLAN_MEMBER, staff, plan.start, plan.end)

    def _looked_after(self, case: _Case) -> None:
        """Care planning comes in a later release; the child's IRO is involved meanwhile."""
        chair = self.rng.choice(self.builder.chairs)
        self._involve(
            case,
            InvolvementKind.CONFERENCE_CHAIR,
            chair,
            case.looked_after,
            None if case.closure_pending else case.closed_on,
        )

    # -- closure and step-down
    def _closure(self, case: _Case) -> None:
        if case.closed_on is None:
            return
        rng = self.rng
        day = case.closed_on
        worker = self.worker_at(case, day) or self.builder.managers[case.segs[-1].team]
        manager = self.manager_at(case, day)
        asked = self.at(max(case.d0, day - timedelta(days=rng.randint(0, 2))), 11)
        pending = case.closure_pending
        decided = None if pending else max(self.at(day, 16), asked + timedelta(minutes=30))
        lead = self._lead(case) if case.lead else None
        if lead:
            self._decision(
                case,
                DecisionKind.STEP_DOWN,
                Referral,
                case.referral_id,
                f"Step down to early help, with {lead} as lead professional.",
                worker,
                asked,
                manager,
                decided,
                {"lead_professional": lead.pk, "on": day.isoformat()},
            )
        else:
            self._decision(
                case,
                DecisionKind.CLOSURE,
                Referral,
                case.referral_id,
                f"Close the case: {ReasonForClosure(case.reason).label}.",
                worker,
                asked,
                manager,
                decided,
                {"reason": case.reason, "closed_on": day.isoformat()},
            )
        if pending:
            return
        self.referral_updates.append((day, case.reason, case.referral_id))
        self.entry(
            case,
            self.at(day, 17),
            EntryKind.CASE_CLOSED,
            f"Case closed: {ReasonForClosure(case.reason).label}.",
            Referral,
            case.referral_id,
            manager,
            Visibility.PARTNERS,
        )
        if lead:
            ended = day + timedelta(days=rng.randint(180, 360))
            if case.limit:
                ended = min(ended, case.limit)
            self._involve(
                case,
                InvolvementKind.LEAD_PROFESSIONAL,
                lead,
                day,
                ended if ended < self.today else None,
            )
            where = f", {lead.organisation}" if lead.organisation_id else ""
            self.entry(
                case,
                self.at(day, 17),
                EntryKind.STEP_DOWN,
                f"Stepped down to early help; lead professional {lead}{where}.",
                Referral,
                case.referral_id,
                manager,
                Visibility.PARTNERS,
            )
        note = NOTES["management_decision"][2]
        self._note(case, NoteKind.MANAGEMENT_DECISION, day, note, manager, hour=16)

    def _lead(self, case: _Case) -> Staff | None:
        b, rng = self.b, self.rng
        _, months = _band(self.person[case.child_id], case.closed_on)
        school = b.school_of.get(case.child_id)
        if school and months >= 48:
            return b.school_leads[school.pk]
        if months < 60:
            return rng.choice(self.builder.health_visitors)
        return rng.choice(self.builder.group_leads) if self.builder.group_leads else None

    # -- case notes and visits
    def _note(
        self,
        case,
        kind,
        day,
        text,
        by,
        words="",
        seen=None,
        alone=None,
        hour=None,
    ) -> None:
        if by is None:
            return
        pk = self.b.next_id(CaseNote)
        when = self.at(day, hour or self.rng.randint(9, 18))
        self.put(
            CaseNote,
            id=pk,
            child_id=case.child_id,
            kind=kind,
            occurred_at=when,
            note=text,
            child_words=words,
            child_seen=seen,
            seen_alone=alone,
            written_by_id=by.pk,
            written_at=self.builder.clock.not_after_now(
                when + timedelta(minutes=self.rng.randint(20, 600)), when
            ),
        )
        quoted = f' The child said: "{words}"' if words else ""
        seen_text = ""
        if kind == NoteKind.VISIT:
            seen_text = (
                " Child seen alone." if alone else (" Child seen." if seen else " Child not seen.")
            )
        self.entry(
            case,
            when,
            EntryKind.VISIT if kind == NoteKind.VISIT else EntryKind.CASE_NOTE,
            f"{NoteKind(kind).label}.{seen_text} {text[:240]}{quoted}",
            CaseNote,
            pk,
            by,
        )

    def _visit(self, case: _Case, day: date, kind: str = "visit", seen=None) -> None:
        rng = self.rng
        if case.visit_cap and day > case.visit_cap:
            return
        person = self.person[case.child_id]
        band, months = _band(person, day)
        name = person.given_name or "the baby"
        text = rng.choice(NOTES[kind]).format(
            home=rng.choice(HOME), name=name, attendance=rng.randint(78, 99)
        )
        if band == "unborn":
            text = "Antenatal home visit: mother seen; preparations for the baby discussed. " + (
                text.split(". ")[0] + "."
            )
            self._note(case, NoteKind.VISIT, day, text, self.worker_at(case, day), seen=False)
            return
        seen = rng.random() < 0.96 if seen is None else seen
        alone = seen and months >= 60 and rng.random() < 0.8
        words = ""
        if seen and band in NOTE_WORDS and rng.random() < 0.3:
            words = rng.choice(NOTE_WORDS[band]).format(mum="Mum")
        self._note(case, NoteKind.VISIT, day, text, self.worker_at(case, day), words, seen, alone)

    def _notes(self, case: _Case) -> None:
        if case.unallocated:
            return
        rng, wd, today = self.rng, self.wd, self.today
        end = case.closed_on or today
        # The assessment: seeing the child, checks with partners.
        if case.a_seen and case.a_seen <= end:
            self._visit(case, case.a_seen, "assessment_visit")
        for _ in range(rng.randint(1, 2)):
            day = wd.add(case.a_start, rng.randint(1, 12))
            if day <= end:
                self._other_note(case, day, "phone_call")
        if case.a_auth and rng.random() < 0.5:
            self._visit(case, wd.add(case.a_auth, -rng.randint(1, 6)), "assessment_visit")
        # Child protection: visits at least every 10 working days, a few late.
        for plan in case.plans():
            stop = plan.end or today
            last = plan.last_visit
            day = wd.add(plan.start, rng.randint(2, 8))
            while day <= stop:
                if last and day > last:
                    break
                self._visit(case, day)
                gap = rng.randint(11, 16) if rng.random() < CP_VISIT_LATE else rng.randint(4, 10)
                day = wd.add(day, gap)
            if last and last <= stop:
                self._visit(case, last, seen=True)
            self._between(case, plan.start, stop, 15, 28)
            decision = NOTES["management_decision"][3]
            self._note(
                case,
                NoteKind.MANAGEMENT_DECISION,
                plan.start,
                decision,
                self.manager_at(case, plan.start),
                hour=17,
            )
        # Child in need: visits every three to six weeks.
        for plan in case.cins:
            stop = plan.end or today
            day = wd.add(plan.start, rng.randint(3, 10))
            while day <= stop:
                self._visit(case, day)
                day = wd.add(day, rng.randint(15, 30))
            self._between(case, plan.start, stop, 25, 45)
            decision = NOTES["management_decision"][0]
            self._note(
                case,
                NoteKind.MANAGEMENT_DECISION,
                plan.start,
                decision,
                self.manager_at(case, plan.start),
                hour=17,
            )
        if case.intensive:
            start = case.a_auth or case.a_start
            self._between(case, start, end, 2, 4)

    def _between(self, case: _Case, start: date, stop: date, low: int, high: int) -> None:
        """Phone calls, meetings and direct work every `low` to `high` working days."""
        wd, rng = self.wd, self.rng
        day = wd.add(start, rng.randint(low, high))
        while day <= stop:
            self._other_note(
                case, day, rng.choice(["phone_call", "phone_call", "meeting", "direct_work"])
            )
            day = wd.add(day, rng.randint(low, high))

    def _other_note(self, case: _Case, day: date, kind: str) -> None:
        rng = self.rng
        person = self.person[case.child_id]
        band, _ = _band(person, day)
        if kind == "direct_work" and band not in {"middle", "teen", "little"}:
            kind = "phone_call"
        text = rng.choice(NOTES[kind]).format(
            name=person.given_name or "the baby", attendance=rng.randint(78, 99), home=""
        )
        words = ""
        if kind == "direct_work" and rng.random() < 0.7:
            words = rng.choice(NOTE_WORDS[band]).format(mum="Mum")
        self._note(case, kind, day, text, self.worker_at(case, day), words)

    # -- supervision
    def _supervision(self, case: _Case) -> None:
        rng, today = self.rng, self.today
        end = case.closed_on or today
        for seg in case.segs:
            if seg.worker is None:
                continue
            seg_end = min(seg.end or today, end)
            manager = self.builder.managers[seg.team]
            day = seg.start + timedelta(days=rng.randint(10, 30))
            while day <= seg_end:
                held = day
                self._one_supervision(case, seg, manager, held, seg_end)
                day = held + timedelta(days=rng.randint(28, 56))

    def _one_supervision(self, case, seg, manager, held, seg_end) -> None:
        rng, b, wd = self.rng, self.b, self.wd
        pk = b.next_id(Supervision)
        reflection = rng.choice(SUPERVISION)
        self.put(
            Supervision,
            id=pk,
            child_id=case.child_id,
            held_on=held,
            manager_id=manager.pk,
            worker_id=pk_of(seg.worker),
            reflection=reflection,
        )
        open_now = seg.end is None and (case.closed_on is None or case.closure_pending)
        for action in rng.sample(ACTIONS, rng.choice([1, 1, 2])):
            due = wd.add(held, rng.randint(5, 20))
            done = None
            if not open_now or (self.today - held).days > 50:
                done = min(wd.add(held, rng.randint(2, 22)), seg_end)
            elif due < self.today and rng.random() < 0.6:
                done = min(wd.add(held, rng.randint(2, 20)), self.today)
            self.put(
                SupervisionAction,
                id=b.next_id(SupervisionAction),
                supervision_id=pk,
                action=action,
                owner_id=seg.worker.pk,
                due_on=due,
                done_on=done,
            )
        self.entry(
            case,
            self.at(held, 15),
            EntryKind.SUPERVISION,
            f"Supervision: {reflection[:240]}",
            Supervision,
            pk,
            manager,
        )

    # -- transition to adult services
    def _transition_plans(self, cases: list[_Case]) -> None:
        """About half of the disabled young people aged 14-17 whom social care has worked with
        have a transition plan; the rest are the gaps the transition page shows."""
        rng, today = self.rng, self.today
        seen = set()
        for case in cases:
            person = self.person[case.child_id]
            if case.child_id in seen or case.child_id not in self.builder.disabled:
                continue
            if case.demo:  # the demo worker's disabled teenager is a gap to fill
                seen.add(case.child_id)
                continue
            born = person.date_of_birth
            if born is None or not (14 <= (today - born).days / 365.25 < 18):
                continue
            segs = [s for s in case.segs if s.worker]
            fourteen = born + relativedelta(years=14)
            segs = [s for s in segs if (s.end or today) >= fourteen]
            if not segs:
                continue
            seen.add(case.child_id)
            if rng.random() >= 0.55:
                continue
            seg = segs[-1]
            low = max(seg.start, fourteen)
            high = seg.end or today
            agreed = low + timedelta(days=rng.randint(0, max(0, (high - low).days)))
            pk = self.b.next_id(TransitionPlan)
            contact = rng.choice(ADULT_CONTACTS)
            self.put(
                TransitionPlan,
                id=pk,
                child_id=case.child_id,
                agreed_on=agreed,
                adult_services_contact=contact,
                summary=rng.choice(TRANSITION),
                recorded_by_id=seg.worker.pk,
            )
            self.entry(
                case,
                self.at(agreed, 14),
                EntryKind.TRANSITION_PLAN,
                f"Transition plan to adult services agreed; contact {contact}.",
                TransitionPlan,
                pk,
                seg.worker,
                Visibility.PARTNERS,
            )

    # -- the pre-birth referrals' front-door records
    def _pre_birth_chronology(self, contact: Contact) -> None:
        builder = self.builder
        referral = next(r for r in builder.new_referrals if r.contact_id == contact.pk)
        by = contact.recorded_by
        self.entry_row(
            contact.child_id,
            contact.received_at,
            EntryKind.CONTACT,
            f"{contact.get_source_display()} to the front door: {contact.summary[:280]}",
            Contact,
            contact.pk,
            by,
        )
        self.entry_row(
            contact.child_id,
            contact.decided_at,
            EntryKind.CONTACT_DECISION,
            f"{LevelOfNeed(contact.level_of_need).label}: {contact.get_outcome_display()}. "
            f"{contact.rationale[:240]}",
            Contact,
            contact.pk,
            by,
        )
        self.entry_row(
            contact.child_id,
            datetime.combine(referral.referral_date, time(9), tzinfo=LONDON),
            EntryKind.REFERRAL,
            "Referred to children's social care.",
            Referral,
            referral.pk,
            by,
            Visibility.PARTNERS,
        )

    # -- out to the database
    def _flush(self) -> None:
        builder = self.builder
        bulk(Contact, builder.new_contacts)
        bulk(Referral, builder.new_referrals)
        self.rows.flush(
            [
                Allocation,
                Involvement,
                Assessment,
                StrategyDiscussion,
                StrategyDiscussion.agencies.through,
                Section47Enquiry,
                ChildProtectionPlan,
                ChildProtectionConference,
                ConferenceMember,
                CoreGroupMeeting,
                ChildInNeedPlan,
                ChildInNeedReview,
                CaseNote,
                Supervision,
                SupervisionAction,
                KeyDecision,
                TransitionPlan,
                ChronologyEntry,
            ]
        )
        self.rows.written += len(builder.new_contacts) + len(builder.new_referrals)
        update(Referral, ["closed_on", "closure_reason"], self.referral_updates)
        # What each referral led to: its authorised assessment's recommendation.
        update(Referral, ["outcome"], self.outcome_updates)
