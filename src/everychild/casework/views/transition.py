"""Pages: disabled young people approaching adulthood with no transition plan, and
recording one."""

from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from everychild.access.selectors import child_for
from everychild.casework.forms.transition import TransitionPlanForm
from everychild.casework.selectors.transition import child_birthdays_to_18, transition_gaps
from everychild.casework.services import transition
from everychild.casework.views._common import child_url, form_page, today
from everychild.core import ui


@require_GET
def transitions(request):
    gaps = transition_gaps(user=request.user)
    turns_18 = child_birthdays_to_18(gaps.children)
    rows = [(child, turns_18[child.pk]) for child in gaps.children]
    return render(request, "casework/transitions.html", {"gaps": gaps, "rows": rows})


@require_http_methods(["GET", "POST"])
def transition_plan_add(request, child_id: int):
    child = child_for(request.user, child_id, "edit")
    form = TransitionPlanForm(request.POST or None, initial={"agreed_on": today()})
    done = ui.run_service(
        request,
        form,
        lambda data: transition.transition_plan_record(
            child=child, recorded_by=request.user, **data
        ),
        success=f"Transition plan recorded for {child.full_name}.",
        then=child_url(child, "casework-heading"),
    )
    return done or form_page(
        request,
        form,
        title="Record a transition plan",
        child=child,
        button="Record the plan",
        intro=[
            "A plan for moving to adult services, agreed with the young person and their "
            "family, so that nothing stops at 18."
        ],
    )
