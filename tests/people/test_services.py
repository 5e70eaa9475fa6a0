from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from everychild.access.search import person_search
from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from everychild.people import services
from everychild.people.models import NameKind, Person, PersonKind, RelationshipKind
from everychild.people.search import SearchQuery
from everychild.people.selectors import household_of
from tests.factories import PersonFactory, StaffFactory


def test_person_create_writes_person_name_audit_and_birth(social_worker):
    child = services.person_create(
        created_by=social_worker,
        family_name="Uddin",
        given_name="Rayyan",
        date_of_birth=date(2019, 4, 2),
        nhs_number="943 476 5919",
    )
    assert child.nhs_number == "9434765919"
    assert child.names.get().kind == NameKind.CURRENT
    assert AuditEvent.objects.filter(verb="created", child=child, actor=social_worker).exists()
    assert ChronologyEntry.objects.get(child=child).kind == EntryKind.BIRTH


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"family_name": ""}, "family_name"),
        ({"family_name": "Ali", "nhs_number": "9434765918"}, "nhs_number"),
        ({"family_name": "Ali", "upn": "A801200005001"}, "upn"),
        ({"family_name": "Ali", "date_of_birth": date(2099, 1, 1)}, "date_of_birth"),
        ({"family_name": "Ali", "kind": PersonKind.UNBORN}, "expected_date"),
        ({"family_name": "Ali", "disabilities": ["NONE", "AUT"]}, "disabilities"),
        ({"family_name": "Ali", "disabilities": ["XYZ"]}, "disabilities"),
    ],
)
def test_person_create_refuses_bad_input_and_saves_nothing(social_worker, details, field):
    with pytest.raises(DomainError) as error:
        services.person_create(created_by=social_worker, **details)
    assert error.value.field == field
    assert not Person.objects.exists()
    assert not AuditEvent.objects.exists()


def test_person_create_refuses_partners(db):
    with pytest.raises(DomainError, match="social care staff"):
        services.person_create(created_by=StaffFactory(role=Role.PARTNER), family_name="Ali")


def test_duplicate_nhs_number_is_refused(social_worker):
    services.person_create(created_by=social_worker, family_name="A", nhs_number="9434765919")
    with pytest.raises(DomainError, match="already has this NHS number"):
        services.person_create(created_by=social_worker, family_name="B", nhs_number="9434765919")
    assert Person.objects.count() == 1


def test_rename_keeps_the_old_name_searchable(allocated_child, social_worker):
    old = allocated_child.full_name
    services.person_rename(
        person=allocated_child,
        renamed_by=social_worker,
        given_name="Fatima",
        family_name="Khatun",
        effective_on=date(2026, 1, 5),
        reason="Adopted her mother's name",
    )
    assert allocated_child.full_name == "Fatima Khatun"
    assert allocated_child.names.get(kind=NameKind.PREVIOUS).used_to == date(2026, 1, 5)
    assert AuditEvent.objects.get(verb="renamed").payload == {"from": old, "to": "Fatima Khatun"}
    assert ChronologyEntry.objects.filter(kind=EntryKind.NAME_CHANGE).exists()
    results = person_search(user=social_worker, query=SearchQuery(text=old))
    assert results[0].child == allocated_child and results[0].matched_name


def test_rename_refusals(allocated_child, social_worker, db):
    with pytest.raises(DomainError) as error:
        services.person_rename(
            person=allocated_child,
            renamed_by=social_worker,
            given_name="A",
            family_name="B",
            effective_on=date(2026, 1, 5),
            reason=" ",
        )
    assert error.value.field == "reason"
    stranger = StaffFactory(role=Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.person_rename(
            person=allocated_child,
            renamed_by=stranger,
            given_name="A",
            family_name="B",
            effective_on=date(2026, 1, 5),
            reason="x",
        )


def test_name_add(allocated_child, social_worker):
    name = services.person_name_add(
        person=allocated_child,
        added_by=social_worker,
        kind=NameKind.ALIAS,
        given_name="Mimi",
        family_name="",
        source="Police",
    )
    assert name.given_key and AuditEvent.objects.filter(verb="name_added").exists()
    with pytest.raises(DomainError):
        services.person_name_add(
            person=allocated_child,
            added_by=social_worker,
            kind=NameKind.CURRENT,
            given_name="X",
            family_name="Y",
        )


def test_move_closes_the_old_address(allocated_child, social_worker):
    first = services.person_move(
        person=allocated_child,
        moved_by=social_worker,
        line_1="1 Cable Street",
        postcode="e1 8aa",
        moved_in=date(2024, 1, 1),
    )
    services.person_move(
        person=allocated_child,
        moved_by=social_worker,
        line_1="9 Bow Road",
        postcode="E3 2AA",
        moved_in=date(2025, 6, 1),
    )
    first.refresh_from_db()
    assert first.moved_out == date(2025, 6, 1) and first.address.postcode == "E1 8AA"
    assert allocated_child.addresses.filter(moved_out__isnull=True).count() == 1
    with pytest.raises(DomainError) as error:
        services.person_move(
            person=allocated_child,
            moved_by=social_worker,
            line_1="2 Bow Road",
            postcode="E3 2AA",
            moved_in=date(2025, 1, 1),
        )
    assert error.value.field == "moved_in"
    assert ChronologyEntry.objects.filter(kind=EntryKind.ADDRESS_CHANGE).count() == 2


def test_relationships_make_the_household(allocated_child, social_worker):
    mother = PersonFactory(kind=PersonKind.ADULT, given_name="Rubina", family_name="Begum")
    sister = PersonFactory(given_name="Sumaiya")
    services.relationship_add(
        from_person=mother,
        to_person=allocated_child,
        kind=RelationshipKind.PARENT,
        added_by=social_worker,
        parental_responsibility=True,
    )
    services.relationship_add(
        from_person=allocated_child,
        to_person=sister,
        kind=RelationshipKind.SIBLING,
        added_by=social_worker,
    )
    household = {m.person: m for m in household_of(allocated_child)}
    assert household[mother].relationship == "Parent" and household[mother].parental_responsibility
    assert household[sister].relationship == "Sibling"
    with pytest.raises(DomainError):
        services.relationship_add(
            from_person=sister,
            to_person=allocated_child,
            kind=RelationshipKind.SIBLING,
            added_by=social_worker,
            parental_responsibility=True,
        )
    with pytest.raises(DomainError, match="already recorded"):
        services.relationship_add(
            from_person=mother,
            to_person=allocated_child,
            kind=RelationshipKind.PARENT,
            added_by=social_worker,
        )
