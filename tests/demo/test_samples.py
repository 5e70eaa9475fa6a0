"""Every kind of record the synthetic borough writes, sampled: each sample passes its model's
own validation (full_clean) and the rules the services enforce on a record made through them.

The generator bypasses the services to write millions of rows in a minute or two
(docs/decisions/0011-demo-writer.md); this test is what keeps it honest. It samples every
concrete model of the project's apps that has rows after generation, so a new kind of record
is sampled as soon as the generator (or a service it calls) writes one.
"""

import random
from collections import defaultdict
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from everychild.care.models import (
    Adoption,
    CareLeaver,
    CareLeaverContact,
    EducationPlan,
    HealthAssessment,
    IROChallenge,
    LookedAfterReview,
    MissingEpisode,
    PeriodOfCare,
    PermanencePlan,
    Placement,
    ReturnInterview,
)
from everychild.care.services.episodes import PLACEMENT_CARER_KINDS, validate_period
from everychild.care.services.leavers import birthday_window, eligibility_on
from everychild.casework.models import (
    Assessment,
    CaseNote,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    KeyDecision,
    NoteKind,
    Section47Enquiry,
    SupervisionAction,
    TransitionPlan,
)
from everychild.chronology.models import ChronologyEntry
from everychild.core.codes import AssessmentFactor, CareLeaverInTouch, MissingType
from everychild.demo.borough import generate
from everychild.frontdoor.models import (
    OUTCOMES_FOR_LEVEL,
    Consent,
    Contact,
    LawfulBasis,
    LevelOfNeed,
    Referral,
)
from everychild.frontdoor.services import is_re_referral, referral_source
from everychild.lado.models import Allegation, AllegationAction, AllegationMeeting, Consequence
from everychild.lado.services import EXCEPTIONAL_MONTHS
from everychild.organisations.roles import Role
from everychild.people.models import Person

TODAY = date(2026, 11, 23)
CHILDREN = 2400
SEED = 1  # a borough of this size with a transition plan (rare: disabled teenagers)
SAMPLE = 150  # of each kind of record (all of them where there are fewer)

# Dates that are due, expected or planned may lie ahead; every other date has happened.
MAY_BE_AHEAD = {"due_on", "icpc_due_on", "due_by", "respond_by", "expected_date"}
# (earlier, later): wherever a model has both, and both are set, in this order.
IN_ORDER = [
    ("started_on", "ended_on"),
    ("started_at", "ended_at"),
    ("moved_in", "moved_out"),
    ("from_on", "to_on"),
    ("started_on", "completed_on"),
    ("received_at", "decided_at"),
    ("decided_at", "signed_off_at"),
    ("received_at", "initial_decided_at"),
    ("received_at", "outcome_on"),
    ("requested_at", "decided_at"),
    ("offered_at", "held_at"),
    ("raised_on", "resolved_on"),
    ("occurred_at", "written_at"),
    ("approved_on", "ended_on"),
    ("since", "services_ended_on"),
    ("placement_order_on", "matched_on"),
    ("matched_on", "placed_on"),
    ("placed_on", "adoption_order_on"),
    ("started_on", "authorised_on"),
    ("child_seen_on", "authorised_on"),
    ("observed_on", "reported_at"),
]
# Fields a service leaves empty although the model's form would not: the audit service
# records system events (the borough's generation, the alert rules) with no actor or child.
LEFT_EMPTY_BY_SERVICES = {"AuditEvent": ["actor", "child"]}
# When a row was written (the real time), not when what it records happened: fields Django
# sets itself (auto_now, auto_now_add) and the audit log's time.
WRITTEN_AT = {"AuditEvent": ["at"]}


def _samples() -> dict[type, list]:
    """Up to SAMPLE rows of every concrete model with rows (the same ones on every run)."""
    rng = random.Random(1)
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if not model.__module__.startswith("everychild."):
            continue
        pks = sorted(model.objects.values_list("pk", flat=True))
        if pks:
            chosen = rng.sample(pks, min(SAMPLE, len(pks)))
            found[model] = list(model.objects.filter(pk__in=chosen).order_by("pk"))
    return found


def _borough_now() -> datetime:
    """The borough's "now": the end of its day, or the real now if that is earlier."""
    end = timezone.make_aware(datetime.combine(TODAY, time(23, 59)))
    return min(timezone.now(), end)


def _day(value) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _problems(found: dict, check) -> list[str]:
    problems = []
    for model, rows in found.items():
        for row in rows:
            problems += [f"{model.__name__} {row.pk}: {p}" for p in check(model, row)]
    return problems


def _every_kind_is_sampled(samples) -> list[str]:
    """A borough has every kind of record the steps write (so that the checks below have
    something to check), and the samples are of all of them."""
    expected = {
        Person,
        ChronologyEntry,
        Contact,
        Referral,
        Assessment,
        Section47Enquiry,
        ChildProtectionPlan,
        ChildInNeedPlan,
        ChildProtectionConference,
        CaseNote,
        KeyDecision,
        PeriodOfCare,
        Placement,
        LookedAfterReview,
        HealthAssessment,
        EducationPlan,
        PermanencePlan,
        Adoption,
        MissingEpisode,
        ReturnInterview,
        CareLeaver,
        Allegation,
        TransitionPlan,
    }
    expected = {m.__name__ for m in expected} | {"Involvement", "PersonName", "Address", "Carer"}
    return sorted(expected - {m.__name__ for m in samples})


def _validation(samples) -> list[str]:
    """full_clean(): field choices and lengths, the model's clean(), unique and other
    constraints; and cleaning changes nothing (the services save what clean() leaves)."""

    def check(model, row):
        exclude = LEFT_EMPTY_BY_SERVICES.get(model.__name__, [])
        before = {f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}
        try:
            row.full_clean(exclude=exclude)
        except ValidationError as error:
            return [f"{field}: {'; '.join(messages)}" for field, messages in error]
        after = {name: getattr(row, name) for name in before}
        return [
            f"{name} cleans to {after[name]!r}" for name in before if after[name] != before[name]
        ]

    return _problems(samples, check)


def _dates(samples) -> list[str]:
    today, now = TODAY, _borough_now()

    def check(model, row):
        problems = []
        fields = {f.name: f for f in model._meta.concrete_fields}
        written_at = WRITTEN_AT.get(model.__name__, [])
        for name, field in fields.items():
            value = getattr(row, field.attname)
            if value is None or name in MAY_BE_AHEAD or name in written_at:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                continue  # when the row was written, not when what it records happened
            if isinstance(field, models.DateTimeField) and value > now:
                problems.append(f"{name} {value} is after the borough's now ({now})")
            elif type(field) is models.DateField and value > today:
                problems.append(f"{name} {value} is after the borough's today")
        for earlier, later in IN_ORDER:
            if earlier in fields and later in fields:
                first, then = getattr(row, earlier), getattr(row, later)
                if first is not None and then is not None:
                    mixed = isinstance(first, datetime) != isinstance(then, datetime)
                    if (_day(then) < _day(first)) if mixed else then < first:
                        problems.append(f"{later} {then} is before {earlier} {first}")
        return problems

    return _problems(samples, check)


def _chronology(samples) -> list[str]:
    """An entry's source exists and is about the entry's child."""
    problems = []
    for entry in samples[ChronologyEntry]:
        if entry.source_type_id is None:
            continue
        model = entry.source_type.model_class()
        source = model.objects.filter(pk=entry.source_id).first()
        if source is None:
            problems.append(f"entry {entry.pk}: no {model.__name__} {entry.source_id}")
            continue
        child_id = source.pk if model is Person else getattr(source, "child_id", entry.child_id)
        if child_id != entry.child_id:
            problems.append(f"entry {entry.pk}: its {model.__name__} is about another child")
    return problems


# ---- the services' own rules, kind by kind ----------------------------------------------------


def _front_door(model, row) -> list[str]:
    problems = []
    if model is Contact and row.decided_at:
        if row.outcome not in OUTCOMES_FOR_LEVEL[LevelOfNeed(row.level_of_need)]:
            problems.append(f"outcome {row.outcome} does not go with level {row.level_of_need}")
        if row.signed_off_by_id and row.signed_off_by_id == row.decided_by_id:
            problems.append("signed off by the worker who decided it")
    if model is Contact and row.signed_off_at and not row.decided_at:
        problems.append("signed off with no decision")
    if model is Contact and row.consent:
        if row.consent != Consent.GIVEN and not row.consent_reason.strip():
            problems.append("consent not given, and no reason why")
        if row.consent != Consent.GIVEN and row.lawful_basis == LawfulBasis.CONSENT:
            problems.append("consent as the lawful basis without consent")
    thin = len(row.rationale.strip()) < 20 or not row.lawful_basis if model is Contact else False
    if model is Contact and row.decided_at and thin:
        problems.append("decided without a rationale or a lawful basis")
    if model is Referral:
        if row.source != referral_source(row.contact):
            problems.append(f"source {row.source}, not {referral_source(row.contact)}")
        # As referral_open found it: the child's latest referral before this one.
        earlier = Referral.objects.filter(child_id=row.child_id, pk__lt=row.pk)
        previous = earlier.filter(referral_date__lte=row.referral_date).order_by("-referral_date")
        previous = previous.filter(withdrawn_at__isnull=True).first()
        if row.is_re_referral != is_re_referral(previous, row.referral_date):
            problems.append("is_re_referral does not follow the child's previous referral")
        if row.referral_date < _day(row.contact.received_at):
            problems.append("referred before the contact arrived")
    return problems


def _casework(model, row) -> list[str]:
    problems = []
    referral = getattr(row, "referral", None) if hasattr(row, "referral_id") else None
    for name in ("started_on", "held_on", "child_seen_on"):
        value = getattr(row, name, None)
        if referral and value and value < referral.referral_date:
            problems.append(f"{name} {value} is before the referral")
    if model is Assessment:
        if row.due_on != Assessment.due_from(row.referral.referral_date):
            problems.append("not due 45 working days after the referral")
        if set(row.factors) - set(AssessmentFactor.values):
            problems.append(f"unknown factors {row.factors}")
        if row.authorised_on and not row.submitted_at:
            problems.append("authorised but never submitted")
    due = Section47Enquiry.icpc_due_from(row.started_on) if model is Section47Enquiry else None
    if model is Section47Enquiry and row.icpc_due_on != due:
        problems.append("initial conference not due 15 working days after the strategy")
    if model in (ChildProtectionPlan, ChildInNeedPlan) and row.ended_on and not row.end_reason:
        problems.append("ended with no reason")
    if model is ChildProtectionPlan and row.is_repeat != (row.previous_plan_id is not None):
        problems.append("a repeat plan without the plan before (or the other way round)")
    review = model is ChildProtectionConference and row.kind == ConferenceKind.REVIEW
    if review and row.held_on < row.plan.started_on:
        problems.append("a review before the plan started")
    if model is CaseNote:
        if row.kind == NoteKind.VISIT and row.child_seen is None:
            problems.append("a visit that does not say whether the child was seen")
        if row.seen_alone and not row.child_seen:
            problems.append("seen alone without being seen")
        manager = row.written_by.role == Role.TEAM_MANAGER
        if row.kind == NoteKind.MANAGEMENT_DECISION and not manager:
            problems.append("a management decision by someone who is not a manager")
    if model is SupervisionAction and row.due_on < row.supervision.held_on:
        problems.append("due before the supervision")
    if model is KeyDecision and row.decided_by_id and row.decided_by_id == row.requested_by_id:
        problems.append("signed off by the person who asked for it")
    return problems


def _in_care(child_id: int, day: date) -> bool:
    return (
        PeriodOfCare.objects.filter(child_id=child_id, started_on__lte=day)
        .exclude(ended_on__lt=day)
        .exists()
    )


def _care(model, row) -> list[str]:
    problems = []
    if model is PeriodOfCare:
        problems += validate_period(row)
    if model is Placement:
        kinds = PLACEMENT_CARER_KINDS.get(row.placement_type)
        if kinds is not None and row.carer.kind not in kinds:
            problems.append(f"placement type {row.placement_type} with a {row.carer.kind} carer")
    period = getattr(row, "period", None) if hasattr(row, "period_id") else None
    day = getattr(row, "held_on", None) or getattr(row, "done_on", None)
    day = day or getattr(row, "decided_on", None)
    if period is not None and day and not period.started_on <= day <= (period.ended_on or day):
        problems.append(f"{day} is outside the period of care")
    if model is CareLeaver and row.eligibility != eligibility_on(row.child, TODAY):
        problems.append(f"{row.eligibility}, but eligibility_on says otherwise")
    if model is MissingEpisode:
        from_care = row.missing_from == MissingEpisode.From.CARE
        if row.missing_type == MissingType.AWAY and not from_care:
            problems.append("away from placement, but not from care")
        if from_care and not _in_care(row.child_id, _day(row.started_at)):
            problems.append("missing from care while not in care")
    if model is MissingEpisode and row.ended_at is None:
        still = MissingEpisode.objects.filter(child_id=row.child_id, ended_at__isnull=True)
        if still.count() > 1:
            problems.append("missing twice at once")
    if model is ReturnInterview:
        if row.offered_at < row.episode.ended_at:
            problems.append("offered before the child came back")
        if row.held_at and not row.accepted:
            problems.append("held but not accepted")
    if model is IROChallenge and row.raised_on < row.review.held_on:
        problems.append("raised before the review")
    if model is CareLeaverContact:
        opens, closes = birthday_window(row.care_leaver.child.date_of_birth, row.birthday_age)
        if not opens <= row.contacted_on <= closes:
            problems.append(f"contacted outside the {row.birthday_age}th birthday's window")
        if row.in_touch == CareLeaverInTouch.YES and not (row.activity and row.accommodation):
            problems.append("in touch, with no activity or accommodation")
    return problems


def _lado(model, row) -> list[str]:
    problems = []
    if model is Allegation and row.outcome:
        if len(row.outcome_basis.strip()) < 20:
            problems.append("an outcome without its basis")
        chosen = set(row.consequences)
        if not chosen or chosen - set(Consequence.values):
            problems.append(f"consequences {row.consequences}")
        if Consequence.NONE in chosen and len(chosen) > 1:
            problems.append("no further action, with other actions")
    if model is Allegation and row.outcome_on:
        late = row.outcome_on > row.received_on + relativedelta(months=EXCEPTIONAL_MONTHS)
        if late and not row.exceptional_delay.strip():
            problems.append("over twelve months, and no reason why it was exceptional")
    if model is AllegationMeeting and row.held_on < row.allegation.received_on:
        problems.append("a meeting before the referral")
    if model is AllegationAction and row.done_on and row.done_on < row.meeting.held_on:
        problems.append("done before the meeting that agreed it")
    if model is AllegationAction and row.due_on < row.meeting.held_on:
        problems.append("due before the meeting that agreed it")
    return problems


def _vacuous(samples) -> list[str]:
    """The rules find what they look for: broken copies of samples fail them."""
    broken = defaultdict(list)
    contact = next(c for c in samples[Contact] if c.decided_at and c.signed_off_at)
    contact.signed_off_by_id = contact.decided_by_id
    broken[Contact].append(contact)
    note = next(n for n in samples[CaseNote] if n.kind == NoteKind.VISIT)
    note.child_seen, note.seen_alone = False, True
    broken[CaseNote].append(note)
    found = len(_problems(broken, _front_door)) + len(_problems(broken, _casework))
    return [] if found == 2 else [f"{found} problems found in 2 broken records"]


def test_every_kind_of_record_keeps_the_model_and_service_rules(db):
    """One borough, every check; the problems found, by check (none, when all is well)."""
    generate(children=CHILDREN, seed=SEED, today=TODAY)
    samples = _samples()

    checks = [_every_kind_is_sampled, _validation, _dates, _chronology]
    rules = [_front_door, _casework, _care, _lado]
    problems = {check.__name__: check(samples) for check in checks}
    problems |= {rule.__name__: _problems(samples, rule) for rule in rules}
    problems["_vacuous"] = _vacuous(samples)
    found = {name: found for name, found in problems.items() if found}
    assert not found, _report(found)


def _report(found: dict[str, list[str]]) -> str:
    """Each check's problems, one example of each kind (model and field) with a count."""
    lines = []
    for name, problems in found.items():
        kinds = defaultdict(list)
        for problem in problems:
            model, _, what = problem.partition(": ")
            kinds[(model.split()[0], what.split()[0])].append(problem)
        lines.append(f"{name}: {len(problems)}")
        lines += [f"  {len(p)} like {p[0]}" for p in kinds.values()]
    return "\n".join(lines)
