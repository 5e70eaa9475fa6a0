"""Pages for coming into care, changes of legal status and placement, leaving care, and the
carers: each renders for the case holders, refuses the unrelated and partners without
leaking the record, calls its service on POST and redirects to the child's care page, and
shows the service's refusals against their field in a GOV.UK error summary."""

from datetime import date

import pytest
from django.urls import reverse

from everychild.access.models import RecordRestriction
from everychild.audit.models import AuditEvent
from everychild.care.models import Carer, CarerKind, PeriodOfCare
from everychild.care.services.episodes import validate_period
from everychild.care.views._common import care_url
from everychild.organisations.roles import Role
from tests.care.factories import CarerFactory
from tests.casework.helpers import pretend_today
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve

TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    pretend_today(monkeypatch, TODAY)


@pytest.fixture
def carer(db):
    return CarerFactory(name="The Ahmeds")


@pytest.fixture
def other_carer(db):
    return CarerFactory(name="The Browns", postcode="E3 2AA")


def _day(name: str, day: date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def _html(response) -> str:
    return response.content.decode()


def _error_on(response, field: str) -> bool:
    html = _html(response)
    return "govuk-error-summary" in html and f'id="id_{field}-error"' in html


URLS = ["start", "legal_status", "placement", "end"]


# ---- coming into care -----------------------------------------------------------------------


def test_start_page_renders(client, allocated_child, social_worker, carer):
    client.force_login(social_worker)
    response = client.get(reverse("care:start", args=[allocated_child.pk]))
    assert response.status_code == 200
    html = _html(response)
    assert "Bring the child into care" in html and "The Ahmeds" in html
    assert 'name="started_on_0"' in html and "C2: Full care order" in html


def test_start_post_brings_the_child_into_care(client, allocated_child, social_worker, carer):
    client.force_login(social_worker)
    response = client.post(
        reverse("care:start", args=[allocated_child.pk]),
        {
            **_day("started_on", date(2026, 11, 20)),
            "legal_status": "V2",
            "category_of_need": "N4",
            "carer": carer.pk,
            "placement_type": "U6",
            "home_postcode": "e1 6an",
            "distance_miles": "2.5",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == care_url(allocated_child)
    period = PeriodOfCare.objects.get(child=allocated_child)
    assert (period.started_on, period.category_of_need, period.home_postcode) == (
        date(2026, 11, 20),
        "N4",
        "E1 6AN",
    )
    assert validate_period(period) == []


def test_start_post_with_bad_data_shows_the_field_error(
    client, allocated_child, social_worker, carer
):
    client.force_login(social_worker)
    url = reverse("care:start", args=[allocated_child.pk])
    good = {
        **_day("started_on", date(2026, 11, 20)),
        "legal_status": "C1",
        "category_of_need": "N1",
        "carer": carer.pk,
        "placement_type": "U6",
    }
    # The form's own check: a missing legal status.
    response = client.post(url, {**good, "legal_status": ""})
    assert response.status_code == 200 and _error_on(response, "legal_status")
    # The service's refusals, shown against their field.
    response = client.post(url, {**good, "placement_type": "P1"})
    assert response.status_code == 200 and _error_on(response, "placement_type")
    assert "needs a carer of the kind" in _html(response)
    response = client.post(url, {**good, **_day("started_on", date(2026, 12, 1))})
    assert _error_on(response, "started_on") and "cannot be in the future" in _html(response)
    assert not PeriodOfCare.objects.exists()


# ---- changes --------------------------------------------------------------------------------


def test_change_pages_render_with_what_is_in_force(client, looked_after, social_worker):
    client.force_login(social_worker)
    for name in ("legal_status", "placement", "end"):
        response = client.get(reverse(f"care:{name}", args=[looked_after.child_id]))
        assert response.status_code == 200, name
        html = _html(response)
        assert "In care since" in html and "2 March 2026" in html and "C2: Full care order" in html


def test_change_pages_are_404_for_a_child_not_in_care(client, allocated_child, social_worker):
    client.force_login(social_worker)
    for name in ("legal_status", "placement", "end"):
        assert client.get(reverse(f"care:{name}", args=[allocated_child.pk])).status_code == 404


def test_legal_status_post(client, looked_after, social_worker):
    client.force_login(social_worker)
    url = reverse("care:legal_status", args=[looked_after.child_id])
    response = client.post(url, {**_day("on", date(2026, 6, 1)), "legal_status": "C2"})
    assert response.status_code == 200 and _error_on(response, "legal_status")
    assert "already C2" in _html(response)
    response = client.post(url, {**_day("on", date(2026, 6, 1)), "legal_status": "E1"})
    assert response.status_code == 302 and response["Location"] == care_url(looked_after.child)
    assert [e.reason_new_episode for e in looked_after.episodes.order_by("started_on")] == [
        "S",
        "L",
    ]


def test_placement_post(client, looked_after, social_worker, other_carer):
    client.force_login(social_worker)
    url = reverse("care:placement", args=[looked_after.child_id])
    move = {
        **_day("on", date(2026, 6, 1)),
        "carer": other_carer.pk,
        "placement_type": "U6",
        "reason_for_change": "",
    }
    response = client.post(url, move)
    assert response.status_code == 200 and _error_on(response, "reason_for_change")
    response = client.post(url, {**move, "on_0": "31", "on_1": "2"})
    assert response.status_code == 200 and _error_on(response, "on")
    response = client.post(url, {**move, "reason_for_change": "CHILD", "distance_miles": "4"})
    assert response.status_code == 302 and response["Location"] == care_url(looked_after.child)
    current = looked_after.placements.get(ended_on__isnull=True)
    assert current.carer == other_carer and str(current.distance_miles) == "4.0"
    assert validate_period(looked_after) == []


def test_end_post(client, looked_after, social_worker):
    client.force_login(social_worker)
    url = reverse("care:end", args=[looked_after.child_id])
    response = client.post(url, {**_day("on", date(2026, 10, 1)), "reason_ceased": "E11"})
    assert response.status_code == 200 and _error_on(response, "reason_ceased")
    assert "adoption order" in _html(response)
    response = client.post(url, {**_day("on", date(2026, 10, 1)), "reason_ceased": "X1"})
    assert response.status_code == 200 and _error_on(response, "reason_ceased")  # not offered
    response = client.post(url, {**_day("on", date(2026, 10, 1)), "reason_ceased": "E4A"})
    assert response.status_code == 302 and response["Location"] == care_url(looked_after.child)
    looked_after.refresh_from_db()
    assert (looked_after.ended_on, looked_after.reason_ceased) == (date(2026, 10, 1), "E4A")


# ---- who may ------------------------------------------------------------------------------


def test_the_unrelated_the_partner_and_the_iro_are_refused(client, looked_after, iro):
    child = looked_after.child
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    partner = StaffFactory(role=Role.PARTNER)
    for user, allowed in ((stranger, (403,)), (partner, (403, 404)), (iro, (403,))):
        client.force_login(user)
        for name in URLS:
            url = reverse(f"care:{name}", args=[child.pk])
            assert client.get(url).status_code in allowed, (user.role, name)
            assert client.post(url, {"legal_status": "E1"}).status_code in allowed
    assert looked_after.episodes.count() == 1
    assert not AuditEvent.objects.filter(verb__startswith="care_").exists()


def test_a_restricted_record_is_404_for_those_not_named(
    client, looked_after, social_worker, manager
):
    RecordRestriction.objects.create(
        child=looked_after.child, reason="Adopted", restricted_by=manager
    )
    client.force_login(social_worker)
    for name in URLS:
        assert client.get(reverse(f"care:{name}", args=[looked_after.child_id])).status_code == 404


def test_no_such_child_is_404(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("care:start", args=[999999])).status_code == 404


def test_an_adult_is_404(client, social_worker):
    adult = PersonFactory(kind="adult", date_of_birth=date(1990, 1, 1))
    involve(adult, staff=social_worker)
    client.force_login(social_worker)
    assert client.get(reverse("care:start", args=[adult.pk])).status_code == 404


# ---- carers ---------------------------------------------------------------------------------


def test_carers_list_and_create(client, manager, social_worker, carer):
    client.force_login(social_worker)
    response = client.get(reverse("care:carers"))
    assert response.status_code == 200 and "The Ahmeds" in _html(response)
    assert "Add a carer" not in _html(response)
    assert client.get(reverse("care:carer_create")).status_code == 403
    client.force_login(manager)
    assert "Add a carer" in _html(client.get(reverse("care:carers")))
    url = reverse("care:carer_create")
    assert client.get(url).status_code == 200
    post = {
        "name": "Rainbow House",
        "kind": CarerKind.CHILDRENS_HOME,
        "provider": "PR4",
        "urn": "",
        "postcode": "E14 2BB",
        "capacity": "4",
    }
    response = client.post(url, post)
    assert response.status_code == 200 and _error_on(response, "urn")
    response = client.post(url, {**post, "urn": "SC123456"})
    assert response.status_code == 302 and response["Location"] == reverse("care:carers")
    assert Carer.objects.get(name="Rainbow House").urn == "SC123456"


def test_partners_do_not_see_carers(client, db):
    client.force_login(StaffFactory(role=Role.PARTNER))
    assert client.get(reverse("care:carers")).status_code == 403
