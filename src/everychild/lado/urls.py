from django.urls import path

from everychild.lado import views

app_name = "lado"
urlpatterns = [
    path("lado/allegations/", views.allegation_list, name="allegations"),
    path("lado/allegations/new/", views.receive, name="receive"),
    path("lado/allegations/<int:pk>/", views.allegation_page, name="allegation"),
    path(
        "lado/allegations/<int:pk>/access/<int:staff_id>/revoke/",
        views.access_revoke,
        name="access_revoke",
    ),
    path("lado/actions/<int:pk>/done/", views.action_done, name="action_done"),
    path("lado/dashboard/", views.dashboard, name="dashboard"),
    path("lado/engagement/", views.engagement, name="engagement"),
    path("lado/annual-report/", views.annual_report, name="annual_report"),
    path(
        "lado/annual-report/<int:year_ending>.xlsx",
        views.annual_workbook,
        name="annual_workbook",
    ),
]
