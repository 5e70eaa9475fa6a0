from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from everychild import access
from everychild.access.selectors import active_break_glass
from everychild.care.selectors.child import care_status, with_care_status
from everychild.casework.models import Recommendation
from everychild.casework.selectors.panel import ChildCasework, child_casework
from everychild.chronology.selectors import (
    ChronologyFilters,
    chronology_filter_options,
    chronology_for_child,
    chronology_read,
)
from everychild.core.codes import ReasonForClosure, label_for
from everychild.core.errors import DomainError
from everychild.organisations.roles import CASE_HOLDERS, SOCIAL_CARE_ROLES, Role
from everychild.people.forms import SearchForm
from everychild.people.models import Person
from everychild.people.search import SearchQuery
from everychild.people.selectors import child_record, minimal_view, person_search

CHRONOLOGY_PAGE_SIZE = 50


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
    return render(request, "people/search.html", {"form": form, "results": results})


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


@require_GET
def child_page(request, child_id: int):
    # The one-to-one records the page reads come with the child (fewer queries).
    child = (
        with_care_status(Person.objects.filter(pk=child_id))
        .select_related("restriction", "transition_plan", "care_leaver")
        .first()
    )
    if child is None or not child.is_child:
        raise Http404("No such child.")
    if not access.can(request.user, "view", child):
        try:
            view = minimal_view(user=request.user, child_id=child_id)
        except DomainError as error:
            raise Http404(error.message) from error
        context = {
            "view": view,
            "can_break_glass": access.can(request.user, "break_glass", child),
            "break_glass_hours": settings.EVERYCHILD["BREAK_GLASS_HOURS"],
        }
        return render(request, "people/child_minimal.html", context)
    if request.htmx and request.htmx.target == "chronology":
        context = {"child": child, **_chronology_context(request, child, partial=True)}
        return render(request, "people/_chronology.html", context)
    record = child_record(user=request.user, child_id=child_id, child=child)
    casework = child_casework(user=request.user, child=child)
    can_edit = access.can(request.user, "edit", child)
    context = {
        "record": record,
        "child": record.child,
        # Only someone without a working relationship with the child reads it by breaking glass.
        "break_glass": None if can_edit else active_break_glass(user=request.user, child=child),
        "casework": casework,
        "referral_groups": _referral_groups(casework),
        "can_edit": can_edit,
        "is_manager": request.user.role == Role.TEAM_MANAGER,
        "is_chair": request.user.role == Role.CONFERENCE_CHAIR,
        "is_case_holder": request.user.role in CASE_HOLDERS,
        "care_status": care_status(child) if request.user.role in SOCIAL_CARE_ROLES else None,
        **_chronology_context(request, child, partial=False),
    }
    return render(request, "people/child.html", context)


def _referral_groups(casework: ChildCasework) -> list[dict]:
    """Each referral with its assessments, enquiries, plans and conferences (presentation)."""
    groups = []
    for referral in casework.referrals:

        def mine(records, referral_id=referral.pk):
            return [r for r in records if r.referral_id == referral_id]

        assessments, cin_plans = mine(casework.assessments), mine(casework.cin_plans)
        cp_plans, section47s = mine(casework.cp_plans), mine(casework.section47s)
        held = {c.section47_id for c in casework.conferences if c.section47_id}
        groups.append(
            {
                "referral": referral,
                "open": referral.closed_on is None,
                "closure_reason": label_for(ReasonForClosure, referral.closure_reason),
                "outcome": label_for(Recommendation, referral.outcome),
                "assessments": assessments,
                "section47s": section47s,
                "awaiting_icpc": [s for s in section47s if s.icpc_needed and s.pk not in held],
                "cin_plans": cin_plans,
                "cp_plans": cp_plans,
                "conferences": mine(casework.conferences),
                "assessment_under_way": any(a.authorised_on is None for a in assessments),
                "cin_plan_open": any(p.ended_on is None for p in cin_plans),
                "plans_open": any(p.ended_on is None for p in [*cin_plans, *cp_plans]),
            }
        )
    return groups
