import pytest
from django.urls import reverse

from everychild.access import services
from everychild.organisations.roles import Role
from tests.factories import StaffFactory


@pytest.fixture
def dpo(db):
    return StaffFactory(role=Role.DPO)


def test_dpo_pages(client, dpo, allocated_child, social_worker):
    client.force_login(social_worker)
    client.get(reverse("record:child", args=[allocated_child.pk]))
    stranger = StaffFactory(role=Role.SOCIAL_WORKER, first_name="Eve", last_name="Stranger")
    grant = services.break_glass_open(
        user=stranger, child=allocated_child, reason="Out of hours call from the police"
    )
    client.force_login(dpo)
    html = client.get(reverse("access:child_audit", args=[allocated_child.pk])).content.decode()
    assert str(social_worker) in html
    assert "Broke glass" in html
    html = client.get(reverse("access:staff_audit", args=[social_worker.pk])).content.decode()
    assert allocated_child.full_name in html
    html = client.get(reverse("access:break_glass_log")).content.decode()
    assert "Out of hours call" in html
    response = client.post(
        reverse("access:break_glass_review", args=[grant.pk]), {"justified": "no", "note": ""}
    )
    assert "Say what was wrong" in response.content.decode()
    response = client.post(
        reverse("access:break_glass_review", args=[grant.pk]),
        {"justified": "yes", "note": "Confirmed with EDT"},
    )
    assert response.status_code == 302
    assert (
        "Nothing awaiting review" in client.get(reverse("access:break_glass_log")).content.decode()
    )


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PARTNER, Role.ANALYST]
)
def test_audit_pages_are_for_the_dpo_only(client, allocated_child, role):
    client.force_login(StaffFactory(role=role))
    assert client.get(reverse("access:child_audit", args=[allocated_child.pk])).status_code == 403
    assert client.get(reverse("access:break_glass_log")).status_code == 403


def test_lockout_after_five_failed_sign_ins(client, social_worker):
    for _ in range(5):
        client.post("/login/", {"username": social_worker.username, "password": "wrong"})
    response = client.post(
        "/login/", {"username": social_worker.username, "password": "a-long-test-password-2026"}
    )
    assert response.status_code == 429 or "locked" in response.content.decode()
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_dpo_finds_staff_to_audit(client, dpo, social_worker):
    client.force_login(dpo)
    html = client.get(reverse("access:staff_list"), {"q": social_worker.last_name}).content.decode()
    assert reverse("access:staff_audit", args=[social_worker.pk]) in html
    client.force_login(social_worker)
    assert client.get(reverse("access:staff_list")).status_code == 403


# ---- refusals are audited too ------------------------------------------------------------------


@pytest.mark.django_db
def test_a_refused_request_on_a_childs_url_is_in_that_childs_log(client):
    """Regression (access review, issue 12 item 9): a 403 or 404 on a child's URL wrote no
    audit row, so probing for a restricted record left no trace."""
    from everychild.access.models import RecordRestriction
    from everychild.audit.models import AuditEvent
    from tests.factories import PersonFactory

    prober = StaffFactory(role=Role.SOCIAL_WORKER)
    hidden = PersonFactory()
    RecordRestriction.objects.create(
        child=hidden, reason="Adopted: record sealed", restricted_by=StaffFactory(role=Role.DPO)
    )
    client.force_login(prober)
    assert client.get(reverse("record:child", args=[hidden.pk])).status_code == 404
    [refused] = AuditEvent.objects.filter(verb="refused")
    assert refused.actor_id == prober.pk and refused.child_id == hidden.pk
    assert refused.payload["status"] == 404 and refused.payload["ids"] == {"child_id": hidden.pk}

    # A child that does not exist: logged against the user, with the id asked for.
    assert client.get(reverse("record:child", args=[hidden.pk + 999])).status_code == 404
    missing = AuditEvent.objects.filter(verb="refused").latest("id")
    assert missing.child_id is None and missing.payload["ids"] == {"child_id": hidden.pk + 999}

    # A mistyped address is not a refusal.
    assert client.get("/no-such-page/").status_code == 404
    assert AuditEvent.objects.filter(verb="refused").count() == 2
