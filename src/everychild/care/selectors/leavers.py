"""Reads for care leavers: a personal adviser's young people, the birthday contacts due, the
care leaver's panel on the child's page and the figures for the corporate parenting board.

The figures (`care_leaver_figures`) count the care leavers receiving services on the day (in
each eligibility category), then, for those aged 17 to 18 and 19 to 21 on that day, their
latest birthday contact recorded by then: in touch (YES), in education, employment or
training (codes.IN_EDUCATION_EMPLOYMENT_TRAINING) and in suitable accommodation. Each
percentage is of all the care leavers of that age, so a young person with no contact
recorded counts against every measure (as in the DfE's published figures, where "not in
touch" and "information not known" are part of the denominator); the number without a
contact is shown beside them. The figures name no one: the page showing them decides who
may see it.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from everychild import access
from everychild.care.models import (
    CareLeaver,
    CareLeaverContact,
    Eligibility,
    PathwayPlanReview,
    PeriodOfCare,
)
from everychild.care.services.leavers import (
    BirthdayWindow,
    birthday_windows,
    eligibility_now,
    pathway_review_due,
)
from everychild.core.calendar import age_in_years
from everychild.core.clock import Clock
from everychild.core.codes import IN_EDUCATION_EMPLOYMENT_TRAINING, CareLeaverInTouch
from everychild.people.models import Person


@dataclass
class CareLeaverRow:
    care_leaver: CareLeaver
    age: int | None
    review_clock: Clock  # the next pathway plan review
    windows_due: list[BirthdayWindow]  # open now, with no contact yet

    @property
    def child(self) -> Person:
        return self.care_leaver.child


def _last_review(care_leaver: CareLeaver) -> date | None:
    reviews = care_leaver.pathway_reviews.all()  # prefetched, newest first
    return reviews[0].reviewed_on if reviews else None


def review_clock(care_leaver: CareLeaver) -> Clock:
    last = _last_review(care_leaver)
    return Clock(last or care_leaver.since, pathway_review_due(care_leaver, last))


def _windows_due(care_leaver: CareLeaver, today: date) -> list[BirthdayWindow]:
    born = care_leaver.child.date_of_birth
    if born is None:
        return []
    recorded = {c.birthday_age for c in care_leaver.contacts.all()}
    return [
        w for w in birthday_windows(born) if w.is_open(today) and w.birthday_age not in recorded
    ]


def _care_leavers(user, **filters):
    return (
        CareLeaver.objects.filter(
            services_ended_on__isnull=True,
            child__in=access.children_visible_to(user, "view"),
            **filters,
        )
        .select_related("child", "personal_adviser")
        .prefetch_related(
            "contacts",
            Prefetch(
                "pathway_reviews", queryset=PathwayPlanReview.objects.order_by("-reviewed_on")
            ),
        )
        .order_by("child__family_name", "child__given_name", "pk")
    )


def care_leavers_for_pa(*, user, today: date | None = None) -> list[CareLeaverRow]:
    """The young people the user is personal adviser to (and may see), with the next
    pathway review and any birthday contact due."""
    today = today or timezone.localdate()
    return [
        CareLeaverRow(
            care_leaver=c,
            age=age_in_years(c.child.date_of_birth, today) if c.child.date_of_birth else None,
            review_clock=review_clock(c),
            windows_due=_windows_due(c, today),
        )
        for c in _care_leavers(user, personal_adviser=user)
    ]


@dataclass
class BirthdayContactDue:
    care_leaver: CareLeaver
    window: BirthdayWindow
    days_left: int  # calendar days to the window's last day


def birthday_contacts_due(*, user, today: date | None = None) -> list[BirthdayContactDue]:
    """Care leavers the user may see whose birthday window is open today with no contact
    recorded for that birthday, the window closing soonest first."""
    today = today or timezone.localdate()
    # Only those aged 16 to 21 on a birthday within a month behind or three months ahead.
    youngest = date(today.year - 16, 12, 31)
    oldest = date(today.year - 23, 1, 1)
    due = [
        BirthdayContactDue(c, w, (w.closes - today).days)
        for c in _care_leavers(
            user,
            child__date_of_birth__lte=youngest,
            child__date_of_birth__gte=oldest,
        )
        for w in _windows_due(c, today)
    ]
    return sorted(due, key=lambda d: (d.window.closes, d.care_leaver.pk))


# ---- the child's page -----------------------------------------------------------------------


@dataclass
class ChildLeavingCare:
    care_leaver: CareLeaver
    eligibility: str  # as on today (services/leavers.py eligibility_now); "" if aged out
    reviews: list[PathwayPlanReview]
    contacts: list[CareLeaverContact]
    review_clock: Clock
    windows: list[BirthdayWindow]  # 17th to 21st
    windows_due: list[BirthdayWindow]

    @property
    def eligibility_label(self) -> str:
        return Eligibility(self.eligibility).label if self.eligibility else ""


def child_leaving_care(
    *, user, child: Person, today: date | None = None
) -> ChildLeavingCare | None:
    """The leaving care panel of the child's page, or None if they are not a care leaver.
    The caller (the page) audits the read."""
    access.require(user, "view", child)
    today = today or timezone.localdate()
    care_leaver = (
        CareLeaver.objects.filter(child=child)
        .select_related("child", "personal_adviser")
        .prefetch_related(
            Prefetch(
                "pathway_reviews",
                queryset=PathwayPlanReview.objects.select_related("recorded_by").order_by(
                    "-reviewed_on"
                ),
            ),
            Prefetch("contacts", queryset=CareLeaverContact.objects.order_by("birthday_age")),
        )
        .first()
    )
    if care_leaver is None:
        return None
    born = child.date_of_birth
    in_care = child.periods_of_care.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=today), started_on__lte=today
    ).exists()
    return ChildLeavingCare(
        care_leaver=care_leaver,
        eligibility=eligibility_now(care_leaver, today, in_care),
        reviews=list(care_leaver.pathway_reviews.all()),
        contacts=list(care_leaver.contacts.all()),
        review_clock=review_clock(care_leaver),
        windows=birthday_windows(born) if born else [],
        windows_due=_windows_due(care_leaver, today),
    )


def care_leaver_record(*, user, pk: int, action: str = "view") -> CareLeaver:
    """One care leaver, if the user may take `action` on the young person's record."""
    care_leaver = get_object_or_404(
        CareLeaver.objects.select_related("child", "personal_adviser"), pk=pk
    )
    access.require(user, action, care_leaver.child)
    return care_leaver


# ---- the corporate parenting board ----------------------------------------------------------


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class AgeGroupFigures:
    label: str
    young_people: int
    contacted: int  # with a birthday contact recorded
    in_touch: int
    in_education_employment_training: int
    suitable_accommodation: int

    @property
    def no_contact(self) -> int:
        return self.young_people - self.contacted

    @property
    def in_touch_percent(self) -> float | None:
        return _percent(self.in_touch, self.young_people)

    @property
    def eet_percent(self) -> float | None:
        return _percent(self.in_education_employment_training, self.young_people)

    @property
    def suitable_accommodation_percent(self) -> float | None:
        return _percent(self.suitable_accommodation, self.young_people)


@dataclass
class CareLeaverFigures:
    on: date
    by_eligibility: list[tuple[str, int]]  # (label, number) in the categories' order
    total: int
    groups: list[AgeGroupFigures]  # 17 to 18, then 19 to 21


AGE_GROUPS = (("Aged 17 to 18", 17, 18), ("Aged 19 to 21", 19, 21))


def care_leaver_figures(*, on: date) -> CareLeaverFigures:
    """Care leavers receiving services on `on`, and how those aged 17 to 21 were doing at
    their latest birthday contact (see the module's docstring)."""
    registered = list(
        CareLeaver.objects.filter(since__lte=on)
        .filter(Q(services_ended_on__isnull=True) | Q(services_ended_on__gt=on))
        .select_related("child")
        .only("id", "eligibility", "services_ended_on", "child__id", "child__date_of_birth")
    )
    in_care = set(
        PeriodOfCare.objects.filter(
            child_id__in=[c.child_id for c in registered], started_on__lte=on
        )
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .values_list("child_id", flat=True)
    )
    # Each in the category they are in on the day; those aged 25 or over are not counted.
    now = {c.pk: eligibility_now(c, on, c.child_id in in_care) for c in registered}
    counts = Counter(e for e in now.values() if e)
    rows = [(c.pk, c.child.date_of_birth) for c in registered if now[c.pk]]
    latest: dict[int, tuple] = {}
    contacts = (
        CareLeaverContact.objects.filter(
            care_leaver_id__in=[pk for pk, _ in rows], contacted_on__lte=on
        )
        .order_by("care_leaver_id", "birthday_age")
        .values_list("care_leaver_id", "in_touch", "activity", "accommodation_suitable")
    )
    for care_leaver_id, *items in contacts:
        latest[care_leaver_id] = tuple(items)  # the oldest birthday wins
    groups = []
    for label, low, high in AGE_GROUPS:
        members = [pk for pk, born in rows if born and low <= age_in_years(born, on) <= high]
        found = [latest[pk] for pk in members if pk in latest]
        groups.append(
            AgeGroupFigures(
                label=label,
                young_people=len(members),
                contacted=len(found),
                in_touch=sum(1 for t, _, _ in found if t == CareLeaverInTouch.YES),
                in_education_employment_training=sum(
                    1 for _, a, _ in found if a in IN_EDUCATION_EMPLOYMENT_TRAINING
                ),
                suitable_accommodation=sum(1 for _, _, s in found if s is True),
            )
        )
    return CareLeaverFigures(
        on=on,
        by_eligibility=[(e.label, counts.get(e.value, 0)) for e in Eligibility],
        total=sum(counts.values()),
        groups=groups,
    )
