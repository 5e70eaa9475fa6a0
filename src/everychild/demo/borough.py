"""The synthetic borough: a deterministic generator of an east London borough's children,
families, addresses, schools, GP practices, teams, staff and their involvement with the
children, for the demo, the tests and the benchmarks.

The same `seed` and `today` always give the same borough. The generator writes with bulk
inserts and explicit ids into an empty database (60,000 children take well under two
minutes on SQLite); it is not a service and writes no per-row audit, only one audit event
saying that the borough was generated.

Later issues add steps (service histories) by appending to `STEPS`: each step is a function
taking the `Borough` being built, in order, after the steps it depends on. A step may return
a short note for its log line; a step that adds children of its own says how many with an
`adds_children(n_children)` attribute, so that families_step makes that many fewer.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction

from everychild.demo import names as name_lists
from everychild.demo import places
from everychild.demo.care_history import care_history_step
from everychild.demo.casework_history import casework_history_step
from everychild.demo.frontdoor_history import frontdoor_history_step
from everychild.demo.identities import NhsNumbers, Usernames, current_name, postcode
from everychild.demo.identities import staff as staff_row
from everychild.demo.lado_history import lado_history_step
from everychild.demo.namer import Namer
from everychild.demo.writer import (
    ChronologyEntry,
    EntryKind,
    Ids,
    Involvement,
    InvolvementKind,
    Visibility,
    bulk,
    record_generation,
    reset_sequences,
)
from everychild.organisations.models import (
    Organisation,
    OrganisationKind,
    Staff,
    Team,
    TeamKind,
    TeamMembership,
)
from everychild.organisations.roles import Role
from everychild.people.identifiers import upn_with_check_letter
from everychild.people.models import (
    Address,
    NameKind,
    Person,
    PersonAddress,
    PersonKind,
    PersonName,
    Relationship,
    RelationshipKind,
)
from everychild.people.names import search_keys

LA_NUMBER = "211"  # the DfE number of the borough the demo is modelled on (for UPNs)
DEMO_PASSWORD = "everychild-demo-2026"


@dataclass
class DemoAccount:
    username: str
    role: Role
    first_name: str
    last_name: str
    job_title: str
    organisation: str  # key into Borough.organisations
    team: str | None = None  # key into Borough.teams
    is_manager: bool = False
    is_superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(
        "mash.worker", Role.MASH, "Shirin", "Rahman", "MASH social worker", "council", "mash"
    ),
    DemoAccount(
        "mash.manager",
        Role.TEAM_MANAGER,
        "Farida",
        "Choudhury",
        "MASH team manager",
        "council",
        "mash",
        is_manager=True,
    ),
    DemoAccount(
        "team.manager",
        Role.TEAM_MANAGER,
        "Grace",
        "Okafor",
        "Team manager",
        "council",
        "cin_1",
        is_manager=True,
    ),
    DemoAccount(
        "social.worker", Role.SOCIAL_WORKER, "Tom", "Walsh", "Social worker", "council", "cin_1"
    ),
    DemoAccount(
        "cp.chair",
        Role.CONFERENCE_CHAIR,
        "Amina",
        "Warsame",
        "Child protection chair",
        "council",
        "reviewing",
    ),
    DemoAccount(
        "personal.adviser",
        Role.PERSONAL_ADVISER,
        "Minh",
        "Tran",
        "Personal adviser",
        "council",
        "leaving_care",
    ),
    DemoAccount(
        "lado", Role.LADO, "Helen", "Byrne", "Local authority designated officer", "council", "lado"
    ),
    DemoAccount(
        "analyst", Role.ANALYST, "Kofi", "Mensah", "Performance analyst", "council", "performance"
    ),
    DemoAccount(
        "director", Role.DIRECTOR, "Ruth", "Evans", "Director of children's services", "council"
    ),
    DemoAccount("dpo", Role.DPO, "Priya", "Shah", "Data protection officer", "council"),
    DemoAccount(
        "school.dsl", Role.PARTNER, "Sarah", "Cooper", "Designated safeguarding lead", "demo_school"
    ),
    DemoAccount(
        "health.visitor", Role.PARTNER, "Nusrat", "Begum", "Health visitor", "community_health"
    ),
    DemoAccount("gp", Role.PARTNER, "David", "Adeyemi", "GP safeguarding lead", "demo_gp"),
    DemoAccount(
        "police.officer",
        Role.PARTNER,
        "James",
        "Kelly",
        "Detective constable, safeguarding",
        "police",
    ),
    DemoAccount(
        "admin",
        Role.ADMINISTRATOR,
        "System",
        "Administrator",
        "System administrator",
        "council",
        is_superuser=True,
    ),
]


@dataclass
class Borough:
    """What the steps build and share."""

    rng: random.Random
    namer: Namer
    today: date
    n_children: int
    organisations: dict[str, Organisation] = field(default_factory=dict)
    schools: list[Organisation] = field(default_factory=list)
    secondaries: list[Organisation] = field(default_factory=list)
    gp_practices: list[Organisation] = field(default_factory=list)
    teams: dict[str, Team] = field(default_factory=dict)
    staff_by_team: dict[str, list[Staff]] = field(default_factory=dict)
    accounts: dict[str, Staff] = field(default_factory=dict)
    school_leads: dict[int, Staff] = field(default_factory=dict)  # school id -> DSL
    children: list[Person] = field(default_factory=list)
    family_of: dict[int, int] = field(default_factory=dict)  # child id -> family number
    home_of: dict[int, int] = field(default_factory=dict)  # person id -> current address id
    school_of: dict[int, Organisation] = field(default_factory=dict)  # child id -> school
    ids: Ids = field(default_factory=Ids)

    def next_id(self, model: type[models.Model]) -> int:
        return self.ids.next(model)

    def at(self, day: date, hour: int = 9) -> datetime:
        return datetime.combine(day, time(hour, self.rng.randrange(60)), tzinfo=UTC)

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))


# ---- step 1: organisations and teams ------------------------------------------------------


def organisations_step(b: Borough) -> None:
    from django.conf import settings

    rng = b.rng
    orgs = [
        ("council", settings.AUTHORITY_NAME, OrganisationKind.LOCAL_AUTHORITY, "020 7364 5000"),
        ("police", "Metropolitan Police, Central East", OrganisationKind.POLICE, "101"),
        (
            "acute_trust",
            "Riverside Hospitals NHS Trust",
            OrganisationKind.HEALTH_TRUST,
            "020 7377 7000",
        ),
        (
            "community_health",
            "East London Community Health NHS Trust",
            OrganisationKind.HEALTH_TRUST,
            "020 7655 4000",
        ),
        ("housing", "Borough Homes", OrganisationKind.HOUSING, "020 7364 6000"),
    ]
    objects = []
    for key, name, kind, phone in orgs:
        org = Organisation(id=b.next_id(Organisation), name=name, kind=kind, phone=phone)
        b.organisations[key] = org
        objects.append(org)
    urns = iter(rng.sample(range(100000, 150000), 80))
    for stem in places.SCHOOL_STEMS:
        school = Organisation(
            id=b.next_id(Organisation),
            name=f"{stem} Primary School",
            kind=OrganisationKind.SCHOOL,
            urn=str(next(urns)),
            phone=f"020 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        )
        b.schools.append(school)
    for name in places.SECONDARY_NAMES:
        school = Organisation(
            id=b.next_id(Organisation),
            name=name,
            kind=OrganisationKind.SCHOOL,
            urn=str(next(urns)),
            phone=f"020 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        )
        b.secondaries.append(school)
    for i, name in enumerate(places.GP_PRACTICE_NAMES):
        b.gp_practices.append(
            Organisation(
                id=b.next_id(Organisation),
                name=name,
                kind=OrganisationKind.GP_PRACTICE,
                ods_code=f"F84{600 + i:03d}",
                phone=f"020 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            )
        )
    for name, kind in places.COMMUNITY_GROUPS:
        key = f"group_{len(b.organisations)}"
        b.organisations[key] = Organisation(id=b.next_id(Organisation), name=name, kind=kind)
    b.organisations["demo_school"] = b.schools[0]
    b.organisations["demo_gp"] = b.gp_practices[0]
    objects += b.schools + b.secondaries + b.gp_practices
    objects += [o for k, o in b.organisations.items() if k.startswith("group_")]
    bulk(Organisation, objects)

    council = b.organisations["council"]
    team_specs = [
        ("mash", "MASH (front door)", TeamKind.FRONT_DOOR),
        ("assessment_1", "Assessment and Intervention 1", TeamKind.ASSESSMENT),
        ("assessment_2", "Assessment and Intervention 2", TeamKind.ASSESSMENT),
        *[
            (f"cin_{i}", f"Child in Need and Protection {i}", TeamKind.CHILD_IN_NEED)
            for i in range(1, 5)
        ],
        ("care_1", "Children in Care 1", TeamKind.CHILDREN_IN_CARE),
        ("care_2", "Children in Care 2", TeamKind.CHILDREN_IN_CARE),
        ("leaving_care", "Leaving Care", TeamKind.LEAVING_CARE),
        ("disabled", "Children with Disabilities", TeamKind.DISABLED_CHILDREN),
        ("early_help", "Early Help Hub", TeamKind.EARLY_HELP),
        ("reviewing", "Safeguarding and Reviewing", TeamKind.SAFEGUARDING),
        ("lado", "LADO Service", TeamKind.LADO),
        ("performance", "Performance and Intelligence", TeamKind.PERFORMANCE),
    ]
    for key, name, kind in team_specs:
        b.teams[key] = Team(
            id=b.next_id(Team),
            organisation=council,
            name=name,
            kind=kind,
            phone=f"020 7364 {rng.randint(1000, 9999)}",
            email=f"{key.replace('_', '.')}@demo-borough.example",
        )
    bulk(Team, list(b.teams.values()))


# ---- step 2: staff and demo accounts -----------------------------------------------------

_TEAM_SIZES = {
    "mash": (Role.MASH, 8),
    "assessment_1": (Role.SOCIAL_WORKER, 8),
    "assessment_2": (Role.SOCIAL_WORKER, 8),
    "cin_1": (Role.SOCIAL_WORKER, 8),
    "cin_2": (Role.SOCIAL_WORKER, 8),
    "cin_3": (Role.SOCIAL_WORKER, 8),
    "cin_4": (Role.SOCIAL_WORKER, 8),
    "care_1": (Role.SOCIAL_WORKER, 7),
    "care_2": (Role.SOCIAL_WORKER, 7),
    "leaving_care": (Role.PERSONAL_ADVISER, 6),
    "disabled": (Role.SOCIAL_WORKER, 6),
    "early_help": (Role.SOCIAL_WORKER, 6),
    "reviewing": (Role.CONFERENCE_CHAIR, 8),
    "lado": (Role.LADO, 1),
    "performance": (Role.ANALYST, 2),
}


def staff_step(b: Borough) -> None:
    rng = b.rng
    staff: list[Staff] = []
    memberships: list[TeamMembership] = []
    usernames = Usernames(a.username for a in DEMO_ACCOUNTS)
    demo_hash = make_password(DEMO_PASSWORD)

    def add(
        username,
        role,
        first,
        last,
        org,
        job,
        team_key=None,
        manager=False,
        superuser=False,
        usable=False,
    ):
        member = staff_row(
            b.next_id(Staff),
            username,
            first,
            last,
            role,
            org,
            job,
            phone=f"020 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            password=demo_hash if usable else "!",  # "!": no password can sign in
            is_superuser=superuser,
            is_staff=superuser,
        )
        staff.append(member)
        if team_key:
            memberships.append(
                TeamMembership(team=b.teams[team_key], staff=member, is_manager=manager)
            )
            b.staff_by_team.setdefault(team_key, []).append(member)
        return member

    council = b.organisations["council"]
    for account in DEMO_ACCOUNTS:
        org = b.organisations[account.organisation]
        b.accounts[account.username] = add(
            account.username,
            account.role,
            account.first_name,
            account.last_name,
            org,
            account.job_title,
            account.team,
            account.is_manager,
            account.is_superuser,
            usable=True,
        )
    for team_key, (role, size) in _TEAM_SIZES.items():
        existing = len(b.staff_by_team.get(team_key, []))
        has_manager = any(a.team == team_key and a.is_manager for a in DEMO_ACCOUNTS)
        if not has_manager and team_key not in {"lado", "performance"}:
            first, last = b.namer.staff_name()
            add(
                usernames.unique(first, last),
                Role.TEAM_MANAGER,
                first,
                last,
                council,
                "Team manager",
                team_key,
                manager=True,
            )
        for _ in range(max(0, size - existing)):
            first, last = b.namer.staff_name()
            job = {
                Role.MASH: "MASH social worker",
                Role.PERSONAL_ADVISER: "Personal adviser",
                Role.CONFERENCE_CHAIR: "Child protection chair and IRO",
            }.get(role, "Social worker")
            add(usernames.unique(first, last), role, first, last, council, job, team_key)
    # A designated safeguarding lead in every school (the demo account leads the first).
    b.school_leads[b.schools[0].id] = b.accounts["school.dsl"]
    for school in b.schools[1:] + b.secondaries:
        first, last = b.namer.staff_name()
        b.school_leads[school.id] = add(
            usernames.unique(first, last),
            Role.PARTNER,
            first,
            last,
            school,
            "Designated safeguarding lead",
        )
    bulk(Staff, staff)
    bulk(TeamMembership, memberships)


# ---- step 3: families, children, addresses, names and relationships -----------------------


class _Ids:
    """Unique NHS numbers and UPNs, valid by their check digits."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.nhs = NhsNumbers(rng, 400_000_000).next
        self.upn_serials: dict[tuple[str, str], int] = {}

    def upn(self, school: Organisation, admitted: date) -> str:
        establishment = f"{int(school.urn) % 10000:04d}"
        year = f"{admitted.year % 100:02d}"
        serial = self.upn_serials.get((establishment, year), 0) + 1
        if serial > 999:  # a busy year: borrow the next year's serials
            return self.upn(school, admitted.replace(year=admitted.year + 1))
        self.upn_serials[(establishment, year)] = serial
        return upn_with_check_letter(f"{LA_NUMBER}{establishment}{year}{serial:03d}")


def _address(b: Borough) -> Address:
    rng = b.rng
    street = rng.choice(places.STREETS)
    if rng.random() < 0.6:
        line_1 = f"Flat {rng.randint(1, 120)}, {rng.choice(places.ESTATE_BLOCKS)}"
        line_2 = street
    else:
        line_1, line_2 = f"{rng.randint(1, 400)} {street}", ""
    return Address(id=b.next_id(Address), line_1=line_1, line_2=line_2, postcode=postcode(rng))


def _birthday(b: Borough, age_low: float, age_high: float) -> date:
    return b.today - timedelta(days=int(b.rng.uniform(age_low, age_high) * 365.25))


def _child_names(b: Borough, community: str, boy: bool, family: dict) -> tuple[str, str, str]:
    rng = b.rng
    given = b.namer.given(community, boy, family["locale"])
    middle = ""
    if community == "bangladeshi":
        # Boys often carry Mohammed or Abdul before the name they use; girls' family names
        # are often Begum or Khatun, not their father's.
        if boy and rng.random() < 0.25:
            middle = given
            given = rng.choice(["Mohammed", "Abdul"])
        family_name = (
            family["surname"]
            if boy or rng.random() < 0.5
            else rng.choice(name_lists.BANGLADESHI_FAMILY_FEMALE)[0]
        )
    elif community == "somali":
        family_name = family["father_given"]
    else:
        family_name = family["surname"]
    return given, middle, family_name


def _children_in_family(rng: random.Random) -> int:
    return rng.choices([1, 2, 3, 4, 5, 6], weights=[30, 33, 20, 10, 5, 2])[0]


@dataclass
class _Rows:
    """Rows to bulk-insert, gathered while families are made."""

    people: list[Person] = field(default_factory=list)
    names: list[PersonName] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    residences: list[PersonAddress] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

    def relate(self, from_person: Person, to_person: Person, kind, responsible=False) -> None:
        self.relationships.append(
            Relationship(
                from_person_id=from_person.id,
                to_person_id=to_person.id,
                kind=kind,
                parental_responsibility=responsible,
            )
        )


@dataclass
class _Home:
    address: Address
    moved_in: date
    previous: Address | None = None


def _add_person(b: Borough, rows: _Rows, home: _Home, person: Person) -> Person:
    """A person with their current name and the family's addresses."""
    rows.people.append(person)
    rows.names.append(current_name(person))
    if home.previous is not None:
        rows.residences.append(
            PersonAddress(
                person_id=person.id,
                address=home.previous,
                moved_in=home.moved_in - timedelta(days=b.rng.randint(365, 3000)),
                moved_out=home.moved_in,
            )
        )
    rows.residences.append(
        PersonAddress(person_id=person.id, address=home.address, moved_in=home.moved_in)
    )
    b.home_of[person.id] = home.address.id
    return person


def _new_home(b: Borough, rows: _Rows) -> _Home:
    home = _Home(address=_address(b), moved_in=b.days_ago(5 * 365, 15 * 365))
    rows.addresses.append(home.address)
    if b.rng.random() < 0.3:  # moved in the last five years
        home.moved_in = b.days_ago(30, 5 * 365)
        home.previous = _address(b)
        rows.addresses.append(home.previous)
    return home


def _parents(b: Borough, rows: _Rows, home: _Home, community: str, family: dict):
    rng = b.rng
    ethnicity, language, religion, _ = name_lists.COMMUNITIES[community]
    shared = {"ethnicity": ethnicity, "first_language": language, "religion": religion}
    mother_age = rng.uniform(19, 47)
    mother = _add_person(
        b,
        rows,
        home,
        Person(
            id=b.next_id(Person),
            kind=PersonKind.ADULT,
            given_name=b.namer.given(community, False, family["locale"]),
            family_name=family["mother_family"],
            gender="F",
            interpreter_needed=family["interpreter"],
            date_of_birth=_birthday(b, mother_age, mother_age),
            **shared,
        ),
    )
    father = None
    if rng.random() < (0.8 if community in {"bangladeshi", "chinese", "vietnamese"} else 0.55):
        somali = community == "somali"
        father = _add_person(
            b,
            rows,
            home,
            Person(
                id=b.next_id(Person),
                kind=PersonKind.ADULT,
                given_name=family["father_given"]
                if somali
                else b.namer.given(community, True, family["locale"]),
                family_name=rng.choice(name_lists.SOMALI_FAMILY)[0]
                if somali
                else family["surname"],
                gender="M",
                date_of_birth=_birthday(b, mother_age + 1, mother_age + 9),
                **shared,
            ),
        )
        rows.relate(father, mother, RelationshipKind.PARTNER)
    return mother, father, mother_age


def _child(b: Borough, community: str, family: dict, ids: "_Ids", age: float) -> Person:
    rng = b.rng
    ethnicity, language, religion, _ = name_lists.COMMUNITIES[community]
    boy = rng.random() < 0.51
    given, middle, family_name = _child_names(b, community, boy, family)
    disabled = rng.random() < 0.045
    if disabled:
        disabilities = rng.choice([["AUT"], ["LD"], ["COMM"], ["MOB"], ["BEH"], ["HEAR"]])
    else:
        disabilities = ["NONE"] if rng.random() < 0.8 else []
    return Person(
        id=b.next_id(Person),
        kind=PersonKind.CHILD,
        given_name=given,
        middle_names=middle,
        family_name=family_name,
        date_of_birth=_birthday(b, age, age),
        gender="M" if boy else "F",
        ethnicity=ethnicity,
        first_language=language,
        religion=religion,
        interpreter_needed=family["interpreter"] and rng.random() < 0.3,
        disabilities=disabilities,
        nhs_number=ids.nhs() if rng.random() < 0.96 else "",
    )


def families_step(b: Borough) -> None:
    rng = b.rng
    ids = _Ids(rng)
    rows = _Rows()
    communities = list(name_lists.COMMUNITIES)
    weights = [name_lists.COMMUNITIES[c][3] for c in communities]
    family_no = 0
    # Later steps may add children of their own (the front door's unverified records).
    in_families = b.n_children - sum(
        step.adds_children(b.n_children) for step in STEPS if hasattr(step, "adds_children")
    )
    while len(b.children) < in_families:
        family_no += 1
        community = rng.choices(communities, weights)[0]
        ethnicity, language, _, _ = name_lists.COMMUNITIES[community]
        locale = b.namer.locale_for(community)
        surname = b.namer.family(community, locale)
        family = {
            "surname": surname,
            "locale": locale,
            "father_given": b.namer.given(community, True, locale),
            "mother_family": rng.choice(name_lists.BANGLADESHI_FAMILY_FEMALE)[0]
            if community == "bangladeshi"
            else surname,
            "interpreter": language != "ENG" and rng.random() < 0.35,
        }
        home = _new_home(b, rows)
        mother, father, mother_age = _parents(b, rows, home, community, family)
        kids: list[Person] = []
        # The eldest child is any age the mother's age allows; the rest follow 1 to 4 years apart.
        age = rng.uniform(0, min(17.99, mother_age - 17))
        for _ in range(_children_in_family(rng)):
            if len(b.children) >= in_families or age < 0:
                break
            child = _add_person(b, rows, home, _child(b, community, family, ids, age))
            kids.append(child)
            b.children.append(child)
            b.family_of[child.id] = family_no
            for parent in (mother, father):
                if parent:
                    rows.relate(parent, child, RelationshipKind.PARENT, responsible=True)
            age -= rng.uniform(1.2, 4.5)
        for i, older in enumerate(kids):
            for younger in kids[i + 1 :]:
                rows.relate(older, younger, RelationshipKind.SIBLING)
        if rng.random() < 0.006 and len(b.children) < in_families:
            unborn = _add_person(
                b,
                rows,
                home,
                Person(
                    id=b.next_id(Person),
                    kind=PersonKind.UNBORN,
                    family_name=family["mother_family"],
                    expected_date=b.today + timedelta(days=rng.randint(20, 200)),
                    gender="U",
                    ethnicity=ethnicity,
                ),
            )
            b.children.append(unborn)
            b.family_of[unborn.id] = family_no
            rows.relate(mother, unborn, RelationshipKind.PARENT, responsible=True)
    _schools_and_other_names(b, ids, rows.names)
    bulk(Address, rows.addresses)
    bulk(Person, rows.people)
    bulk(PersonName, rows.names)
    bulk(PersonAddress, rows.residences)
    bulk(Relationship, rows.relationships)


def _schools_and_other_names(b: Borough, ids: _Ids, names: list[PersonName]) -> None:
    """School places and UPNs; the other spellings and aliases agencies have recorded."""
    rng = b.rng
    for child in b.children:
        if child.kind != PersonKind.CHILD:
            continue
        age = child.age(b.today)
        if 4 <= age <= 17:
            school = rng.choice(b.schools if age < 11 else b.secondaries)
            b.school_of[child.id] = school
            admitted = date(child.date_of_birth.year + 4 + (age >= 11) * 7, 9, 1)
            if rng.random() < 0.95:
                child.upn = ids.upn(school, admitted)
        roll = rng.random()
        if roll < 0.06:
            variants = [
                v for v in name_lists.variants_of(child.given_name) if v != child.given_name
            ]
            fam_variants = [
                v for v in name_lists.variants_of(child.family_name) if v != child.family_name
            ]
            if variants or fam_variants:
                given = rng.choice(variants) if variants else child.given_name
                family = rng.choice(fam_variants) if fam_variants else child.family_name
                names.append(
                    PersonName(
                        person_id=child.id,
                        kind=NameKind.SPELLING,
                        given_name=given,
                        family_name=family,
                        source=rng.choice(["School", "GP", "Police"]),
                        **search_keys(given, family),
                    )
                )
        elif roll < 0.075:
            given = child.middle_names or child.given_name[:3]
            names.append(
                PersonName(
                    person_id=child.id,
                    kind=NameKind.ALIAS,
                    given_name=given,
                    family_name=child.family_name,
                    source="Family",
                    **search_keys(given, child.family_name),
                )
            )


# ---- step 4: involvements (school, GP, children's social care) and the chronology ----------

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


def _joined(b, child, organisation, day, kinds, involvements, entries) -> None:
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


def involvements_step(b: Borough) -> None:
    rng = b.rng
    involvements: list[Involvement] = []
    entries: list[ChronologyEntry] = []
    police, community_health = b.organisations["police"], b.organisations["community_health"]
    acute = b.organisations["acute_trust"]
    gp_of_family: dict[int, Organisation] = {}
    known = [c for c in b.children if rng.random() < CSC_SHARE]
    # A few of them attend the demo school, so that its safeguarding lead has plans to see.
    demo_school = b.organisations["demo_school"]
    for child in [c for c in known if b.school_of.get(c.id) in b.schools][:5]:
        b.school_of[child.id] = demo_school
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
    # Children's social care: allocate about 4% of children across the case-holding teams.
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
            Involvement(
                child_id=child.id,
                kind=InvolvementKind.ALLOCATED_WORKER,
                staff=worker,
                team=team,
                started_on=since,
            ),
            Involvement(
                child_id=child.id, kind=InvolvementKind.CASE_TEAM, team=team, started_on=since
            ),
        ]
        school = b.school_of.get(child.id)
        if school and rng.random() < 0.4:
            involvements.append(
                Involvement(
                    child_id=child.id,
                    kind=InvolvementKind.PLAN_MEMBER,
                    staff=b.school_leads[school.id],
                    started_on=since,
                )
            )
        name = child.given_name or "the baby"
        for _ in range(rng.randint(2, 8)):
            agency = rng.choice(["police", "school", "health"])
            kind, text = rng.choice(_PARTNER_WORRIES[agency])
            source = {
                "police": police,
                "school": school or community_health,
                "health": rng.choice(
                    [community_health, acute, gp_of_family[b.family_of[child.id]]]
                ),
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
    _special_involvements(b, known, involvements)
    bulk(Involvement, involvements)
    bulk(ChronologyEntry, entries)


def _special_involvements(b: Borough, known: list[Person], involvements: list) -> None:
    """The MASH's current children, conference chairs, personal advisers and the demo
    partners' plans, so that every demo account has something to see."""
    rng = b.rng
    known_ids = {c.id for c in known}
    unknown = [c for c in b.children if c.kind == PersonKind.CHILD and c.id not in known_ids]
    mash = b.teams["mash"]
    for child in rng.sample(unknown, min(40, len(unknown))):
        involvements.append(
            Involvement(
                child_id=child.id,
                kind=InvolvementKind.FRONT_DOOR,
                team=mash,
                started_on=b.days_ago(0, 3),
            )
        )
    chairs = [s for s in b.staff_by_team["reviewing"] if s.role == Role.CONFERENCE_CHAIR]
    for i, child in enumerate(rng.sample(known, min(len(known), 300))):
        chair = b.accounts["cp.chair"] if i < 12 else rng.choice(chairs)
        involvements.append(
            Involvement(
                child_id=child.id,
                kind=InvolvementKind.CONFERENCE_CHAIR,
                staff=chair,
                started_on=b.days_ago(10, 500),
            )
        )
    leavers = [c for c in b.children if c.kind == PersonKind.CHILD and c.age(b.today) == 17]
    advisers = b.staff_by_team["leaving_care"]
    for i, child in enumerate(rng.sample(leavers, min(len(leavers), 60))):
        adviser = b.accounts["personal.adviser"] if i < 10 else rng.choice(advisers)
        involvements.append(
            Involvement(
                child_id=child.id,
                kind=InvolvementKind.PERSONAL_ADVISER,
                staff=adviser,
                team=b.teams["leaving_care"],
                started_on=b.days_ago(30, 300),
            )
        )
    babies = [c for c in known if c.date_of_birth and c.age(b.today) < 3]
    for child in babies[:8]:
        involvements.append(
            Involvement(
                child_id=child.id,
                kind=InvolvementKind.PLAN_MEMBER,
                staff=b.accounts["health.visitor"],
                started_on=b.days_ago(10, 200),
            )
        )
    for child in known[18:24]:
        involvements.append(
            Involvement(
                child_id=child.id,
                kind=InvolvementKind.CONFERENCE_MEMBER,
                staff=b.accounts["police.officer"],
                started_on=b.days_ago(10, 200),
            )
        )
    demo_school = b.organisations["demo_school"]
    for child in [c for c in known if b.school_of.get(c.id) == demo_school][:5]:
        involvements.append(
            Involvement(
                child_id=child.id,
                kind=InvolvementKind.LEAD_PROFESSIONAL,
                staff=b.accounts["school.dsl"],
                started_on=b.days_ago(10, 200),
            )
        )


STEPS: list[Callable[[Borough], None]] = [
    organisations_step,
    staff_step,
    families_step,
    involvements_step,
    frontdoor_history_step,
    casework_history_step,
    lado_history_step,
    care_history_step,
]


@dataclass
class Summary:
    children: int
    people: int
    organisations: int
    staff: int
    seconds: float


def generate(*, children: int, seed: int, today: date | None = None, log=None) -> Summary:
    """Build the borough into an empty database, in one transaction."""
    import time as clock

    from django.utils import timezone

    if Person.objects.exists():
        raise RuntimeError("The database already holds people: generate into an empty one.")
    started = clock.monotonic()
    rng = random.Random(seed)
    borough = Borough(
        rng=rng, namer=Namer(rng, seed), today=today or timezone.localdate(), n_children=children
    )
    with transaction.atomic():
        for step in STEPS:
            step_started = clock.monotonic()
            note = step(borough)  # a step may return a line worth showing
            if log:
                log(
                    f"  {step.__name__.removesuffix('_step')}: "
                    f"{clock.monotonic() - step_started:.1f}s" + (f" ({note})" if note else "")
                )
        reset_sequences()
        record_generation(children=children, seed=seed, today=borough.today)
    with connection.cursor() as cursor:
        # Fresh statistics, or SQLite plans "id IN (...)" lookups by the kind index instead.
        cursor.execute("ANALYZE")
    return Summary(
        children=len(borough.children),
        people=Person.objects.count(),
        organisations=Organisation.objects.count(),
        staff=Staff.objects.count(),
        seconds=round(clock.monotonic() - started, 1),
    )
