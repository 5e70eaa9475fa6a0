"""Staff roles (DESIGN.md's user table) and what each role is for."""

from django.db import models


class Role(models.TextChoices):
    PARTNER = "partner", "Partner practitioner"
    MASH = "mash", "MASH practitioner"
    SOCIAL_WORKER = "social_worker", "Social worker"
    TEAM_MANAGER = "team_manager", "Team manager"
    CONFERENCE_CHAIR = "conference_chair", "Child protection chair or IRO"
    LADO = "lado", "LADO"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    ANALYST = "analyst", "Performance analyst"
    DIRECTOR = "director", "Director or partnership board"
    DPO = "dpo", "Data protection officer"
    ADMINISTRATOR = "administrator", "System administrator"


# Roles that work inside children's social care and so may hold cases, be allocated or
# break glass in an emergency. Partners, analysts, directors and the DPO may not.
SOCIAL_CARE_ROLES = frozenset(
    {
        Role.MASH,
        Role.SOCIAL_WORKER,
        Role.TEAM_MANAGER,
        Role.CONFERENCE_CHAIR,
        Role.PERSONAL_ADVISER,
    }
)

# Roles that hold cases and take case decisions (assessments, plans, coming into care,
# closure): a chair or personal adviser who may write notes on a record does not.
CASE_HOLDERS = frozenset({Role.SOCIAL_WORKER, Role.TEAM_MANAGER})
CASE_HOLDERS_ONLY = "Only the social workers and managers holding the case do this."

# Roles that work at the front door: the MASH and the managers who sign its decisions off.
FRONT_DOOR_ROLES = frozenset({Role.MASH, Role.TEAM_MANAGER})


def require_role(user, roles, message: str) -> None:
    """PermissionDenied with `message` unless the signed-in user has one of `roles`."""
    from django.core.exceptions import PermissionDenied

    if not (user.is_authenticated and user.role in roles):
        raise PermissionDenied(message)
