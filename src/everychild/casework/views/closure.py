"""Pages: proposing to close the case, or to step it down to early help."""

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from everychild.casework.forms.closure import ClosureForm, StepDownForm
from everychild.casework.selectors import choices
from everychild.casework.services import closure
from everychild.casework.views._common import form_page, referral_for, today
from everychild.core import ui


def _proposal_page(request, form, propose, *, referral, proposed: str, **page):
    """A case holder proposes something about the case (`propose`, a closure service) for a
    manager's sign-off, then sees the decision waiting."""
    done = ui.run_service(
        request,
        form,
        lambda data: propose(referral=referral, proposed_by=request.user, **data),
        success=f"{proposed} proposed. A manager will sign it off.",
        then=lambda proposal: reverse("casework:decision", args=[proposal.pk]),
    )
    return done or form_page(request, form, child=referral.child, **page)


@require_http_methods(["GET", "POST"])
def closure_propose(request, referral_id: int):
    referral = referral_for(referral_id, request.user)
    return _proposal_page(
        request,
        ClosureForm(request.POST or None, initial={"closed_on": today()}),
        closure.closure_propose,
        referral=referral,
        proposed="Closure",
        title="Propose closing the case",
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
    return _proposal_page(
        request,
        form,
        closure.step_down_propose,
        referral=referral,
        proposed="Step-down",
        title="Propose a step-down to early help",
        button="Propose the step-down",
        intro=[
            "When a manager agrees, the case closes and the lead professional becomes the "
            "person partners see for the child."
        ],
    )
