from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    """Django's backend, fetching the signed-in user's organisation with them: every page's
    header names it, so this saves a query on every page."""

    def get_user(self, user_id):
        user = (
            get_user_model()
            ._default_manager.select_related("organisation")
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None
