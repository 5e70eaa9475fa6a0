"""Every child's first records (birth, GP practice, school) and the children known to
social care before the history steps, with their chronology entries."""

from datetime import timedelta
from typing import TYPE_CHECKING

from everychild.demo.writer import (
    ChronologyEntry,
    EntryKind,
    Involvement,
    InvolvementKind,
    Visibility,
    bulk,
)
from everychild.organisations.models import Organisation
from everychild.organisations.roles import Role
from everychild.people.models import Person, PersonKind

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

_PARTNER_WORRIES = {
    "police": [
        (
            EntryKind.POLICE_INCIDENT,
            "Police attended a domestic incident at the home; {name} was present and upset.",
        ),
        (
            EntryKind.POLICE_INCIDENT,
            "{name} reported missing overnight; found the next morning at a friend's flat.",
        ),
        (
            EntryKind.POLICE_INCIDENT,
            "Police called to the address after neighbours heard shouting and a child crying.",
        ),
    ],
    "school": [
        (
            EntryKind.SCHOOL_CONCERN,
            "{name} arrived hungry and in unwashed uniform on four days this fortnight.",
        ),
        (
            EntryKind.SCHOOL_CONCERN,
            "{name} has an unexplained bruise on the upper arm; says they fell.",
        ),
        (
            EntryKind.SCHOOL_CONCERN,
            "Attendance has fallen to 78% this term; no contact from parents.",
        ),
        (
            EntryKind.SCHOOL_CONCERN,
            "{name} disclosed that mum 'sleeps all day' and they look after the younger ones.",
        ),
    ],
    "health": [
        (
            EntryKind.HEALTH_CONTACT,
            "Health visitor: {name}'s weight has dropped below the expected centile.",
        ),
        (
            EntryKind.HEALTH_CONTACT,
            "Emergency department: {name} with a burn to the hand; explanation inconsistent.",
        ),
        (
            EntryKind.HEALTH_CONTACT,
            "GP: mother disclosed low mood and alcohol use; children at home.",
        ),
        (EntryKind.HEALTH_CONTACT, "Missed immunisations and two missed health reviews."),
    ],
}
CSC_SHARE = 0.04


def _joined(b: "Borough", child, organisation, day, kinds, involvements, entries) -> None:
    """A child joins a school or GP practice: an involvement and a chronology entry."""
    involvement_kind, entry_kind, words = kinds
    involvements.append(
        Involvement(
            child_id=child.id, kind=involvement_kind, organisation=organisation, started_on=day
        )
    )
    entries.append(
        ChronologyEntry(
            child_id=child.id,
            occurred_at=b.at(day),
            kind=entry_kind,
            summary=f"{words} {organisation.name}.",
            source_organisation=organisation,
            visibility=Visibility.PARTNERS,
        )
    )  # children known to social care at any time (about 400 per 10,000)


def involvements_step(b: "Borough") -> None:
    """Every child's birth, GP and school; about 4% of children known to social care, with
    what partners worried about before; and the placeholders that give every demo account
    something to see (the later steps rebuild most of them from the cases they make)."""
    rng = b.rng
    involvements: list[Involvement] = []
    entries: list[ChronologyEntry] = []
    known = [c for c in b.children if rng.random() < CSC_SHARE]
    # A few of them attend the demo school, so that its safeguarding lead has plans to see.
    demo_school = b.organisations["demo_school"]
    for child in [c for c in known if b.school_of.get(c.id) in b.schools][:5]:
        b.school_of[child.id] = demo_school
    gp_of_family = _births_gps_and_schools(b, involvements, entries)
    _social_care(b, known, gp_of_family, involvements, entries)
    _special_involvements(b, known, involvements)
    bulk(Involvement, involvements)
    bulk(ChronologyEntry, entries)


def _births_gps_and_schools(b: "Borough", involvements, entries) -> dict[int, Organisation]:
    """Each child's birth, GP practice (the family's) and school; the family's GP."""
    rng = b.rng
    gp_of_family: dict[int, Organisation] = {}
    for child in b.children:
        born = child.date_of_birth
        if born:
            entries.append(
                ChronologyEntry(
                    child_id=child.id,
                    occurred_at=b.at(born, 3),
                    kind=EntryKind.BIRTH,
                    summary="Born.",
                    visibility=Visibility.PARTNERS,
                )
            )
        gp = gp_of_family.setdefault(b.family_of[child.id], rng.choice(b.gp_practices))
        if born:
            registered = born + timedelta(days=rng.randint(14, 60))
            if registered < b.today:
                registration = (InvolvementKind.GP, EntryKind.GP_REGISTRATION, "Registered with")
                _joined(b, child, gp, registered, registration, involvements, entries)
        school = b.school_of.get(child.id)
        if school:
            admitted = b.today - timedelta(days=rng.randint(30, 5 * 365))
            admitted = max(admitted, born + timedelta(days=4 * 365))
            admission = (InvolvementKind.SCHOOL, EntryKind.SCHOOL_ADMISSION, "Started at")
            _joined(b, child, school, admitted, admission, involvements, entries)
    return gp_of_family


def _social_care(b: "Borough", known, gp_of_family, involvements, entries) -> None:
    """Children's social care: about 4% of children allocated across the case-holding
    teams (the first 18 to the demo social worker), and the worries partners raised."""
    rng = b.rng
    holders = [*(f"assessment_{i}" for i in (1, 2)), *(f"cin_{i}" for i in range(1, 5))]
    holders += ["care_1", "care_2", "disabled"]
    workers = {k: [s for s in b.staff_by_team[k] if s.role == Role.SOCIAL_WORKER] for k in holders}
    demo_worker = b.accounts["social.worker"]
    for i, child in enumerate(known):
        team_key = "cin_1" if i < 18 else rng.choice(holders)
        worker = demo_worker if i < 18 else rng.choice(workers[team_key])
        since = b.days_ago(10, 700)
        team = b.teams[team_key]
        involvements += [
            _involvement(child, InvolvementKind.ALLOCATED_WORKER, since, staff=worker, team=team),
            _involvement(child, InvolvementKind.CASE_TEAM, since, team=team),
        ]
        school = b.school_of.get(child.id)
        if school and rng.random() < 0.4:
            lead = b.school_leads[school.id]
            involvements.append(_involvement(child, InvolvementKind.PLAN_MEMBER, since, staff=lead))
        gp = gp_of_family[b.family_of[child.id]]
        entries += _worries(b, child, since, school, gp)


def _worries(b: "Borough", child: Person, since, school, gp) -> list[ChronologyEntry]:
    """What the police, school and health worried about in the year or so before."""
    rng = b.rng
    police, community_health = b.organisations["police"], b.organisations["community_health"]
    acute = b.organisations["acute_trust"]
    name = child.given_name or "the baby"
    entries = []
    for _ in range(rng.randint(2, 8)):
        agency = rng.choice(["police", "school", "health"])
        kind, text = rng.choice(_PARTNER_WORRIES[agency])
        source = {
            "police": police,
            "school": school or community_health,
            "health": rng.choice([community_health, acute, gp]),
        }[agency]
        when = since - timedelta(days=rng.randint(0, 400))
        if child.date_of_birth and when < child.date_of_birth:
            continue
        entries.append(
            ChronologyEntry(
                child_id=child.id,
                occurred_at=b.at(when, rng.randint(8, 22)),
                kind=kind,
                summary=text.format(name=name),
                source_organisation=source,
                visibility=rng.choice([Visibility.PARTNERS, Visibility.SOCIAL_CARE]),
            )
        )
    return entries


def _involvement(child: Person, kind: str, started_on, **who) -> Involvement:
    return Involvement(child_id=child.id, kind=kind, started_on=started_on, **who)


def _special_involvements(b: "Borough", known: list[Person], involvements: list) -> None:
    """The MASH's current children, conference chairs, personal advisers and the demo
    partners' plans, so that every demo account has something to see."""
    rng, add, kinds = b.rng, involvements.append, InvolvementKind
    known_ids = {c.id for c in known}
    unknown = [c for c in b.children if c.kind == PersonKind.CHILD and c.id not in known_ids]
    mash = b.teams["mash"]
    for child in rng.sample(unknown, min(40, len(unknown))):
        add(_involvement(child, kinds.FRONT_DOOR, b.days_ago(0, 3), team=mash))
    chairs = [s for s in b.staff_by_team["reviewing"] if s.role == Role.CONFERENCE_CHAIR]
    for i, child in enumerate(rng.sample(known, min(len(known), 300))):
        chair = b.accounts["cp.chair"] if i < 12 else rng.choice(chairs)
        add(_involvement(child, kinds.CONFERENCE_CHAIR, b.days_ago(10, 500), staff=chair))
    leavers = [c for c in b.children if c.kind == PersonKind.CHILD and c.age(b.today) == 17]
    advisers, team = b.staff_by_team["leaving_care"], b.teams["leaving_care"]
    for i, child in enumerate(rng.sample(leavers, min(len(leavers), 60))):
        adviser = b.accounts["personal.adviser"] if i < 10 else rng.choice(advisers)
        since = b.days_ago(30, 300)
        add(_involvement(child, kinds.PERSONAL_ADVISER, since, staff=adviser, team=team))
    babies = [c for c in known if c.date_of_birth and c.age(b.today) < 3]
    partners = [
        (babies[:8], kinds.PLAN_MEMBER, "health.visitor"),
        (known[18:24], kinds.CONFERENCE_MEMBER, "police.officer"),
    ]
    demo_school = b.organisations["demo_school"]
    pupils = [c for c in known if b.school_of.get(c.id) == demo_school][:5]
    partners.append((pupils, kinds.LEAD_PROFESSIONAL, "school.dsl"))
    for children, kind, username in partners:
        for child in children:
            add(_involvement(child, kind, b.days_ago(10, 200), staff=b.accounts[username]))
