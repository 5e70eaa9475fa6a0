import pytest

from everychild.audit.models import AuditEvent
from everychild.core.errors import DomainError
from everychild.organisations import services
from everychild.organisations.forms import GovukPasswordChangeForm
from everychild.organisations.roles import Role
from tests.factories import PASSWORD, OrganisationFactory, StaffFactory


def test_password_change_page_enforces_strength_and_audits(client, social_worker):
    client.force_login(social_worker)
    weak = client.post(
        "/password/",
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )
    html = weak.content.decode()
    assert "There is a problem" in html and "too common" in html
    wrong_old = client.post(
        "/password/", {"old_password": "nope", "new_password1": "x", "new_password2": "x"}
    )
    assert "old password was entered incorrectly" in wrong_old.content.decode()
    good = client.post(
        "/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "river-lantern-quay-2026",
            "new_password2": "river-lantern-quay-2026",
        },
    )
    assert good.status_code == 302
    assert AuditEvent.objects.filter(verb="password_changed", actor=social_worker).exists()
    social_worker.refresh_from_db()
    assert social_worker.check_password("river-lantern-quay-2026")


def test_nobody_changes_anothers_password(social_worker, db):
    other = StaffFactory()
    form = GovukPasswordChangeForm(
        other,
        {
            "old_password": PASSWORD,
            "new_password1": "river-lantern-quay-2026",
            "new_password2": "river-lantern-quay-2026",
        },
    )
    assert form.is_valid()
    with pytest.raises(DomainError):
        services.staff_password_change(staff=social_worker, form=form)


def test_staff_create_applies_password_rules(db):
    admin = StaffFactory(is_superuser=True, role=Role.ADMINISTRATOR)
    org = OrganisationFactory()
    with pytest.raises(DomainError) as error:
        services.staff_create(
            created_by=admin,
            username="new.worker",
            password="12345678",
            first_name="New",
            last_name="Worker",
            role=Role.SOCIAL_WORKER,
            organisation=org,
        )
    assert error.value.field == "password"
    staff = services.staff_create(
        created_by=admin,
        username="new.worker",
        password="kingfisher-dock-lantern",
        first_name="New",
        last_name="Worker",
        role=Role.SOCIAL_WORKER,
        organisation=org,
    )
    assert staff.check_password("kingfisher-dock-lantern")
    assert AuditEvent.objects.filter(verb="staff_created").exists()
    with pytest.raises(DomainError):
        services.staff_create(
            created_by=StaffFactory(),
            username="x",
            password="kingfisher-dock-lantern",
            first_name="X",
            last_name="Y",
            role=Role.PARTNER,
            organisation=org,
        )
