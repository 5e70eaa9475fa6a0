"""What the care pages share: the looked-after child's page's address, and the UI kit's form
page with the way back to it."""

from django.urls import reverse

from everychild.core import ui
from everychild.people.models import Person


def care_url(child: Person) -> str:
    return reverse("care:child", args=[child.pk])


def form_page(request, form, *, title: str, child: Person, button: str, **extra):
    """The UI kit's form page about one child, back to the child's care page unless
    `back_url` says otherwise."""
    back_url = extra.pop("back_url", None) or care_url(child)
    return ui.form_page(
        request, form, title=title, child=child, button=button, back_url=back_url, **extra
    )
