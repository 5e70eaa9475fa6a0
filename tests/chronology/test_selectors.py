"""The chronology's filter options: what they offer, and the counts the page uses instead of
a COUNT query."""

from datetime import UTC, datetime

import pytest

from everychild.access.models import InvolvementKind
from everychild.chronology.models import EntryKind, Visibility
from everychild.chronology.selectors import (
    ChronologyFilters,
    chronology_filter_options,
    chronology_for_child,
)
from everychild.chronology.services import entry_add
from everychild.organisations.roles import Role
from tests.factories import OrganisationFactory, StaffFactory, involve


def _entry(child, day, kind, org=None, visibility=Visibility.PARTNERS):
    entry_add(
        child=child,
        when=datetime(2026, 5, day, 12, tzinfo=UTC),
        kind=kind,
        summary=f"{kind} on {day}",
        source_organisation=org,
        visibility=visibility,
    )


@pytest.mark.django_db
def test_options_count_what_each_filter_would_show(allocated_child, social_worker):
    school, police = OrganisationFactory(name="Bow School"), OrganisationFactory(name="Met")
    _entry(allocated_child, 1, EntryKind.SCHOOL_CONCERN, school)
    _entry(allocated_child, 2, EntryKind.SCHOOL_CONCERN, school)
    _entry(allocated_child, 3, EntryKind.POLICE_INCIDENT, police)
    _entry(allocated_child, 4, EntryKind.NOTE, visibility=Visibility.SOCIAL_CARE)

    options = chronology_filter_options(user=social_worker, child=allocated_child)

    assert [a.name for a in options.agencies] == ["Bow School", "Met"]
    assert {value for value, _ in options.kinds} == {"school_concern", "police_incident", "note"}
    for filters in [
        ChronologyFilters(),
        ChronologyFilters(agency_id=school.pk),
        ChronologyFilters(kind="police_incident"),
        ChronologyFilters(agency_id=school.pk, kind="police_incident"),
    ]:
        shown = chronology_for_child(user=social_worker, child=allocated_child, filters=filters)
        assert options.count(filters) == shown.count(), filters


@pytest.mark.django_db
def test_a_partner_is_offered_and_counted_only_what_they_may_see(allocated_child):
    partner = StaffFactory(role=Role.PARTNER)
    involve(allocated_child, InvolvementKind.PLAN_MEMBER, staff=partner)
    _entry(allocated_child, 1, EntryKind.SCHOOL_CONCERN, OrganisationFactory())
    _entry(allocated_child, 2, EntryKind.NOTE, visibility=Visibility.SOCIAL_CARE)

    options = chronology_filter_options(user=partner, child=allocated_child)

    assert options.count(ChronologyFilters()) == 1
    assert [value for value, _ in options.kinds] == ["school_concern"]
