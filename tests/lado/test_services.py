"""LADO services: each one's happy path, its refusals (naming the field, writing nothing),
its audit row, and that nothing ever reaches a child's or the subject's chronology."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry
from everychild.core.errors import DomainError
from everychild.lado import services
from everychild.lado.models import (
    Allegation,
    AllegationAction,
    AllegationMeeting,
    EmployerAction,
    Engagement,
)
from everychild.organisations.roles import Role
from everychild.people.models import NameKind, Person, PersonKind, PersonName
from everychild.people.search import SearchQuery, rank
from tests.factories import PersonFactory, StaffFactory
from tests.lado.helpers import BASIS, at, considered, days_ago, receive, resolve, today

HELD = 2  # the test meeting was held this many days ago

LADO_VERBS = {
    "allegation_received",
    "allegation_considered",
    "allegation_meeting",
    "allegation_action_done",
    "employer_action_recorded",
    "agency_outcomes_recorded",
    "allegation_outcome",
    "allegation_access_granted",
    "allegation_access_revoked",
    "engagement_recorded",
}


def _events(verb: str):
    return AuditEvent.objects.filter(verb=verb)


def _snapshot() -> dict:
    """Counts of everything a LADO service could write."""
    return {
        "allegations": Allegation.objects.count(),
        "meetings": AllegationMeeting.objects.count(),
        "actions": AllegationAction.objects.count(),
        "done": AllegationAction.objects.filter(done_on__isnull=False).count(),
        "employer_actions": EmployerAction.objects.count(),
        "engagements": Engagement.objects.count(),
        "people": Person.objects.count(),
        "names": PersonName.objects.count(),
        "audit": AuditEvent.objects.filter(verb__in=LADO_VERBS).count(),
        "chronology": ChronologyEntry.objects.count(),
    }


def _refused(call, field, **kwargs) -> DomainError:
    before = _snapshot()
    with pytest.raises(DomainError) as caught:
        call(**kwargs)
    assert caught.value.field == field, caught.value.message
    assert _snapshot() == before
    return caught.value


def _forbidden(call, **kwargs) -> None:
    before = _snapshot()
    with pytest.raises(PermissionDenied):
        call(**kwargs)
    assert _snapshot() == before


@pytest.fixture
def allegation(lado, teacher, pupil, school):
    return receive(lado, teacher, employer=school, employer_name="", children=[pupil])


@pytest.fixture
def open_case(allegation, lado):
    return considered(allegation, lado)


# ---- receiving ----------------------------------------------------------------------------


def test_receive_an_allegation_about_an_adult_in_the_index(lado, teacher, pupil, school):
    chronology = ChronologyEntry.objects.count()
    allegation = receive(lado, teacher, employer=school, employer_name="ignored", children=[pupil])
    allegation.refresh_from_db()
    assert allegation.subject == teacher
    assert allegation.employer == school and allegation.employer_name == ""
    assert allegation.employer_label == "Canal Primary School"
    assert list(allegation.children.all()) == [pupil]
    assert allegation.kinds == ["harm"]
    assert allegation.recorded_by == lado
    assert allegation.stage == "initial"
    event = _events("allegation_received").get()
    assert event.actor == lado and event.child_id is None
    assert event.object_id == str(allegation.pk)
    assert event.payload == {
        "allegation": allegation.pk,
        "sector": "education",
        "kinds": ["harm"],
        "children": 1,
    }
    assert ChronologyEntry.objects.count() == chronology


def test_receive_an_allegation_about_someone_new_adds_a_searchable_adult(lado, db):
    allegation = receive(
        lado,
        services.Subject(
            given_name=" Kwame ", family_name="Mensah ", date_of_birth=date(1975, 6, 1)
        ),
        sector="sport",
        employer_name="Bow Boxing Academy",
        kinds=["harm", "harm", "unsuitable"],
    )
    subject = allegation.subject
    assert subject.kind == PersonKind.ADULT
    assert (subject.given_name, subject.family_name) == ("Kwame", "Mensah")
    assert subject.created_by == lado
    name = PersonName.objects.get(person=subject)
    assert name.kind == NameKind.CURRENT and name.family_key
    assert allegation.kinds == ["harm", "unsuitable"]  # duplicates dropped
    assert allegation.employer is None and allegation.employer_name == "Bow Boxing Academy"
    found = rank(SearchQuery(text="Kwame Mensa"), 5, Person.objects.filter(kind="adult"))
    assert found and found[0].person_id == subject.pk
    assert not ChronologyEntry.objects.filter(child=subject).exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sector": "banking"}, "sector"),
        ({"referrer_sector": ""}, "referrer_sector"),
        ({"kinds": []}, "kinds"),
        ({"kinds": ["harm", "rudeness"]}, "kinds"),
        ({"subject_role": "  "}, "subject_role"),
        ({"employer_name": ""}, "employer_name"),
        ({"description": " "}, "description"),
        ({"referred_by": ""}, "referred_by"),
        ({"received_at": "future"}, "received_at"),
    ],
)
def test_receive_refuses_bad_input_and_writes_nothing(lado, teacher, change, field):
    if change.get("received_at") == "future":
        change = {"received_at": timezone.now() + timedelta(hours=2)}
    _refused(lambda **kw: receive(lado, teacher, **kw), field, **change)


def test_receive_refuses_a_child_as_the_subject(lado, pupil):
    _refused(lambda: receive(lado, pupil), "subject")


def test_receive_refuses_a_new_subject_without_a_family_name(lado, db):
    new = services.Subject(given_name="Kwame", family_name=" ")
    _refused(lambda: receive(lado, new), "subject_family_name")


def test_receive_refuses_a_new_subject_born_in_the_future(lado, db):
    new = services.Subject(family_name="Mensah", date_of_birth=today() + timedelta(days=1))
    _refused(lambda: receive(lado, new), "subject_date_of_birth")


def test_receive_refuses_an_adult_among_the_children(lado, teacher):
    other_adult = PersonFactory(kind=PersonKind.ADULT)
    _refused(lambda: receive(lado, teacher, children=[other_adult]), "children")


@pytest.mark.parametrize(
    "who", ["worker", "dsl", "officer", "dpo"], ids=lambda w: f"refused for {w}"
)
def test_only_the_lado_receives_allegations(request, who, teacher):
    user = request.getfixturevalue(who)
    _forbidden(lambda: receive(user, teacher))


# ---- initial consideration ----------------------------------------------------------------


def test_initial_consideration(allegation, lado):
    considered(allegation, lado, decision="police")
    allegation.refresh_from_db()
    assert allegation.initial_decision == "police"
    assert allegation.initial_decided_at is not None
    assert allegation.version == 2
    assert allegation.stage == "meetings"
    event = _events("allegation_considered").get()
    assert event.child_id is None and event.payload["decision"] == "police"
    assert event.payload["clock"]  # e.g. "Done 3 working days late"


@pytest.mark.parametrize(
    ("decision", "rationale", "field"),
    [("maybe", "A good long reason to decide.", "decision"), ("met", "Short", "rationale")],
)
def test_initial_consideration_refuses_bad_input(allegation, lado, decision, rationale, field):
    _refused(
        services.initial_consideration,
        field,
        allegation=allegation,
        decided_by=lado,
        decision=decision,
        rationale=rationale,
    )


def test_initial_consideration_is_recorded_once(open_case, lado):
    error = _refused(
        services.initial_consideration,
        None,
        allegation=open_case,
        decided_by=lado,
        decision="not_met",
        rationale="Changing my mind about it.",
    )
    assert "already recorded" in error.message


def test_initial_consideration_only_by_the_lado(allegation, worker):
    _forbidden(
        services.initial_consideration,
        allegation=allegation,
        decided_by=worker,
        decision="met",
        rationale="A good long reason to decide.",
    )


# ---- meetings and actions -----------------------------------------------------------------


def _meeting(allegation, lado, **overrides):
    held = days_ago(HELD)
    fields = {
        "allegation": allegation,
        "recorded_by": lado,
        "kind": "strategy",
        "held_on": held,
        "attendees": "Helen Byrne (LADO), Dan Cole (police), Ann Lee (school)",
        "notes": "The police will interview the pupil first.",
        "actions": [
            services.ActionSpec("Interview the pupil", "Dan Cole, police", held + timedelta(7)),
            services.ActionSpec("Suspend pending enquiries", "Head teacher", held),
        ],
    }
    return services.meeting_record(**(fields | overrides))


def test_a_strategy_meeting_with_actions(open_case, lado, police, school):
    meeting = _meeting(open_case, lado, agencies=[police, school])
    assert meeting.kind == "strategy" and set(meeting.agencies.all()) == {police, school}
    actions = list(meeting.actions.order_by("due_on"))
    assert [a.action for a in actions] == ["Suspend pending enquiries", "Interview the pupil"]
    assert all(a.allegation == open_case for a in actions)
    assert open_case.stage == "investigation"
    event = _events("allegation_meeting").get()
    assert event.payload == {"allegation": open_case.pk, "kind": "strategy", "actions": 2}
    assert event.child_id is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda case: {"kind": "chat"}, "kind"),
        (lambda case: {"held_on": today() + timedelta(days=1)}, "held_on"),
        (
            lambda case: {"held_on": case.received_on - timedelta(days=1), "actions": []},
            "held_on",
        ),
        (lambda case: {"attendees": " "}, "attendees"),
        (
            lambda case: {"actions": [services.ActionSpec("Do it", " ", days_ago(HELD))]},
            "actions",
        ),
        (
            lambda case: {"actions": [services.ActionSpec("", "Me", days_ago(HELD))]},
            "actions",
        ),
        (
            lambda case: {"actions": [services.ActionSpec("Do it", "Me", days_ago(HELD + 1))]},
            "actions",
        ),
    ],
    ids=["kind", "future", "before referral", "attendees", "owner", "action", "due before"],
)
def test_a_meeting_refuses_bad_input(open_case, lado, change, field):
    _refused(lambda **kw: _meeting(open_case, lado, **kw), field, **change(open_case))


def test_no_meeting_on_a_closed_allegation(open_case, lado):
    resolve(open_case, lado, days_ago(1))
    open_case.refresh_from_db()
    error = _refused(lambda: _meeting(open_case, lado), None)
    assert "closed" in error.message


def test_no_meeting_on_an_allegation_closed_since_it_was_read(open_case, lado):
    stale = Allegation.objects.get(pk=open_case.pk)
    resolve(open_case, lado, days_ago(1))
    _refused(lambda: _meeting(stale, lado), None)


def test_marking_an_action_done(open_case, lado):
    meeting = _meeting(open_case, lado)
    action = meeting.actions.first()
    services.action_done(action=action, done_by=lado, done_on=days_ago(1))
    action.refresh_from_db()
    assert action.done_on == days_ago(1)
    assert action.clock.stopped == days_ago(1)
    assert _events("allegation_action_done").get().payload["action"] == action.pk
    assert (
        "already done" in _refused(services.action_done, None, action=action, done_by=lado).message
    )


def test_an_action_cannot_be_done_in_the_future_or_by_anyone_else(open_case, lado, officer):
    action = _meeting(open_case, lado).actions.first()
    tomorrow = today() + timedelta(days=1)
    _refused(services.action_done, "done_on", action=action, done_by=lado, done_on=tomorrow)
    open_case.named_staff.add(officer)
    _forbidden(services.action_done, action=action, done_by=officer)


# ---- employer's actions and other agencies' outcomes --------------------------------------


def test_employer_actions(open_case, lado):
    action = services.employer_action_record(
        allegation=open_case,
        recorded_by=lado,
        kind="suspension",
        started_on=days_ago(3),
        notes="Suspended on full pay.",
    )
    assert action.ended_on is None and action.notes == "Suspended on full pay."
    assert _events("employer_action_recorded").get().payload["kind"] == "suspension"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "sacking"}, "kind"),
        ({"started_on": "tomorrow"}, "started_on"),
        ({"ended_on": "before"}, "ended_on"),
    ],
)
def test_employer_actions_refuse_bad_input(open_case, lado, change, field):
    fields = {"kind": "suspension", "started_on": days_ago(3)}
    if change.get("started_on") == "tomorrow":
        change = {"started_on": today() + timedelta(days=1)}
    if change.get("ended_on") == "before":
        change = {"ended_on": days_ago(4)}
    _refused(
        services.employer_action_record,
        field,
        allegation=open_case,
        recorded_by=lado,
        **(fields | change),
    )


def test_police_and_social_care_outcomes(open_case, lado):
    services.agency_outcomes_record(
        allegation=open_case, recorded_by=lado, police_outcome="No further action."
    )
    services.agency_outcomes_record(
        allegation=open_case, recorded_by=lado, social_care_outcome="Single assessment: no role."
    )
    open_case.refresh_from_db()
    assert open_case.police_outcome == "No further action."
    assert open_case.social_care_outcome == "Single assessment: no role."
    assert _events("agency_outcomes_recorded").count() == 2
    _refused(
        services.agency_outcomes_record,
        "police_outcome",
        allegation=open_case,
        recorded_by=lado,
        police_outcome=" ",
    )


# ---- the outcome --------------------------------------------------------------------------


def test_recording_the_outcome_closes_the_allegation(open_case, lado):
    resolve(open_case, lado, days_ago(1), consequences=["dbs", "dismissal", "dbs"])
    open_case.refresh_from_db()
    assert open_case.outcome == "substantiated" and open_case.outcome_on == days_ago(1)
    assert open_case.outcome_basis == BASIS
    assert open_case.consequences == ["dbs", "dismissal"]
    assert open_case.stage == "outcome"
    assert open_case.days_to_outcome() == 4
    event = _events("allegation_outcome").get()
    assert event.payload["days"] == 4 and event.payload["outcome"] == "substantiated"
    assert event.child_id is None
    error = _refused(lambda: resolve(open_case, lado, today()), None)
    assert "closed" in error.message


def test_an_outcome_needs_the_initial_consideration_first(allegation, lado):
    error = _refused(lambda: resolve(allegation, lado, today()), None)
    assert "initial consideration" in error.message


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"outcome": "proven"}, "outcome"),
        ({"outcome_on": None}, "outcome_on"),
        ({"outcome_on": "tomorrow"}, "outcome_on"),
        ({"outcome_on": "before"}, "outcome_on"),
        ({"basis": "It was true."}, "basis"),
        ({"basis": "   "}, "basis"),
        ({"consequences": []}, "consequences"),
        ({"consequences": ["hanging"]}, "consequences"),
        ({"consequences": ["none", "training"]}, "consequences"),
    ],
)
def test_an_outcome_needs_a_date_a_basis_and_what_follows(open_case, lado, change, field):
    if change.get("outcome_on") == "tomorrow":
        change = {"outcome_on": today() + timedelta(days=1)}
    elif change.get("outcome_on") == "before":
        change = {"outcome_on": open_case.received_on - timedelta(days=1)}
    change = {"outcome_on": today()} | change
    _refused(lambda **kw: resolve(open_case, lado, **kw), field, **change)


def test_over_twelve_months_needs_an_exceptional_reason(lado, teacher):
    received = today() - relativedelta(months=13)
    allegation = considered(receive(lado, teacher, received_at=at(received)), lado)
    _refused(lambda: resolve(allegation, lado, today()), "exceptional_delay")
    resolve(
        allegation,
        lado,
        today(),
        outcome="unsubstantiated",
        consequences=["none"],
        exceptional_delay="The criminal trial was adjourned twice.",
    )
    allegation.refresh_from_db()
    assert allegation.exceptional_delay == "The criminal trial was adjourned twice."


def test_exactly_twelve_months_needs_no_exceptional_reason(lado, teacher):
    received = today() - relativedelta(months=12)
    allegation = considered(receive(lado, teacher, received_at=at(received)), lado)
    resolve(allegation, lado, today(), consequences=["none"], outcome="unfounded")
    assert Allegation.objects.get(pk=allegation.pk).outcome == "unfounded"


def test_only_the_lado_records_outcomes(open_case, officer):
    open_case.named_staff.add(officer)
    _forbidden(lambda: resolve(open_case, officer, today()))


# ---- named access -------------------------------------------------------------------------


def test_naming_and_unnaming_someone(allegation, lado, officer):
    services.named_access_grant(allegation=allegation, staff=officer, granted_by=lado)
    assert list(allegation.named_staff.all()) == [officer]
    assert _events("allegation_access_granted").get().payload["staff"] == officer.pk
    _refused(
        services.named_access_grant, "staff", allegation=allegation, staff=officer, granted_by=lado
    )
    services.named_access_revoke(allegation=allegation, staff=officer, revoked_by=lado)
    assert not allegation.named_staff.exists()
    assert _events("allegation_access_revoked").get().payload["staff"] == officer.pk
    _refused(
        services.named_access_revoke, "staff", allegation=allegation, staff=officer, revoked_by=lado
    )


def test_an_inactive_account_cannot_be_named(allegation, lado):
    leaver = StaffFactory(role=Role.PARTNER, is_active=False)
    _refused(
        services.named_access_grant, "staff", allegation=allegation, staff=leaver, granted_by=lado
    )


def test_a_named_person_cannot_name_others(allegation, lado, officer, dsl):
    services.named_access_grant(allegation=allegation, staff=officer, granted_by=lado)
    _forbidden(services.named_access_grant, allegation=allegation, staff=dsl, granted_by=officer)


# ---- the engagement log -------------------------------------------------------------------


def test_recording_engagement(lado, school):
    engagement = services.engagement_record(
        recorded_by=lado,
        held_on=days_ago(10),
        sector="education",
        covered="Safer recruitment and when to call the LADO.",
        organisation=school,
        organisation_name="ignored",
        people_reached=45,
    )
    assert engagement.organisation == school and engagement.organisation_name == ""
    event = _events("engagement_recorded").get()
    assert event.payload == {"sector": "education"} and event.child_id is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"held_on": "tomorrow"}, "held_on"),
        ({"sector": "mining"}, "sector"),
        ({"organisation_name": " "}, "organisation_name"),
        ({"covered": ""}, "covered"),
    ],
)
def test_engagement_refuses_bad_input(lado, change, field):
    if change.get("held_on") == "tomorrow":
        change = {"held_on": today() + timedelta(days=1)}
    fields = {
        "recorded_by": lado,
        "held_on": days_ago(3),
        "sector": "faith",
        "covered": "Keeping children safe in madrasahs.",
        "organisation_name": "Canal Street Community Mosque",
    }
    _refused(services.engagement_record, field, **(fields | change))


def test_only_the_lado_records_engagement(worker):
    _forbidden(
        services.engagement_record,
        recorded_by=worker,
        held_on=days_ago(3),
        sector="faith",
        covered="Something.",
        organisation_name="A group",
    )


# ---- nothing on anyone's chronology -------------------------------------------------------


def test_the_whole_journey_writes_nothing_to_any_chronology(
    lado, teacher, pupil, school, police, officer
):
    second = PersonFactory()
    before = ChronologyEntry.objects.count()
    allegation = receive(lado, teacher, employer=school, children=[pupil, second])
    considered(allegation, lado)
    meeting = _meeting(allegation, lado, agencies=[police])
    services.action_done(action=meeting.actions.first(), done_by=lado)
    services.employer_action_record(
        allegation=allegation, recorded_by=lado, kind="suspension", started_on=days_ago(2)
    )
    services.agency_outcomes_record(
        allegation=allegation, recorded_by=lado, police_outcome="No further action."
    )
    services.named_access_grant(allegation=allegation, staff=officer, granted_by=lado)
    resolve(allegation, lado, today())
    assert ChronologyEntry.objects.count() == before
    assert not ChronologyEntry.objects.filter(child__in=[pupil, second, teacher]).exists()
    # Every write was audited, and none of the audit rows names a child.
    events = AuditEvent.objects.filter(verb__in=LADO_VERBS)
    assert events.count() == 8
    assert not events.exclude(child_id=None).exists()
    assert not AuditEvent.objects.filter(child_id__in=[pupil.pk, second.pk]).exists()
