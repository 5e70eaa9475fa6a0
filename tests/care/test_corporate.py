"""The corporate parenting board's figures on hand-made children, and the page: who may see
it, its audit row, and a query count that does not grow with the children in care."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from everychild.audit.models import AuditEvent
from everychild.care.models import (
    CareEpisode,
    HealthAssessment,
    IROChallenge,
    LookedAfterReview,
    PeriodOfCare,
    Placement,
)
from everychild.care.selectors.corporate import (
    corporate_parenting,
    corporate_parenting_figures,
)
from everychild.casework.models import CaseNote, NoteKind
from everychild.organisations.roles import Role
from tests.care.factories import CarerFactory, in_care
from tests.factories import PersonFactory, StaffFactory

TODAY = date(2026, 6, 1)
# In the family name of every child in the borough below: no generated name, nor any other
# word on a page, contains it, so its absence from a page means no child is named there.
MARKER = "Zzqabsent"


def borough_child(born: date):
    return PersonFactory(date_of_birth=born, family_name=f"{MARKER}{born:%Y%m%d}")


def move(period: PeriodOfCare, on: date, placement_type: str = "U6", miles=None) -> Placement:
    """End the open episode and placement on `on` and start new ones with another carer."""
    episode = period.episodes.get(ended_on__isnull=True)
    episode.ended_on, episode.reason_ceased = on, "X1"
    episode.save()
    old = episode.placement
    old.ended_on, old.reason_for_change = on, "CARPL"
    old.save()
    carer = CarerFactory()
    placement = Placement.objects.create(
        period=period,
        child=period.child,
        carer=carer,
        placement_type=placement_type,
        provider=carer.provider,
        postcode=carer.postcode,
        started_on=on,
        distance_miles=miles,
    )
    CareEpisode.objects.create(
        period=period,
        child=period.child,
        placement=placement,
        started_on=on,
        reason_new_episode="P",
        legal_status=episode.legal_status,
        category_of_need="N1",
        placement_type=placement_type,
        placement_provider=carer.provider,
        placement_postcode=carer.postcode,
        reason_placement_change="CARPL",
    )
    return placement


def review(period, held_on: date, due_on: date, chair) -> None:
    LookedAfterReview.objects.create(
        period=period,
        child=period.child,
        held_on=held_on,
        due_on=due_on,
        chair=chair,
        participation="PN1",
        recorded_by=chair,
    )


@pytest.fixture
def borough(db):
    """Three children in care on 1 June 2026 and one who has left.

    - Settled (10): in care since 2023, with the same carer throughout; reviews in time,
      a health assessment in April and a visit in May.
    - Moving (8): in care since January 2026, moved twice (3 placements this year), the last
      time to a placement 35 miles from home; the first review held late.
    - Baby (0): in care since 20 May 2026 (not yet due a review), section 20.
    - Gone home: in care from 2025 to March 2026.
    """
    chair = StaffFactory(role=Role.CONFERENCE_CHAIR)
    worker = StaffFactory(role=Role.SOCIAL_WORKER)
    settled = in_care(borough_child(date(2016, 3, 1)), started_on=date(2023, 5, 2))
    review(settled, date(2026, 1, 10), date(2026, 1, 20), chair)
    review(settled, date(2025, 7, 10), date(2025, 7, 20), chair)
    HealthAssessment.objects.create(
        child=settled.child,
        period=settled,
        kind="review",
        done_on=date(2026, 4, 1),
        due_on=date(2026, 4, 10),
        recorded_by=worker,
    )
    CaseNote.objects.create(
        child=settled.child,
        kind=NoteKind.VISIT,
        occurred_at=timezone.make_aware(datetime(2026, 5, 20, 15)),
        note="Visit.",
        child_seen=True,
        written_by=worker,
    )
    moving = in_care(borough_child(date(2018, 2, 1)), started_on=date(2026, 1, 5))
    move(moving, date(2026, 2, 16))
    move(moving, date(2026, 4, 13), miles=Decimal("35.0"))
    review(moving, date(2026, 2, 10), date(2026, 2, 2), chair)  # 8 days late
    baby = in_care(
        borough_child(date(2026, 2, 1)),
        started_on=date(2026, 5, 20),
        legal_status="V2",
    )
    gone = in_care(borough_child(date(2015, 6, 1)), started_on=date(2025, 4, 1))
    gone.ended_on, gone.reason_ceased = date(2026, 3, 2), "E13"
    gone.save()
    IROChallenge.objects.create(
        child=moving.child,
        raised_by=chair,
        raised_on=date(2026, 5, 1),
        issue="Two moves in four months.",
        respond_by=date(2026, 5, 15),
    )
    PersonFactory.create_batch(6, date_of_birth=date(2012, 1, 1))
    return {"settled": settled, "moving": moving, "baby": baby, "gone": gone, "chair": chair}


def test_the_numbers(borough):
    figures = corporate_parenting_figures(today=TODAY)
    assert figures.in_care == 3
    # 10 children under 18 in the index: 3 in care now, the one gone home, and 6 others.
    assert figures.children == 10 and figures.rate_per_10000 == 3000.0
    assert figures.started_in_year == 2 and figures.ceased_in_year == 1
    assert dict(figures.by_legal_status)["Care order (interim or full)"] == 2
    assert dict(figures.by_legal_status)["Accommodated under section 20"] == 1
    assert dict(figures.by_placement)["Fostered with other carers"] == 3
    assert dict(figures.by_age) == {
        "Under 1": 1,
        "1 to 4": 0,
        "5 to 9": 1,
        "10 to 15": 1,
        "16 and over": 0,
    }


def test_stability(borough):
    stability = {m.label[:20]: m for m in corporate_parenting_figures(today=TODAY).stability}
    three = stability["Three or more placem"]
    assert (three.part, three.whole, three.percent) == (1, 3, 33.3)
    # Only the settled child has been in care 2½ years, and is stable.
    long_term = stability["Under 16, in care 2½"]
    assert (long_term.part, long_term.whole) == (1, 1)
    far = stability["Placed more than 20 "]
    assert (far.part, far.whole) == (1, 1)  # only one placement has its distance recorded


def test_long_term_stability_runs_across_a_change_of_type_with_the_same_carer(borough):
    """Settled has lived with the same carers since 2023; their placement became long-term
    fostering (a new placement, RNE T) 18 months ago: still stable."""
    settled = borough["settled"]
    episode = settled.episodes.get()
    placement = episode.placement
    on = date(2024, 12, 2)
    episode.ended_on, episode.reason_ceased = on, "X1"
    episode.save()
    placement.ended_on = on
    placement.save()
    longer = Placement.objects.create(
        period=settled,
        child=settled.child,
        carer=placement.carer,
        placement_type="U4",
        provider=placement.provider,
        postcode=placement.postcode,
        started_on=on,
    )
    CareEpisode.objects.create(
        period=settled,
        child=settled.child,
        placement=longer,
        started_on=on,
        reason_new_episode="T",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
        placement_provider=placement.provider,
        placement_postcode=placement.postcode,
    )
    stability = {m.label[:20]: m for m in corporate_parenting_figures(today=TODAY).stability}
    long_term = stability["Under 16, in care 2½"]
    assert (long_term.part, long_term.whole) == (1, 1)
    # One placement in force this year: not three.
    assert stability["Three or more placem"].part == 1  # still only the moving child


def test_timeliness(borough):
    timeliness = {m.label[:12]: m for m in corporate_parenting_figures(today=TODAY).timeliness}
    reviews = timeliness["Reviews all "]
    # The baby is not yet due a first review; the moving child's was late.
    assert (reviews.part, reviews.whole) == (1, 2)
    health = timeliness["Health asses"]
    assert (health.part, health.whole) == (1, 1)  # only the settled child, in care 12 months+
    pep = timeliness["Personal edu"]
    assert (pep.part, pep.whole) == (0, 2)  # school age: settled and moving; no PEP recorded
    visits = timeliness["Statutory vi"]
    # Settled: seen 20 May. Moving: placed 13 April, never visited there. Baby: due 27 May.
    assert (visits.part, visits.whole) == (1, 3)


def test_a_late_review_more_than_a_year_ago_no_longer_counts(borough):
    settled = borough["settled"]
    review(settled, date(2025, 1, 10), date(2025, 1, 5), borough["chair"])
    reviews = corporate_parenting_figures(today=TODAY).timeliness[0]
    assert (reviews.part, reviews.whole) == (1, 2)


def test_the_challenges(borough):
    figures = corporate_parenting_figures(today=TODAY)
    assert figures.challenges_open == 1 and figures.challenges_overdue == 1
    assert corporate_parenting_figures(today=date(2026, 5, 10)).challenges_overdue == 0


def test_an_empty_borough_has_no_percentages(db):
    figures = corporate_parenting_figures(today=TODAY)
    assert figures.in_care == 0 and figures.rate_per_10000 is None
    assert all(m.percent is None for m in figures.stability + figures.timeliness)


@pytest.mark.parametrize(
    "role", [Role.TEAM_MANAGER, Role.CONFERENCE_CHAIR, Role.ANALYST, Role.DIRECTOR]
)
def test_the_page_is_for_the_board(client, borough, role):
    user = StaffFactory(role=role)
    client.force_login(user)
    response = client.get(reverse("care:corporate_parenting"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Corporate parenting" in page and "children in care" in page
    assert MARKER not in page  # no child is named
    assert AuditEvent.objects.filter(verb="viewed_corporate_parenting", actor=user).count() == 1


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PARTNER, Role.MASH, Role.DPO])
def test_the_page_is_for_no_one_else(client, db, role):
    user = StaffFactory(role=role)
    client.force_login(user)
    assert client.get(reverse("care:corporate_parenting")).status_code == 403
    with pytest.raises(PermissionDenied):
        corporate_parenting(user=user)


def test_the_queries_do_not_grow_with_the_children(client, borough):
    director = StaffFactory(role=Role.DIRECTOR)
    client.force_login(director)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("care:corporate_parenting"))
    for n in range(5):
        period = in_care(started_on=date(2025, 1, 6))
        move(period, date(2026, 3, 2), miles=Decimal(n))
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("care:corporate_parenting"))
    assert len(many) == len(few)
