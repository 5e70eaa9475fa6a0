"""Care leavers: eligibility checked against the periods of care, the personal adviser and
the record access that comes with the role, pathway plan reviews every six months, the
OC3 contact around the 17th to 21st birthdays (its window's edges, a 29 February birthday),
and the reads built on them: "My care leavers", the birthday contacts due and the corporate
parenting figures. Every refusal writes nothing."""

from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from everychild import access
from everychild.access.models import Involvement, InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.care.models import (
    CareLeaver,
    CareLeaverContact,
    Eligibility,
    PathwayPlanReview,
    PeriodOfCare,
)
from everychild.care.selectors import leavers as selectors
from everychild.care.services import leavers as services
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from everychild.people.models import Person
from tests.care.factories import in_care
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve

TODAY = date(2026, 11, 23)


@contextmanager
def refused(exception=DomainError, *, field=None, match=None):
    """The block raises `exception` (naming `field`) and writes nothing."""

    def counts():
        return [
            AuditEvent.objects.count(),
            ChronologyEntry.objects.count(),
            list(CareLeaver.objects.values()),
            PathwayPlanReview.objects.count(),
            CareLeaverContact.objects.count(),
            list(Involvement.objects.values("pk", "ended_on")),
        ]

    before = counts()
    with pytest.raises(exception, match=match) as info:
        yield info
    if field is not None:
        assert info.value.field == field
    assert counts() == before


def fresh(staff):
    """The same person, without the team ids the access policy caches on the object."""
    return type(staff).objects.get(pk=staff.pk)


def young_person(born, social_worker, team, periods=()):
    """A young person the social worker's team holds, with periods of care (start, end)."""
    person = PersonFactory(date_of_birth=born)
    involve(person, staff=social_worker, team=team)
    for started, ended in periods:
        period = in_care(person, started_on=started, by=social_worker)
        if ended:
            PeriodOfCare.objects.filter(pk=period.pk).update(ended_on=ended, reason_ceased="E8")
            period.episodes.update(ended_on=ended, reason_ceased="E8")
    return person


@pytest.fixture
def adviser(db):
    return StaffFactory(role=Role.PERSONAL_ADVISER, first_name="Rukhsana", last_name="Ali")


# ---- eligibility ----------------------------------------------------------------------------


def period(started, ended=None):
    return PeriodOfCare(started_on=started, ended_on=ended)


BORN = date(2009, 5, 10)  # 14 on 10 May 2023, 16 on 10 May 2025, 18 on 10 May 2027


@pytest.mark.parametrize(
    ("periods", "on", "expected"),
    [
        ([period(date(2024, 1, 1))], date(2026, 5, 10), "eligible"),
        # 13 weeks exactly since the 14th birthday, still in care: eligible; a day short: not.
        ([period(date(2025, 8, 11))], date(2025, 11, 10), "eligible"),
        ([period(date(2025, 8, 12))], date(2025, 11, 10), "qualifying"),
        # Periods add up: 60 days before 16 and 31 after.
        (
            [period(date(2024, 1, 1), date(2024, 3, 1)), period(date(2025, 6, 1))],
            date(2025, 7, 2),
            "eligible",
        ),
        # Left care after 16, having been in care 13 weeks since 14: relevant.
        ([period(date(2025, 1, 1), date(2026, 2, 1))], date(2026, 3, 1), "relevant"),
        # Left care before 16: not relevant, whatever the time in care.
        ([period(date(2023, 6, 1), date(2025, 5, 1))], date(2026, 3, 1), "qualifying"),
        # In care after 16 but for less than 13 weeks: qualifying.
        ([period(date(2025, 4, 1), date(2025, 6, 1))], date(2026, 3, 1), "qualifying"),
        # 18 and over, having been eligible or relevant: former relevant.
        ([period(date(2024, 1, 1), date(2027, 5, 10))], date(2027, 5, 10), "former_relevant"),
        # Not a care leaver by age.
        ([period(date(2024, 1, 1))], date(2025, 5, 9), ""),
        ([period(date(2024, 1, 1), date(2027, 5, 10))], date(2034, 5, 10), ""),
    ],
)
def test_eligibility_from_the_periods_of_care(periods, on, expected):
    child = Person(date_of_birth=BORN)
    assert services.eligibility_on(child, on, periods) == expected


def test_register_an_eligible_young_person(social_worker, team):
    child = young_person(BORN, social_worker, team, [(date(2024, 1, 1), None)])
    care_leaver = services.care_leaver_register(
        child=child, by=social_worker, eligibility="eligible", since=date(2025, 8, 1)
    )
    assert care_leaver.eligibility == Eligibility.ELIGIBLE and care_leaver.personal_adviser is None
    event = AuditEvent.objects.get(verb="care_leaver_registered")
    assert event.child_id == child.pk and event.payload["eligibility"] == "eligible"
    entry = ChronologyEntry.objects.get(kind=EntryKind.CARE_LEAVER)
    assert entry.summary == "Care leaver: Eligible (16-17, still in care)."
    with refused(match="already registered"):
        services.care_leaver_register(
            child=child, by=social_worker, eligibility="eligible", since=date(2025, 8, 1)
        )


@pytest.mark.parametrize(
    ("claimed", "since", "field", "match"),
    [
        ("relevant", date(2025, 8, 1), "eligibility", "eligible"),  # still in care
        ("qualifying", date(2025, 8, 1), "eligibility", "eligible"),  # under-claimed
        ("former_relevant", date(2025, 8, 1), "eligibility", "18 or over"),
        ("eligible", date(2025, 5, 9), "since", "16 to 24"),  # a day before 16
        ("nobody", date(2025, 8, 1), "eligibility", "Choose"),
    ],
)
def test_register_refuses_a_clear_mismatch(social_worker, team, claimed, since, field, match):
    child = young_person(BORN, social_worker, team, [(date(2024, 1, 1), None)])
    with refused(field=field, match=match):
        services.care_leaver_register(
            child=child, by=social_worker, eligibility=claimed, since=since
        )


def test_register_relevant_and_former_relevant(social_worker, team):
    relevant = young_person(BORN, social_worker, team, [(date(2025, 1, 1), date(2026, 2, 1))])
    services.care_leaver_register(
        child=relevant, by=social_worker, eligibility="relevant", since=date(2026, 2, 1)
    )
    older = young_person(
        date(2006, 3, 1), social_worker, team, [(date(2021, 1, 4), date(2024, 3, 1))]
    )
    with refused(field="eligibility", match="16 or 17"):
        services.care_leaver_register(
            child=older, by=social_worker, eligibility="relevant", since=date(2024, 3, 1)
        )
    services.care_leaver_register(
        child=older, by=social_worker, eligibility="former_relevant", since=date(2024, 3, 1)
    )


def test_without_any_period_of_care_only_the_ages_are_checked(social_worker, team):
    child = young_person(BORN, social_worker, team)
    with refused(field="eligibility", match="no period of care"):
        services.care_leaver_register(
            child=child, by=social_worker, eligibility="eligible", since=date(2026, 1, 5)
        )
    services.care_leaver_register(
        child=child, by=social_worker, eligibility="relevant", since=date(2026, 1, 5)
    )


def test_register_refusals_by_role_and_date(social_worker, team, adviser):
    child = young_person(BORN, social_worker, team, [(date(2024, 1, 1), None)])
    involve(child, kind=InvolvementKind.PERSONAL_ADVISER, staff=adviser)
    with refused(PermissionDenied):  # advisers do not decide eligibility
        services.care_leaver_register(
            child=child, by=adviser, eligibility="eligible", since=date(2025, 8, 1)
        )
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    with refused(PermissionDenied):
        services.care_leaver_register(
            child=child, by=stranger, eligibility="eligible", since=date(2025, 8, 1)
        )
    with refused(field="since", match="future"):
        services.care_leaver_register(
            child=child, by=social_worker, eligibility="eligible", since=TODAY + timedelta(1000)
        )
    no_birthday = young_person(None, social_worker, team)
    with refused(field="eligibility", match="date of birth"):
        services.care_leaver_register(
            child=no_birthday, by=social_worker, eligibility="qualifying", since=date(2026, 1, 5)
        )


# ---- the personal adviser -------------------------------------------------------------------


@pytest.fixture
def care_leaver(social_worker, team):
    child = young_person(BORN, social_worker, team, [(date(2024, 1, 1), None)])
    return services.care_leaver_register(
        child=child, by=social_worker, eligibility="eligible", since=date(2025, 8, 1)
    )


def test_register_with_an_adviser_gives_them_the_record(social_worker, team, adviser):
    child = young_person(BORN, social_worker, team, [(date(2024, 1, 1), None)])
    assert not access.can(adviser, "view", child)
    care_leaver = services.care_leaver_register(
        child=child,
        by=social_worker,
        eligibility="eligible",
        since=date(2025, 8, 1),
        personal_adviser=adviser,
    )
    assert care_leaver.personal_adviser == adviser
    involvement = Involvement.objects.get(child=child, kind=InvolvementKind.PERSONAL_ADVISER)
    assert involvement.staff == adviser and involvement.started_on == date(2025, 8, 1)
    assert access.can(fresh(adviser), "edit", child)


def test_a_new_adviser_ends_the_previous_ones_involvement(care_leaver, social_worker, adviser):
    child = care_leaver.child
    services.personal_adviser_assign(
        care_leaver=care_leaver, adviser=adviser, by=social_worker, on=date(2026, 1, 5)
    )
    successor = StaffFactory(role=Role.PERSONAL_ADVISER, first_name="Tom", last_name="Lee")
    services.personal_adviser_assign(care_leaver=care_leaver, adviser=successor, by=social_worker)
    care_leaver.refresh_from_db()
    assert care_leaver.personal_adviser == successor
    first, second = Involvement.objects.filter(
        child=child, kind=InvolvementKind.PERSONAL_ADVISER
    ).order_by("pk")
    assert first.staff == adviser and first.ended_on == second.started_on - timedelta(days=1)
    assert second.staff == successor and second.ended_on is None
    assert not access.can(fresh(adviser), "view", child)
    assert access.can(fresh(successor), "view", child)
    events = AuditEvent.objects.filter(verb="personal_adviser_assigned").order_by("pk")
    assert events.last().payload == {
        "adviser": successor.pk,
        "previous": adviser.pk,
        "involvements_ended": [first.pk],
    }
    summaries = [e.summary for e in ChronologyEntry.objects.filter(kind=EntryKind.CARE_LEAVER)]
    assert "Personal adviser: Tom Lee in place of Rukhsana Ali." in summaries


def test_adviser_refusals(care_leaver, social_worker, adviser):
    with refused(field="personal_adviser"):
        services.personal_adviser_assign(
            care_leaver=care_leaver, adviser=social_worker, by=social_worker
        )
    services.personal_adviser_assign(care_leaver=care_leaver, adviser=adviser, by=social_worker)
    with refused(field="personal_adviser", match="already"):
        services.personal_adviser_assign(care_leaver=care_leaver, adviser=adviser, by=social_worker)
    with refused(field="on"):
        services.personal_adviser_assign(
            care_leaver=care_leaver,
            adviser=StaffFactory(role=Role.PERSONAL_ADVISER),
            by=social_worker,
            on=date(2025, 7, 1),
        )
    with refused(PermissionDenied):  # an adviser does not hand over to another
        services.personal_adviser_assign(
            care_leaver=care_leaver,
            adviser=StaffFactory(role=Role.PERSONAL_ADVISER),
            by=fresh(adviser),
        )


# ---- pathway plan reviews -------------------------------------------------------------------


def test_pathway_reviews_are_due_six_months_apart(care_leaver, social_worker, adviser):
    services.personal_adviser_assign(care_leaver=care_leaver, adviser=adviser, by=social_worker)
    adviser = fresh(adviser)
    first = services.pathway_review_record(
        care_leaver=care_leaver,
        by=adviser,
        reviewed_on=date(2026, 1, 20),
        summary=" College place agreed. ",
        young_person_views="I want to do mechanics.",
    )
    assert first.due_on == date(2026, 2, 1)  # six months from becoming a care leaver
    second = services.pathway_review_record(
        care_leaver=care_leaver, by=adviser, reviewed_on=date(2026, 8, 3), summary="Settled."
    )
    assert second.due_on == date(2026, 7, 20)  # six months from the last review: late
    summaries = [
        e.summary for e in ChronologyEntry.objects.filter(kind=EntryKind.CARE_LEAVER).order_by("pk")
    ]
    assert "Pathway plan review: College place agreed." in summaries
    assert "Pathway plan review (late: due 20 July 2026): Settled." in summaries
    late = AuditEvent.objects.filter(verb="pathway_review_recorded").order_by("pk")
    assert [e.payload["late"] for e in late] == [False, True]
    clock = selectors.review_clock(CareLeaver.objects.get(pk=care_leaver.pk))
    assert clock.due == date(2027, 2, 3)


def test_pathway_review_refusals(care_leaver, social_worker):
    services.pathway_review_record(
        care_leaver=care_leaver, by=social_worker, reviewed_on=date(2026, 1, 20), summary="Ok."
    )
    with refused(field="reviewed_on", match="in order"):
        services.pathway_review_record(
            care_leaver=care_leaver, by=social_worker, reviewed_on=date(2026, 1, 20), summary="x"
        )
    with refused(field="reviewed_on"):
        services.pathway_review_record(
            care_leaver=care_leaver, by=social_worker, reviewed_on=date(2025, 7, 1), summary="x"
        )
    with refused(field="summary"):
        services.pathway_review_record(
            care_leaver=care_leaver, by=social_worker, reviewed_on=date(2026, 3, 1), summary=" "
        )
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    with refused(PermissionDenied):
        services.pathway_review_record(
            care_leaver=care_leaver, by=stranger, reviewed_on=date(2026, 3, 1), summary="x"
        )
    CareLeaver.objects.filter(pk=care_leaver.pk).update(services_ended_on=date(2026, 6, 1))
    care_leaver.refresh_from_db()
    with refused(match="ended"):
        services.pathway_review_record(
            care_leaver=care_leaver, by=social_worker, reviewed_on=date(2026, 3, 1), summary="x"
        )


# ---- the birthday windows and the OC3 contact -----------------------------------------------


LEAP = date(2008, 2, 29)  # 18 on 1 March 2026 (not a leap year), 20 on 29 February 2028


def test_birthday_windows_around_a_29_february_birthday():
    assert services.birthday_on(LEAP, 18) == date(2026, 3, 1)
    assert services.birthday_window(LEAP, 18) == (date(2025, 12, 1), date(2026, 4, 1))
    assert services.birthday_on(LEAP, 20) == date(2028, 2, 29)
    assert services.birthday_window(LEAP, 20) == (date(2027, 11, 29), date(2028, 3, 29))
    # Month ends: three months before 31 May is the end of February.
    assert services.birthday_window(date(2008, 5, 31), 17) == (date(2025, 2, 28), date(2025, 6, 30))
    windows = services.birthday_windows(LEAP)
    assert [w.birthday_age for w in windows] == [17, 18, 19, 20, 21]
    assert windows[1].is_open(date(2025, 12, 1)) and not windows[1].is_open(date(2025, 11, 30))


@pytest.fixture
def leaper(social_worker, team):
    """A former relevant young person born on 29 February 2008, 18 on 1 March 2026."""
    child = young_person(LEAP, social_worker, team, [(date(2023, 1, 9), date(2026, 3, 1))])
    return services.care_leaver_register(
        child=child, by=social_worker, eligibility="former_relevant", since=date(2026, 3, 1)
    )


def contact(care_leaver, by, on, age=18, in_touch="YES", **extra):
    items = {"activity": "F2", "accommodation": "S", "accommodation_suitable": True}
    if in_touch != "YES":
        items = {}
    return services.care_leaver_contact_record(
        care_leaver=care_leaver,
        by=by,
        birthday_age=age,
        contacted_on=on,
        in_touch=in_touch,
        **{**items, **extra},
    )


@pytest.mark.parametrize(
    ("on", "inside"),
    [
        (date(2025, 11, 30), False),  # a day before the window opens
        (date(2025, 12, 1), True),  # three months before the birthday
        (date(2026, 3, 1), True),  # the birthday
        (date(2026, 4, 1), True),  # one month after
        (date(2026, 4, 2), False),
    ],
)
def test_contact_must_fall_in_the_birthday_window(leaper, social_worker, on, inside):
    if inside:
        recorded = contact(leaper, social_worker, on)
        assert recorded.oc3_accommodation == "S1"
    else:
        with refused(field="contacted_on", match="1 December 2025 to 1 April 2026"):
            contact(leaper, social_worker, on)


def test_contact_records_the_oc3_items(leaper, social_worker):
    recorded = contact(
        leaper, social_worker, date(2026, 2, 10), accommodation="D", accommodation_suitable=False
    )
    assert recorded.oc3_accommodation == "D2" and recorded.recorded_by == social_worker
    event = AuditEvent.objects.get(verb="care_leaver_contact_recorded")
    assert event.payload == {
        "birthday_age": 18,
        "in_touch": "YES",
        "activity": "F2",
        "accommodation": "D2",
    }
    entry = ChronologyEntry.objects.filter(kind=EntryKind.CARE_LEAVER).latest("pk")
    assert entry.summary.startswith("Contact around the 18th birthday: In touch.")
    assert "(not suitable)" in entry.summary
    with refused(field="birthday_age", match="already recorded"):
        contact(leaper, social_worker, date(2026, 2, 11))


def test_not_in_touch_needs_no_activity(leaper, social_worker):
    recorded = contact(leaper, social_worker, date(2026, 2, 10), in_touch="NO")
    assert recorded.activity == "" and recorded.oc3_accommodation == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"activity": ""}, "activity"),
        ({"accommodation": ""}, "accommodation"),
        ({"accommodation_suitable": None}, "accommodation_suitable"),
        ({"activity": "ZZ"}, "activity"),
        ({"accommodation": "Q"}, "accommodation"),
        ({"in_touch": "MAYBE"}, "in_touch"),
        ({"age": 16}, "birthday_age"),
        ({"age": 22}, "birthday_age"),
    ],
)
def test_contact_refusals(leaper, social_worker, changes, field):
    with refused(field=field):
        contact(leaper, social_worker, date(2026, 2, 10), **changes)


def test_no_activity_after_a_death_and_no_stranger_records(leaper, social_worker):
    with refused(field="activity"):
        contact(leaper, social_worker, date(2026, 2, 10), in_touch="DIED", activity="G5")
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    with refused(PermissionDenied):
        contact(leaper, stranger, date(2026, 2, 10))


# ---- the reads ------------------------------------------------------------------------------


def test_birthday_contacts_due_while_the_window_is_open(leaper, social_worker, adviser):
    services.personal_adviser_assign(
        care_leaver=leaper, adviser=adviser, by=social_worker, on=date(2026, 3, 1)
    )
    adviser = fresh(adviser)
    assert selectors.birthday_contacts_due(user=adviser, today=date(2025, 11, 30)) == []
    (due,) = selectors.birthday_contacts_due(user=adviser, today=date(2025, 12, 1))
    assert due.care_leaver == leaper and due.window.birthday_age == 18
    assert due.window.birthday == date(2026, 3, 1) and due.days_left == 121
    (due,) = selectors.birthday_contacts_due(user=adviser, today=date(2026, 4, 1))
    assert due.days_left == 0
    assert selectors.birthday_contacts_due(user=adviser, today=date(2026, 4, 2)) == []
    # Nobody else's list shows the young person.
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])
    assert selectors.birthday_contacts_due(user=stranger, today=date(2026, 1, 1)) == []
    contact(leaper, adviser, date(2026, 3, 20))
    assert selectors.birthday_contacts_due(user=adviser, today=date(2026, 3, 25)) == []


def test_my_care_leavers_lists_the_advisers_own(leaper, care_leaver, social_worker, adviser):
    services.personal_adviser_assign(care_leaver=leaper, adviser=adviser, by=social_worker)
    (row,) = selectors.care_leavers_for_pa(user=fresh(adviser), today=TODAY)
    assert row.care_leaver == leaper and row.age == 18
    assert row.review_clock.due == date(2026, 9, 1) and row.review_clock.is_overdue(TODAY)
    assert row.windows_due == []
    assert selectors.care_leavers_for_pa(user=social_worker, today=TODAY) == []


def test_child_leaving_care_panel(leaper, social_worker, team):
    contact(leaper, social_worker, date(2026, 2, 10))
    panel = selectors.child_leaving_care(
        user=social_worker, child=leaper.child, today=date(2027, 1, 10)
    )
    assert panel.care_leaver == leaper and [c.birthday_age for c in panel.contacts] == [18]
    assert [w.birthday_age for w in panel.windows_due] == [19]  # 19 on 1 March 2027
    other = young_person(BORN, social_worker, team)
    assert selectors.child_leaving_care(user=social_worker, child=other) is None


def test_care_leaver_figures(social_worker, team):
    on = date(2026, 11, 23)

    def leaver(born, eligibility, *contacts, since=date(2025, 1, 1), ended=None):
        child = PersonFactory(date_of_birth=born)
        cl = CareLeaver.objects.create(
            child=child, eligibility=eligibility, since=since, services_ended_on=ended
        )
        for age, in_touch, activity, suitable in contacts:
            CareLeaverContact.objects.create(
                care_leaver=cl,
                birthday_age=age,
                contacted_on=services.birthday_on(born, age),
                in_touch=in_touch,
                activity=activity,
                accommodation="S" if suitable is not None else "",
                accommodation_suitable=suitable,
                recorded_by=social_worker,
            )
        return cl

    # Aged 17 to 18 on the day.
    still_in_care = leaver(date(2009, 1, 1), "eligible", (17, "YES", "F2", True))
    in_care(still_in_care.child, started_on=date(2024, 5, 1))
    # Registered while in care at 16, left care, now 18: former relevant on the day.
    leaver(date(2008, 1, 1), "eligible", (17, "YES", "G5", False), (18, "NO", "", None))
    leaver(date(2009, 6, 1), "relevant")  # no contact yet: counts against every measure
    # Aged 19 to 21 on the day.
    leaver(date(2007, 1, 1), "former_relevant", (19, "YES", "F1", True))
    leaver(date(2005, 1, 1), "former_relevant", (20, "YES", "P4", True), (21, "YES", "G6", True))
    leaver(date(2006, 1, 1), "qualifying", (20, "REFU", "", None))
    leaver(date(2005, 1, 1), "former_relevant", since=date(2027, 1, 1))  # not yet
    leaver(date(2005, 1, 1), "former_relevant", ended=date(2026, 6, 1))  # services ended
    leaver(date(2004, 1, 1), "former_relevant", (21, "YES", "F1", True))  # 22: in no group

    figures = selectors.care_leaver_figures(on=on)
    assert figures.total == 7
    assert dict(figures.by_eligibility) == {
        "Eligible (16-17, still in care)": 1,
        "Relevant (16-17, left care)": 1,
        "Former relevant (18-25)": 4,
        "Qualifying": 1,
    }
    younger, older = figures.groups
    assert (younger.young_people, younger.contacted, younger.no_contact) == (3, 2, 1)
    assert (younger.in_touch, younger.in_education_employment_training) == (1, 1)
    assert younger.suitable_accommodation == 1
    assert younger.in_touch_percent == 33.3 and younger.eet_percent == 33.3
    assert (older.young_people, older.contacted) == (3, 3)
    # The latest contact counts: the 21st-birthday G6 (not in EET), not the 20th's P4.
    assert (older.in_touch, older.in_education_employment_training) == (2, 1)
    assert older.suitable_accommodation == 2
    assert older.in_touch_percent == 66.7 and older.suitable_accommodation_percent == 66.7
    empty = selectors.care_leaver_figures(on=date(2020, 1, 1))
    assert empty.total == 0 and empty.groups[0].in_touch_percent is None


@pytest.mark.parametrize(
    ("registered", "born", "in_care_now", "expected"),
    [
        ("eligible", date(2009, 6, 1), True, "eligible"),  # 17, in care
        ("eligible", date(2009, 6, 1), False, "relevant"),  # 17, left care
        ("relevant", date(2009, 6, 1), True, "eligible"),  # 17, back in care
        ("eligible", date(2008, 11, 23), False, "former_relevant"),  # 18 today
        ("relevant", date(2008, 11, 24), False, "relevant"),  # 18 tomorrow
        ("qualifying", date(2006, 1, 1), False, "qualifying"),
        ("former_relevant", date(2001, 11, 24), False, "former_relevant"),  # 24
        ("former_relevant", date(2001, 11, 23), False, ""),  # 25 today: services end
    ],
)
def test_eligibility_moves_on_as_the_young_person_grows_up_and_leaves_care(
    registered, born, in_care_now, expected
):
    cl = CareLeaver(child=Person(date_of_birth=born), eligibility=registered, since=born)
    assert services.eligibility_now(cl, date(2026, 11, 23), in_care_now) == expected


def test_services_ended_means_no_category():
    cl = CareLeaver(
        child=Person(date_of_birth=date(2006, 1, 1)),
        eligibility="former_relevant",
        since=date(2024, 1, 1),
        services_ended_on=date(2026, 6, 1),
    )
    assert services.eligibility_now(cl, date(2026, 11, 23), False) == ""
    assert services.eligibility_now(cl, date(2026, 5, 31), False) == "former_relevant"
