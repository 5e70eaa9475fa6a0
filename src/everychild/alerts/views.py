from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from everychild.alerts import selectors, services
from everychild.alerts.forms import AlertCloseForm
from everychild.alerts.models import Alert
from everychild.core.errors import DomainError


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
    if form.is_valid():
        try:
            services.alert_close(
                alert=alert, closed_by=request.user, note=form.cleaned_data["note"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Alert for {alert.child.full_name} closed.")
    else:
        messages.error(request, "Say what the front door did about the alert.")
    return redirect("alerts:alerts")
