from django.urls import path

from everychild.workforce import views

app_name = "workforce"
urlpatterns = [
    path("allocation/", views.awaiting, name="awaiting"),
    path("children/<int:child_id>/allocate/", views.allocate, name="allocate"),
    path("teams/<int:team_id>/caseloads/", views.caseloads, name="caseloads"),
]
