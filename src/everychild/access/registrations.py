"""What the access app shows on other apps' pages: the data protection officer's navigation
and home page."""

from everychild.access.selectors import break_glass_awaiting_review
from everychild.core import hooks, registry
from everychild.organisations.roles import Role


def register() -> None:
    hooks.declare("access.record_restricted", "A record was restricted: child, by.")
    dpo = {Role.DPO}
    registry.nav_item("What staff looked at", "access:staff_list", order=140, roles=dpo)
    registry.nav_item("Break-glass reviews", "access:break_glass_log", order=150, roles=dpo)
    registry.panel(
        "record.home",
        "data_protection",
        template="access/home/_dpo.html",
        fill=lambda *, user: {"break_glass_awaiting": break_glass_awaiting_review()},
        order=100,
        roles=dpo,
    )
