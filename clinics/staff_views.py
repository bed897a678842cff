"""Staff administration for a clinic administrator (clinics/staff.py does the work).

Every view asks the permission table first (403 for anyone but an administrator), then finds
the colleague among her own clinic's staff only (404 for anyone else's).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from consultations.access import require_may

from . import staff
from .models import Invitation, Membership, User
from .permissions import Action
from .security_log import security_event
from .staff_forms import InviteForm, RoleForm, TwoFactorPolicyForm


def _member(request, username):
    require_may(request, Action.MANAGE_STAFF)
    return get_object_or_404(Membership.objects.select_related("user", "clinic"),
                             clinic=request.clinic, user__username=username)


def _log(event, request, membership):
    security_event(event, request, member=membership.user.get_username())


@require_safe
def staff_list(request):
    require_may(request, Action.MANAGE_STAFF)
    members = Membership.objects.staff_of(request.clinic)
    history = list(staff.staff_history(request.clinic)[:100])
    actors = User.objects.in_bulk({entry.actor_id for entry in history} - {None})
    users = User.objects.in_bulk({entry.row_id for entry in history
                                  if entry.table_name == staff.USER_TABLE})
    rows = [(entry, actors.get(entry.actor_id),
             users.get(entry.row_id) if entry.table_name == staff.USER_TABLE else None,
             *staff.describe(entry)) for entry in history]
    return render(request, "clinics/staff_list.html", {"members": members, "history": rows})


def staff_invite(request):
    require_may(request, Action.MANAGE_STAFF)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        membership, token = staff.invite(clinic=request.clinic, by=request.user, **form.cleaned_data)
        _log("staff_invited", request, membership)
        return _show_link(request, membership, token)
    return render(request, "clinics/staff_invite.html", {"form": form})


def _show_link(request, membership, token):
    """The one-time link, shown in this response only (never stored, never in a message)."""
    link = request.build_absolute_uri(reverse("welcome", args=[token]))
    return render(request, "clinics/staff_link.html", {
        "membership": membership, "link": link, "hours": int(staff.INVITATION_LIFETIME.total_seconds() // 3600)})


@require_safe
def staff_member(request, username):
    membership = _member(request, username)
    invitation = Invitation.objects.filter(user=membership.user, used_at__isnull=True).order_by(
        "-created_at").first()
    return render(request, "clinics/staff_member.html", {
        "member": membership, "role_form": RoleForm(initial={"role": membership.role}),
        "pending": staff.is_pending(membership), "invitation": invitation,
        "is_self": membership.user_id == request.user.pk})


@require_POST
def staff_role(request, username):
    membership = _member(request, username)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles."))
    elif _would_leave_no_admin(membership) and form.cleaned_data["role"] != membership.role:
        messages.error(request, _("The clinic needs an active administrator: make someone "
                                  "else administrator first."))
    elif form.cleaned_data["role"] != membership.role:
        staff.change_role(membership=membership, role=form.cleaned_data["role"], by=request.user)
        _log("staff_role_changed", request, membership)
        messages.success(request, _("The role is changed."))
    return redirect("clinics:staff_member", username=username)


def _would_leave_no_admin(membership):
    return (membership.role == Membership.Role.CLINIC_ADMIN and membership.is_active
            and staff.admins_left(membership.clinic, without=membership) == 0)


@require_POST
def staff_deactivate(request, username):
    membership = _member(request, username)
    if membership.user_id == request.user.pk or _would_leave_no_admin(membership):
        messages.error(request, _("You cannot deactivate yourself or the clinic's last "
                                  "administrator."))
    elif membership.is_active:
        staff.deactivate(membership=membership, by=request.user)
        _log("staff_deactivated", request, membership)
        messages.success(request, _("%(name)s is deactivated and signed out everywhere.")
                         % {"name": membership.user})
    return redirect("clinics:staff_member", username=username)


@require_POST
def staff_reactivate(request, username):
    membership = _member(request, username)
    if not membership.is_active:
        staff.reactivate(membership=membership, by=request.user)
        _log("staff_reactivated", request, membership)
        messages.success(request, _("%(name)s is active again.") % {"name": membership.user})
    return redirect("clinics:staff_member", username=username)


@require_POST
def staff_reset_two_factor(request, username):
    membership = _member(request, username)
    staff.reset_two_factor(membership=membership, by=request.user)
    _log("two_factor_reset", request, membership)
    messages.success(request, _("Her second factor is reset: she sets up her authenticator app "
                                "again when she next signs in."))
    return redirect("clinics:staff_member", username=username)


@require_POST
def staff_new_link(request, username):
    membership = _member(request, username)
    if not (staff.is_pending(membership) and membership.is_active):
        messages.error(request, _("She has already set her password."))
        return redirect("clinics:staff_member", username=username)
    token = staff.new_link(membership=membership, by=request.user)
    staff.record_change(table=staff.USER_TABLE, row_id=membership.user_id, by=request.user,
                        clinic=request.clinic, old=None, new={"act": "new_link"})
    _log("staff_link_renewed", request, membership)
    return _show_link(request, membership, token)


def two_factor_policy(request):
    require_may(request, Action.MANAGE_STAFF)
    clinic = request.clinic
    form = TwoFactorPolicyForm(request.POST or None, initial={
        "require_two_factor": clinic.require_two_factor, "reason": clinic.two_factor_off_reason})
    if request.method == "POST" and form.is_valid():
        staff.set_two_factor_policy(clinic=clinic, by=request.user,
                                    required=form.cleaned_data["require_two_factor"],
                                    reason=form.cleaned_data["reason"].strip())
        security_event("two_factor_policy_changed", request,
                       required=clinic.require_two_factor)
        messages.success(request, _("The two-factor rule is saved."))
        return redirect("clinics:staff_list")
    return render(request, "clinics/two_factor_policy.html", {"form": form})
