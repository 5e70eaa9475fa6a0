"""What the front door shows on the pages other apps host: the navigation, the home pages
of the MASH, team managers and partners, and the "Record a contact" button on a child's
record."""

from django.urls import reverse

from everychild.core import hooks, registry
from everychild.frontdoor.selectors import front_door_summary, partner_summary
from everychild.organisations.roles import FRONT_DOOR_ROLES, Role

# Anyone who works for an agency may raise a concern, except those who read figures or audit.
NO_CONCERNS = {Role.DPO, Role.ANALYST, Role.DIRECTOR}


def _may_raise_concerns(user) -> bool:
    return bool(user.organisation_id) and user.role not in NO_CONCERNS


def front_door_panel(*, user) -> dict:
    """The queue in figures, and any figures other apps add (frontdoor.home_figures)."""
    summary = front_door_summary(user=user)
    queue = reverse("frontdoor:queue")
    figures = [
        {"count": summary.open_contacts, "words": "contacts on the queue", "url": queue},
        {
            "count": summary.overdue,
            "words": "past their decision clock",
            "url": f"{queue}?overdue=1",
        },
        {
            "count": summary.awaiting_sign_off,
            "words": "awaiting a manager's sign-off",
            "url": f"{queue}?stage=sign_off",
        },
    ]
    figures += [shown.context for shown in registry.filled("frontdoor.home_figures", user)]
    return {"figures": figures}


def register() -> None:
    hooks.declare(
        "frontdoor.concerns_recorded",
        "Concerns about these children were recorded or linked to them (a partner's "
        "concern, a file of them, an identity confirmed): child_ids, by.",
    )
    hooks.declare(
        "frontdoor.concern_unlinked",
        "A concern turned out not to be about this child: concern, child_id.",
    )
    registry.host(
        "frontdoor.home_figures",
        "Figures beside the queue's on the front door's home page: "
        'fill(user) -> {"count", "words", "url"}.',
    )
    registry.host(
        "frontdoor.contact",
        "Warnings at the top of a contact about a known child: fill(user, contact, child).",
    )
    registry.host(
        "frontdoor.household",
        "What the contact page's household history says about each child in the household, "
        "besides referrals and contacts: fill(user, child_ids) -> {child_id: [words]}.",
    )
    registry.nav_item("Front door", "frontdoor:queue", order=10, roles=FRONT_DOOR_ROLES)
    registry.nav_item(
        "Raise a concern", "frontdoor:raise_concern", order=110, when=_may_raise_concerns
    )
    registry.nav_item("My concerns", "frontdoor:my_concerns", order=120, roles={Role.PARTNER})
    registry.nav_item("Requests", "frontdoor:agency_requests", order=130, roles={Role.PARTNER})
    registry.panel(
        "record.home",
        "partner",
        template="frontdoor/home/_partner.html",
        fill=lambda *, user: {"partner": partner_summary(user=user)},
        order=10,
        roles={Role.PARTNER},
    )
    registry.panel(
        "record.home",
        "front_door",
        template="frontdoor/home/_front_door.html",
        fill=front_door_panel,
        order=70,
        roles=FRONT_DOOR_ROLES,
    )
    registry.panel(
        "record.child_actions",
        "record_contact",
        template="frontdoor/record/_record_contact.html",
        fill=lambda **_: {},
        order=10,
        roles=FRONT_DOOR_ROLES,
    )
