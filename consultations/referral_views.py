"""Referral of a pregnancy episode to a physiotherapy clinic, and its closing."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from clinics.models import Clinic
from clinics.permissions import Action

from .access import get_patient_for, get_referral_for, require_may, require_owner
from .forms import ReferralForm
from .workflows import close_referral, open_referral


@require_POST
def referral_create(request, public_id):
    patient = get_patient_for(request, public_id)
    require_owner(request, patient)
    require_may(request, Action.REFER)
    pregnancy = patient.current_pregnancy
    form = ReferralForm(request.POST, from_clinic=request.clinic, pregnancy=pregnancy)
    if pregnancy is not None and form.is_valid():
        referral = open_referral(form=form, pregnancy=pregnancy, by=request.user,
                                 clinic=request.clinic)
        messages.success(request, _("She is referred to %(clinic)s.") % {
            "clinic": referral.to_clinic})
    else:
        for error in form.errors.get("to_clinic", []) or [_("Choose a physiotherapy clinic.")]:
            messages.error(request, error)
    return redirect(patient)


@require_POST
def referral_close(request, public_id):
    referral = get_referral_for(request, public_id)
    require_may(request, Action.CLOSE_REFERRAL)
    if close_referral(referral=referral, by=request.user):
        messages.success(request, _("The referral is closed."))
    else:
        messages.info(request, _("The referral was already closed; it is left as it was."))
    patient = referral.pregnancy.patient
    if referral.to_clinic_id == request.clinic.pk:
        return redirect("dashboard")
    return redirect(patient)


@require_safe
def referral_targets(request):
    """The referral form's clinic choices for a search (the typeahead's fragment): at most
    ten physiotherapy clinics whose name contains the text."""
    require_may(request, Action.REFER)
    text = request.GET.get("clinic_q", "")[:100]
    return render(request, "consultations/_clinic_choices.html", {
        "clinic_choices": Clinic.objects.referral_targets(text, exclude=request.clinic),
        "clinic_q": text})
