from django.contrib.auth.forms import PasswordChangeForm

from everychild.core.forms import GovukFormMixin


class GovukPasswordChangeForm(GovukFormMixin, PasswordChangeForm):
    pass
