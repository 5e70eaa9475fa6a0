"""The words of the synthetic borough's casework: what children and families said, what
workers wrote, and the CIN census factors found at assessment."""

from everychild.casework.models import ConferenceOutcome, Recommendation, StrategyDecision

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
DISABILITY_FACTOR = {"LD": "5A", "AUT": "5A", "COMM": "5A", "MOB": "6A", "HEAR": "6A"}

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
