from django.db.models import QuerySet

from everychild.organisations.models import Staff, Team


def teams_of(staff: Staff) -> QuerySet[Team]:
    return Team.objects.filter(memberships__staff=staff, memberships__ended_on__isnull=True)


def managed_teams(staff: Staff) -> QuerySet[Team]:
    return teams_of(staff).filter(memberships__is_manager=True, memberships__staff=staff)
