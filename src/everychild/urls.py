from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from everychild.core import views as core_views
from everychild.organisations import views as organisation_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", organisation_views.password_change, name="password_change"),
    path("", include("everychild.people.urls")),
    path("", include("everychild.access.urls")),
    path("", include("everychild.frontdoor.urls")),
    path("", include("everychild.casework.urls")),
    path("", include("everychild.workforce.urls")),
    path("", include("everychild.lado.urls")),
    path("", include("everychild.care.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "everychild.core.views.forbidden"
handler404 = "everychild.core.views.not_found"
handler500 = "everychild.core.views.server_error"
