"""Care leaver pages: "My care leavers" with the birthday contacts due, registering a care
leaver, assigning a personal adviser, recording a pathway plan review and a birthday contact.
Each renders for the people whose work it is, refuses everyone else (403, or 404 for what
does not exist), calls its service on a good POST and goes back to the child's care page,
and shows a bad POST's error against its field."""

from datetime import date

import pytest
from dateutil.relativedelta import relativedelta
from django.urls import reverse
from django.utils import timezone

from everychild.access.models import Involvement, InvolvementKind
from everychild.care.models import CareLeaver, CareLeaverContact, PathwayPlanReview
from everychild.care.services import leavers as services
from everychild.organisations.roles import Role
from tests.care.factories import in_care
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve


def _day(name: str, day: date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def child_page(child) -> str:
    return reverse("care:child", args=[child.pk])


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def stranger(db):
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])


@pytest.fixture
def adviser(db):
    return StaffFactory(role=Role.PERSONAL_ADVISER, first_name="Rukhsana", last_name="Ali")


@pytest.fixture
def young_person(social_worker, team):
    """17, in care since 14: an eligible young person held by the social worker's team. Their
    18th birthday is six weeks from today, so its contact window is open."""
    today = timezone.localdate()
    born = today + relativedelta(weeks=6) - relativedelta(years=18)
    person = PersonFactory(given_name="Jade", family_name="Okoro", date_of_birth=born)
    involve(person, staff=social_worker, team=team)
    in_care(person, started_on=born + relativedelta(years=14, months=1), by=social_worker)
    return person


@pytest.fixture
def care_leaver(young_person, social_worker, adviser):
    return services.care_leaver_register(
        child=young_person,
        by=social_worker,
        eligibility="eligible",
        since=young_person.date_of_birth + relativedelta(years=16),
        personal_adviser=adviser,
    )


# ---- My care leavers ------------------------------------------------------------------------


def test_my_care_leavers_shows_the_birthday_window_due(client, care_leaver, adviser):
    client.force_login(adviser)
    response = client.get(reverse("care:care_leavers"))
    assert response.status_code == 200
    page = html(response)
    assert "Jade Okoro" in page and "Birthday contact due" in page
    assert reverse("care:birthday_contact", args=[care_leaver.pk]) in page
    assert reverse("care:pathway_review", args=[care_leaver.pk]) in page
    assert "18th" in page


def test_my_care_leavers_for_others(client, care_leaver, stranger):
    client.force_login(stranger)
    response = client.get(reverse("care:care_leavers"))
    assert response.status_code == 200 and "Jade Okoro" not in html(response)
    client.force_login(StaffFactory(role=Role.PARTNER))
    assert client.get(reverse("care:care_leavers")).status_code == 403


# ---- registering ----------------------------------------------------------------------------


def test_register_a_care_leaver(client, young_person, social_worker, adviser):
    url = reverse("care:care_leaver_register", args=[young_person.pk])
    client.force_login(social_worker)
    response = client.get(url)
    assert response.status_code == 200 and "Rukhsana Ali" in html(response)
    since = young_person.date_of_birth + relativedelta(years=16)
    response = client.post(url, {"eligibility": "relevant", **_day("since", since)})
    assert response.status_code == 200
    assert 'href="#id_eligibility_0"' in html(response) and "not relevant" in html(response)
    assert not CareLeaver.objects.exists()
    response = client.post(
        url, {"eligibility": "eligible", **_day("since", since), "personal_adviser": adviser.pk}
    )
    assert response.status_code == 302 and response["Location"] == child_page(young_person)
    care_leaver = CareLeaver.objects.get(child=young_person)
    assert care_leaver.personal_adviser == adviser


def test_register_refused_to_others(client, young_person, stranger, adviser):
    url = reverse("care:care_leaver_register", args=[young_person.pk])
    involve(young_person, kind=InvolvementKind.PERSONAL_ADVISER, staff=adviser)
    for user in (stranger, adviser):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {"eligibility": "eligible"}).status_code == 403
    assert client.get(reverse("care:care_leaver_register", args=[999999])).status_code == 404
    assert not CareLeaver.objects.exists()


# ---- the personal adviser -------------------------------------------------------------------


def test_assign_a_new_adviser(client, care_leaver, social_worker, adviser):
    url = reverse("care:personal_adviser_assign", args=[care_leaver.pk])
    successor = StaffFactory(role=Role.PERSONAL_ADVISER, first_name="Tom", last_name="Lee")
    client.force_login(social_worker)
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    response = client.post(url, {"adviser": adviser.pk, **_day("on", today)})
    assert response.status_code == 200 and "already their personal adviser" in html(response)
    assert 'href="#id_adviser"' in html(response)
    response = client.post(url, {"adviser": successor.pk, **_day("on", today)})
    assert response.status_code == 302 and response["Location"] == child_page(care_leaver.child)
    care_leaver.refresh_from_db()
    assert care_leaver.personal_adviser == successor
    assert (
        Involvement.objects.current()
        .get(child=care_leaver.child, kind=InvolvementKind.PERSONAL_ADVISER)
        .staff
        == successor
    )


def test_advisers_do_not_reassign_themselves(client, care_leaver, adviser, stranger):
    url = reverse("care:personal_adviser_assign", args=[care_leaver.pk])
    client.force_login(adviser)
    assert client.get(url).status_code == 403
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    assert client.get(reverse("care:personal_adviser_assign", args=[999999])).status_code == 404


# ---- pathway plan reviews and birthday contacts ---------------------------------------------


def test_the_adviser_records_a_pathway_review(client, care_leaver, adviser, stranger):
    url = reverse("care:pathway_review", args=[care_leaver.pk])
    client.force_login(adviser)
    response = client.get(url)
    assert response.status_code == 200 and "the next is due by" in html(response)
    today = timezone.localdate()
    response = client.post(url, {**_day("reviewed_on", today), "summary": ""})
    assert response.status_code == 200 and "Record what the review agreed" in html(response)
    response = client.post(url, {**_day("reviewed_on", today), "summary": "College place agreed."})
    assert response.status_code == 302 and response["Location"] == child_page(care_leaver.child)
    assert PathwayPlanReview.objects.get(care_leaver=care_leaver).recorded_by == adviser
    client.force_login(stranger)
    assert client.get(url).status_code == 403


def contact_post(on: date, **changes) -> dict:
    data = {
        "birthday_age": "18",
        **_day("contacted_on", on),
        "in_touch": "YES",
        "activity": "F2",
        "accommodation": "E",
        "accommodation_suitable": "yes",
    }
    data.update(changes)
    return data


def test_the_adviser_records_a_birthday_contact(client, care_leaver, adviser, stranger):
    url = reverse("care:birthday_contact", args=[care_leaver.pk])
    client.force_login(adviser)
    response = client.get(url)
    assert response.status_code == 200 and "18th birthday" in html(response)
    today = timezone.localdate()
    response = client.post(url, contact_post(today, activity=""))
    assert response.status_code == 200 and 'href="#id_activity"' in html(response)
    response = client.post(url, contact_post(today - relativedelta(months=2)))
    assert response.status_code == 200 and "three months before" in html(response)
    response = client.post(url, contact_post(today))
    assert response.status_code == 302 and response["Location"] == child_page(care_leaver.child)
    contact = CareLeaverContact.objects.get(care_leaver=care_leaver)
    assert contact.oc3_accommodation == "E1" and contact.birthday_age == 18
    # The window is no longer due.
    response = client.get(reverse("care:care_leavers"))
    assert "Birthday contact due" not in html(response)
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    assert client.post(url, contact_post(today, birthday_age="19")).status_code == 403
