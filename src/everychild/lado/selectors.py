"""Reads for the LADO service: one allegation, the caseload, the monitoring dashboard and
the annual report figures. Each checks the confidentiality rule and audits the read."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from everychild import audit
from everychild.lado.models import (
    TARGETS,
    Allegation,
    AllegationAction,
    Engagement,
    Outcome,
    Sector,
    SectorSize,
    Stage,
)
from everychild.lado.services import can_see, is_lado, require_lado

AGE_BANDS = (
    ("Under a month", 0, 1),
    ("1 to 3 months", 1, 3),
    ("3 to 12 months", 3, 12),
    ("Over 12 months", 12, 10_000),
)


def allegations_for(*, user) -> QuerySet[Allegation]:
    """The LADO sees every allegation; anyone else only those they are named on."""
    if not (user and user.is_authenticated and user.is_active):
        return Allegation.objects.none()
    allegations = Allegation.objects.select_related("subject", "employer").annotate(
        meeting_count=Count("meetings")
    )
    return allegations if is_lado(user) else allegations.filter(named_staff=user)


def allegation_list(
    *, user, status: str = "open", stage: str = "", sector: str = "", subject: int | None = None
) -> QuerySet[Allegation]:
    """The allegations list, filtered; the read is audited (who listed what)."""
    allegations = allegations_for(user=user)
    if status == "open":
        allegations = allegations.filter(outcome="")
    elif status == "closed":
        allegations = allegations.exclude(outcome="")
    if sector:
        allegations = allegations.filter(sector=sector)
    if subject:
        allegations = allegations.filter(subject_id=subject)
    if stage == Stage.OUTCOME:
        allegations = allegations.exclude(outcome="")
    elif stage == Stage.INITIAL:
        allegations = allegations.filter(outcome="", initial_decision="")
    elif stage:
        allegations = allegations.filter(outcome="").exclude(initial_decision="")
        has_meetings = Q(meeting_count__gt=0)
        allegations = allegations.filter(
            has_meetings if stage == Stage.INVESTIGATION else ~has_meetings
        )
    audit.record(
        actor=user,
        verb="listed_allegations",
        payload={"status": status, "stage": stage, "sector": sector, "subject": subject},
    )
    return allegations.order_by("-received_at", "-pk")


SUBJECT_RESULTS = 10


def subject_of_list(*, user, subject: int | None):
    """The person a list is filtered to, named only if they are the subject of an allegation
    the user may see (any other id names no one: the list is empty anyway)."""
    if subject is None:
        return None
    allegation = allegations_for(user=user).filter(subject_id=subject).first()
    return allegation.subject if allegation else None


def subject_search(*, user, text: str) -> list:
    """Adults in the person index whose names match `text`, best first. Audited."""
    from everychild.people.models import Person, PersonKind
    from everychild.people.search import SearchQuery, rank

    require_lado(user)
    adults = Person.objects.filter(kind=PersonKind.ADULT)
    matches = rank(SearchQuery(text=text), SUBJECT_RESULTS, adults)
    people = Person.objects.in_bulk([m.person_id for m in matches])
    audit.record(
        actor=user,
        verb="searched_adults",
        payload={"text": text, "results": [m.person_id for m in matches]},
    )
    return [people[m.person_id] for m in matches]


def engagement_log(*, user) -> QuerySet[Engagement]:
    require_lado(user)
    return Engagement.objects.select_related("organisation").order_by("-held_on", "-pk")


NAMED_ON_HOME = 20


def named_allegations(*, user) -> list[Allegation]:
    """The allegations someone other than the LADO is named on, for their home page (the
    latest first). Audited when there are any: the list names the subjects."""
    if is_lado(user):
        return []
    allegations = list(allegations_for(user=user).order_by("-received_at", "-pk")[:NAMED_ON_HOME])
    if allegations:
        audit.record(
            actor=user,
            verb="listed_allegations",
            payload={"page": "home", "allegations": [a.pk for a in allegations]},
        )
    return allegations


def home_summary(*, user, today: date | None = None) -> dict:
    """The LADO's home: open allegations, late initial considerations, overdue actions."""
    require_lado(user)
    today = today or timezone.localdate()
    open_cases = Allegation.objects.filter(outcome="")
    undecided = open_cases.filter(initial_decision="").only("received_at", "initial_decided_at")
    return {
        "open": open_cases.count(),
        "initial_overdue": sum(1 for a in undecided if a.initial_clock.is_overdue(today)),
        "overdue_actions": AllegationAction.objects.filter(
            allegation__outcome="", done_on__isnull=True, due_on__lt=today
        ).count(),
    }


def allegation_view(*, user, allegation_id: int) -> Allegation:
    allegation = (
        Allegation.objects.select_related("subject", "employer", "recorded_by")
        .prefetch_related(
            "children", "meetings__agencies", "meetings__actions", "employer_actions", "named_staff"
        )
        .filter(pk=allegation_id)
        .first()
    )
    # Not "forbidden": to anyone else, an allegation does not exist.
    if allegation is None or not can_see(user, allegation):
        raise Http404("No such allegation.")
    audit.record(
        actor=user, verb="viewed_allegation", obj=allegation, payload={"allegation": allegation.pk}
    )
    return allegation


# ---- timeliness against the guidance's targets --------------------------------------------


@dataclass
class Timeliness:
    resolved: int
    within: dict[int, float | None]  # months -> share resolved within; None if none resolved
    targets_met: dict[int, bool | None]
    median_days: int | None


def timeliness(allegations) -> Timeliness:
    """Of allegations with an outcome: the share resolved within one, three and twelve
    months of referral, against the targets (80%, 90%, all but exceptional)."""
    resolved = [a for a in allegations if a.outcome_on]
    if not resolved:
        none = {months: None for months, _ in TARGETS}
        return Timeliness(0, dict(none), dict(none), None)
    within: dict[int, float | None] = {}
    met: dict[int, bool | None] = {}
    for months, target in TARGETS:
        count = sum(
            1 for a in resolved if a.outcome_on <= a.received_on + relativedelta(months=months)
        )
        share = count / len(resolved)
        within[months] = round(share, 3)
        if months == 12:
            # "All but exceptional cases": the late ones must each have a recorded reason.
            late = [a for a in resolved if a.outcome_on > a.received_on + relativedelta(months=12)]
            met[months] = all(a.exceptional_delay for a in late)
        else:
            met[months] = share >= target
    days = sorted(a.days_to_outcome() for a in resolved)
    return Timeliness(len(resolved), within, met, days[len(days) // 2] if days else None)


# ---- the dashboard --------------------------------------------------------------------------


@dataclass
class SectorReach:
    sector: str
    label: str
    referrals: int
    workforce: int | None
    per_thousand: float | None
    last_engagement: date | None


@dataclass
class Dashboard:
    open_by_age_and_stage: list[tuple[str, dict[str, int]]]
    open_total: int
    overdue_actions: list[AllegationAction]
    initial_overdue: list[Allegation]
    outcomes_by_sector: dict[str, Counter]
    outcomes_by_employer: list[tuple[str, Counter]]
    repeat_subjects: list[tuple[object, int]]
    repeat_employers: list[tuple[str, int]]
    timeliness: Timeliness
    reach: list[SectorReach]
    engagements: list[Engagement] = field(default_factory=list)


def _months_since(day: date, today: date) -> int:
    delta = relativedelta(today, day)
    return delta.years * 12 + delta.months


def dashboard(*, user, today: date | None = None, since_months: int = 12) -> Dashboard:
    """Monitoring for the LADO: where every case is, what is late, what the outcomes are,
    and which sectors refer least for their size (so outreach can be aimed)."""
    require_lado(user)
    today = today or timezone.localdate()
    allegations = list(
        Allegation.objects.select_related("subject", "employer").annotate(
            meeting_count=Count("meetings")
        )
    )
    open_cases = [a for a in allegations if not a.outcome]
    grid: dict[str, dict[str, int]] = {band: defaultdict(int) for band, _, _ in AGE_BANDS}
    for a in open_cases:
        age = _months_since(a.received_on, today)
        band = next(b for b, low, high in AGE_BANDS if low <= age < high)
        stage = (
            Stage.INITIAL
            if not a.initial_decision
            else Stage.INVESTIGATION
            if a.meeting_count
            else Stage.MEETINGS
        )
        grid[band][stage] += 1
    since = today - relativedelta(months=since_months)
    recent = [a for a in allegations if a.received_on >= since]
    by_sector: dict[str, Counter] = defaultdict(Counter)
    by_employer: dict[str, Counter] = defaultdict(Counter)
    for a in recent:
        if a.outcome:
            by_sector[a.get_sector_display()][a.get_outcome_display()] += 1
            by_employer[a.employer_label][a.get_outcome_display()] += 1
    subjects = Counter(a.subject_id for a in allegations)
    subject_people = {a.subject_id: a.subject for a in allegations}
    employers = Counter(a.employer_label for a in allegations if a.employer_label)
    audit.record(actor=user, verb="viewed_lado_dashboard")
    return Dashboard(
        open_by_age_and_stage=[(band, dict(grid[band])) for band, _, _ in AGE_BANDS],
        open_total=len(open_cases),
        overdue_actions=list(
            AllegationAction.objects.filter(
                done_on__isnull=True, due_on__lt=today, allegation__outcome=""
            )
            .select_related("allegation__subject", "allegation__employer", "meeting")
            .order_by("due_on")[:100]
        ),
        initial_overdue=[
            a for a in open_cases if not a.initial_decision and a.initial_clock.is_overdue(today)
        ],
        outcomes_by_sector=dict(by_sector),
        outcomes_by_employer=sorted(by_employer.items(), key=lambda kv: -sum(kv[1].values()))[:15],
        repeat_subjects=[(subject_people[pk], n) for pk, n in subjects.most_common() if n > 1],
        repeat_employers=[(name, n) for name, n in employers.most_common() if n > 1][:15],
        timeliness=timeliness(recent),
        reach=sector_reach(recent),
        engagements=list(Engagement.objects.select_related("organisation")[:20]),
    )


def sector_reach(allegations) -> list[SectorReach]:
    """Referrals per 1,000 people in each sector's workforce, lowest first: the sectors that
    refer least for their size are where awareness work is most needed."""
    referrals = Counter(a.sector for a in allegations)
    sizes = dict(SectorSize.objects.values_list("sector", "workforce"))
    last = dict(Engagement.objects.values_list("sector").annotate(last=Max("held_on")))
    rows = []
    for sector in Sector:
        if sector == Sector.OTHER:
            continue  # not a sector outreach can be aimed at
        size = sizes.get(sector.value)
        rate = round(1000 * referrals[sector.value] / size, 2) if size else None
        rows.append(
            SectorReach(
                sector.value,
                sector.label,
                referrals[sector.value],
                size,
                rate,
                last.get(sector.value),
            )
        )
    return sorted(rows, key=lambda r: (r.per_thousand is None, r.per_thousand or 0))


# ---- the annual report ----------------------------------------------------------------------


def reporting_year(year_ending: int) -> tuple[date, date]:
    """1 April to 31 March, named by the year it ends."""
    return date(year_ending - 1, 4, 1), date(year_ending, 3, 31)


def annual_figures(*, user, year_ending: int) -> dict:
    """The figures for the LADO's annual report: counts by sector, outcome and source, and
    timeliness, for referrals received in the reporting year."""
    require_lado(user)
    start, end = reporting_year(year_ending)
    allegations = [a for a in Allegation.objects.all() if start <= a.received_on <= end]
    outcome_labels = dict(Outcome.choices)
    sector_labels = dict(Sector.choices)
    figures = {
        "year": f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}",
        "referrals": len(allegations),
        "by_sector": Counter(sector_labels[a.sector] for a in allegations),
        "by_outcome": Counter(outcome_labels.get(a.outcome, "No outcome yet") for a in allegations),
        "by_source": Counter(sector_labels[a.referrer_sector] for a in allegations),
        "timeliness": timeliness(allegations),
    }
    audit.record(actor=user, verb="lado_annual_figures", payload={"year_ending": year_ending})
    return figures


def _met_words(met: bool | None) -> str:
    return "no outcomes yet" if met is None else ("yes" if met else "no")


def annual_workbook(figures: dict):
    """The annual figures as an Excel workbook (openpyxl), one sheet a table."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = [
        ("By sector", "Sector", figures["by_sector"]),
        ("By outcome", "Outcome", figures["by_outcome"]),
        ("By referral source", "Referred from", figures["by_source"]),
    ]
    first = True
    for title, heading, counts in sheets:
        sheet = book.active if first else book.create_sheet()
        first = False
        sheet.title = title
        sheet.append([f"LADO referrals, {figures['year']}"])
        sheet["A1"].font = Font(bold=True)
        sheet.append([heading, "Referrals"])
        for name, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            sheet.append([name, count])
        sheet.append(["Total", sum(counts.values())])
        sheet.column_dimensions["A"].width = 40
    t = figures["timeliness"]
    sheet = book.create_sheet("Timeliness")
    sheet.append([f"Time from referral to outcome, {figures['year']}"])
    sheet["A1"].font = Font(bold=True)
    sheet.append(["Resolved", t.resolved])
    sheet.append(["Median days to outcome", t.median_days])
    sheet.append(["Within", "Share resolved", "Target", "Met"])
    for months, target in TARGETS:
        label = "all but exceptional" if months == 12 else f"{target:.0%}"
        sheet.append(
            [
                f"{months} month{'s' if months > 1 else ''}",
                t.within[months],
                label,
                _met_words(t.targets_met[months]),
            ]
        )
    sheet.column_dimensions["A"].width = 30
    return book
