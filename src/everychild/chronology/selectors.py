from dataclasses import dataclass

from django.db.models import Count, QuerySet

from everychild import access, audit
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
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


@dataclass
class Agency:
    """An agency on the chronology's filter (its id and name are all the form needs)."""

    pk: int
    name: str


@dataclass
class ChronologyOptions:
    """What the filter form offers, and how many entries each filter would show."""

    agencies: list[Agency]
    kinds: list[tuple[str, str]]
    counts: dict[tuple[int | None, str], int]  # (agency id, kind) -> entries

    def count(self, filters: ChronologyFilters) -> int:
        return sum(
            n
            for (agency_id, kind), n in self.counts.items()
            if (not filters.agency_id or agency_id == filters.agency_id)
            and (not filters.kind or kind == filters.kind)
        )


def chronology_filter_options(*, user, child: Person) -> ChronologyOptions:
    """The agencies and kinds on the child's chronology, for the filter form (one query)."""
    entries = chronology_for_child(user=user, child=child).order_by()
    rows = list(
        entries.values_list("source_organisation_id", "source_organisation__name", "kind").annotate(
            n=Count("id")
        )
    )
    agencies = {pk: name for pk, name, _, _ in rows if pk is not None}
    kinds = {kind for _, _, kind, _ in rows}
    return ChronologyOptions(
        agencies=[Agency(pk, name) for pk, name in sorted(agencies.items(), key=lambda a: a[1])],
        kinds=[(k.value, k.label) for k in EntryKind if k.value in kinds],
        counts={(pk, kind): n for pk, _, kind, n in rows},
    )


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
