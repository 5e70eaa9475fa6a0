"""The service's URLs: sign-in, the home page, and every installed everychild app's own
`urls` module (found, not listed, so that a new app plugs in by being installed)."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from everychild.organisations import views as organisation_views
from everychild.record import views as record_views


def _app_urls() -> list:
    found = []
    for config in apps.get_app_configs():
        module = f"{config.name}.urls"
        if config.name.startswith("everychild.") and find_spec(module) is not None:
            found.append(path("", include(import_module(module))))
    return found


urlpatterns = [
    path("", record_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", organisation_views.password_change, name="password_change"),
    *_app_urls(),
    path("admin/", admin.site.urls),
]

handler403 = "everychild.core.views.forbidden"
handler404 = "everychild.core.views.not_found"
handler500 = "everychild.core.views.server_error"
