from django.urls import path

from everychild.frontdoor import views

app_name = "frontdoor"
urlpatterns = [
    path("concerns/new/", views.raise_concern, name="raise_concern"),
    path("concerns/mine/", views.my_concerns, name="my_concerns"),
    path("requests/", views.agency_requests, name="agency_requests"),
    path("requests/<int:request_id>/", views.respond, name="respond"),
    path("front-door/", views.queue, name="queue"),
    path("front-door/contacts/<int:contact_id>/", views.contact_page, name="contact"),
    path("children/<int:child_id>/contacts/new/", views.record_contact, name="record_contact"),
]
