from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from everychild import audit
from everychild.core.errors import DomainError, clean_or_refuse
from everychild.organisations.models import Organisation, Staff, Team, TeamMembership
from everychild.organisations.roles import Role


@transaction.atomic
def staff_create(
    *,
    created_by,
    username: str,
    password: str,
    first_name: str,
    last_name: str,
    role: Role,
    organisation: Organisation,
    email: str = "",
    phone: str = "",
    job_title: str = "",
) -> Staff:
    """Create a sign-in for a member of staff; the password must pass the strength rules."""
    if created_by is not None and not created_by.is_superuser:
        raise DomainError("Only a system administrator may create accounts.")
    staff = Staff(
        username=username,
        first_name=first_name,
        last_name=last_name,
        role=role,
        organisation=organisation,
        email=email,
        phone=phone,
        job_title=job_title,
    )
    try:
        validate_password(password, staff)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from error
    staff.set_password(password)
    clean_or_refuse(staff)
    staff.save()
    audit.record(actor=created_by, verb="staff_created", obj=staff, payload={"role": role})
    return staff


def _require_administrator(user, what: str) -> None:
    if user is not None and not user.is_superuser:
        raise DomainError(f"Only a system administrator may {what}.")


@transaction.atomic
def organisation_create(*, created_by, name: str, kind: str, **details) -> Organisation:
    """Add an agency. `created_by` None is the system: a file of concerns naming an agency
    everychild does not know yet adds it, and says so in its report."""
    _require_administrator(created_by, "add organisations")
    organisation = Organisation(name=name.strip(), kind=kind, **details)
    clean_or_refuse(organisation)
    organisation.save()
    audit.record(
        actor=created_by, verb="organisation_added", obj=organisation, payload={"kind": kind}
    )
    return organisation


@transaction.atomic
def team_member_add(
    *, team: Team, staff: Staff, added_by, is_manager: bool = False, started_on=None
) -> TeamMembership:
    """Team membership decides which children's records a member may open (the access
    policy follows the team's involvements), so every change is audited."""
    _require_administrator(added_by, "change team membership")
    if TeamMembership.objects.filter(team=team, staff=staff).exists():
        raise DomainError(f"{staff} is already a member of {team}.", field="staff")
    membership = TeamMembership(
        team=team, staff=staff, is_manager=is_manager, started_on=started_on
    )
    clean_or_refuse(membership)
    membership.save()
    audit.record(
        actor=added_by,
        verb="team_member_added",
        obj=team,
        payload={"staff": staff.pk, "is_manager": is_manager, "started_on": started_on},
    )
    return membership


@transaction.atomic
def team_member_change(
    *, membership: TeamMembership, changed_by, is_manager: bool, started_on, ended_on
) -> TeamMembership:
    """Make a member a manager (or not), or end their membership (kept, with its dates, so
    that who could see what, when, can still be answered)."""
    _require_administrator(changed_by, "change team membership")
    before = {
        "is_manager": membership.is_manager,
        "started_on": membership.started_on,
        "ended_on": membership.ended_on,
    }
    membership.is_manager, membership.started_on = is_manager, started_on
    membership.ended_on = ended_on
    clean_or_refuse(membership)
    membership.save(update_fields=["is_manager", "started_on", "ended_on"])
    audit.record(
        actor=changed_by,
        verb="team_member_changed",
        obj=membership.team,
        payload={
            "staff": membership.staff_id,
            "from": before,
            "to": {"is_manager": is_manager, "started_on": started_on, "ended_on": ended_on},
        },
    )
    return membership


@transaction.atomic
def staff_password_change(*, staff: Staff, form) -> Staff:
    """Save a validated PasswordChangeForm (old password checked, strength rules applied)."""
    if form.user.pk != staff.pk:
        raise DomainError("You can only change your own password.")
    form.save()
    audit.record(actor=staff, verb="password_changed", obj=staff)
    return staff
