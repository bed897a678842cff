import datetime
import unicodedata

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import SignInFailure
from .security_log import client_address, security_event

WINDOW = datetime.timedelta(minutes=15)
MAX_PER_USER_AND_ADDRESS = 5  # then that user name is locked from that address for a while
MAX_PER_USER = 20  # from all addresses together: stops guessing spread over many addresses
USERNAME_MAX_LENGTH = 150


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form with a lockout per user name and address together."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed attempts. Wait 15 minutes and try again, or ask your "
                    "clinic administrator."),
    }

    def clean(self):
        username = sign_in_key(self.data.get("username"))
        if is_locked(username, self.request):
            security_event("sign_in_locked", self.request, username=username)
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            return super().clean()
        except forms.ValidationError:
            record_failure(username, self.request)
            security_event("sign_in_failed", self.request, username=username)
            raise


def sign_in_key(typed):
    """The account a typed user name reaches, as failures are counted and logged.

    Exactly what Django authenticates (UsernameField: surrounding whitespace stripped, then
    NFKC, so a fullwidth "ｄemo" is "demo"), then case-folded so that case variants count
    together too; every spelling that can sign in as an account shares its counter. A name
    longer than the field cannot sign in at all; it is cut so the table can hold it.
    """
    value = str(typed or "").strip()
    if len(value) <= USERNAME_MAX_LENGTH:
        value = unicodedata.normalize("NFKC", value).strip()
    return value.casefold()[:USERNAME_MAX_LENGTH]


def is_locked(username, request):
    """Locked: too many recent failures for this user name from this address, or from all."""
    failures = SignInFailure.objects.recent(timezone.now() - WINDOW).filter(username=username)
    return (failures.filter(address=client_address(request)).count() >= MAX_PER_USER_AND_ADDRESS
            or failures.count() >= MAX_PER_USER)


def record_failure(username, request):
    SignInFailure.objects.create(username=username, address=client_address(request))
