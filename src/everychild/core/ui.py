"""The UI kit's views: the GOV.UK form page and the one way a view runs a service.

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

from collections.abc import Callable

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


def run_service(request, form, write: Callable[[dict], object], *, success: str, then):
    """On a valid POST, `write(form.cleaned_data)` (one service call). A DomainError shows
    against the field it names, in the form's error summary, and nothing is saved; otherwise
    the success message and a redirect to `then` (a URL, or a function of what `write`
    returned). None means: show the form (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = write(form.cleaned_data)
    except DomainError as error:
        form.add_domain_error(error)
        return None
    if success:
        messages.success(request, success)
    return redirect(then(result) if callable(then) else then)
