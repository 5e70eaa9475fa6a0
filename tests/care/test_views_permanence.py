"""Returning home, permanence and adoption pages, and the adoption scorecard: each renders for
the people whose work it is, refuses everyone else (403, or 404 for what does not exist or
is sealed), calls its service on a good POST and goes back to the looked-after child's page,
and shows a bad POST's error against its field."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from everychild.access.models import RecordRestriction
from everychild.audit.models import AuditEvent
from everychild.care.models import Adoption, CarerKind, PermanencePlan, ReturnHome
from everychild.care.services import permanence as services
from everychild.organisations.roles import Role
from tests.care.factories import CarerFactory, in_care
from tests.care.test_permanence import NOTES, adopted, assessment
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve


def _day(name: str, day: date | None) -> dict:
    if day is None:
        return {f"{name}_0": "", f"{name}_1": "", f"{name}_2": ""}
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def child_page(child) -> str:
    return reverse("care:child", args=[child.pk])


def html(response) -> str:
    return response.content.decode()


@pytest.fixture
def cared_for(looked_after):
    """The looked-after child (named so as not to override the conftest's `child`)."""
    return looked_after.child


@pytest.fixture
def stranger(db):
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])


# ---- returning home -------------------------------------------------------------------------


def test_plan_a_return_home_and_see_the_warning(client, cared_for, social_worker):
    child = cared_for
    url = reverse("care:return_home_plan", args=[child.pk])
    client.force_login(social_worker)
    response = client.get(url)
    assert response.status_code == 200 and "Plan a return home" in html(response)
    response = client.post(url, _day("planned_on", date(2026, 2, 1)))
    assert response.status_code == 200
    assert "govuk-error-summary" in html(response)
    assert "cannot come before the child came into care" in html(response)
    response = client.post(
        url, {**_day("planned_on", date(2026, 10, 1)), "notes": "Mother is ready."}
    )
    assert response.status_code == 302 and response["Location"] == child_page(child)
    plan = ReturnHome.objects.get(child=child)
    assert plan.notes == "Mother is ready." and plan.revocation_needed
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("no authorised assessment" in m for m in shown)


def test_return_home_pages_refuse_others(client, cared_for, stranger, team):
    child = cared_for
    url = reverse("care:return_home_plan", args=[child.pk])
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    assert client.post(url, _day("planned_on", date(2026, 10, 1))).status_code == 403
    adviser = StaffFactory(role=Role.PERSONAL_ADVISER, teams=[team])
    client.force_login(adviser)
    assert client.get(url).status_code == 403  # may see the record; does not plan
    assert not ReturnHome.objects.exists()
    client.force_login(stranger)
    assert client.get(reverse("care:return_home_plan", args=[999999])).status_code == 404


def test_no_plan_for_a_child_not_in_care(client, allocated_child, social_worker):
    client.force_login(social_worker)
    url = reverse("care:return_home_plan", args=[allocated_child.pk])
    assert client.get(url).status_code == 404


@pytest.fixture
def plan(looked_after, social_worker):
    assessment(looked_after.child, social_worker, date(2026, 9, 1))
    return services.return_home_plan(
        period=looked_after, planned_by=social_worker, planned_on=date(2026, 9, 10)
    ).plan


def update_post(plan, **dates) -> dict:
    data = {"version": plan.version}
    for name in ("revocation_applied_on", "revocation_hearing_on", "revoked_on"):
        data.update(_day(name, dates.get(name)))
    for name in ("returned_on", "abandoned_on"):
        data.update(_day(name, dates.get(name)))
    return data


def test_update_the_plan_and_see_the_delay(client, plan, social_worker):
    url = reverse("care:return_home", args=[plan.pk])
    client.force_login(social_worker)
    response = client.get(url)
    assert response.status_code == 200
    assert "Care order to revoke" in html(response) and "revocation_applied_on_0" in html(response)
    assert AuditEvent.objects.filter(verb="viewed_care_record", child=plan.child).exists()
    response = client.post(
        url,
        update_post(plan, revocation_applied_on=date(2026, 9, 14), revoked_on=date(2026, 9, 12)),
    )
    assert response.status_code == 200 and "cannot be revoked before" in html(response)
    response = client.post(url, update_post(plan, revocation_applied_on=date(2026, 9, 14)))
    assert response.status_code == 302 and response["Location"] == child_page(plan.child)
    plan.refresh_from_db()
    assert plan.revocation_applied_on == date(2026, 9, 14) and plan.version == 2
    response = client.get(url)
    assert "Days waiting since the application" in html(response)
    assert 'id="revocation-delay"' in html(response)


def test_a_concurrent_edit_shows_both_versions(client, plan, social_worker, manager):
    url = reverse("care:return_home", args=[plan.pk])
    stale = update_post(plan, revocation_applied_on=date(2026, 9, 15))
    services.return_home_update(
        plan=plan, by=manager, version=plan.version, revocation_applied_on=date(2026, 9, 14)
    )
    client.force_login(social_worker)
    response = client.post(url, stale)
    assert response.status_code == 409
    assert "Your changes and theirs" in html(response)
    assert "15 September 2026" in html(response) and "14 September 2026" in html(response)
    plan.refresh_from_db()
    assert plan.revocation_applied_on == date(2026, 9, 14)
    # Saving again, having read theirs, succeeds.
    response = client.post(url, update_post(plan, revocation_applied_on=date(2026, 9, 15)))
    assert response.status_code == 302


def test_return_home_page_refusals(client, plan, stranger, team):
    url = reverse("care:return_home", args=[plan.pk])
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    adviser = StaffFactory(role=Role.PERSONAL_ADVISER, teams=[team])
    client.force_login(adviser)
    response = client.get(url)
    assert response.status_code == 200 and "Update the plan" not in html(response)
    assert client.post(url, update_post(plan, returned_on=date(2026, 9, 20))).status_code == 403
    assert client.get(reverse("care:return_home", args=[999999])).status_code == 404


# ---- the permanence decision ----------------------------------------------------------------


def decision_post(**changes) -> dict:
    data = {
        **_day("decided_on", date(2026, 6, 1)),
        **NOTES,
        "residential": "",
        "independence": "",
        "decision": "adoption",
        "rationale": "A family for life.",
    }
    data.update(changes)
    return data


def test_permanence_form_shows_every_option_with_a_box(client, cared_for, manager):
    child = cared_for
    client.force_login(manager)
    url = reverse("care:permanence_decide", args=[child.pk])
    response = client.get(url)
    assert response.status_code == 200
    for option in ("return_home", "kinship", "long_term_fostering", "adoption"):
        assert f'name="{option}"' in html(response)
        assert f'<textarea name="{option}"' in html(response)


def test_a_missing_option_is_named_against_its_box(client, cared_for, manager):
    child = cared_for
    client.force_login(manager)
    url = reverse("care:permanence_decide", args=[child.pk])
    response = client.post(url, decision_post(kinship=""))
    assert response.status_code == 200
    assert 'href="#id_kinship"' in html(response)
    assert "kinship care or special guardianship was ruled in or out" in html(response)
    assert not PermanencePlan.objects.exists()
    response = client.post(url, decision_post())
    assert response.status_code == 302 and response["Location"] == child_page(child)
    assert PermanencePlan.objects.get(child=child).decision == "adoption"


def test_permanence_refused_to_others(client, cared_for, stranger, iro):
    child = cared_for
    url = reverse("care:permanence_decide", args=[child.pk])
    for user in (stranger, iro):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, decision_post()).status_code == 403
    assert not PermanencePlan.objects.exists()


# ---- adoption -------------------------------------------------------------------------------


def test_adoption_journey_to_a_sealed_record(
    client, cared_for, looked_after, manager, social_worker, team
):
    child = cared_for
    client.force_login(manager)
    start = reverse("care:adoption_start", args=[child.pk])
    assert client.get(start).status_code == 200
    response = client.post(start, _day("should_be_placed_on", date(2026, 6, 15)))
    assert response.status_code == 200 and "permanence decision for adoption" in html(response)
    client.post(reverse("care:permanence_decide", args=[child.pk]), decision_post())
    response = client.post(start, _day("should_be_placed_on", date(2026, 6, 15)))
    assert response.status_code == 302 and response["Location"] == child_page(child)
    adoption = Adoption.objects.get(child=child)

    url = reverse("care:adoption_milestone", args=[adoption.pk])
    adopters = CarerFactory(name="The Rahman family", kind=CarerKind.ADOPTERS)
    response = client.get(url)
    assert response.status_code == 200 and "The Rahman family" in html(response)
    response = client.post(url, {"milestone": "matched_on", **_day("on", date(2026, 7, 1))})
    assert response.status_code == 200 and "placement order" in html(response)
    steps = [
        ("placement_order_on", date(2026, 7, 1), ""),
        ("matched_on", date(2026, 8, 3), str(adopters.pk)),
        ("placed_on", date(2026, 8, 20), ""),
    ]
    for name, on, who in steps:
        response = client.post(url, {"milestone": name, **_day("on", on), "adopters": who})
        assert response.status_code == 302, html(response)

    colleague = StaffFactory(role=Role.SOCIAL_WORKER, teams=[team])
    other_page = reverse("care:return_home_plan", args=[child.pk])
    client.force_login(colleague)
    assert client.get(other_page).status_code == 200

    client.force_login(manager)
    response = client.post(url, {"milestone": "adoption_order_on", **_day("on", date(2026, 11, 2))})
    assert response.status_code == 302 and response["Location"] == child_page(child)
    assert RecordRestriction.objects.get(child=child).reason == (
        "Adoption order made on 2 November 2026."
    )
    # Sealed: a social worker not named cannot find the child; the named ones can.
    client.force_login(colleague)
    assert client.get(other_page).status_code == 404
    assert client.get(reverse("record:child", args=[child.pk])).status_code == 404
    client.force_login(social_worker)
    assert client.get(other_page).status_code == 200


def test_plan_change_page(client, cared_for, looked_after, manager, stranger):
    child = cared_for
    client.force_login(manager)
    client.post(reverse("care:permanence_decide", args=[child.pk]), decision_post())
    adoption = services.adoption_start(
        period=looked_after, by=manager, should_be_placed_on=date(2026, 6, 15)
    )
    url = reverse("care:adoption_plan_change", args=[adoption.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**_day("changed_on", date(2026, 7, 1)), "reason": ""})
    assert response.status_code == 200 and "Say why the plan has changed" in html(response)
    response = client.post(url, {**_day("changed_on", date(2026, 7, 1)), "reason": "Match failed"})
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.plan_changed_reason == "Match failed"
    client.force_login(stranger)
    assert client.get(url).status_code == 403
    assert client.get(reverse("care:adoption_plan_change", args=[999999])).status_code == 404


# ---- the scorecard --------------------------------------------------------------------------


@pytest.fixture
def scorecard_cases(manager, team):
    """Two adopted children, named so that no generated name can be either."""
    a = adopted(
        date(2023, 1, 10),
        date(2024, 6, 1),
        date(2024, 8, 1),
        date(2024, 9, 1),
        date(2025, 3, 1),
        by=manager,
        child=PersonFactory(given_name="Adopted", family_name="ZzqabsentA"),
    )
    b = adopted(
        date(2024, 5, 1),
        date(2024, 7, 1),
        date(2024, 12, 1),
        date(2025, 1, 15),
        date(2025, 6, 1),
        by=manager,
        child=PersonFactory(given_name="Adopted", family_name="ZzqabsentB"),
    )
    involve(a.child, staff=manager, team=team)
    return a, b


WINDOW = {**_day("since", date(2025, 1, 1)), **_day("until", date(2025, 12, 31))}


def test_managers_see_the_children_they_may_open(client, scorecard_cases, manager):
    a, b = scorecard_cases
    client.force_login(manager)
    response = client.get(reverse("care:adoption_scorecard"), WINDOW)
    assert response.status_code == 200
    page = html(response)
    assert "430" in page and "426" in page and "107" in page and "121" in page
    assert a.child.full_name in page and b.child.full_name not in page
    assert "1 adopted child&#x27;s record is sealed to you" in page


@pytest.mark.parametrize("role", [Role.ANALYST, Role.DIRECTOR])
def test_analysts_and_directors_see_figures_only(client, scorecard_cases, role):
    a, b = scorecard_cases
    client.force_login(StaffFactory(role=role))
    response = client.get(reverse("care:adoption_scorecard"), WINDOW)
    assert response.status_code == 200
    page = html(response)
    assert "430" in page and a.child.full_name not in page and b.child.full_name not in page
    assert not AuditEvent.objects.filter(verb="viewed_adoption_scorecard").exists()


def test_scorecard_refusals_and_a_bad_window(client, manager, social_worker):
    url = reverse("care:adoption_scorecard")
    client.force_login(social_worker)
    assert client.get(url).status_code == 403
    client.force_login(StaffFactory(role=Role.PARTNER))
    assert client.get(url).status_code == 403
    client.force_login(manager)
    response = client.get(url)  # the last three years by default
    assert response.status_code == 200 and "Adoption scorecard" in html(response)
    bad = {**_day("since", date(2025, 12, 31)), **_day("until", date(2025, 1, 1))}
    response = client.get(url, bad)
    assert response.status_code == 200 and "govuk-error-summary" in html(response)


def test_the_child_page_links_work_for_a_new_child(client, social_worker, team):
    """A child in care with nothing recorded yet: every form page opens."""
    child = PersonFactory()
    involve(child, staff=social_worker, team=team)
    in_care(child, by=social_worker)
    client.force_login(social_worker)
    for name in ("return_home_plan", "permanence_decide", "adoption_start"):
        assert client.get(reverse(f"care:{name}", args=[child.pk])).status_code == 200
