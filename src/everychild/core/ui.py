"""The UI kit's views: the GOV.UK form page and the one way a view runs a service (and, for
an edit someone else saved first, shows both versions); `run_action` for a button with no
form.

def strategy_discussion(request, child_id):
    child = child_for(request.user, child_id, "edit")
    form = StrategyForm(request.POST or None)
    done = run_service(
        request, form,
        lambda data: services.strategy_discussion_record(child=child, by=request.user, **data),
        success="Strategy discussion recorded", then=child_url,
    )
    return done or form_page(request, form, title="...", child=child, button="Save",
                             back_url=child_url)
"""

from collections.abc import Callable, Sequence
from datetime import date

from django.contrib import messages
from django.shortcuts import redirect, render

from everychild.core.errors import DomainError

FORM_PAGE = "core/form_page.html"


def form_page(
    request,
    form,
    *,
    title: str,
    button: str,
    back_url: str,
    child=None,
    template: str = FORM_PAGE,
    **extra,
):
    """A GOV.UK form page (about `child`, if given): `details`, `details_heading`, `intro`
    and `clock` as core/form_page.html shows them; `template` for a page that extends it."""
    context = {
        "form": form,
        "title": title,
        "child": child,
        "button": button,
        "back_url": back_url,
        **extra,
    }
    return render(request, template, context)


def run_service(request, form, write: Callable[[dict], object], *, success: str | Callable, then):
    """On a valid POST, `write(form.cleaned_data)` (one service call). A DomainError shows
    against the field it names, in the form's error summary, and nothing is saved (an
    EditConflict also keeps the user's values, with the saved version: VersionedForm);
    otherwise the success message and a redirect to `then` (a URL or a model instance).
    `success` and `then` may be functions of what `write` returned. None means: show the
    form (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except DomainError as error:
        form.add_domain_error(error)
        return None
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    return redirect(then(result) if callable(then) else then)


def run_action(request, write: Callable[[], object], *, success: str | Callable, then):
    """A POST that is a bare button, with no form to show again ("Mark as done", "Remove
    access"): `write()` (one service call), then a redirect to `then` (a URL or a model
    instance) with the success message, or, if a DomainError refused it, with its message
    as an error (nothing is saved). `success` may be a function of what `write` returned."""
    try:
        result = write()
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(then)
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    return redirect(then)


def status(form) -> int:
    """The HTTP status of a page showing `form`: 409 when an edit conflict refused it."""
    return 409 if getattr(form, "conflict", None) is not None else 200


def shown(value) -> str:
    """A saved value in words, for comparing two versions of a record."""
    if value is None or value == "" or value == []:
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _each_shown(values: dict) -> dict[str, str]:
    return {name: shown(value) for name, value in values.items()}


def comparison(
    form,
    fields: dict[str, str] | Sequence[str],
    in_words: Callable[[dict], dict[str, str]] | None = None,
):
    """For a VersionedForm refused by an edit conflict, what casework/_comparison.html shows:
    who saved, when, and a row for each compared field (its label, the user's unsaved value,
    the saved one, whether they differ). `fields` names the form's fields, or maps each to
    the record's attribute holding it; `in_words` turns {field: value} into {field: words}
    (by default `shown`, field by field). None when there was no conflict."""
    conflict = getattr(form, "conflict", None)
    if conflict is None:
        return None
    if not isinstance(fields, dict):
        fields = {name: name for name in fields}
    in_words = in_words or _each_shown
    mine = in_words({name: form.cleaned_data.get(name) for name in fields})
    theirs = in_words({name: getattr(conflict.current, attr) for name, attr in fields.items()})
    rows = [
        (form.fields[name].label, mine[name], theirs[name], mine[name] != theirs[name])
        for name in fields
    ]
    return {"who": conflict.current.modified_by, "when": conflict.current.modified_at, "rows": rows}
