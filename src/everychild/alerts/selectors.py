"""Reads of alerts, for the front door: each applies the access policy."""

from django.db.models import Prefetch

from everychild import access
from everychild.alerts.models import Alert
from everychild.alerts.rules import explain
from everychild.care.models import MissingEpisode
from everychild.frontdoor.models import Concern
from everychild.frontdoor.selectors import require_front_door


def alerts_list(*, user, closed: bool = False) -> list[tuple[Alert, str]]:
    require_front_door(user)
    alerts = (
        Alert.objects.filter(closed_at__isnull=not closed)
        .filter(child__in=access.children_visible_to(user, "view_minimal"))
        .select_related("child", "rule")
        .prefetch_related(
            Prefetch("concerns", Concern.objects.select_related("agency")),
            Prefetch("missing_episodes", MissingEpisode.objects.order_by("started_at")),
        )
        .order_by("-raised_at")
    )
    return [(a, explain(a.rule)) for a in alerts[:500]]


def open_alerts_report() -> list[dict]:
    """Open alerts for `everychild alerts --format json` (an operator's command)."""
    alerts = (
        Alert.objects.filter(closed_at__isnull=True)
        .select_related("child", "rule")
        .prefetch_related(Prefetch("concerns", Concern.objects.select_related("agency")))
        .order_by("-raised_at")
    )
    return [
        {
            "child_id": a.child_id,
            "child_name": a.child.full_name,
            "rule": a.rule.code,
            "raised_at": a.raised_at.isoformat(),
            "concern_ids": sorted(c.pk for c in a.concerns.all()),
            "agencies": sorted({c.agency.name for c in a.concerns.all()}),
        }
        for a in alerts
    ]


def open_alert_count(*, user) -> int:
    """Open alerts about children the user may know exist (the front door's home page)."""
    return (
        Alert.objects.filter(closed_at__isnull=True)
        .filter(child__in=access.children_visible_to(user, "view_minimal"))
        .count()
    )


def child_open_alerts(*, child) -> list[tuple[Alert, str]]:
    """The child's open alerts and each rule in plain words (the contact page, which has
    checked access and audited the read)."""
    alerts = Alert.objects.filter(child=child, closed_at__isnull=True).select_related("rule")
    return [(a, explain(a.rule)) for a in alerts]
