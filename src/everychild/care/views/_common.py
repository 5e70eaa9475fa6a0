"""What the care pages share: the looked-after child's page's address and the form page."""

from django.shortcuts import render
from django.urls import reverse

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
