"""Reads of the person index for pages and the API. Each applies the access policy and
records the read in the audit log."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import SOCIAL_CARE_KINDS, Involvement, RecordRestriction
from everychild.access.selectors import Professional, professionals_involved
from everychild.core.errors import DomainError
from everychild.people import identifiers
from everychild.people.models import (
    INVERSE_LABELS,
    NameKind,
    Person,
    PersonAddress,
    Relationship,
)
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


# ---- the child's record -----------------------------------------------------------------


@dataclass
class HouseholdMember:
    person: Person
    relationship: str
    lives_with_child: bool
    parental_responsibility: bool


@dataclass
class ChildRecord:
    child: Person
    other_names: list
    current_address: PersonAddress | None
    previous_addresses: list[PersonAddress]
    household: list[HouseholdMember]
    professionals: list[Professional]
    flags: list[str]
    restricted: bool


@dataclass
class MinimalView:
    child: Person
    known_to_social_care: bool
    lead_professional: Professional | None


def _current_address(child: Person) -> PersonAddress | None:
    return child.addresses.select_related("address").filter(moved_out__isnull=True).first()


def household_of(
    child: Person, today: date | None = None, address: PersonAddress | None = None
) -> list[HouseholdMember]:
    """Relatives (either direction) and anyone else living at the child's address (the
    child's current address, looked up unless given)."""
    today = today or timezone.localdate()
    address = address or _current_address(child)
    co_resident_ids = set()
    if address:
        co_resident_ids = set(
            PersonAddress.objects.filter(address_id=address.address_id, moved_out__isnull=True)
            .exclude(person_id=child.pk)
            .values_list("person_id", flat=True)
        )
    members: dict[int, HouseholdMember] = {}
    relationships = Relationship.objects.filter(
        Q(from_person=child) | Q(to_person=child),
        Q(ended_on__isnull=True) | Q(ended_on__gte=today),
    ).select_related("from_person", "to_person")
    for rel in relationships:
        if rel.to_person_id == child.pk:
            other, label = rel.from_person, rel.get_kind_display()
        else:
            other, label = rel.to_person, INVERSE_LABELS[rel.kind]
        members[other.pk] = HouseholdMember(
            person=other,
            relationship=label,
            lives_with_child=other.pk in co_resident_ids,
            parental_responsibility=rel.parental_responsibility and rel.to_person_id == child.pk,
        )
    for person in Person.objects.filter(pk__in=co_resident_ids - members.keys()):
        members[person.pk] = HouseholdMember(person, "Lives at the same address", True, False)
    return sorted(
        members.values(),
        key=lambda m: (not m.lives_with_child, m.person.date_of_birth or date.min),
    )


def _flags(child: Person, restricted: bool) -> list[str]:
    flags = []
    if restricted:
        flags.append("Restricted record")
    if not child.identity_verified:
        flags.append("Identity not verified")
    if child.interpreter_needed:
        flags.append("Interpreter needed")
    if child.disabilities and child.disabilities != ["NONE"]:
        flags.append("Disabled")
    if child.date_of_birth_estimated:
        flags.append("Date of birth estimated")
    if child.died_on:
        flags.append("Died")
    return flags


def _is_restricted(child: Person) -> bool:
    try:
        return child.restriction is not None  # fetched with the child where the page can
    except RecordRestriction.DoesNotExist:
        return False


def child_record(
    *, user, child_id: int, reason: str = "", child: Person | None = None
) -> ChildRecord:
    """The child's page: who they are, flags, household and professionals. Audited.

    `child` saves fetching the person again when the caller already has them.
    """
    if child is None or child.pk != child_id:
        child = Person.objects.filter(pk=child_id).select_related("restriction").first()
    if child is None or not child.is_child:
        raise DomainError("There is no child with that reference.")
    access.require(user, "view", child)
    restricted = _is_restricted(child)
    addresses = list(child.addresses.select_related("address"))
    current = next((a for a in addresses if a.moved_out is None), None)
    record = ChildRecord(
        child=child,
        other_names=list(child.names.exclude(kind=NameKind.CURRENT).order_by("kind")),
        current_address=current,
        previous_addresses=[a for a in addresses if a is not current],
        household=household_of(child, address=current),
        professionals=professionals_involved(child),
        flags=_flags(child, restricted),
        restricted=restricted,
    )
    audit.record(actor=user, verb="viewed", obj=child, child=child, reason=reason)
    return record


def minimal_view(*, user, child_id: int) -> MinimalView:
    """What any partner may know: is the child known to CSC, and who to call. Audited."""
    child = Person.objects.filter(pk=child_id).first()
    if child is None or not child.is_child:
        raise DomainError("There is no child with that reference.")
    access.require(user, "view_minimal", child)
    professionals = professionals_involved(child)
    known = any(p.involvement.kind in SOCIAL_CARE_KINDS for p in professionals)
    lead = next(
        (p for p in professionals if p.involvement.kind == "lead_professional"),
        next((p for p in professionals if p.involvement.kind == "allocated_worker"), None),
    )
    audit.record(actor=user, verb="viewed_minimal", obj=child, child=child)
    return MinimalView(child=child, known_to_social_care=known, lead_professional=lead)


# ---- home pages ---------------------------------------------------------------------------


@dataclass
class CaseloadRow:
    child: Person
    involvement: str
    since: date | None
    with_whom: str


def caseload_for(*, user, team_wide: bool = False) -> list[CaseloadRow]:
    """Children the user (or, with team_wide, any of their teams) is currently involved with."""
    involvements = Involvement.objects.current().filter(
        child__in=access.children_visible_to(user, "view")
    )
    if team_wide:
        involvements = involvements.filter(
            team__memberships__staff=user, team__memberships__ended_on__isnull=True
        )
    else:
        involvements = involvements.filter(staff=user)
    involvements = involvements.select_related("child", "staff", "team").order_by(
        "child__family_name", "child__given_name", "kind"
    )
    return [
        CaseloadRow(
            child=i.child,
            involvement=i.get_kind_display(),
            since=i.started_on,
            with_whom=str(i.staff or i.team or ""),
        )
        for i in involvements[:500]
    ]
