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

from django.db import connection
from django.db.models import Q
from rapidfuzz.distance import JaroWinkler

from everychild.people.models import Person, PersonName
from everychild.people.names import normalise, skeleton

CANDIDATES_PER_BLOCK = 300
TRIGRAM_CANDIDATES = 150
MIN_NAME_SCORE = 0.72


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

    @property
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
    ids: set[int] = set()
    names = PersonName.objects.values_list("person_id", flat=True)
    for reading in readings:
        kg, kf = reading.keys
        if not reading.given:
            block = Q(family_key=kf) | Q(given_key=kf)
            ids.update(names.filter(block)[:CANDIDATES_PER_BLOCK])
            continue
        ids.update(names.filter(family_key=kf, given_key=kg)[:CANDIDATES_PER_BLOCK])
        ids.update(
            names.filter(family_key=kf, given_norm__startswith=reading.given[:2])[
                :CANDIDATES_PER_BLOCK
            ]
        )
        ids.update(
            names.filter(given_key=kg, family_norm__startswith=reading.family[:2])[
                :CANDIDATES_PER_BLOCK
            ]
        )
    return ids


def _trigram_candidates(text: str) -> set[int]:
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
    ids: set[int] = set()
    if query.nhs_number:
        ids.update(Person.objects.filter(nhs_number=query.nhs_number).values_list("pk", flat=True))
    if query.upn:
        ids.update(Person.objects.filter(upn=query.upn).values_list("pk", flat=True))
    if query.text.strip():
        ids |= _name_candidates(_readings(query.text))
        ids |= _trigram_candidates(query.text)
    if query.date_of_birth:
        days = [d for d in (query.date_of_birth, _swapped(query.date_of_birth)) if d]
        ids.update(
            Person.objects.filter(date_of_birth__in=days).values_list("pk", flat=True)[
                :CANDIDATES_PER_BLOCK
            ]
        )
    return ids


# ---- scoring ---------------------------------------------------------------------------


def _similarity(typed: str, stored: str) -> float:
    if not typed or not stored:
        return 0.0
    score = JaroWinkler.similarity(typed, stored)
    first_word = stored.split(" ", 1)[0]
    if first_word != stored:
        score = max(score, 0.97 * JaroWinkler.similarity(typed, first_word))
    if skeleton(typed) == skeleton(stored) and len(skeleton(typed)) > 1:
        score = max(score, 0.93)
    return score


def name_score(reading: _ParsedName, given_norm: str, family_norm: str) -> float:
    family = _similarity(reading.family, family_norm)
    if not reading.given:
        # One word typed: it may be either name.
        return 0.9 * max(family, _similarity(reading.family, given_norm))
    return 0.45 * _similarity(reading.given, given_norm) + 0.55 * family


def _date_score(typed: date, stored: date | None) -> tuple[float, str]:
    if stored is None:
        return 0.0, ""
    if typed == stored:
        return 0.35, "date of birth matches"
    if _swapped(typed) == stored:
        return 0.25, "date of birth matches with day and month swapped"
    parts_equal = sum(
        (typed.year == stored.year, typed.month == stored.month, typed.day == stored.day)
    )
    if parts_equal == 2:
        return 0.12, "date of birth differs in one part"
    return -0.3, ""


def score(query: SearchQuery, person: dict, names: list[dict]) -> Match | None:
    readings = _readings(query.text)
    match = Match(person_id=person["pk"], score=0.0)
    if readings:
        best, best_name = 0.0, None
        for name in names:
            for order, reading in enumerate(readings):
                s = name_score(reading, name["given_norm"], name["family_norm"])
                s *= 1.0 if order == 0 else 0.98
                if s > best:
                    best, best_name = s, name
        identified = query.nhs_number or query.upn
        # Only an identifier or an exact date of birth may carry a weaker name.
        born_that_day = query.date_of_birth and person["date_of_birth"] == query.date_of_birth
        if best < MIN_NAME_SCORE and not (identified or born_that_day):
            return None
        match.score += best
        if best_name is not None:
            match.reasons.append("name matches" if best > 0.99 else "name is similar")
            if best_name["kind"] != "current":
                match.matched_name = f"{best_name['given_name']} {best_name['family_name']}".strip()
    if query.date_of_birth:
        points, reason = _date_score(query.date_of_birth, person["date_of_birth"])
        match.score += points
        if reason:
            match.reasons.append(reason)
    for key, label in (("nhs_number", "NHS number"), ("upn", "UPN")):
        typed = getattr(query, key)
        if typed:
            if person[key] == typed:
                match.score += 1.0
                match.reasons.append(f"{label} matches")
            elif person[key]:
                match.score -= 0.5
    return match


def rank(query: SearchQuery, limit: int, people=None) -> list[Match]:
    """The best `limit` matches for `query` among `people` (a queryset; default everyone).

    Callers pass the access policy's queryset, so nobody is ranked who may not be shown.
    """
    ids = _candidates(query)
    if not ids:
        return []
    people = {
        p["pk"]: p
        for p in (people if people is not None else Person.objects)
        .filter(pk__in=ids)
        .values("pk", "date_of_birth", "nhs_number", "upn", "family_name", "given_name")
    }
    names: dict[int, list[dict]] = {}
    for name in PersonName.objects.filter(person_id__in=ids).values(
        "person_id", "kind", "given_name", "family_name", "given_norm", "family_norm"
    ):
        names.setdefault(name["person_id"], []).append(name)
    matches = [
        m
        for pk, person in people.items()
        if (m := score(query, person, names.get(pk, []))) is not None
    ]
    matches.sort(
        key=lambda m: (-m.score, people[m.person_id]["family_name"], people[m.person_id]["pk"])
    )
    return matches[:limit]
