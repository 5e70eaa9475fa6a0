"""When worries add up: the alert rules, held as data (AlertRule rows), and their evaluation.
The front door and care announce concerns and missing episodes on hooks (subscribers.py).

Default rules (created by a migration; their parameters can be changed in the admin):
- multi-agency: 3 or more concerns within 6 months from 2 or more agencies about a child
  with no open social-care involvement (allocated worker or team holding the case);
- immediate: any concern in an immediate category (sexual abuse, FGM), or physical abuse of
  a child under one (an injury to a baby who cannot move about is never minor), in the last
  28 days;
- repeated missing: 3 or more missing episodes within 3 months: concerns of category
  "missing" and the missing episodes recorded for the child (care/services/missing.py,
  announced on the care.missing_episode_recorded hook), counted by the day they were
  reported / started. A concern and an episode about the same child on the same day are one
  episode (the police's concern and the episode they recorded); so are several concerns on
  the day of an episode.

Evaluation is plain Python over one query's rows, so that the whole history (tens of
thousands of concerns) is evaluated in seconds and the same code serves one new concern.

An Alert links the concerns behind it (Alert.concerns) and the missing episodes behind it
(Alert.missing_episodes); the "alert_raised" audit row names the episodes too, and an open
alert that gains episodes gets an "alert_gained_missing_episodes" row. An episode already behind an
alert (open or closed) of a rule does not raise that rule again, as for concerns.
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from everychild import audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.alerts.models import Alert, AlertRule, AlertRuleKind
from everychild.care.selectors.missing import missing_starts
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.chronology.services import entries_add_many
from everychild.frontdoor.models import Concern
from everychild.people.models import Person

OPEN_CASE_KINDS = (InvolvementKind.ALLOCATED_WORKER, InvolvementKind.CASE_TEAM)


@dataclass(frozen=True)
class _Row:
    concern_id: int
    child_id: int
    reported_on: date
    agency_id: int
    category: str


@dataclass(frozen=True)
class _Episode:
    """A missing episode (care.MissingEpisode) for the repeated-missing rule."""

    episode_id: int
    child_id: int
    started_on: date


def explain(rule: AlertRule) -> str:
    """The rule in plain words, from its parameters, for the alert page."""
    p = rule.parameters
    if rule.kind == AlertRuleKind.MULTI_AGENCY:
        return (
            f"{p['min_concerns']} or more concerns within {p['window_months']} months, from "
            f"{p['min_agencies']} or more agencies, about a child with no open social-care "
            "involvement."
        )
    if rule.kind == AlertRuleKind.IMMEDIATE:
        categories = ", ".join(c.replace("_", " ") for c in p["categories"])
        babies = ", ".join(c.replace("_", " ") for c in p.get("under_one_categories", []))
        words = f"Any concern about {categories}"
        if babies:
            words += f", or about {babies} of a child under one"
        return f"{words}, in the last {p['window_days']} days."
    if rule.kind == AlertRuleKind.REPEATED_MISSING:
        return f"{p['min_episodes']} or more missing episodes within {p['window_months']} months."
    return rule.name


def _fires(
    rule: AlertRule,
    rows: list[_Row],
    born: date | None,
    has_open_case: bool,
    today: date,
    episodes: Sequence[_Episode] = (),
) -> list[_Row | _Episode]:
    """The concerns (and, for repeated missing, the missing episodes) that make `rule` fire
    for one child (empty if it does not)."""
    p = rule.parameters
    if rule.kind == AlertRuleKind.MULTI_AGENCY:
        if has_open_case:
            return []
        since = today - relativedelta(months=p["window_months"])
        recent = [r for r in rows if since <= r.reported_on <= today]
        agencies = {r.agency_id for r in recent}
        if len(recent) >= p["min_concerns"] and len(agencies) >= p["min_agencies"]:
            return recent
        return []
    if rule.kind == AlertRuleKind.IMMEDIATE:
        since = today - timedelta(days=p["window_days"])
        under_one = set(p.get("under_one_categories", []))
        return [
            r
            for r in rows
            if since <= r.reported_on <= today
            and (
                r.category in p["categories"]
                or (r.category in under_one and born and r.reported_on < _first_birthday(born))
            )
        ]
    if rule.kind == AlertRuleKind.REPEATED_MISSING:
        since = today - relativedelta(months=p["window_months"])
        missing = [r for r in rows if r.category == "missing" and since <= r.reported_on <= today]
        recorded = [e for e in episodes if since <= e.started_on <= today]
        # A concern on the day of a recorded episode is about that episode: count it once.
        days = {e.started_on for e in recorded}
        count = len(recorded) + sum(1 for r in missing if r.reported_on not in days)
        return [*missing, *recorded] if count >= p["min_episodes"] else []
    return []


def _first_birthday(born: date) -> date:
    try:
        return born.replace(year=born.year + 1)
    except ValueError:  # 29 February
        return date(born.year + 1, 3, 1)


def _longest_window(rules) -> relativedelta:
    months = max((r.parameters.get("window_months", 0) for r in rules), default=0)
    days = max((r.parameters.get("window_days", 0) for r in rules), default=0)
    return relativedelta(months=months, days=days)


@dataclass
class Evaluated:
    raised: list[Alert]  # new alerts
    updated: list[Alert]  # open alerts that gained concerns


@transaction.atomic
def evaluate_children(child_ids=None, today: date | None = None) -> Evaluated:
    """Evaluate every active rule for these children (all children with concerns if None).

    Raises a new alert where a rule fires and none is open; adds newly triggering concerns to
    an open one.
    """
    today = today or timezone.localdate()
    raised_at = _raised_at(today)
    rules = list(AlertRule.objects.filter(active=True))
    if not rules:
        return Evaluated([], [])
    since = today - _longest_window(rules)
    concerns = Concern.objects.filter(child__isnull=False, reported_at__date__gte=since)
    if child_ids is not None:
        child_ids = list(child_ids)
        concerns = concerns.filter(child_id__in=child_ids)
    by_child: dict[int, list[_Row]] = defaultdict(list)
    local = timezone.get_current_timezone()
    for pk, child_id, reported_at, agency_id, category in concerns.values_list(
        "pk", "child_id", "reported_at", "agency_id", "category"
    ).iterator(chunk_size=5000):
        reported_on = reported_at.astimezone(local).date()
        by_child[child_id].append(_Row(pk, child_id, reported_on, agency_id, category))
    episodes = _episodes(rules, since, child_ids)
    for child_id in episodes:
        by_child.setdefault(child_id, [])  # a child with episodes and no concerns too
    if not by_child:
        return Evaluated([], [])
    children = Person.objects.only("given_name", "family_name", "date_of_birth").in_bulk(
        by_child.keys()
    )
    open_cases = set(
        Involvement.objects.current(today)
        .filter(child_id__in=by_child.keys(), kind__in=OPEN_CASE_KINDS)
        .values_list("child_id", flat=True)
    )
    open_alerts = {
        (a.child_id, a.rule_id): a
        for a in Alert.objects.filter(child_id__in=by_child.keys(), closed_at__isnull=True)
    }
    # The concerns each child's alerts (open or closed) already answered, per rule: a closed
    # alert is not raised again unless a new concern makes the rule fire.
    already: dict[tuple[int, int], set[int]] = defaultdict(set)
    for child_id, rule_id, concern_id in Alert.concerns.through.objects.filter(
        alert__child_id__in=by_child.keys()
    ).values_list("alert__child_id", "alert__rule_id", "concern_id"):
        already[(child_id, rule_id)].add(concern_id)
    episodes_already = _episodes_answered(episodes.keys())
    return _raise(
        rules,
        by_child,
        children,
        open_cases,
        open_alerts,
        already,
        today,
        raised_at,
        episodes=episodes,
        episodes_already=episodes_already,
    )


def _raised_at(today: date) -> datetime:
    """Now, or, when the rules are evaluated as on a past day (the synthetic borough is built
    as on the day it is given), the end of that working day: an alert is never dated after
    the day it was evaluated for."""
    now = timezone.now()
    if today >= timezone.localdate(now):
        return now
    return timezone.make_aware(datetime.combine(today, time(17, 0)))


def _episodes(rules, since: date, child_ids) -> dict[int, list[_Episode]]:
    """The missing episodes started since `since`, by child, if a repeated-missing rule is
    active (none otherwise)."""
    if not any(r.kind == AlertRuleKind.REPEATED_MISSING for r in rules):
        return {}
    by_child: dict[int, list[_Episode]] = defaultdict(list)
    for pk, child_id, started_on in missing_starts(since=since, child_ids=child_ids):
        by_child[child_id].append(_Episode(pk, child_id, started_on))
    return by_child


def _episodes_answered(child_ids) -> dict[tuple[int, int], set[int]]:
    """The missing episodes each child's alerts (open or closed) already list, per rule."""
    answered: dict[tuple[int, int], set[int]] = defaultdict(set)
    child_ids = list(child_ids)
    if not child_ids:
        return answered
    for child_id, rule_id, episode_id in Alert.missing_episodes.through.objects.filter(
        alert__child_id__in=child_ids
    ).values_list("alert__child_id", "alert__rule_id", "missingepisode_id"):
        answered[(child_id, rule_id)].add(episode_id)
    return answered


def alert_missing_episodes(alert_ids) -> dict[int, list[int]]:
    """The ids of the missing episodes (care.MissingEpisode) behind each of these alerts,
    oldest first by id: {alert id: [episode id, ...]} (an alert with none is left out)."""
    listed: dict[int, list[int]] = defaultdict(list)
    for alert_id, episode_id in (
        Alert.missing_episodes.through.objects.filter(alert_id__in=list(alert_ids))
        .order_by("alert_id", "missingepisode_id")
        .values_list("alert_id", "missingepisode_id")
    ):
        listed[alert_id].append(episode_id)
    return dict(listed)


def _episode_words(days: list[date]) -> str:
    listed = ", ".join(f"{d.day} {d:%b %Y}" for d in sorted(days))
    return f" Missing episodes recorded: {len(days)}, starting {listed}."


@dataclass
class _Changes:
    """What one evaluation does: alerts to raise, and the concerns and missing episodes each
    new or open alert gains."""

    new_alerts: list[Alert] = field(default_factory=list)
    links: list[tuple[Alert, list[int]]] = field(default_factory=list)  # alert, concern ids
    touched: list[Alert] = field(default_factory=list)  # open alerts that gained concerns
    new_episodes: dict[int, list[_Episode]] = field(default_factory=dict)  # id(alert) ->
    gained: list[tuple[Alert, list[int]]] = field(default_factory=list)  # open alert, episodes


def _raise(
    rules,
    by_child,
    children,
    open_cases,
    open_alerts,
    already,
    today,
    raised_at,
    *,
    episodes=None,
    episodes_already=None,
) -> Evaluated:
    episodes = episodes or {}
    episodes_already = episodes_already if episodes_already is not None else defaultdict(set)
    changes = _Changes()
    for child_id, rows in by_child.items():
        child = children[child_id]
        for rule in rules:
            firing = _fires(
                rule,
                rows,
                child.date_of_birth,
                child_id in open_cases,
                today,
                episodes.get(child_id, []),
            )
            if firing:
                seen = (
                    already[(child_id, rule.pk)],
                    episodes_already.get((child_id, rule.pk), set()),
                )
                alert = open_alerts.get((child_id, rule.pk))
                _change(changes, firing, seen, alert, child, rule, raised_at)
    _save(changes)
    _record(changes)
    return Evaluated(raised=changes.new_alerts, updated=changes.touched)


def _change(changes: _Changes, firing, seen, alert, child, rule, raised_at) -> None:
    """A rule fires for a child: raise its alert, or add what is new to the open one."""
    seen_concerns, seen_episodes = seen
    ids = [r.concern_id for r in firing if isinstance(r, _Row)]
    recorded = [r for r in firing if isinstance(r, _Episode)]
    fresh = sorted(set(ids) - seen_concerns)
    fresh_episodes = sorted(e.episode_id for e in recorded if e.episode_id not in seen_episodes)
    if not fresh and not fresh_episodes:
        return  # nothing the front door has not already seen under this rule
    if alert is None:
        alert = Alert(child=child, rule=rule, raised_at=raised_at)
        changes.new_alerts.append(alert)
        changes.links.append((alert, ids))
        if recorded:
            changes.new_episodes[id(alert)] = recorded
        return
    changes.links.append((alert, fresh))
    changes.touched.append(alert)
    if fresh_episodes:
        # (the rule and child are at hand: the audit row names them without a query)
        alert.rule, alert.child = rule, child
        changes.gained.append((alert, fresh_episodes))


def _save(changes: _Changes) -> None:
    Alert.objects.bulk_create(changes.new_alerts, batch_size=2000)
    Alert.concerns.through.objects.bulk_create(
        [
            Alert.concerns.through(alert_id=alert.pk, concern_id=concern_id)
            for alert, ids in changes.links
            for concern_id in ids
        ],
        batch_size=5000,
    )
    episode_links = [
        (alert, e.episode_id)
        for alert in changes.new_alerts
        for e in changes.new_episodes.get(id(alert), [])
    ] + [(alert, episode_id) for alert, ids in changes.gained for episode_id in ids]
    Alert.missing_episodes.through.objects.bulk_create(
        [
            Alert.missing_episodes.through(alert_id=alert.pk, missingepisode_id=episode_id)
            for alert, episode_id in episode_links
        ],
        batch_size=5000,
    )


def _record(changes: _Changes) -> None:
    """The audit rows of new alerts and of open alerts that gained episodes (the rules
    raise them: the system is the actor), and each new alert on the child's chronology."""

    def episodes_of(alert: Alert) -> list[_Episode]:
        return changes.new_episodes.get(id(alert), [])

    def payload(alert: Alert) -> dict:
        listed = sorted(e.episode_id for e in episodes_of(alert))
        return {"rule": alert.rule.code, **({"missing_episodes": listed} if listed else {})}

    def summary(alert: Alert) -> str:
        words = f"Alert to the front door: {alert.rule.name}. {explain(alert.rule)}"
        if episodes_of(alert):
            words += _episode_words([e.started_on for e in episodes_of(alert)])
        return words

    rows = [
        {"actor": None, "verb": "alert_raised", "obj": a, "child": a.child, "payload": payload(a)}
        for a in changes.new_alerts
    ] + [
        {
            "actor": None,
            "verb": "alert_gained_missing_episodes",
            "obj": alert,
            "child": alert.child,
            "payload": {"rule": alert.rule.code, "missing_episodes": episode_ids},
        }
        for alert, episode_ids in changes.gained
    ]
    if rows:
        audit.record_many(rows)
    entries_add_many(
        [
            ChronologyEntry(
                child_id=a.child_id,
                occurred_at=a.raised_at,
                kind=EntryKind.ALERT,
                summary=summary(a),
            )
            for a in changes.new_alerts
        ]
    )
