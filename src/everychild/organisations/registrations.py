"""The administrator's way into the admin site (organisations, teams and accounts)."""

from everychild.core import registry
from everychild.organisations.roles import Role


def register() -> None:
    registry.nav_item("Administration", "admin:index", order=200, roles={Role.ADMINISTRATOR})
