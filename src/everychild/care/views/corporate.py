"""The corporate parenting board's page: the figures for the children in care and the care
leavers, no child named."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from everychild.care.selectors.corporate import corporate_parenting
from everychild.care.selectors.permanence import SCORECARD_ROLES


@require_GET
def corporate_parenting_page(request):
    figures = corporate_parenting(user=request.user)
    context = {
        "figures": figures,
        "sections": [
            ("By legal status", figures.by_legal_status),
            ("By placement", figures.by_placement),
            ("By age", figures.by_age),
        ],
        "measure_tables": [
            ("Stability", figures.stability),
            ("Timeliness of the care plan", figures.timeliness),
        ],
        "sees_scorecard": request.user.role in SCORECARD_ROLES,
    }
    return render(request, "care/corporate_parenting.html", context)


urlpatterns = [
    path("care/corporate-parenting/", corporate_parenting_page, name="corporate_parenting"),
]
