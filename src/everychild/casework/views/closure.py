"""Pages: proposing to close the case, or to step it down to early help."""

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from everychild.casework.forms.closure import ClosureForm, StepDownForm
from everychild.casework.selectors import choices
from everychild.casework.services import closure
from everychild.casework.views._common import form_page, referral_for, today
from everychild.core import ui


def _decision_url(proposal) -> str:
    return reverse("casework:decision", args=[proposal.pk])


@require_http_methods(["GET", "POST"])
def closure_propose(request, referral_id: int):
    referral = referral_for(referral_id, request.user)
    form = ClosureForm(request.POST or None, initial={"closed_on": today()})
    done = ui.run_service(
        request,
        form,
        lambda data: closure.closure_propose(referral=referral, proposed_by=request.user, **data),
        success="Closure proposed. A manager will sign it off.",
        then=_decision_url,
    )
    return done or form_page(
        request,
        form,
        title="Propose closing the case",
        child=referral.child,
        button="Propose closure",
        intro=[
            f"Referred on {referral.referral_date:%-d %B %Y}. The case closes when a manager "
            "agrees."
        ],
    )


@require_http_methods(["GET", "POST"])
def step_down_propose(request, referral_id: int):
    referral = referral_for(referral_id, request.user)
    form = StepDownForm(
        request.POST or None,
        staff=choices.partner_practitioners(),
        initial={"stepped_on": today()},
    )
    done = ui.run_service(
        request,
        form,
        lambda data: closure.step_down_propose(referral=referral, proposed_by=request.user, **data),
        success="Step-down proposed. A manager will sign it off.",
        then=_decision_url,
    )
    return done or form_page(
        request,
        form,
        title="Propose a step-down to early help",
        child=referral.child,
        button="Propose the step-down",
        intro=[
            "When a manager agrees, the case closes and the lead professional becomes the "
            "person partners see for the child."
        ],
    )
