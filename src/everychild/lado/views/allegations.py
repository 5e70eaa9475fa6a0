"""The allegations list: the LADO's caseload, or the allegations someone is named on."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from everychild.lado import selectors, services
from everychild.lado.models import Sector, Stage
from everychild.lado.views import _common
from everychild.lado.views._common import PAGE_SIZE, age_in_words

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
    today = _common.today()
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
        "subject": selectors.subject_of_list(user=user, subject=subject),
        "statuses": _STATUSES.items(),
        "stages": Stage.choices,
        "sectors": Sector.choices,
        "is_lado": services.is_lado(user),
    }
    return render(request, "lado/allegation_list.html", context)
