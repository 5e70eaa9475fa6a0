"""LADO pages: thin views that parse a form, call one service or selector and render.

Allegations are confidential. Anyone who is neither in the LADO team nor named on an
allegation gets "not found" (404), never "forbidden": a 403 would tell them it exists.
A service's refusal (DomainError) shows in the form's GOV.UK error summary.
"""

from collections import Counter
from datetime import date
from io import BytesIO

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everychild import access
from everychild.access.search import person_search
from everychild.core.errors import DomainError
from everychild.lado import selectors, services
from everychild.lado.forms import allegation as allegation_forms
from everychild.lado.forms import engagement as engagement_forms
from everychild.lado.forms import receive as receive_forms
from everychild.lado.models import (
    TARGETS,
    Allegation,
    AllegationAction,
    AllegationKind,
    Consequence,
    Outcome,
    Sector,
    Stage,
)
from everychild.organisations.models import Organisation, OrganisationKind, Staff
from everychild.organisations.roles import Role
from everychild.people.models import Person, PersonKind
from everychild.people.search import SearchQuery

PAGE_SIZE = 50
SUBJECT_RESULTS = 10
CHILD_RESULTS = 10
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---- small helpers ------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def _lado_only(user) -> None:
    """Pages for the LADO team alone: to anyone else they do not exist."""
    if not services.is_lado(user):
        raise Http404("No such page.")


def age_in_words(start: date, end: date) -> str:
    """'less than a day', '3 days', '5 weeks', '4 months', '1 year 2 months'."""
    days = (end - start).days
    if days < 1:
        return "less than a day"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 63:
        return f"{days // 7} weeks"
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    if months < 12:
        return f"{months} months"
    years, months = divmod(months, 12)
    return f"{years} year{'s' if years > 1 else ''}" + (
        f" {months} month{'s' if months > 1 else ''}" if months else ""
    )


def _labels(codes, choices) -> list[str]:
    labels = dict(choices)
    return [labels.get(code, code) for code in codes]


def _ids(text: str) -> list[int]:
    return [int(part) for part in (text or "").split(",") if part.strip().isdigit()]


def _percent(share: float) -> str:
    return f"{share:.0%}"


def year_ending_of(day: date) -> int:
    """The reporting year (1 April to 31 March) `day` falls in, named by the year it ends."""
    return day.year + 1 if day.month >= 4 else day.year


# ---- the allegations list -----------------------------------------------------------------

_STATUSES = {"open": "Open", "closed": "Closed (outcome recorded)", "all": "Open and closed"}


@require_GET
def allegation_list(request):
    user = request.user
    allegations = selectors.allegations_for(user=user)
    if not services.is_lado(user) and not allegations.exists():
        raise Http404("No such page.")
    status = request.GET.get("status", "open")
    status = status if status in _STATUSES else "open"
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    sector = request.GET.get("sector", "")
    sector = sector if sector in Sector.values else ""
    subject = request.GET.get("subject", "")
    subject = int(subject) if subject.isdigit() else None
    allegations = selectors.allegation_list(
        user=user, status=status, stage=stage, sector=sector, subject=subject
    )
    page = Paginator(allegations.order_by("-received_at", "-pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    today = _today()
    rows = [
        {
            "allegation": a,
            "stage": Stage(a.stage).label,
            "clock": a.initial_clock,
            "age": age_in_words(a.received_on, a.outcome_on or today),
        }
        for a in page
    ]
    query = "".join(
        f"&{key}={value}"
        for key, value in (("status", status), ("stage", stage), ("sector", sector))
        if value
    ) + (f"&subject={subject}" if subject else "")
    context = {
        "rows": rows,
        "page": page,
        "extra_query": query,
        "status": status,
        "stage": stage,
        "sector": sector,
        "subject": Person.objects.filter(pk=subject).first() if subject else None,
        "statuses": _STATUSES.items(),
        "stages": Stage.choices,
        "sectors": Sector.choices,
        "is_lado": services.is_lado(user),
    }
    return render(request, "lado/allegation_list.html", context)


# ---- receiving a referral -----------------------------------------------------------------


def _with_history(people: list[Person]) -> list[tuple[Person, str]]:
    """Each adult with a note of earlier allegations about them (a repeat subject)."""
    earlier = Counter(
        Allegation.objects.filter(subject__in=people).values_list("subject_id", flat=True)
    )
    return [
        (p, f"{earlier[p.pk]} earlier allegation{'s' if earlier[p.pk] > 1 else ''}")
        if earlier[p.pk]
        else (p, "")
        for p in people
    ]


def _offered_subjects(ids: list[int]) -> list[Person]:
    found = Person.objects.filter(pk__in=ids, kind=PersonKind.ADULT).in_bulk()
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def _offered_children(user, ids: list[int]) -> list[Person]:
    visible = access.children_visible_to(user, "view_minimal").filter(pk__in=ids).in_bulk()
    return [visible[i] for i in dict.fromkeys(ids) if i in visible]


def _child_note(child: Person) -> str:
    return "identity not verified" if not child.identity_verified else ""


@require_http_methods(["GET", "POST"])
def receive(request):
    user = request.user
    _lado_only(user)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "receive")
    subject_ids = _ids(request.POST.get("offered_subjects", ""))
    child_ids = _ids(request.POST.get("offered_children", ""))
    if post:
        chosen = request.POST.get("subject", "")
        subject_ids += [int(chosen)] if chosen.isdigit() else []
        child_ids += [int(c) for c in request.POST.getlist("children") if c.isdigit()]
    search_problem = {}
    if action == "find_subject":
        text = request.POST.get("subject_query", "").strip()
        if text:
            found = [p.pk for p in selectors.subject_search(user=user, text=text)]
            chosen = request.POST.get("subject", "")
            subject_ids = ([int(chosen)] if chosen.isdigit() else []) + found
        else:
            search_problem["subject_query"] = "Enter a name to search for"
    elif action == "find_children":
        text = request.POST.get("children_query", "").strip()
        if text:
            try:
                results = person_search(
                    user=user, query=SearchQuery(text=text), limit=CHILD_RESULTS
                )
            except DomainError as error:
                search_problem["children_query"] = error.message
            else:
                chosen = [int(c) for c in request.POST.getlist("children") if c.isdigit()]
                child_ids = chosen + [r.child.pk for r in results]
        else:
            search_problem["children_query"] = "Enter a name to search for"
    subjects = _with_history(_offered_subjects(subject_ids))
    children = [(c, _child_note(c)) for c in _offered_children(user, child_ids)]
    now = timezone.localtime()
    form = receive_forms.ReferralForm(
        post,
        subjects=subjects,
        children=children,
        initial={"received_at": now.date(), "received_time": f"{now:%H:%M}"},
    )
    if post and action != "receive":
        form.without_errors()
        for field, message in search_problem.items():
            form.add_error(field, message)
    elif post and form.is_valid():
        data = form.cleaned_data
        if data["subject"] == receive_forms.NEW_SUBJECT:
            subject = services.Subject(
                given_name=data["subject_given_name"],
                family_name=data["subject_family_name"],
                date_of_birth=data["subject_date_of_birth"],
            )
        else:
            subject = services.Subject(person=Person.objects.get(pk=int(data["subject"])))
        chosen_children = {c.pk: c for c, _ in children}
        try:
            allegation = services.allegation_receive(
                recorded_by=user,
                subject=subject,
                subject_role=data["subject_role"],
                sector=data["sector"],
                kinds=data["kinds"],
                description=data["description"],
                referred_by=data["referred_by"],
                referrer_sector=data["referrer_sector"],
                received_at=form.received(),
                employer=data["employer"],
                employer_name="" if data["employer"] else data["employer_name"],
                children=[chosen_children[int(pk)] for pk in data["children"]],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            due = allegation.initial_clock.due
            messages.success(
                request,
                f"Referral received. The initial consideration is due by {due:%-d %B %Y}.",
            )
            return redirect(allegation)
    context = {
        "form": form,
        "offered_subjects": ",".join(str(p.pk) for p, _ in subjects),
        "offered_children": ",".join(str(c.pk) for c, _ in children),
        "searched_subjects": action == "find_subject" and not search_problem,
        "searched_children": action == "find_children" and not search_problem,
        "focus": action,
    }
    return render(request, "lado/receive.html", context)


# ---- one allegation -----------------------------------------------------------------------

_FORMS = {
    "consider": allegation_forms.InitialConsiderationForm,
    "meeting": allegation_forms.MeetingForm,
    "employer": allegation_forms.EmployerActionForm,
    "agencies": allegation_forms.AgencyOutcomesForm,
    "outcome": allegation_forms.OutcomeForm,
    "grant": allegation_forms.GrantForm,
}


def _meeting_agencies(allegation: Allegation):
    """Agencies that sit in LADO meetings: the council, the police, health, community groups,
    and the subject's employer."""
    usual = ~Q(
        kind__in=[
            OrganisationKind.SCHOOL,
            OrganisationKind.GP_PRACTICE,
            OrganisationKind.EARLY_YEARS,
        ]
    )
    employer = Q(pk=allegation.employer_id) if allegation.employer_id else Q(pk__in=[])
    return Organisation.objects.filter(is_active=True).filter(usual | employer).order_by("name")


def _grantable_staff(allegation: Allegation):
    named = [s.pk for s in allegation.named_staff.all()]
    return (
        Staff.objects.filter(is_active=True)
        .exclude(role__in=[Role.LADO, Role.ADMINISTRATOR])
        .exclude(pk__in=named)
        .order_by("last_name", "first_name")
    )


def _form_kwargs(key: str, allegation: Allegation) -> dict:
    if key == "meeting":
        return {"agencies": _meeting_agencies(allegation)}
    if key == "grant":
        return {"staff": _grantable_staff(allegation)}
    return {}


def _apply(key: str, form, allegation: Allegation, user) -> str:
    """Call the service for `key`; return the message for the user."""
    data = form.cleaned_data
    if key == "consider":
        services.initial_consideration(
            allegation=allegation,
            decided_by=user,
            decision=data["decision"],
            rationale=data["rationale"],
        )
        return "Initial consideration recorded."
    if key == "meeting":
        meeting = services.meeting_record(
            allegation=allegation,
            recorded_by=user,
            kind=data["kind"],
            held_on=data["held_on"],
            attendees=data["attendees"],
            agencies=data["agencies"],
            notes=data["notes"],
            actions=[
                services.ActionSpec(action=a, owner=o, due_on=d) for a, o, d in form.actions()
            ],
        )
        return f"{meeting.get_kind_display()} recorded."
    if key == "employer":
        services.employer_action_record(
            allegation=allegation,
            recorded_by=user,
            kind=data["kind"],
            started_on=data["started_on"],
            ended_on=data["ended_on"],
            notes=data["notes"],
        )
        return "Employer's action recorded."
    if key == "agencies":
        services.agency_outcomes_record(
            allegation=allegation,
            recorded_by=user,
            police_outcome=data["police_outcome"],
            social_care_outcome=data["social_care_outcome"],
        )
        return "Agency outcomes recorded."
    if key == "outcome":
        services.outcome_record(
            allegation=allegation,
            recorded_by=user,
            outcome=data["outcome"],
            outcome_on=data["outcome_on"],
            basis=data["basis"],
            consequences=data["consequences"],
            exceptional_delay=data["exceptional_delay"],
        )
        return "Outcome recorded: the allegation is closed."
    staff = data["staff"]
    services.named_access_grant(allegation=allegation, staff=staff, granted_by=user)
    return f"{staff} can now see this allegation."


@require_http_methods(["GET", "POST"])
def allegation_page(request, pk: int):
    user = request.user
    allegation = selectors.allegation_view(user=user, allegation_id=pk)
    lado = services.is_lado(user)
    bound, key = {}, request.POST.get("action", "")
    if request.method == "POST":
        if not lado or key not in _FORMS:
            raise Http404("No such action.")
        form = _FORMS[key](request.POST, prefix=key, **_form_kwargs(key, allegation))
        if form.is_valid():
            try:
                message = _apply(key, form, allegation, user)
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, message)
                return redirect(allegation)
        bound[key] = form
    today = _today()
    initial = {
        "meeting": {"held_on": today},
        "outcome": {"outcome_on": today},
    }
    unbound = {
        k: cls(prefix=k, initial=initial.get(k), **_form_kwargs(k, allegation))
        for k, cls in _FORMS.items()
        if k not in bound
    }
    meetings = list(allegation.meetings.all())
    actions = [a for m in meetings for a in m.actions.all()]
    is_open = not allegation.outcome
    context = {
        "allegation": allegation,
        "lado": lado,
        "is_open": is_open,
        "stage": Stage(allegation.stage).label,
        "kinds": _labels(allegation.kinds, AllegationKind.choices),
        "consequences": _labels(allegation.consequences, Consequence.choices),
        "age": age_in_words(allegation.received_on, allegation.outcome_on or today),
        "meetings": meetings,
        "open_actions": sum(1 for a in actions if a.done_on is None),
        "overdue_actions": sum(1 for a in actions if a.done_on is None and a.due_on < today),
        "forms": {**unbound, **bound},
        "bound_action": key if bound else "",
        "show": {
            "consider": lado and is_open and not allegation.initial_decision,
            "meeting": lado and is_open,
            "outcome": lado and is_open and bool(allegation.initial_decision),
        },
    }
    return render(request, "lado/allegation.html", context)


@require_POST
def action_done(request, pk: int):
    action = get_object_or_404(AllegationAction.objects.select_related("allegation"), pk=pk)
    allegation = action.allegation
    if not services.can_see(request.user, allegation):
        raise Http404("No such allegation.")
    if not services.is_lado(request.user):
        raise Http404("No such action.")
    try:
        services.action_done(action=action, done_by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Action marked as done.")
    return redirect(reverse("lado:allegation", args=[allegation.pk]) + "#meetings-heading")


@require_POST
def access_revoke(request, pk: int, staff_id: int):
    allegation = selectors.allegation_view(user=request.user, allegation_id=pk)
    if not services.is_lado(request.user):
        raise Http404("No such action.")
    staff = get_object_or_404(Staff, pk=staff_id)
    try:
        services.named_access_revoke(allegation=allegation, staff=staff, revoked_by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{staff} can no longer see this allegation.")
    return redirect(reverse("lado:allegation", args=[allegation.pk]) + "#access-heading")


# ---- the dashboard ------------------------------------------------------------------------

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
    _lado_only(user)
    today = _today()
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


# ---- the engagement log -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def engagement(request):
    user = request.user
    _lado_only(user)
    form = engagement_forms.EngagementForm(request.POST or None, initial={"held_on": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.engagement_record(
                recorded_by=user,
                held_on=data["held_on"],
                sector=data["sector"],
                covered=data["covered"],
                organisation=data["organisation"],
                organisation_name="" if data["organisation"] else data["organisation_name"],
                people_reached=data["people_reached"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Engagement recorded.")
            return redirect("lado:engagement")
    page = Paginator(selectors.engagement_log(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "lado/engagement.html", {"form": form, "page": page})


# ---- the annual report --------------------------------------------------------------------


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
    _lado_only(user)
    today = _today()
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
    _lado_only(user)
    if year_ending not in _years(_today()):
        raise Http404("No such year.")
    figures = selectors.annual_figures(user=user, year_ending=year_ending)
    book = selectors.annual_workbook(figures)
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    name = f"lado-annual-figures-{year_ending - 1}-{year_ending % 100:02d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
