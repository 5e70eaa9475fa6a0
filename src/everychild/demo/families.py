"""The borough's families: parents and children of the borough's communities, with their
homes (some moved in the last five years), names, relationships, NHS numbers, school places
and UPNs, and the other spellings and aliases agencies have recorded."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from everychild.demo import names as name_lists
from everychild.demo import places
from everychild.demo.identities import NhsNumbers, current_name, postcode
from everychild.demo.writer import bulk
from everychild.organisations.models import Organisation
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

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

LA_NUMBER = "211"  # the DfE number of the borough the demo is modelled on (for UPNs)


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


def _address(b: "Borough") -> Address:
    rng = b.rng
    street = rng.choice(places.STREETS)
    if rng.random() < 0.6:
        line_1 = f"Flat {rng.randint(1, 120)}, {rng.choice(places.ESTATE_BLOCKS)}"
        line_2 = street
    else:
        line_1, line_2 = f"{rng.randint(1, 400)} {street}", ""
    return Address(id=b.next_id(Address), line_1=line_1, line_2=line_2, postcode=postcode(rng))


def _birthday(b: "Borough", age_low: float, age_high: float) -> date:
    return b.today - timedelta(days=int(b.rng.uniform(age_low, age_high) * 365.25))


def _child_names(b: "Borough", community: str, boy: bool, family: dict) -> tuple[str, str, str]:
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


def _add_person(b: "Borough", rows: _Rows, home: _Home, person: Person) -> Person:
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


def _new_home(b: "Borough", rows: _Rows) -> _Home:
    home = _Home(address=_address(b), moved_in=b.days_ago(5 * 365, 15 * 365))
    rows.addresses.append(home.address)
    if b.rng.random() < 0.3:  # moved in the last five years
        home.moved_in = b.days_ago(30, 5 * 365)
        home.previous = _address(b)
        rows.addresses.append(home.previous)
    return home


def _parents(b: "Borough", rows: _Rows, home: _Home, community: str, family: dict):
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


def _child(b: "Borough", community: str, family: dict, ids: "_Ids", age: float) -> Person:
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


def _family(b: "Borough", community: str) -> dict:
    """What the family's members share: names, and whether they need an interpreter."""
    rng = b.rng
    language = name_lists.COMMUNITIES[community][1]
    locale = b.namer.locale_for(community)
    surname = b.namer.family(community, locale)
    return {
        "surname": surname,
        "locale": locale,
        "father_given": b.namer.given(community, True, locale),
        "mother_family": rng.choice(name_lists.BANGLADESHI_FAMILY_FEMALE)[0]
        if community == "bangladeshi"
        else surname,
        "interpreter": language != "ENG" and rng.random() < 0.35,
    }


def make_families(b: "Borough", in_families: int) -> None:
    """Families until the borough has `in_families` children: parents, children (a few
    unborn), their homes, names and relationships; school places and other spellings."""
    rng = b.rng
    ids = _Ids(rng)
    rows = _Rows()
    communities = list(name_lists.COMMUNITIES)
    weights = [name_lists.COMMUNITIES[c][3] for c in communities]
    family_no = 0
    while len(b.children) < in_families:
        family_no += 1
        community = rng.choices(communities, weights)[0]
        ethnicity = name_lists.COMMUNITIES[community][0]
        family = _family(b, community)
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


def _schools_and_other_names(b: "Borough", ids: _Ids, names: list[PersonName]) -> None:
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
