"""The MASH's work on a contact: who the child is, rating, consent, information from
partners, the threshold decision, the manager's sign-off, and referrals."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from everychild import access
from everychild.access.models import (
    Involvement,
    InvolvementKind,
    RecordRestriction,
)
from everychild.alerts import selectors as alert_selectors
from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core.clock import ClockStatus
from everychild.core.errors import DomainError
from everychild.frontdoor import selectors, services
from everychild.frontdoor.models import (
    OUTCOMES_FOR_LEVEL,
    Contact,
    ContactOutcome,
    InformationRequest,
    LevelOfNeed,
    MatchOutcome,
    Referral,
)
from everychild.organisations.models import OrganisationKind
from everychild.organisations.roles import Role
from everychild.people.matching import Identity
from everychild.people.models import Person
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory
from tests.frontdoor.helpers import RATIONALE, at, decide, raise_concern, ready_to_decide

# Why the front door opens a record nobody referred (a contact of its own).
OPENING = "Her aunt rang the front door: no agency has referred her before."


@pytest.fixture
def contact(dsl, mash_team, known_child) -> Contact:
    """A school's concern about Ayesha, linked to her record and waiting at the front door."""
    return raise_concern(dsl, known_child).contact


@pytest.fixture
def ahmeds(db):
    return [
        PersonFactory(given_name="Muhammad", family_name="Ahmed", date_of_birth=date(2014, 8, 20)),
        PersonFactory(given_name="Muhammad", family_name="Ahmed", date_of_birth=date(2011, 1, 9)),
    ]


@pytest.fixture
def unconfirmed(dsl, mash_team, ahmeds) -> Contact:
    """A concern naming a child several in the index could be."""
    contact = raise_concern(
        dsl, Identity(given_name="Mohammed", family_name="Ahmed", postcode="E2 0QW", age=12)
    ).contact
    assert contact.child is None
    return contact


def verbs() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))


def restrict(child, *, named=()):
    dpo = StaffFactory(role=Role.DPO)
    restriction = RecordRestriction.objects.create(
        child=child, reason="Adoption order made", restricted_by=dpo
    )
    restriction.named_staff.set(named)
    return restriction


# ---- who the child is --------------------------------------------------------------------------


def test_the_mash_confirms_one_of_the_candidates(unconfirmed, mash_worker, mash_team, ahmeds):
    chosen = ahmeds[1]
    contact = services.contact_confirm_child(
        contact=unconfirmed, confirmed_by=mash_worker, person=chosen
    )
    assert contact.child == chosen and contact.version == 2
    assert contact.stage == "Screening"
    concern = contact.concern
    concern.refresh_from_db()
    assert concern.child == chosen and concern.match_outcome == MatchOutcome.CONFIRMED
    entry = ChronologyEntry.objects.get(child=chosen, kind=EntryKind.CONCERN)
    assert entry.source == concern and entry.recorded_by == mash_worker
    assert Involvement.objects.current().filter(
        child=chosen, team=mash_team, kind=InvolvementKind.FRONT_DOOR
    )
    assert access.can(mash_worker, "edit", chosen)
    assert not access.can(mash_worker, "view", ahmeds[0])
    event = AuditEvent.objects.get(verb="identity_confirmed")
    assert event.actor == mash_worker and event.child_id == chosen.pk
    assert event.payload == {"previous_child": None, "new_record": False}


def test_the_mash_makes_a_new_record_when_no_candidate_is_the_child(
    unconfirmed, mash_worker, ahmeds
):
    people = Person.objects.count()
    contact = services.contact_confirm_child(
        contact=unconfirmed, confirmed_by=mash_worker, person=None
    )
    assert Person.objects.count() == people + 1
    child = contact.child
    assert child not in ahmeds and child.identity_verified is False
    assert (child.given_name, child.family_name) == ("Mohammed", "Ahmed")
    assert child.date_of_birth_estimated and child.age(contact.received_on) == 12
    assert child.created_by == mash_worker
    assert child.addresses.get().address.postcode == "E2 0QW"
    assert AuditEvent.objects.get(verb="identity_confirmed").payload["new_record"] is True


def test_confirming_refusals(unconfirmed, contact, mash_worker, dsl, known_child, ahmeds):
    with pytest.raises(DomainError, match="already linked"):
        services.contact_confirm_child(
            contact=contact, confirmed_by=mash_worker, person=known_child
        )
    phoned = services.contact_record(
        recorded_by=mash_worker,
        child=known_child,
        source="phone",
        summary="Aunt rang, worried.",
        reason=OPENING,
    )
    with pytest.raises(DomainError, match="Only a partner's concern"):
        services.contact_confirm_child(contact=phoned, confirmed_by=mash_worker, person=ahmeds[0])
    hidden = PersonFactory(given_name="Muhammad", family_name="Ahmad")
    restrict(hidden)
    with pytest.raises(DomainError, match="Choose one of the children offered"):
        services.contact_confirm_child(contact=unconfirmed, confirmed_by=mash_worker, person=hidden)
    with pytest.raises(PermissionDenied):
        services.contact_confirm_child(contact=unconfirmed, confirmed_by=dsl, person=ahmeds[0])
    unconfirmed.refresh_from_db()
    assert unconfirmed.child is None and unconfirmed.version == 1
    assert "identity_confirmed" not in verbs()


def test_relinking_a_concern_takes_it_off_the_wrong_childs_chronology(
    contact, mash_worker, known_child
):
    # The front door finds the school meant Ayesha's cousin, whom the index also knows.
    cousin = PersonFactory(given_name="Ayesha", family_name="Begum", date_of_birth=date(2015, 3, 7))
    services.contact_confirm_child(contact=contact, confirmed_by=mash_worker, person=cousin)
    concern = contact.concern
    assert ChronologyEntry.objects.filter(
        child=cousin, kind=EntryKind.CONCERN, source_id=str(concern.pk)
    ).exists()
    # What the school said about the cousin must not stay on Ayesha's chronology.
    assert not ChronologyEntry.objects.filter(
        child=known_child, kind=EntryKind.CONCERN, source_id=str(concern.pk)
    ).exists()


def test_a_signed_off_contact_cannot_be_moved_to_another_child(
    contact, mash_worker, manager, known_child
):
    contact = decide(contact, mash_worker, level=4, outcome="referral")
    services.contact_sign_off(contact=contact, manager=manager, agree=True, note="")
    other = PersonFactory(given_name="Ayesha", family_name="Begun")
    with pytest.raises(DomainError):
        services.contact_confirm_child(contact=contact, confirmed_by=mash_worker, person=other)
    contact.refresh_from_db()
    assert contact.child == known_child == contact.referral.child


def test_a_restricted_child_is_not_offered_to_staff_not_named_on_the_record(
    dsl, mash_worker, mash_team, ahmeds
):
    restrict(ahmeds[0])
    contact = raise_concern(dsl, Identity(given_name="Mohammed", family_name="Ahmed")).contact
    view = selectors.contact_view(user=mash_worker, contact_id=contact.pk)
    assert ahmeds[0] not in [c.person for c in view.candidates]


def test_a_candidates_address_is_shown_only_to_who_may_open_their_record_and_each_look_is_logged(
    dsl, mash_worker, mash_team, ahmeds
):
    """Regression (access review, issue 12 item 6): the candidates' current addresses were
    shown to users who may not open their records, and the audit row named no child."""
    from tests.factories import involve
    from tests.frontdoor.helpers import home

    home(ahmeds[0], "E2 0QW", line_1="7 Quillfeather Mews")
    home(ahmeds[1], "E3 4AA", line_1="9 Ostrander Court")
    involve(ahmeds[1], kind=InvolvementKind.FRONT_DOOR, team=mash_team)  # the MASH may open it
    contact = raise_concern(dsl, Identity(given_name="Mohammed", family_name="Ahmed")).contact
    view = selectors.contact_view(user=mash_worker, contact_id=contact.pk)
    shown = {c.person: c.address for c in view.candidates}
    assert shown[ahmeds[0]] == "Postcode district E2"
    assert "Ostrander Court" in shown[ahmeds[1]]
    looked = AuditEvent.objects.filter(actor=mash_worker, verb="viewed_as_candidate")
    assert set(looked.values_list("child_id", flat=True)) == {a.pk for a in ahmeds}


# ---- contacts recorded by the MASH itself ------------------------------------------------------


def test_contact_record(mash_worker, mash_team, known_child):
    received = timezone.now() - timedelta(hours=2)
    contact = services.contact_record(
        recorded_by=mash_worker,
        child=known_child,
        source="phone",
        summary="  Grandmother rang: the children were left alone overnight.  ",
        received_at=received,
        reason=OPENING,
    )
    assert contact.received_at == received and contact.recorded_by == mash_worker
    assert contact.summary == "Grandmother rang: the children were left alone overnight."
    assert contact.concern is None and contact.stage == "Screening"
    assert AuditEvent.objects.get(verb="contact_recorded").child_id == known_child.pk
    entry = ChronologyEntry.objects.get(child=known_child, kind=EntryKind.CONTACT)
    assert entry.summary.startswith("Telephone call to the front door: Grandmother rang")
    assert Involvement.objects.current().filter(
        child=known_child, team=mash_team, kind=InvolvementKind.FRONT_DOOR
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"source": "concern"}, "source"),
        ({"source": "fax"}, "source"),
        ({"summary": "  "}, "summary"),
        ({"received_at": "future"}, "received_at"),
    ],
)
def test_contact_record_refusals(mash_worker, known_child, changes, field):
    arguments = {"source": "email", "summary": "A neighbour wrote in.", **changes}
    if arguments.get("received_at") == "future":
        arguments["received_at"] = timezone.now() + timedelta(hours=1)
    with pytest.raises(DomainError) as refusal:
        services.contact_record(
            reason=OPENING, recorded_by=mash_worker, child=known_child, **arguments
        )
    assert refusal.value.field == field
    assert not Contact.objects.exists() and not AuditEvent.objects.exists()


def test_contact_record_is_for_the_front_door_only(dsl, social_worker, known_child):
    for user in (dsl, social_worker):
        with pytest.raises(PermissionDenied):
            services.contact_record(
                recorded_by=user,
                child=known_child,
                source="phone",
                summary="Worried.",
                reason=OPENING,
            )
    assert not Contact.objects.exists()


def test_contact_record_refuses_a_restricted_record_the_worker_is_not_named_on(
    mash_worker, mash_team, known_child
):
    restrict(known_child)
    with pytest.raises((Http404, PermissionDenied)):
        services.contact_record(
            recorded_by=mash_worker,
            child=known_child,
            source="phone",
            summary="Worried.",
            reason=OPENING,
        )
    assert not Contact.objects.exists()
    assert not ChronologyEntry.objects.filter(child=known_child).exists()


def test_a_contact_on_a_child_nobody_referred_opens_the_record_with_a_reason_for_review(
    mash_worker, mash_team, known_child
):
    """Regression (access review, issue 12 item 4): recording a contact on any child gave the
    MASH the whole record at once, with no reason and no review."""
    from everychild.access import selectors as access_selectors
    from everychild.access.models import BreakGlass

    for reason in ("", "  ", "Because."):
        with pytest.raises(DomainError) as refusal:
            services.contact_record(
                recorded_by=mash_worker,
                child=known_child,
                source="phone",
                summary="Aunt rang.",
                reason=reason,
            )
        assert refusal.value.field == "reason"
    assert not Contact.objects.exists() and not AuditEvent.objects.exists()
    assert not Involvement.objects.filter(child=known_child).exists()
    assert not access.can(mash_worker, "view", known_child)

    contact = services.contact_record(
        recorded_by=mash_worker,
        child=known_child,
        source="phone",
        summary="Aunt rang.",
        reason=OPENING,
    )
    [opening] = access_selectors.break_glass_log(user=StaffFactory(role=Role.DPO))
    assert opening.kind == "front_door" and opening.reason == OPENING
    assert opening.staff == mash_worker and opening.child == known_child
    assert AuditEvent.objects.get(verb="opened_by_front_door").reason == OPENING
    assert access.can(mash_worker, "view", known_child)  # through the front door's involvement

    # The front door already sees the child: a second contact opens nothing.
    services.contact_record(
        recorded_by=mash_worker, child=known_child, source="email", summary="School wrote."
    )
    assert BreakGlass.objects.count() == 1 and contact.pk


def test_the_record_contact_page_asks_why_only_when_it_opens_the_record(
    client, mash_worker, known_child
):
    from django.urls import reverse

    client.force_login(mash_worker)
    url = reverse("frontdoor:record_contact", args=[known_child.pk])
    assert "opening this child" in client.get(url).content.decode()
    response = client.post(url, {"source": "phone", "summary": "Aunt rang."})
    assert response.status_code == 200 and not Contact.objects.exists()
    assert 'href="#id_reason"' in response.content.decode()
    response = client.post(url, {"source": "phone", "summary": "Aunt rang.", "reason": OPENING})
    assert response.status_code == 302
    assert "opening this child" not in client.get(url).content.decode()


# ---- rating and consent ----------------------------------------------------------------------


def test_contact_rate(contact, mash_worker):
    rated = services.contact_rate(contact=contact, rated_by=mash_worker, rag="red", version=1)
    assert rated.rag == "red" and rated.version == 2
    rated = services.contact_rate(contact=contact, rated_by=mash_worker, rag="amber", version=2)
    events = AuditEvent.objects.filter(verb="contact_rated").order_by("id")
    assert [e.payload for e in events] == [
        {"from": "", "to": "red"},
        {"from": "red", "to": "amber"},
    ]
    with pytest.raises(DomainError) as refusal:
        services.contact_rate(contact=contact, rated_by=mash_worker, rag="purple")
    assert refusal.value.field == "rag"


def test_an_unconfirmed_contact_cannot_be_worked_on(unconfirmed, mash_worker):
    with pytest.raises(DomainError, match="Confirm who the child is first"):
        services.contact_rate(contact=unconfirmed, rated_by=mash_worker, rag="red")
    with pytest.raises(DomainError, match="Confirm who the child is first"):
        ready_to_decide(unconfirmed, mash_worker)


@pytest.mark.parametrize(
    ("consent", "reason", "basis"),
    [
        ("given", "", "consent"),
        ("given", "", "public_task"),
        ("not_sought", "Asking would put the child at risk.", "public_task"),
        ("refused_overridden", "Mother refused; the risk of harm outweighs it.", "public_task"),
        ("not_sought", "Life at risk tonight.", "vital_interests"),
    ],
)
def test_consent_and_lawful_basis_recorded(contact, mash_worker, consent, reason, basis):
    recorded = services.contact_record_consent(
        contact=contact,
        recorded_by=mash_worker,
        consent=consent,
        reason=reason,
        lawful_basis=basis,
        version=1,
    )
    assert (recorded.consent, recorded.consent_reason, recorded.lawful_basis) == (
        consent,
        reason,
        basis,
    )
    event = AuditEvent.objects.get(verb="consent_recorded")
    assert event.reason == reason and event.payload == {"consent": consent, "basis": basis}


@pytest.mark.parametrize(
    ("consent", "reason", "basis", "field"),
    [
        ("not_sought", " ", "public_task", "consent_reason"),
        ("refused_overridden", "", "public_task", "consent_reason"),
        ("not_sought", "Would put the child at risk.", "consent", "lawful_basis"),
        ("refused_overridden", "Mother refused.", "consent", "lawful_basis"),
        ("maybe", "", "public_task", "consent"),
        ("given", "", "because", "lawful_basis"),
        ("given", "", "", "lawful_basis"),
    ],
)
def test_consent_refusals(contact, mash_worker, consent, reason, basis, field):
    with pytest.raises(DomainError) as refusal:
        services.contact_record_consent(
            contact=contact,
            recorded_by=mash_worker,
            consent=consent,
            reason=reason,
            lawful_basis=basis,
        )
    assert refusal.value.field == field
    contact.refresh_from_db()
    assert contact.consent == "" and contact.lawful_basis == "" and contact.version == 1
    assert "consent_recorded" not in verbs()


# ---- information from partners ---------------------------------------------------------------


def test_information_request_sent_and_answered_by_the_agency_asked(
    contact, mash_worker, school, dsl, known_child
):
    due = timezone.now() + timedelta(hours=4)
    request = services.information_request_send(
        contact=contact,
        requested_by=mash_worker,
        agency=school,
        question="  What is her attendance this term?  ",
        due_by=due,
    )
    assert request.question == "What is her attendance this term?" and request.due_by == due
    assert not request.is_overdue
    event = AuditEvent.objects.get(verb="information_requested")
    assert event.payload["agency"] == "Bow School" and event.child_id == known_child.pk
    assert list(selectors.requests_for_agency(user=dsl)) == [request]

    answered = services.information_request_respond(
        request=request, responded_by=dsl, response="  82%, and often late.  "
    )
    assert answered.response == "82%, and often late." and answered.responded_by == dsl
    assert answered.responder_name == dsl.get_full_name() and answered.responded_at
    entry = ChronologyEntry.objects.get(child=known_child, kind=EntryKind.CONTACT)
    assert entry.source_organisation == school and entry.recorded_by == dsl
    assert (
        entry.summary == "Bow School shared information with the front door: 82%, and often late."
    )
    assert AuditEvent.objects.filter(verb="information_given", actor=dsl).exists()
    assert list(selectors.requests_for_agency(user=dsl, answered=True)) == [answered]

    with pytest.raises(DomainError, match="already been answered"):
        services.information_request_respond(
            request=request, responded_by=dsl, response="Also: she was absent today."
        )


def test_only_the_agency_asked_or_the_mash_may_answer(contact, mash_worker, school, gp, officer):
    request = services.information_request_send(
        contact=contact,
        requested_by=mash_worker,
        agency=school,
        question="Attendance?",
        due_by=timezone.now() + timedelta(days=1),
    )
    for outsider in (gp, officer):
        with pytest.raises(PermissionDenied):
            services.information_request_respond(
                request=request, responded_by=outsider, response="We know her too."
            )
        assert list(selectors.requests_for_agency(user=outsider)) == []
    with pytest.raises(DomainError) as refusal:
        services.information_request_respond(
            request=request, responded_by=mash_worker, response="  "
        )
    assert refusal.value.field == "response"
    # The MASH may type in an answer given by telephone, naming who gave it.
    answered = services.information_request_respond(
        request=request,
        responded_by=mash_worker,
        response="Head teacher: attendance 82%.",
        responder_name="Ms Khan, head teacher",
    )
    assert answered.responder_name == "Ms Khan, head teacher"
    assert "information_given" in verbs()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_by": "past"}, "due_by"),
        ({"due_by": "now"}, "due_by"),
        ({"question": "  "}, "question"),
        ({"agency": "council"}, "agency"),
    ],
)
def test_information_request_refusals(contact, mash_worker, school, council, changes, field):
    arguments = {
        "agency": school,
        "question": "Attendance?",
        "due_by": timezone.now() + timedelta(days=1),
        **changes,
    }
    if arguments["due_by"] == "past":
        arguments["due_by"] = timezone.now() - timedelta(minutes=1)
    if arguments["due_by"] == "now":
        arguments["due_by"] = timezone.now()
    if arguments["agency"] == "council":
        arguments["agency"] = council
    with pytest.raises(DomainError) as refusal:
        services.information_request_send(contact=contact, requested_by=mash_worker, **arguments)
    assert refusal.value.field == field
    assert not InformationRequest.objects.exists()
    assert "information_requested" not in verbs()


def test_the_agency_asked_never_sees_a_restricted_childs_name(
    client, contact, mash_worker, school, dsl, known_child
):
    """Regression (access review, issue 12 item 8): the requests pages named a restricted
    child to the agency asked."""
    from django.urls import reverse

    request = services.information_request_send(
        contact=contact,
        requested_by=mash_worker,
        agency=school,
        question="Attendance?",
        due_by=timezone.now() + timedelta(days=1),
    )
    restrict(known_child, named=[mash_worker])  # sealed after the request was sent
    assert list(selectors.requests_for_agency(user=dsl)) == []
    client.force_login(dsl)
    assert (
        known_child.family_name
        not in client.get(reverse("frontdoor:agency_requests")).content.decode()
    )
    assert client.get(reverse("frontdoor:respond", args=[request.pk])).status_code == 404
    # And no new request goes out about the restricted child.
    with pytest.raises(DomainError) as refusal:
        services.information_request_send(
            contact=contact,
            requested_by=mash_worker,
            agency=school,
            question="Anything else?",
            due_by=timezone.now() + timedelta(days=1),
        )
    assert refusal.value.field == "agency" and InformationRequest.objects.count() == 1


def test_a_late_reply_is_overdue(contact, mash_worker, school):
    request = services.information_request_send(
        contact=contact,
        requested_by=mash_worker,
        agency=school,
        question="Attendance?",
        due_by=timezone.now() + timedelta(hours=1),
    )
    InformationRequest.objects.filter(pk=request.pk).update(
        due_by=timezone.now() - timedelta(minutes=5)
    )
    request.refresh_from_db()
    assert request.is_overdue


# ---- the threshold decision ------------------------------------------------------------------

# Passing to an open case has its own tests (it needs an open case).
COMBINATIONS = [
    (level, outcome)
    for level in LevelOfNeed
    for outcome in ContactOutcome
    if outcome != ContactOutcome.OPEN_CASE
]


@pytest.mark.parametrize(("level", "outcome"), COMBINATIONS, ids=lambda v: str(v.value))
def test_each_level_allows_only_its_outcomes(contact, mash_worker, level, outcome):
    contact = ready_to_decide(contact, mash_worker)
    allowed = outcome in OUTCOMES_FOR_LEVEL[level]
    if not allowed:
        with pytest.raises(DomainError) as refusal:
            services.contact_decide(
                contact=contact,
                decided_by=mash_worker,
                level_of_need=int(level),
                outcome=str(outcome),
                rationale=RATIONALE,
            )
        assert refusal.value.field == "outcome"
        contact.refresh_from_db()
        assert contact.decided_at is None
        return
    decided = services.contact_decide(
        contact=contact,
        decided_by=mash_worker,
        level_of_need=int(level),
        outcome=str(outcome),
        rationale=RATIONALE,
    )
    assert (decided.level_of_need, decided.outcome) == (level, outcome)
    assert Referral.objects.filter(contact=contact).exists() == (level == LevelOfNeed.ACUTE)


def test_statutory_outcomes_only_at_level_4():
    statutory = {ContactOutcome.REFERRAL, ContactOutcome.STRATEGY_DISCUSSION}
    for level, outcomes in OUTCOMES_FOR_LEVEL.items():
        assert bool(outcomes & statutory) == (level == LevelOfNeed.ACUTE)


def test_a_decision_stops_the_clock_and_is_recorded(contact, mash_worker, known_child):
    contact = ready_to_decide(contact, mash_worker)
    decided = services.contact_decide(
        contact=contact,
        decided_by=mash_worker,
        level_of_need=3,
        outcome="early_help",
        rationale=f"  {RATIONALE}  ",
    )
    today = timezone.localdate()
    assert decided.decided_by == mash_worker and decided.rationale == RATIONALE
    assert decided.clock.stopped == today
    assert decided.clock.status() is ClockStatus.DONE_IN_TIME
    assert decided.stage == "Awaiting manager sign-off"
    event = AuditEvent.objects.get(verb="contact_decided")
    assert event.payload == {"level": 3, "outcome": "early_help", "clock": "Done in time"}
    entry = ChronologyEntry.objects.get(child=known_child, kind=EntryKind.CONTACT_DECISION)
    assert entry.summary.startswith("Level 3: complex (multi-agency early help): Early help.")
    assert not Referral.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"rationale": "Fine."}, "rationale"),
        ({"rationale": "   " + "x" * 10 + "   "}, "rationale"),
        ({"level_of_need": 5}, "level_of_need"),
        ({"level_of_need": 0}, "level_of_need"),
        ({"outcome": "adopt"}, "outcome"),
    ],
)
def test_decision_refusals(contact, mash_worker, changes, field):
    contact = ready_to_decide(contact, mash_worker)
    arguments = {"level_of_need": 2, "outcome": "early_help", "rationale": RATIONALE, **changes}
    with pytest.raises(DomainError) as refusal:
        services.contact_decide(contact=contact, decided_by=mash_worker, **arguments)
    assert refusal.value.field == field
    contact.refresh_from_db()
    assert contact.decided_at is None and contact.level_of_need is None
    assert "contact_decided" not in verbs()


def test_the_lawful_basis_comes_before_the_decision(contact, mash_worker):
    with pytest.raises(DomainError) as refusal:
        services.contact_decide(
            contact=contact,
            decided_by=mash_worker,
            level_of_need=2,
            outcome="early_help",
            rationale=RATIONALE,
        )
    assert refusal.value.field == "lawful_basis"
    assert Contact.objects.get(pk=contact.pk).decided_at is None


def test_a_contact_is_decided_once(contact, mash_worker):
    contact = decide(contact, mash_worker)
    with pytest.raises(DomainError, match="already been decided"):
        services.contact_decide(
            contact=contact,
            decided_by=mash_worker,
            level_of_need=4,
            outcome="referral",
            rationale=RATIONALE,
        )
    assert not Referral.objects.exists()


@pytest.mark.parametrize("outcome", ["referral", "strategy"])
def test_level_4_opens_a_referral(contact, mash_worker, known_child, outcome):
    decide(contact, mash_worker, level=4, outcome=outcome)
    referral = Referral.objects.get()
    assert referral.child == known_child and referral.contact == contact
    assert referral.referral_date == contact.received_on
    assert referral.source == "2A"  # schools
    assert referral.opened_by == mash_worker
    assert not referral.is_re_referral and referral.previous_referral is None
    event = AuditEvent.objects.get(verb="referral_opened")
    assert event.payload == {"source": "2A", "re_referral": False}
    entry = ChronologyEntry.objects.get(child=known_child, kind=EntryKind.REFERRAL)
    assert entry.visibility == Visibility.PARTNERS
    assert entry.summary == "Referred to children's social care."


@pytest.fixture
def health_visitor(db):
    trust = OrganisationFactory(name="Community Health Trust", kind=OrganisationKind.HEALTH_TRUST)
    return StaffFactory(role=Role.PARTNER, organisation=trust, job_title="Health Visitor")


@pytest.mark.parametrize(
    ("reporter", "source"),
    [
        ("dsl", "2A"),
        ("officer", "6"),
        ("gp", "3A"),
        ("health_visitor", "3B"),
        ("mash_worker", "5B"),  # the council itself
    ],
)
def test_the_referral_source_follows_the_referrer(
    request, mash_team, mash_worker, known_child, reporter, source
):
    contact = raise_concern(request.getfixturevalue(reporter), known_child).contact
    decide(contact, mash_worker, level=4, outcome="referral")
    assert Referral.objects.get(contact=contact).source == source


def test_a_contact_without_a_concern_has_an_unknown_source(mash_worker, mash_team, known_child):
    contact = services.contact_record(
        recorded_by=mash_worker,
        child=known_child,
        source="phone",
        summary="Anonymous caller.",
        reason=OPENING,
    )
    decide(contact, mash_worker, level=4, outcome="referral")
    assert Referral.objects.get(contact=contact).source == "10"


def test_an_agency_of_a_new_kind_is_source_other(mash_worker, mash_team, known_child):
    mosque = OrganisationFactory(name="East London Mosque", kind=OrganisationKind.FAITH)
    volunteer = StaffFactory(role=Role.PARTNER, organisation=mosque)
    decide(raise_concern(volunteer, known_child).contact, mash_worker, level=4, outcome="referral")
    assert Referral.objects.get().source == "8"


# ---- re-referrals ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("previous", "this", "expected"),
    [
        (None, date(2026, 3, 10), False),
        (date(2026, 3, 10), date(2026, 3, 10), True),  # the same day
        (date(2025, 3, 11), date(2026, 3, 10), True),
        (date(2025, 3, 10), date(2026, 3, 10), True),  # exactly 12 months earlier
        (date(2025, 3, 9), date(2026, 3, 10), False),  # 12 months and a day
        (date(2024, 2, 29), date(2025, 2, 28), True),
        (date(2024, 2, 28), date(2025, 2, 28), True),
        (date(2024, 2, 29), date(2025, 3, 1), False),
        (date(2025, 8, 31), date(2026, 2, 28), True),
    ],
)
def test_is_re_referral_is_within_12_months(previous, this, expected):
    earlier = SimpleNamespace(referral_date=previous) if previous else None
    assert services.is_re_referral(earlier, this) is expected


def _referral_received(child, worker, on: date) -> Referral:
    contact = services.contact_record(
        recorded_by=worker,
        child=child,
        source="phone",
        summary="A call.",
        received_at=at(on),
        reason=OPENING,
    )
    decide(contact, worker, level=4, outcome="referral")
    return Referral.objects.get(contact=contact)


@pytest.mark.parametrize(
    ("second", "expected"),
    [(date(2026, 3, 10), True), (date(2026, 3, 11), False), (date(2025, 9, 1), True)],
)
def test_a_second_referral_within_12_months_is_a_re_referral(
    mash_worker, mash_team, known_child, second, expected
):
    first = _referral_received(known_child, mash_worker, date(2025, 3, 10))
    assert not first.is_re_referral
    Referral.objects.filter(pk=first.pk).update(closed_on=date(2025, 8, 29), closure_reason="RC7")
    again = _referral_received(known_child, mash_worker, second)
    assert again.is_re_referral is expected
    assert again.previous_referral == first
    event = AuditEvent.objects.filter(verb="referral_opened").order_by("id").last()
    assert event.payload["re_referral"] is expected
    entry = ChronologyEntry.objects.filter(child=known_child, kind=EntryKind.REFERRAL).first()
    assert ("re-referral" in entry.summary) is expected


def test_a_withdrawn_referral_does_not_make_a_re_referral(
    mash_worker, manager, mash_team, known_child
):
    contact = services.contact_record(
        recorded_by=mash_worker,
        child=known_child,
        source="phone",
        summary="A call.",
        received_at=at(date(2025, 6, 2)),
        reason=OPENING,
    )
    contact = decide(contact, mash_worker, level=4, outcome="referral")
    services.contact_sign_off(
        contact=contact, manager=manager, agree=False, note="Not level 4: early help first."
    )
    again = _referral_received(known_child, mash_worker, date(2025, 9, 1))
    assert not again.is_re_referral and again.previous_referral is None


# ---- the manager's sign-off ------------------------------------------------------------------


def test_a_manager_signs_off_and_the_front_door_closes(
    contact, mash_worker, manager, mash_team, known_child
):
    contact = decide(contact, mash_worker, level=2, outcome="early_help")
    signed = services.contact_sign_off(
        contact=contact, manager=manager, agree=True, note="  Agreed.  ", version=contact.version
    )
    today = timezone.localdate()
    assert signed.signed_off_by == manager and signed.signed_off_at
    assert signed.sign_off_note == "Agreed." and signed.stage == "Decided"
    involvement = Involvement.objects.get(child=known_child, kind=InvolvementKind.FRONT_DOOR)
    assert involvement.ended_on == today
    event = AuditEvent.objects.get(verb="decision_signed_off")
    assert event.actor == manager and event.reason == "Agreed."
    assert ChronologyEntry.objects.filter(
        child=known_child,
        kind=EntryKind.CONTACT_DECISION,
        summary="Front-door decision signed off by a manager.",
    ).exists()
    with pytest.raises(DomainError, match="signed off"):
        services.contact_rate(contact=signed, rated_by=mash_worker, rag="red")
    with pytest.raises(DomainError, match="already been signed off"):
        services.contact_sign_off(contact=signed, manager=manager, agree=True, note="")


def test_the_front_door_stays_open_while_another_contact_is_open(
    contact, officer, mash_worker, manager, known_child
):
    raise_concern(officer, known_child, category="domestic_abuse")
    contact = decide(contact, mash_worker)
    services.contact_sign_off(contact=contact, manager=manager, agree=True, note="")
    involvement = Involvement.objects.get(child=known_child, kind=InvolvementKind.FRONT_DOOR)
    assert involvement.ended_on is None


def test_a_contact_arriving_the_day_the_front_door_closed_keeps_the_child_visible(
    contact, officer, mash_worker, manager, mash_team, known_child
):
    contact = decide(contact, mash_worker, level=1, outcome="nfa")
    services.contact_sign_off(contact=contact, manager=manager, agree=True, note="")
    later = raise_concern(officer, known_child, category="domestic_abuse").contact
    assert later.signed_off_at is None
    # Tomorrow the new contact is still open, so the MASH must still be able to see the child.
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert (
        Involvement.objects.current(tomorrow)
        .filter(child=known_child, team=mash_team, kind=InvolvementKind.FRONT_DOOR)
        .exists()
    )


def test_a_manager_returns_a_decision_with_a_note(contact, mash_worker, manager, known_child):
    contact = decide(contact, mash_worker, level=4, outcome="referral")
    referral = Referral.objects.get()
    returned = services.contact_sign_off(
        contact=contact,
        manager=manager,
        agree=False,
        note="  Check with the health visitor before a referral.  ",
    )
    assert returned.decided_at is None and returned.decided_by is None
    assert returned.level_of_need is None and returned.outcome == "" and returned.rationale == ""
    assert returned.signed_off_at is None and returned.stage == "Screening"
    assert returned.sign_off_note == "Check with the health visitor before a referral."
    referral.refresh_from_db()
    assert referral.withdrawn_at is not None
    event = AuditEvent.objects.get(verb="decision_returned")
    assert event.reason == "Check with the health visitor before a referral."
    assert ChronologyEntry.objects.filter(
        child=known_child, summary__startswith="Front-door decision returned: Check with"
    ).exists()
    # Still at the front door: decided again, at level 4 it opens a fresh referral.
    assert Involvement.objects.current().filter(child=known_child, kind=InvolvementKind.FRONT_DOOR)
    services.contact_decide(
        contact=returned,
        decided_by=mash_worker,
        level_of_need=4,
        outcome="strategy",
        rationale=RATIONALE,
    )
    fresh = Referral.objects.get(contact=contact)
    assert fresh.withdrawn_at is None and not fresh.is_re_referral


def test_returning_needs_a_note(contact, mash_worker, manager):
    contact = decide(contact, mash_worker)
    with pytest.raises(DomainError) as refusal:
        services.contact_sign_off(contact=contact, manager=manager, agree=False, note="  ")
    assert refusal.value.field == "note"
    assert Contact.objects.get(pk=contact.pk).decided_at is not None


def test_sign_off_refusals(contact, mash_worker, manager, second_manager, dsl):
    with pytest.raises(DomainError, match="no decision"):
        services.contact_sign_off(contact=contact, manager=manager, agree=True, note="")
    for not_a_manager in (mash_worker, dsl):
        with pytest.raises(PermissionDenied):
            services.contact_sign_off(contact=contact, manager=not_a_manager, agree=True, note="")
    contact = ready_to_decide(contact, manager)
    contact = services.contact_decide(
        contact=contact,
        decided_by=manager,
        level_of_need=1,
        outcome="signpost",
        rationale=RATIONALE,
    )
    with pytest.raises(DomainError, match="Another manager"):
        services.contact_sign_off(contact=contact, manager=manager, agree=True, note="")
    signed = services.contact_sign_off(contact=contact, manager=second_manager, agree=True, note="")
    assert signed.signed_off_by == second_manager


def test_a_manager_of_another_team_cannot_sign_off(contact, mash_worker):
    contact = decide(contact, mash_worker)
    elsewhere = StaffFactory(role=Role.TEAM_MANAGER)
    with pytest.raises(PermissionDenied):
        services.contact_sign_off(contact=contact, manager=elsewhere, agree=True, note="")


# ---- optimistic concurrency ------------------------------------------------------------------


def _confirm(contact, user, version):
    return services.contact_confirm_child(
        contact=contact, confirmed_by=user, person=None, version=version
    )


def _rate(contact, user, version):
    return services.contact_rate(contact=contact, rated_by=user, rag="green", version=version)


def _consent(contact, user, version):
    return services.contact_record_consent(
        contact=contact,
        recorded_by=user,
        consent="given",
        reason="",
        lawful_basis="consent",
        version=version,
    )


def _decide(contact, user, version):
    return services.contact_decide(
        contact=contact,
        decided_by=user,
        level_of_need=1,
        outcome="nfa",
        rationale=RATIONALE,
        version=version,
    )


@pytest.mark.parametrize("write", [_rate, _consent, _decide, _confirm])
def test_a_stale_version_is_refused(contact, unconfirmed, mash_worker, write):
    target = unconfirmed if write is _confirm else contact
    if write is _decide:
        target = ready_to_decide(target, mash_worker)
    stale = target.version
    # Someone else changes the contact meanwhile.
    Contact.objects.filter(pk=target.pk).update(version=stale + 1)
    before = verbs()
    with pytest.raises(DomainError, match="Someone else changed this contact"):
        write(target, mash_worker, stale)
    assert verbs() == before
    # With the version they saw, it goes through, and the version moves on.
    done = write(target, mash_worker, stale + 1)
    assert done.version == stale + 2


def test_a_stale_sign_off_is_refused(contact, mash_worker, manager):
    contact = decide(contact, mash_worker)
    seen = contact.version
    services.contact_rate(contact=contact, rated_by=mash_worker, rag="red", version=seen)
    with pytest.raises(DomainError, match="Someone else changed this contact"):
        services.contact_sign_off(
            contact=contact, manager=manager, agree=True, note="", version=seen
        )
    assert Contact.objects.get(pk=contact.pk).signed_off_at is None


# ---- who may work on a contact ---------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PARTNER, Role.SOCIAL_WORKER, Role.DPO, Role.LADO])
def test_only_the_front_door_works_on_contacts(contact, school, role):
    outsider = StaffFactory(role=role)
    attempts = [
        lambda: services.contact_rate(contact=contact, rated_by=outsider, rag="red"),
        lambda: ready_to_decide(contact, outsider),
        lambda: services.information_request_send(
            contact=contact,
            requested_by=outsider,
            agency=school,
            question="?",
            due_by=timezone.now() + timedelta(days=1),
        ),
        lambda: services.contact_decide(
            contact=contact,
            decided_by=outsider,
            level_of_need=1,
            outcome="nfa",
            rationale=RATIONALE,
        ),
        lambda: services.contact_confirm_child(contact=contact, confirmed_by=outsider, person=None),
        lambda: services.contact_sign_off(contact=contact, manager=outsider, agree=True, note=""),
    ]
    before = verbs()
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert verbs() == before
    contact.refresh_from_db()
    assert contact.version == 1 and contact.rag == "" and contact.decided_at is None


def test_a_mash_worker_cannot_work_on_a_child_the_front_door_does_not_hold(
    mash_worker, known_child, social_worker
):
    # A contact about a child held elsewhere, that never reached the MASH's involvement.
    contact = Contact.objects.create(
        child=known_child, source="phone", received_at=timezone.now(), summary="A call."
    )
    with pytest.raises(PermissionDenied):
        services.contact_rate(contact=contact, rated_by=mash_worker, rag="red")


# ---- every write is audited ------------------------------------------------------------------


def test_a_journey_through_the_front_door_is_audited_step_by_step(
    unconfirmed, mash_worker, manager, school, dsl, ahmeds
):
    contact = services.contact_confirm_child(
        contact=unconfirmed, confirmed_by=mash_worker, person=ahmeds[0]
    )
    contact = services.contact_rate(contact=contact, rated_by=mash_worker, rag="amber")
    request = services.information_request_send(
        contact=contact,
        requested_by=mash_worker,
        agency=school,
        question="Anything else?",
        due_by=timezone.now() + timedelta(hours=3),
    )
    services.information_request_respond(request=request, responded_by=dsl, response="No.")
    contact = ready_to_decide(contact, mash_worker)
    contact = services.contact_decide(
        contact=contact,
        decided_by=mash_worker,
        level_of_need=4,
        outcome="referral",
        rationale=RATIONALE,
    )
    services.contact_sign_off(contact=contact, manager=manager, agree=True, note="")
    assert verbs() == [
        "concern_raised",
        "involvement_started",  # the MASH may see the child while the contact is open
        "identity_confirmed",
        "contact_rated",
        "information_requested",
        "information_given",
        "consent_recorded",
        "contact_decided",
        "referral_opened",
        "involvement_ended",  # signed off: the MASH's involvement ends
        "decision_signed_off",
    ]
    assert set(
        AuditEvent.objects.exclude(verb="concern_raised").values_list("child_id", flat=True)
    ) == {ahmeds[0].pk}


def test_a_contact_about_an_open_case_goes_to_the_allocated_team(
    mash_worker, mash_team, known_child
):
    first = _referral_received(known_child, mash_worker, date(2025, 3, 10))
    contact = services.contact_record(
        recorded_by=mash_worker,
        child=known_child,
        source="phone",
        summary="Another call.",
        received_at=at(date(2025, 4, 2)),
        reason=OPENING,
    )
    contact = ready_to_decide(contact, mash_worker)
    with pytest.raises(DomainError, match="already open") as refusal:
        services.contact_decide(
            contact=contact,
            decided_by=mash_worker,
            level_of_need=4,
            outcome="referral",
            rationale=RATIONALE,
        )
    assert refusal.value.field == "outcome"
    services.contact_decide(
        contact=contact,
        decided_by=mash_worker,
        level_of_need=4,
        outcome="open_case",
        rationale=RATIONALE,
    )
    assert Referral.objects.filter(child=known_child).count() == 1
    assert first.pk == Referral.objects.get(child=known_child).pk


def test_open_case_needs_an_open_case(contact, mash_worker):
    contact = ready_to_decide(contact, mash_worker)
    with pytest.raises(DomainError, match="no open case"):
        services.contact_decide(
            contact=contact,
            decided_by=mash_worker,
            level_of_need=4,
            outcome="open_case",
            rationale=RATIONALE,
        )


# ---- what the MASH weighs: the household's history, and who may look ----------------------


def test_the_contact_shows_a_siblings_child_protection_plan_and_audits_each_look(
    contact, mash_worker, known_child
):
    from everychild.casework.models import ChildProtectionPlan
    from everychild.people.models import PersonAddress

    brother = PersonFactory(given_name="Imran", family_name="Begum", date_of_birth=date(2013, 1, 4))
    address = PersonAddress.objects.get(person=known_child).address
    PersonAddress.objects.create(person=brother, address=address)
    sibling_contact = Contact.objects.create(
        child=brother, source="phone", received_at=timezone.now() - timedelta(days=400)
    )
    referral = Referral.objects.create(
        child=brother,
        contact=sibling_contact,
        referral_date=date(2025, 10, 1),
        source="2A",
    )
    ChildProtectionPlan.objects.create(
        child=brother,
        referral=referral,
        started_on=date(2025, 11, 3),
        initial_category="NEG",
        latest_category="NEG",
        ended_on=date(2026, 5, 1),
    )
    view = selectors.contact_view(user=mash_worker, contact_id=contact.pk)
    [history] = [h for h in view.household if h.member.person == brother]
    assert history.plans == ["Child protection plan (neglect) from 3 Nov 2025 to 1 May 2026"]
    assert history.referrals == [referral] and history.contacts == 1
    looked = AuditEvent.objects.filter(actor=mash_worker, verb="viewed_household_history")
    assert brother.pk in set(looked.values_list("child_id", flat=True))
    viewed = AuditEvent.objects.get(actor=mash_worker, verb="viewed_contact")
    assert viewed.child_id == known_child.pk and brother.pk in viewed.payload["household"]


def test_a_restricted_sibling_and_their_history_are_not_on_the_contact(
    contact, mash_worker, known_child
):
    """Regression (access review, issue 12 item 1): the household history named a sealed
    (adopted) brother and added his referrals and contacts, and audited a look at his record."""
    from everychild.people.models import PersonAddress

    sealed = PersonFactory(given_name="Zephyrine", family_name="Quillfeather")
    PersonAddress.objects.create(
        person=sealed, address=PersonAddress.objects.get(person=known_child).address
    )
    old = Contact.objects.create(child=sealed, source="phone", received_at=timezone.now())
    Referral.objects.create(child=sealed, contact=old, referral_date=date(2025, 10, 1), source="2A")
    restriction = RecordRestriction.objects.create(
        child=sealed, reason="Adopted: record sealed", restricted_by=StaffFactory(role=Role.DPO)
    )
    view = selectors.contact_view(user=mash_worker, contact_id=contact.pk)
    assert sealed not in [h.member.person for h in view.household]
    assert not AuditEvent.objects.filter(child=sealed).exists()
    viewed = AuditEvent.objects.get(actor=mash_worker, verb="viewed_contact")
    assert sealed.pk not in viewed.payload["household"]

    restriction.named_staff.add(mash_worker)
    view = selectors.contact_view(user=mash_worker, contact_id=contact.pk)
    assert sealed in [h.member.person for h in view.household]


def test_only_the_front_door_opens_a_contact_or_the_alerts(contact, dsl, gp):
    social_worker = StaffFactory(role=Role.SOCIAL_WORKER)
    for user in (dsl, gp, social_worker):
        with pytest.raises(PermissionDenied):
            selectors.contact_view(user=user, contact_id=contact.pk)
        with pytest.raises(PermissionDenied):
            alert_selectors.alerts_list(user=user)
    assert not AuditEvent.objects.filter(verb="viewed_contact").exists()
