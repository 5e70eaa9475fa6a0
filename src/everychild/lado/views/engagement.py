"""The engagement log: the LADO's awareness work with agencies and community groups."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from everychild.core import ui
from everychild.lado import selectors, services
from everychild.lado.forms import engagement as forms
from everychild.lado.views._common import PAGE_SIZE, lado_only, today


def _record(user, data: dict):
    return services.engagement_record(
        recorded_by=user,
        held_on=data["held_on"],
        sector=data["sector"],
        covered=data["covered"],
        organisation=data["organisation"],
        organisation_name="" if data["organisation"] else data["organisation_name"],
        people_reached=data["people_reached"],
    )


@require_http_methods(["GET", "POST"])
def engagement(request):
    user = request.user
    lado_only(user)
    form = forms.EngagementForm(request.POST or None, initial={"held_on": today()})
    done = ui.run_service(
        request,
        form,
        lambda data: _record(user, data),
        success="Engagement recorded.",
        then=reverse("lado:engagement"),
    )
    if done:
        return done
    page = Paginator(selectors.engagement_log(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "lado/engagement.html", {"form": form, "page": page})
