"""Pages: starting a child in need plan, and the plan (its reviews, and ending it)."""

from functools import partial

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from everychild import access
from everychild.casework.forms.child_in_need import CinEndForm, CinPlanStartForm, CinReviewForm
from everychild.casework.models import ChildInNeedPlan
from everychild.casework.selectors import records
from everychild.casework.services import child_in_need
from everychild.casework.views._common import form_page, post_action, referral_for, today
from everychild.core import ui


@require_http_methods(["GET", "POST"])
def cin_plan_start(request, referral_id: int):
    referral = referral_for(referral_id, request.user)
    form = CinPlanStartForm(request.POST or None, initial={"started_on": today()})
    done = ui.run_service(
        request,
        form,
        lambda data: child_in_need.cin_plan_start(
            referral=referral, started_by=request.user, **data
        ),
        success="Child in need plan started. A manager will sign it off.",
        then=lambda plan: plan,
    )
    return done or form_page(
        request,
        form,
        title="Start a child in need plan",
        child=referral.child,
        button="Start the plan",
        intro=["The plan is reviewed at least every 3 months."],
    )


_CIN_ACTIONS = {"review": CinReviewForm, "end": CinEndForm}


def _cin_apply(plan: ChildInNeedPlan, user, action: str, data) -> str:
    """Run one of the plan page's actions; the success message."""
    if action == "review":
        child_in_need.cin_review_record(
            plan=plan, recorded_by=user, held_on=data["held_on"], summary=data["summary"]
        )
        return "Review recorded."
    child_in_need.cin_plan_end(
        plan=plan,
        ended_by=user,
        ended_on=data["ended_on"],
        reason=data["reason"],
        version=data["version"],
    )
    return "The plan has ended. A manager will sign it off."


@require_http_methods(["GET", "POST"])
def cin_plan(request, pk: int):
    user = request.user
    plan = records.casework_record(ChildInNeedPlan, pk, user, related=("referral", "modified_by"))
    can_edit = plan.ended_on is None and access.can(user, "edit", plan.child)
    done, posted = post_action(
        request, _CIN_ACTIONS, partial(_cin_apply, plan, user), allowed=can_edit, then=plan
    )
    if done:
        return done
    reviews = list(plan.reviews.select_related("recorded_by"))
    clock = None
    if plan.ended_on is None:
        clock = plan.review_clock(reviews[0].held_on if reviews else None)
    unbound = {
        "review": CinReviewForm(prefix="review", initial={"held_on": today()}),
        "end": CinEndForm(prefix="end", initial={"version": plan.version}),
    }
    records.casework_viewed(user, plan)
    context = {
        "plan": plan,
        "child": plan.child,
        "reviews": reviews,
        "clock": clock,
        "forms": {**unbound, **({posted.prefix: posted} if posted else {})},
        "bound_form": posted,
        "comparison": posted
        and ui.comparison(posted, {"ended_on": "ended_on", "reason": "end_reason"}),
        "can_edit": can_edit,
        "decision": records.pending_decision(plan),
    }
    return render(request, "casework/cin_plan.html", context, status=ui.status(posted))
