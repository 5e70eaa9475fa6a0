from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from everychild.access import selectors, services
from everychild.access.forms import BreakGlassForm, BreakGlassReviewForm
from everychild.access.selectors import child_for
from everychild.core.ui import run_service
from everychild.organisations.models import Staff

AUDIT_PAGE_SIZE = 50


@require_http_methods(["GET", "POST"])
def break_glass(request, child_id: int):
    child = child_for(request.user, child_id, "break_glass")
    form = BreakGlassForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.break_glass_open(user=request.user, child=child, **data),
        success="Emergency access granted. This use will be reviewed.",
        then=reverse("record:child", args=[child.pk]),
    )
    return done or render(request, "access/break_glass.html", {"child": child, "form": form})


@require_GET
def child_audit(request, child_id: int):
    selectors.require_dpo(request.user)  # first: anyone else gets the same answer for any id
    child = child_for(request.user, child_id, action=None)  # the DPO reads the audit only
    events = selectors.audit_for_child(user=request.user, child=child)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "access/child_audit.html", {"child": child, "page": page})


@require_GET
def staff_audit(request, staff_id: int):
    staff = get_object_or_404(Staff, pk=staff_id)
    events = selectors.audit_for_staff(user=request.user, staff=staff)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "access/staff_audit.html", {"staff": staff, "page": page})


@require_GET
def staff_list(request):
    text = request.GET.get("q", "").strip()[:100]
    staff = selectors.staff_for_audit(user=request.user, text=text)
    page = Paginator(staff, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    extra_query = f"&{urlencode({'q': text})}" if text else ""
    return render(
        request, "access/staff_list.html", {"page": page, "q": text, "extra_query": extra_query}
    )


@require_GET
def break_glass_log(request):
    show_all = request.GET.get("show") == "all"
    grants = selectors.break_glass_log(user=request.user, awaiting_review=not show_all)
    page = Paginator(grants, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "access/break_glass_log.html", {"page": page, "show_all": show_all})


@require_http_methods(["GET", "POST"])
def break_glass_review(request, grant_id: int):
    grants = selectors.break_glass_log(user=request.user, awaiting_review=False)
    grant = get_object_or_404(grants, pk=grant_id)
    form = BreakGlassReviewForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.break_glass_review(grant=grant, reviewed_by=request.user, **data),
        success="Review recorded.",
        then=reverse("access:break_glass_log"),
    )
    return done or render(request, "access/break_glass_review.html", {"grant": grant, "form": form})
