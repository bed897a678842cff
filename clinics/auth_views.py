"""Sign-in with lockout and, where set up, a second factor; two-factor enrolment."""

import time

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations import cpr_crypto

from . import sessions, totp
from .forms import ThrottledAuthenticationForm, is_locked, record_failure
from .middleware import SIGNED_IN_AT
from .models import User
from .security_log import security_event
from .two_factor import confirm_device, replace_recovery_codes, verify_second_factor

PENDING = "pending_two_factor"
PENDING_SECONDS = 300
SETUP_SECRET = "two_factor_secret"
BACKEND = "clinics.backends.ClinicBackend"


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Code"), max_length=20,
                           widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                         "inputmode": "numeric", "autofocus": True}))


class SignInView(auth_views.LoginView):
    """Password first; with an authenticator app, the session is not signed in until the code."""

    authentication_form = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if user.has_two_factor:
            self.request.session[PENDING] = {"user": user.pk, "at": time.time(),
                                             "next": self.get_success_url()}
            security_event("password_accepted", self.request, username=user.get_username())
            return redirect("login_verify")
        response = super().form_valid(form)
        self.request.session[SIGNED_IN_AT] = time.time()
        sessions.register(self.request)
        security_event("signed_in", self.request, second_factor=False)
        return response


@login_not_required
def login_verify(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return redirect("login")
    user = User.objects.get(pk=pending["user"])
    form = CodeForm(request.POST or None)
    key = f"2fa:{user.pk}"
    if request.method == "POST" and form.is_valid():
        if is_locked(key, request):
            security_event("sign_in_locked", request, username=user.get_username())
            form.add_error("code", _("Too many failed attempts. Wait 15 minutes and try again, "
                                     "or ask your clinic administrator."))
        elif verify_second_factor(user=user, code=form.cleaned_data["code"]):
            del request.session[PENDING]
            login(request, user, backend=BACKEND)
            request.session[SIGNED_IN_AT] = time.time()
            sessions.register(request)
            security_event("signed_in", request, second_factor=True)
            return redirect(pending["next"])
        else:
            record_failure(key, request)
            security_event("two_factor_failed", request, username=user.get_username())
            form.add_error("code", _("The code is not right. Use the current code from your "
                                     "app, or one of your recovery codes."))
    return render(request, "registration/verify.html", {"form": form})


def two_factor_setup(request):
    """Set up an authenticator app: show the key, confirm with a first code."""
    if request.user.has_two_factor:
        return _new_recovery_codes(request)
    # The secret waiting for her first code is kept encrypted in the session too: the session
    # table holds no TOTP secret in the clear either.
    if SETUP_SECRET not in request.session:
        request.session[SETUP_SECRET] = cpr_crypto.encrypt(totp.new_secret())
    secret = cpr_crypto.decrypt(request.session[SETUP_SECRET])
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = confirm_device(user=request.user, secret=secret, code=form.cleaned_data["code"])
        if codes is not None:
            del request.session[SETUP_SECRET]
            security_event("two_factor_enabled", request)
            messages.success(request, _("Two-factor sign-in is on."))
            return render(request, "clinics/two_factor.html", {"enabled": True, "codes": codes})
        form.add_error("code", _("The code does not match. Check the time on your phone and "
                                 "enter the current code."))
    return render(request, "clinics/two_factor.html", {
        "enabled": False, "form": form, "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
        "uri": totp.provisioning_uri(secret, request.user.username),
        "required": getattr(request, "two_factor_required", False),
        "demo": settings.DEMO_MODE,
    })


MAX_CONFIRM_FAILURES = 5


def _new_recovery_codes(request):
    """New recovery codes only against a current code (ASVS 7.5.1: a stolen session alone
    cannot replace a sign-in factor); five wrong codes end the session."""
    form = CodeForm(request.POST if request.method == "POST" else None)
    codes = None
    if form.is_valid():
        if verify_second_factor(user=request.user, code=form.cleaned_data["code"]):
            request.session.pop("two_factor_failures", None)
            codes, form = replace_recovery_codes(user=request.user), CodeForm()
            security_event("recovery_codes_replaced", request)
        else:
            failures = request.session.get("two_factor_failures", 0) + 1
            security_event("two_factor_failed", request)
            if failures >= MAX_CONFIRM_FAILURES:
                security_event("signed_out_too_many_codes", request)
                logout(request)
                messages.warning(request, _("Too many wrong codes: you have been signed out."))
                return redirect("login")
            request.session["two_factor_failures"] = failures
            form.add_error("code", _("That code is not valid. Enter the current code from "
                                     "your authenticator app, or an unused recovery code."))
    return render(request, "clinics/two_factor.html",
                  {"enabled": True, "codes": codes, "form": form})
