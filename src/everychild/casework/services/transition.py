"""Disabled children moving to adult services: a transition plan from 14, so that nothing
stops at 18."""

from datetime import date

from django.db import transaction

from everychild import access
from everychild.casework.models import TransitionPlan
from everychild.casework.services._common import recorded
from everychild.core.errors import DomainError, not_future
from everychild.people.models import Person

TRANSITION_AGE = 14


@transaction.atomic
def transition_plan_record(
    *, child: Person, recorded_by, agreed_on: date, adult_services_contact: str, summary: str
) -> TransitionPlan:
    access.require(recorded_by, "edit", child)
    not_future(agreed_on, "agreed_on")
    if TransitionPlan.objects.filter(child=child).exists():
        raise DomainError("This child already has a transition plan.")
    if not adult_services_contact.strip():
        raise DomainError("Name the contact in adult services.", field="adult_services_contact")
    if not summary.strip():
        raise DomainError("Summarise the plan.", field="summary")
    plan = TransitionPlan.objects.create(
        child=child,
        agreed_on=agreed_on,
        adult_services_contact=adult_services_contact.strip(),
        summary=summary.strip(),
        recorded_by=recorded_by,
    )
    recorded(
        plan,
        "transition_plan_recorded",
        by=recorded_by,
        when=agreed_on,
        summary=f"Transition plan to adult services agreed; contact {plan.adult_services_contact}.",
    )
    return plan
