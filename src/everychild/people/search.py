"""Person search: by name (tolerant of typos and transliteration), date of birth, NHS number
or UPN, ranked by how well each person matches.

Two steps. First, find candidates cheaply through indexes: exact identifiers; names whose
consonant skeletons (people.names.skeleton) match; people born on the date given or on its
day/month swap; and, on PostgreSQL, names whose trigrams are similar (pg_trgm, GIN index).
Then score every candidate in Python with the same function on every database, so ranking
does not depend on the backend: Jaro-Winkler similarity of given and family names (over all
of a person's names, either order), plus agreement of date of birth and identifiers.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db import connection
from django.db.models import Q
from rapidfuzz.distance import OSA, JaroWinkler

from everychild.people.models import Person, PersonName
from everychild.people.names import normalise, skeleton

NAME_FIELDS = (
    "person_id",
    "kind",
    "given_name",
    "family_name",
    "given_norm",
    "family_norm",
    "given_key",
    "family_key",
)
NAME_CANDIDATES = 600
DATE_CANDIDATES = 300
TRIGRAM_CANDIDATES = 150
STRONG_MATCH = 6.0  # both names close, or one name and the date of birth: no fallback needed


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    upn: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.text.strip() or self.date_of_birth or self.nhs_number or self.upn)


@dataclass
class Match:
    person_id: int
    score: float
    reasons: list[str] = field(default_factory=list)
    matched_name: str = ""


@dataclass(frozen=True)
class _ParsedName:
    given: str
    family: str

    @cached_property
    def keys(self) -> tuple[str, str]:
        return skeleton(self.given), skeleton(self.family)


def _readings(text: str) -> list[_ParsedName]:
    """The ways to read typed words as (given, family): either order, as people type both."""
    tokens = normalise(text).split()
    if not tokens:
        return []
    if len(tokens) == 1:
        return [_ParsedName("", tokens[0])]
    return [
        _ParsedName(" ".join(tokens[:-1]), tokens[-1]),
        _ParsedName(" ".join(tokens[1:]), tokens[0]),
    ]


def _swapped(day: date) -> date | None:
    try:
        swapped = day.replace(month=day.day, day=day.month)
    except ValueError:
        return None
    return swapped if swapped != day else None


# ---- candidates ------------------------------------------------------------------------


def _name_candidates(readings: list[_ParsedName]) -> set[int]:
    """People with a name whose skeletons agree with the typed name (one indexed query)."""
    blocks = Q()
    for reading in readings:
        kg, kf = reading.keys
        if not reading.given:
            blocks |= Q(family_key=kf) | Q(given_key=kf)
            continue
        blocks |= Q(family_key=kf, given_key=kg)
        # One name's skeleton agrees and the other starts the same: a slip in the other.
        blocks |= Q(family_key=kf, given_norm__startswith=reading.given[:2])
        blocks |= Q(given_key=kg, family_norm__startswith=reading.family[:2])
    names = PersonName.objects.filter(blocks).values_list("person_id", flat=True)
    return set(names[:NAME_CANDIDATES])


def _trigram_candidates(text: str) -> set[int]:
    """PostgreSQL only: names sharing many trigrams with the typed name (GIN index)."""
    if connection.vendor != "postgresql":
        return set()
    from django.contrib.postgres.search import TrigramSimilarity

    query = normalise(text)
    return set(
        PersonName.objects.filter(full_norm__trigram_similar=query)
        .annotate(similarity=TrigramSimilarity("full_norm", query))
        .order_by("-similarity")
        .values_list("person_id", flat=True)[:TRIGRAM_CANDIDATES]
    )


def _candidates(query: SearchQuery) -> set[int]:
    """The cheap candidates: identifiers, name skeletons and the date of birth."""
    identifiers = Q(pk__in=[])
    if query.nhs_number:
        identifiers |= Q(nhs_number=query.nhs_number)
    if query.upn:
        identifiers |= Q(upn=query.upn)
    if query.date_of_birth:
        days = [d for d in (query.date_of_birth, _swapped(query.date_of_birth)) if d]
        identifiers |= Q(date_of_birth__in=days)
    ids: set[int] = set()
    if query.nhs_number or query.upn or query.date_of_birth:
        found = Person.objects.filter(identifiers).values_list("pk", flat=True)
        ids.update(found[:DATE_CANDIDATES])
    if query.text.strip():
        ids |= _name_candidates(_readings(query.text))
    return ids


# ---- scoring ---------------------------------------------------------------------------
#
# Each field's agreement is graded, and each grade carries a weight: positive where that
# agreement is much likelier for the same child than for two different children, negative
# where disagreement is. This is the Fellegi-Sunter scheme that record-linkage tools such
# as Splink estimate from data; the weights here are set by hand and checked against the
# synthetic borough (bench/search.py). A match's score is the sum of its weights.

NAME_WEIGHTS = {"exact": 3.0, "variant": 2.5, "close": 2.0, "similar": 1.0, "different": -1.5}
FAMILY_FACTOR = 1.2  # family names tell children apart a little better than given names
DATE_WEIGHTS = {
    "exact": (4.0, "date of birth matches"),
    "swapped": (2.5, "date of birth matches with day and month swapped"),
    "one_part": (1.0, "date of birth differs in one part"),
    "different": (-3.0, ""),
}
IDENTIFIER_MATCH, IDENTIFIER_MISMATCH = 6.0, -3.0
MIN_SCORE = 2.5  # below this a candidate is not worth showing


def name_grade(typed: str, stored: str, typed_key: str = "", stored_key: str = "") -> str:
    """How well a typed name agrees with a stored one (keys: their skeletons, if known)."""
    if not typed or not stored:
        return "different"
    if typed == stored:
        return "exact"
    typed_key = typed_key or skeleton(typed)
    first_word = stored.split(" ", 1)[0]
    if len(typed_key) > 1:
        if typed_key == (stored_key or skeleton(stored)):
            return "variant"
        if first_word != stored and typed_key == skeleton(first_word):
            return "variant"
    similarity = JaroWinkler.similarity(typed, stored)
    if first_word != stored:
        similarity = max(similarity, JaroWinkler.similarity(typed, first_word))
    # Jaro-Winkler is harsh on short names ("lei"/"li"): one slip of the keyboard is close too.
    if similarity >= 0.9 or OSA.distance(typed, stored, score_cutoff=1) <= 1:
        return "close"
    if similarity >= 0.8:
        return "similar"
    return "different"


def name_score(reading: _ParsedName, name: dict) -> float:
    """Points for a typed reading against a stored name row (norms and keys)."""
    kg, kf = reading.keys
    family = name_grade(reading.family, name["family_norm"], kf, name["family_key"])
    if not reading.given:
        # One word typed: it may be either name.
        given = name_grade(reading.family, name["given_norm"], kf, name["given_key"])
        return FAMILY_FACTOR * max(NAME_WEIGHTS[family], NAME_WEIGHTS[given])
    given = name_grade(reading.given, name["given_norm"], kg, name["given_key"])
    return NAME_WEIGHTS[given] + FAMILY_FACTOR * NAME_WEIGHTS[family]


def best_name(readings: list[_ParsedName], names: list[dict]) -> tuple[float, dict | None]:
    """The best points any reading scores against any of a person's names."""
    best, best_row = float("-inf"), None
    for name in names:
        for order, reading in enumerate(readings):
            points = name_score(reading, name) - 0.1 * order  # the typed order is likelier
            if points > best:
                best, best_row = points, name
    return best, best_row


def date_grade(typed: date, stored: date) -> str:
    if typed == stored:
        return "exact"
    if _swapped(typed) == stored:
        return "swapped"
    same_parts = (typed.year == stored.year) + (typed.month == stored.month)
    same_parts += typed.day == stored.day
    return "one_part" if same_parts == 2 else "different"


def score(query: SearchQuery, person: dict, names: list[dict]) -> Match | None:
    match = Match(person_id=person["pk"], score=0.0)
    readings = _readings(query.text)
    if readings:
        best, row = best_name(readings, names)
        match.score += best
        if row is not None and best > 0:
            match.reasons.append("name matches" if best >= 6.5 else "name is similar")
            if row["kind"] != "current":
                match.matched_name = f"{row['given_name']} {row['family_name']}".strip()
    if query.date_of_birth and person["date_of_birth"]:
        points, reason = DATE_WEIGHTS[date_grade(query.date_of_birth, person["date_of_birth"])]
        match.score += points
        if reason:
            match.reasons.append(reason)
    for key, label in (("nhs_number", "NHS number"), ("upn", "UPN")):
        typed = getattr(query, key)
        if typed and person[key] == typed:
            match.score += IDENTIFIER_MATCH
            match.reasons.append(f"{label} matches")
        elif typed and person[key]:
            match.score += IDENTIFIER_MISMATCH
    return match if match.score >= MIN_SCORE else None


def _score_all(query: SearchQuery, ids: set[int], people) -> tuple[list[Match], dict]:
    if not ids:
        return [], {}
    found = {
        p["pk"]: p
        for p in people.filter(pk__in=ids).values(
            "pk", "date_of_birth", "nhs_number", "upn", "family_name"
        )
    }
    names: dict[int, list[dict]] = {}
    for name in PersonName.objects.filter(person_id__in=found.keys()).values(*NAME_FIELDS):
        names.setdefault(name["person_id"], []).append(name)
    matches = [m for pk, person in found.items() if (m := score(query, person, names.get(pk, [])))]
    return matches, found


def rank(query: SearchQuery, limit: int, people=None) -> list[Match]:
    """The best `limit` matches for `query` among `people` (a queryset; default everyone).

    Callers pass the access policy's queryset, so nobody is ranked who may not be shown.
    Trigram candidates (PostgreSQL) are sought only when the cheap ones match weakly: a
    typed name so far from every spelling on record that no skeleton agrees.
    """
    people = people if people is not None else Person.objects.all()
    ids = _candidates(query)
    matches, found = _score_all(query, ids, people)
    weak = not matches or max(m.score for m in matches) < STRONG_MATCH
    if weak and query.text.strip():
        extra = _trigram_candidates(query.text) - ids
        more, more_found = _score_all(query, extra, people)
        matches += more
        found |= more_found
    matches.sort(key=lambda m: (-m.score, found[m.person_id]["family_name"], m.person_id))
    return matches[:limit]
