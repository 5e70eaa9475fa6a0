"""The borough's carers: pools of in-house and agency foster carers, children's homes and
supported accommodation that children are placed with (a carer takes children up to its
capacity), and the carers found for one child (kinship carers, the child's parents,
adopters)."""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from everychild.care.models import Carer, CarerKind
from everychild.demo import names as name_lists
from everychild.demo import places
from everychild.demo.care_history.text import ELSEWHERE, HOME_NAMES, KIN, SUPPORTED_NAMES
from everychild.demo.identities import postcode
from everychild.demo.writer import Rows
from everychild.people.models import Person

if TYPE_CHECKING:
    from everychild.demo.borough import Borough
    from everychild.demo.care_history.periods import Spec

POOLS = {"in_house", "agency", "home", "supported"}  # shared by the children placed there
CARER_FIELDS = ("id", "name", "kind", "provider", "urn", "postcode", "capacity")  # as in the row


@dataclass
class CarerRow:
    id: int
    name: str
    kind: str
    provider: str
    postcode: str
    capacity: int = 1
    urn: str = ""
    busy: list = field(default_factory=list)  # (start, end or FAR) of its placements
    pool: str = ""  # which pool it was drawn from ("" for a child's own carer)

    def free(self, start: date, end: date) -> bool:
        taken = sum(1 for s, e in self.busy if s < end and e > start)
        return taken < self.capacity


def postcode_elsewhere(rng: random.Random, far: bool = False) -> str:
    """A postcode outside the borough (`far`: 15 miles or more)."""
    options = [e for e in ELSEWHERE if not far or e[1] >= 15] or ELSEWHERE
    outward = rng.choices([o[0] for o in options], [o[2] for o in options])[0]
    letters = places.UNIT_LETTERS
    return f"{outward}{rng.choice(letters)}{rng.choice(letters)}"


class Carers:
    def __init__(self, b: "Borough"):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.all: list[CarerRow] = []
        self.pools: dict[str, list[CarerRow]] = {pool: [] for pool in POOLS}

    def fill_pools(self) -> None:
        n = self.b.n_children
        for pool, per, least in (
            ("in_house", 450, 3),
            ("agency", 520, 3),
            ("home", 5000, 2),
            ("supported", 10000, 1),
        ):
            for _ in range(max(least, round(n / per))):
                self.new(pool)

    def new(self, pool: str, child: Person | None = None, home: str = "") -> CarerRow:
        """A new carer of `pool` (or of the kind named: kinship, parents, adopters)."""
        rng, namer = self.rng, self.b.namer
        community = rng.choices(
            list(name_lists.COMMUNITIES), [c[3] for c in name_lists.COMMUNITIES.values()]
        )[0]
        family = namer.family(community)
        couple = rng.random() < 0.6
        title = "Mr and Mrs" if couple else rng.choice(["Ms", "Mrs", "Mr"])
        if pool in {"in_house", "agency"}:
            row = self._foster(pool, f"{title} {family}")
        elif pool == "home":
            row = self._home()
        elif pool == "supported":
            row = self._supported()
        elif pool == "kinship":
            row = self._kinship(community, family, child)
        elif pool == "parents":
            row = CarerRow(
                0,
                f"{child.family_name} family home (parents)",
                CarerKind.PARENTS,
                "PR0",
                home or postcode(rng),
                capacity=4,
            )
        else:
            row = CarerRow(
                0,
                f"{title if couple else 'Ms'} {family} (adopters)",
                CarerKind.ADOPTERS,
                rng.choices(["PR1", "PR5", "PR2"], [60, 30, 10])[0],
                self._postcode(0.3),
                capacity=rng.choice([1, 1, 2]),
            )
        row.id = self.b.next_id(Carer)
        row.pool = pool if pool in POOLS else ""
        self.all.append(row)
        if row.pool:
            self.pools[pool].append(row)
        return row

    def _postcode(self, in_borough: float) -> str:
        rng = self.rng
        return postcode(rng) if rng.random() < in_borough else postcode_elsewhere(rng)

    def _foster(self, pool: str, name: str) -> CarerRow:
        rng = self.rng
        if pool == "in_house":
            row = CarerRow(0, name, CarerKind.IN_HOUSE_FOSTER, "PR1", "")
            row.postcode = self._postcode(0.7)
            row.capacity = rng.choice([1, 1, 2, 2, 3])
        else:
            row = CarerRow(0, name, CarerKind.AGENCY_FOSTER, "PR4", "")
            row.postcode = self._postcode(0.25)
            row.capacity = rng.choice([1, 2, 2, 3])
        return row

    def _home(self) -> CarerRow:
        rng = self.rng
        own = rng.random() < 0.25
        return CarerRow(
            0,
            f"{rng.choice(HOME_NAMES)} {rng.choice(['House', 'Lodge', 'View'])} children's home",
            CarerKind.CHILDRENS_HOME,
            "PR1" if own else "PR4",
            postcode(rng) if own else postcode_elsewhere(rng, far=True),
            capacity=rng.randint(3, 6),
            urn=f"SC{rng.randint(100000, 999999)}",
        )

    def _supported(self) -> CarerRow:
        rng = self.rng
        return CarerRow(
            0,
            f"{rng.choice(SUPPORTED_NAMES)} supported accommodation",
            CarerKind.SUPPORTED_ACCOMMODATION,
            "PR4",
            self._postcode(0.5),
            capacity=rng.randint(6, 12),
        )

    def _kinship(self, community: str, family: str, child: Person | None) -> CarerRow:
        rng = self.rng
        relation = rng.choice(KIN)
        given = self.b.namer.given(community, relation.split()[-1] in {"uncle"})
        surname = child.family_name if child and rng.random() < 0.6 else family
        return CarerRow(
            0,
            f"{given} {surname} ({relation})",
            CarerKind.KINSHIP,
            "PR1",
            self._postcode(0.6),
            capacity=rng.choice([1, 2, 3]),
        )

    def carer_for(self, spec: "Spec", start: date, end: date, previous, child, home) -> CarerRow:
        """A carer for the placement, free from `start` to `end` (not the one before)."""
        kind = spec.kind
        if kind in {"kinship", "parents"}:
            return self.new(kind, child, home)
        if kind == "adopters":
            return spec.carer
        pool = self.pools[kind]
        for _ in range(6):
            carer = self.rng.choice(pool)
            if carer is not previous and carer.free(start, end):
                return carer
        return self.new(kind)

    def distance(self, home: str, there: str) -> Decimal:
        """Miles from the child's home postcode to the placement's, roughly."""
        rng = self.rng
        home_area, there_area = home.split(" ")[0], there.split(" ")[0]
        miles = rng.uniform(0.8, 4.5)
        for outward, far, _ in ELSEWHERE:
            if outward.split(" ")[0] == there_area:
                miles = far * rng.uniform(0.85, 1.2)
                break
        else:
            if home_area == there_area:
                miles = rng.uniform(0.2, 1.8)
        return Decimal(f"{miles:.1f}")

    def rows(self, rows: Rows) -> None:
        """Each carer, approved before their first placement; some pool carers have
        stopped."""
        rng, today = self.rng, self.today
        for row in self.all:
            starts = [s for s, _ in row.busy]
            first = min(starts) if starts else today - timedelta(days=rng.randint(30, 900))
            if row.kind == CarerKind.ADOPTERS:
                approved = first - timedelta(days=rng.randint(60, 400))
            elif row.kind in {CarerKind.KINSHIP, CarerKind.PARENTS}:
                approved = first
            else:
                approved = first - timedelta(days=rng.randint(30, 1500))
            ended = None
            ends = [e for _, e in row.busy]
            if row.pool and ends and max(ends) < today - timedelta(days=200) and rng.random() < 0.3:
                ended = max(ends) + timedelta(days=rng.randint(0, 60))
            fields = {name: getattr(row, name) for name in CARER_FIELDS}
            rows.put(Carer, **fields, approved_on=approved, ended_on=ended)
