from django.urls import path

from everychild.access import views

app_name = "access"
urlpatterns = [
    path("children/<int:child_id>/break-glass/", views.break_glass, name="break_glass"),
    path("audit/children/<int:child_id>/", views.child_audit, name="child_audit"),
    path("audit/staff/", views.staff_list, name="staff_list"),
    path("audit/staff/<int:staff_id>/", views.staff_audit, name="staff_audit"),
    path("audit/break-glass/", views.break_glass_log, name="break_glass_log"),
    path("audit/break-glass/<int:grant_id>/", views.break_glass_review, name="break_glass_review"),
]
