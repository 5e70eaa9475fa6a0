"""Alerts are about the front door's concerns: its people serve here too."""

from tests.frontdoor.conftest import (  # noqa: F401 -- fixtures
    council,
    dsl,
    gp,
    gp_practice,
    known_child,
    manager,
    mash_team,
    mash_worker,
    officer,
    police,
    school,
)
