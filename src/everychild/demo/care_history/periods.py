"""A period of care as the care step simulates it: its legal statuses, placements (planned
changes and moves, with the carers they need), permanence decision, adoption milestones and
how and when it ends, by the trajectory a child of that age takes."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from everychild.care.models import PermanenceOption
from everychild.care.services.leavers import birthday_on
from everychild.demo.care_history.carers import CarerRow, Carers
from everychild.organisations.models import Staff
from everychild.people.models import Person

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

FAR = date(9999, 12, 31)
# Stability: most children move at most once a year, about a tenth three times or more.
STABILITY = {"stable": 0.25, "medium": 1.0, "unstable": 3.6}  # moves a year
STABILITY_WEIGHTS = {"baby": (85, 12, 3), "child": (70, 17, 13), "teen": (50, 28, 22)}
MOVE_REASONS = (
    ["CARPL", "CREQB", "CHILD", "LAREQ", "STAND", "ALLEG", "CREQO", "OTHER", "PLACE"],
    [25, 12, 20, 8, 5, 3, 5, 4, 8],
)
# How a period goes, by age on coming into care (see _trajectory).
TRAJECTORIES = {
    "baby": (["adoption", "sgo", "home", "long", "short"], [24, 15, 20, 31, 10]),
    "little": (["adoption", "sgo", "home", "long", "short"], [12, 15, 22, 36, 15]),
    "child": (["sgo", "cao", "home", "long", "short"], [10, 5, 25, 45, 15]),
    "teen": (["home", "short", "teen", "remand"], [18, 18, 58, 6]),
    "older": (["short", "teen", "remand"], [20, 72, 8]),
}
CASEWORK_TRAJECTORIES = {"home", "short", "long", "teen", "remand"}  # cases stay open
# Age on coming into care (years, low and high) and how often (SSDA903: a fifth are babies).


@dataclass
class Spec:
    """A placement: from `day`, of `ptype`, with a carer of `kind` ("same": the one before)."""

    day: date
    ptype: str
    kind: str
    reason: str = ""  # why the placement before it ended
    carer: CarerRow | None = None
    planned: bool = False
    id: int = 0


@dataclass
class Period:
    child: Person
    start: date
    category: str
    trajectory: str
    source: str  # "casework", "new" or "historic"
    legal: list = field(default_factory=list)  # [(day, status)], the first on `start`
    specs: list = field(default_factory=list)  # [Spec], the first on `start`
    end: date | None = None
    reason: str = ""
    referral_id: int | None = None
    home_postcode: str = ""
    iro: Staff | None = None
    iro_involvement: int | None = None  # the casework step's involvement, if any
    worker: Staff | None = None  # for a period with no allocations (before the history)
    adoption: dict | None = None
    permanence: list = field(default_factory=list)  # [(day, decision)]
    emergency: bool = False
    id: int = 0
    reviews: list = field(default_factory=list)  # [(pk, held_on, chair)]
    demo: bool = False


def age_of(born: date, day: date) -> float:
    return (day - born).days / 365.25


def age_band(age: float) -> str:
    if age < 1:
        return "baby"
    if age < 5:
        return "little"
    if age < 11:
        return "child"
    if age < 16:
        return "teen"
    return "older"


class PeriodSimulator:
    def __init__(self, b: "Borough", carers: Carers):
        self.rng, self.today, self.carers = b.rng, b.today, carers

    def trajectory(self, age: float, allowed: set | None = None) -> str:
        names, weights = TRAJECTORIES[age_band(age)]
        pairs = [
            (n, w) for n, w in zip(names, weights, strict=True) if allowed is None or n in allowed
        ]
        if not pairs:
            pairs = [("teen" if age >= 13 else "long", 1)]
        choice = self.rng.choices([p[0] for p in pairs], [p[1] for p in pairs])[0]
        if choice == "long" and age >= 13:
            return "teen"
        if choice == "teen" and age < 13:
            return "long"
        return choice

    def simulate(self, period: Period, hard_end: date | None = None) -> None:
        """The period's legal statuses, placements and end (see the module's docstring)."""
        rng, child, start = self.rng, period.child, period.start
        born = child.date_of_birth
        age = age_of(born, start)
        eighteen = birthday_on(born, 18)
        trajectory = period.trajectory
        court = trajectory in {"adoption", "sgo", "cao", "home"} or (
            trajectory == "long" and (age < 5 or rng.random() < 0.7)
        )
        if trajectory == "teen" and rng.random() < 0.3:
            court = True
        # Legal statuses.
        legal: list[tuple[date, str]] = []
        if trajectory == "remand":
            legal.append((start, "J1"))
        elif period.emergency:
            first = "L1" if rng.random() < 0.65 else "L2"
            legal.append((start, first))
            days = rng.randint(1, 3) if first == "L1" else rng.randint(6, 8)
            legal.append((start + timedelta(days=days), "C1" if court else "V2"))
        elif court and rng.random() < 0.35:
            legal.append((start, "V2"))
            legal.append((start + timedelta(days=rng.randint(30, 120)), "C1"))
        else:
            legal.append((start, "C1" if court else "V2"))
        final = None
        if legal[-1][1] == "C1":
            final = legal[-1][0] + timedelta(weeks=rng.randint(18, 36))
            legal.append((final, "E1" if trajectory == "adoption" else "C2"))
        # Where the period is heading, and when it ends.
        end, reason = self._ending(period, age, eighteen, final)
        if trajectory == "adoption":
            end, reason = self._adoption(period, legal, final)
        if end > eighteen:  # nobody is looked after from their 18th birthday
            end, reason = eighteen, "eighteen"
        if hard_end is not None and (end is None or end > hard_end):
            end = max(start + timedelta(days=1), hard_end - timedelta(days=rng.randint(0, 3)))
            reason = rng.choice(["E4A", "E4A", "E4A", "E13"])
            if period.adoption:
                period.adoption = None
        if end is not None and end >= self.today:
            end, reason = None, ""
        period.end, period.reason = end, reason
        stop = min(end or self.today, self.today)
        # Placements: the first, planned changes, and moves.
        specs = self._placements(period, age, eighteen, stop, final)
        # Nothing on the first day but the start, nothing on or after the end (or today).
        period.legal = self._tidy(legal, start, stop)
        period.specs = self._tidy(specs, start, stop)
        self._permanence(period, age)
        if period.end is not None:
            period.reason = self.reason_for(period, reason)

    def _tidy(self, items: list, start: date, stop: date) -> list:
        """The first item on `start`, the rest strictly between `start` and `stop`, one a day."""
        out = [items[0]]
        for item in sorted(items[1:], key=lambda i: i[0] if isinstance(i, tuple) else i.day):
            day = item[0] if isinstance(item, tuple) else item.day
            last = out[-1][0] if isinstance(out[-1], tuple) else out[-1].day
            if day <= start or day >= stop:
                continue
            if day == last:
                out[-1] = item  # a later decision the same day replaces the earlier
                continue
            out.append(item)
        return out

    def _ending(self, period, age, eighteen, final) -> tuple[date | None, str]:
        rng, start, trajectory = self.rng, period.start, period.trajectory
        if trajectory == "short":
            return start + timedelta(days=rng.randint(3, 150)), ""
        if trajectory == "home":
            if final and rng.random() < 0.5:
                return final + timedelta(days=rng.randint(60, 200)), ""  # home under the order
            return start + timedelta(days=rng.randint(90, 400)), ""
        if trajectory in {"sgo", "cao"}:
            return (final or start + timedelta(days=rng.randint(240, 420))), ""
        if trajectory == "remand":
            return start + timedelta(days=rng.randint(7, 120)), ""
        if trajectory == "teen" and rng.random() < 0.25:
            return min(eighteen, start + timedelta(days=rng.randint(180, 720))), "early"
        return eighteen, "eighteen"

    def _adoption(self, period: Period, legal: list, final: date | None):
        """The adoption milestones (and a plan that changes, now and then)."""
        rng, start = self.rng, period.start
        order_by = period.adoption.get("deadline") if period.adoption else None
        final = final or start + timedelta(weeks=40)
        decided = min(start + timedelta(days=rng.randint(60, 150)), final - timedelta(days=30))
        adm = final - timedelta(days=rng.randint(14, 100))
        adm = min(max(adm, decided + timedelta(days=7)), final)
        # The match: mostly within the A2 threshold (121 days from the placement order).
        days = rng.randint(30, 110) if rng.random() < 0.7 else rng.randint(122, 240)
        matched = final + timedelta(days=days)
        placed = matched + timedelta(days=rng.randint(7, 35))
        # Fostering for adoption: with the adopters from early on, placed (A5) once matched.
        fostered = None
        if not order_by and rng.random() < 0.25:
            fostered = decided + timedelta(days=rng.randint(14, 60))
            matched = final + timedelta(days=rng.randint(7, 40))
            placed = matched + timedelta(days=rng.randint(1, 14))
        order = placed + timedelta(days=rng.randint(80, 300))
        if order_by and order > order_by:
            shrink = (order - order_by).days
            matched -= timedelta(days=min(shrink, (matched - final).days - 14))
            placed = matched + timedelta(days=10)
            order = max(placed + timedelta(days=75), min(order_by, placed + timedelta(days=120)))
        adopters = self.carers.new("adopters")
        milestones = {
            "decided": decided,
            "should_be_placed_on": adm,
            "placement_order_on": final,
            "matched_on": matched,
            "placed_on": placed,
            "adoption_order_on": order,
            "adopters": adopters,
            "changed": None,
            "fostered": fostered,
        }
        period.adoption = milestones
        period.permanence = [(decided, PermanenceOption.ADOPTION)]
        if not order_by and not fostered and rng.random() < 0.1:  # changed before a match
            changed = final + timedelta(days=rng.randint(60, 250))
            milestones.update(matched_on=None, placed_on=None, adoption_order_on=None)
            milestones["changed"] = changed
            legal.append((changed + timedelta(days=rng.randint(30, 90)), "C2"))
            period.permanence.append(
                (
                    changed + timedelta(days=rng.randint(14, 60)),
                    PermanenceOption.LONG_TERM_FOSTERING,
                )
            )
            period.trajectory = "long"
            return birthday_on(period.child.date_of_birth, 18), "eighteen"
        return order, rng.choice(["E11", "E11", "E12"])

    def _first_placement(self, age: float, trajectory: str) -> Spec:
        rng = self.rng
        foster = "in_house" if rng.random() < 0.55 else "agency"
        if trajectory == "remand":
            return Spec(None, "K2", "home") if rng.random() < 0.6 else Spec(None, "U6", foster)
        if age < 13:
            if rng.random() < (0.25 if trajectory == "sgo" else 0.12):
                return Spec(None, "U3", "kinship")
            return Spec(None, "U6", foster)
        roll = rng.random()
        if age >= 16 and roll < 0.2:
            return Spec(None, "K3", "supported")
        if roll < 0.4 and rng.random() < 0.45:
            return Spec(None, "K2", "home")
        if roll < 0.5:
            return Spec(None, "U3", "kinship")
        return Spec(None, "U6", foster)

    def _placements(self, period: Period, age, eighteen, stop: date, final) -> list[Spec]:
        """The first placement, then the planned changes and moves that could happen."""
        first = self._first_placement(age, period.trajectory)
        first.day = period.start
        planned, placed = self._planned(period, first, age, final)
        moves = self._moves(period, age, stop, placed)
        if period.demo:  # the demo child: one move in the first months, then a long-term match
            start, rng = period.start, self.rng
            moves = [Spec(start + timedelta(days=rng.randint(40, 70)), "", "move", "CARPL")]
            day = start + timedelta(days=rng.randint(200, 260))
            planned = [Spec(day, "LT", "match", "PLACE", planned=True)]
        return self._resolve(period.child.date_of_birth, first, planned + moves, stop)

    def _planned(self, period: Period, first: Spec, age: float, final):
        """Planned changes: a long-term match, kinship carers, home to parents, supported
        accommodation from 16, the adopters; and the day the child is placed for adoption."""
        rng, start, trajectory = self.rng, period.start, period.trajectory
        planned: list[Spec] = []
        if trajectory == "long" or (trajectory == "teen" and age < 15):
            day = start + timedelta(days=rng.randint(150, 500))
            planned.append(Spec(day, "LT", "match", "PLACE", planned=True))
        if trajectory == "sgo" and first.kind != "kinship":
            day = start + timedelta(days=rng.randint(30, 180))
            planned.append(Spec(day, "U3", "kinship", "PLACE", planned=True))
        if trajectory == "home" and period.end and final and period.end > final:
            planned.append(Spec(final, "P1", "parents", "PLACE", planned=True))
        if trajectory in {"teen", "long"} and age < 17.5:
            sixteen = birthday_on(period.child.date_of_birth, 16)
            if rng.random() < 0.4:
                day = sixteen + timedelta(days=rng.randint(0, 400))
                day = max(start + timedelta(days=30), day)
                planned.append(Spec(day, "K3", "supported", "PLACE", planned=True))
        placed = fostered = None
        if period.adoption and period.adoption.get("placed_on"):
            placed, fostered = period.adoption["placed_on"], period.adoption["fostered"]
            adopters = period.adoption["adopters"]
            if fostered:
                planned.append(Spec(fostered, "U5", "adopters", "PLACE", adopters, planned=True))
            ptype = "A5" if fostered else "A6"
            planned.append(Spec(placed, ptype, "adopters", "PLACE", adopters, planned=True))
            placed = fostered or placed  # no moves once with the adopters
        return planned, placed

    def _moves(self, period: Period, age: float, stop: date, placed) -> list[Spec]:
        """Unplanned moves, at the rate of the child's stability."""
        rng = self.rng
        band = "baby" if age < 5 else "child" if age < 13 else "teen"
        stability = rng.choices(list(STABILITY), STABILITY_WEIGHTS[band])[0]
        if period.demo:
            stability = "stable"
        rate = STABILITY[stability]
        moves = []
        day = period.start
        while True:
            day += timedelta(days=int(rng.expovariate(rate) * 365) + 1)
            if day >= stop or (placed and day >= placed):
                break
            moves.append(Spec(day, "", "move", rng.choices(*MOVE_REASONS)[0]))
        return moves

    def _resolve(self, born: date, first: Spec, changes: list[Spec], stop: date) -> list[Spec]:
        """Each change against the placement before it (a match keeps the carer)."""
        specs = [first]
        for spec in sorted(changes, key=lambda s: (s.day, not s.planned)):
            prev = specs[-1]
            if spec.day <= prev.day or spec.day >= stop:
                continue
            if prev.ptype in {"A5", "A6"}:
                break  # placed for adoption: no more moves
            if spec.ptype == "A5":  # placed with the foster-for-adoption carers
                if prev.ptype != "U5":
                    spec.ptype = "A6"
                else:
                    spec.kind = "same"
            spec_age = age_of(born, spec.day)
            if spec.kind == "match":
                if prev.ptype == "U6":
                    spec.ptype, spec.kind = "U4", "same"
                elif prev.ptype == "U3":
                    spec.ptype, spec.kind = "U1", "same"
                else:
                    continue
            elif spec.kind == "move":
                spec.ptype, spec.kind = self._move_to(prev, spec_age)
            elif spec.kind == "supported" and (spec_age < 16 or prev.ptype == "K3"):
                continue
            specs.append(spec)
        return specs

    def _move_to(self, prev: Spec, age: float) -> tuple[str, str]:
        rng = self.rng
        foster = "in_house" if rng.random() < 0.55 else "agency"
        if prev.ptype == "K2":
            if age >= 16 and rng.random() < 0.3:
                return "K3", "supported"
            return ("K2", "home") if rng.random() < 0.6 else ("U6", foster)
        if prev.ptype == "K3":
            return "K3", "supported"
        if age >= 12 and rng.random() < 0.2:
            return "K2", "home"
        if age >= 16 and rng.random() < 0.25:
            return "K3", "supported"
        if prev.ptype in {"U4", "U1"} and rng.random() < 0.3:
            return "U4", foster
        return "U6", foster

    def reason_for(self, period: Period, hint: str) -> str:
        """The SSDA903 reason the period ended, fitting how it went."""
        rng, trajectory = self.rng, period.trajectory
        last = period.specs[-1].ptype
        if hint in {"E11", "E12", "E4A", "E13"}:
            return hint
        end_age = age_of(period.child.date_of_birth, period.end)
        if hint == "eighteen" or end_age >= 17.99:
            if last in {"U1", "U3", "U4", "U6"}:
                return rng.choices(["E17", "E5", "E8", "E6"], [40, 45, 10, 5])[0]
            disabled = period.child.disabilities not in ([], ["NONE"])
            if disabled and rng.random() < 0.5:
                return "E7"
            return rng.choices(["E5", "E6", "E8"], [75, 12, 13])[0]
        if trajectory == "short":
            return rng.choices(["E4A", "E4B", "E13", "E8", "E3"], [60, 15, 15, 5, 5])[0]
        if trajectory == "home":
            return rng.choices(["E4A", "E4B", "E13"], [85, 10, 5])[0]
        if trajectory == "sgo":
            if last in {"U1", "U3"}:
                return "E45"
            return "E46" if last in {"U4", "U6"} and rng.random() < 0.5 else "E47"
        if trajectory == "cao":
            return "E41"
        if trajectory == "remand":
            return "E14" if rng.random() < 0.7 else "E9"
        if end_age >= 16:
            return rng.choices(["E5", "E13", "E4A"], [40, 30, 30])[0]
        return rng.choices(["E4A", "E13", "E4B"], [60, 30, 10])[0]

    def _permanence(self, period: Period, age: float) -> None:
        """The permanence decision, by the second review (about four months in)."""
        if period.permanence or period.trajectory in {"short", "remand"}:
            return
        day = period.start + timedelta(days=self.rng.randint(100, 170))
        if day >= min(period.end or FAR, self.today):
            return
        decision = {
            "sgo": PermanenceOption.KINSHIP,
            "cao": PermanenceOption.KINSHIP,
            "home": PermanenceOption.RETURN_HOME,
            "long": PermanenceOption.LONG_TERM_FOSTERING,
        }.get(period.trajectory)
        if decision is None:  # a teenager
            types = {s.ptype for s in period.specs}
            if "K3" in types or age >= 16:
                decision = PermanenceOption.INDEPENDENCE
            elif "K2" in types:
                decision = PermanenceOption.RESIDENTIAL
            else:
                decision = PermanenceOption.LONG_TERM_FOSTERING
        period.permanence = [(day, decision)]
