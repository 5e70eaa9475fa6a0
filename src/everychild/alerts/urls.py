from django.urls import path

from everychild.alerts import views

app_name = "alerts"
urlpatterns = [
    path("front-door/alerts/", views.alerts, name="alerts"),
    path("front-door/alerts/<int:alert_id>/close/", views.close_alert, name="close_alert"),
]
