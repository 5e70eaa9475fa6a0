from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from everychild.alerts import selectors, services
from everychild.alerts.forms import AlertCloseForm
from everychild.alerts.models import Alert
from everychild.core.ui import run_action


@require_GET
def alerts(request):
    closed = request.GET.get("show") == "closed"
    items = selectors.alerts_list(user=request.user, closed=closed)
    return render(
        request,
        "alerts/alerts.html",
        {"alerts": items, "closed": closed, "form": AlertCloseForm()},
    )


@require_http_methods(["POST"])
def close_alert(request, alert_id: int):
    alert = get_object_or_404(Alert, pk=alert_id)
    form = AlertCloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Say what the front door did about the alert.")
        return redirect("alerts:alerts")
    return run_action(
        request,
        lambda: services.alert_close(
            alert=alert, closed_by=request.user, note=form.cleaned_data["note"]
        ),
        success=lambda closed: f"Alert for {closed.child.full_name} closed.",
        then="alerts:alerts",
    )
