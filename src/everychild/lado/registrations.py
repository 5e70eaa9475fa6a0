"""What the LADO service shows on other apps' pages: its navigation, the LADO's home page,
and, on anyone else's home page, the allegations the LADO has named them on."""

from everychild.core import registry
from everychild.lado.selectors import home_summary, named_allegations
from everychild.organisations.roles import Role


def _named(*, user) -> dict | None:
    # An employer's designated officer or a police officer named on an allegation finds it
    # here; nobody else sees anything.
    allegations = named_allegations(user=user)
    return {"named_allegations": allegations} if allegations else None


def register() -> None:
    lado = {Role.LADO}
    registry.nav_item("Allegations", "lado:allegations", order=80, roles=lado)
    registry.nav_item("Dashboard", "lado:dashboard", order=81, roles=lado)
    registry.nav_item("Engagement", "lado:engagement", order=82, roles=lado)
    registry.nav_item("Annual report", "lado:annual_report", order=83, roles=lado)
    registry.panel(
        "record.home",
        "lado",
        template="lado/home/_lado.html",
        fill=lambda *, user: {"lado": home_summary(user=user)},
        order=20,
        roles=lado,
    )
    registry.panel(
        "record.home",
        "named_allegations",
        template="lado/home/_named_allegations.html",
        fill=_named,
        order=30,
        roles=set(Role) - {Role.LADO, Role.ADMINISTRATOR},
    )
