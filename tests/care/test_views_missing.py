"""Missing children's pages: each renders for those whose work it is, refuses everyone else
(403, or 404 for what does not exist or is not waiting), calls its service on a good POST
and goes back to the child's page (the looked-after child's page for a child in care), and
shows a bad POST's error against its field."""

from datetime import date, datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from everychild.access.models import InvolvementKind
from everychild.audit.models import AuditEvent
from everychild.care.models import MissingEpisode, ReturnInterview
from everychild.care.services import missing as services
from everychild.organisations.models import OrganisationKind
from everychild.organisations.roles import Role
from tests.factories import OrganisationFactory, PersonFactory, StaffFactory, TeamFactory, involve


def at(year, month, day, hour=12, minute=0) -> datetime:
    return timezone.make_aware(datetime(year, month, day, hour, minute))


def _moment(name: str, when: datetime) -> dict:
    local = timezone.localtime(when)
    return {
        f"{name}_on_0": local.day,
        f"{name}_on_1": local.month,
        f"{name}_on_2": local.year,
        f"{name}_time": f"{local:%H:%M}",
    }


@pytest.fixture
def officer(db):
    police = OrganisationFactory(name="Metropolitan Police", kind=OrganisationKind.POLICE)
    return StaffFactory(role=Role.PARTNER, organisation=police)


@pytest.fixture
def dsl(db):
    school = OrganisationFactory(name="Bow School", kind=OrganisationKind.SCHOOL)
    return StaffFactory(role=Role.PARTNER, organisation=school)


@pytest.fixture
def stranger(db):
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[TeamFactory()])


def people_page(child) -> str:
    return reverse("record:child", args=[child.pk])


def care_page(child) -> str:
    return reverse("care:child", args=[child.pk])


def report(child, by, started_at=None, **extra):
    return services.missing_report(
        child=child,
        reported_by=by,
        started_at=started_at or at(2026, 11, 2, 22),
        missing_type=extra.pop("missing_type", "M"),
        missing_from=extra.pop("missing_from", "home"),
        **extra,
    )


@pytest.fixture
def missing(allocated_child, social_worker):
    return report(allocated_child, social_worker)


@pytest.fixture
def returned(missing, social_worker):
    return services.missing_return(
        episode=missing, by=social_worker, ended_at=at(2026, 11, 3, 16), where_found="Home"
    )


@pytest.fixture
def offered(returned, social_worker):
    services.return_interview_offer(
        episode=returned, by=social_worker, offered_at=at(2026, 11, 4, 10)
    )
    return returned


# ---- reporting a child missing --------------------------------------------------------------


GOOD_REPORT = {
    "missing_from": "home",
    "missing_type": "M",
    "exploitation_risk": "none",
    "police_reference": "CAD 1234",
}


def test_a_social_worker_reports_a_child_missing(client, allocated_child, social_worker):
    client.force_login(social_worker)
    url = reverse("care:missing_report", args=[allocated_child.pk])
    page = client.get(url).content.decode()
    assert "Report a child missing" in page and allocated_child.full_name in page
    assert "Child criminal exploitation" in page and "Use the 24-hour clock" in page
    response = client.post(url, {**GOOD_REPORT, **_moment("started", at(2026, 11, 2, 22, 15))})
    assert response.status_code == 302 and response["Location"] == people_page(allocated_child)
    episode = MissingEpisode.objects.get()
    assert episode.started_at == at(2026, 11, 2, 22, 15) and episode.police_reference == "CAD 1234"
    assert AuditEvent.objects.filter(verb="missing_reported").count() == 1


def test_a_child_in_care_goes_back_to_the_care_page(client, looked_after, social_worker):
    child = looked_after.child
    client.force_login(social_worker)
    response = client.post(
        reverse("care:missing_report", args=[child.pk]),
        {**GOOD_REPORT, "missing_from": "care", **_moment("started", at(2026, 11, 2, 22))},
    )
    assert response.status_code == 302 and response["Location"] == care_page(child)
    assert MissingEpisode.objects.get().missing_from == "care"


def test_the_police_report_a_child_they_do_not_know(client, officer):
    child = PersonFactory()
    client.force_login(officer)
    url = reverse("care:missing_report", args=[child.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {**GOOD_REPORT, **_moment("started", at(2026, 11, 22, 19))})
    assert response.status_code == 302
    assert MissingEpisode.objects.get().reported_by == officer


def test_a_bad_report_shows_its_errors(client, allocated_child, social_worker):
    client.force_login(social_worker)
    url = reverse("care:missing_report", args=[allocated_child.pk])
    response = client.post(url, {"exploitation_risk": "none"})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Enter the date the child went missing" in page
    assert "Enter the time the child went missing" in page
    assert "Choose where the child went missing from" in page
    response = client.post(
        url, {**GOOD_REPORT, **_moment("started", at(2026, 11, 2, 22)), "started_time": "25:10"}
    )
    assert "must be a real time on the 24-hour clock" in response.content.decode()
    # The service's refusals, against their fields.
    response = client.post(
        url, {**GOOD_REPORT, "missing_from": "care", **_moment("started", at(2026, 11, 2, 22))}
    )
    page = response.content.decode()
    assert 'id="id_missing_from-error"' in page and "The child was not in care then" in page
    future = timezone.now() + timezone.timedelta(days=2)
    response = client.post(url, {**GOOD_REPORT, **_moment("started", future)})
    page = response.content.decode()
    assert 'id="id_started_on-error"' in page and "cannot be in the future" in page
    assert not MissingEpisode.objects.exists()


def test_who_may_not_report(client, allocated_child, dsl, stranger):
    url = reverse("care:missing_report", args=[allocated_child.pk])
    for user in (dsl, stranger, StaffFactory(role=Role.ANALYST)):
        client.force_login(user)
        assert client.get(url).status_code == 403
        post = client.post(url, {**GOOD_REPORT, **_moment("started", at(2026, 11, 2, 22))})
        assert post.status_code == 403
    assert not MissingEpisode.objects.exists()


def test_no_report_page_for_someone_who_is_not_there(client, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("care:missing_report", args=[999999])).status_code == 404


def test_signed_out_people_are_sent_to_sign_in(client, allocated_child):
    response = client.get(reverse("care:missing_report", args=[allocated_child.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


# ---- the return -----------------------------------------------------------------------------


def test_the_return_is_recorded(client, missing, social_worker):
    client.force_login(social_worker)
    url = reverse("care:missing_return", args=[missing.pk])
    page = client.get(url).content.decode()
    assert "Record the child&#x27;s return" in page and "22:00 on 2 November 2026" in page
    response = client.post(
        url,
        {
            **_moment("ended", at(2026, 11, 3, 16)),
            "where_found": "With friends in Mile End Park.",
            "exploitation_risk": "cse",
        },
    )
    assert response.status_code == 302 and response["Location"] == people_page(missing.child)
    missing.refresh_from_db()
    assert missing.ended_at == at(2026, 11, 3, 16) and missing.exploitation_risk == "cse"
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.endswith("Offer a return home interview by 16:00 on Friday 6 November.")


def test_a_bad_return_shows_its_errors(client, missing, social_worker):
    client.force_login(social_worker)
    url = reverse("care:missing_return", args=[missing.pk])
    response = client.post(
        url,
        {
            **_moment("ended", at(2026, 11, 2, 21)),
            "where_found": "Home",
            "exploitation_risk": "none",
        },
    )
    page = response.content.decode()
    assert 'id="id_ended_on-error"' in page and "after the child went missing" in page
    response = client.post(url, {**_moment("ended", at(2026, 11, 3, 16)), "exploitation_risk": ""})
    page = response.content.decode()
    assert "Say where the child was found" in page
    missing.refresh_from_db()
    assert missing.ended_at is None


def test_a_return_is_recorded_once(client, returned, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("care:missing_return", args=[returned.pk])).status_code == 404
    assert client.get(reverse("care:missing_return", args=[999999])).status_code == 404


def test_who_may_not_record_a_return(client, missing, dsl, stranger):
    url = reverse("care:missing_return", args=[missing.pk])
    for user in (dsl, stranger):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {**_moment("ended", at(2026, 11, 3, 16))}).status_code == 403


# ---- the return home interview --------------------------------------------------------------


def test_the_interview_is_offered_with_its_clock(client, returned, social_worker):
    client.force_login(social_worker)
    url = reverse("care:return_interview_offer", args=[returned.pk])
    page = client.get(url).content.decode()
    assert "Offer a return home interview" in page
    assert "was due by 16:00 on Friday 6 November" in page  # it is 23 November now
    response = client.post(url, _moment("offered", at(2026, 11, 4, 10)))
    assert response.status_code == 302 and response["Location"] == people_page(returned.child)
    assert ReturnInterview.objects.get().offered_at == at(2026, 11, 4, 10)
    # Offered once: the page is gone.
    assert client.get(url).status_code == 404


def test_a_late_offer_is_taken(client, returned, social_worker):
    client.force_login(social_worker)
    response = client.post(
        reverse("care:return_interview_offer", args=[returned.pk]),
        _moment("offered", at(2026, 11, 9, 10)),
        follow=True,
    )
    assert response.status_code == 200
    assert AuditEvent.objects.get(verb="return_interview_offered").payload["late"] is True


def test_a_bad_offer_shows_its_error(client, returned, social_worker):
    client.force_login(social_worker)
    url = reverse("care:return_interview_offer", args=[returned.pk])
    response = client.post(url, _moment("offered", at(2026, 11, 3, 15)))
    page = response.content.decode()
    assert 'id="id_offered_on-error"' in page and "before the child came back" in page
    assert not ReturnInterview.objects.exists()


def test_no_offer_while_still_missing_nor_by_the_police(client, missing, returned, officer):
    client.force_login(officer)
    url = reverse("care:return_interview_offer", args=[returned.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _moment("offered", at(2026, 11, 4, 10))).status_code == 403


def test_no_offer_page_while_the_child_is_missing(client, missing, social_worker):
    client.force_login(social_worker)
    url = reverse("care:return_interview_offer", args=[missing.pk])
    assert client.get(url).status_code == 404


def test_the_interview_is_recorded_as_held(client, offered, social_worker, team):
    colleague = StaffFactory(role=Role.SOCIAL_WORKER, teams=[team], first_name="Rumana")
    client.force_login(social_worker)
    url = reverse("care:return_interview_record", args=[offered.pk])
    page = client.get(url).content.decode()
    assert "Record the return home interview" in page and "Rumana" in page
    response = client.post(
        url,
        {
            "accepted": "yes",
            **_moment("held", at(2026, 11, 5, 16)),
            "interviewer": str(colleague.pk),
            "child_words": "I went to see my cousin.",
            "push_factors": "Row at home about a phone.",
        },
    )
    assert response.status_code == 302 and response["Location"] == people_page(offered.child)
    interview = ReturnInterview.objects.get()
    assert interview.held_at == at(2026, 11, 5, 16) and interview.interviewer == colleague
    assert client.get(url).status_code == 404  # held: nothing left to record


def test_an_accepted_interview_can_wait_to_be_held(client, offered, social_worker):
    client.force_login(social_worker)
    url = reverse("care:return_interview_record", args=[offered.pk])
    assert client.post(url, {"accepted": "yes"}).status_code == 302
    interview = ReturnInterview.objects.get()
    assert interview.accepted is True and interview.held_at is None
    assert client.get(url).status_code == 200  # still to record as held


def test_a_bad_interview_record_shows_its_errors(client, offered, social_worker):
    client.force_login(social_worker)
    url = reverse("care:return_interview_record", args=[offered.pk])
    response = client.post(url, {})
    assert "Choose whether the child accepted" in response.content.decode()
    response = client.post(url, {"accepted": "no"})
    page = response.content.decode()
    assert 'id="id_declined_reason-error"' in page and "Say why the child declined" in page
    response = client.post(url, {"accepted": "yes", "held_on_0": "5", "held_on_1": "11"})
    assert "Date held must include a day, month and year" in response.content.decode()
    response = client.post(
        url, {"accepted": "yes", "held_on_0": "5", "held_on_1": "11", "held_on_2": "2026"}
    )
    assert "Enter the time the interview was held" in response.content.decode()
    response = client.post(url, {"accepted": "yes", **_moment("held", at(2026, 11, 4, 9))})
    page = response.content.decode()
    assert 'id="id_held_on-error"' in page and "before it was offered" in page
    interview = ReturnInterview.objects.get()
    assert interview.accepted is None


def test_no_record_page_before_the_offer_nor_for_others(client, returned, offered, stranger):
    client.force_login(stranger)
    url = reverse("care:return_interview_record", args=[offered.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"accepted": "no", "declined_reason": "No"}).status_code == 403


def test_no_record_page_before_the_offer(client, returned, social_worker):
    client.force_login(social_worker)
    assert client.get(reverse("care:return_interview_record", args=[returned.pk])).status_code == (
        404
    )


# ---- the lists ------------------------------------------------------------------------------


def test_the_interviews_due(client, returned, social_worker, team):
    other = PersonFactory(given_name="Yusuf", family_name="Ali")
    involve(other, team=team)
    fresh = report(other, social_worker, at(2026, 11, 22, 20))
    services.missing_return(
        episode=fresh, by=social_worker, ended_at=at(2026, 11, 23, 1), where_found="Home"
    )
    hidden = PersonFactory(given_name="Zara", family_name="Hidden")
    hidden_episode = MissingEpisode.objects.create(
        child=hidden,
        missing_type="M",
        missing_from="home",
        started_at=at(2026, 11, 1, 20),
        ended_at=at(2026, 11, 2, 8),
        reported_by=social_worker,
    )
    client.force_login(social_worker)
    response = client.get(reverse("care:return_interviews_due"))
    page = response.content.decode()
    assert response.status_code == 200 and "Return home interviews due" in page
    assert returned.child.full_name in page and "Yusuf Ali" in page
    assert "Overdue by" in page and "was due by 16:00 on Friday 6 November" in page
    assert "due by 01:00 on Thursday 26 November" in page.replace("Due by", "due by")
    assert "Zara Hidden" not in page
    assert reverse("care:return_interview_offer", args=[hidden_episode.pk]) not in page


def test_the_interviews_due_are_social_cares(client, dsl, officer):
    for user in (dsl, officer, StaffFactory(role=Role.DIRECTOR)):
        client.force_login(user)
        assert client.get(reverse("care:return_interviews_due")).status_code == 403


def test_a_childs_missing_episodes(client, offered, social_worker):
    client.force_login(social_worker)
    response = client.get(reverse("care:missing_for_child", args=[offered.child.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and "Missing episodes" in page
    assert "Offered: waiting for the child&#x27;s answer" in page
    assert reverse("care:return_interview_record", args=[offered.pk]) in page
    assert AuditEvent.objects.filter(verb="viewed_missing", actor=social_worker).exists()


def test_a_partner_in_the_plan_sees_the_polices_episodes_only(
    client, allocated_child, social_worker, officer, dsl
):
    involve(allocated_child, kind=InvolvementKind.PLAN_MEMBER, staff=dsl)
    report(allocated_child, social_worker, at(2026, 9, 1, 20), police_reference="SC-ONLY")
    MissingEpisode.objects.update(ended_at=at(2026, 9, 2, 8))
    report(allocated_child, officer, at(2026, 10, 1, 20), police_reference="CAD 777")
    client.force_login(dsl)
    page = client.get(reverse("care:missing_for_child", args=[allocated_child.pk])).content
    page = page.decode()
    assert "CAD 777" in page and "SC-ONLY" not in page
    assert "Return home interview" not in page and "Report the child missing" not in page


def test_no_missing_list_for_those_without_access(client, missing, stranger, officer):
    for user in (stranger, officer):
        client.force_login(user)
        response = client.get(reverse("care:missing_for_child", args=[missing.child.pk]))
        assert response.status_code == 403
    assert client.get(reverse("care:missing_for_child", args=[999999])).status_code == 404


def test_the_people_page_url_name_is_real(allocated_child):
    assert reverse("record:child", args=[allocated_child.pk]) == f"/children/{allocated_child.pk}/"


def test_missing_from_care_is_shown(client, looked_after, social_worker):
    child = looked_after.child
    report(child, social_worker, at(2026, 11, 2, 22), missing_from="care", missing_type="A")
    client.force_login(social_worker)
    page = client.get(reverse("care:missing_for_child", args=[child.pk])).content.decode()
    assert "Care placement" in page and "away without authorisation" in page
    assert date(2026, 11, 2).strftime("%-d %b %Y") in page
