"""Staff administration: invite a colleague, change her role, deactivate her, reset her
second factor, and the clinic's two-factor rule. Workflow functions, called alike from the
views and from `manage.py create_clinic`; each writes its act to the change history
(consultations_historyentry, no patient) and returns what the caller logs or shows.

An invited colleague's account exists from the invitation on, inactive and without a usable
password, until she follows the one-time link and chooses her password.
"""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consultations.models import HistoryEntry

from . import sessions
from .models import Invitation, Membership, RecoveryCode, TwoFactorDevice, User

INVITATION_LIFETIME = datetime.timedelta(hours=72)
USER_TABLE, CLINIC_TABLE = "clinics_user", "clinics_clinic"


ACTS = {
    "invited": _("Invited"), "joined": _("Set her password (link used)"),
    "new_link": _("New set-up link"), "role_changed": _("Role changed"),
    "deactivated": _("Deactivated"), "reactivated": _("Reactivated"),
    "two_factor_reset": _("Second factor reset"),
    "two_factor_policy": _("Two-factor rule changed"), "clinic_created": _("Clinic created"),
}


def describe(entry):
    """(what, detail) of a staff history entry, for people to read."""
    new = entry.new_values or {}
    act = new.get("act", "")
    detail = ""
    if "role" in new:
        detail = Membership.Role(new["role"]).label
    elif act == "two_factor_policy":
        detail = _("required") if new.get("require_two_factor") else new.get("reason", "")
    return ACTS.get(act, act), detail


def _digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def record_change(*, table, row_id, by, clinic, old, new):
    """One row of the change history for a staff or clinic act (the clinic is in new_values,
    so a clinic's administrator sees her clinic's acts only)."""
    HistoryEntry.objects.create(
        table_name=table, row_id=row_id, operation="update", old_values=old,
        new_values={**new, "clinic": clinic.pk}, actor_id=by.pk if by else None,
        patient_id=None, changed_at=timezone.now())


def staff_history(clinic):
    """The clinic's staff and settings acts, newest first."""
    return HistoryEntry.objects.filter(table_name__in=(USER_TABLE, CLINIC_TABLE),
                                       patient_id__isnull=True, new_values__clinic=clinic.pk)


@transaction.atomic
def invite(*, clinic, by, username, first_name, last_name, role):
    """Make her account (inactive until she sets a password) and her membership; return the
    membership and the one-time token of her link (shown once, only its digest is kept)."""
    user = User(username=username, first_name=first_name, last_name=last_name, is_active=False)
    user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(user=user, clinic=clinic, role=role)
    token = new_link(membership=membership, by=by)
    record_change(table=USER_TABLE, row_id=user.pk, by=by, clinic=clinic, old=None,
                  new={"act": "invited", "username": username, "role": role})
    return membership, token


def new_link(*, membership, by):
    """A fresh one-time link for a colleague who has not yet set her password; older unused
    links stop working."""
    Invitation.objects.filter(user=membership.user, used_at__isnull=True).update(
        expires_at=timezone.now())
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(clinic=membership.clinic, user=membership.user, created_by=by,
                              token_digest=_digest(token),
                              expires_at=timezone.now() + INVITATION_LIFETIME)
    return token


def open_invitation(token):
    """The unused, unexpired invitation a token belongs to, or None."""
    return (Invitation.objects.select_related("user", "clinic")
            .filter(token_digest=_digest(token or ""), used_at__isnull=True,
                    expires_at__gt=timezone.now()).first())


@transaction.atomic
def accept(*, invitation, password_form):
    """She chose her password (a valid SetPasswordForm for invitation.user): the account is
    active and the link is spent. False if someone spent it meanwhile."""
    spent = Invitation.objects.filter(pk=invitation.pk, used_at__isnull=True).update(
        used_at=timezone.now())
    if not spent:
        return False
    user = password_form.save(commit=False)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    record_change(table=USER_TABLE, row_id=user.pk, by=user, clinic=invitation.clinic,
                  old={"active": False}, new={"act": "joined", "active": True})
    return True


def is_pending(membership):
    """Invited, and she has not yet set her password."""
    return not membership.user.has_usable_password()


@transaction.atomic
def change_role(*, membership, role, by):
    old = membership.role
    membership.role = role
    membership.save(update_fields=["role"])
    record_change(table=USER_TABLE, row_id=membership.user_id, by=by, clinic=membership.clinic,
                  old={"role": old}, new={"act": "role_changed", "role": role})


@transaction.atomic
def deactivate(*, membership, by):
    """She no longer works here: the membership is kept (her records name her) but ends; if she
    works nowhere else her account is switched off. Every session of hers ends now."""
    membership.deactivated_at, membership.deactivated_by = timezone.now(), by
    membership.save(update_fields=["deactivated_at", "deactivated_by"])
    user = membership.user
    if not Membership.objects.active().filter(user=user).exists():
        user.is_active = False
        user.save(update_fields=["is_active"])
    Invitation.objects.filter(user=user, used_at__isnull=True).update(expires_at=timezone.now())
    ended = sessions.end(user)
    record_change(table=USER_TABLE, row_id=user.pk, by=by, clinic=membership.clinic,
                  old={"active": True}, new={"act": "deactivated", "active": False})
    return ended


@transaction.atomic
def reactivate(*, membership, by):
    membership.deactivated_at = membership.deactivated_by = None
    membership.save(update_fields=["deactivated_at", "deactivated_by"])
    user = membership.user
    if user.has_usable_password() and not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    record_change(table=USER_TABLE, row_id=user.pk, by=by, clinic=membership.clinic,
                  old={"active": False}, new={"act": "reactivated", "active": True})


@transaction.atomic
def reset_two_factor(*, membership, by):
    """Her authenticator app and recovery codes are removed and her sessions end: she enrols
    again at her next sign-in (the clinic requires it)."""
    user = membership.user
    TwoFactorDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    sessions.end(user)
    record_change(table=USER_TABLE, row_id=user.pk, by=by, clinic=membership.clinic,
                  old={"two_factor": True}, new={"act": "two_factor_reset", "two_factor": False})


@transaction.atomic
def set_two_factor_policy(*, clinic, required, reason, by):
    """Require two-factor sign-in, or turn the requirement off with a recorded reason."""
    old = {"require_two_factor": clinic.require_two_factor, "reason": clinic.two_factor_off_reason}
    clinic.require_two_factor = required
    clinic.two_factor_off_reason = "" if required else reason
    clinic.save(update_fields=["require_two_factor", "two_factor_off_reason"])
    record_change(table=CLINIC_TABLE, row_id=clinic.pk, by=by, clinic=clinic, old=old,
                  new={"act": "two_factor_policy", "require_two_factor": required,
                       "reason": clinic.two_factor_off_reason})


def admins_left(clinic, *, without):
    """Active administrators of the clinic other than this membership."""
    return (Membership.objects.active().filter(clinic=clinic, role=Membership.Role.CLINIC_ADMIN)
            .exclude(pk=without.pk).count())
