"""Matching a child as another agency knows them to the person index.

A partner's concern names a child as that agency knows them: names (perhaps misspelt or
transliterated differently), a date of birth or an age, an address, and sometimes an NHS
number or UPN. `match_identity` finds the person they most likely mean and says how sure it
is: a confident match is linked automatically; an uncertain one is offered to the front
door as candidates with the reasons for each; otherwise the child is not known.

Scoring is the person search's (people.search: graded agreement, summed weights) plus the
fields a concern adds: address, age, sex. Candidates come from the same blocks as search:
identifiers, date of birth, name skeletons, postcode. `IdentityIndex` holds those blocks in
memory so that a file of thousands of concerns is matched without a query per row; both
paths score with `score_identity`, so a concern is matched the same way however it arrives.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import Q

from everychild.core.calendar import age_in_years
from everychild.people.identifiers import normalise_postcode
from everychild.people.models import Person, PersonAddress, PersonKind, PersonName
from everychild.people.names import normalise
from everychild.people.search import (
    DATE_WEIGHTS,
    NAME_FIELDS,
    _ParsedName,
    _readings,
    _swapped,
    best_name,
    date_grade,
)

LINK_SCORE = 9.0  # names close, and date of birth or address or an identifier agreeing
LINK_MARGIN = 3.0  # ...and clearly better than the next person
CANDIDATE_SCORE = 3.0
MAX_CANDIDATES = 5

POSTCODE_CURRENT, POSTCODE_PREVIOUS = 2.0, 1.0
AGE_AGREES, AGE_DISAGREES = 1.0, -2.0
SEX_AGREES, SEX_DISAGREES = 0.3, -2.0
NHS_AGREES, NHS_DISAGREES = 8.0, -4.0
UPN_AGREES, UPN_DISAGREES = 6.0, -3.0


@dataclass(frozen=True)
class Identity:
    """A child as the referring agency knows them."""

    given_name: str = ""
    family_name: str = ""
    other_names: tuple[str, ...] = ()
    date_of_birth: date | None = None
    age: int | None = None
    gender: str = ""  # M, F or U
    postcode: str = ""
    nhs_number: str = ""
    upn: str = ""
    known_on: date | None = None  # when the agency gave the age

    @cached_property
    def readings(self) -> list[_ParsedName]:
        """The typed names' readings, worked out once however many people they are scored
        against."""
        given, family = normalise(self.given_name), normalise(self.family_name)
        typed = []
        if given and family:
            # The names as the agency gave them, then the other way round: a family name of
            # two words ("Garcia Lopez", "Nguyen Thi") stays whole.
            typed += [_ParsedName(given, family), _ParsedName(family, given)]
        typed += [r for r in _readings(f"{given} {family}") if r not in typed]
        for other in self.other_names:
            words = normalise(other).split()
            if len(words) == 1 and self.family_name:
                typed.append(_ParsedName(words[0], normalise(self.family_name)))
            elif words:
                typed += _readings(other)
        return typed


@dataclass
class Candidate:
    person_id: int
    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass
class MatchResult:
    linked: int | None  # the person confidently matched, if any
    candidates: list[Candidate]  # best first, for the front door to check

    @property
    def outcome(self) -> str:
        if self.linked is not None:
            return "linked"
        return "candidates" if self.candidates else "new_person"

    @property
    def score(self) -> float | None:
        return self.candidates[0].score if self.candidates else None


def _postcode_key(postcode: str) -> str:
    return normalise_postcode(postcode)


@dataclass
class _PersonFacts:
    date_of_birth: date | None
    gender: str
    nhs_number: str
    upn: str
    postcodes: dict[str, bool] = field(default_factory=dict)  # postcode -> is current
    names: list[dict] = field(default_factory=list)


def score_identity(identity: Identity, facts: _PersonFacts, person_id: int) -> Candidate:
    candidate = Candidate(person_id=person_id, score=0.0)
    readings = identity.readings
    if readings:
        points, row = best_name(readings, facts.names)
        candidate.score += points
        if row is not None and points > 0:
            candidate.reasons.append("names match" if points >= 6.5 else "names are similar")
    if identity.date_of_birth and facts.date_of_birth:
        points, reason = DATE_WEIGHTS[date_grade(identity.date_of_birth, facts.date_of_birth)]
        candidate.score += points
        if reason:
            candidate.reasons.append(reason)
    elif identity.age is not None and facts.date_of_birth and identity.known_on:
        actual = age_in_years(facts.date_of_birth, identity.known_on)
        if actual == identity.age:
            candidate.score += AGE_AGREES
            candidate.reasons.append("age matches")
        elif abs(actual - identity.age) > 1:
            candidate.score += AGE_DISAGREES
    if identity.postcode:
        current = facts.postcodes.get(_postcode_key(identity.postcode))
        if current is True:
            candidate.score += POSTCODE_CURRENT
            candidate.reasons.append("postcode matches the current address")
        elif current is False:
            candidate.score += POSTCODE_PREVIOUS
            candidate.reasons.append("postcode matches a previous address")
    if identity.gender in {"M", "F"} and facts.gender in {"M", "F"}:
        agrees = identity.gender == facts.gender
        candidate.score += SEX_AGREES if agrees else SEX_DISAGREES
    for typed, stored, label, (agree, disagree) in (
        (identity.nhs_number, facts.nhs_number, "NHS number", (NHS_AGREES, NHS_DISAGREES)),
        (identity.upn, facts.upn, "UPN", (UPN_AGREES, UPN_DISAGREES)),
    ):
        if typed and stored:
            candidate.score += agree if typed == stored else disagree
            if typed == stored:
                candidate.reasons.append(f"{label} matches")
    return candidate


def decide(candidates: list[Candidate]) -> MatchResult:
    """Link only a strong match clearly ahead of the rest; offer the plausible ones."""
    ranked = sorted(
        (c for c in candidates if c.score >= CANDIDATE_SCORE),
        key=lambda c: (-c.score, c.person_id),
    )
    top = ranked[:MAX_CANDIDATES]
    if top and top[0].score >= LINK_SCORE:
        runner_up = top[1].score if len(top) > 1 else float("-inf")
        if top[0].score - runner_up >= LINK_MARGIN:
            return MatchResult(linked=top[0].person_id, candidates=top)
    return MatchResult(linked=None, candidates=top)


# ---- one identity at a time, from the database --------------------------------------------


def _children():
    return Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN])


def _candidate_ids(identity: Identity) -> set[int]:
    from everychild.people.search import _name_candidates

    blocks = Q(pk__in=[])
    if identity.nhs_number:
        blocks |= Q(nhs_number=identity.nhs_number)
    if identity.upn:
        blocks |= Q(upn=identity.upn)
    if identity.date_of_birth:
        days = [d for d in (identity.date_of_birth, _swapped(identity.date_of_birth)) if d]
        blocks |= Q(date_of_birth__in=days)
    ids = set(_children().filter(blocks).values_list("pk", flat=True)[:300])
    ids |= _name_candidates(identity.readings)
    if identity.postcode:
        ids |= set(
            # Previous addresses too: agencies' records are often out of date.
            PersonAddress.objects.filter(
                address__postcode=normalise_postcode(identity.postcode)
            ).values_list("person_id", flat=True)[:300]
        )
    # No trigram fallback here, unlike person search: a concern must be matched the same way
    # whether it arrives on a form or in a file (IdentityIndex has no trigrams).
    return ids


def _facts_for(ids: set[int]) -> dict[int, _PersonFacts]:
    facts = {
        p["pk"]: _PersonFacts(p["date_of_birth"], p["gender"], p["nhs_number"], p["upn"])
        for p in _children()
        .filter(pk__in=ids)
        .values("pk", "date_of_birth", "gender", "nhs_number", "upn")
    }
    for name in PersonName.objects.filter(person_id__in=facts.keys()).values(*NAME_FIELDS):
        facts[name["person_id"]].names.append(name)
    for person_id, postcode, moved_out in PersonAddress.objects.filter(
        person_id__in=facts.keys()
    ).values_list("person_id", "address__postcode", "moved_out"):
        known = facts[person_id].postcodes
        known[_postcode_key(postcode)] = known.get(_postcode_key(postcode)) or moved_out is None
    return facts


def match_identity(identity: Identity) -> MatchResult:
    facts = _facts_for(_candidate_ids(identity))
    return decide([score_identity(identity, f, pk) for pk, f in facts.items()])


# ---- many identities at once, from memory -------------------------------------------------


class IdentityIndex:
    """Every child's matching facts and blocking keys in memory, for bulk matching.

    Built once per import (a second or two for 60,000 children); the blocks mirror
    `_candidate_ids` so a concern is matched the same way however it arrives.
    """

    def __init__(self):
        self.facts: dict[int, _PersonFacts] = {}
        self.by_keys: dict[tuple[str, str], set[int]] = defaultdict(set)
        # (family skeleton, first two letters of the given name) and the other way round.
        self.by_family: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.by_given: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.by_one_key: dict[str, set[int]] = defaultdict(set)  # either name's skeleton
        self.by_date: dict[date, set[int]] = defaultdict(set)
        self.by_nhs: dict[str, int] = {}
        self.by_upn: dict[str, int] = {}
        self.by_postcode: dict[str, set[int]] = defaultdict(set)
        for pk, born, gender, nhs, upn in _children().values_list(
            "pk", "date_of_birth", "gender", "nhs_number", "upn"
        ):
            self.facts[pk] = _PersonFacts(born, gender, nhs, upn)
            if born:
                self.by_date[born].add(pk)
            if nhs:
                self.by_nhs[nhs] = pk
            if upn:
                self.by_upn[upn] = pk
        for name in PersonName.objects.filter(person_id__in=_children().values("pk")).values(
            *NAME_FIELDS
        ):
            self.facts[name["person_id"]].names.append(name)
            self._index_name(name["person_id"], name)
        for pk, postcode, moved_out in PersonAddress.objects.filter(
            person_id__in=self.facts.keys()
        ).values_list("person_id", "address__postcode", "moved_out"):
            key = _postcode_key(postcode)
            known = self.facts[pk].postcodes
            known[key] = known.get(key) or moved_out is None
            self.by_postcode[key].add(pk)  # previous addresses too, as in _candidate_ids

    def add(self, person_id: int, identity: Identity) -> None:
        """Index a child just created (so later rows of the same file can match them)."""
        from everychild.people.names import search_keys

        keys = search_keys(identity.given_name, identity.family_name)
        name = {
            "person_id": person_id,
            "kind": "current",
            **keys,
            "given_name": identity.given_name,
            "family_name": identity.family_name,
        }
        facts = _PersonFacts(
            identity.date_of_birth, identity.gender, identity.nhs_number, identity.upn, names=[name]
        )
        if identity.postcode:
            facts.postcodes[_postcode_key(identity.postcode)] = True
            self.by_postcode[_postcode_key(identity.postcode)].add(person_id)
        self.facts[person_id] = facts
        self._index_name(person_id, name)
        if identity.date_of_birth:
            self.by_date[identity.date_of_birth].add(person_id)
        if identity.nhs_number:
            self.by_nhs[identity.nhs_number] = person_id
        if identity.upn:
            self.by_upn[identity.upn] = person_id

    def _index_name(self, pk: int, name: dict) -> None:
        given_key, family_key = name["given_key"], name["family_key"]
        self.by_keys[(given_key, family_key)].add(pk)
        self.by_family[(family_key, name["given_norm"][:2])].add(pk)
        self.by_given[(given_key, name["family_norm"][:2])].add(pk)
        self.by_one_key[family_key].add(pk)
        self.by_one_key[given_key].add(pk)

    def _candidate_ids(self, identity: Identity) -> set[int]:
        ids: set[int] = set()
        for typed, index in ((identity.nhs_number, self.by_nhs), (identity.upn, self.by_upn)):
            if typed and typed in index:
                ids.add(index[typed])
        if identity.date_of_birth:
            ids |= self.by_date.get(identity.date_of_birth, set())
            swapped = _swapped(identity.date_of_birth)
            if swapped:
                ids |= self.by_date.get(swapped, set())
        for reading in identity.readings:
            kg, kf = reading.keys
            if not reading.given:
                ids |= self.by_one_key.get(kf, set())
                continue
            ids |= self.by_keys.get((kg, kf), set())
            ids |= self.by_family.get((kf, reading.given[:2]), set())
            ids |= self.by_given.get((kg, reading.family[:2]), set())
        if identity.postcode:
            ids |= self.by_postcode.get(_postcode_key(identity.postcode), set())
        return ids

    def match(self, identity: Identity) -> MatchResult:
        facts = self.facts
        candidates = [
            score_identity(identity, facts[pk], pk) for pk in self._candidate_ids(identity)
        ]
        return decide(candidates)
