"""The words of the synthetic borough's care history: calls that bring children into care,
what reviews decided and children said, visit notes, IRO challenges, permanence options,
missing episodes and return home interviews, pathway plans; and the carers' names and the
places outside the borough where children are placed."""

from everychild.care.models import PermanenceOption

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
