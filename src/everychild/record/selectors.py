"""Reads for the child's record, search and the home pages. Each applies the access policy and
records the read in the audit log."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from everychild import access, audit
from everychild.access.models import SOCIAL_CARE_KINDS, Involvement, RecordRestriction
from everychild.access.selectors import Professional, household_for, professionals_involved
from everychild.core.errors import DomainError
from everychild.people.models import NameKind, Person, PersonAddress, PersonKind
from everychild.people.selectors import HouseholdMember

# ---- the child's record -----------------------------------------------------------------


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
        household=household_for(user, child, address=current),
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


# ---- figures for roles that hold no cases ------------------------------------------------


def borough_at_a_glance() -> dict:
    """Counts only (no names): what an analyst or director may see without a case role."""
    children = Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN])
    counts = children.aggregate(
        total=Count("pk"),
        unverified=Count("pk", filter=Q(identity_verified=False)),
    )
    counts["known_to_social_care"] = (
        Involvement.objects.current()
        .filter(kind__in=SOCIAL_CARE_KINDS)
        .values("child_id")
        .distinct()
        .count()
    )
    return counts
