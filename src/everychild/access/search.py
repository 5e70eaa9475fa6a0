"""Finding a child in the person index, as the access policy lets this user: every match they
may know exists, with the full record's details only where they may see it. Audited."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from everychild import access, audit
from everychild.core.errors import DomainError
from everychild.people import identifiers
from everychild.people.models import Person, PersonAddress
from everychild.people.search import Match, SearchQuery, rank


@dataclass
class SearchResult:
    child: Person
    score: float
    reasons: list[str]
    matched_name: str
    full_access: bool
    postcode: str = ""  # only where the user may see the full record


def _clean_query(query: SearchQuery) -> SearchQuery:
    if query.is_empty:
        raise DomainError("Enter a name, date of birth, NHS number or UPN.", field="text")
    nhs_number, upn = query.nhs_number, query.upn
    try:
        nhs_number = identifiers.clean_nhs_number(nhs_number) if nhs_number else ""
    except ValueError as error:
        raise DomainError(str(error), field="nhs_number") from error
    try:
        upn = identifiers.clean_upn(upn) if upn else ""
    except ValueError as error:
        raise DomainError(str(error), field="upn") from error
    if query.date_of_birth and query.date_of_birth > timezone.localdate():
        raise DomainError("The date of birth cannot be in the future.", field="date_of_birth")
    return SearchQuery(query.text.strip(), query.date_of_birth, nhs_number, upn)


def person_search(*, user, query: SearchQuery, limit: int | None = None) -> list[SearchResult]:
    """Children matching `query` that `user` may at least know exist, best first."""
    query = _clean_query(query)
    limit = limit or settings.EVERYCHILD["SEARCH_RESULTS"]
    matches: list[Match] = rank(query, limit, access.children_visible_to(user, "view_minimal"))
    children = Person.objects.in_bulk([m.person_id for m in matches])
    viewable = set(
        access.children_visible_to(user, "view")
        .filter(pk__in=children.keys())
        .values_list("pk", flat=True)
    )
    postcodes = dict(
        PersonAddress.objects.filter(person_id__in=viewable, moved_out__isnull=True).values_list(
            "person_id", "address__postcode"
        )
    )
    audit.record(
        actor=user,
        verb="searched",
        payload={
            "text": query.text,
            "date_of_birth": query.date_of_birth,
            "nhs_number": query.nhs_number,
            "upn": query.upn,
            "results": [m.person_id for m in matches],
        },
    )
    return [
        SearchResult(
            child=children[m.person_id],
            score=round(m.score, 3),
            reasons=m.reasons,
            matched_name=m.matched_name,
            full_access=m.person_id in viewable,
            postcode=postcodes.get(m.person_id, ""),
        )
        for m in matches
    ]
