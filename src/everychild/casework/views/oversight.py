"""Pages: a key decision and its sign-off, recording supervision, and marking a supervision
action done."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from everychild import access
from everychild.access.selectors import child_for
from everychild.casework.forms.oversight import ActionDoneForm, SignOffForm, SupervisionForm
from everychild.casework.models import Assessment, DecisionKind, KeyDecision
from everychild.casework.selectors import choices, records
from everychild.casework.services import oversight
from everychild.casework.views._common import child_url, form_page, today
from everychild.core import ui
from everychild.organisations.roles import Role
from everychild.workforce.services import current_allocation

# ---- key decisions --------------------------------------------------------------------------

_AGREED = {
    DecisionKind.ASSESSMENT: "Assessment authorised.",
    DecisionKind.PLAN_START: "Start of the plan agreed.",
    DecisionKind.PLAN_END: "End of the plan agreed.",
    DecisionKind.CLOSURE: "Closure agreed: the case is closed.",
    DecisionKind.STEP_DOWN: "Step-down agreed: the case is closed to early help.",
}


def _signed_off_message(decision: KeyDecision, agree: bool) -> str:
    if agree:
        return _AGREED.get(decision.kind, "Decision agreed.")
    return f"Returned to {decision.requested_by} with your note."


@require_http_methods(["GET", "POST"])
def decision(request, pk: int):
    user = request.user
    record = records.casework_record(KeyDecision, pk, user, related=("requested_by", "decided_by"))
    may_sign = (
        user.role == Role.TEAM_MANAGER
        and record.decided_at is None
        and record.requested_by_id != user.pk
        and access.can(user, "edit", record.child)
    )
    subject = record.subject
    subject_url = (
        subject.get_absolute_url()
        if hasattr(subject, "get_absolute_url")
        else child_url(record.child, "decisions-heading")
    )
    form = SignOffForm(request.POST or None)
    done = ui.run_service(
        request,
        form,
        lambda data: oversight.key_decision_sign_off(
            decision=record, manager=user, agree=data["agree"], note=data["note"]
        ),
        success=lambda _: _signed_off_message(record, form.cleaned_data["agree"]),
        then=subject_url,
    )
    if done:
        return done
    records.casework_viewed(user, record)
    context = {
        "decision": record,
        "child": record.child,
        "subject": subject,
        "subject_url": subject_url,
        "is_assessment": isinstance(subject, Assessment),
        "form": form,
        "may_sign": may_sign,
    }
    return render(request, "casework/decision.html", context)


# ---- supervision ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def supervision_add(request, child_id: int):
    user = request.user
    child = child_for(user, child_id, "edit")
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("A team manager records supervision.")
    allocation = current_allocation(child)
    form = SupervisionForm(
        request.POST or None,
        staff=choices.supervision_staff(child, user),
        initial={
            "held_on": today(),
            "worker": str(allocation.worker_id) if allocation and allocation.worker_id else "",
        },
    )
    done = ui.run_service(
        request,
        form,
        lambda data: oversight.supervision_record(
            child=child,
            manager=user,
            held_on=data["held_on"],
            reflection=data["reflection"],
            worker=data["worker"],
            actions=[oversight.ActionSpec(a, owner, due) for a, owner, due in form.actions()],
        ),
        success="Supervision recorded.",
        then=child_url(child, "supervision-heading"),
    )
    return done or form_page(
        request,
        form,
        title="Record supervision",
        child=child,
        button="Record the supervision",
        template="casework/supervision_form.html",
    )


@require_http_methods(["GET", "POST"])
def supervision_action_done(request, pk: int):
    action = records.supervision_action(pk, request.user)
    child = action.supervision.child
    form = ActionDoneForm(request.POST or None, initial={"done_on": today()})
    done = ui.run_service(
        request,
        form,
        lambda data: oversight.supervision_action_done(
            action=action, done_by=request.user, done_on=data["done_on"]
        ),
        success="Action marked as done.",
        then=child_url(child, "supervision-heading"),
    )
    return done or form_page(
        request,
        form,
        title="Mark a supervision action as done",
        child=child,
        button="Mark as done",
        details=[
            ("Action", action.action),
            ("Who", str(action.owner)),
            ("Due by", f"{action.due_on:%-d %B %Y}"),
        ],
    )
