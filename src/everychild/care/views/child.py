"""The looked-after child's page: where the child is placed and how stable it is, every
statutory clock of the care plan, the SSDA903 episodes, reviews and challenges, health,
education, visits, missing episodes, permanence and leaving care, with the actions each
person may take."""

from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from everychild import access
from everychild.care.models import PermanenceOption
from everychild.care.selectors.child import child_care_page
from everychild.care.selectors.leavers import ChildLeavingCare
from everychild.core.calendar import age_in_years
from everychild.organisations.roles import CASE_HOLDERS, Role
from everychild.people.models import Person


@require_GET
def child(request, child_id: int):
    person = Person.objects.filter(pk=child_id).select_related("restriction").first()
    if person is None or not person.is_child:
        raise Http404("No such child.")
    user = request.user
    page = child_care_page(user=user, child=person)
    can_edit = access.can(user, "edit", person)
    in_care = page.care.in_care
    age = age_in_years(person.date_of_birth, page.today) if person.date_of_birth else None
    context = {
        "child": person,
        "page": page,
        "care": page.care,
        "oversight": page.oversight,
        "clocks": page.oversight.clocks.items() if in_care else [],
        "permanence": page.permanence,
        "leaving": page.leaving_care,
        "can_edit": can_edit,
        "is_case_holder": can_edit and user.role in CASE_HOLDERS,
        "is_iro": can_edit and user.role == Role.CONFERENCE_CHAIR,
        # Leaving care services start at 16 (care/services/leavers.py checks the rest).
        "may_register_leaver": age is not None and age >= 16,
        "under_18": age is None or age < 18,
        "decisions": _decisions(page.permanence.decisions),
        "birthdays": _birthdays(page.leaving_care) if page.leaving_care else [],
    }
    return render(request, "care/child.html", context)


def _decisions(plans) -> list[dict]:
    """Each permanence decision with every option weighed, in plain words."""
    labels = dict(PermanenceOption.choices)
    return [
        {
            "plan": plan,
            "decision": labels.get(plan.decision, plan.decision),
            "options": [(labels.get(k, k), why) for k, why in plan.options_considered.items()],
        }
        for plan in plans
    ]


def _birthdays(leaving: ChildLeavingCare) -> list[dict]:
    """The 17th to 21st birthdays, each with its window and the contact recorded for it."""
    contacts = {c.birthday_age: c for c in leaving.contacts}
    due = {w.birthday_age for w in leaving.windows_due}
    return [
        {"window": w, "contact": contacts.get(w.birthday_age), "due": w.birthday_age in due}
        for w in leaving.windows
    ]


urlpatterns = [path("children/<int:child_id>/care/", child, name="child")]
