"""Pages that show many domains are hosts: they ask this registry what to show.

A host (the child's record, each role's home page, the contact page's household history,
the navigation) names itself with `host()` and shows the panels registered for it; each
domain registers what it contributes from its own `AppConfig.ready()`:

    registry.panel(
        "record.child", "care",
        template="care/_child_panel.html",
        fill=care_panel,              # (user=..., child=..., **host's context) -> dict | None
        order=60,
        roles=SOCIAL_CARE_ROLES,
        prepare=with_care_status,     # optional: adds to the host's own query of the child
    )
    registry.nav_item("Corporate parenting", "care:corporate_parenting", order=80, roles=...)

So a host imports no domain, and a new domain plugs in by being installed. Who may see a
panel is said twice, on purpose: `roles` (or `when`) decides whether it is shown at all, and
its `fill` selector applies the access policy to what it reads. `fill` returning None hides
the panel. `everychild registry` prints everything registered. See
docs/decisions/0006-record-composition.md.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Panel:
    host: str
    name: str
    fill: Callable[..., object]
    template: str | None = None  # None: the host uses what fill returns as data
    order: int = 100
    roles: frozenset[str] | None = None  # None: everyone the host is shown to
    when: Callable[[object], bool] | None = None  # a finer test of the user than roles
    prepare: Callable | None = None  # host-specific: e.g. adds to the child's own query

    def shown_to(self, user) -> bool:
        if self.roles is not None and getattr(user, "role", None) not in self.roles:
            return False
        return self.when is None or bool(self.when(user))


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    order: int
    roles: frozenset[str] | None = None
    when: Callable[[object], bool] | None = None
    query: str = ""  # appended to the URL, e.g. "?overdue=1"

    def shown_to(self, user) -> bool:
        if self.roles is not None and getattr(user, "role", None) not in self.roles:
            return False
        return self.when is None or bool(self.when(user))


@dataclass(frozen=True)
class Shown:
    """A panel with what its fill returned, ready for the host's template
    ({% render_panel shown %})."""

    panel: Panel
    context: dict


_hosts: dict[str, str] = {}
_panels: dict[str, dict[str, Panel]] = defaultdict(dict)
_nav: dict[str, NavItem] = {}


def host(name: str, doc: str) -> None:
    """Declare a host page (from the host app's ready()); `doc` says what `fill` receives."""
    _hosts[name] = doc


def panel(
    host: str,
    name: str,
    *,
    fill: Callable[..., object],
    template: str | None = None,
    order: int = 100,
    roles: Iterable[str] | None = None,
    when: Callable[[object], bool] | None = None,
    prepare: Callable | None = None,
) -> Panel:
    """Register what a domain contributes to a host page."""
    if name in _panels[host]:
        raise ImproperlyConfigured(f"A panel named {name!r} is already registered on {host!r}.")
    registered = Panel(
        host=host,
        name=name,
        fill=fill,
        template=template,
        order=order,
        roles=frozenset(roles) if roles is not None else None,
        when=when,
        prepare=prepare,
    )
    _panels[host][name] = registered
    return registered


def nav_item(
    text: str,
    url_name: str,
    *,
    order: int,
    roles: Iterable[str] | None = None,
    when: Callable[[object], bool] | None = None,
    query: str = "",
) -> NavItem:
    """Register a link in the service navigation, shown to `roles` (None: everyone)."""
    if url_name + query in _nav:
        raise ImproperlyConfigured(f"A navigation item for {url_name!r} is already registered.")
    item = NavItem(
        text=text,
        url_name=url_name,
        order=order,
        roles=frozenset(roles) if roles is not None else None,
        when=when,
        query=query,
    )
    _nav[url_name + query] = item
    return item


def panels(host: str, user=None) -> list[Panel]:
    """The panels on `host` that `user` may be shown (all of them if user is None), in order."""
    found = sorted(_panels.get(host, {}).values(), key=lambda p: (p.order, p.name))
    return [p for p in found if user is None or p.shown_to(user)]


def filled(host: str, user, **context) -> list[Shown]:
    """The panels on `host` that `user` may be shown, each filled: `fill(user=user,
    **context)`; a panel whose fill returns None is left out."""
    shown = []
    for found in panels(host, user):
        data = found.fill(user=user, **context)
        if data is not None:
            shown.append(Shown(found, data))
    return shown


def nav_items() -> list[NavItem]:
    return sorted(_nav.values(), key=lambda i: (i.order, i.text))


def navigation(user) -> list[NavItem]:
    """The navigation `user` is shown, in order."""
    return [i for i in nav_items() if i.shown_to(user)]


def hosts() -> dict[str, str]:
    return dict(_hosts)


def unknown_hosts() -> list[str]:
    """Hosts that panels were registered on but no app declared (a typo, or a missing app)."""
    return sorted(h for h in _panels if _panels[h] and h not in _hosts)
