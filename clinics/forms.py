import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SignInFailure
from .security_log import client_address, security_event

WINDOW = datetime.timedelta(minutes=15)
MAX_PER_USER_AND_ADDRESS = 5  # then that user name is locked from that address for a while
MAX_PER_USER = 20  # from all addresses together: stops guessing spread over many addresses


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form with a lockout per user name and address together."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed attempts. Wait 15 minutes and try again, or ask your "
                    "clinic administrator."),
    }

    def clean(self):
        username = (self.data.get("username") or "").strip().lower()[:150]
        if is_locked(username, self.request):
            security_event("sign_in_locked", self.request, username=username)
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            return super().clean()
        except forms.ValidationError:
            record_failure(username, self.request)
            security_event("sign_in_failed", self.request, username=username)
            raise


def is_locked(username, request):
    """Locked: too many recent failures for this user name from this address, or from all."""
    failures = SignInFailure.objects.recent(timezone.now() - WINDOW).filter(username=username)
    return (failures.filter(address=client_address(request)).count() >= MAX_PER_USER_AND_ADDRESS
            or failures.count() >= MAX_PER_USER)


def record_failure(username, request):
    SignInFailure.objects.create(username=username, address=client_address(request))
