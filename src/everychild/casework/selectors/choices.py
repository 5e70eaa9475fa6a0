"""The choices casework forms offer: agencies for a strategy discussion, chairs to book,
partner practitioners to join a plan or lead early help, owners of supervision actions."""

from django.db.models import Q

from everychild.access.models import Involvement, InvolvementKind
from everychild.organisations.models import Organisation, OrganisationKind, Staff
from everychild.organisations.roles import Role
from everychild.people.models import Person
from everychild.workforce.models import Allocation
from everychild.workforce.selectors import managed_teams


def partner_staff_for(child: Person, organisations=()):
    """Partner practitioners who may join a child's plan: from the agencies in the strategy
    discussion, and those already involved with the child or working for an agency that is."""
    involved_orgs = Organisation.objects.filter(
        Q(involvements__child=child, involvements__ended_on__isnull=True)
        | Q(staff__involvements__child=child, staff__involvements__ended_on__isnull=True)
    )
    return (
        Staff.objects.filter(role=Role.PARTNER, is_active=True)
        .filter(
            Q(organisation__in=list(organisations))
            | Q(organisation__in=involved_orgs)
            | Q(involvements__child=child, involvements__ended_on__isnull=True)
        )
        .select_related("organisation")
        .distinct()
        .order_by("organisation__name", "last_name", "first_name")
    )


def partner_practitioners(*, excluding=()):
    """Anyone in an active partner agency (a housing officer, a new school): who may join a
    core group or lead early help after a step-down."""
    staff = Staff.objects.filter(
        role=Role.PARTNER, is_active=True, organisation__is_active=True
    ).exclude(pk__in=list(excluding))
    return staff.select_related("organisation").order_by(
        "organisation__name", "last_name", "first_name"
    )


def strategy_agencies(child: Person):
    """Agencies to tick for a strategy discussion: police and health, and any agency already
    involved with the child (their school, GP practice, ...)."""
    return (
        Organisation.objects.filter(is_active=True)
        .exclude(kind=OrganisationKind.LOCAL_AUTHORITY)
        .filter(
            Q(kind__in=[OrganisationKind.POLICE, OrganisationKind.HEALTH_TRUST])
            | Q(involvements__child=child, involvements__ended_on__isnull=True)
            | Q(staff__involvements__child=child, staff__involvements__ended_on__isnull=True)
        )
        .distinct()
        .order_by("name")
    )


def supervision_staff(child: Person, manager):
    """Who may own a supervision action: the members of the team holding the case."""
    allocation = Allocation.objects.filter(child=child, ended_on__isnull=True).first()
    teams = [allocation.team] if allocation else managed_teams(manager)
    return (
        Staff.objects.filter(
            memberships__team__in=teams, memberships__ended_on__isnull=True, is_active=True
        )
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name")
    )


def conference_chairs():
    """The independent chairs who may be booked for a conference."""
    return Staff.objects.filter(role=Role.CONFERENCE_CHAIR, is_active=True).order_by(
        "last_name", "first_name"
    )


def booked_chairs(child: Person) -> list[Staff]:
    return [
        i.staff
        for i in Involvement.objects.current()
        .filter(child=child, kind=InvolvementKind.CONFERENCE_CHAIR)
        .select_related("staff")
    ]
