from django.urls import reverse

from everychild.core import registry
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role


def _navigation(user) -> list[tuple[str, str]]:
    """The service navigation: what each installed app registered for this user's role.
    An administrator's work is in the admin site, so they see only what is registered for
    administrators (and so does a superuser, whatever their role)."""
    if not user.is_authenticated:
        return []
    items = registry.navigation(user)
    if user.is_superuser or user.role == Role.ADMINISTRATOR:
        items = [
            i
            for i in registry.nav_items()
            if i.url_name == "home" or (i.roles and Role.ADMINISTRATOR in i.roles)
        ]
    return [(i.text, reverse(i.url_name) + i.query) for i in items]


def navigation(request):
    user = request.user
    path = request.path
    nav = [
        {
            "text": text,
            "href": href,
            "active": href == path or (href != "/" and path.startswith(href)),
        }
        for text, href in _navigation(user)
    ]
    return {
        "navigation": nav,
        "is_social_care": getattr(user, "role", None) in SOCIAL_CARE_ROLES,
    }
