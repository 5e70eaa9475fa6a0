"""The looked-after child's page: what it shows, who may open it, its audit row and its
query count; and the care panel on the child's page."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.care.models import CareLeaver, Eligibility, MissingEpisode
from everychild.care.services import episodes as episode_services
from everychild.care.services import oversight as oversight_services
from everychild.casework.models import CaseNote, NoteKind
from everychild.organisations.models import OrganisationKind
from everychild.organisations.roles import Role
from tests.care.factories import CarerFactory
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory, TeamFactory, involve


def care_page(child) -> str:
    return reverse("care:child", args=[child.pk])


@pytest.fixture
def history(looked_after, social_worker, iro):
    """The child of `looked_after` moved once, reviewed once, visited and once missing."""
    child = looked_after.child
    episode_services.placement_change(
        period=looked_after,
        changed_by=social_worker,
        on=date(2026, 6, 1),
        carer=CarerFactory(name="The Begum household"),
        placement_type="U4",
        reason_for_change="CARPL",
    )
    oversight_services.lac_review_record(
        period=looked_after,
        chair=iro,
        held_on=date(2026, 3, 27),
        participation="PN1",
        child_views="I like my carers but I miss my brother.",
    )
    CaseNote.objects.create(
        child=child,
        kind=NoteKind.VISIT,
        occurred_at=timezone.make_aware(datetime(2026, 6, 5, 15)),
        note="Visited at the new placement.",
        child_words="My room has a window onto the park.",
        child_seen=True,
        seen_alone=True,
        written_by=social_worker,
    )
    MissingEpisode.objects.create(
        child=child,
        missing_type="M",
        missing_from=MissingEpisode.From.CARE,
        started_at=timezone.make_aware(datetime(2026, 7, 1, 22)),
        ended_at=timezone.make_aware(datetime(2026, 7, 2, 9)),
        where_found="At a friend's flat",
        reported_by=social_worker,
    )
    return looked_after


def test_the_case_holder_sees_the_childs_care(client, history, social_worker):
    child = history.child
    client.force_login(social_worker)
    response = client.get(care_page(child))
    assert response.status_code == 200
    page = response.content.decode()
    assert "In care" in page and "2 March 2026" in page
    assert "C2: Full care order" in page and "The Begum household" in page
    # Stability: one move in the last 12 months, not yet long-term stable.
    assert "Moves in the last 12 months" in page and "Not yet" in page
    # The SSDA903 episodes: the start and the placement change.
    assert ">S</span>" in page and ">P</span>" in page and "CARPL" in page
    # Every clock of the care plan, and the history behind them.
    for clock in ("Looked-after review", "health assessment", "Personal education plan"):
        assert clock in page
    assert "I like my carers but I miss my brother." in page
    assert "My room has a window onto the park." in page
    assert "The missing episode and its return home interview" in page
    # The case holder's actions; the IRO's are not theirs.
    assert reverse("care:placement", args=[child.pk]) in page
    assert reverse("care:legal_status", args=[child.pk]) in page
    assert reverse("care:lac_review_add", args=[child.pk]) not in page
    assert AuditEvent.objects.filter(verb="viewed_care", actor=social_worker, child=child).count()


def test_the_iro_has_the_reviews_actions(client, history, iro):
    client.force_login(iro)
    page = client.get(care_page(history.child)).content.decode()
    assert reverse("care:lac_review_add", args=[history.child.pk]) in page
    assert reverse("care:iro_challenge_raise", args=[history.child.pk]) in page
    assert reverse("care:placement", args=[history.child.pk]) not in page
    assert reverse("care:health_assessment_add", args=[history.child.pk]) not in page


def test_the_page_is_one_audit_row_and_few_queries(client, history, social_worker):
    client.force_login(social_worker)
    before = AuditEvent.objects.count()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(care_page(history.child)).status_code == 200
    assert AuditEvent.objects.count() - before == 1
    assert len(queries) <= 30, [q["sql"] for q in queries]


def test_no_one_else_opens_the_care_record(client, history):
    partner = StaffFactory(
        role=Role.PARTNER, organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL)
    )
    involve(history.child, kind=InvolvementKind.PLAN_MEMBER, staff=partner)
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    analyst = StaffFactory(role=Role.ANALYST)
    for user in (partner, stranger, analyst):
        client.force_login(user)
        response = client.get(care_page(history.child))
        assert response.status_code == 403, user.role
        assert "The Begum household" not in response.content.decode()
    assert not AuditEvent.objects.filter(verb="viewed_care").exists()
    assert client.get(reverse("care:child", args=[999999])).status_code == 404


def test_a_child_never_in_care_can_be_brought_into_care(client, allocated_child, social_worker):
    client.force_login(social_worker)
    page = client.get(care_page(allocated_child)).content.decode()
    assert "has never been in care" in page
    assert reverse("care:start", args=[allocated_child.pk]) in page
    record = client.get(reverse("record:child", args=[allocated_child.pk])).content.decode()
    assert "Never in care" in record and reverse("care:start", args=[allocated_child.pk]) in record


def test_the_childs_page_links_to_the_care_record(client, history, social_worker):
    client.force_login(social_worker)
    record = client.get(reverse("record:child", args=[history.child.pk])).content.decode()
    assert "Looked after" in record and "since 2 March 2026" in record
    assert care_page(history.child) in record


def test_a_care_leaver_has_their_birthday_contacts(client, social_worker, team):
    young_person = PersonFactory(date_of_birth=date(2008, 1, 10))
    involve(young_person, staff=social_worker, team=team)
    CareLeaver.objects.create(
        child=young_person, eligibility=Eligibility.FORMER_RELEVANT, since=date(2026, 1, 10)
    )
    client.force_login(social_worker)
    page = client.get(care_page(young_person)).content.decode()
    assert "Leaving care" in page and "Former relevant" in page
    assert "18th, 10 Jan 2026" in page and "21st, 10 Jan 2029" in page
    assert "Next pathway plan review" in page


def test_my_work_and_team_carry_the_care_plans_clocks(client, history, social_worker, team):
    from everychild.casework.selectors.caseloads import team_work
    from everychild.workforce.services import allocation_assign

    child = history.child
    manager = StaffFactory(role=Role.TEAM_MANAGER, teams=[team])
    team.memberships.filter(staff=manager).update(is_manager=True)
    allocation_assign(child=child, team=team, worker=social_worker, allocated_by=manager)
    client.force_login(social_worker)
    page = client.get(reverse("casework:my_work")).content.decode()
    for what in ("Looked-after review", "Personal education plan", "Statutory visit"):
        assert what in page, what
    assert care_page(child) in page
    items = team_work(user=manager, team=team).items
    assert {i.what for i in items if i.child == child} >= {
        "Looked-after review",
        "Personal education plan",
    }
