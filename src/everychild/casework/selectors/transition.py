"""Disabled children approaching adulthood with no transition plan, so none "just appears"
at 18."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from everychild import access
from everychild.casework.services.transition import TRANSITION_AGE
from everychild.people.models import Person, PersonKind


@dataclass
class TransitionList:
    children: list[Person]
    others_not_visible: int


def transition_gaps(*, user, today: date | None = None) -> TransitionList:
    """Disabled children aged 14 to 17 with no transition plan, so none "just appears" at 18.

    Lists the children the user may see, and counts the others (ask the front door).
    """
    today = today or timezone.localdate()
    oldest = today - relativedelta(years=18)
    youngest = today - relativedelta(years=TRANSITION_AGE)
    candidates = (
        Person.objects.filter(
            kind=PersonKind.CHILD,
            died_on__isnull=True,
            date_of_birth__gt=oldest,
            date_of_birth__lte=youngest,
        )
        .exclude(disabilities=[])
        .exclude(disabilities=["NONE"])
        .filter(transition_plan__isnull=True)
    )
    visible = access.children_visible_to(user, "view").filter(pk__in=candidates.values("pk"))
    shown = list(visible.order_by("date_of_birth"))
    return TransitionList(children=shown, others_not_visible=candidates.count() - len(shown))


def child_birthdays_to_18(children: list[Person], today: date | None = None) -> dict[int, date]:
    today = today or timezone.localdate()
    out = defaultdict(lambda: None)
    for c in children:
        if c.date_of_birth:
            try:
                out[c.pk] = c.date_of_birth.replace(year=c.date_of_birth.year + 18)
            except ValueError:
                out[c.pk] = date(c.date_of_birth.year + 18, 3, 1)
    return out
