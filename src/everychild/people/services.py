"""Writes to the person index, the only writer of its tables. Each is one transaction,
checked against the access policy (through Django's object permissions: the policy lives in
the access layer above, see access.backends) and audited. An event in a child's life
(birth, a change of name, a move) is announced on a hook that the chronology, above, turns
into an entry (people.apps)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction

from everychild import audit
from everychild.core import hooks
from everychild.core.errors import DomainError, clean_or_refuse
from everychild.people import identifiers
from everychild.people.models import (
    Address,
    NameKind,
    Person,
    PersonAddress,
    PersonName,
    Relationship,
    RelationshipKind,
)
from everychild.people.names import search_keys


def _require_edit(user, person: Person) -> None:
    if person.is_child:
        if not user.has_perm("people.change_person", person):
            raise PermissionDenied("You may not change this record.")
    elif not (user.is_authenticated and user.is_social_care):
        raise DomainError("Only children's social care staff may change an adult's record.")


@transaction.atomic
def person_create(
    *,
    created_by,
    family_name: str,
    verified: bool = True,
    other_names: tuple[tuple[str, str, str], ...] = (),
    address: tuple[str, str] | None = None,
    **details,
) -> Person:
    """Add a person to the index. `details` are Person fields (given_name, date_of_birth, ...).

    Only children's social care add people they have confirmed. `verified=False` is someone
    an agency named whom nobody has confirmed yet (the child in a partner's concern, the
    subject of an allegation): anyone may cause one, the system included (created_by None),
    and the record says "identity not verified". `other_names` are (given, family, source)
    the person is also known by; `address` is (first line, postcode)."""
    if verified and not (created_by and created_by.is_authenticated and created_by.is_social_care):
        raise DomainError("Only children's social care staff may add people to the index.")
    if not (family_name or "").strip():
        raise DomainError("Enter a family name.", field="family_name")
    for key, clean in (
        ("nhs_number", identifiers.clean_nhs_number),
        ("upn", identifiers.clean_upn),
    ):
        if details.get(key):
            try:
                details[key] = clean(details[key])
            except ValueError as error:
                raise DomainError(str(error), field=key) from error
    person = Person(
        family_name=family_name.strip(),
        created_by=created_by if getattr(created_by, "pk", None) else None,
        identity_verified=verified,
        **details,
    )
    clean_or_refuse(person)
    person.save()
    names = [(person.given_name, person.family_name, "", NameKind.CURRENT)]
    names += [(given, family, source, NameKind.ALIAS) for given, family, source in other_names]
    PersonName.objects.bulk_create(
        PersonName(
            person=person,
            kind=kind,
            given_name=given,
            family_name=family,
            source=source,
            **search_keys(given, family),
        )
        for given, family, source, kind in names
    )
    if address is not None:
        line_1, postcode = address
        home = Address.objects.create(line_1=line_1, postcode=postcode)
        PersonAddress.objects.create(person=person, address=home)
    audit.record(actor=created_by, verb="created", obj=person, child=_child_or_none(person))
    hooks.run("people.person_created", person=person, by=created_by)
    return person


def _child_or_none(person: Person) -> Person | None:
    return person if person.is_child else None


@transaction.atomic
def person_rename(
    *,
    person: Person,
    renamed_by,
    given_name: str,
    family_name: str,
    effective_on: date,
    reason: str,
) -> Person:
    """Change a person's name, keeping the old one as a previous name (still searchable)."""
    _require_edit(renamed_by, person)
    if not family_name.strip():
        raise DomainError("Enter a family name.", field="family_name")
    if not reason.strip():
        raise DomainError("Say why the name changed.", field="reason")
    old = f"{person.given_name} {person.family_name}".strip()
    person.names.filter(kind=NameKind.CURRENT).update(kind=NameKind.PREVIOUS, used_to=effective_on)
    person.given_name, person.family_name = given_name.strip(), family_name.strip()
    clean_or_refuse(person)
    person.save()
    PersonName.objects.create(
        person=person,
        kind=NameKind.CURRENT,
        given_name=person.given_name,
        family_name=person.family_name,
        used_from=effective_on,
        **search_keys(person.given_name, person.family_name),
    )
    audit.record(
        actor=renamed_by,
        verb="renamed",
        obj=person,
        child=_child_or_none(person),
        reason=reason,
        payload={"from": old, "to": person.full_name},
    )
    hooks.run(
        "people.person_renamed",
        person=person,
        by=renamed_by,
        effective_on=effective_on,
        old_name=old,
        reason=reason.strip(),
    )
    return person


@transaction.atomic
def person_name_add(
    *, person: Person, added_by, kind: NameKind, given_name: str, family_name: str, source: str = ""
) -> PersonName:
    """Record an alias, another spelling or a previous name the person was known by."""
    _require_edit(added_by, person)
    if kind == NameKind.CURRENT:
        raise DomainError("Use a name change to change the current name.", field="kind")
    if not (given_name.strip() or family_name.strip()):
        raise DomainError("Enter at least one name.", field="given_name")
    name = PersonName(
        person=person,
        kind=kind,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        source=source,
        **search_keys(given_name, family_name),
    )
    clean_or_refuse(name)
    name.save()
    audit.record(
        actor=added_by,
        verb="name_added",
        obj=person,
        child=_child_or_none(person),
        payload={"kind": kind, "name": str(name), "source": source},
    )
    return name


@transaction.atomic
def person_move(
    *,
    person: Person,
    moved_by,
    line_1: str,
    postcode: str,
    moved_in: date,
    line_2: str = "",
    town: str = "London",
) -> PersonAddress:
    """Record a new address; the current one is closed the day before the move."""
    _require_edit(moved_by, person)
    if not line_1.strip():
        raise DomainError("Enter the first line of the address.", field="line_1")
    if not postcode.strip():
        raise DomainError("Enter a postcode.", field="postcode")
    current = person.addresses.filter(moved_out__isnull=True).first()
    if current and current.moved_in and moved_in <= current.moved_in:
        raise DomainError(
            "The move must be after the move to the current address.", field="moved_in"
        )
    address, _ = Address.objects.get_or_create(
        line_1=line_1.strip(),
        line_2=line_2.strip(),
        town=town.strip(),
        postcode=identifiers.normalise_postcode(postcode),
    )
    if current:
        current.moved_out = moved_in
        current.save(update_fields=["moved_out"])
    residence = PersonAddress(person=person, address=address, moved_in=moved_in)
    clean_or_refuse(residence)
    residence.save()
    audit.record(
        actor=moved_by,
        verb="moved",
        obj=person,
        child=_child_or_none(person),
        payload={"address": str(address), "moved_in": moved_in},
    )
    hooks.run("people.person_moved", person=person, by=moved_by, moved_in=moved_in, address=address)
    return residence


@transaction.atomic
def relationship_add(
    *,
    from_person: Person,
    to_person: Person,
    kind: RelationshipKind,
    added_by,
    parental_responsibility: bool = False,
    started_on: date | None = None,
) -> Relationship:
    """Record that `from_person` is the `kind` of `to_person` (e.g. the parent of).

    The user must be able to edit the record of at least one of the two (if both are
    adults, be in children's social care)."""
    children = [p for p in (to_person, from_person) if p.is_child]
    child = next((c for c in children if added_by.has_perm("people.change_person", c)), None)
    if child is None:
        _require_edit(added_by, children[0] if children else from_person)
    if from_person.pk == to_person.pk:
        raise DomainError("A person cannot be related to themselves.", field="to_person")
    if parental_responsibility and kind not in {
        RelationshipKind.PARENT,
        RelationshipKind.STEP_PARENT,
        RelationshipKind.CARER,
        RelationshipKind.GRANDPARENT,
        RelationshipKind.AUNT_UNCLE,
    }:
        raise DomainError("Only a parent or carer can hold parental responsibility.", field="kind")
    if Relationship.objects.filter(
        from_person=from_person, to_person=to_person, kind=kind
    ).exists():
        raise DomainError("This relationship is already recorded.", field="kind")
    relationship = Relationship.objects.create(
        from_person=from_person,
        to_person=to_person,
        kind=kind,
        parental_responsibility=parental_responsibility,
        started_on=started_on,
    )
    audit.record(
        actor=added_by,
        verb="relationship_added",
        obj=relationship,
        child=_child_or_none(child),
        payload={"from": from_person.pk, "to": to_person.pk, "kind": kind},
    )
    return relationship
