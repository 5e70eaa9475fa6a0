import pytest
from django.core.exceptions import ValidationError

from everychild.alerts.models import AlertRule
from everychild.alerts.rules import explain
from everychild.organisations.roles import Role
from tests.factories import StaffFactory


@pytest.mark.django_db
def test_default_rules_are_valid_and_explained():
    rules = {r.code: r for r in AlertRule.objects.all()}
    assert set(rules) == {"multi-agency", "immediate", "repeated-missing"}
    for rule in rules.values():
        rule.full_clean()
    assert explain(rules["multi-agency"]) == (
        "3 or more concerns within 6 months, from 2 or more agencies, about a child with no "
        "open social-care involvement."
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "parameters", "message"),
    [
        (
            "multi-agency",
            {"min_concerns": 0, "window_months": 6, "min_agencies": 2},
            "min_concerns",
        ),
        (
            "multi-agency",
            {"min_concerns": 3, "window_months": "six", "min_agencies": 2},
            "window_months",
        ),
        ("immediate", {"categories": ["witchcraft"], "window_days": 28}, "categories"),
        ("repeated-missing", {"min_episodes": 3}, "window_months"),
    ],
)
def test_bad_parameters_are_refused(code, parameters, message):
    rule = AlertRule.objects.get(code=code)
    rule.parameters = parameters
    with pytest.raises(ValidationError, match=message):
        rule.full_clean()


@pytest.mark.django_db
def test_admin_edits_rules_but_cannot_add_or_delete(client):
    admin = StaffFactory(role=Role.ADMINISTRATOR, is_superuser=True, is_staff=True)
    client.force_login(admin)
    rule = AlertRule.objects.get(code="multi-agency")
    page = client.get(f"/admin/alerts/alertrule/{rule.pk}/change/")
    assert page.status_code == 200 and "In plain words" in page.content.decode()
    response = client.post(
        f"/admin/alerts/alertrule/{rule.pk}/change/",
        {
            "name": rule.name,
            "parameters": '{"min_concerns": 4, "window_months": 6, "min_agencies": 2}',
            "active": "on",
        },
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.parameters["min_concerns"] == 4
    assert client.get("/admin/alerts/alertrule/add/").status_code == 403
