"""Organisations, teams and accounts are changed in the admin, and every change is audited;
team membership (which decides what a member may open) goes through the audited service."""

from datetime import date

import pytest

from everychild.audit.models import AuditEvent
from everychild.core.errors import DomainError
from everychild.organisations import services
from everychild.organisations.models import TeamMembership
from everychild.organisations.roles import Role
from tests.factories import StaffFactory, TeamFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory(role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True))
    return client


def _team_form(team, rows: list[dict], initial: int) -> dict:
    data = {
        "name": team.name,
        "kind": team.kind,
        "organisation": team.organisation_id,
        "memberships-TOTAL_FORMS": len(rows),
        "memberships-INITIAL_FORMS": initial,
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for n, row in enumerate(rows):
        data.update({f"memberships-{n}-{key}": value for key, value in row.items()})
    return data


def test_a_member_added_and_ended_in_the_admin_is_audited(admin_client):
    team, worker = TeamFactory(), StaffFactory(role=Role.SOCIAL_WORKER)
    url = f"/admin/organisations/team/{team.pk}/change/"
    added = _team_form(team, [{"staff": worker.pk, "started_on": "2026-01-05"}], initial=0)
    assert admin_client.post(url, added).status_code == 302
    membership = TeamMembership.objects.get(team=team, staff=worker)
    event = AuditEvent.objects.get(verb="team_member_added")
    assert event.payload["staff"] == worker.pk and event.object_id == str(team.pk)
    ended = _team_form(
        team,
        [
            {
                "id": membership.pk,
                "staff": worker.pk,
                "team": team.pk,
                "is_manager": "on",
                "started_on": "2026-01-05",
                "ended_on": "2026-06-30",
            }
        ],
        initial=1,
    )
    assert admin_client.post(url, ended).status_code == 302
    membership.refresh_from_db()
    assert membership.ended_on == date(2026, 6, 30) and membership.is_manager
    change = AuditEvent.objects.get(verb="team_member_changed")
    assert change.payload["to"]["ended_on"] == "2026-06-30"
    assert AuditEvent.objects.filter(verb="admin_changed", object_id=str(team.pk)).exists()


def test_memberships_cannot_be_deleted_in_the_admin(admin_client):
    team = TeamFactory()
    StaffFactory(teams=[team])
    page = admin_client.get(f"/admin/organisations/team/{team.pk}/change/")
    assert b"memberships-0-DELETE" not in page.content


def test_an_organisation_changed_in_the_admin_is_audited(admin_client):
    team = TeamFactory()
    organisation = team.organisation
    response = admin_client.post(
        f"/admin/organisations/organisation/{organisation.pk}/change/",
        {"name": "Zzq Renamed Council", "kind": organisation.kind},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="admin_changed")
    assert event.object_id == str(organisation.pk) and "name" in event.payload["fields"]


def test_only_an_administrator_changes_membership(db):
    team, worker = TeamFactory(), StaffFactory(role=Role.TEAM_MANAGER)
    with pytest.raises(DomainError, match="system administrator"):
        services.team_member_add(team=team, staff=worker, added_by=worker)
    assert not TeamMembership.objects.filter(team=team, staff=worker).exists()
    assert not AuditEvent.objects.exists()


def test_an_organisation_added_by_the_system_is_audited(db):
    organisation = services.organisation_create(created_by=None, name=" Zzq Club ", kind="other")
    assert organisation.name == "Zzq Club"
    assert AuditEvent.objects.get(verb="organisation_added").actor_name == "system"


def test_a_membership_is_not_handed_to_someone_else(admin_client):
    team, first, second = TeamFactory(), StaffFactory(), StaffFactory()
    membership = services.team_member_add(team=team, staff=first, added_by=None)
    row = {"id": membership.pk, "team": team.pk, "staff": second.pk}
    response = admin_client.post(
        f"/admin/organisations/team/{team.pk}/change/", _team_form(team, [row], initial=1)
    )
    assert response.status_code == 200
    assert "End this membership and add the new member" in response.content.decode()
    membership.refresh_from_db()
    assert membership.staff == first
