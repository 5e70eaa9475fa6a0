import pytest
from django.urls import reverse

from everychild.access.models import InvolvementKind, RecordRestriction
from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.organisations.roles import Role
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory, involve


@pytest.fixture
def entries(allocated_child):
    police = OrganisationFactory(name="Metropolitan Police", kind="police")
    school = OrganisationFactory(name="Canal Primary", kind="school")
    from django.utils import timezone

    made = [
        ChronologyEntry.objects.create(
            child=allocated_child,
            occurred_at=timezone.now(),
            kind=EntryKind.POLICE_INCIDENT,
            summary="Police attended",
            source_organisation=police,
            visibility=Visibility.SOCIAL_CARE,
        ),
        ChronologyEntry.objects.create(
            child=allocated_child,
            occurred_at=timezone.now(),
            kind=EntryKind.SCHOOL_CONCERN,
            summary="Arrived hungry",
            source_organisation=school,
            visibility=Visibility.PARTNERS,
        ),
    ]
    return made, police, school


def test_child_page_shows_record_and_chronology_and_is_audited(
    client, social_worker, allocated_child, entries
):
    client.force_login(social_worker)
    response = client.get(reverse("record:child", args=[allocated_child.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        allocated_child.full_name in html and "Police attended" in html and "Arrived hungry" in html
    )
    assert AuditEvent.objects.filter(
        verb="viewed", child=allocated_child, actor=social_worker
    ).exists()


def test_chronology_filters_by_agency_and_kind(client, social_worker, allocated_child, entries):
    _, police, _ = entries
    client.force_login(social_worker)
    url = reverse("record:child", args=[allocated_child.pk])
    html = client.get(url, {"agency": police.pk}).content.decode()
    assert "Police attended" in html and "Arrived hungry" not in html
    html = client.get(url, {"kind": "school_concern"}).content.decode()
    assert "Arrived hungry" in html and "Police attended" not in html
    partial = client.get(
        url, {"kind": "school_concern"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="chronology"
    )
    assert partial.content.decode().startswith('<div id="chronology">')
    assert AuditEvent.objects.filter(verb="viewed_chronology").exists()


def test_partner_gets_the_minimal_view_only(client, allocated_child, social_worker, entries):
    partner = StaffFactory(role=Role.PARTNER)
    client.force_login(partner)
    html = client.get(reverse("record:child", args=[allocated_child.pk])).content.decode()
    assert "Known to children's social care" in html and "Yes" in html
    assert str(social_worker) in html  # the allocated worker stands in as lead professional
    assert "Police attended" not in html and "Arrived hungry" not in html
    assert "Household" not in html
    assert AuditEvent.objects.filter(verb="viewed_minimal", actor=partner).exists()


def test_partner_in_the_plan_sees_only_shared_entries(client, allocated_child, entries):
    partner = StaffFactory(role=Role.PARTNER)
    involve(allocated_child, InvolvementKind.PLAN_MEMBER, staff=partner)
    client.force_login(partner)
    html = client.get(reverse("record:child", args=[allocated_child.pk])).content.decode()
    assert "Arrived hungry" in html and "Police attended" not in html


def test_restricted_record_is_not_found(client, allocated_child, social_worker):
    RecordRestriction.objects.create(
        child=allocated_child, reason="sealed", restricted_by=StaffFactory(role=Role.DPO)
    )
    client.force_login(StaffFactory(role=Role.PARTNER))
    assert client.get(reverse("record:child", args=[allocated_child.pk])).status_code == 404
    client.force_login(social_worker)
    assert client.get(reverse("record:child", args=[allocated_child.pk])).status_code == 404


def test_unknown_child_and_adult_are_not_found(client, social_worker):
    client.force_login(social_worker)
    adult = PersonFactory(kind="adult")
    assert client.get(reverse("record:child", args=[adult.pk])).status_code == 404
    assert client.get(reverse("record:child", args=[999999])).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client, allocated_child):
    response = client.get(reverse("record:child", args=[allocated_child.pk]))
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_search_page(client, social_worker, allocated_child):
    client.force_login(social_worker)
    response = client.get(reverse("record:search"), {"text": allocated_child.full_name})
    assert allocated_child.full_name in response.content.decode()
    bad = client.get(
        reverse("record:search"),
        {
            "nhs_number": "123",
            "date_of_birth_0": "31",
            "date_of_birth_1": "2",
            "date_of_birth_2": "2015",
        },
    )
    html = bad.content.decode()
    assert "There is a problem" in html and "must be a real date" in html
    empty = client.get(reverse("record:search"), {"text": ""})
    assert "Enter a name, date of birth" in empty.content.decode()


def test_break_glass_journey(client, allocated_child):
    stranger = StaffFactory(role=Role.SOCIAL_WORKER)
    client.force_login(stranger)
    url = reverse("record:child", args=[allocated_child.pk])
    assert "Request emergency access" in client.get(url).content.decode()
    glass = reverse("access:break_glass", args=[allocated_child.pk])
    assert "Say why" in client.post(glass, {"reason": "now"}).content.decode()
    response = client.post(glass, {"reason": "EDT call: child reported missing tonight"})
    assert response.status_code == 302
    assert "emergency access until" in client.get(url).content.decode()


# ---- the household panel applies the record's own restriction -----------------------------


def test_a_restricted_sibling_is_not_in_the_household_unless_the_user_is_named(
    client, social_worker, allocated_child
):
    """Regression (access review, issue 12 item 1): a sealed adoption listed the adopted child
    by name, age and link on the birth sibling's record."""
    from everychild.people.models import Relationship

    sealed = PersonFactory(given_name="Zephyrine", family_name="Quillfeather")
    brother = PersonFactory(given_name="Barnaby", family_name="Ostrander")
    for sibling in (sealed, brother):
        Relationship.objects.create(from_person=sibling, to_person=allocated_child, kind="sibling")
    restriction = RecordRestriction.objects.create(
        child=sealed, reason="Adopted: record sealed", restricted_by=StaffFactory(role=Role.DPO)
    )
    client.force_login(social_worker)
    url = reverse("record:child", args=[allocated_child.pk])
    html = client.get(url).content.decode()
    assert "Ostrander" in html
    assert "Quillfeather" not in html and f"/children/{sealed.pk}/" not in html

    restriction.named_staff.add(social_worker)
    assert "Quillfeather" in client.get(url).content.decode()
