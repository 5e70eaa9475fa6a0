"""When worries add up: alert rules held as data, their evaluation, and closing alerts."""

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from everychild.access.models import InvolvementKind
from everychild.alerts import services as alert_services
from everychild.alerts.models import Alert, AlertRule
from everychild.alerts.rules import evaluate_children, explain
from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.errors import DomainError
from everychild.organisations.models import OrganisationKind
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory, involve
from tests.frontdoor.helpers import concern_about

TODAY = date(2026, 11, 18)


@pytest.fixture
def health(db):
    return OrganisationFactory(name="Royal London Hospital", kind=OrganisationKind.HEALTH_TRUST)


@pytest.fixture
def child(db):
    return PersonFactory(given_name="Hodan", family_name="Warsame", date_of_birth=date(2015, 7, 4))


def alerts_for(child, code=None):
    alerts = Alert.objects.filter(child=child)
    return alerts.filter(rule__code=code) if code else alerts


def rule(code) -> AlertRule:
    return AlertRule.objects.get(code=code)


# ---- the default rules exist as data ---------------------------------------------------------


def test_the_default_rules_are_data(db):
    assert {r.code: r.parameters for r in AlertRule.objects.all()} == {
        "multi-agency": {"min_concerns": 3, "window_months": 6, "min_agencies": 2},
        "immediate": {
            "categories": ["sexual_abuse", "fgm"],
            "under_one_categories": ["physical_abuse"],
            "window_days": 28,
        },
        "repeated-missing": {"min_episodes": 3, "window_months": 3},
    }
    assert all(r.active for r in AlertRule.objects.all())


# ---- several agencies -----------------------------------------------------------------------


def test_three_concerns_from_two_agencies_within_six_months_raise_an_alert(child, school, police):
    concerns = [
        concern_about(child, school, on=date(2026, 7, 1)),
        concern_about(child, police, on=date(2026, 9, 14), category="domestic_abuse"),
        concern_about(child, school, on=date(2026, 11, 17)),
    ]
    evaluated = evaluate_children([child.pk], today=TODAY)
    [alert] = evaluated.raised
    assert alert.child == child and alert.rule.code == "multi-agency"
    assert set(alert.concerns.all()) == set(concerns)
    assert alert.closed_at is None
    event = AuditEvent.objects.get(verb="alert_raised")
    assert event.child_id == child.pk and event.payload == {"rule": "multi-agency"}
    assert event.actor is None and event.actor_name == "system"
    entry = ChronologyEntry.objects.get(child=child, kind=EntryKind.ALERT)
    assert entry.summary.startswith("Alert to the front door: Several agencies worried")


def test_two_concerns_are_not_enough(child, school, police):
    concern_about(child, school, on=date(2026, 10, 1))
    concern_about(child, police, on=date(2026, 11, 1))
    assert evaluate_children([child.pk], today=TODAY).raised == []
    assert not alerts_for(child).exists()


def test_three_concerns_from_one_agency_are_not_enough(child, school):
    for day in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)):
        concern_about(child, school, on=day)
    assert evaluate_children([child.pk], today=TODAY).raised == []


@pytest.mark.parametrize(
    ("oldest", "fires"),
    [
        (TODAY - relativedelta(months=6), True),  # 18 May 2026: exactly six months
        (TODAY - relativedelta(months=6) - timedelta(days=1), False),  # six months and a day
        (TODAY - relativedelta(months=6) + timedelta(days=1), True),
    ],
)
def test_the_six_month_window_boundary(child, school, police, oldest, fires):
    assert (TODAY - relativedelta(months=6)) == date(2026, 5, 18)
    concern_about(child, police, on=oldest)
    concern_about(child, school, on=date(2026, 10, 1))
    concern_about(child, school, on=date(2026, 11, 1))
    evaluate_children([child.pk], today=TODAY)
    assert alerts_for(child, "multi-agency").exists() is fires


def test_a_concern_after_today_does_not_count(child, school, police):
    concern_about(child, school, on=date(2026, 10, 1))
    concern_about(child, police, on=date(2026, 11, 1))
    concern_about(child, school, on=TODAY + timedelta(days=1))
    assert evaluate_children([child.pk], today=TODAY).raised == []
    assert len(evaluate_children([child.pk], today=TODAY + timedelta(days=1)).raised) == 1


@pytest.mark.parametrize(
    ("kind", "fires"),
    [
        (InvolvementKind.ALLOCATED_WORKER, False),
        (InvolvementKind.CASE_TEAM, False),
        (InvolvementKind.FRONT_DOOR, True),  # the front door itself is not an open case
        (InvolvementKind.LEAD_PROFESSIONAL, True),
    ],
)
def test_no_multi_agency_alert_for_a_child_with_an_open_case(
    child, school, police, social_worker, team, kind, fires
):
    involve(child, kind=kind, staff=social_worker, team=team)
    concern_about(child, school, on=date(2026, 9, 1))
    concern_about(child, police, on=date(2026, 10, 1))
    concern_about(child, school, on=date(2026, 11, 1))
    evaluate_children([child.pk], today=TODAY)
    assert alerts_for(child, "multi-agency").exists() is fires


def test_an_ended_involvement_is_not_an_open_case(child, school, police, social_worker):
    involve(child, staff=social_worker, started_on=date(2025, 1, 1), ended_on=date(2026, 6, 1))
    concern_about(child, school, on=date(2026, 9, 1))
    concern_about(child, police, on=date(2026, 10, 1))
    concern_about(child, school, on=date(2026, 11, 1))
    evaluate_children([child.pk], today=TODAY)
    assert alerts_for(child, "multi-agency").exists()


# ---- immediate categories ---------------------------------------------------------------------


@pytest.mark.parametrize("category", ["sexual_abuse", "fgm"])
def test_an_immediate_category_alerts_on_its_own(child, school, category):
    concern = concern_about(child, school, on=date(2026, 11, 10), category=category)
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert alert.rule.code == "immediate" and list(alert.concerns.all()) == [concern]


def test_an_immediate_concern_older_than_28_days_does_not_alert(child, school):
    concern_about(child, school, on=TODAY - timedelta(days=29), category="sexual_abuse")
    assert evaluate_children([child.pk], today=TODAY).raised == []
    concern_about(child, school, on=TODAY - timedelta(days=28), category="fgm")
    assert len(evaluate_children([child.pk], today=TODAY).raised) == 1


@pytest.mark.parametrize(
    ("born", "fires"),
    [
        (date(2026, 3, 1), True),  # eight months old
        (date(2025, 11, 19), True),  # a day short of one
        (date(2025, 11, 18), False),  # one today
        (date(2024, 9, 1), False),  # two years old
    ],
)
def test_physical_abuse_of_a_child_under_one_alerts(health, born, fires):
    baby = PersonFactory(date_of_birth=born)
    concern_about(baby, health, on=TODAY, category="physical_abuse")
    evaluate_children([baby.pk], today=TODAY)
    assert alerts_for(baby, "immediate").exists() is fires


def test_neglect_of_a_baby_is_not_an_immediate_alert(health):
    baby = PersonFactory(date_of_birth=date(2026, 6, 1))
    concern_about(baby, health, on=TODAY, category="neglect")
    assert evaluate_children([baby.pk], today=TODAY).raised == []


# ---- repeated missing ------------------------------------------------------------------------


def test_three_missing_episodes_in_three_months_alert(child, police):
    for day in (date(2026, 8, 18), date(2026, 10, 2), date(2026, 11, 16)):
        concern_about(child, police, on=day, category="missing")
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert alert.rule.code == "repeated-missing" and alert.concerns.count() == 3


def test_missing_episodes_spread_over_more_than_three_months_do_not(child, police):
    for day in (date(2026, 8, 17), date(2026, 10, 2), date(2026, 11, 16)):
        concern_about(child, police, on=day, category="missing")
    evaluate_children([child.pk], today=TODAY)
    assert not alerts_for(child, "repeated-missing").exists()


def test_two_missing_episodes_do_not(child, police):
    for day in (date(2026, 10, 2), date(2026, 11, 16)):
        concern_about(child, police, on=day, category="missing")
    assert evaluate_children([child.pk], today=TODAY).raised == []


# ---- open and closed alerts -------------------------------------------------------------------


@pytest.fixture
def three_concerns(child, school, police):
    return [
        concern_about(child, school, on=date(2026, 9, 1)),
        concern_about(child, police, on=date(2026, 10, 1)),
        concern_about(child, school, on=date(2026, 11, 1)),
    ]


def test_an_open_alert_is_not_duplicated_but_gains_new_concerns(child, three_concerns, health):
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    again = evaluate_children([child.pk], today=TODAY)
    assert again.raised == [] and again.updated == []
    fourth = concern_about(child, health, on=date(2026, 11, 17))
    evaluated = evaluate_children([child.pk], today=TODAY)
    assert evaluated.raised == [] and [a.pk for a in evaluated.updated] == [alert.pk]
    assert alerts_for(child).count() == 1
    assert set(alert.concerns.all()) == {*three_concerns, fourth}
    assert AuditEvent.objects.filter(verb="alert_raised").count() == 1


def test_closing_an_alert_needs_a_note(child, three_concerns, mash_worker):
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    for note in ("", "   ", "Done."):
        with pytest.raises(DomainError) as refusal:
            alert_services.alert_close(alert=alert, closed_by=mash_worker, note=note)
        assert refusal.value.field == "note"
    alert.refresh_from_db()
    assert alert.closed_at is None
    closed = alert_services.alert_close(
        alert=alert, closed_by=mash_worker, note="  Contact opened; strategy discussion held.  "
    )
    assert closed.closed_at and closed.closed_by == mash_worker
    assert closed.close_note == "Contact opened; strategy discussion held."
    event = AuditEvent.objects.get(verb="alert_closed")
    assert event.reason == closed.close_note and event.child_id == child.pk
    with pytest.raises(DomainError, match="already closed"):
        alert_services.alert_close(alert=alert, closed_by=mash_worker, note="Closing it once more.")


@pytest.mark.parametrize("role", ["partner", "social_worker", "dpo"])
def test_only_the_front_door_closes_alerts(child, three_concerns, role):
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    with pytest.raises(PermissionDenied):
        alert_services.alert_close(
            alert=alert, closed_by=StaffFactory(role=role), note="Not mine to close, but I try."
        )


def test_an_alert_on_a_restricted_child_cannot_be_closed_or_named(
    client, child, three_concerns, mash_worker
):
    """Regression (access review, issue 12 item 3): alert ids are sequential, and closing one
    on a child the user may not know of closed it and echoed the child's name."""
    from django.urls import reverse

    from everychild.access.models import RecordRestriction

    [alert] = evaluate_children([child.pk], today=TODAY).raised
    RecordRestriction.objects.create(
        child=child, reason="A staff member's child", restricted_by=StaffFactory(role="dpo")
    )
    client.force_login(mash_worker)
    response = client.post(
        reverse("alerts:close_alert", args=[alert.pk]), {"note": "Closing what I cannot see."}
    )
    assert response.status_code == 404
    assert child.family_name not in response.content.decode()
    alert.refresh_from_db()
    assert alert.closed_at is None
    assert not AuditEvent.objects.filter(verb="alert_closed").exists()


def test_a_closed_alert_allows_a_new_one_when_worries_add_up_again(
    child, three_concerns, mash_worker, health
):
    [first] = evaluate_children([child.pk], today=TODAY).raised
    alert_services.alert_close(alert=first, closed_by=mash_worker, note="Referred to early help.")
    newer = concern_about(child, health, on=date(2026, 11, 17))
    [second] = evaluate_children([child.pk], today=TODAY).raised
    assert second.pk != first.pk and second.closed_at is None
    assert newer in second.concerns.all()
    assert alerts_for(child).count() == 2


def test_a_closed_alert_is_not_raised_again_for_the_same_concerns(
    child, three_concerns, mash_worker
):
    [first] = evaluate_children([child.pk], today=TODAY).raised
    alert_services.alert_close(alert=first, closed_by=mash_worker, note="Referred to early help.")
    # Nothing new has happened: the nightly evaluation must not undo the front door's work.
    assert evaluate_children([child.pk], today=TODAY).raised == []
    assert evaluate_children(today=TODAY + timedelta(days=1)).raised == []
    assert not alerts_for(child).filter(closed_at__isnull=True).exists()


def test_children_are_evaluated_only_as_asked(child, three_concerns, school, police):
    other = PersonFactory()
    for day in (date(2026, 9, 2), date(2026, 10, 2), date(2026, 11, 2)):
        concern_about(other, school if day.month != 10 else police, on=day)
    evaluate_children([other.pk], today=TODAY)
    assert not alerts_for(child).exists() and alerts_for(other).exists()
    evaluated = evaluate_children(today=TODAY)  # everyone
    assert [a.child for a in evaluated.raised] == [child]


# ---- the rules are data -----------------------------------------------------------------------


def test_changing_a_rules_parameters_changes_the_behaviour(child, school, police):
    concern_about(child, school, on=date(2026, 10, 1))
    concern_about(child, police, on=date(2026, 11, 1))
    assert evaluate_children([child.pk], today=TODAY).raised == []
    multi = rule("multi-agency")
    multi.parameters = {**multi.parameters, "min_concerns": 2}
    multi.save()
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert alert.rule == multi


def test_a_longer_window_reaches_older_concerns(child, school, police):
    concern_about(child, police, on=date(2026, 1, 5))
    concern_about(child, school, on=date(2026, 10, 1))
    concern_about(child, school, on=date(2026, 11, 1))
    assert evaluate_children([child.pk], today=TODAY).raised == []
    multi = rule("multi-agency")
    multi.parameters = {**multi.parameters, "window_months": 12}
    multi.save()
    assert len(evaluate_children([child.pk], today=TODAY).raised) == 1


def test_immediate_categories_are_editable(child, school):
    concern_about(child, school, on=date(2026, 11, 10), category="radicalisation")
    assert evaluate_children([child.pk], today=TODAY).raised == []
    immediate = rule("immediate")
    immediate.parameters["categories"].append("radicalisation")
    immediate.save()
    assert len(evaluate_children([child.pk], today=TODAY).raised) == 1


def test_an_inactive_rule_does_not_fire(child, school):
    concern_about(child, school, on=date(2026, 11, 10), category="fgm")
    AlertRule.objects.filter(code="immediate").update(active=False)
    assert evaluate_children([child.pk], today=TODAY).raised == []
    AlertRule.objects.update(active=False)
    assert evaluate_children(today=TODAY).raised == []


# ---- plain words ------------------------------------------------------------------------------


def test_explain_gives_plain_words(db):
    assert explain(rule("multi-agency")) == (
        "3 or more concerns within 6 months, from 2 or more agencies, about a child with no "
        "open social-care involvement."
    )
    assert explain(rule("immediate")) == (
        "Any concern about sexual abuse, fgm, or about physical abuse of a child under one, "
        "in the last 28 days."
    )
    assert explain(rule("repeated-missing")) == ("3 or more missing episodes within 3 months.")
    changed = rule("multi-agency")
    changed.parameters["min_agencies"] = 3
    assert "from 3 or more agencies" in explain(changed)


# ---- the operator's command ------------------------------------------------------------------


def test_the_alerts_command_prints_open_alerts_as_json(child, three_concerns, school, police):
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    out = StringIO()
    call_command("alerts", "--format", "json", stdout=out)
    report = json.loads(out.getvalue())
    assert report == [
        {
            "child_id": child.pk,
            "child_name": "Hodan Warsame",
            "rule": "multi-agency",
            "raised_at": alert.raised_at.isoformat(),
            "concern_ids": sorted(c.pk for c in three_concerns),
            "agencies": ["Bow School", "Metropolitan Police"],
        }
    ]


def test_the_alerts_command_leaves_out_closed_alerts(child, three_concerns, mash_worker):
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    alert_services.alert_close(alert=alert, closed_by=mash_worker, note="Referred to early help.")
    out = StringIO()
    call_command("alerts", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == []
    out = StringIO()
    call_command("alerts", stdout=out)
    assert out.getvalue().strip() == "No open alerts."


def test_the_alerts_command_text_and_evaluate(child, school, police):
    for day, agency in ((-20, school), (-10, police), (-1, school)):
        concern_about(child, agency, on=timezone.localdate() + timedelta(days=day))
    out = StringIO()
    call_command("alerts", "--evaluate", stdout=out)
    text = out.getvalue()
    assert f"Hodan Warsame (#{child.pk}): multi-agency" in text
    assert "[Bow School, Metropolitan Police]" in text
