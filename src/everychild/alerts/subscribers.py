"""What the alert rules do when the front door or care announces something (core.hooks):
evaluate the child's rules again, inside the announcing write's transaction."""

from everychild.alerts.models import Alert
from everychild.alerts.rules import evaluate_children


def on_concerns_recorded(*, child_ids, by) -> dict:
    evaluated = evaluate_children(child_ids)
    return {"alerts_raised": len(evaluated.raised)}


def on_concern_unlinked(*, concern, child_id) -> None:
    """An alert keeps only the concerns about its child: one left with none goes."""
    for alert in Alert.objects.filter(child_id=child_id, concerns=concern):
        alert.concerns.remove(concern)
        if not alert.concerns.exists():
            alert.delete()
    evaluate_children([child_id])


def on_missing_episode_recorded(*, child, episode, by) -> None:
    evaluate_children([child.pk])
