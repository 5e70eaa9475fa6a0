"""Pages: care leavers - registering one, their personal adviser, pathway plan reviews, the
contact around each birthday, and "My care leavers" for a personal adviser (see
care/views/__init__.py).

Thin views: parse a form, call one service or selector, render; a service's refusal shows in
the form's GOV.UK error summary. After a write the user goes back to the child's care page.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from everychild.care import forms_leavers as forms
from everychild.care.models import CareLeaver
from everychild.care.selectors import leavers as selectors
from everychild.care.services import leavers as services
from everychild.care.services._common import require_case_holder
from everychild.care.views._common import care_url, form_page
from everychild.care.views.permanence import case_child
from everychild.core.errors import DomainError
from everychild.core.ui import FORM_PAGE, run_service
from everychild.organisations.models import Staff
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role


def _advisers():
    return Staff.objects.filter(role=Role.PERSONAL_ADVISER, is_active=True).order_by(
        "last_name", "first_name"
    )


def _care_leaver(pk: int, user, *, case_holder: bool = False) -> CareLeaver:
    care_leaver = selectors.care_leaver_record(user=user, pk=pk, action="edit")
    if case_holder:
        require_case_holder(user, care_leaver.child)
    return care_leaver


def _form_page(request, form, *, title, care_leaver: CareLeaver, button, **extra):
    child = care_leaver.child
    details = [
        ("Eligibility", care_leaver.get_eligibility_display()),
        ("Care leaver since", f"{care_leaver.since:%-d %B %Y}"),
        ("Personal adviser", str(care_leaver.personal_adviser or "None yet")),
    ]
    return form_page(
        request, form, title=title, child=child, button=button, details=details, **extra
    )


@require_GET
def my_care_leavers(request):
    """A personal adviser's young people, with pathway reviews and birthday contacts due."""
    user = request.user
    if user.role not in SOCIAL_CARE_ROLES:
        raise PermissionDenied("This page is for children's social care staff.")
    today = timezone.localdate()
    context = {
        "rows": selectors.care_leavers_for_pa(user=user, today=today),
        "due": selectors.birthday_contacts_due(user=user, today=today),
        "today": today,
    }
    return render(request, "care/leavers/my_care_leavers.html", context)


@require_http_methods(["GET", "POST"])
def care_leaver_register(request, child_id: int):
    child = case_child(child_id, request.user)
    form = forms.CareLeaverRegisterForm(request.POST or None, advisers=_advisers())
    if request.method == "POST" and form.is_valid():
        try:
            care_leaver = services.care_leaver_register(
                child=child, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"Registered as a care leaver: {care_leaver.get_eligibility_display()}."
            )
            return redirect(care_url(child))
    return render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": "Register a care leaver",
            "child": child,
            "button": "Register",
            "back_url": care_url(child),
            "intro": [
                "Eligible: 16 or 17, in care, and in care for 13 weeks or more since their "
                "14th birthday. Relevant: 16 or 17 and left care after being eligible. Former "
                "relevant: 18 to 24 and eligible or relevant before 18. Qualifying: otherwise."
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def personal_adviser_assign(request, pk: int):
    care_leaver = _care_leaver(pk, request.user, case_holder=True)
    form = forms.PersonalAdviserForm(
        request.POST or None, advisers=_advisers(), initial={"on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.personal_adviser_assign(
                care_leaver=care_leaver,
                adviser=form.cleaned_data["adviser"],
                by=request.user,
                on=form.cleaned_data["on"],
            )
        except DomainError as error:
            error.field = "adviser" if error.field == "personal_adviser" else error.field
            form.add_domain_error(error)
        else:
            messages.success(request, f"{form.cleaned_data['adviser']} is now their adviser.")
            return redirect(care_url(care_leaver.child))
    return _form_page(
        request,
        form,
        title="Assign a personal adviser",
        care_leaver=care_leaver,
        button="Assign",
    )


@require_http_methods(["GET", "POST"])
def pathway_review(request, pk: int):
    care_leaver = _care_leaver(pk, request.user)
    form = forms.PathwayReviewForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.pathway_review_record(
            care_leaver=care_leaver, by=request.user, **form.cleaned_data
        ),
        success="Pathway plan review recorded.",
        then=care_url(care_leaver.child),
    )
    if done:
        return done
    clock = selectors.review_clock(care_leaver)
    return _form_page(
        request,
        form,
        title="Record a pathway plan review",
        care_leaver=care_leaver,
        button="Record the review",
        intro=[f"Reviewed at least every six months: the next is due by {clock.due:%-d %B %Y}."],
    )


@require_http_methods(["GET", "POST"])
def birthday_contact(request, pk: int):
    care_leaver = _care_leaver(pk, request.user)
    form = forms.BirthdayContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.care_leaver_contact_record(
                care_leaver=care_leaver, by=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"Contact around the {contact.birthday_age}th birthday recorded."
            )
            return redirect(care_url(care_leaver.child))
    born = care_leaver.child.date_of_birth
    windows = [
        f"{w.birthday_age}th birthday {w.birthday:%-d %B %Y}: from {w.opens:%-d %B %Y} "
        f"to {w.closes:%-d %B %Y}"
        for w in (services.birthday_windows(born) if born else [])
    ]
    return _form_page(
        request,
        form,
        title="Record a birthday contact",
        care_leaver=care_leaver,
        button="Record the contact",
        intro=[
            "The contact for each birthday counts from three months before it to one month after.",
            *windows,
        ],
    )


urlpatterns = [
    path("care/leavers/", my_care_leavers, name="care_leavers"),
    path(
        "care/children/<int:child_id>/care-leaver/new/",
        care_leaver_register,
        name="care_leaver_register",
    ),
    path(
        "care/care-leavers/<int:pk>/adviser/",
        personal_adviser_assign,
        name="personal_adviser_assign",
    ),
    path(
        "care/care-leavers/<int:pk>/pathway-review/new/",
        pathway_review,
        name="pathway_review",
    ),
    path(
        "care/care-leavers/<int:pk>/contact/new/",
        birthday_contact,
        name="birthday_contact",
    ),
]
