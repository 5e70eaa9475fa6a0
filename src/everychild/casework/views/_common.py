"""What the casework pages share: the referral a page starts from, the way back to the
child's page, the UI kit's form page about a child, and pages of several small forms."""

from collections.abc import Callable
from datetime import date
from functools import partial

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from everychild.casework.selectors import records
from everychild.core import ui
from everychild.frontdoor.models import Referral
from everychild.people.models import Person


def referral_for(pk: int, user, action: str = "edit") -> Referral:
    """The referral a page starts from, if the user may take `action` on its child."""
    return records.casework_record(Referral, pk, user, action=action)


def child_url(child: Person, anchor: str = "") -> str:
    return reverse("record:child", args=[child.pk]) + (f"#{anchor}" if anchor else "")


def today() -> date:
    return timezone.localdate()


def form_page(request, form, *, title: str, child: Person, button: str, **extra):
    """The UI kit's form page about a child, back to the child's page unless `back_url`
    says otherwise."""
    back_url = extra.pop("back_url", None) or child_url(child)
    return ui.form_page(
        request, form, title=title, child=child, button=button, back_url=back_url, **extra
    )


def post_action(request, actions: dict, apply: Callable, *, allowed: bool, then, kwargs=None):
    """A page of several small forms, one POSTed at a time with its `action` (a key of
    `actions`, the form class, prefixed with it): 404 for an unknown action, 403 unless
    `allowed`, then the UI kit runs `apply(action, data)`, which returns the success message.
    Returns (the redirect, or None to show the page again; the bound form, or None on GET).
    `kwargs` gives an action's form its extra arguments."""
    if request.method != "POST":
        return None, None
    action = request.POST.get("action", "")
    if action not in actions:
        raise Http404("Unknown action.")
    if not allowed:
        raise PermissionDenied("You may not change this plan.")
    form = actions[action](request.POST, prefix=action, **(kwargs or {}).get(action, {}))
    done = ui.run_service(
        request, form, partial(apply, action), success=lambda message: message, then=then
    )
    return done, form
