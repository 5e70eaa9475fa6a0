"""Factories for children in care: a child already in care without going through services,
for tests of everything that happens once a child is looked after."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from everychild.care.models import CareEpisode, Carer, CarerKind, PeriodOfCare, Placement
from tests.factories import PersonFactory, StaffFactory


class CarerFactory(DjangoModelFactory):
    class Meta:
        model = Carer

    name = factory.Sequence(lambda n: f"Foster household {n}")
    kind = CarerKind.IN_HOUSE_FOSTER
    provider = "PR1"
    postcode = "E1 4NS"


def in_care(
    child=None,
    *,
    started_on: date = date(2026, 3, 2),
    legal_status: str = "C2",
    placement_type: str = "U6",
    carer=None,
    by=None,
) -> PeriodOfCare:
    """Put `child` (or a new child) into care from `started_on`: one period, one placement,
    one open episode."""
    child = child or PersonFactory()
    carer = carer or CarerFactory()
    by = by or StaffFactory()
    period = PeriodOfCare.objects.create(
        child=child, started_on=started_on, category_of_need="N1", created_by=by
    )
    placement = Placement.objects.create(
        period=period,
        child=child,
        carer=carer,
        placement_type=placement_type,
        provider=carer.provider,
        postcode=carer.postcode,
        started_on=started_on,
    )
    CareEpisode.objects.create(
        period=period,
        child=child,
        placement=placement,
        started_on=started_on,
        reason_new_episode="S",
        legal_status=legal_status,
        category_of_need="N1",
        placement_type=placement_type,
        placement_provider=carer.provider,
        placement_postcode=carer.postcode,
    )
    return period
