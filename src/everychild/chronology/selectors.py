from dataclasses import dataclass

from django.db.models import QuerySet

from everychild import access
from everychild.access import audit
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.organisations.models import Organisation
from everychild.organisations.roles import Role
from everychild.people.models import Person


@dataclass
class ChronologyFilters:
    agency_id: int | None = None
    kind: str = ""


def chronology_for_child(
    *, user, child: Person, filters: ChronologyFilters | None = None
) -> QuerySet[ChronologyEntry]:
    """The child's chronology, newest first, as far as `user` may see it.

    The caller audits the read (it is part of viewing the record).
    """
    access.require(user, "view", child)
    entries = ChronologyEntry.objects.filter(child=child).select_related("source_organisation")
    if user.role == Role.PARTNER:
        entries = entries.filter(visibility=Visibility.PARTNERS)
    filters = filters or ChronologyFilters()
    if filters.agency_id:
        entries = entries.filter(source_organisation_id=filters.agency_id)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    return entries.order_by("-occurred_at", "-id")


def chronology_filter_options(*, user, child: Person) -> tuple[list[Organisation], list[tuple]]:
    """The agencies and kinds present on the child's chronology, for the filter form."""
    entries = chronology_for_child(user=user, child=child).order_by()
    agency_ids = entries.exclude(source_organisation=None).values_list(
        "source_organisation_id", flat=True
    )
    agencies = list(Organisation.objects.filter(pk__in=agency_ids.distinct()).order_by("name"))
    kinds = set(entries.values_list("kind", flat=True).distinct())
    return agencies, [(k.value, k.label) for k in EntryKind if k.value in kinds]


def chronology_read(
    *, user, child: Person, filters: ChronologyFilters | None = None
) -> QuerySet[ChronologyEntry]:
    """The chronology on its own (a filtered refresh of the child's page). Audited."""
    entries = chronology_for_child(user=user, child=child, filters=filters)
    filters = filters or ChronologyFilters()
    audit.record(
        actor=user,
        verb="viewed_chronology",
        obj=child,
        child=child,
        payload={"agency": filters.agency_id, "kind": filters.kind},
    )
    return entries
