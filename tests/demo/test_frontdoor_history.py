import random
import re
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from everychild.access.models import Involvement, InvolvementKind
from everychild.alerts.models import Alert
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.core.clock import ClockStatus
from everychild.demo.borough import generate
from everychild.demo.frontdoor_history import ChildFacts, children_not_in_index, partner_record
from everychild.demo.models import TrueIdentity
from everychild.frontdoor.models import (
    OUTCOMES_FOR_LEVEL,
    Concern,
    ConcernCategory,
    Contact,
    LevelOfNeed,
    MatchCandidate,
    MatchOutcome,
    Referral,
)
from everychild.organisations.models import OrganisationKind, TeamMembership
from everychild.organisations.roles import Role
from everychild.people.identifiers import clean_nhs_number, nhs_number_with_check_digit
from everychild.people.models import Person, PersonKind

TODAY = date(2026, 11, 23)
CHILDREN = 600


@pytest.fixture
def borough(db):
    lines: list[str] = []
    summary = generate(children=CHILDREN, seed=11, today=TODAY, log=lines.append)
    found = re.search(r"showcase child (\d+)", "\n".join(lines))
    assert found, lines
    summary.showcase_child_id = int(found.group(1))
    return summary


def test_volumes_follow_the_borough(borough):
    contacts, concerns = Contact.objects.count(), Concern.objects.count()
    # About 12,000 contacts a year per 60,000 children, for three years.
    assert 300 <= contacts <= 420
    assert 0.85 <= concerns / contacts <= 0.95
    decided = Contact.objects.filter(decided_at__isnull=False, signed_off_at__isnull=False)
    referrals = Referral.objects.count()
    assert 0.2 <= referrals / decided.count() <= 0.3
    re_referrals = Referral.objects.filter(is_re_referral=True).count()
    assert 0.1 <= re_referrals / referrals <= 0.35
    categories = Counter(Concern.objects.values_list("category", flat=True))
    assert {c for c, _ in categories.most_common(2)} == {
        ConcernCategory.DOMESTIC_ABUSE,
        ConcernCategory.NEGLECT,
    }
    rare = categories[ConcernCategory.FGM] + categories[ConcernCategory.RADICALISATION]
    assert rare / concerns < 0.03
    kinds = Counter(Concern.objects.values_list("agency__kind", flat=True))
    for kind in (
        OrganisationKind.POLICE,
        OrganisationKind.SCHOOL,
        OrganisationKind.GP_PRACTICE,
        OrganisationKind.HEALTH_TRUST,
    ):
        assert kinds[kind] > 0.04 * concerns, kind
    # Everything happened in the three years up to today, and nothing after now.
    first = Contact.objects.order_by("received_at").first().received_on
    assert TODAY - relativedelta(years=3) <= first
    assert not Contact.objects.filter(received_at__gt=timezone.now()).exists()
    assert not Contact.objects.filter(decided_at__gt=timezone.now()).exists()
    assert Alert.objects.exists()


def test_the_children_asked_for_include_the_front_doors_unverified_records(borough):
    assert borough.children == CHILDREN
    assert Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN]).count() == CHILDREN
    unverified = Person.objects.filter(identity_verified=False)
    assert unverified.count() == children_not_in_index(CHILDREN) > 0
    for person in unverified:
        concern = Concern.objects.get(child=person)
        assert concern.match_outcome == MatchOutcome.NEW_PERSON
        assert person.names.filter(kind="current").exists()


def test_decisions_fit_their_level_and_are_signed_off_by_the_mash_manager(borough):
    mash_manager = TeamMembership.objects.get(team__kind="front_door", is_manager=True).staff
    decided = Contact.objects.filter(decided_at__isnull=False).select_related("decided_by")
    late = 0
    for contact in decided:
        assert contact.outcome in OUTCOMES_FOR_LEVEL[LevelOfNeed(contact.level_of_need)]
        assert len(contact.rationale) >= 20
        assert contact.lawful_basis and contact.consent
        assert contact.decided_by.role == Role.MASH
        assert contact.received_at < contact.decided_at
        if contact.signed_off_at:
            assert contact.signed_off_by == mash_manager != contact.decided_by
            assert contact.decided_at <= contact.signed_off_at
        late += contact.clock.status(TODAY) is ClockStatus.DONE_LATE
        has_referral = Referral.objects.filter(contact=contact).exists()
        opens_referral = (
            contact.level_of_need == LevelOfNeed.ACUTE and contact.outcome != "open_case"
        )
        assert has_referral == opens_referral
    assert 0.03 <= late / decided.count() <= 0.15


def test_re_referral_flags_follow_the_twelve_month_rule(borough):
    by_child = defaultdict(list)
    for referral in Referral.objects.order_by("referral_date", "pk"):
        by_child[referral.child_id].append(referral)
    for referrals in by_child.values():
        previous = None
        for referral in referrals:
            assert referral.previous_referral_id == (previous.pk if previous else None)
            expected = previous is not None and (
                referral.referral_date - relativedelta(months=12) <= previous.referral_date
            )
            assert referral.is_re_referral == expected
            assert referral.referral_date == referral.contact.received_on
            assert referral.child_id == referral.contact.child_id
            previous = referral
    # A child's first allocation (not a later transfer) follows a referral: a case is
    # allocated only once it has been referred.
    from everychild.workforce.models import Allocation

    firsts = Allocation.objects.filter(change_reason="", child__kind=PersonKind.CHILD).values_list(
        "child_id", "started_on", "child__date_of_birth"
    )
    checked = 0
    for child_id, allocated, born in firsts:
        if born and allocated > born + timedelta(days=7):
            dates = [r.referral_date for r in by_child[child_id]]
            assert any(d <= allocated for d in dates)
            checked += 1
    assert checked >= 10


def test_the_mash_has_open_contacts(borough):
    queue = Contact.objects.filter(signed_off_at__isnull=True)
    assert 30 <= queue.count() <= 60
    statuses = Counter(c.clock.status(TODAY) for c in queue)
    assert statuses[ClockStatus.OVERDUE] >= 1
    assert statuses[ClockStatus.DUE_TODAY] + statuses[ClockStatus.RUNNING] >= 20
    assert queue.filter(decided_at__isnull=False).exists()  # waiting for sign-off
    # Each open contact's child is at the front door, where the MASH may see them.
    front_door = set(
        Involvement.objects.current(TODAY)
        .filter(kind=InvolvementKind.FRONT_DOOR, team__kind="front_door")
        .values_list("child_id", flat=True)
    )
    assert set(queue.exclude(child=None).values_list("child_id", flat=True)) <= front_door
    # Some wait for the MASH to confirm who the child is; the true child is among those offered.
    unresolved = queue.filter(child=None)
    assert unresolved.exists()
    for contact in unresolved:
        concern = contact.concern
        assert concern.match_outcome == MatchOutcome.CANDIDATES
        offered = set(MatchCandidate.objects.filter(concern=concern).values_list("person_id"))
        truth = TrueIdentity.objects.get(concern_id=concern.pk).person_id
        assert (truth,) in offered


def test_the_showcase_child(borough):
    child = Person.objects.get(pk=borough.showcase_child_id)
    known = Involvement.objects.filter(
        child=child, kind__in=[InvolvementKind.ALLOCATED_WORKER, InvolvementKind.CASE_TEAM]
    )
    assert not known.exists()
    since = datetime(2026, 8, 23, tzinfo=UTC)
    concerns = Concern.objects.filter(child=child, reported_at__gte=since)
    assert concerns.count() == 3
    assert {c.agency.kind for c in concerns} == {
        OrganisationKind.SCHOOL,
        OrganisationKind.GP_PRACTICE,
        OrganisationKind.POLICE,
    }
    today = Contact.objects.get(child=child, decided_at__isnull=True)
    assert today.received_on == TODAY
    assert today.concern.agency.kind == OrganisationKind.POLICE
    assert Alert.objects.filter(
        child=child, rule__code="multi-agency", closed_at__isnull=True
    ).exists()
    kinds = set(ChronologyEntry.objects.filter(child=child).values_list("kind", flat=True))
    assert {EntryKind.CONCERN, EntryKind.CONTACT_DECISION} <= kinds


def test_the_truth_covers_every_concern(borough):
    truth = dict(TrueIdentity.objects.values_list("concern_id", "person_id"))
    concerns = list(Concern.objects.values_list("pk", "child_id", "match_outcome"))
    assert set(truth) == {pk for pk, _, _ in concerns}
    for pk, child_id, outcome in concerns:
        if outcome != MatchOutcome.CANDIDATES:
            assert child_id == truth[pk]
    outcomes = Counter(outcome for _, _, outcome in concerns)
    assert outcomes[MatchOutcome.LINKED] > outcomes[MatchOutcome.CONFIRMED] > 0
    # The partners' records are noisy, as the truth table records.
    noise = Counter(
        n for row in TrueIdentity.objects.values_list("noise", flat=True) for n in row.split()
    )
    for kind in ("given_typo", "family_typo", "dob_missing_age_given", "old_address", "nhs_given"):
        assert noise[kind] > 0, kind
    misspelt = Concern.objects.exclude(child=None).exclude(child_given_name=F("child__given_name"))
    assert misspelt.exists()


def test_chronology_shows_concerns_decisions_and_referrals(borough):
    linked = Concern.objects.exclude(child=None).count()
    entries = Counter(ChronologyEntry.objects.values_list("kind", flat=True))
    assert entries[EntryKind.CONCERN] == linked
    assert entries[EntryKind.REFERRAL] == Referral.objects.count()
    assert entries[EntryKind.CONTACT_DECISION] == Contact.objects.exclude(decided_at=None).count()


def test_the_same_seed_gives_the_same_history(db):
    def snapshot():
        return list(
            Concern.objects.filter(reported_at__date__lt=TODAY)
            .order_by("pk")
            .values_list("child_given_name", "child_date_of_birth", "category", "child_id")
        ), list(Referral.objects.order_by("pk").values_list("child_id", "referral_date"))

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            generate(children=200, seed=3, today=TODAY)
            first = snapshot()
            raise Rollback
    except Rollback:
        pass
    generate(children=200, seed=3, today=TODAY)
    assert snapshot() == first


def test_partner_records_are_noisy_at_the_planned_rates():
    rng = random.Random(5)
    nhs_number = nhs_number_with_check_digit("401023213")
    records = []
    for i in range(4000):
        child = ChildFacts(
            id=i,
            given_name="Mohammed",
            family_name="Rahman",
            date_of_birth=date(2010, 1, 1) + timedelta(days=rng.randrange(4000)),
            gender="M",
            nhs_number=nhs_number,
            upn="A21112341234",
            address=("Flat 3, Brick Lane", "E1 6QL"),
            previous=[("12 Roman Road", "E3 5LU")],
        )
        on = TODAY - timedelta(days=rng.randrange(900))
        records.append(partner_record(child, OrganisationKind.GP_PRACTICE, on, rng, today=TODAY))
    share = Counter(n for r in records for n in r.noise)
    for kind, rate in {
        "nhs_given": 0.85,
        "old_address": 0.5,
        "dob_swapped": 0.05,
        "dob_one_part": 0.05,
        "dob_missing_age_given": 0.095,
    }.items():
        assert abs(share[kind] / len(records) - rate) < 0.02, kind
    named = sum(any(n.startswith(("given_", "family_")) for n in r.noise) for r in records)
    assert 0.35 <= named / len(records) <= 0.45
    assert all(r.upn == "" for r in records)  # a GP practice does not know the UPN
    for record in records:
        if record.date_of_birth is None:
            assert record.age is not None
        if record.nhs_number:
            assert clean_nhs_number(record.nhs_number) == record.nhs_number
