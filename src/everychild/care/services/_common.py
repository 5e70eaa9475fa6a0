"""What every care write shares: who may do what. (Dates that cannot be in the future are
core.errors.not_future; the chronology entry is chronology.services.event.)"""

from everychild import access
from everychild.organisations.roles import CASE_HOLDERS, CASE_HOLDERS_ONLY, Role
from everychild.people.models import Person


def require_case_holder(user, child: Person) -> None:
    """Care decisions (coming into care, moves, plans) are the case-holding team's."""
    access.require_role(user, CASE_HOLDERS, CASE_HOLDERS_ONLY, child)


def require_iro(user, child: Person) -> None:
    """Looked-after reviews and quality challenges are the independent reviewing officer's."""
    message = "Only an independent reviewing officer does this."
    access.require_role(user, {Role.CONFERENCE_CHAIR}, message, child)
