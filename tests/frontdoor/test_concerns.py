"""services.concern_raise, and what the referrer sees of their own concerns afterwards."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild import access
from everychild.access.models import Involvement, InvolvementKind
from everychild.alerts.models import Alert
from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.errors import DomainError
from everychild.frontdoor import selectors, services
from everychild.frontdoor.models import (
    Concern,
    Contact,
    ContactSource,
    MatchCandidate,
    MatchOutcome,
)
from everychild.organisations.roles import Role
from everychild.people.matching import Identity
from everychild.people.models import NameKind, Person
from tests.factories import PersonFactory, StaffFactory
from tests.frontdoor.helpers import decide, identity_of, raise_concern


def test_a_concern_about_a_known_child_reaches_the_front_door(
    dsl, school, mash_team, mash_worker, known_child
):
    today = timezone.localdate()
    concern = services.concern_raise(
        reported_by=dsl,
        category="neglect",
        details="  Ayesha came to school hungry three days running.  ",
        identity=identity_of(known_child, given_name="Aisha"),  # misspelt: kept as given
        address="12 Cable Street",
        observed_on=today,
    )
    concern.refresh_from_db()
    assert concern.child == known_child
    assert concern.match_outcome == MatchOutcome.LINKED
    assert concern.match_score >= 9
    assert concern.agency == school and concern.reported_by == dsl
    assert concern.reporter_name == dsl.get_full_name()
    assert concern.details == "Ayesha came to school hungry three days running."
    assert concern.child_given_name == "Aisha" and concern.child_postcode == "E1 6AN"
    assert concern.observed_on == today

    contact = concern.contact
    assert contact.child == known_child and contact.source == ContactSource.CONCERN
    assert contact.received_at == concern.reported_at
    assert contact.summary == concern.details
    assert contact.stage == "Screening" and contact.version == 1

    candidates = list(concern.candidates.all())
    assert candidates[0].person == known_child
    assert {"date of birth matches", "postcode matches the current address"} <= set(
        candidates[0].reasons
    )

    entry = ChronologyEntry.objects.get(child=known_child, kind=EntryKind.CONCERN)
    assert entry.source_organisation == school and entry.recorded_by == dsl
    assert entry.summary.startswith("Neglect concern from Bow School: Ayesha came to school")
    assert entry.source == concern

    event = AuditEvent.objects.get(verb="concern_raised")
    assert event.actor == dsl and event.child_id == known_child.pk
    assert event.object_type == "frontdoor.concern" and event.object_id == str(concern.pk)
    assert event.payload == {"category": "neglect", "match": "linked"}

    involvement = Involvement.objects.get(child=known_child, kind=InvolvementKind.FRONT_DOOR)
    assert involvement.team == mash_team and involvement.started_on == today
    assert involvement.ended_on is None
    assert access.can(mash_worker, "edit", known_child)


def test_a_second_concern_does_not_open_a_second_front_door_involvement(
    dsl, officer, mash_team, known_child
):
    raise_concern(dsl, known_child)
    raise_concern(officer, known_child, category="domestic_abuse")
    assert Contact.objects.filter(child=known_child).count() == 2
    assert (
        Involvement.objects.filter(child=known_child, kind=InvolvementKind.FRONT_DOOR).count() == 1
    )


def test_an_uncertain_match_is_offered_to_the_front_door_with_reasons(dsl, mash_team):
    twins = [
        PersonFactory(given_name="Muhammad", family_name="Ahmed", date_of_birth=date(2014, 8, 20)),
        PersonFactory(given_name="Muhammad", family_name="Ahmed", date_of_birth=date(2011, 1, 9)),
    ]
    people = Person.objects.count()
    concern = raise_concern(dsl, Identity(given_name="Mohammed", family_name="Ahmed"))
    assert concern.child is None and concern.match_outcome == MatchOutcome.CANDIDATES
    assert Person.objects.count() == people  # nobody new
    offered = {c.person_id: c for c in MatchCandidate.objects.filter(concern=concern)}
    assert set(offered) == {t.pk for t in twins}
    assert all(c.reasons for c in offered.values())
    assert concern.match_score == max(c.score for c in offered.values())
    contact = concern.contact
    assert contact.child is None and contact.stage == "Identity to confirm"
    # Nobody's chronology or front-door involvement until the MASH says who the child is.
    assert not ChronologyEntry.objects.exists()
    assert not Involvement.objects.filter(kind=InvolvementKind.FRONT_DOOR).exists()
    event = AuditEvent.objects.get(verb="concern_raised")
    assert event.child_id is None and event.payload["match"] == "candidates"


def test_an_unknown_child_becomes_a_new_unverified_record(dsl, mash_team, known_child):
    identity = Identity(
        given_name="Zephyrine",
        family_name="Quattlebaum",
        other_names=("Zeph",),
        date_of_birth=date(2017, 10, 2),
        gender="F",
        postcode="e1 7qx",
    )
    concern = raise_concern(dsl, identity, address="3 New Road")
    assert concern.match_outcome == MatchOutcome.NEW_PERSON
    child = concern.child
    assert child is not None and child != known_child
    assert child.identity_verified is False
    assert (child.given_name, child.family_name) == ("Zephyrine", "Quattlebaum")
    assert child.date_of_birth == date(2017, 10, 2) and not child.date_of_birth_estimated
    assert child.created_by == dsl
    assert child.names.filter(kind=NameKind.ALIAS, given_name="Zeph").exists()
    home = child.addresses.get()
    assert home.address.postcode == "E1 7QX" and home.address.line_1 == "3 New Road"
    assert concern.contact.child == child
    assert ChronologyEntry.objects.filter(child=child, kind=EntryKind.CONCERN).exists()
    assert Involvement.objects.filter(child=child, kind=InvolvementKind.FRONT_DOOR).exists()
    assert AuditEvent.objects.get(verb="concern_raised").payload["match"] == "new_person"


def test_an_unknown_child_known_only_by_age_gets_an_estimated_date_of_birth(dsl, mash_team):
    concern = raise_concern(dsl, Identity(given_name="Tamsin", family_name="Ollerenshaw", age=6))
    child = concern.child
    assert child.identity_verified is False and child.date_of_birth_estimated
    assert child.age(timezone.localdate()) == 6
    assert concern.child_age == 6 and concern.child_date_of_birth is None


def test_partners_without_an_agency_cannot_raise_concerns(db, known_child):
    loner = StaffFactory(role=Role.PARTNER, organisation=None)
    with pytest.raises(PermissionDenied):
        raise_concern(loner, known_child)
    assert not Concern.objects.exists() and not AuditEvent.objects.exists()


def _tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


@pytest.mark.parametrize(
    ("kwargs", "identity_changes", "field"),
    [
        ({"category": "bogus"}, {}, "category"),
        ({"category": ""}, {}, "category"),
        ({"details": "   "}, {}, "details"),
        ({"observed_on": "tomorrow"}, {}, "observed_on"),
        ({}, {"date_of_birth": "tomorrow"}, "child_date_of_birth"),
        ({}, {"date_of_birth": date(1990, 1, 1)}, "child_date_of_birth"),
        ({}, {"nhs_number": "9434765918"}, "child_nhs_number"),  # check digit wrong
        ({}, {"nhs_number": "12345"}, "child_nhs_number"),
        ({}, {"upn": "A801200005001"}, "child_upn"),
        ({}, {"upn": "B80120"}, "child_upn"),
        ({}, {"given_name": " ", "family_name": ""}, "child_family_name"),
        ({}, {"age": 19, "date_of_birth": None}, "child_age"),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(
    dsl, mash_team, known_child, kwargs, identity_changes, field
):
    kwargs = {k: _tomorrow() if v == "tomorrow" else v for k, v in kwargs.items()}
    identity_changes = {
        k: _tomorrow() if v == "tomorrow" else v for k, v in identity_changes.items()
    }
    people = Person.objects.count()
    arguments = {
        "reported_by": dsl,
        "category": "neglect",
        "details": "Came to school hungry.",
        "identity": identity_of(known_child, **identity_changes),
        **kwargs,
    }
    with pytest.raises(DomainError) as refusal:
        services.concern_raise(**arguments)
    assert refusal.value.field == field
    assert refusal.value.message
    assert not Concern.objects.exists()
    assert not Contact.objects.exists()
    assert not MatchCandidate.objects.exists()
    assert not AuditEvent.objects.exists()
    assert not ChronologyEntry.objects.exists()
    assert not Involvement.objects.exists()
    assert Person.objects.count() == people


def test_identifiers_are_stored_cleaned(dsl, mash_team):
    concern = raise_concern(
        dsl,
        Identity(
            given_name="Rayyan", family_name="Uddin", nhs_number="943 476 5919", upn="b801200005001"
        ),
    )
    assert concern.child_nhs_number == "9434765919"
    assert concern.child_upn == "B801200005001"


def test_an_immediate_category_raises_an_alert_at_once(dsl, mash_team, known_child):
    concern = raise_concern(dsl, known_child, category="sexual_abuse")
    alert = Alert.objects.get(child=known_child)
    assert alert.rule.code == "immediate"
    assert list(alert.concerns.all()) == [concern]


# ---- the referrer's own view ------------------------------------------------------------------


def test_the_referrer_sees_status_and_only_a_signed_off_outcome(
    dsl, gp, mash_worker, manager, known_child
):
    mine = raise_concern(dsl, known_child)
    theirs = raise_concern(gp, known_child, category="parental_mental_health")

    [own] = selectors.my_concerns(user=dsl)
    assert own.concern == mine
    assert (own.status, own.outcome) == ("Received by the front door", "")

    contact = services.contact_rate(contact=mine.contact, rated_by=mash_worker, rag="amber")
    [own] = selectors.my_concerns(user=dsl)
    assert (own.status, own.outcome) == ("Being looked at by the front door", "")

    contact = decide(contact, mash_worker, level=2, outcome="early_help")
    [own] = selectors.my_concerns(user=dsl)
    assert own.outcome == "" and own.status != "Decided"  # not until a manager signs off

    services.contact_sign_off(contact=contact, manager=manager, agree=True, note="")
    [own] = selectors.my_concerns(user=dsl)
    assert (own.status, own.outcome) == ("Decided", "Early help")

    # The GP's concern about the same child is the GP's alone, and still undecided.
    assert [c.concern for c in selectors.my_concerns(user=gp)] == [theirs]
    assert selectors.my_concerns(user=gp)[0].outcome == ""
    assert theirs not in [c.concern for c in selectors.my_concerns(user=dsl)]


def test_a_returned_decision_is_not_shown_to_the_referrer(dsl, mash_worker, manager, known_child):
    concern = raise_concern(dsl, known_child)
    contact = decide(concern.contact, mash_worker, level=1, outcome="nfa")
    services.contact_sign_off(
        contact=contact, manager=manager, agree=False, note="Speak to the school nurse first."
    )
    [own] = selectors.my_concerns(user=dsl)
    assert own.outcome == "" and own.status != "Decided"


def test_someone_who_raised_nothing_sees_nothing(dsl, officer, known_child):
    raise_concern(dsl, known_child)
    assert selectors.my_concerns(user=officer) == []
