"""What the care pages share: the looked-after child's page's address and the form page."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from everychild.core.errors import DomainError
from everychild.people.models import Person

FORM_PAGE = "casework/form_page.html"


def care_url(child: Person) -> str:
    return reverse("care:child", args=[child.pk])


def form_page(request, form, *, title: str, child: Person, button: str, **extra):
    """A GOV.UK form page about one child: back to the child's care page unless `back_url`
    says otherwise; `details`, `intro` and `clock` as casework/form_page.html shows them."""
    context = {
        "form": form,
        "title": title,
        "child": child,
        "button": button,
        "back_url": extra.pop("back_url", None) or care_url(child),
        **extra,
    }
    return render(request, FORM_PAGE, context)


def saved(request, form, write: Callable[[dict], object], *, success: str, then: str):
    """On a valid POST, `write(form.cleaned_data)` (one service call): a DomainError shows
    against its field in the form's error summary and nothing is saved; otherwise the
    success message and the redirect to `then`. None means: show the form (again)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        write(form.cleaned_data)
    except DomainError as error:
        form.add_domain_error(error)
        return None
    messages.success(request, success)
    return redirect(then)
