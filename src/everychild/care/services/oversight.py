"""Oversight of a looked-after child's care plan: looked-after reviews chaired by the
independent reviewing officer (IRO), the IRO's quality challenges, health assessments and
personal education plans (PEPs). Statutory visits are casework case notes of kind "visit"
(casework.services.case_note_add); their clock is here with the others.

The timescales (Care Planning, Placement and Case Review (England) Regulations 2010, and the
statutory guidance on promoting the health and the education of looked-after children):

- Looked-after reviews: the first within 20 working days of the start of the period of care,
  the second within 3 months of the first, each later one within 6 months of the one before.
- Health assessments: the initial one before the first review (20 working days from the
  start of care); then reviewed every 6 months while the child is under 5 and every 12
  months from 5, counted from the previous assessment. The child's age is taken on the day
  of the previous assessment; a child whose date of birth is not known is treated as under
  5 (the shorter interval), so that no assessment is missed for want of a date.
- PEPs: the first within 10 working days of coming into care, then once each school term.
  There is no school-term calendar in everychild, so a term is taken as 4 months (three
  terms a year) from the previous PEP: a PEP held at the start of one term is due again by
  the same point of the next, and no child goes longer than a term without one.
- Statutory visits (regulation 28): within 1 week (7 calendar days) of the start of each
  placement; then at intervals of at most 6 weeks during the placement's first year;
  after that, every 3 months if the placement is long-term (the SSDA903 long-term fostering
  types, codes.LONG_TERM_FOSTER_PLACEMENTS), otherwise still every 6 weeks. The interval
  runs from the last visit at which the child was seen, and is set by the date of that visit:
  a visit before the placement's first anniversary is followed by one within 6 weeks, even
  when the 6 weeks end after the anniversary (the stricter reading, which errs towards
  seeing the child).

Each write is one transaction, checked against the access policy, audited and put on the
child's chronology.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from everychild import audit
from everychild.care.models import (
    ChallengeStage,
    EducationPlan,
    HealthAssessment,
    HealthAssessmentKind,
    IROChallenge,
    LookedAfterReview,
    PeriodOfCare,
)
from everychild.care.services._common import require_case_holder, require_iro
from everychild.chronology.models import EntryKind
from everychild.chronology.services import event
from everychild.core.calendar import age_in_years
from everychild.core.clock import Clock
from everychild.core.codes import LONG_TERM_FOSTER_PLACEMENTS, ReviewParticipation
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.people.models import Person

# ---- the timescales -------------------------------------------------------------------------

FIRST_REVIEW_WORKING_DAYS = 20
SECOND_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6

INITIAL_HEALTH_ASSESSMENT_WORKING_DAYS = 20  # before the first review
HEALTH_REVIEW_MONTHS_UNDER_5 = 6
HEALTH_REVIEW_MONTHS_FROM_5 = 12

FIRST_PEP_WORKING_DAYS = 10
PEP_TERM_MONTHS = 4  # "each school term": three terms a year, see the module's docstring

FIRST_VISIT_DAYS = 7
VISIT_WEEKS = 6  # in a placement's first year, and after it unless the placement is long-term
LONG_TERM_VISIT_MONTHS = 3

# SSDA903 validation rules 440 and 441: PN0 ("child aged under 4 at the time of the review")
# exactly when the child is under 4 on the day of the review.
PARTICIPATION_UNDER_AGE = 4

STAGE_ORDER = list(ChallengeStage.values)


def review_clock(period_started_on: date, held: list[date]) -> Clock:
    """The clock for the next looked-after review, given the dates of the reviews already
    held in this period of care."""
    if not held:
        return Clock.working_days(period_started_on, FIRST_REVIEW_WORKING_DAYS)
    last = max(held)
    months = SECOND_REVIEW_MONTHS if len(held) == 1 else LATER_REVIEW_MONTHS
    return Clock(last, last + relativedelta(months=months))


def health_assessment_clock(
    period_started_on: date, previous: date | None, born: date | None
) -> Clock:
    """The clock for the next health assessment: the initial one if `previous` is None."""
    if previous is None:
        return Clock.working_days(period_started_on, INITIAL_HEALTH_ASSESSMENT_WORKING_DAYS)
    under_5 = born is None or age_in_years(born, previous) < 5
    months = HEALTH_REVIEW_MONTHS_UNDER_5 if under_5 else HEALTH_REVIEW_MONTHS_FROM_5
    return Clock(previous, previous + relativedelta(months=months))


def education_plan_clock(period_started_on: date, previous: date | None) -> Clock:
    """The clock for the next PEP: within 10 working days of coming into care, then termly."""
    if previous is None:
        return Clock.working_days(period_started_on, FIRST_PEP_WORKING_DAYS)
    return Clock(previous, previous + relativedelta(months=PEP_TERM_MONTHS))


def visit_clock(placement_started_on: date, placement_type: str, last_visit: date | None) -> Clock:
    """The clock for the next statutory visit to a child in this placement.

    `last_visit` is the latest visit since the placement started at which the child was seen.
    """
    if last_visit is None:
        return Clock(placement_started_on, placement_started_on + timedelta(days=FIRST_VISIT_DAYS))
    first_year_ends = placement_started_on + relativedelta(years=1)
    if last_visit >= first_year_ends and placement_type in LONG_TERM_FOSTER_PLACEMENTS:
        return Clock(last_visit, last_visit + relativedelta(months=LONG_TERM_VISIT_MONTHS))
    return Clock(last_visit, last_visit + timedelta(weeks=VISIT_WEEKS))


# ---- shared checks --------------------------------------------------------------------------


def _locked_period(period: PeriodOfCare) -> PeriodOfCare:
    """The period, locked: two people recording the same period's reviews (or assessments,
    or PEPs) at once would otherwise both compute the same due date."""
    return PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period.pk)


def _within_period(period: PeriodOfCare, day: date, field: str, what: str) -> None:
    not_future(day, field)
    if day < period.started_on:
        raise DomainError(
            f"{what} cannot be before the child came into care ({period.started_on:%-d %B %Y}).",
            field=field,
        )
    if period.ended_on is not None and day > period.ended_on:
        raise DomainError(
            f"{what} cannot be after the child left care ({period.ended_on:%-d %B %Y}).",
            field=field,
        )


def _after_previous(previous: date | None, day: date, field: str, what: str) -> None:
    if previous is not None and day <= previous:
        raise DomainError(
            f"{what} must be after the last one recorded, on {previous:%-d %B %Y}.", field=field
        )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _due_words(clock: Clock, day: date) -> str:
    late = " (late)" if day > clock.due else ""
    return f"due by {clock.due:%-d %B %Y}{late}"


def _check_participation(child: Person, held_on: date, participation: str) -> None:
    if participation not in ReviewParticipation.values:
        raise DomainError("Choose how the child took part in the review.", field="participation")
    under_4 = PARTICIPATION_UNDER_AGE
    pn0 = participation == ReviewParticipation.UNDER_FOUR
    if child.date_of_birth is None:
        if pn0:
            raise DomainError(
                f"PN0 is only for a child under {under_4}, and this child's date of birth is "
                "not recorded.",
                field="participation",
            )
        return
    young = age_in_years(child.date_of_birth, held_on) < under_4
    if young and not pn0:
        raise DomainError(
            f"The child was under {under_4} on the day of the review: choose PN0.",
            field="participation",
        )
    if pn0 and not young:
        raise DomainError(
            f"PN0 is only for a child under {under_4}; this child was "
            f"{age_in_years(child.date_of_birth, held_on)} on the day of the review.",
            field="participation",
        )


# ---- looked-after reviews -------------------------------------------------------------------


@transaction.atomic
def lac_review_record(
    *,
    period: PeriodOfCare,
    chair,
    held_on: date,
    participation: str,
    child_views: str = "",
    decisions: str = "",
) -> LookedAfterReview:
    """Record a looked-after review, chaired (and recorded) by the child's IRO. Its due date
    is the review clock's: 20 working days from coming into care for the first, 3 months
    after the first for the second, 6 months after the one before for each later one."""
    require_iro(chair, period.child)
    period = _locked_period(period)
    child = period.child
    _within_period(period, held_on, "held_on", "A review")
    held = list(period.reviews.values_list("held_on", flat=True))
    _after_previous(max(held, default=None), held_on, "held_on", "A review")
    _check_participation(child, held_on, participation)
    clock = review_clock(period.started_on, held)
    review = LookedAfterReview(
        period=period,
        child=child,
        held_on=held_on,
        due_on=clock.due,
        chair=chair,
        participation=participation,
        child_views=child_views.strip(),
        decisions=decisions.strip(),
        recorded_by=chair,
    )
    clean_or_refuse(review)
    review.save()
    number = len(held) + 1
    audit.record(
        actor=chair,
        verb="lac_review_recorded",
        obj=review,
        child=child,
        payload={"number": number, "due_on": clock.due, "participation": participation},
    )
    summary = (
        f"{_ordinal(number)} looked-after review of this period of care, chaired by {chair}; "
        f"{_due_words(clock, held_on)}. Participation: {review.get_participation_display()}."
    )
    if review.decisions:
        summary += f" Decisions: {review.decisions[:240]}"
    event(child, chair, held_on, EntryKind.LAC_REVIEW, summary, review)
    return review


# ---- the IRO's quality challenges -----------------------------------------------------------


def _looked_after_on(child: Person, day: date) -> bool:
    return child.periods_of_care.filter(started_on__lte=day).exclude(ended_on__lt=day).exists()


@transaction.atomic
def iro_challenge_raise(
    *,
    child: Person,
    raised_by,
    raised_on: date,
    issue: str,
    respond_by: date,
    review: LookedAfterReview | None = None,
) -> IROChallenge:
    """The IRO challenges the care plan (informally at first), asking for a response by
    `respond_by`."""
    require_iro(raised_by, child)
    not_future(raised_on, "raised_on")
    if not _looked_after_on(child, raised_on):
        raise DomainError("The child was not looked after on that date.", field="raised_on")
    if not issue.strip():
        raise DomainError("Say what the challenge is about.", field="issue")
    if respond_by < raised_on:
        raise DomainError(
            "The response cannot be due before the challenge is raised.", field="respond_by"
        )
    if review is not None:
        if review.child_id != child.pk:
            raise DomainError("That review is of another child.", field="review")
        if raised_on < review.held_on:
            raise DomainError(
                "A challenge from a review cannot be raised before the review was held.",
                field="raised_on",
            )
    challenge = IROChallenge(
        child=child,
        review=review,
        raised_by=raised_by,
        raised_on=raised_on,
        issue=issue.strip(),
        respond_by=respond_by,
        stage=ChallengeStage.INFORMAL,
    )
    clean_or_refuse(challenge)
    challenge.save()
    audit.record(
        actor=raised_by,
        verb="iro_challenge_raised",
        obj=challenge,
        child=child,
        payload={"respond_by": respond_by, "review": review.pk if review else None},
    )
    event(
        child,
        raised_by,
        raised_on,
        EntryKind.IRO_CHALLENGE,
        f"IRO challenge raised ({challenge.get_stage_display().lower()}); a response is due "
        f"by {respond_by:%-d %B %Y}. {challenge.issue[:240]}",
        challenge,
    )
    return challenge


def _locked_open(challenge: IROChallenge) -> IROChallenge:
    fresh = IROChallenge.objects.select_for_update().select_related("child").get(pk=challenge.pk)
    if fresh.resolved_on is not None:
        raise DomainError("This challenge has already been resolved.")
    return fresh


@transaction.atomic
def iro_challenge_escalate(*, challenge: IROChallenge, by, stage: str, note: str) -> IROChallenge:
    """Take an unresolved challenge up the escalation ladder (ChallengeStage's order: informal,
    team manager, service manager, head of service, director, Cafcass). Never downward."""
    require_iro(by, challenge.child)
    challenge = _locked_open(challenge)
    if stage not in STAGE_ORDER:
        raise DomainError("Choose the stage to escalate to.", field="stage")
    if STAGE_ORDER.index(stage) <= STAGE_ORDER.index(challenge.stage):
        raise DomainError(
            f"The challenge is already at {challenge.get_stage_display().lower()}: it can only "
            "go further up.",
            field="stage",
        )
    if not note.strip():
        raise DomainError("Say why the challenge is being escalated.", field="note")
    previous = challenge.stage
    challenge.stage = stage
    clean_or_refuse(challenge)
    challenge.save(update_fields=["stage"])
    audit.record(
        actor=by,
        verb="iro_challenge_escalated",
        obj=challenge,
        child=challenge.child,
        payload={"from": previous, "to": stage, "note": note.strip()},
    )
    event(
        challenge.child,
        by,
        timezone.now(),
        EntryKind.IRO_CHALLENGE,
        f"IRO challenge of {challenge.raised_on:%-d %B %Y} escalated to "
        f"{challenge.get_stage_display().lower()}: {note.strip()[:240]}",
        challenge,
    )
    return challenge


@transaction.atomic
def iro_challenge_resolve(
    *, challenge: IROChallenge, by, resolved_on: date, resolution: str
) -> IROChallenge:
    """The IRO records that the challenge is resolved, and how."""
    require_iro(by, challenge.child)
    challenge = _locked_open(challenge)
    not_future(resolved_on, "resolved_on")
    if resolved_on < challenge.raised_on:
        raise DomainError(
            "A challenge cannot be resolved before it was raised "
            f"({challenge.raised_on:%-d %B %Y}).",
            field="resolved_on",
        )
    if not resolution.strip():
        raise DomainError("Say how the challenge was resolved.", field="resolution")
    challenge.resolved_on, challenge.resolution = resolved_on, resolution.strip()
    clean_or_refuse(challenge)
    challenge.save(update_fields=["resolved_on", "resolution"])
    late = resolved_on > challenge.respond_by
    audit.record(
        actor=by,
        verb="iro_challenge_resolved",
        obj=challenge,
        child=challenge.child,
        payload={"stage": challenge.stage, "late": late},
    )
    event(
        challenge.child,
        by,
        resolved_on,
        EntryKind.IRO_CHALLENGE,
        f"IRO challenge of {challenge.raised_on:%-d %B %Y} resolved"
        f"{' after the response was due' if late else ''} "
        f"({challenge.get_stage_display().lower()}): {challenge.resolution[:240]}",
        challenge,
    )
    return challenge


# ---- health assessments ---------------------------------------------------------------------


@transaction.atomic
def health_assessment_record(
    *,
    period: PeriodOfCare,
    recorded_by,
    kind: str,
    done_on: date,
    dental_check: bool = False,
    immunisations_up_to_date: bool | None = None,
) -> HealthAssessment:
    """Record the initial health assessment of a period of care (only one), or a review
    assessment after it. Recorded by the social-care case holders."""
    require_case_holder(recorded_by, period.child)
    period = _locked_period(period)
    child = period.child
    if kind not in HealthAssessmentKind.values:
        raise DomainError(
            "Choose whether this is the initial or a review assessment.", field="kind"
        )
    _within_period(period, done_on, "done_on", "A health assessment")
    previous = period.health_assessments.order_by("-done_on").values_list("done_on", flat=True)
    last = previous.first()
    if kind == HealthAssessmentKind.INITIAL and last is not None:
        raise DomainError(
            "This period of care already has its initial health assessment: record a review.",
            field="kind",
        )
    if kind == HealthAssessmentKind.REVIEW and last is None:
        raise DomainError("Record the initial health assessment first.", field="kind")
    _after_previous(last, done_on, "done_on", "A health assessment")
    clock = health_assessment_clock(period.started_on, last, child.date_of_birth)
    assessment = HealthAssessment(
        child=child,
        period=period,
        kind=kind,
        done_on=done_on,
        due_on=clock.due,
        dental_check=dental_check,
        immunisations_up_to_date=immunisations_up_to_date,
        recorded_by=recorded_by,
    )
    clean_or_refuse(assessment)
    assessment.save()
    audit.record(
        actor=recorded_by,
        verb="health_assessment_recorded",
        obj=assessment,
        child=child,
        payload={"kind": kind, "due_on": clock.due},
    )
    dental = " Dental check done." if dental_check else ""
    immunisations = {True: " Immunisations up to date.", False: " Immunisations not up to date."}
    event(
        child,
        recorded_by,
        done_on,
        EntryKind.HEALTH_ASSESSMENT,
        f"{assessment.get_kind_display()}, {_due_words(clock, done_on)}.{dental}"
        f"{immunisations.get(immunisations_up_to_date, '')}",
        assessment,
    )
    return assessment


# ---- personal education plans ---------------------------------------------------------------


@transaction.atomic
def education_plan_record(
    *,
    period: PeriodOfCare,
    recorded_by,
    held_on: date,
    school: str = "",
    targets: str = "",
) -> EducationPlan:
    """Record a PEP meeting: the first within 10 working days of coming into care, then one
    each term (4 months). Recorded by the social-care case holders."""
    require_case_holder(recorded_by, period.child)
    period = _locked_period(period)
    child = period.child
    _within_period(period, held_on, "held_on", "A PEP meeting")
    last = period.education_plans.order_by("-held_on").values_list("held_on", flat=True).first()
    _after_previous(last, held_on, "held_on", "A PEP meeting")
    clock = education_plan_clock(period.started_on, last)
    plan = EducationPlan(
        child=child,
        period=period,
        held_on=held_on,
        due_on=clock.due,
        school=school.strip(),
        targets=targets.strip(),
        recorded_by=recorded_by,
    )
    clean_or_refuse(plan)
    plan.save()
    audit.record(
        actor=recorded_by,
        verb="education_plan_recorded",
        obj=plan,
        child=child,
        payload={"due_on": clock.due},
    )
    at_school = f" with {plan.school}" if plan.school else ""
    targets_words = f" Targets: {plan.targets[:240]}" if plan.targets else ""
    event(
        child,
        recorded_by,
        held_on,
        EntryKind.EDUCATION_PLAN,
        f"Personal education plan meeting{at_school}, {_due_words(clock, held_on)}.{targets_words}",
        plan,
    )
    return plan
