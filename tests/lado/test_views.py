"""LADO pages: each renders for the LADO, is "not found" (never "forbidden") for anyone
else, calls its service on POST and shows refusals in a GOV.UK error summary. The
children's pages show nothing of an allegation, even to their own social worker."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from dateutil.relativedelta import relativedelta
from django.contrib.messages import ERROR, SUCCESS
from django.urls import reverse
from openpyxl import load_workbook

from everychild.audit.models import AuditEvent
from everychild.lado import services
from everychild.lado.models import (
    Allegation,
    AllegationAction,
    AllegationMeeting,
    Engagement,
)
from everychild.people.models import PersonKind, RelationshipKind
from tests.factories import PersonFactory, StaffFactory
from tests.lado.helpers import (
    DESCRIPTION,
    at,
    considered,
    days_ago,
    receive,
    resolve,
    today,
    working_days_ago,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _day(name: str, day: date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


@pytest.fixture
def allegation(lado, teacher, pupil, school):
    """Received five working days ago: its initial consideration is overdue, whatever the date."""
    return receive(
        lado, teacher, employer=school, children=[pupil], received_at=at(working_days_ago(5))
    )


@pytest.fixture
def as_lado(client, lado):
    client.force_login(lado)
    return client


def _page(allegation) -> str:
    return reverse("lado:allegation", args=[allegation.pk])


def _pages(allegation) -> list[str]:
    return [
        reverse("lado:allegations"),
        reverse("lado:receive"),
        _page(allegation),
        reverse("lado:dashboard"),
        reverse("lado:engagement"),
        reverse("lado:annual_report"),
        # This reporting year's spreadsheet, whatever the day the test runs.
        reverse("lado:annual_workbook", args=[today().year + (today().month >= 4)]),
    ]


# ---- who may see the pages ----------------------------------------------------------------


def test_every_page_renders_for_the_lado(as_lado, allegation):
    for url in _pages(allegation):
        response = as_lado.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("who", ["worker", "dsl", "officer", "dpo"])
def test_every_page_is_not_found_for_anyone_else(client, request, who, allegation):
    client.force_login(request.getfixturevalue(who))
    for url in _pages(allegation):
        assert client.get(url).status_code == 404, url
    response = client.post(_page(allegation), {"action": "consider"})
    assert response.status_code == 404
    action = {"consider-decision": "met", "consider-rationale": "A long enough reason."}
    assert client.post(_page(allegation), {"action": "consider", **action}).status_code == 404
    assert Allegation.objects.get(pk=allegation.pk).initial_decision == ""


@pytest.mark.parametrize("who", ["worker", "officer"])
def test_nobody_else_marks_actions_done_or_removes_access(client, request, who, lado, allegation):
    considered(allegation, lado)
    meeting = services.meeting_record(
        allegation=allegation,
        recorded_by=lado,
        kind="strategy",
        held_on=today(),
        attendees="LADO",
        actions=[services.ActionSpec("Interview", "Police", today())],
    )
    user = request.getfixturevalue(who)
    services.named_access_grant(allegation=allegation, staff=user, granted_by=lado)
    if who == "worker":  # not named after all: the allegation does not exist for them
        services.named_access_revoke(allegation=allegation, staff=user, revoked_by=lado)
    client.force_login(user)
    action = meeting.actions.get()
    assert client.post(reverse("lado:action_done", args=[action.pk])).status_code == 404
    revoke = reverse("lado:access_revoke", args=[allegation.pk, user.pk])
    assert client.post(revoke).status_code == 404
    action.refresh_from_db()
    assert action.done_on is None
    assert allegation.named_staff.filter(pk=user.pk).exists() == (who == "officer")


def test_signed_out_people_are_sent_to_sign_in(client, allegation):
    response = client.get(_page(allegation))
    assert response.status_code == 302 and "/login/" in response.url


def test_a_named_person_reads_their_allegation_and_changes_nothing(
    client, lado, officer, allegation, teacher
):
    other = receive(lado, teacher, sector="sport", employer_name="Bow Boxing Academy")
    services.named_access_grant(allegation=allegation, staff=officer, granted_by=lado)
    client.force_login(officer)
    page = client.get(_page(allegation))
    assert page.status_code == 200
    assert DESCRIPTION[:40] in page.content.decode()
    assert b"Confidential" in page.content
    assert b"Record the initial consideration" not in page.content
    assert b"Name someone on this allegation" not in page.content
    assert client.get(_page(other)).status_code == 404
    listing = client.get(reverse("lado:allegations"))
    assert listing.status_code == 200
    assert listing.context["page"].paginator.count == 1
    home = client.get("/")
    assert b"Allegations you are named on" in home.content
    # The home page names the subject: that look is in the audit log too.
    listed = (
        AuditEvent.objects.filter(actor=officer, verb="listed_allegations").order_by("pk").last()
    )
    assert listed.payload == {"page": "home", "allegations": [allegation.pk]}
    data = {"action": "consider", "consider-decision": "met", "consider-rationale": "Long reason."}
    assert client.post(_page(allegation), data).status_code == 404
    assert client.get(reverse("lado:dashboard")).status_code == 404


def test_the_childs_page_shows_nothing_of_an_allegation_to_their_social_worker(
    client, lado, worker, teacher, pupil, allegation
):
    # The teacher is also the parent of a child the social worker holds.
    own_child = PersonFactory(given_name="Lily", family_name="Holloway")
    from tests.factories import involve

    involve(own_child, staff=worker)
    from everychild.people.models import Relationship

    Relationship.objects.create(
        from_person=teacher, to_person=own_child, kind=RelationshipKind.PARENT
    )
    considered(allegation, lado)
    client.force_login(worker)
    for child in (pupil, own_child):
        page = client.get(reverse("record:child", args=[child.pk]))
        assert page.status_code == 200
        text = page.content.decode()
        for secret in (DESCRIPTION[:30], "Class teacher", "LADO", "llegation", "Helen Byrne"):
            assert secret not in text, (child, secret)
        assert not any("lado" in str(entry.kind) for entry in page.context["page"])
    assert b"Holloway" in client.get(reverse("record:child", args=[own_child.pk])).content
    assert b"Allegations" not in client.get("/").content


def test_the_lado_has_allegations_in_the_navigation_and_on_home(as_lado, allegation):
    home = as_lado.get("/")
    nav = [item["text"] for item in home.context["navigation"]]
    assert nav[:5] == ["Home", "Allegations", "Dashboard", "Engagement", "Annual report"]
    assert home.context["lado"] == {"open": 1, "initial_overdue": 1, "overdue_actions": 0}
    assert b"Receive a referral" in home.content


# ---- the list -----------------------------------------------------------------------------


def test_the_list_filters_by_stage_sector_and_status(as_lado, lado, teacher, allegation):
    coach = PersonFactory(kind=PersonKind.ADULT, given_name="Gary", family_name="Pike")
    sport = considered(receive(lado, coach, sector="sport", employer_name="Bow Boxing"), lado)
    closed = considered(receive(lado, teacher, received_at=at(days_ago(30))), lado)
    resolve(closed, lado, days_ago(2))

    def listed(**query):
        response = as_lado.get(reverse("lado:allegations"), query)
        assert response.status_code == 200
        return [row["allegation"].pk for row in response.context["rows"]]

    assert set(listed()) == {allegation.pk, sport.pk}
    assert listed(status="closed") == [closed.pk]
    assert set(listed(status="all")) == {allegation.pk, sport.pk, closed.pk}
    assert listed(stage="initial") == [allegation.pk]
    assert listed(stage="meetings") == [sport.pk]
    assert listed(stage="investigation") == []
    assert listed(stage="outcome", status="all") == [closed.pk]
    assert listed(sector="sport") == [sport.pk]
    assert set(listed(subject=str(teacher.pk), status="all")) == {allegation.pk, closed.pk}
    page = as_lado.get(reverse("lado:allegations")).content.decode()
    assert "Overdue by" in page and "Gary Pike" in page and "open 5 days" in page


def test_the_list_names_no_one_it_does_not_show(as_lado, lado, teacher):
    """Regression (access review, issue 12 item 2): ?subject=N printed "Showing allegations
    about <full name>" for any person id, a restricted or sealed child's included."""
    from everychild.access.models import RecordRestriction

    sealed = PersonFactory(given_name="Zephyrine", family_name="Quillfeather")
    RecordRestriction.objects.create(
        child=sealed, reason="Adopted: record sealed", restricted_by=StaffFactory(role="dpo")
    )
    page = as_lado.get(reverse("lado:allegations"), {"subject": sealed.pk}).content.decode()
    assert "Quillfeather" not in page
    considered(receive(lado, teacher), lado)
    page = as_lado.get(reverse("lado:allegations"), {"subject": teacher.pk}).content.decode()
    assert teacher.family_name in page


def test_the_list_does_not_query_per_row(as_lado, lado, teacher, django_assert_max_num_queries):
    for n in range(12):
        considered(receive(lado, teacher, received_at=at(days_ago(n + 1))), lado)
    with django_assert_max_num_queries(12):
        assert as_lado.get(reverse("lado:allegations")).status_code == 200


# ---- receiving a referral -----------------------------------------------------------------


def _referral(**overrides) -> dict:
    received = days_ago(1)
    return {
        "action": "receive",
        "subject": "new",
        "subject_given_name": "Kwame",
        "subject_family_name": "Mensah",
        "subject_role": "Football coach",
        "employer_name": "Island Youth FC",
        "sector": "sport",
        "kinds": ["harm", "unsuitable"],
        "description": "A parent reports the coach sends her son messages late at night.",
        "referred_by": "Club welfare officer",
        "referrer_sector": "sport",
        **_day("received_at", received),
        "received_time": "09:15",
        **overrides,
    }


def test_receive_finds_the_subject_and_the_children(as_lado, teacher, pupil):
    found = as_lado.post(
        reverse("lado:receive"), {"action": "find_subject", "subject_query": "Mark Hollowey"}
    )
    assert found.status_code == 200 and not found.context["form"].errors
    assert str(teacher.pk) in found.context["offered_subjects"]
    assert b"Mark Holloway, born 14 February 1981" in found.content
    found = as_lado.post(
        reverse("lado:receive"),
        {
            "action": "find_children",
            "children_query": "Aysha Begum",
            "offered_subjects": str(teacher.pk),
            "subject": str(teacher.pk),
        },
    )
    assert found.status_code == 200
    assert found.context["offered_children"] == str(pupil.pk)
    assert b"Ayesha Begum, born 7 March 2016" in found.content
    assert b"There is a problem" not in found.content


@pytest.mark.parametrize(
    ("action", "field"),
    [("find_subject", "subject_query"), ("find_children", "children_query")],
)
def test_a_find_button_with_nothing_to_find_says_so_and_keeps_the_form(as_lado, action, field):
    data = {**_referral(), "action": action, field: "  "}
    response = as_lado.post(reverse("lado:receive"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors == {field: ["Enter a name to search for"]}
    assert form["subject_family_name"].value() == "Mensah"
    assert "There is a problem" in response.content.decode()
    assert not Allegation.objects.exists()


def test_receive_an_allegation_about_someone_in_the_index(as_lado, lado, teacher, pupil, school):
    data = _referral(
        subject=str(teacher.pk),
        offered_subjects=str(teacher.pk),
        offered_children=str(pupil.pk),
        children=[str(pupil.pk)],
        employer=str(school.pk),
        employer_name="",
        sector="education",
        received_time="16:45",
    )
    response = as_lado.post(reverse("lado:receive"), data)
    allegation = Allegation.objects.get()
    assert response.status_code == 302 and response.url == _page(allegation)
    assert allegation.subject == teacher and allegation.employer == school
    assert list(allegation.children.all()) == [pupil]
    assert allegation.kinds == ["harm", "unsuitable"]
    assert allegation.received_at == at(days_ago(1), 16, 45)
    page = as_lado.get(response.url)
    assert b"Referral received. The initial consideration is due by" in page.content


def test_receive_an_allegation_about_someone_new(as_lado):
    response = as_lado.post(reverse("lado:receive"), _referral())
    assert response.status_code == 302
    allegation = Allegation.objects.get()
    assert allegation.subject.full_name == "Kwame Mensah"
    assert allegation.subject.kind == PersonKind.ADULT
    assert allegation.employer_name == "Island Youth FC"


def test_receive_shows_the_problems(as_lado):
    data = _referral(subject_family_name="", kinds=[], employer_name="", received_time="25:00")
    response = as_lado.post(reverse("lado:receive"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: Receive a referral" in content
    assert "There is a problem" in content
    for message in (
        "Enter the person&#x27;s last name",
        "Choose which of the harm tests the allegation meets",
        "Choose the employer or type its name",
        "Enter the time like 14:30",
    ):
        assert message in content, message
    assert 'href="#id_kinds"' in content
    assert not Allegation.objects.exists()


def test_receive_shows_a_services_refusal_against_its_field(as_lado):
    tomorrow = today() + timedelta(days=1)
    response = as_lado.post(reverse("lado:receive"), _referral(**_day("received_at", tomorrow)))
    assert response.status_code == 200
    assert response.context["form"].errors["received_at"] == [
        "A referral cannot be received in the future."
    ]
    assert not Allegation.objects.exists()


# ---- the allegation page ------------------------------------------------------------------


def test_the_allegation_page(as_lado, allegation, pupil):
    page = as_lado.get(_page(allegation))
    content = page.content.decode()
    assert "Mark Holloway" in content and "Class teacher" in content
    assert "Canal Primary School" in content and DESCRIPTION[:40] in content
    assert "Ayesha Begum" in content
    assert "Initial consideration:</strong>" in content and "Overdue by" in content
    assert "Record the initial consideration" in content
    assert ">Record the outcome</button>" not in content  # not until the initial consideration


def test_initial_consideration_and_its_errors(as_lado, allegation):
    url = _page(allegation)
    response = as_lado.post(url, {"action": "consider", "consider-rationale": "Short"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "There is a problem" in content and "Record the decision" in content
    assert 'href="#id_consider-decision_0"' in content
    response = as_lado.post(
        url,
        {"action": "consider", "consider-decision": "met", "consider-rationale": "Short"},
    )
    assert response.context["forms"]["consider"].errors["rationale"] == ["Say why."]
    assert response.context["bound_action"] == "consider"
    assert Allegation.objects.get(pk=allegation.pk).initial_decision == ""
    response = as_lado.post(
        url,
        {
            "action": "consider",
            "consider-decision": "met",
            "consider-rationale": "Bruising seen by a member of staff: harm test met.",
        },
    )
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.initial_decision == "met"
    page = as_lado.get(url).content.decode()
    assert "Threshold met: LADO process" in page and ">Record the outcome</button>" in page


def test_a_meeting_with_actions_and_marking_one_done(as_lado, lado, allegation, police):
    considered(allegation, lado)
    held = days_ago(1)
    data = {
        "action": "meeting",
        "meeting-kind": "strategy",
        **_day("meeting-held_on", held),
        "meeting-attendees": "Helen Byrne (LADO), DC Cole (police)",
        "meeting-agencies": [str(police.pk)],
        "meeting-action_1": "Interview the pupil",
        "meeting-owner_1": "DC Cole, police",
        **_day("meeting-due_1", held + timedelta(days=7)),
        "meeting-action_2": "Without an owner",
    }
    response = as_lado.post(_page(allegation), data)
    assert response.status_code == 200
    assert response.context["forms"]["meeting"].errors == {
        "owner_2": ["Say who will do action 2"],
        "due_2": ["Enter the date action 2 is due by"],
    }
    assert b'<details class="govuk-details" open>' in response.content
    del data["meeting-action_2"]
    response = as_lado.post(_page(allegation), data)
    assert response.status_code == 302
    action = AllegationAction.objects.get()
    assert action.owner == "DC Cole, police" and action.due_on == held + timedelta(days=7)
    assert list(action.meeting.agencies.all()) == [police]
    done = as_lado.post(reverse("lado:action_done", args=[action.pk]))
    assert done.status_code == 302
    action.refresh_from_db()
    assert action.done_on == today()


def test_a_meetings_action_due_before_it_is_refused(as_lado, lado, allegation):
    considered(allegation, lado)
    held = days_ago(1)
    data = {
        "action": "meeting",
        "meeting-kind": "evaluation",
        **_day("meeting-held_on", held),
        "meeting-attendees": "LADO",
        "meeting-action_1": "Too early",
        "meeting-owner_1": "Someone",
        **_day("meeting-due_1", held - timedelta(days=3)),
    }
    response = as_lado.post(_page(allegation), data)
    assert response.status_code == 200
    assert response.context["forms"]["meeting"].errors["due_1"] == [
        "An action cannot be due before the meeting."
    ]
    assert not AllegationMeeting.objects.exists() and not AllegationAction.objects.exists()


def test_employer_and_agency_outcomes(as_lado, allegation):
    url = _page(allegation)
    response = as_lado.post(
        url,
        {
            "action": "employer",
            "employer-kind": "suspension",
            **_day("employer-started_on", days_ago(2)),
        },
    )
    assert response.status_code == 302
    assert allegation.employer_actions.get().kind == "suspension"
    response = as_lado.post(url, {"action": "agencies"})
    assert response.context["forms"]["agencies"].errors["police_outcome"]
    response = as_lado.post(url, {"action": "agencies", "agencies-police_outcome": "NFA."})
    assert response.status_code == 302
    assert b"NFA." in as_lado.get(url).content


def test_an_employers_action_ending_before_it_started_is_refused(as_lado, allegation):
    data = {
        "action": "employer",
        "employer-kind": "suspension",
        **_day("employer-started_on", days_ago(2)),
        **_day("employer-ended_on", days_ago(4)),
    }
    response = as_lado.post(_page(allegation), data)
    assert response.status_code == 200
    assert response.context["forms"]["employer"].errors == {
        "ended_on": ["It cannot end before it started."]
    }
    assert 'href="#id_employer-ended_on_0"' in response.content.decode()
    assert not allegation.employer_actions.exists()


def _messages(response) -> list[tuple[int, str]]:
    return [(m.level, m.message) for m in response.context["messages"]]


def test_an_action_already_done_is_refused_with_a_message(as_lado, lado, allegation):
    considered(allegation, lado)
    meeting = services.meeting_record(
        allegation=allegation,
        recorded_by=lado,
        kind="strategy",
        held_on=days_ago(2),
        attendees="LADO",
        actions=[services.ActionSpec("Interview", "Police", today())],
    )
    action = meeting.actions.get()
    services.action_done(action=action, done_by=lado, done_on=days_ago(1))
    page = as_lado.post(reverse("lado:action_done", args=[action.pk]), follow=True)
    assert page.redirect_chain == [(_page(allegation) + "#meetings-heading", 302)]
    assert _messages(page) == [(ERROR, "This action is already done.")]
    action.refresh_from_db()
    assert action.done_on == days_ago(1)
    assert AuditEvent.objects.filter(verb="allegation_action_done").count() == 1


def test_removing_someone_not_named_is_refused_with_a_message(as_lado, allegation, officer):
    url = reverse("lado:access_revoke", args=[allegation.pk, officer.pk])
    response = as_lado.post(url)
    assert response.status_code == 302 and response.url == _page(allegation) + "#access-heading"
    page = as_lado.get(response.url)
    assert _messages(page) == [(ERROR, "Dan Cole is not named on this allegation.")]
    assert not AuditEvent.objects.filter(verb="allegation_access_revoked").exists()


def _outcome(**overrides) -> dict:
    return {
        "action": "outcome",
        "outcome-outcome": "unsubstantiated",
        **_day("outcome-outcome_on", today()),
        "outcome-basis": "Accounts conflict and there is no other evidence either way.",
        "outcome-consequences": ["training"],
        **overrides,
    }


def test_the_outcome_and_its_errors(as_lado, lado, allegation):
    considered(allegation, lado)
    url = _page(allegation)
    response = as_lado.post(url, _outcome(**{"outcome-basis": "", "outcome-outcome_on_0": ""}))
    errors = response.context["forms"]["outcome"].errors
    assert errors["basis"] == ["Record the basis for the outcome: the evidence it rests on"]
    assert errors["outcome_on"] == ["Date of the outcome must include a day, month and year"]
    response = as_lado.post(url, _outcome(**{"outcome-basis": "Too short."}))
    assert response.context["forms"]["outcome"].errors["basis"]
    response = as_lado.post(url, _outcome(**{"outcome-consequences": ["none", "training"]}))
    assert response.context["forms"]["outcome"].errors["consequences"]
    assert Allegation.objects.get(pk=allegation.pk).outcome == ""
    assert as_lado.post(url, _outcome()).status_code == 302
    page = as_lado.get(url).content.decode()
    assert "Unsubstantiated" in page and "Training or supervision" in page
    assert ">Record the outcome</button>" not in page


def test_an_outcome_over_twelve_months_asks_why(as_lado, lado, teacher):
    old = considered(
        receive(lado, teacher, received_at=at(today() - relativedelta(months=13))), lado
    )
    response = as_lado.post(_page(old), _outcome())
    assert response.context["forms"]["outcome"].errors["exceptional_delay"] == [
        "This took over twelve months: record why it was exceptional."
    ]
    why = {"outcome-exceptional_delay": "The trial was adjourned twice."}
    assert as_lado.post(_page(old), _outcome(**why)).status_code == 302


def test_naming_and_unnaming_someone(as_lado, allegation, officer):
    url = _page(allegation)
    response = as_lado.post(url, {"action": "grant"})
    assert response.context["forms"]["grant"].errors["staff"] == ["Choose who to give access to"]
    response = as_lado.post(url, {"action": "grant", "grant-staff": str(officer.pk)})
    assert response.status_code == 302
    assert list(allegation.named_staff.all()) == [officer]
    page = as_lado.get(url)
    assert b"Remove access" in page.content
    assert str(officer.pk) not in [v for v, _ in _choices(page.context["forms"]["grant"])]
    revoke = reverse("lado:access_revoke", args=[allegation.pk, officer.pk])
    page = as_lado.post(revoke, follow=True)
    assert page.redirect_chain == [(_page(allegation) + "#access-heading", 302)]
    assert _messages(page) == [(SUCCESS, "Dan Cole can no longer see this allegation.")]
    assert not allegation.named_staff.exists()


def _choices(form):
    return [
        choice
        for _, group in form.fields["staff"].choices
        if isinstance(group, list)
        for choice in group
    ]


# ---- the dashboard, the engagement log and the annual report ------------------------------


def test_the_dashboard_page(as_lado, lado, allegation):
    considered(allegation, lado)
    response = as_lado.get(reverse("lado:dashboard"))
    content = response.content.decode()
    assert "Open allegations by age and stage" in content
    assert "Which sectors refer least" in content
    assert response.context["grid"][0]["cells"] == [0, 1, 0]
    assert [row["met"] for row in response.context["timeliness"]] == [None, None, None]


def test_the_engagement_log(as_lado, school):
    url = reverse("lado:engagement")
    response = as_lado.post(url, {**_day("held_on", days_ago(1)), "covered": "Safer recruitment"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["form"].errors["sector"] == ["Choose the sector"]
    data = {
        **_day("held_on", days_ago(1)),
        "organisation": str(school.pk),
        "sector": "education",
        "covered": "Safer recruitment",
        "people_reached": "40",
    }
    assert as_lado.post(url, data).status_code == 302
    engagement = Engagement.objects.get()
    assert engagement.organisation == school and engagement.people_reached == 40
    assert b"Safer recruitment" in as_lado.get(url).content


def test_an_engagement_in_the_future_is_refused_against_its_date(as_lado, school):
    data = {
        **_day("held_on", today() + timedelta(days=2)),
        "organisation": str(school.pk),
        "sector": "education",
        "covered": "Safer recruitment",
    }
    response = as_lado.post(reverse("lado:engagement"), data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"held_on": ["The date cannot be in the future."]}
    assert 'href="#id_held_on_0"' in response.content.decode()
    assert not Engagement.objects.exists()


def test_the_annual_report_page_and_spreadsheet(as_lado, lado, teacher):
    receive(lado, teacher, received_at=at(date(2025, 6, 1)))
    page = as_lado.get(reverse("lado:annual_report"), {"year": "2026"})
    assert page.status_code == 200
    assert page.context["year"] == 2026
    assert page.context["figures"]["referrals"] == 1
    assert b"1 April 2025 to 31 March 2026" in page.content
    download = as_lado.get(reverse("lado:annual_workbook", args=[2026]))
    assert download.status_code == 200
    assert download["Content-Type"] == XLSX
    assert download["Content-Disposition"] == (
        'attachment; filename="lado-annual-figures-2025-26.xlsx"'
    )
    book = load_workbook(BytesIO(download.content))
    assert list(book["By sector"].iter_rows(values_only=True))[-1] == ("Total", 1)
    assert as_lado.get(reverse("lado:annual_workbook", args=[2001])).status_code == 404
