from django.urls import path

from everychild.record import views

app_name = "record"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("children/<int:child_id>/", views.child_page, name="child"),
]
