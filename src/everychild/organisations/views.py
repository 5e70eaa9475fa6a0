from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from everychild.organisations import services
from everychild.organisations.forms import GovukPasswordChangeForm


@require_http_methods(["GET", "POST"])
def password_change(request):
    form = GovukPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.staff_password_change(staff=request.user, form=form)
        update_session_auth_hash(request, form.user)
        messages.success(request, "Your password has been changed.")
        return redirect("home")
    return render(request, "registration/password_change.html", {"form": form})
