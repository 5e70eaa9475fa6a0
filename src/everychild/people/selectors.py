"""Reads of the person index that know nothing of who may see what: the household around a
child. The pages that show them (the child's record, the contact page) apply the access
policy; see the record app."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone

from everychild.people.models import INVERSE_LABELS, Person, PersonAddress, Relationship


@dataclass
class HouseholdMember:
    person: Person
    relationship: str
    lives_with_child: bool
    parental_responsibility: bool


def _current_address(child: Person) -> PersonAddress | None:
    return child.addresses.select_related("address").filter(moved_out__isnull=True).first()


def household_of(
    child: Person,
    today: date | None = None,
    address: PersonAddress | None = None,
    with_related: tuple[str, ...] = (),
) -> list[HouseholdMember]:
    """Relatives (either direction) and anyone else living at the child's address (the
    child's current address, looked up unless given). `with_related` names what to fetch
    with each member (select_related), for a caller above that asks about them."""
    today = today or timezone.localdate()
    address = address or _current_address(child)
    co_resident_ids = set()
    if address:
        co_resident_ids = set(
            PersonAddress.objects.filter(address_id=address.address_id, moved_out__isnull=True)
            .exclude(person_id=child.pk)
            .values_list("person_id", flat=True)
        )
    members: dict[int, HouseholdMember] = {}
    relationships = Relationship.objects.filter(
        Q(from_person=child) | Q(to_person=child),
        Q(ended_on__isnull=True) | Q(ended_on__gte=today),
    ).select_related(
        "from_person",
        "to_person",
        *(f"{side}__{name}" for side in ("from_person", "to_person") for name in with_related),
    )
    for rel in relationships:
        if rel.to_person_id == child.pk:
            other, label = rel.from_person, rel.get_kind_display()
        else:
            other, label = rel.to_person, INVERSE_LABELS[rel.kind]
        members[other.pk] = HouseholdMember(
            person=other,
            relationship=label,
            lives_with_child=other.pk in co_resident_ids,
            parental_responsibility=rel.parental_responsibility and rel.to_person_id == child.pk,
        )
    others = Person.objects.filter(pk__in=co_resident_ids - members.keys())
    for person in others.select_related(*with_related):
        members[person.pk] = HouseholdMember(person, "Lives at the same address", True, False)
    return sorted(
        members.values(),
        key=lambda m: (not m.lives_with_child, m.person.date_of_birth or date.min),
    )
