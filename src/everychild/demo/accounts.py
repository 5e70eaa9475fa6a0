"""The borough's organisations, teams and staff, and the demo accounts (one for each role,
with the password DEMO_PASSWORD) that `make run` prints."""

import random
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.hashers import make_password

from everychild.demo import places
from everychild.demo.identities import Usernames
from everychild.demo.identities import staff as staff_row
from everychild.demo.writer import bulk
from everychild.organisations.models import (
    Organisation,
    OrganisationKind,
    Staff,
    Team,
    TeamKind,
    TeamMembership,
)
from everychild.organisations.roles import Role

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

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


# ---- organisations and teams ---------------------------------------------------------------------

AGENCIES = [
    ("council", None, OrganisationKind.LOCAL_AUTHORITY, "020 7364 5000"),  # AUTHORITY_NAME
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
TEAMS = [
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


JOINED_BEFORE = timedelta(days=5 * 365)  # the borough's staff, before its history began


def _phone(rng: random.Random) -> str:
    return f"020 7{rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def organisations_step(b: "Borough") -> None:
    rng = b.rng
    objects = []
    for key, name, kind, phone in AGENCIES:
        org = Organisation(
            id=b.next_id(Organisation), name=name or settings.AUTHORITY_NAME, kind=kind, phone=phone
        )
        b.organisations[key] = org
        objects.append(org)
    urns = iter(rng.sample(range(100000, 150000), 80))

    def organisation(name: str, kind: str, **extra) -> Organisation:
        return Organisation(id=b.next_id(Organisation), name=name, kind=kind, **extra)

    for stem in places.SCHOOL_STEMS:
        name = f"{stem} Primary School"
        school = organisation(name, OrganisationKind.SCHOOL, urn=str(next(urns)), phone=_phone(rng))
        b.schools.append(school)
    for name in places.SECONDARY_NAMES:
        school = organisation(name, OrganisationKind.SCHOOL, urn=str(next(urns)), phone=_phone(rng))
        b.secondaries.append(school)
    for i, name in enumerate(places.GP_PRACTICE_NAMES):
        code = f"F84{600 + i:03d}"
        practice = organisation(
            name, OrganisationKind.GP_PRACTICE, ods_code=code, phone=_phone(rng)
        )
        b.gp_practices.append(practice)
    for name, kind in places.COMMUNITY_GROUPS:
        b.organisations[f"group_{len(b.organisations)}"] = organisation(name, kind)
    b.organisations["demo_school"] = b.schools[0]
    b.organisations["demo_gp"] = b.gp_practices[0]
    objects += b.schools + b.secondaries + b.gp_practices
    objects += [o for k, o in b.organisations.items() if k.startswith("group_")]
    bulk(Organisation, objects)
    council = b.organisations["council"]
    for key, name, kind in TEAMS:
        b.teams[key] = Team(
            id=b.next_id(Team),
            organisation=council,
            name=name,
            kind=kind,
            phone=f"020 7364 {rng.randint(1000, 9999)}",
            email=f"{key.replace('_', '.')}@demo-borough.example",
        )
    bulk(Team, list(b.teams.values()))


# ---- staff and demo accounts ---------------------------------------------------------------------

TEAM_SIZES = {
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


class _NewStaff:
    """Staff accounts and their team memberships, to write in one go."""

    def __init__(self, b: "Borough"):
        self.b, self.rng = b, b.rng
        self.staff: list[Staff] = []
        self.memberships: list[TeamMembership] = []
        self.usernames = Usernames(a.username for a in DEMO_ACCOUNTS)
        self.demo_hash = make_password(DEMO_PASSWORD)

    def add(self, username, role, first, last, org, job, team_key=None, manager=False, **more):
        member = staff_row(
            self.b.next_id(Staff),
            username,
            first,
            last,
            role,
            org,
            job,
            self.b.today - JOINED_BEFORE,
            phone=_phone(self.rng),
            **more,
        )
        self.staff.append(member)
        if team_key:
            team = self.b.teams[team_key]
            self.memberships.append(TeamMembership(team=team, staff=member, is_manager=manager))
            self.b.staff_by_team.setdefault(team_key, []).append(member)
        return member

    def account(self, account: DemoAccount) -> Staff:
        """A demo account: its password signs in."""
        return self.add(
            account.username,
            account.role,
            account.first_name,
            account.last_name,
            self.b.organisations[account.organisation],
            account.job_title,
            account.team,
            account.is_manager,
            password=self.demo_hash,
            is_superuser=account.is_superuser,
            is_staff=account.is_superuser,
        )

    def someone(self, role, org, job, team_key=None, manager=False) -> Staff:
        """A member of staff with a generated name (no password can sign in)."""
        first, last = self.b.namer.staff_name()
        username = self.usernames.unique(first, last)
        return self.add(username, role, first, last, org, job, team_key, manager)

    def write(self) -> None:
        bulk(Staff, self.staff)
        bulk(TeamMembership, self.memberships)


def staff_step(b: "Borough") -> None:
    new = _NewStaff(b)
    for account in DEMO_ACCOUNTS:
        b.accounts[account.username] = new.account(account)
    council = b.organisations["council"]
    for team_key, (role, size) in TEAM_SIZES.items():
        existing = len(b.staff_by_team.get(team_key, []))
        has_manager = any(a.team == team_key and a.is_manager for a in DEMO_ACCOUNTS)
        if not has_manager and team_key not in {"lado", "performance"}:
            new.someone(Role.TEAM_MANAGER, council, "Team manager", team_key, manager=True)
        job = {
            Role.MASH: "MASH social worker",
            Role.PERSONAL_ADVISER: "Personal adviser",
            Role.CONFERENCE_CHAIR: "Child protection chair and IRO",
        }.get(role, "Social worker")
        for _ in range(max(0, size - existing)):
            new.someone(role, council, job, team_key)
    # A designated safeguarding lead in every school (the demo account leads the first).
    b.school_leads[b.schools[0].id] = b.accounts["school.dsl"]
    for school in b.schools[1:] + b.secondaries:
        b.school_leads[school.id] = new.someone(
            Role.PARTNER, school, "Designated safeguarding lead"
        )
    new.write()
