"""The child's record, search and each role's home page: hosts composed from the panels the
domains register (core.registry); this app imports no domain."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from everychild import access
from everychild.access.search import person_search
from everychild.access.selectors import active_break_glass, child_for
from everychild.chronology.selectors import (
    ChronologyFilters,
    chronology_filter_options,
    chronology_for_child,
    chronology_read,
)
from everychild.core import registry
from everychild.core.errors import DomainError
from everychild.organisations.roles import Role
from everychild.people.models import Person
from everychild.people.search import SearchQuery
from everychild.record.forms import SearchForm
from everychild.record.selectors import child_record, minimal_view

CHRONOLOGY_PAGE_SIZE = 50
CHILD = "record.child"  # the record's panels, between who the child is and their household
CHILD_ACTIONS = "record.child_actions"  # buttons under the child's name
HOME = "record.home"

HOME_HEADINGS = {
    Role.MASH: "Front door",
    Role.TEAM_MANAGER: "Your team's children",
    Role.PARTNER: "Children you work with",
    Role.DPO: "Data protection",
    Role.ANALYST: "The borough at a glance",
    Role.DIRECTOR: "The borough at a glance",
    Role.LADO: "Allegations against people who work with children",
}


@require_GET
def home(request):
    user = request.user
    context = {
        "heading": HOME_HEADINGS.get(user.role, "Your children"),
        "panels": registry.filled(HOME, user),
    }
    return render(request, "record/home.html", context)


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        query = SearchQuery(
            text=data["text"],
            date_of_birth=data["date_of_birth"],
            nhs_number=data["nhs_number"],
            upn=data["upn"],
        )
        try:
            results = person_search(user=request.user, query=query)
        except DomainError as error:
            form.add_domain_error(error)
    return render(request, "record/search.html", {"form": form, "results": results})


def _chronology_context(request, child: Person, *, partial: bool) -> dict:
    try:
        agency_id = int(request.GET.get("agency") or 0) or None
    except ValueError:
        agency_id = None
    filters = ChronologyFilters(agency_id=agency_id, kind=request.GET.get("kind", ""))
    read = chronology_read if partial else chronology_for_child
    entries = read(user=request.user, child=child, filters=filters)
    options = chronology_filter_options(user=request.user, child=child)
    paginator = Paginator(entries, CHRONOLOGY_PAGE_SIZE)
    paginator.count = options.count(filters)  # known already: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    return {"page": page, "filters": filters, "agencies": options.agencies, "kinds": options.kinds}


def _minimal_page(request, child: Person):
    try:
        view = minimal_view(user=request.user, child_id=child.pk)
    except DomainError as error:
        raise Http404(error.message) from error
    context = {
        "view": view,
        "can_break_glass": access.can(request.user, "break_glass", child),
        "break_glass_hours": settings.EVERYCHILD["BREAK_GLASS_HOURS"],
    }
    return render(request, "record/child_minimal.html", context)


@require_GET
def child_page(request, child_id: int):
    user = request.user
    actions, panels = registry.panels(CHILD_ACTIONS, user), registry.panels(CHILD, user)
    # The one-to-one records and figures the panels read come with the child (fewer queries).
    people = Person.objects.select_related("restriction")
    for panel in (*actions, *panels):
        if panel.prepare is not None:
            people = panel.prepare(people)
    child = child_for(user, child_id, action=None, queryset=people)
    if not access.can(user, "view", child):
        return _minimal_page(request, child)
    if request.htmx and request.htmx.target == "chronology":
        context = {"child": child, **_chronology_context(request, child, partial=True)}
        return render(request, "record/_chronology.html", context)
    record = child_record(user=user, child_id=child_id, child=child)
    can_edit = access.can(user, "edit", child)
    shown = {"child": child, "can_edit": can_edit}
    context = {
        "record": record,
        "child": record.child,
        # Only someone without a working relationship with the child reads it by breaking glass.
        "break_glass": None if can_edit else active_break_glass(user=user, child=child),
        "can_edit": can_edit,
        "actions": registry.filled(CHILD_ACTIONS, user, **shown),
        "panels": registry.filled(CHILD, user, **shown),
        **_chronology_context(request, child, partial=False),
    }
    return render(request, "record/child.html", context)
