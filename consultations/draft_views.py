"""A draft in the background: autosave (JSON for static/js/autosave.js) and deleting a draft.

Autosave goes through the same forms, access checks and version check as the Save button;
a conflict or a signed record is reported, never resolved here.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clinics.permissions import Action
from pgp_clinic.retry import retry_once

from .access import (
    get_consultation_for,
    require_may,
    require_own_consultation,
)
from .consultation_views import latest_visit, new_consultation_for
from .forms import ConsultationForms
from .workflows import AlreadySigned, DraftHandedOut, EditConflict, delete_draft


def _busy(request):
    """Not saved this time (someone else was saving her record): autosave tries again."""
    return JsonResponse({"status": "busy", "message": _(
        "Not saved: someone else was saving her record at the same moment. Trying again.")},
        status=503)


@require_POST
@retry_once(_busy)
def autosave_new(request, public_id):
    """The first autosave of a new consultation creates the draft."""
    return _autosave(request, new_consultation_for(request, public_id))


@require_POST
@retry_once(_busy)
def autosave(request, public_id):
    consultation = get_consultation_for(request, public_id, for_editing=True)
    require_own_consultation(request, consultation)
    require_may(request, Action.RECORD)
    if consultation.is_signed:
        return _refused("signed", _("This consultation is signed; nothing was changed."))
    return _autosave(request, consultation)


def _autosave(request, consultation):
    # Last visit's values, as the page offers them: what she took over stays confirmed.
    forms = ConsultationForms(request.POST, consultation, latest_visit(request, consultation))
    if not forms.is_valid():
        return JsonResponse({"status": "invalid", "message": _("Not saved: correct the fields "
                             "marked"), "errors": _field_errors(forms)}, status=400)
    try:
        consultation = forms.save(by=request.user)
    except EditConflict:
        return _refused("conflict", _(
            "Someone else has saved this draft meanwhile, so it is no longer saved "
            "automatically. Press Save draft to see both versions; your changes stay in the form."))
    except AlreadySigned:
        return _refused("signed", _("Someone signed this consultation meanwhile; it was not "
                                    "changed."))
    saved_at = formats.time_format(timezone.localtime(consultation.updated_at), "H:i")
    return JsonResponse({
        "status": "saved", "version": consultation.version, "message": _("Saved %(time)s") % {
            "time": saved_at},
        "edit_url": reverse("consultations:consultation_edit", args=[consultation.public_id]),
        "autosave_url": reverse("consultations:consultation_autosave",
                                args=[consultation.public_id]),
        # The page's pain rows, by their index on the page, now name these saved rows.
        "pain_ids": _saved_pain_rows(forms.pain),
    })


def _saved_pain_rows(formset):
    """{index of the row on the page: id of its saved score} after a save (a row ticked for
    deletion, or left blank, has none)."""
    return {
        str(index): form.instance.pk for index, form in enumerate(formset.forms)
        if form.instance.pk and not formset._should_delete_form(form)
    }


def _refused(status, message):
    return JsonResponse({"status": status, "message": message}, status=409)


def _field_errors(forms):
    """Every field error by the field's name on the page."""
    errors = {}
    parts = [forms.main, forms.tests, forms.flags, *forms.pain.forms, *forms.programme.forms]
    for form in parts:
        for name, messages_ in form.errors.items():
            key = "__all__" if name == "__all__" else form.add_prefix(name)
            errors.setdefault(key, []).extend(messages_)
    for formset in (forms.pain, forms.programme):
        errors.setdefault("__all__", []).extend(formset.non_form_errors())
    return {key: value for key, value in errors.items() if value}


def draft_delete(request, public_id):
    """Ask first (GET), then delete her unsigned draft (POST): its author only."""
    consultation = get_consultation_for(request, public_id)
    require_own_consultation(request, consultation)
    require_may(request, Action.DELETE_DRAFT)
    if not consultation.may_be_deleted_by(request.user):
        raise PermissionDenied
    if request.method == "POST":
        try:
            delete_draft(consultation=consultation, by=request.user)
        except AlreadySigned:
            messages.error(request, _("Someone signed this consultation meanwhile; it stays."))
            return redirect(consultation)
        except DraftHandedOut:
            messages.error(request, _("A handout was given from this draft, so it stays in her "
                                      "record. Sign it, or correct it and sign."))
            return redirect(consultation)
        messages.success(request, _("The draft is deleted."))
        return redirect(consultation.patient)
    return render(request, "consultations/draft_delete.html",
                  {"consultation": consultation, "patient": consultation.patient})
