"""Reads for the access app: professionals involved with a child, and the audit pages."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import BreakGlass, Involvement, RecordRestriction
from everychild.audit.models import AuditEvent
from everychild.organisations.models import Staff
from everychild.organisations.roles import Role
from everychild.people.models import Person, PersonAddress
from everychild.people.selectors import HouseholdMember, household_of


def child_for(user, child_id: int, action: str | None = "view", *, queryset=None) -> Person:
    """The child with this id, if `user` may take `action` on their record: what every view
    that takes a child id calls. 404 if there is no such child (or the user may not know the
    record exists), 403 if they may know it exists but not do this. `action=None` checks
    nothing (for pages that decide for themselves, e.g. the minimal view); `queryset` fetches
    the child with what the page needs (select_related, annotations)."""
    people = queryset if queryset is not None else Person.objects.all()
    child = people.filter(pk=child_id).first()
    if child is None or not child.is_child:
        raise Http404("No such child.")
    if action is not None:
        access.require(user, action, child)
    return child


def household_for(
    user, child: Person, address: PersonAddress | None = None
) -> list[HouseholdMember]:
    """The child's household as `user` may see it: a restricted relative (a sealed adoption, a
    staff member's child) is left out unless `user` is named on the restriction, as their own
    record would be. A restricted record's existence is itself sensitive, so it is not
    listed at all, not even by name (the panel is a way to its record)."""
    members = household_of(child, address=address, with_related=("restriction",))
    restricted = [m.person.restriction.pk for m in members if hasattr(m.person, "restriction")]
    if not restricted:  # the usual case: no query more
        return members
    named = set(
        RecordRestriction.objects.filter(pk__in=restricted, named_staff=user).values_list(
            "child_id", flat=True
        )
    )
    return [m for m in members if not hasattr(m.person, "restriction") or m.person.pk in named]


@dataclass
class Professional:
    involvement: Involvement
    name: str
    role: str
    organisation: str
    phone: str
    email: str


def _professional(involvement: Involvement) -> Professional:
    staff, team, organisation = involvement.staff, involvement.team, involvement.organisation
    org = organisation or (team.organisation if team else None) or (staff and staff.organisation)
    return Professional(
        involvement=involvement,
        name=str(staff or team or organisation),
        role=involvement.get_kind_display(),
        organisation=str(org) if org else "",
        phone=(staff and staff.phone) or (team and team.phone) or (org and org.phone) or "",
        email=(staff and staff.email) or (team and team.email) or (org and org.email) or "",
    )


def professionals_involved(child: Person) -> list[Professional]:
    """Current involvements with the child, for the record and the minimal view."""
    involvements = (
        Involvement.objects.current()
        .filter(child=child)
        .select_related("staff__organisation", "team__organisation", "organisation")
        .order_by("kind", "started_on")
    )
    return [_professional(i) for i in involvements]


def active_break_glass(*, user, child: Person) -> BreakGlass | None:
    return BreakGlass.objects.filter(staff=user, child=child, expires_at__gt=timezone.now()).first()


# ---- for the data protection officer ----------------------------------------------------


def require_dpo(user) -> None:
    if not (user.is_authenticated and user.role == Role.DPO):
        raise PermissionDenied("Only the data protection officer may read the audit log.")


def audit_for_child(*, user, child: Person) -> QuerySet[AuditEvent]:
    """Who looked at, or changed, this child's record."""
    require_dpo(user)
    audit.record(actor=user, verb="read_audit", obj=child, child=child)
    return AuditEvent.objects.filter(child=child).select_related("actor").order_by("-id")


def audit_for_staff(*, user, staff) -> QuerySet[AuditEvent]:
    """What this member of staff looked at, or changed."""
    require_dpo(user)
    audit.record(actor=user, verb="read_audit", obj=staff)
    return AuditEvent.objects.filter(actor=staff).select_related("child").order_by("-id")


def break_glass_log(*, user, awaiting_review: bool = True) -> QuerySet[BreakGlass]:
    require_dpo(user)
    log = BreakGlass.objects.select_related("staff", "child", "reviewed_by")
    return log.filter(reviewed_at__isnull=True) if awaiting_review else log


def staff_for_audit(*, user, text: str = "") -> QuerySet:
    """Staff the DPO can pick to see what they looked at (by name, username or organisation)."""
    require_dpo(user)
    staff = Staff.objects.select_related("organisation").order_by("last_name", "first_name")
    for word in text.split():
        staff = staff.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(organisation__name__icontains=word)
        )
    return staff


def break_glass_awaiting_review() -> int:
    return BreakGlass.objects.filter(reviewed_at__isnull=True).count()
