"""Management oversight: supervision with its actions, and the manager's sign-off of key
decisions (an assessment's authorisation, a plan's start and end, closure, step-down)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.casework.models import DecisionKind, KeyDecision, Supervision, SupervisionAction
from everychild.casework.services import assessments, closure
from everychild.casework.services._common import recorded, require_manager
from everychild.core.errors import DomainError, not_future
from everychild.people.models import Person

# ---- supervision ----------------------------------------------------------------------------


@dataclass
class ActionSpec:
    action: str
    owner: object
    due_on: date


def _check_actions(child: Person, held_on: date, actions: list[ActionSpec]) -> None:
    for spec in actions:
        if not spec.action.strip():
            raise DomainError("Each action needs a description.", field="actions")
        if not access.can(spec.owner, "view", child):
            raise DomainError(
                f"{spec.owner} cannot see this child's record: give the action "
                "to someone who works with the child.",
                field="actions",
            )
        if spec.due_on < held_on:
            raise DomainError("An action cannot be due before the supervision.", field="actions")


@transaction.atomic
def supervision_record(
    *,
    child: Person,
    manager,
    held_on: date,
    reflection: str,
    worker=None,
    actions: list[ActionSpec] = (),
) -> Supervision:
    require_manager(manager, child)
    not_future(held_on, "held_on")
    if len(reflection.strip()) < 20:
        raise DomainError("Record the reflection: what was discussed and why.", field="reflection")
    _check_actions(child, held_on, actions)
    supervision = Supervision.objects.create(
        child=child, held_on=held_on, manager=manager, worker=worker, reflection=reflection.strip()
    )
    SupervisionAction.objects.bulk_create(
        [
            SupervisionAction(
                supervision=supervision, action=s.action.strip(), owner=s.owner, due_on=s.due_on
            )
            for s in actions
        ]
    )
    recorded(
        supervision,
        "supervision_recorded",
        by=manager,
        when=held_on,
        summary=f"Supervision: {reflection.strip()[:240]}",
        payload={"actions": len(actions)},
    )
    return supervision


@transaction.atomic
def supervision_action_done(
    *, action: SupervisionAction, done_by, done_on: date | None = None
) -> SupervisionAction:
    access.require(done_by, "edit", action.supervision.child)
    if action.done_on is not None:
        raise DomainError("This action is already done.")
    action.done_on = done_on or timezone.localdate()
    not_future(action.done_on, "done_on")
    action.save(update_fields=["done_on"])
    audit.record(
        actor=done_by, verb="supervision_action_done", obj=action, child=action.supervision.child
    )
    return action


# ---- key decisions --------------------------------------------------------------------------

# What an agreed decision does, besides being agreed (an assessment's sign-off, agreed or
# returned, is its own: assessments.assessment_signed_off).
_ON_AGREEMENT = {
    DecisionKind.CLOSURE: closure.closure_agreed,
    DecisionKind.STEP_DOWN: closure.step_down_agreed,
}


@transaction.atomic
def key_decision_sign_off(
    *, decision: KeyDecision, manager, agree: bool, note: str = ""
) -> KeyDecision:
    """A manager agrees a key decision (and it takes effect) or returns it with a note."""
    decision = KeyDecision.objects.select_for_update().get(pk=decision.pk)
    require_manager(manager, decision.child)
    if decision.decided_at is not None:
        raise DomainError("This decision has already been signed off.")
    if decision.requested_by_id == manager.pk:
        raise DomainError("Another manager must sign off a decision you asked for.")
    if not agree and not note.strip():
        raise DomainError("Say why the decision is returned.", field="note")
    decision.decided_by, decision.decided_at = manager, timezone.now()
    decision.agreed, decision.manager_note = agree, note.strip()
    decision.save(update_fields=["decided_by", "decided_at", "agreed", "manager_note"])
    if decision.kind == DecisionKind.ASSESSMENT:
        assessments.assessment_signed_off(decision, manager, agree, note.strip())
    elif agree and decision.kind in _ON_AGREEMENT:
        _ON_AGREEMENT[decision.kind](decision, manager)
    verdict = "agreed" if agree else f"returned: {note.strip()}"
    recorded(
        decision,
        "key_decision_signed_off" if agree else "key_decision_returned",
        by=manager,
        when=decision.decided_at,
        summary=f"Manager {verdict}. {decision.summary}",
        payload={"kind": decision.kind},
        reason=note.strip(),
    )
    return decision
