"""Who the borough's people are, as rows: the steps that add people (families, children the
front door met, young care leavers, LADO subjects) and staff (demo accounts, partners'
practitioners, agency social workers) make them the same way here.

- `postcode`: a postcode in the borough.
- `current_name`: a person's current name, with the search keys the person index needs.
- `NhsNumbers`: unique NHS numbers, valid by their check digit.
- `Usernames` and `staff`: a staff account with a unique username.
"""

import random
import unicodedata
from datetime import date, datetime, time

from everychild.demo import places
from everychild.demo.writer import LONDON
from everychild.organisations.models import Organisation, OrganisationKind, Staff
from everychild.people.identifiers import nhs_number_with_check_digit
from everychild.people.models import NameKind, Person, PersonName
from everychild.people.names import search_keys


def postcode(rng: random.Random) -> str:
    district = rng.choices(list(places.POSTCODE_SECTORS), weights=[35, 20, 25, 20])[0]
    sector = rng.choice(places.POSTCODE_SECTORS[district])
    unit = rng.choice(places.UNIT_LETTERS) + rng.choice(places.UNIT_LETTERS)
    return f"{district} {sector}{unit}"


def current_name(person: Person) -> PersonName:
    return PersonName(
        person_id=person.pk,
        kind=NameKind.CURRENT,
        given_name=person.given_name,
        family_name=person.family_name,
        **search_keys(person.given_name, person.family_name),
    )


class NhsNumbers:
    """NHS numbers counting up from `base` plus a random offset, skipping the bodies that
    have no valid check digit."""

    def __init__(self, rng: random.Random, base: int):
        self.body = base + rng.randrange(1_000_000)

    def next(self) -> str:
        while True:
            self.body += 1
            number = nhs_number_with_check_digit(str(self.body))
            if number:
                return number


class Usernames:
    """first.last, numbered from 2 when taken."""

    def __init__(self, taken):
        self.taken = set(taken)

    def unique(self, first: str, last: str) -> str:
        base = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        name, n = base, 1
        while name in self.taken:
            n += 1
            name = f"{base}{n}"
        self.taken.add(name)
        return name


def staff(
    pk: int,
    username: str,
    first: str,
    last: str,
    role: str,
    organisation: Organisation,
    job_title: str,
    joined: date,
    **extra,
) -> Staff:
    """A staff account, joined on `joined` (no password can sign in unless `extra` gives
    one)."""
    council = organisation.kind == OrganisationKind.LOCAL_AUTHORITY
    domain = "demo-borough" if council else "partner"
    return Staff(
        id=pk,
        username=username,
        first_name=first,
        last_name=last,
        role=role,
        organisation=organisation,
        job_title=job_title,
        email=f"{ascii_letters(username)}@{domain}.example",
        date_joined=datetime.combine(joined, time(9), tzinfo=LONDON),
        **({"password": "!"} | extra),
    )


_NOT_DECOMPOSED = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "ß": "ss"})


def ascii_letters(text: str) -> str:
    """Accents dropped (an email address's local part is ASCII): "hồng.phan" -> "hong.phan"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NOT_DECOMPOSED))
    return decomposed.encode("ascii", "ignore").decode()
