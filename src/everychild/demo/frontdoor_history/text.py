"""The words of the front door's history: what partners reported, callers, the MASH's
rationales for its decisions; and how serious each kind of worry is."""

from everychild.frontdoor.models import ConcernCategory, Consent, ContactOutcome

_C = ConcernCategory
# How likely a contact in each category is to meet the threshold for social care.
SEVERITY = {
    _C.SEXUAL_ABUSE: 0.75,
    _C.FGM: 0.7,
    _C.CHILD_SEXUAL_EXPLOITATION: 0.6,
    _C.PHYSICAL_ABUSE: 0.45,
    _C.CHILD_CRIMINAL_EXPLOITATION: 0.45,
    _C.RADICALISATION: 0.4,
    _C.DOMESTIC_ABUSE: 0.25,
    _C.NEGLECT: 0.25,
    _C.MISSING: 0.2,
    _C.PARENTAL_SUBSTANCE_MISUSE: 0.2,
    _C.EMOTIONAL_ABUSE: 0.2,
    _C.PARENTAL_MENTAL_HEALTH: 0.15,
    _C.OTHER: 0.06,
}
# CIN census primary need (N1 abuse or neglect, N3 parental illness, N4 family in acute
# stress, N5 family dysfunction, N6 socially unacceptable behaviour).
PRIMARY_NEED = {
    _C.NEGLECT: "N1",
    _C.PHYSICAL_ABUSE: "N1",
    _C.EMOTIONAL_ABUSE: "N1",
    _C.SEXUAL_ABUSE: "N1",
    _C.DOMESTIC_ABUSE: "N1",
    _C.CHILD_SEXUAL_EXPLOITATION: "N1",
    _C.CHILD_CRIMINAL_EXPLOITATION: "N1",
    _C.FGM: "N1",
    _C.MISSING: "N4",
    _C.PARENTAL_MENTAL_HEALTH: "N3",
    _C.PARENTAL_SUBSTANCE_MISUSE: "N5",
    _C.RADICALISATION: "N6",
    _C.OTHER: "N4",
}
DETAILS = {
    _C.NEGLECT: [
        "{name} has arrived hungry and in the same unwashed clothes on most days this "
        "fortnight, and says there was no dinner last night.",
        "Home visit: very little food in the flat, mattresses on the floor, dirty nappies "
        "left out. {name} appears underweight.",
        "{name} has missed three health appointments and immunisations, and has untreated "
        "tooth decay causing pain.",
        "{name} ({age}) was left alone at home for several hours while mother was out; "
        "neighbour heard crying.",
    ],
    _C.DOMESTIC_ABUSE: [
        "Police called to the home after a 999 call: mother says her partner pushed her "
        "against a wall while {name} was in the room. DASH risk: {risk}.",
        "Mother disclosed that her partner controls the money and has threatened to take "
        "the children abroad; {name} has heard the arguments.",
        "Neighbours reported shouting and a child crying late at night; officers found "
        "mother with a cut lip. {name} ({age}) was present. DASH risk: {risk}.",
        "{name} told staff that dad 'hurts mum' and that they hide under the bed when he shouts.",
    ],
    _C.PHYSICAL_ABUSE: [
        "{name} has a bruise to the cheek and says dad hit them with a slipper.",
        "Fingertip bruising to {name}'s upper arm; the parents' explanations differ.",
        "{name} ({age}) brought to the emergency department with a fractured arm two days "
        "after the injury; explanation inconsistent with the injury.",
        "{name} has a belt-shaped mark on the back of the leg and was reluctant to go home.",
    ],
    _C.EMOTIONAL_ABUSE: [
        "{name} says mum calls them stupid and locks them in their room; appears withdrawn "
        "and anxious.",
        "Hostile separation: {name} is being used to pass messages between the parents and "
        "is distressed at handovers.",
        "{name} is frightened to go home after a poor report, saying 'dad will go mad'.",
    ],
    _C.SEXUAL_ABUSE: [
        "{name} disclosed that an adult family friend touches them when babysitting.",
        "Sexualised behaviour well beyond {name}'s age; said 'it's our secret' about an uncle.",
        "{name} ({age}) disclosed to a school nurse that a relative comes into their bedroom "
        "at night.",
    ],
    _C.CHILD_SEXUAL_EXPLOITATION: [
        "{name} seen getting into cars with older men after school; has a new phone and "
        "expensive clothes the family cannot explain.",
        "{name} ({age}) found at an adult male's flat at 2am with alcohol; phone contains "
        "explicit images.",
    ],
    _C.CHILD_CRIMINAL_EXPLOITATION: [
        "{name} ({age}) stopped with £400 in cash and two phones far from home; believed to "
        "be running drugs on a county line.",
        "{name} has stopped attending and is seen with older youths linked to a local gang; "
        "found carrying a knife.",
    ],
    _C.MISSING: [
        "{name} reported missing overnight by mother; returned the next day but will not say "
        "where they were.",
        "Third missing episode this month; {name} ({age}) found in Croydon with older youths.",
    ],
    _C.PARENTAL_MENTAL_HEALTH: [
        "Mother has relapsed and stopped her medication; {name} is caring for the younger "
        "children.",
        "Father expressing suicidal thoughts; he is the main carer for {name} ({age}).",
        "Mother very low in mood since the birth, not getting up; {name} is missing meals.",
    ],
    _C.PARENTAL_SUBSTANCE_MISUSE: [
        "Mother smelled strongly of alcohol collecting {name} and was unsteady on her feet.",
        "Drug paraphernalia found at the home during a police visit; {name} ({age}) was present.",
        "Father attended with {name} while intoxicated; known heroin use.",
    ],
    _C.RADICALISATION: [
        "{name} ({age}) has been sharing extremist videos with classmates and talking about "
        "'joining the fight'.",
    ],
    _C.FGM: [
        "Mother spoke of a summer trip abroad for {name}'s 'special ceremony'; family from a "
        "country where FGM is prevalent.",
        "Mother has had FGM (type 2) recorded at the birth of {name}; risk to {name} "
        "discussed, family dismissive.",
    ],
    _C.OTHER: [
        "Family of six living in one room of an overcrowded flat with damp and mould; {name} "
        "has repeated chest infections.",
        "Young carer: {name} ({age}) looks after a disabled parent and is missing school.",
        "Family facing eviction for rent arrears; {name} anxious and tired in class.",
    ],
}
CALLERS = [
    "the child's grandmother",
    "a neighbour",
    "an anonymous caller",
    "the child's aunt",
    "the child's father, who does not live with the family",
    "an adult social care worker",
    "a housing officer",
    "the child's older sister",
]
RATIONALE = {
    (1, ContactOutcome.NO_FURTHER_ACTION): "Single low-level worry; the family is engaged and "
    "universal services are involved. No further action; advice given to the referrer.",
    (1, ContactOutcome.SIGNPOST): "Needs can be met by universal services; the family has been "
    "signposted to the children's centre and their GP.",
    (2, ContactOutcome.NO_FURTHER_ACTION): "Some additional needs, but the referring agency "
    "can meet them; advice given on single-agency support. No further action by the MASH.",
    (2, ContactOutcome.SIGNPOST): "Additional needs; family signposted to parenting support "
    "and the school's pastoral team, who will follow up.",
    (2, ContactOutcome.EARLY_HELP): "Additional needs with parental consent for support; "
    "passed to early help for a single-agency offer.",
    (3, ContactOutcome.EARLY_HELP): "Several unmet needs across agencies and the parents "
    "consent to help: a team around the family through the Early Help Hub.",
    (4, ContactOutcome.REFERRAL): "Threshold for a statutory assessment met: the concerns and "
    "the history together mean the child may be in need of protection. Referred for a "
    "single assessment.",
    (4, ContactOutcome.STRATEGY_DISCUSSION): "Reasonable cause to suspect the child is "
    "suffering, or likely to suffer, significant harm: immediate strategy discussion with "
    "police and health.",
}
OPEN_CASE_RATIONALE = (
    "The child's case is open to an allocated social worker: the information has been passed "
    "to them. No further action by the MASH."
)
CONSENT_REASONS = {
    Consent.NOT_SOUGHT: "Seeking consent could place the child at increased risk of harm.",
    Consent.REFUSED_OVERRIDDEN: "Mother refused consent; overridden because the concerns may "
    "amount to significant harm.",
}
