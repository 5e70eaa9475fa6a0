"""When worries add up: the alert rules, held as data (AlertRule rows), and their evaluation.

Default rules (created by a migration; their parameters can be changed in the admin):
- multi-agency: 3 or more concerns within 6 months from 2 or more agencies about a child
  with no open social-care involvement (allocated worker or team holding the case);
- immediate: any concern in an immediate category (sexual abuse, FGM), or physical abuse of
  a child under one (an injury to a baby who cannot move about is never minor), in the last
  28 days;
- repeated missing: 3 or more missing concerns within 3 months.

Evaluation is plain Python over one query's rows, so that the whole history (tens of
thousands of concerns) is evaluated in seconds and the same code serves one new concern.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from everychild.access import audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.chronology.services import entries_add_many
from everychild.frontdoor.models import Alert, AlertRule, AlertRuleKind, Concern
from everychild.people.models import Person

OPEN_CASE_KINDS = (InvolvementKind.ALLOCATED_WORKER, InvolvementKind.CASE_TEAM)


@dataclass(frozen=True)
class _Row:
    concern_id: int
    child_id: int
    reported_on: date
    agency_id: int
    category: str


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
    rule: AlertRule, rows: list[_Row], born: date | None, has_open_case: bool, today: date
) -> list[_Row]:
    """The concerns that make `rule` fire for one child (empty if it does not)."""
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
        return missing if len(missing) >= p["min_episodes"] else []
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
    rules = list(AlertRule.objects.filter(active=True))
    if not rules:
        return Evaluated([], [])
    since = today - _longest_window(rules)
    concerns = Concern.objects.filter(child__isnull=False, reported_at__date__gte=since)
    if child_ids is not None:
        concerns = concerns.filter(child_id__in=list(child_ids))
    by_child: dict[int, list[_Row]] = defaultdict(list)
    local = timezone.get_current_timezone()
    for pk, child_id, reported_at, agency_id, category in concerns.values_list(
        "pk", "child_id", "reported_at", "agency_id", "category"
    ).iterator(chunk_size=5000):
        reported_on = reported_at.astimezone(local).date()
        by_child[child_id].append(_Row(pk, child_id, reported_on, agency_id, category))
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
    return _raise(rules, by_child, children, open_cases, open_alerts, already, today)


def _raise(rules, by_child, children, open_cases, open_alerts, already, today) -> Evaluated:
    new_alerts: list[Alert] = []
    links: list[tuple[Alert, list[int]]] = []
    touched: list[Alert] = []
    for child_id, rows in by_child.items():
        for rule in rules:
            born = children[child_id].date_of_birth
            firing = _fires(rule, rows, born, child_id in open_cases, today)
            if not firing:
                continue
            ids = [r.concern_id for r in firing]
            fresh = sorted(set(ids) - already[(child_id, rule.pk)])
            if not fresh:
                continue  # nothing the front door has not already seen under this rule
            alert = open_alerts.get((child_id, rule.pk))
            if alert is None:
                alert = Alert(child=children[child_id], rule=rule, raised_at=timezone.now())
                new_alerts.append(alert)
                links.append((alert, ids))
            else:
                links.append((alert, fresh))
                touched.append(alert)
    Alert.objects.bulk_create(new_alerts, batch_size=2000)
    Alert.concerns.through.objects.bulk_create(
        [
            Alert.concerns.through(alert_id=alert.pk, concern_id=concern_id)
            for alert, ids in links
            for concern_id in ids
        ],
        batch_size=5000,
    )
    if new_alerts:
        audit.record_many(
            [
                {
                    "actor": None,
                    "verb": "alert_raised",
                    "obj": a,
                    "child": a.child,
                    "payload": {"rule": a.rule.code},
                }
                for a in new_alerts
            ]
        )
        entries_add_many(
            [
                ChronologyEntry(
                    child_id=a.child_id,
                    occurred_at=a.raised_at,
                    kind=EntryKind.ALERT,
                    summary=f"Alert to the front door: {a.rule.name}. {explain(a.rule)}",
                )
                for a in new_alerts
            ]
        )
    return Evaluated(raised=new_alerts, updated=touched)
