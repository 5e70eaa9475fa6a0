"""What the front door shows on the pages other apps host: the navigation, the home pages
of the MASH, team managers and partners, and the "Record a contact" button on a child's
record."""

from everychild.core import registry
from everychild.frontdoor.selectors import front_door_summary, partner_summary
from everychild.organisations.roles import Role

FRONT_DOOR_ROLES = {Role.MASH, Role.TEAM_MANAGER}
# Anyone who works for an agency may raise a concern, except those who read figures or audit.
NO_CONCERNS = {Role.DPO, Role.ANALYST, Role.DIRECTOR}


def _may_raise_concerns(user) -> bool:
    return bool(user.organisation_id) and user.role not in NO_CONCERNS


def register() -> None:
    registry.nav_item("Front door", "frontdoor:queue", order=10, roles=FRONT_DOOR_ROLES)
    registry.nav_item("Alerts", "frontdoor:alerts", order=20, roles=FRONT_DOOR_ROLES)
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
        fill=lambda *, user: {"front_door": front_door_summary(user=user)},
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
