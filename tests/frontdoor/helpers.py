"""Small builders shared by the front door's tests."""

from datetime import date, datetime, time

from django.utils import timezone

from everychild.frontdoor.models import Concern, MatchOutcome
from everychild.people.matching import Identity
from everychild.people.models import Address, PersonAddress


def home(person, postcode: str, line_1: str = "12 Cable Street"):
    address = Address.objects.create(line_1=line_1, postcode=postcode)
    PersonAddress.objects.create(person=person, address=address)
    return person


def identity_of(person, **changes) -> Identity:
    """The child as a partner knows them: the index's details, with any changes."""
    address = person.addresses.filter(moved_out__isnull=True).select_related("address").first()
    details = {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "date_of_birth": person.date_of_birth,
        "gender": person.gender,
        "postcode": address.address.postcode if address else "",
    }
    details.update(changes)
    return Identity(**details)


def at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    """An aware datetime in London on `day`."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def concern_about(child, agency, *, on: date, category: str = "neglect", **extra) -> Concern:
    """A concern already linked to `child`, reported on `on` (for alerts and histories)."""
    return Concern.objects.create(
        agency=agency,
        reported_at=at(on),
        category=category,
        details=extra.pop("details", "Seen at the school gate without a coat in the snow."),
        child_given_name=child.given_name,
        child_family_name=child.family_name,
        child=child,
        match_outcome=MatchOutcome.LINKED,
        **extra,
    )


RATIONALE = "Weighed the school's account, the household history and the child's own words."


def raise_concern(reporter, child_or_identity, *, category="neglect", details=None, **extra):
    """A concern from `reporter` about a known child (by their index details) or an identity."""
    from everychild.frontdoor import services

    identity = (
        child_or_identity
        if isinstance(child_or_identity, Identity)
        else identity_of(child_or_identity)
    )
    return services.concern_raise(
        reported_by=reporter,
        category=category,
        details=details or "Came to school hungry and bruised on her arm, three days running.",
        identity=identity,
        **extra,
    )


def ready_to_decide(contact, worker, **consent):
    """Record consent and the lawful basis, so that the contact can be decided."""
    from everychild.frontdoor import services

    return services.contact_record_consent(
        contact=contact,
        recorded_by=worker,
        consent=consent.get("consent", "given"),
        reason=consent.get("reason", ""),
        lawful_basis=consent.get("lawful_basis", "public_task"),
    )


def decide(contact, worker, level=2, outcome="early_help", rationale=RATIONALE):
    from everychild.frontdoor import services

    contact = ready_to_decide(contact, worker)
    return services.contact_decide(
        contact=contact,
        decided_by=worker,
        level_of_need=level,
        outcome=outcome,
        rationale=rationale,
    )


def ensure_default_alert_rules() -> None:
    """The default rules, as their migration makes them: a live-server (transactional) test
    may run after another has flushed the database, rules and all."""
    from importlib import import_module

    from everychild.alerts.models import AlertRule

    for rule in import_module("everychild.frontdoor.migrations.0002_default_alert_rules").RULES:
        AlertRule.objects.update_or_create(code=rule["code"], defaults=rule)
