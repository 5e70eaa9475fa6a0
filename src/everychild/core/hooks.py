"""Hooks: how a lower layer tells a higher one that something happened, without importing it.

The app that runs a hook declares it, once, in its `AppConfig.ready()`:

    hooks.declare("frontdoor.concern_recorded", "A concern about a child was recorded ...")

and calls `hooks.run("frontdoor.concern_recorded", concerns=[...], by=user)` inside the
transaction that made the change. An app above it subscribes in its own `ready()`:

    hooks.subscribe("frontdoor.concern_recorded", alerts.on_concerns_recorded)

Subscribers run in the order they subscribed (INSTALLED_APPS order), inside the caller's
transaction: if one raises, the whole write is undone. A hook is for telling, not asking:
the caller must not depend on who listens. As with Django's signals, `run` returns what the
subscribers returned, for a caller that reports figures it knows of (an import's report
counts `{"alerts_raised": n}` if anyone returns it). `everychild registry` lists every hook
and its subscribers.
See docs/decisions/0005-hook-registry.md.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction


@dataclass
class Hook:
    name: str
    doc: str
    declared_by: str
    subscribers: list[Callable] = field(default_factory=list)


_hooks: dict[str, Hook] = {}


def declare(name: str, doc: str) -> None:
    """Declare a hook this app runs (from its AppConfig.ready())."""
    if name in _hooks:
        raise ImproperlyConfigured(f"The hook {name!r} is already declared.")
    _hooks[name] = Hook(name=name, doc=doc, declared_by=name.split(".")[0])


def subscribe(name: str, subscriber: Callable) -> None:
    """Run `subscriber(**data)` whenever the hook runs (from the subscribing app's ready())."""
    hook = _hooks.get(name)
    if hook is None:
        # Declaring apps come first in INSTALLED_APPS, so this is a typo or a missing app.
        raise ImproperlyConfigured(f"No hook named {name!r} is declared; cannot subscribe.")
    if subscriber not in hook.subscribers:
        hook.subscribers.append(subscriber)


def run(name: str, **data) -> list:
    """Tell every subscriber, inside the caller's transaction; what they returned (not None),
    in order."""
    hook = _hooks.get(name)
    if hook is None:
        raise ImproperlyConfigured(f"No hook named {name!r} is declared; cannot run it.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            f"The hook {name!r} must run inside the transaction that made the change."
        )
    results = (subscriber(**data) for subscriber in hook.subscribers)
    return [result for result in results if result is not None]


def declared() -> list[Hook]:
    """Every hook, in the order declared (for `everychild registry` and tests)."""
    return list(_hooks.values())
