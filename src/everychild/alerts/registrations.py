"""What alerts show on other apps' pages: the navigation, the open-alerts figure on the front
door's home page, and the child's open alerts on a contact."""

from django.urls import reverse

from everychild.alerts import subscribers
from everychild.alerts.selectors import child_open_alerts, open_alert_count
from everychild.core import hooks, registry
from everychild.organisations.roles import FRONT_DOOR_ROLES


def _home_figure(*, user) -> dict:
    return {
        "count": open_alert_count(user=user),
        "words": "open alerts",
        "url": reverse("alerts:alerts"),
    }


def _contact_warning(*, user, contact, child) -> dict | None:
    alerts = child_open_alerts(child=child)
    return {"alerts": alerts} if alerts else None


def register() -> None:
    hooks.subscribe("frontdoor.concerns_recorded", subscribers.on_concerns_recorded)
    hooks.subscribe("frontdoor.concern_unlinked", subscribers.on_concern_unlinked)
    hooks.subscribe("care.missing_episode_recorded", subscribers.on_missing_episode_recorded)
    registry.nav_item("Alerts", "alerts:alerts", order=20, roles=FRONT_DOOR_ROLES)
    registry.panel("frontdoor.home_figures", "open_alerts", fill=_home_figure, order=40)
    registry.panel(
        "frontdoor.contact",
        "alerts",
        template="alerts/_contact_alerts.html",
        fill=_contact_warning,
        order=10,
    )
