from datetime import date

import pytest
from django.db import transaction

from everychild import access, audit
from everychild.demo.borough import DEMO_ACCOUNTS, DEMO_PASSWORD, generate
from everychild.organisations.models import Staff
from everychild.people.identifiers import clean_nhs_number, clean_upn
from everychild.people.models import Person, PersonKind, PersonName

TODAY = date(2026, 11, 23)


@pytest.fixture
def borough(db):
    return generate(children=600, seed=7, today=TODAY)


def test_generates_the_children_asked_for(borough):
    assert borough.children == 600
    assert Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN]).count() == 600
    assert Person.objects.filter(kind=PersonKind.ADULT).count() > 200


def test_identifiers_are_valid_and_unique(borough):
    children = Person.objects.filter(kind=PersonKind.CHILD)
    for child in children.exclude(nhs_number=""):
        assert clean_nhs_number(child.nhs_number) == child.nhs_number
    for child in children.exclude(upn=""):
        assert clean_upn(child.upn) == child.upn
    assert children.exclude(upn="").count() > 300


def test_the_borough_mix(borough):
    children = Person.objects.filter(kind=PersonKind.CHILD)
    bangladeshi = children.filter(ethnicity="ABAN").count() / children.count()
    assert 0.3 < bangladeshi < 0.5
    assert {"BAFR", "CHNE", "WBRI"} <= set(children.values_list("ethnicity", flat=True))


def test_every_person_has_a_searchable_current_name(borough):
    assert PersonName.objects.filter(kind="current").count() == Person.objects.count()
    assert not PersonName.objects.filter(kind="current", family_key="").exists()


def test_same_seed_same_borough(db):
    def snapshot():
        return list(
            Person.objects.order_by("pk").values_list("given_name", "family_name", "date_of_birth")
        )

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            generate(children=300, seed=7, today=TODAY)
            first = snapshot()
            raise Rollback
    except Rollback:
        pass
    generate(children=300, seed=7, today=TODAY)
    assert snapshot() == first


def test_demo_accounts_sign_in_and_have_work(borough, client):
    for account in DEMO_ACCOUNTS:
        response = client.post("/login/", {"username": account.username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, account.username
        assert client.get("/").status_code == 200, account.username
        client.post("/logout/")
    worker = Staff.objects.get(username="social.worker")
    assert access.children_visible_to(worker, "view").count() >= 10
    dsl = Staff.objects.get(username="school.dsl")
    assert access.children_visible_to(dsl, "view").exists()


def test_refuses_a_database_that_already_has_people(borough):
    with pytest.raises(RuntimeError, match="already holds people"):
        generate(children=10, seed=1, today=TODAY)


def test_generation_is_recorded_in_the_audit_log(borough):
    assert audit.verify().ok
    from everychild.audit.models import AuditEvent

    assert AuditEvent.objects.get(verb="demo_generated").payload["children"] == 600
