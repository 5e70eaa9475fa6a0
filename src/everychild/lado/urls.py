from django.urls import path

from everychild.lado.views import allegation, allegations, engagement, receive, reports

app_name = "lado"
urlpatterns = [
    path("lado/allegations/", allegations.allegation_list, name="allegations"),
    path("lado/allegations/new/", receive.receive, name="receive"),
    path("lado/allegations/<int:pk>/", allegation.allegation_page, name="allegation"),
    path(
        "lado/allegations/<int:pk>/access/<int:staff_id>/revoke/",
        allegation.access_revoke,
        name="access_revoke",
    ),
    path("lado/actions/<int:pk>/done/", allegation.action_done, name="action_done"),
    path("lado/dashboard/", reports.dashboard, name="dashboard"),
    path("lado/engagement/", engagement.engagement, name="engagement"),
    path("lado/annual-report/", reports.annual_report, name="annual_report"),
    path(
        "lado/annual-report/<int:year_ending>.xlsx",
        reports.annual_workbook,
        name="annual_workbook",
    ),
]
