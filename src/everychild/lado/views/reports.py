"""The LADO's monitoring dashboard, the annual report and its spreadsheet."""

from collections import Counter
from datetime import date
from io import BytesIO

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from everychild.lado import selectors
from everychild.lado.models import TARGETS, Allegation, Outcome, Stage
from everychild.lado.views import _common
from everychild.lado.views._common import lado_only

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _percent(share: float) -> str:
    return f"{share:.0%}"


def year_ending_of(day: date) -> int:
    """The reporting year (1 April to 31 March) `day` falls in, named by the year it ends."""
    return day.year + 1 if day.month >= 4 else day.year


_OPEN_STAGES = [Stage.INITIAL, Stage.MEETINGS, Stage.INVESTIGATION]


def _outcome_rows(items) -> list[dict]:
    """(name, Counter of outcome labels) -> a row per name with a count per outcome."""
    rows = []
    for name, counts in items:
        rows.append(
            {
                "name": name,
                "counts": [counts.get(label, 0) for label in Outcome.labels],
                "total": sum(counts.values()),
            }
        )
    return rows


def timeliness_rows(t: selectors.Timeliness) -> list[dict]:
    rows = []
    for months, target in TARGETS:
        rows.append(
            {
                "within": f"{months} month{'s' if months > 1 else ''}",
                "share": _percent(t.within[months]) if t.resolved else "\N{EN DASH}",
                "target": "All but exceptional cases" if months == 12 else _percent(target),
                "met": t.targets_met[months] if t.resolved else None,
            }
        )
    return rows


@require_GET
def dashboard(request):
    user = request.user
    lado_only(user)
    today = _common.today()
    d = selectors.dashboard(user=user, today=today)
    grid = []
    for band, counts in d.open_by_age_and_stage:
        cells = [counts.get(stage, 0) for stage in _OPEN_STAGES]
        grid.append({"band": band, "cells": cells, "total": sum(cells)})
    column_totals = [sum(row["cells"][i] for row in grid) for i in range(len(_OPEN_STAGES))]
    by_sector = sorted(d.outcomes_by_sector.items(), key=lambda kv: -sum(kv[1].values()))
    context = {
        "d": d,
        "today": today,
        "stages": [Stage(s).label for s in _OPEN_STAGES],
        "grid": grid,
        "column_totals": column_totals,
        "outcomes": Outcome.labels,
        "by_sector": _outcome_rows(by_sector),
        "by_employer": _outcome_rows(d.outcomes_by_employer),
        "timeliness": timeliness_rows(d.timeliness),
        "overdue_actions": [
            {"action": a, "late_days": (today - a.due_on).days} for a in d.overdue_actions
        ],
        "initial_overdue": [{"allegation": a, "clock": a.initial_clock} for a in d.initial_overdue],
        "max_reach": max((r.per_thousand or 0 for r in d.reach), default=0),
    }
    return render(request, "lado/dashboard.html", context)


def _years(today: date) -> list[int]:
    first = Allegation.objects.order_by("received_at").values_list("received_at", flat=True)
    first = first.first()
    start = year_ending_of(timezone.localdate(first)) if first else year_ending_of(today)
    return list(range(year_ending_of(today), start - 1, -1))


def _chosen_year(request, years: list[int], today: date) -> int:
    default = year_ending_of(today) - 1 if year_ending_of(today) - 1 in years else years[0]
    try:
        year = int(request.GET.get("year", default))
    except ValueError:
        return default
    return year if year in years else default


def _year_label(year_ending: int) -> str:
    return f"1 April {year_ending - 1} to 31 March {year_ending}"


def _count_rows(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@require_GET
def annual_report(request):
    user = request.user
    lado_only(user)
    today = _common.today()
    years = _years(today)
    year = _chosen_year(request, years, today)
    figures = selectors.annual_figures(user=user, year_ending=year)
    tables = [
        (
            "by-sector",
            "Referrals by the sector the person works in",
            "Sector",
            figures["by_sector"],
        ),
        ("by-outcome", "Referrals by outcome", "Outcome", figures["by_outcome"]),
        ("by-source", "Referrals by where they came from", "Referred from", figures["by_source"]),
    ]
    context = {
        "years": [(y, _year_label(y)) for y in years],
        "year_label": _year_label(year),
        "year": year,
        "in_progress": year == year_ending_of(today),
        "figures": figures,
        "tables": [
            (slug, caption, heading, _count_rows(counts), sum(counts.values()))
            for slug, caption, heading, counts in tables
        ],
        "timeliness": timeliness_rows(figures["timeliness"]),
    }
    return render(request, "lado/annual_report.html", context)


@require_GET
def annual_workbook(request, year_ending: int):
    user = request.user
    lado_only(user)
    if year_ending not in _years(_common.today()):
        raise Http404("No such year.")
    figures = selectors.annual_figures(user=user, year_ending=year_ending)
    book = selectors.annual_workbook(figures)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"lado-annual-figures-{year_ending - 1}-{year_ending % 100:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
