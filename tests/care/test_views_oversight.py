"""Oversight pages: each renders for the people whose work it is, refuses everyone else
(403, or 404 for what does not exist), calls its service on a good POST and goes back to the
looked-after child's page, and shows a bad POST's error against its field."""

from datetime import date

import pytest
from django.urls import reverse

from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.care.models import (
    ChallengeStage,
    EducationPlan,
    HealthAssessment,
    IROChallenge,
    LookedAfterReview,
)
from everychild.care.services import oversight as services
from everychild.organisations.roles import Role
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve


def _day(name: str, day: date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def child_page(child) -> str:
    return reverse("care:child", args=[child.pk])


@pytest.fixture
def child(looked_after):
    return looked_after.child


@pytest.fixture
def stranger(db):
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])


@pytest.fixture
def other_iro(db):
    return StaffFactory(role=Role.CONFERENCE_CHAIR)


@pytest.fixture
def challenge(child, iro):
    return services.iro_challenge_raise(
        child=child,
        raised_by=iro,
        raised_on=date(2026, 5, 1),
        issue="Sibling contact has not happened for 8 weeks.",
        respond_by=date(2026, 5, 15),
    )


# ---- looked-after reviews -------------------------------------------------------------------


def test_the_iro_sees_the_review_form_with_its_clock(client, child, iro):
    client.force_login(iro)
    response = client.get(reverse("care:lac_review_add", args=[child.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Record a looked-after review" in page and child.full_name in page
    assert "Review 1 of this period of care" in page and "due 30 March 2026" in page
    assert "Child aged under 4 at the time of the review" in page


def test_the_iro_records_a_review(client, child, iro):
    client.force_login(iro)
    response = client.post(
        reverse("care:lac_review_add", args=[child.pk]),
        {
            **_day("held_on", date(2026, 3, 27)),
            "participation": "PN1",
            "child_views": "I like it here.",
            "decisions": "Stay with the carers.",
        },
    )
    assert response.status_code == 302 and response["Location"] == child_page(child)
    review = LookedAfterReview.objects.get()
    assert review.chair == iro and review.participation == "PN1"
    assert review.due_on == date(2026, 3, 30) and review.decisions == "Stay with the carers."


def test_a_bad_review_shows_the_error_against_its_field(client, child, iro):
    client.force_login(iro)
    url = reverse("care:lac_review_add", args=[child.pk])
    response = client.post(url, {**_day("held_on", date(2026, 3, 27))})
    assert response.status_code == 200
    assert "Choose how the child took part" in response.content.decode()
    # The service's refusal: this child is 10, so PN0 does not apply.
    response = client.post(url, {**_day("held_on", date(2026, 3, 27)), "participation": "PN0"})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert 'id="id_participation-error"' in page and "PN0 is only for a child under 4" in page
    response = client.post(url, {**_day("held_on", date(2026, 2, 1)), "participation": "PN1"})
    assert 'id="id_held_on-error"' in response.content.decode()
    assert not LookedAfterReview.objects.exists()


def test_only_the_childs_iro_records_a_review(client, child, social_worker, other_iro, stranger):
    url = reverse("care:lac_review_add", args=[child.pk])
    for user in (social_worker, other_iro, stranger):
        client.force_login(user)
        assert client.get(url).status_code == 403
        post = client.post(url, {**_day("held_on", date(2026, 3, 27)), "participation": "PN1"})
        assert post.status_code == 403
    assert not LookedAfterReview.objects.exists()


def test_no_review_page_for_a_child_who_is_not_there_or_not_in_care(client, iro, team):
    client.force_login(iro)
    assert client.get(reverse("care:lac_review_add", args=[999999])).status_code == 404
    never = PersonFactory()
    involve(never, team=team)
    involve(never, kind=InvolvementKind.CONFERENCE_CHAIR, staff=iro)
    assert client.get(reverse("care:lac_review_add", args=[never.pk])).status_code == 404


# ---- challenges ---------------------------------------------------------------------------


def test_the_iro_raises_a_challenge(client, child, iro, looked_after):
    review = services.lac_review_record(
        period=looked_after, chair=iro, held_on=date(2026, 3, 27), participation="PN1"
    )
    client.force_login(iro)
    url = reverse("care:iro_challenge_raise", args=[child.pk])
    page = client.get(url).content.decode()
    assert "Raise a challenge about the care plan" in page and "Review on 27 March 2026" in page
    response = client.post(
        url,
        {
            **_day("raised_on", date(2026, 3, 30)),
            **_day("respond_by", date(2026, 4, 13)),
            "issue": "The plan has no permanence decision.",
            "review": str(review.pk),
        },
    )
    assert response.status_code == 302 and response["Location"] == child_page(child)
    challenge = IROChallenge.objects.get()
    assert challenge.review == review and challenge.respond_by == date(2026, 4, 13)


def test_a_bad_challenge_shows_its_errors(client, child, iro):
    client.force_login(iro)
    url = reverse("care:iro_challenge_raise", args=[child.pk])
    response = client.post(url, {**_day("raised_on", date(2026, 3, 30))})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say what the challenge is about" in page and "Enter the date a response" in page
    response = client.post(
        url,
        {
            **_day("raised_on", date(2026, 3, 30)),
            **_day("respond_by", date(2026, 3, 20)),
            "issue": "No plan.",
        },
    )
    page = response.content.decode()
    assert 'id="id_respond_by-error"' in page and "before the challenge is raised" in page
    assert not IROChallenge.objects.exists()


def test_only_the_childs_iro_raises_a_challenge(client, child, social_worker, other_iro):
    url = reverse("care:iro_challenge_raise", args=[child.pk])
    for user in (social_worker, other_iro):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_the_iro_escalates_a_challenge(client, challenge, iro, child):
    client.force_login(iro)
    url = reverse("care:iro_challenge_escalate", args=[challenge.pk])
    page = client.get(url).content.decode()
    assert "Escalate a challenge" in page and "Sibling contact has not happened" in page
    assert 'value="team_manager"' in page and 'value="informal"' not in page
    response = client.post(url, {"stage": "service_manager", "note": "No reply in time."})
    assert response.status_code == 302 and response["Location"] == child_page(child)
    assert IROChallenge.objects.get().stage == ChallengeStage.SERVICE_MANAGER
    page = client.get(url).content.decode()
    assert 'value="team_manager"' not in page and 'value="director"' in page


def test_a_bad_escalation_shows_its_errors(client, challenge, iro):
    client.force_login(iro)
    url = reverse("care:iro_challenge_escalate", args=[challenge.pk])
    response = client.post(url, {"stage": "informal", "note": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_stage-error"' in page and 'id="id_note-error"' in page
    assert IROChallenge.objects.get().stage == ChallengeStage.INFORMAL


def test_the_iro_resolves_a_challenge(client, challenge, iro, child):
    client.force_login(iro)
    url = reverse("care:iro_challenge_resolve", args=[challenge.pk])
    assert client.get(url).status_code == 200
    bad = client.post(url, {**_day("resolved_on", date(2026, 4, 1)), "resolution": "Done."})
    assert 'id="id_resolved_on-error"' in bad.content.decode()
    response = client.post(
        url, {**_day("resolved_on", date(2026, 5, 12)), "resolution": "Contact restarted."}
    )
    assert response.status_code == 302 and response["Location"] == child_page(child)
    assert IROChallenge.objects.get().resolved_on == date(2026, 5, 12)
    # Resolved: nothing left to escalate or resolve.
    assert client.get(url).status_code == 404
    escalate = reverse("care:iro_challenge_escalate", args=[challenge.pk])
    assert client.get(escalate).status_code == 404


def test_others_cannot_escalate_or_resolve(client, challenge, manager, other_iro):
    for name in ("care:iro_challenge_escalate", "care:iro_challenge_resolve"):
        url = reverse(name, args=[challenge.pk])
        for user in (manager, other_iro):
            client.force_login(user)
            assert client.get(url).status_code == 403
            assert client.post(url, {"stage": "director", "note": "x"}).status_code == 403
        assert client.get(reverse(name, args=[999999])).status_code == 404
    assert IROChallenge.objects.get().stage == ChallengeStage.INFORMAL


def test_my_challenges_lists_the_iros_open_challenges(client, challenge, iro, child):
    client.force_login(iro)
    response = client.get(reverse("care:iro_challenges"))
    page = response.content.decode()
    assert response.status_code == 200 and "My challenges" in page
    assert child.full_name in page and "Sibling contact has not happened" in page
    assert "1 open challenge, 1 overdue" in page and "Overdue by" in page
    assert reverse("care:iro_challenge_resolve", args=[challenge.pk]) in page
    assert AuditEvent.objects.filter(verb="listed_iro_challenges", actor=iro).exists()


def test_my_challenges_is_for_iros(client, social_worker, other_iro, challenge):
    client.force_login(social_worker)
    assert client.get(reverse("care:iro_challenges")).status_code == 403
    client.force_login(other_iro)
    page = client.get(reverse("care:iro_challenges")).content.decode()
    assert "You have no open challenges" in page and "Sibling contact" not in page


# ---- health assessments and PEPs ----------------------------------------------------------


def test_the_social_worker_records_a_health_assessment(client, child, social_worker):
    client.force_login(social_worker)
    url = reverse("care:health_assessment_add", args=[child.pk])
    page = client.get(url).content.decode()
    assert "Record a health assessment" in page and "Initial health assessment" in page
    response = client.post(
        url,
        {
            "kind": "initial",
            **_day("done_on", date(2026, 3, 20)),
            "dental_check": "on",
            "immunisations_up_to_date": "yes",
        },
    )
    assert response.status_code == 302 and response["Location"] == child_page(child)
    assessment = HealthAssessment.objects.get()
    assert assessment.dental_check is True and assessment.immunisations_up_to_date is True
    assert assessment.due_on == date(2026, 3, 30)


def test_a_bad_health_assessment_shows_its_errors(client, child, manager):
    client.force_login(manager)
    url = reverse("care:health_assessment_add", args=[child.pk])
    response = client.post(url, {**_day("done_on", date(2026, 3, 20))})
    assert "Choose whether this is the initial or a review" in response.content.decode()
    response = client.post(url, {"kind": "review", **_day("done_on", date(2026, 3, 20))})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_kind-error"' in page and "Record the initial health assessment first" in page
    assert not HealthAssessment.objects.exists()


def test_the_iro_and_strangers_do_not_record_health_assessments_or_peps(
    client, child, iro, stranger
):
    for name in ("care:health_assessment_add", "care:education_plan_add"):
        url = reverse(name, args=[child.pk])
        for user in (iro, stranger):
            client.force_login(user)
            assert client.get(url).status_code == 403
            assert client.post(url, {"kind": "initial"}).status_code == 403
        assert client.get(reverse(name, args=[999999])).status_code == 404
    assert not HealthAssessment.objects.exists() and not EducationPlan.objects.exists()


def test_the_social_worker_records_a_pep(client, child, social_worker):
    client.force_login(social_worker)
    url = reverse("care:education_plan_add", args=[child.pk])
    page = client.get(url).content.decode()
    assert "Record a personal education plan" in page and "due 16 March 2026" in page
    response = client.post(
        url,
        {
            **_day("held_on", date(2026, 3, 13)),
            "school": "Canal Primary School",
            "targets": "Reading.",
        },
    )
    assert response.status_code == 302 and response["Location"] == child_page(child)
    assert EducationPlan.objects.get().school == "Canal Primary School"
    bad = client.post(url, {**_day("held_on", date(2026, 3, 10))})
    page = bad.content.decode()
    assert bad.status_code == 200 and 'id="id_held_on-error"' in page
    assert "after the last one recorded, on 13 March 2026" in page
    missing = client.post(url, {"school": "Canal"})
    assert "Enter the date of the PEP meeting" in missing.content.decode()
    assert EducationPlan.objects.count() == 1
