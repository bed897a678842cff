"""Her own account: change her password, see and end her sessions; and the one-time link by
which an invited colleague sets her first password."""

import time

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from . import sessions, staff
from .auth_views import BACKEND
from .middleware import SIGNED_IN_AT
from .security_log import security_event


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's: her current password first, then the password policy on the new one. Her
    other sessions end (Django's session hash check) and their rows go too."""

    success_url = reverse_lazy("account_sessions")

    def form_valid(self, form):
        response = super().form_valid(form)
        others = sessions.active(self.request.user).exclude(
            session_key=self.request.session.session_key).values_list("session_key", flat=True)
        sessions.end(self.request.user, session_keys=list(others))
        security_event("password_changed", self.request)
        messages.success(self.request, _("Your password is changed; your other sessions "
                                         "are ended."))
        return response


@require_safe
def account_sessions(request):
    return render(request, "clinics/sessions.html", {
        "sessions": sessions.active(request.user), "current": request.session.session_key})


@require_POST
def account_session_end(request, pk):
    row = get_object_or_404(sessions.active(request.user), pk=pk)
    current = row.session_key == request.session.session_key
    sessions.end(request.user, session_keys=[row.session_key])
    security_event("session_ended", request, current=current)
    if current:
        logout(request)
        return redirect("login")
    messages.success(request, _("The session is ended."))
    return redirect("account_sessions")


@login_not_required
@never_cache
def welcome(request, token):
    """An invited colleague chooses her password (Django's SetPasswordForm, so the password
    policy applies), and is signed in; her clinic then asks for her authenticator app."""
    invitation = staff.open_invitation(token)
    if invitation is None or request.user.is_authenticated:
        return render(request, "clinics/welcome_invalid.html",
                      {"signed_in": request.user.is_authenticated}, status=404)
    form = SetPasswordForm(invitation.user, request.POST or None)
    if request.method == "POST" and form.is_valid() and staff.accept(invitation=invitation,
                                                                      password_form=form):
        login(request, invitation.user, backend=BACKEND)
        request.session[SIGNED_IN_AT] = time.time()
        sessions.register(request)
        security_event("invitation_accepted", request)
        return redirect("dashboard")
    return render(request, "clinics/welcome.html", {"form": form, "invitation": invitation})
