"""core.ui: run_service (a form's POST runs one service call) and run_action (a bare button
runs one), each showing a DomainError and redirecting as the pages expect."""

import pytest
from django import forms
from django.contrib.messages import ERROR, SUCCESS
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import Http404

from everychild.core.errors import DomainError
from everychild.core.forms import GovukForm
from everychild.core.ui import run_action, run_service


class Thing:
    def get_absolute_url(self) -> str:
        return "/things/7/"


def _refuse(message: str, field: str | None = None):
    def write(*_):
        raise DomainError(message, field=field)

    return write


def _messages(request) -> list[tuple[int, str]]:
    return [(m.level, m.message) for m in request._messages]


@pytest.fixture
def post(rf):
    def make(data=None):
        request = rf.post("/here/", data or {})
        request._messages = CookieStorage(request)
        return request

    return make


# ---- run_action ---------------------------------------------------------------------------


def test_run_action_runs_the_service_once_then_says_so_and_redirects(post):
    request, calls = post(), []
    response = run_action(
        request, lambda: calls.append("done") or "result", success="Done.", then="/back/#list"
    )
    assert calls == ["done"]
    assert response.status_code == 302 and response.url == "/back/#list"
    assert _messages(request) == [(SUCCESS, "Done.")]


def test_run_action_words_its_message_from_what_the_service_returned(post):
    request = post()
    response = run_action(
        request, lambda: "Ann Lee", success=lambda who: f"{who} can no longer see it.", then=Thing()
    )
    assert response.url == "/things/7/"
    assert _messages(request) == [(SUCCESS, "Ann Lee can no longer see it.")]


def test_run_action_shows_a_refusal_as_an_error_and_goes_back(post):
    request = post()
    response = run_action(
        request, _refuse("This action is already done.", "done_on"), success="Done.", then="/back/"
    )
    assert response.status_code == 302 and response.url == "/back/"
    assert _messages(request) == [(ERROR, "This action is already done.")]


def test_run_action_lets_anything_but_a_refusal_through(post):
    def missing():
        raise Http404("No such action.")

    with pytest.raises(Http404):
        run_action(post(), missing, success="Done.", then="/back/")


# ---- run_service --------------------------------------------------------------------------


class NoteForm(GovukForm):
    note = forms.CharField(label="Note")
    day = forms.CharField(label="Day", required=False)


def test_run_service_shows_the_form_on_a_get(rf):
    form = NoteForm()
    assert run_service(rf.get("/here/"), form, _refuse("No."), success="Saved.", then="/") is None


def test_run_service_does_not_call_the_service_for_an_invalid_form(post):
    calls = []
    form = NoteForm({})
    assert run_service(post(), form, calls.append, success="Saved.", then="/") is None
    assert calls == [] and form.errors["note"]


def test_run_service_shows_a_refusal_against_the_field_it_names(post):
    request = post()
    form = NoteForm({"note": "A note", "day": "Tomorrow"})
    refuse = _refuse("The date cannot be in the future.", "day")
    assert run_service(request, form, refuse, success="Saved.", then="/") is None
    assert form.errors == {"day": ["The date cannot be in the future."]}
    assert _messages(request) == []


def test_run_service_saves_says_so_and_redirects(post):
    request, saved = post(), []
    form = NoteForm({"note": "A note"})
    response = run_service(
        request,
        form,
        lambda data: saved.append(data["note"]) or Thing(),
        success=lambda thing: f"Saved {thing.get_absolute_url()}",
        then=lambda thing: thing,
    )
    assert saved == ["A note"] and response.url == "/things/7/"
    assert _messages(request) == [(SUCCESS, "Saved /things/7/")]
