"""Care leavers: who is entitled to what, their personal adviser, pathway plan reviews and
the contact around each birthday from the 17th to the 21st (the SSDA903 OC3 items).

Eligibility (Children Act 1989 as amended by the Children (Leaving Care) Act 2000; the
categories as in Volume 3 of the Act's guidance, "Planning transition to adulthood for care
leavers"):

- eligible: aged 16 or 17, still looked after, and looked after for at least 13 weeks (91
  days, in one period or more) since their 14th birthday, some of it after their 16th;
- relevant: aged 16 or 17, no longer looked after, having been eligible when they left;
- former relevant: aged 18 to 24, having been eligible or relevant before 18;
- qualifying: otherwise (for example looked after on or after their 16th birthday for less
  than 13 weeks since 14, or under a special guardianship order made from care).

`care_leaver_register` checks the category claimed against the child's periods of care on
the date given and refuses a clear mismatch. "Where possible": when the record holds no period
of care at all (care elsewhere, or before this record began) only the ages are checked, and an
"eligible" claim is refused (the record does not show the child in care). When it holds some,
the category worked out from them must be the one claimed, under-claiming included (recording
"qualifying" for a young person who is former relevant would take away their entitlements).

OC3 birthday window: the contact for a birthday counts when it falls from three months before
that birthday to one month after it, both days included. This is the window in the brief for
this work, which matches our reading of the SSDA903 guide (information about the young
person "around their birthday"); the search tool did not turn up the guide's own sentence,
so check it against the DfE guide for the collection year. A birthday on 29 February falls on
1 March in other years (as core.calendar.age_in_years counts it). Month arithmetic is
dateutil's (31 May less three months is 28 or 29 February).

When the young person is in touch (YES), their activity and accommodation, with whether it
is suitable, are required (ACCOM is the letter and 1 or 2). Otherwise they may be given when
known from elsewhere, except after a death.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import Involvement, InvolvementKind
from everychild.access.services import involvement_start, involvements_end
from everychild.care.models import (
    CareLeaver,
    CareLeaverContact,
    Eligibility,
    PathwayPlanReview,
    PeriodOfCare,
)
from everychild.care.services._common import require_case_holder
from everychild.chronology.models import EntryKind
from everychild.chronology.services import event
from everychild.core.calendar import age_in_years
from everychild.core.codes import (
    CareLeaverAccommodation,
    CareLeaverActivity,
    CareLeaverInTouch,
)
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.organisations.roles import Role
from everychild.people.models import Person

THIRTEEN_WEEKS = timedelta(weeks=13)
PATHWAY_REVIEW_MONTHS = 6
CONTACT_AGES = range(17, 22)  # the 17th to the 21st birthday
WINDOW_BEFORE = relativedelta(months=3)
WINDOW_AFTER = relativedelta(months=1)


# ---- birthdays and eligibility --------------------------------------------------------------


def birthday_on(born: date, age: int) -> date:
    """The day someone born on `born` turns `age` (29 February: 1 March in other years)."""
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return date(born.year + age, 3, 1)


def birthday_window(born: date, age: int) -> tuple[date, date]:
    """The OC3 contact window for the `age`th birthday: first and last day, both included."""
    birthday = birthday_on(born, age)
    return birthday - WINDOW_BEFORE, birthday + WINDOW_AFTER


def _in_care_on(periods: list[PeriodOfCare], day: date) -> bool:
    return any(p.started_on <= day and (p.ended_on is None or p.ended_on > day) for p in periods)


def _days_in_care(periods: list[PeriodOfCare], start: date, end: date) -> timedelta:
    """Time in care from `start` up to (not including) `end`."""
    total = timedelta()
    for p in periods:
        lo, hi = max(p.started_on, start), min(p.ended_on or end, end)
        if hi > lo:
            total += hi - lo
    return total


def eligibility_on(child: Person, on: date, periods: list[PeriodOfCare] | None = None) -> str:
    """The care leaver category the child's periods of care give on `on`, or "" if they are
    not a care leaver by age (under 16, or 25 or over)."""
    if child.date_of_birth is None:
        return ""
    age = age_in_years(child.date_of_birth, on)
    if not 16 <= age < 25:
        return ""
    periods = list(child.periods_of_care.all()) if periods is None else periods
    born = child.date_of_birth
    fourteen, sixteen, eighteen = (birthday_on(born, n) for n in (14, 16, 18))
    until = min(on, eighteen)
    enough = _days_in_care(periods, fourteen, until) >= THIRTEEN_WEEKS
    after_sixteen = any(
        p.started_on < eighteen
        and p.started_on <= on
        and (p.ended_on is None or p.ended_on > sixteen)
        for p in periods
    )
    if not (enough and after_sixteen):
        return Eligibility.QUALIFYING
    if age >= 18:
        return Eligibility.FORMER_RELEVANT
    return Eligibility.ELIGIBLE if _in_care_on(periods, on) else Eligibility.RELEVANT


def eligibility_now(care_leaver: CareLeaver, on: date, in_care: bool) -> str:
    """The category a registered care leaver is in on `on`, as they grow up and leave care:
    eligible (16-17, in care) becomes relevant on leaving care, and either becomes former
    relevant at 18; qualifying stays qualifying. "" from 25, or once services have ended:
    the young person no longer receives leaving care services."""
    if care_leaver.services_ended_on is not None and care_leaver.services_ended_on <= on:
        return ""
    born = care_leaver.child.date_of_birth
    if born is None:
        return care_leaver.eligibility
    age = age_in_years(born, on)
    if age >= 25:
        return ""
    if care_leaver.eligibility == Eligibility.QUALIFYING:
        return Eligibility.QUALIFYING
    if age >= 18:
        return Eligibility.FORMER_RELEVANT
    if care_leaver.eligibility == Eligibility.FORMER_RELEVANT:
        return Eligibility.FORMER_RELEVANT  # as recorded: the register knows best under 18
    return Eligibility.ELIGIBLE if in_care else Eligibility.RELEVANT


def _check_eligibility(child: Person, eligibility: str, since: date) -> None:
    if eligibility not in Eligibility.values:
        raise DomainError("Choose the young person's eligibility.", field="eligibility")
    if child.date_of_birth is None:
        raise DomainError(
            "Record the young person's date of birth first: eligibility depends on age.",
            field="eligibility",
        )
    age = age_in_years(child.date_of_birth, since)
    if not 16 <= age < 25:
        raise DomainError(
            f"On {since:%-d %B %Y} they were {age}: care leavers are 16 to 24.", field="since"
        )
    claimed = Eligibility(eligibility)
    if claimed in (Eligibility.ELIGIBLE, Eligibility.RELEVANT) and age >= 18:
        raise DomainError(
            f"{claimed.label.split(' (')[0]} young people are 16 or 17; they were {age}.",
            field="eligibility",
        )
    if claimed == Eligibility.FORMER_RELEVANT and age < 18:
        raise DomainError(
            f"Former relevant young people are 18 or over; they were {age}.", field="eligibility"
        )
    periods = list(child.periods_of_care.all())
    if not periods:
        if claimed == Eligibility.ELIGIBLE:
            raise DomainError(
                "An eligible young person is in care, and this record shows no period of "
                "care: record their care first.",
                field="eligibility",
            )
        return
    expected = eligibility_on(child, since, periods)
    if expected != claimed:
        raise DomainError(
            f"Their periods of care show them as {Eligibility(expected).label.lower()} on "
            f"{since:%-d %B %Y}, not {claimed.label.lower()}.",
            field="eligibility",
        )


# ---- registering and the personal adviser ---------------------------------------------------


def _active(care_leaver: CareLeaver) -> None:
    if care_leaver.services_ended_on is not None:
        raise DomainError("Leaving care services for this young person have ended.")


def _assign(care_leaver: CareLeaver, adviser, by, on: date) -> Involvement:
    if adviser is None or adviser.role != Role.PERSONAL_ADVISER or not adviser.is_active:
        raise DomainError("Choose a personal adviser.", field="personal_adviser")
    if care_leaver.personal_adviser_id == adviser.pk:
        raise DomainError(f"{adviser} is already their personal adviser.", field="personal_adviser")
    child = care_leaver.child
    # The previous adviser's last day is the day before; `update` allows the empty interval
    # of an adviser assigned and replaced on the same day (as casework ends memberships).
    ended = (
        Involvement.objects.current(on)
        .filter(child=child, kind=InvolvementKind.PERSONAL_ADVISER)
        .exclude(staff=adviser)
    )
    ended_ids = involvements_end(involvements=ended, by=by, ended_on=on - timedelta(days=1))
    involvement = involvement_start(
        child=child, kind=InvolvementKind.PERSONAL_ADVISER, staff=adviser, by=by, started_on=on
    )
    previous = care_leaver.personal_adviser
    care_leaver.personal_adviser = adviser
    care_leaver.save(update_fields=["personal_adviser"])
    audit.record(
        actor=by,
        verb="personal_adviser_assigned",
        obj=care_leaver,
        child=child,
        payload={
            "adviser": adviser.pk,
            "previous": getattr(previous, "pk", None),
            "involvements_ended": ended_ids,
        },
    )
    was = f" in place of {previous}" if previous else ""
    event(child, by, on, EntryKind.CARE_LEAVER, f"Personal adviser: {adviser}{was}.", care_leaver)
    return involvement


@transaction.atomic
def care_leaver_register(
    *, child: Person, by, eligibility: str, since: date, personal_adviser=None
) -> CareLeaver:
    """Register a young person as a care leaver in a category their care history bears out."""
    require_case_holder(by, child)
    not_future(since, "since")
    if CareLeaver.objects.filter(child=child).exists():
        raise DomainError("This young person is already registered as a care leaver.")
    _check_eligibility(child, eligibility, since)
    care_leaver = CareLeaver(child=child, eligibility=eligibility, since=since)
    clean_or_refuse(care_leaver)
    care_leaver.save()
    audit.record(
        actor=by,
        verb="care_leaver_registered",
        obj=care_leaver,
        child=child,
        payload={"eligibility": eligibility, "since": since.isoformat()},
    )
    event(
        child,
        by,
        since,
        EntryKind.CARE_LEAVER,
        f"Care leaver: {care_leaver.get_eligibility_display()}.",
        care_leaver,
    )
    if personal_adviser is not None:
        _assign(care_leaver, personal_adviser, by, since)
    return care_leaver


@transaction.atomic
def personal_adviser_assign(
    *, care_leaver: CareLeaver, adviser, by, on: date | None = None
) -> CareLeaver:
    """Give the young person a (new) personal adviser, who may see their record from `on`;
    the previous adviser's involvement ends the day before."""
    require_case_holder(by, care_leaver.child)
    care_leaver = CareLeaver.objects.select_for_update().get(pk=care_leaver.pk)
    _active(care_leaver)
    on = on or timezone.localdate()
    not_future(on, "on")
    if on < care_leaver.since:
        raise DomainError("This cannot come before they became a care leaver.", field="on")
    _assign(care_leaver, adviser, by, on)
    return care_leaver


# ---- pathway plan reviews -------------------------------------------------------------------


def pathway_review_due(care_leaver: CareLeaver, last_reviewed_on: date | None) -> date:
    """Pathway plans are reviewed at least every six months: from the last review, or from
    becoming a care leaver."""
    return (last_reviewed_on or care_leaver.since) + relativedelta(months=PATHWAY_REVIEW_MONTHS)


@transaction.atomic
def pathway_review_record(
    *,
    care_leaver: CareLeaver,
    by,
    reviewed_on: date,
    summary: str,
    young_person_views: str = "",
) -> PathwayPlanReview:
    child = care_leaver.child
    access.require(by, "edit", child)
    _active(care_leaver)
    not_future(reviewed_on, "reviewed_on")
    if reviewed_on < care_leaver.since:
        raise DomainError(
            "A review cannot come before they became a care leaver.", field="reviewed_on"
        )
    last = care_leaver.pathway_reviews.order_by("-reviewed_on").first()
    if last and reviewed_on <= last.reviewed_on:
        raise DomainError(
            f"The last review was on {last.reviewed_on:%-d %B %Y}: record reviews in order.",
            field="reviewed_on",
        )
    if not summary.strip():
        raise DomainError("Record what the review found and agreed.", field="summary")
    review = PathwayPlanReview(
        care_leaver=care_leaver,
        reviewed_on=reviewed_on,
        due_on=pathway_review_due(care_leaver, last.reviewed_on if last else None),
        summary=summary.strip(),
        young_person_views=young_person_views.strip(),
        recorded_by=by,
    )
    clean_or_refuse(review)
    review.save()
    late = reviewed_on > review.due_on
    audit.record(
        actor=by, verb="pathway_review_recorded", obj=review, child=child, payload={"late": late}
    )
    when = f" (late: due {review.due_on:%-d %B %Y})" if late else ""
    event(
        child,
        by,
        reviewed_on,
        EntryKind.CARE_LEAVER,
        f"Pathway plan review{when}: {review.summary[:200]}",
        review,
    )
    return review


# ---- contact around the birthdays (OC3) -----------------------------------------------------


@transaction.atomic
def care_leaver_contact_record(
    *,
    care_leaver: CareLeaver,
    by,
    birthday_age: int,
    contacted_on: date,
    in_touch: str,
    activity: str = "",
    accommodation: str = "",
    accommodation_suitable: bool | None = None,
) -> CareLeaverContact:
    """The contact around the 17th to 21st birthday, with the OC3 items."""
    child = care_leaver.child
    access.require(by, "edit", child)
    if birthday_age not in CONTACT_AGES:
        raise DomainError(
            "Contact is recorded around the 17th to the 21st birthdays.", field="birthday_age"
        )
    if child.date_of_birth is None:
        raise DomainError("Record the young person's date of birth first.", field="birthday_age")
    if care_leaver.contacts.filter(birthday_age=birthday_age).exists():
        raise DomainError(
            f"The contact around the {birthday_age}th birthday is already recorded.",
            field="birthday_age",
        )
    not_future(contacted_on, "contacted_on")
    opens, closes = birthday_window(child.date_of_birth, birthday_age)
    if not opens <= contacted_on <= closes:
        raise DomainError(
            f"The contact for the {birthday_age}th birthday falls from {opens:%-d %B %Y} to "
            f"{closes:%-d %B %Y} (three months before to one month after).",
            field="contacted_on",
        )
    if in_touch not in CareLeaverInTouch.values:
        raise DomainError("Say whether you are in touch with them.", field="in_touch")
    if activity and activity not in CareLeaverActivity.values:
        raise DomainError("Choose their main activity.", field="activity")
    if accommodation and accommodation not in CareLeaverAccommodation.values:
        raise DomainError("Choose their accommodation.", field="accommodation")
    if in_touch == CareLeaverInTouch.YES:
        if not activity:
            raise DomainError(
                "Record their main activity (education, employment or training).",
                field="activity",
            )
        if not accommodation:
            raise DomainError("Record where they live.", field="accommodation")
    if in_touch == CareLeaverInTouch.DIED and (activity or accommodation):
        raise DomainError(
            "No activity or accommodation is recorded after a death.", field="activity"
        )
    if accommodation and accommodation_suitable is None:
        raise DomainError(
            "Say whether the accommodation is suitable.", field="accommodation_suitable"
        )
    if not accommodation:
        accommodation_suitable = None
    contact = CareLeaverContact(
        care_leaver=care_leaver,
        birthday_age=birthday_age,
        contacted_on=contacted_on,
        in_touch=in_touch,
        activity=activity,
        accommodation=accommodation,
        accommodation_suitable=accommodation_suitable,
        recorded_by=by,
    )
    clean_or_refuse(contact)
    contact.save()
    audit.record(
        actor=by,
        verb="care_leaver_contact_recorded",
        obj=contact,
        child=child,
        payload={
            "birthday_age": birthday_age,
            "in_touch": in_touch,
            "activity": activity,
            "accommodation": contact.oc3_accommodation,
        },
    )
    said = [f"Contact around the {birthday_age}th birthday: {contact.get_in_touch_display()}."]
    if activity:
        said.append(f"{contact.get_activity_display()}.")
    if accommodation:
        suitable = "suitable" if accommodation_suitable else "not suitable"
        said.append(f"{contact.get_accommodation_display()} ({suitable}).")
    event(child, by, contacted_on, EntryKind.CARE_LEAVER, " ".join(said), contact)
    return contact


@dataclass(frozen=True)
class BirthdayWindow:
    birthday_age: int
    birthday: date
    opens: date
    closes: date

    def is_open(self, today: date) -> bool:
        return self.opens <= today <= self.closes


def birthday_windows(born: date) -> list[BirthdayWindow]:
    """The OC3 windows for the 17th to the 21st birthday."""
    return [
        BirthdayWindow(age, birthday_on(born, age), *birthday_window(born, age))
        for age in CONTACT_AGES
    ]
