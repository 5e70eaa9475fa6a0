"""The contact page: each of its forms runs its service through the UI kit; an edit someone
else saved first is refused with 409, keeping what the user chose."""

import pytest
from django.urls import reverse

from everychild.alerts.rules import evaluate_children
from everychild.frontdoor import services
from everychild.frontdoor.models import Contact
from tests.frontdoor.helpers import raise_concern


@pytest.fixture
def contact(dsl, mash_team, known_child) -> Contact:
    return raise_concern(dsl, known_child).contact


def _rate(client, contact, rag, version):
    return client.post(
        reverse("frontdoor:contact", args=[contact.pk]),
        {"action": "rag", "rag-rag": rag, "rag-version": version},
    )


def test_rating_a_contact(client, contact, mash_worker):
    client.force_login(mash_worker)
    response = _rate(client, contact, "amber", contact.version)
    assert response.status_code == 302
    assert Contact.objects.get(pk=contact.pk).rag == "amber"
    assert "RAG rating saved." in client.get(response.url).content.decode()


def test_a_rating_someone_else_changed_first_is_refused_and_can_be_made_again(
    client, contact, mash_worker, manager
):
    seen = contact.version
    services.contact_rate(contact=contact, rated_by=manager, rag="red", version=seen)
    client.force_login(mash_worker)
    refused = _rate(client, contact, "green", seen)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Someone else changed this contact" in page
    assert 'value="green" checked' in page  # the user's choice is kept
    assert 'name="rag-version" value="2"' in page  # ... with the version now saved
    assert Contact.objects.get(pk=contact.pk).rag == "red"
    again = _rate(client, contact, "green", seen + 1)  # the version the page now carries
    assert again.status_code == 302 and Contact.objects.get(pk=contact.pk).rag == "green"


def test_an_unknown_action_is_not_found(client, contact, mash_worker):
    client.force_login(mash_worker)
    url = reverse("frontdoor:contact", args=[contact.pk])
    assert client.post(url, {"action": "delete"}).status_code == 404


def test_partners_do_not_open_contacts(client, contact, dsl):
    client.force_login(dsl)
    assert client.get(reverse("frontdoor:contact", args=[contact.pk])).status_code == 403


def test_the_childs_open_alerts_are_at_the_top_of_the_contact(
    client, dsl, mash_worker, mash_team, known_child
):
    contact = raise_concern(dsl, known_child, category="sexual_abuse").contact
    evaluate_children([known_child.pk])
    client.force_login(mash_worker)
    page = client.get(reverse("frontdoor:contact", args=[contact.pk])).content.decode()
    assert "govuk-warning-text" in page and "immediate" in page.lower()
