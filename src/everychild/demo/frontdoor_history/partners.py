"""Partner records: the child as another agency recorded them, with the noise real partner
records carry (misspellings, transliterations, swapped day and month, an age instead of a
date of birth, an old address), and the agencies and practitioners who raise concerns.
bench/frontdoor.py makes its concerns with these too, so that they are noisy in exactly the
same way."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from everychild.core.calendar import age_in_years, is_working_day
from everychild.demo import names as name_lists
from everychild.demo import places
from everychild.demo.frontdoor_history.text import DETAILS
from everychild.demo.identities import postcode
from everychild.demo.noise import noisy_name, one_part_wrong, swap_day_month
from everychild.demo.writer import Involvement, InvolvementKind
from everychild.frontdoor.models import ConcernCategory
from everychild.organisations.models import Organisation, OrganisationKind, Staff
from everychild.organisations.roles import Role
from everychild.people.models import Person, PersonAddress, PersonKind

# How partners' records of a child differ from the index.
NAME_NOISE = 0.4  # a transliteration, a typing slip or both (demo.noise.noisy_name)
DOB_SWAPPED, DOB_ONE_PART, DOB_MISSING = 0.05, 0.05, 0.10  # missing: an age is given instead
_SWAPPABLE = 0.36  # dates whose day and month can be swapped (day 1-12, day != month)
OLD_ADDRESS = 0.5  # of children who have moved (about 30%): about 15% of concerns
NO_ADDRESS = 0.05
NHS_FROM_HEALTH = 0.85  # GP practices and health trusts give the NHS number
UPN_FROM_SCHOOLS = 0.7  # schools give the UPN
SEX_NOT_GIVEN = 0.03

_C = ConcernCategory
AGENCY_WEIGHTS = {  # schools only for school-age children, and only on working days
    "police": 30,
    "school": 50,
    "gp": 6,
    "acute": 8,
    "community_health": 9,
    "group": 8,
    "housing": 5,
}
CATEGORY_WEIGHTS = {
    "police": {
        _C.DOMESTIC_ABUSE: 42,
        _C.MISSING: 12,
        _C.PHYSICAL_ABUSE: 8,
        _C.CHILD_CRIMINAL_EXPLOITATION: 7,
        _C.CHILD_SEXUAL_EXPLOITATION: 3,
        _C.NEGLECT: 8,
        _C.EMOTIONAL_ABUSE: 4,
        _C.PARENTAL_SUBSTANCE_MISUSE: 7,
        _C.SEXUAL_ABUSE: 3,
        _C.RADICALISATION: 0.5,
        _C.OTHER: 5.5,
    },
    "school": {
        _C.NEGLECT: 24,
        _C.EMOTIONAL_ABUSE: 14,
        _C.PHYSICAL_ABUSE: 12,
        _C.DOMESTIC_ABUSE: 10,
        _C.PARENTAL_MENTAL_HEALTH: 8,
        _C.PARENTAL_SUBSTANCE_MISUSE: 4,
        _C.SEXUAL_ABUSE: 3,
        _C.CHILD_SEXUAL_EXPLOITATION: 3,
        _C.CHILD_CRIMINAL_EXPLOITATION: 3,
        _C.MISSING: 3,
        _C.RADICALISATION: 1,
        _C.FGM: 0.5,
        _C.OTHER: 14.5,
    },
    "gp": {
        _C.PARENTAL_MENTAL_HEALTH: 24,
        _C.NEGLECT: 20,
        _C.PARENTAL_SUBSTANCE_MISUSE: 14,
        _C.DOMESTIC_ABUSE: 12,
        _C.PHYSICAL_ABUSE: 8,
        _C.EMOTIONAL_ABUSE: 5,
        _C.SEXUAL_ABUSE: 1.5,
        _C.FGM: 1.5,
        _C.OTHER: 14,
    },
    "acute": {
        _C.PHYSICAL_ABUSE: 28,
        _C.NEGLECT: 14,
        _C.PARENTAL_SUBSTANCE_MISUSE: 12,
        _C.PARENTAL_MENTAL_HEALTH: 12,
        _C.DOMESTIC_ABUSE: 10,
        _C.SEXUAL_ABUSE: 4,
        _C.MISSING: 2,
        _C.FGM: 1.5,
        _C.OTHER: 16.5,
    },
    "community_health": {
        _C.NEGLECT: 34,
        _C.PARENTAL_MENTAL_HEALTH: 20,
        _C.DOMESTIC_ABUSE: 15,
        _C.PHYSICAL_ABUSE: 8,
        _C.PARENTAL_SUBSTANCE_MISUSE: 8,
        _C.EMOTIONAL_ABUSE: 4,
        _C.FGM: 1,
        _C.OTHER: 10,
    },
    "group": {
        _C.NEGLECT: 18,
        _C.DOMESTIC_ABUSE: 16,
        _C.EMOTIONAL_ABUSE: 14,
        _C.PHYSICAL_ABUSE: 10,
        _C.CHILD_CRIMINAL_EXPLOITATION: 6,
        _C.CHILD_SEXUAL_EXPLOITATION: 3,
        _C.MISSING: 3,
        _C.RADICALISATION: 1.5,
        _C.OTHER: 28.5,
    },
    "housing": {
        _C.NEGLECT: 38,
        _C.DOMESTIC_ABUSE: 25,
        _C.PARENTAL_SUBSTANCE_MISUSE: 10,
        _C.PARENTAL_MENTAL_HEALTH: 7,
        _C.OTHER: 20,
    },
}
_OLDER_CHILDREN_ONLY = {
    _C.CHILD_SEXUAL_EXPLOITATION,
    _C.CHILD_CRIMINAL_EXPLOITATION,
    _C.MISSING,
    _C.RADICALISATION,
}
_HEALTH = {OrganisationKind.GP_PRACTICE, OrganisationKind.HEALTH_TRUST}


@dataclass
class ChildFacts:
    """A child as the index holds them, for making partner records of them."""

    id: int
    given_name: str
    family_name: str
    date_of_birth: date
    gender: str
    nhs_number: str = ""
    upn: str = ""
    address: tuple[str, str] | None = None  # (address, postcode) now
    previous: list[tuple[str, str]] = field(default_factory=list)  # addresses moved out of


def load_children(people=None) -> dict[int, ChildFacts]:
    """Children with a date of birth and their addresses (all verified children if `people`
    is None)."""
    if people is None:
        rows = Person.objects.filter(
            kind=PersonKind.CHILD, date_of_birth__isnull=False, identity_verified=True
        ).values_list(
            "pk", "given_name", "family_name", "date_of_birth", "gender", "nhs_number", "upn"
        )
    else:
        rows = [
            (p.pk, p.given_name, p.family_name, p.date_of_birth, p.gender, p.nhs_number, p.upn)
            for p in people
            if p.kind == PersonKind.CHILD and p.date_of_birth
        ]
    facts = {row[0]: ChildFacts(*row) for row in rows}
    for person_id, line_1, line_2, code, moved_out in PersonAddress.objects.filter(
        person__kind=PersonKind.CHILD
    ).values_list(
        "person_id", "address__line_1", "address__line_2", "address__postcode", "moved_out"
    ):
        child = facts.get(person_id)
        if child is None:
            continue
        entry = (", ".join(p for p in (line_1, line_2) if p), code)
        if moved_out is None:
            child.address = entry
        else:
            child.previous.append(entry)
    return facts


@dataclass
class PartnerRecord:
    """The child's identity as a partner agency recorded it."""

    given_name: str
    family_name: str
    date_of_birth: date | None
    age: int | None
    gender: str  # M, F or U
    address: str
    postcode: str
    nhs_number: str = ""
    upn: str = ""
    noise: list[str] = field(default_factory=list)  # how it differs from the index


def _name_noise(part: str, true: str, typed: str) -> list[str]:
    if typed == true:
        return []
    return [f"{part}_variant" if typed in name_lists.variants_of(true) else f"{part}_typo"]


def _can_be_misspelt(given: str, family: str) -> bool:
    # noisy_name loops until something changes: two short names with no known variants
    # ("Li Wu") never do.
    return (
        max(len(given), len(family)) >= 3
        or len(name_lists.variants_of(given)) > 1
        or len(name_lists.variants_of(family)) > 1
    )


def partner_record(
    child: ChildFacts, agency_kind: str, on: date, rng: random.Random, *, today: date
) -> PartnerRecord:
    """The child as an agency of `agency_kind` recorded them on `on`, with realistic noise
    (`today` is the borough's)."""
    noise: list[str] = []
    given, family = child.given_name, child.family_name
    if rng.random() < NAME_NOISE and _can_be_misspelt(given, family):
        typed_given, typed_family = noisy_name(given, family, rng)
        noise += _name_noise("given", given, typed_given)
        noise += _name_noise("family", family, typed_family)
        given, family = typed_given, typed_family
    born, age = child.date_of_birth, None
    swapped = swap_day_month(born)
    if swapped != born and swapped <= on and rng.random() < DOB_SWAPPED / _SWAPPABLE:
        born = swapped
        noise.append("dob_swapped")
    else:
        roll = rng.random()
        if roll < DOB_ONE_PART:
            wrong = one_part_wrong(born, rng, today=today)
            if wrong != born and wrong <= on:
                born = wrong
                noise.append("dob_one_part")
        elif roll < DOB_ONE_PART + DOB_MISSING:
            born, age = None, age_in_years(child.date_of_birth, on)
            noise.append("dob_missing_age_given")
    gender = child.gender
    if rng.random() < SEX_NOT_GIVEN:
        gender = "U"
        noise.append("sex_not_given")
    address, postcode = child.address or ("", "")
    if child.previous and rng.random() < OLD_ADDRESS:
        address, postcode = rng.choice(child.previous)
        noise.append("old_address")
    elif rng.random() < NO_ADDRESS:
        address, postcode = "", ""
        noise.append("no_address")
    record = PartnerRecord(given, family, born, age, gender, address, postcode, noise=noise)
    if agency_kind in _HEALTH and child.nhs_number and rng.random() < NHS_FROM_HEALTH:
        record.nhs_number = child.nhs_number
        noise.append("nhs_given")
    if agency_kind == OrganisationKind.SCHOOL and child.upn and rng.random() < UPN_FROM_SCHOOLS:
        record.upn = child.upn
        noise.append("upn_given")
    return record


def new_child_record(namer, on: date, rng: random.Random) -> PartnerRecord:
    """A child nobody in the index is: newly arrived, or never registered anywhere."""
    communities = list(name_lists.COMMUNITIES)
    community = rng.choices(communities, [name_lists.COMMUNITIES[c][3] for c in communities])[0]
    boy = rng.random() < 0.51
    given, family = namer.given(community, boy), namer.family(community)
    born = on - timedelta(days=rng.randint(60, 17 * 365))
    age = None
    if rng.random() < 0.3:
        born, age = None, age_in_years(born, on)
    street = rng.choice(places.STREETS)
    return PartnerRecord(
        given,
        family,
        born,
        age,
        "M" if boy else "F",
        f"{rng.randint(1, 300)} {street}",
        postcode(rng),
        noise=["not_in_index"],
    )


@dataclass
class Reporter:
    staff: Staff | None
    name: str


@dataclass
class Agencies:
    """The partner agencies that raise concerns, and their practitioners."""

    police: Organisation
    acute: Organisation
    community_health: Organisation
    housing: Organisation
    groups: list[Organisation]
    gp_practices: list[Organisation]
    school_of: dict[int, Organisation]  # child id -> school
    gp_of: dict[int, Organisation]  # child id -> GP practice
    reporters: dict[int, list[Reporter]] = field(default_factory=dict)  # organisation id ->

    @classmethod
    def from_database(cls) -> "Agencies":
        """The agencies of a borough already in the database (for the benchmarks)."""
        orgs = list(Organisation.objects.all())
        by_id = {o.pk: o for o in orgs}
        trusts = sorted(
            (o for o in orgs if o.kind == OrganisationKind.HEALTH_TRUST), key=lambda o: o.pk
        )
        community = next((t for t in trusts if "Community" in t.name), trusts[-1])
        acute = next((t for t in trusts if t != community), community)
        links = {InvolvementKind.SCHOOL: {}, InvolvementKind.GP: {}}
        for child_id, kind, org_id in (
            Involvement.objects.current()
            .filter(kind__in=list(links))
            .values_list("child_id", "kind", "organisation_id")
        ):
            links[kind][child_id] = by_id[org_id]
        agencies = cls(
            police=next(o for o in orgs if o.kind == OrganisationKind.POLICE),
            acute=acute,
            community_health=community,
            housing=next(o for o in orgs if o.kind == OrganisationKind.HOUSING),
            groups=[
                o for o in orgs if o.kind in {OrganisationKind.VOLUNTARY, OrganisationKind.FAITH}
            ],
            gp_practices=[o for o in orgs if o.kind == OrganisationKind.GP_PRACTICE],
            school_of=links[InvolvementKind.SCHOOL],
            gp_of=links[InvolvementKind.GP],
        )
        for staff in Staff.objects.filter(role=Role.PARTNER, organisation__isnull=False):
            agencies.reporters.setdefault(staff.organisation_id, []).append(
                Reporter(staff, staff.get_full_name())
            )
        return agencies

    def organisation(self, key: str, child_id: int, rng: random.Random) -> Organisation:
        if key == "school":
            return self.school_of[child_id]
        if key == "gp":
            return self.gp_of.get(child_id) or rng.choice(self.gp_practices)
        if key == "group":
            return rng.choice(self.groups)
        return {
            "police": self.police,
            "acute": self.acute,
            "community_health": self.community_health,
            "housing": self.housing,
        }[key]

    def reporter(self, organisation: Organisation, rng: random.Random) -> Reporter:
        pool = self.reporters.get(organisation.pk)
        if pool:
            return rng.choice(pool)
        return Reporter(None, f"Safeguarding lead, {organisation.name}")


@dataclass
class DraftConcern:
    agency: Organisation
    agency_key: str
    reporter: Reporter
    category: str
    details: str
    record: PartnerRecord


def category_for(agency_key: str, age: int, gender: str, rng: random.Random) -> str:
    weights = CATEGORY_WEIGHTS[agency_key]
    category = rng.choices(list(weights), list(weights.values()))[0]
    if (category in _OLDER_CHILDREN_ONLY and age < 10) or (category == _C.FGM and gender != "F"):
        category = rng.choice([_C.NEGLECT, _C.DOMESTIC_ABUSE])
    return category


def details_for(category: str, name: str, age: int, rng: random.Random) -> str:
    template = rng.choice(DETAILS[category])
    words = "a baby" if age < 1 else f"aged {age}"
    risk = rng.choices(["standard", "medium", "high"], [5, 3, 2])[0]
    return template.format(name=name or "the child", age=words, risk=risk)


_OFFICE_HOURS = {"school", "gp", "group", "housing"}


def agency_key_for(
    child_id: int, age: int, on: date, agencies: Agencies, rng: random.Random
) -> str:
    at_school = age >= 4 and child_id in agencies.school_of
    keys = [k for k in AGENCY_WEIGHTS if k != "school" or at_school]
    if age < 1:  # babies: health visitors, GPs, hospitals and the police
        keys = [k for k in keys if k not in {"group", "housing"}]
    if not is_working_day(on):  # weekends and bank holidays: the police and hospitals
        keys = [k for k in keys if k not in _OFFICE_HOURS]
    return rng.choices(keys, [AGENCY_WEIGHTS[k] for k in keys])[0]


def concern_for(
    child: ChildFacts,
    on: date,
    agencies: Agencies,
    rng: random.Random,
    agency_key: str = "",
    *,
    today: date,
) -> DraftConcern:
    """A worry about `child` raised on `on` by a partner agency, with the child's identity as
    that agency recorded it."""
    age = age_in_years(child.date_of_birth, on)
    key = agency_key or agency_key_for(child.id, age, on, agencies, rng)
    agency = agencies.organisation(key, child.id, rng)
    category = category_for(key, age, child.gender, rng)
    record = partner_record(child, agency.kind, on, rng, today=today)
    return DraftConcern(
        agency=agency,
        agency_key=key,
        reporter=agencies.reporter(agency, rng),
        category=category,
        details=details_for(category, record.given_name, age, rng),
        record=record,
    )


def concern_about_a_new_child(namer, on: date, agencies: Agencies, rng) -> DraftConcern:
    """A worry about a child the index does not hold (newly arrived, or never registered):
    from the police, a hospital, a health visitor, a community group or housing."""
    record = new_child_record(namer, on, rng)
    keys = ["police", "acute", "community_health", "group", "housing"]
    if not is_working_day(on):
        keys = keys[:2]
    key = rng.choices(keys, [40, 20, 20, 15, 5][: len(keys)])[0]
    agency = agencies.organisation(key, 0, rng)
    age = record.age if record.age is not None else age_in_years(record.date_of_birth, on)
    category = category_for(key, age, record.gender, rng)
    return DraftConcern(
        agency,
        key,
        agencies.reporter(agency, rng),
        category,
        details_for(category, record.given_name, age, rng),
        record,
    )


def harder_to_match(draft: DraftConcern, child: ChildFacts, on: date, rng) -> None:
    """A record the matcher is rarely sure of: no identifiers, an age for a date of birth and,
    often, a misspelt name."""
    record = draft.record
    noise = [n for n in record.noise if n not in {"nhs_given", "upn_given", "dob_swapped"}]
    noise = [n for n in noise if n != "dob_one_part"]
    record.nhs_number = record.upn = ""
    if record.date_of_birth is not None:
        record.date_of_birth, record.age = None, age_in_years(child.date_of_birth, on)
        noise.append("dob_missing_age_given")
    named = any(n.startswith(("given_", "family_")) for n in noise)
    if not named and rng.random() < 0.6 and _can_be_misspelt(child.given_name, child.family_name):
        given, family = noisy_name(child.given_name, child.family_name, rng)
        noise += _name_noise("given", child.given_name, given)
        noise += _name_noise("family", child.family_name, family)
        record.given_name, record.family_name = given, family
    record.noise = noise
    draft.details = details_for(draft.category, record.given_name, record.age, rng)
