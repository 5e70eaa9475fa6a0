"""Supervision: a manager's reflection on a child's case, with actions that each have an
owner and a due date, and overdue actions in the owner's and the team's work."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from everychild.audit.models import AuditEvent
from everychild.casework.models import Supervision, SupervisionAction
from everychild.casework.selectors import caseloads
from everychild.casework.services import oversight
from everychild.casework.services.oversight import ActionSpec
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core.errors import DomainError
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import REFLECTION, days_ago, refused, today


def supervise(child, manager, *, held_on=None, reflection=REFLECTION, worker=None, actions=()):
    return oversight.supervision_record(
        child=child,
        manager=manager,
        held_on=held_on or days_ago(1),
        reflection=reflection,
        worker=worker,
        actions=list(actions),
    )


def test_a_manager_records_supervision_with_actions(case, manager, worker):
    supervision = supervise(
        case.child,
        manager,
        worker=worker,
        actions=[
            ActionSpec(" Visit Ayesha at school, alone. ", worker, days_ago(1) + timedelta(7)),
            ActionSpec("Ask the GP about mum's prescription.", manager, today()),
        ],
    )
    assert (supervision.manager, supervision.worker) == (manager, worker)
    assert supervision.held_on == days_ago(1) and supervision.reflection == REFLECTION
    actions = list(supervision.actions.order_by("due_on"))
    assert [(a.action, a.owner, a.due_on, a.done_on) for a in actions] == [
        ("Ask the GP about mum's prescription.", manager, today(), None),
        ("Visit Ayesha at school, alone.", worker, days_ago(1) + timedelta(7), None),
    ]
    event = AuditEvent.objects.get(verb="supervision_recorded")
    assert event.actor == manager and event.payload == {"actions": 2}
    entry = ChronologyEntry.objects.get(kind=EntryKind.SUPERVISION)
    assert entry.summary == f"Supervision: {REFLECTION}"
    assert entry.visibility == Visibility.SOCIAL_CARE and entry.source == supervision


def test_only_a_manager_records_supervision(case, worker, other_manager, chair):
    for someone in (worker, other_manager, chair):
        with refused(PermissionDenied):
            supervise(case.child, someone)
    assert not Supervision.objects.exists()


@pytest.mark.parametrize("reflection", ["", "   ", "Discussed case."])
def test_supervision_needs_a_reflection(case, manager, reflection):
    with refused(match="Record the reflection") as info:
        supervise(case.child, manager, reflection=reflection)
    assert info.value.field == "reflection"


def test_each_action_needs_a_description_and_a_due_date_after_the_supervision(
    case, manager, worker
):
    with refused(match="Each action needs a description") as info:
        supervise(case.child, manager, actions=[ActionSpec("  ", worker, today())])
    assert info.value.field == "actions"
    with refused(match="cannot be due before the supervision"):
        supervise(
            case.child,
            manager,
            held_on=days_ago(3),
            actions=[
                ActionSpec("Fine.", worker, today()),
                ActionSpec("Too early.", worker, days_ago(4)),
            ],
        )
    assert not SupervisionAction.objects.exists()


def test_supervision_cannot_be_in_the_future(case, manager):
    with refused(match="cannot be in the future"):
        supervise(case.child, manager, held_on=today() + timedelta(days=1))


def test_an_action_is_done_once(case, manager, worker):
    supervision = supervise(
        case.child, manager, actions=[ActionSpec("Visit.", worker, today() + timedelta(5))]
    )
    action = supervision.actions.get()
    done = oversight.supervision_action_done(action=action, done_by=worker)
    assert done.done_on == today()
    assert SupervisionAction.objects.get(pk=action.pk).done_on == today()
    event = AuditEvent.objects.get(verb="supervision_action_done")
    assert event.actor == worker and event.object_id == str(action.pk)
    with refused(match="already done"):
        oversight.supervision_action_done(action=done, done_by=worker)


def test_action_done_refusals(case, manager, worker, other_worker):
    supervision = supervise(case.child, manager, actions=[ActionSpec("Visit.", worker, today())])
    action = supervision.actions.get()
    with refused(match="cannot be in the future"):
        oversight.supervision_action_done(
            action=action, done_by=worker, done_on=today() + timedelta(days=1)
        )
    with refused(PermissionDenied):
        oversight.supervision_action_done(action=action, done_by=other_worker)
    assert SupervisionAction.objects.get(pk=action.pk).done_on is None


# ---- overdue actions in My work and Team --------------------------------------------------


@pytest.fixture
def overdue_action(case, manager, worker):
    supervision = supervise(
        case.child,
        manager,
        held_on=days_ago(20),
        actions=[
            ActionSpec("Visit Ayesha at school, alone.", worker, days_ago(10)),
            ActionSpec("Chase the GP.", manager, today() + timedelta(days=10)),
        ],
    )
    return supervision.actions.get(owner=worker)


def _supervision_items(items):
    return [i for i in items if i.what.startswith("Supervision action")]


def test_an_overdue_action_is_in_its_owners_work(overdue_action, worker, colleague, manager):
    work = caseloads.my_work(user=worker)
    (item,) = _supervision_items(work.items)
    assert item.what == "Supervision action: Visit Ayesha at school, alone."
    assert item.overdue and item in work.overdue
    assert item.child == overdue_action.supervision.child and item.owner == "Sam Patel"
    assert item.clock.due == days_ago(10)
    assert work.items[0] is item or work.items[0].overdue  # overdue work comes first
    # Not in anyone else's work.
    assert _supervision_items(caseloads.my_work(user=colleague).items) == []
    mine = _supervision_items(caseloads.my_work(user=manager).items)
    assert [i.what for i in mine] == ["Supervision action: Chase the GP."]
    assert not mine[0].overdue


def test_an_overdue_action_is_in_the_teams_work(overdue_action, manager, cin_team):
    team = caseloads.team_work(user=manager, team=cin_team)
    overdue = _supervision_items(team.overdue)
    assert [(i.what, i.owner) for i in overdue] == [
        ("Supervision action: Visit Ayesha at school, alone.", "Sam Patel")
    ]
    assert len(_supervision_items(team.items)) == 2


def test_a_done_action_leaves_the_lists(overdue_action, worker, manager, cin_team):
    oversight.supervision_action_done(action=overdue_action, done_by=worker)
    assert _supervision_items(caseloads.my_work(user=worker).items) == []
    team = caseloads.team_work(user=manager, team=cin_team)
    assert _supervision_items(team.overdue) == []


def test_an_action_for_someone_who_cannot_see_the_child_does_not_name_the_child_to_them(
    case, manager, other_worker, cin_team
):
    # Either the action is refused (its owner cannot see Ayesha's record), or it is kept
    # but Lucy's "My work" must not show her a child she may not see.
    try:
        supervise(
            case.child,
            manager,
            held_on=days_ago(20),
            actions=[ActionSpec("Ask Lucy about the family.", other_worker, days_ago(10))],
        )
    except (DomainError, PermissionDenied):
        return
    work = caseloads.my_work(user=other_worker)
    assert not any(item.child == case.child for item in work.items)
