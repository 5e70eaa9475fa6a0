"""The looked-after child's page: the child's care, its oversight, missing episodes,
permanence and leaving care, read together with one access check and one audit row.

The page is children's social care's: a partner in the child's plan reads the summary on the
child's page (who holds the case), not where and with whom the child is placed.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from everychild import access, audit
from everychild.care.models import PeriodOfCare
from everychild.care.selectors.episodes import CareSummary, care_summary
from everychild.care.selectors.leavers import ChildLeavingCare, child_leaving_care
from everychild.care.selectors.missing import EpisodeRow, missing_for_child
from everychild.care.selectors.oversight import ChildOversight, oversight_for_child
from everychild.care.selectors.permanence import ChildPermanence, child_permanence
from everychild.care.services.episodes import validate_period
from everychild.organisations.roles import SOCIAL_CARE_ROLES
from everychild.people.models import Person

# The page shows the latest missing episodes; the child's missing page lists them all.
MISSING_SHOWN = 5


@dataclass
class ChildCarePage:
    child: Person
    today: date
    care: CareSummary
    oversight: ChildOversight
    missing: list[EpisodeRow]
    missing_total: int
    permanence: ChildPermanence
    leaving_care: ChildLeavingCare | None
    problems: list[str]  # the open period's breaches of the SSDA903 episode rules

    @property
    def ever_in_care(self) -> bool:
        return bool(self.care.periods)


def child_care_page(*, user, child: Person, today: date | None = None) -> ChildCarePage:
    """Everything the looked-after child's page shows, for children's social care staff who
    may see the child. Audited once ("viewed_care")."""
    if getattr(user, "role", None) not in SOCIAL_CARE_ROLES:
        raise PermissionDenied("The care record is children's social care's.")
    access.require(user, "view", child)
    today = today or timezone.localdate()
    care = care_summary(user=user, child=child, today=today, caller_audits=True)
    oversight = oversight_for_child(user=user, child=child, today=today, caller_audits=True)
    missing = missing_for_child(user=user, child=child, caller_audits=True)
    page = ChildCarePage(
        child=child,
        today=today,
        care=care,
        oversight=oversight,
        missing=missing[:MISSING_SHOWN],
        missing_total=len(missing),
        permanence=child_permanence(user=user, child=child, today=today),
        leaving_care=child_leaving_care(user=user, child=child, today=today),
        problems=validate_period(care.current_period) if care.current_period else [],
    )
    audit.record(actor=user, verb="viewed_care", obj=child, child=child)
    return page


@dataclass(frozen=True)
class CareStatus:
    """For the child's page: whether the child is (or was) in care, in one query."""

    in_care_since: date | None
    last_left_on: date | None
    care_leaver: bool

    @property
    def known(self) -> bool:
        return bool(self.in_care_since or self.last_left_on or self.care_leaver)


def with_care_status(people):
    """`people` annotated with what `care_status` needs, so that it costs no query."""
    periods = PeriodOfCare.objects.filter(child=OuterRef("pk"))
    return people.annotate(
        care_open_since=Subquery(periods.filter(ended_on__isnull=True).values("started_on")[:1]),
        care_last_left=Subquery(
            periods.exclude(ended_on__isnull=True).order_by("-ended_on").values("ended_on")[:1]
        ),
    )


def care_status(child: Person) -> CareStatus:
    """No access check or audit: for the child's page, which has made both. No query for a
    child fetched through `with_care_status` and `select_related("care_leaver")`."""
    if hasattr(child, "care_open_since"):
        open_since, last_left = child.care_open_since, child.care_last_left
    else:
        periods = list(child.periods_of_care.values_list("started_on", "ended_on"))
        open_since = next((start for start, end in periods if end is None), None)
        last_left = max((end for _, end in periods if end is not None), default=None)
    try:
        care_leaver = child.care_leaver is not None
    except Person.care_leaver.RelatedObjectDoesNotExist:
        care_leaver = False
    return CareStatus(open_since, last_left, care_leaver)
