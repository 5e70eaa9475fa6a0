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


@transaction.atomic
def team_member_add(*, team: Team, staff: Staff, added_by, is_manager: bool = False):
    if added_by is not None and not added_by.is_superuser:
        raise DomainError("Only a system administrator may change team membership.")
    membership, created = TeamMembership.objects.get_or_create(
        team=team, staff=staff, defaults={"is_manager": is_manager}
    )
    if not created:
        raise DomainError(f"{staff} is already a member of {team}.")
    audit.record(
        actor=added_by,
        verb="team_member_added",
        obj=team,
        payload={"staff": staff.pk, "is_manager": is_manager},
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
