"""The repeated-missing alert counts the missing episodes recorded for a child (care's
MissingEpisode) as well as concerns of category "missing": a concern and an episode on the
same day are one episode; the window's edges are local days; the episodes behind an alert
are linked to it, named in its audit rows and chronology entry and listed on the alerts
page; the operator's JSON is unchanged."""

import json
from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from dateutil.relativedelta import relativedelta
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from everychild.alerts import services as alert_services
from everychild.alerts.models import Alert, AlertRule
from everychild.alerts.rules import alert_missing_episodes, evaluate_children
from everychild.audit.models import AuditEvent
from everychild.care.models import MissingEpisode
from everychild.chronology.models import ChronologyEntry, EntryKind
from tests.factories import PersonFactory
from tests.frontdoor.helpers import concern_about

TODAY = date(2026, 11, 18)
SINCE = TODAY - relativedelta(months=3)  # 18 August 2026


@pytest.fixture
def child(db):
    return PersonFactory(given_name="Hodan", family_name="Warsame", date_of_birth=date(2012, 7, 4))


def episode(child, by, on: date, hour: int = 21, minute: int = 0) -> MissingEpisode:
    """An episode that started at `hour` (London time) on `on`."""
    return MissingEpisode.objects.create(
        child=child,
        missing_type="M",
        missing_from="home",
        started_at=timezone.make_aware(datetime.combine(on, time(hour, minute))),
        reported_by=by,
    )


def missing_alerts(child):
    return Alert.objects.filter(child=child, rule__code="repeated-missing")


def test_three_episodes_in_three_months_raise_the_alert(child, officer):
    episodes = [episode(child, officer, d) for d in (SINCE, date(2026, 10, 2), TODAY)]
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert alert.rule.code == "repeated-missing" and alert.concerns.count() == 0
    event = AuditEvent.objects.get(verb="alert_raised")
    assert event.payload == {
        "rule": "repeated-missing",
        "missing_episodes": sorted(e.pk for e in episodes),
    }
    assert alert_missing_episodes([alert.pk]) == {alert.pk: sorted(e.pk for e in episodes)}
    entry = ChronologyEntry.objects.get(child=child, kind=EntryKind.ALERT)
    assert entry.summary.endswith(
        "Missing episodes recorded: 3, starting 18 Aug 2026, 2 Oct 2026, 18 Nov 2026."
    )


@pytest.mark.parametrize(
    ("oldest", "fires"),
    [
        (SINCE, True),  # exactly three months before
        (SINCE - timedelta(days=1), False),  # three months and a day
        (SINCE + timedelta(days=1), True),
    ],
)
def test_the_window_boundary_for_episodes(child, officer, oldest, fires):
    assert date(2026, 8, 18) == SINCE
    episode(child, officer, oldest)
    episode(child, officer, date(2026, 10, 2))
    episode(child, officer, date(2026, 11, 16))
    evaluate_children([child.pk], today=TODAY)
    assert missing_alerts(child).exists() is fires


@pytest.mark.parametrize(
    ("day", "hour", "minute", "fires"),
    [
        # 00:30 on 18 August in London is 23:30 on the 17th in UTC: still the 18th.
        (SINCE, 0, 30, True),
        (SINCE - timedelta(days=1), 23, 59, False),
    ],
)
def test_the_window_is_counted_in_london_days(child, officer, day, hour, minute, fires):
    episode(child, officer, day, hour, minute)
    episode(child, officer, date(2026, 10, 2))
    episode(child, officer, date(2026, 11, 16))
    evaluate_children([child.pk], today=TODAY)
    assert missing_alerts(child).exists() is fires


def test_an_episode_after_today_does_not_count(child, officer):
    episode(child, officer, date(2026, 10, 2))
    episode(child, officer, date(2026, 11, 16))
    episode(child, officer, TODAY + timedelta(days=1))
    assert evaluate_children([child.pk], today=TODAY).raised == []
    assert len(evaluate_children([child.pk], today=TODAY + timedelta(days=1)).raised) == 1


def test_concerns_and_episodes_count_together(child, officer, police, school):
    concerns = [
        concern_about(child, police, on=date(2026, 9, 5), category="missing"),
        concern_about(child, school, on=date(2026, 10, 20), category="missing"),
    ]
    recorded = episode(child, officer, date(2026, 11, 16))
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert set(alert.concerns.all()) == set(concerns)
    assert alert_missing_episodes([alert.pk]) == {alert.pk: [recorded.pk]}


def test_a_concern_and_an_episode_on_the_same_day_are_one_episode(child, officer, police):
    concern_about(child, police, on=date(2026, 10, 2), category="missing")
    episode(child, officer, date(2026, 10, 2))
    concern_about(child, police, on=date(2026, 11, 16), category="missing")
    episode(child, officer, date(2026, 11, 16), hour=2)
    assert evaluate_children([child.pk], today=TODAY).raised == []
    # A third day makes three episodes; the alert lists every concern and episode behind it.
    third = concern_about(child, police, on=date(2026, 11, 17), category="missing")
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert alert.concerns.count() == 3 and third in alert.concerns.all()
    assert len(alert_missing_episodes([alert.pk])[alert.pk]) == 2


def test_two_episodes_on_one_day_are_two_episodes(child, officer):
    episode(child, officer, date(2026, 11, 16), hour=1)
    episode(child, officer, date(2026, 11, 16), hour=23)
    episode(child, officer, date(2026, 10, 2))
    assert len(evaluate_children([child.pk], today=TODAY).raised) == 1


def test_concerns_of_other_categories_are_not_missing_episodes(child, officer, school):
    concern_about(child, school, on=date(2026, 11, 1), category="neglect")
    episode(child, officer, date(2026, 10, 2))
    episode(child, officer, date(2026, 11, 16))
    evaluate_children([child.pk], today=TODAY)
    assert not missing_alerts(child).exists()


def test_an_open_alert_gains_new_episodes_once(child, officer):
    for d in (date(2026, 9, 1), date(2026, 10, 2), date(2026, 11, 2)):
        episode(child, officer, d)
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    again = evaluate_children([child.pk], today=TODAY)
    assert again.raised == [] and again.updated == []
    fourth = episode(child, officer, date(2026, 11, 17))
    evaluated = evaluate_children([child.pk], today=TODAY)
    assert evaluated.raised == [] and [a.pk for a in evaluated.updated] == [alert.pk]
    gained = AuditEvent.objects.get(verb="alert_gained_missing_episodes")
    assert gained.payload == {"rule": "repeated-missing", "missing_episodes": [fourth.pk]}
    assert gained.object_id == str(alert.pk) and gained.child_id == child.pk
    assert fourth.pk in alert_missing_episodes([alert.pk])[alert.pk]
    assert len(alert_missing_episodes([alert.pk])[alert.pk]) == 4
    assert evaluate_children([child.pk], today=TODAY).updated == []
    assert missing_alerts(child).count() == 1


def test_a_closed_alert_is_raised_again_only_for_a_new_episode(child, officer, mash_worker):
    for d in (date(2026, 9, 1), date(2026, 10, 2), date(2026, 11, 2)):
        episode(child, officer, d)
    [first] = evaluate_children([child.pk], today=TODAY).raised
    alert_services.alert_close(alert=first, closed_by=mash_worker, note="Strategy discussion held.")
    assert evaluate_children([child.pk], today=TODAY).raised == []
    assert evaluate_children(today=TODAY + timedelta(days=1)).raised == []
    newer = episode(child, officer, date(2026, 11, 17))
    [second] = evaluate_children([child.pk], today=TODAY).raised
    assert second.pk != first.pk
    assert newer.pk in alert_missing_episodes([second.pk])[second.pk]


def test_everyone_is_evaluated_including_children_with_only_episodes(child, officer):
    for d in (date(2026, 9, 1), date(2026, 10, 2), date(2026, 11, 2)):
        episode(child, officer, d)
    [alert] = evaluate_children(today=TODAY).raised
    assert alert.child == child


def test_an_inactive_rule_counts_no_episodes(child, officer):
    for d in (date(2026, 9, 1), date(2026, 10, 2), date(2026, 11, 2)):
        episode(child, officer, d)
    AlertRule.objects.filter(code="repeated-missing").update(active=False)
    with CaptureQueriesContext(connection) as queries:
        assert evaluate_children([child.pk], today=TODAY).raised == []
    assert not any("care_missingepisode" in q["sql"] for q in queries.captured_queries)


def test_a_changed_threshold_applies_to_episodes(child, officer):
    episode(child, officer, date(2026, 10, 2))
    episode(child, officer, date(2026, 11, 16))
    assert evaluate_children([child.pk], today=TODAY).raised == []
    rule = AlertRule.objects.get(code="repeated-missing")
    rule.parameters = {**rule.parameters, "min_episodes": 2}
    rule.save()
    assert len(evaluate_children([child.pk], today=TODAY).raised) == 1


def test_the_alerts_command_json_is_unchanged_by_episodes(child, officer, police):
    concern = concern_about(child, police, on=date(2026, 9, 5), category="missing")
    for d in (date(2026, 10, 2), date(2026, 11, 2)):
        episode(child, officer, d)
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    out = StringIO()
    call_command("alerts", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == [
        {
            "child_id": child.pk,
            "child_name": "Hodan Warsame",
            "rule": "repeated-missing",
            "raised_at": alert.raised_at.isoformat(),
            "concern_ids": [concern.pk],
            "agencies": ["Metropolitan Police"],
        }
    ]


def test_other_alerts_keep_their_audit_payload(child, school, police, officer):
    """Only an alert with episodes behind it has them in its payload."""
    concern_about(child, school, on=date(2026, 9, 1))
    concern_about(child, police, on=date(2026, 10, 1))
    concern_about(child, school, on=date(2026, 11, 1))
    episode(child, officer, date(2026, 11, 2))
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert AuditEvent.objects.get(verb="alert_raised").payload == {"rule": "multi-agency"}
    assert alert_missing_episodes([alert.pk]) == {}


def test_the_alerts_page_lists_the_episodes_behind_an_alert(client, child, officer, mash_worker):
    from django.urls import reverse

    for d in (date(2026, 10, 2), date(2026, 10, 20), date(2026, 11, 2)):
        episode(child, officer, d)
    [alert] = evaluate_children([child.pk], today=TODAY).raised
    assert alert.missing_episodes.count() == 3
    client.force_login(mash_worker)
    page = client.get(reverse("alerts:alerts")).content.decode()
    assert "The missing episodes behind it" in page and "20 Oct 2026 21:00" in page
    assert "The concerns behind it" not in page
