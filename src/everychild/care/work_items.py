"""The care plan's clocks (reviews, health assessments, PEPs, statutory visits) of children
in care, on My work, Team and a worker's caseload: care's provider for casework's
`casework.work_items` host, registered in CareConfig.ready()."""

from functools import partial

from django.urls import reverse

from everychild.care.selectors.oversight import care_clocks_on
from everychild.casework.selectors.work_items import WorkItem
from everychild.people.models import Person


def care_work_items(*, children: list[Person], ids, owner_of: dict) -> list[WorkItem]:
    """The clocks of the children among these who are in care, in a fixed number of queries
    (care_clocks_on) however many children."""
    by_id = {c.pk: c for c in children}
    items = []
    for child_id, clocks in care_clocks_on(child_ids=ids).items():
        if child_id not in by_id:
            continue
        link = partial(reverse, "care:child", args=[child_id])
        for what, clock in clocks.items():
            items.append(
                WorkItem(by_id[child_id], what, clock, link, owner_of.get(child_id, ""), "care")
            )
    return items
