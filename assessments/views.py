"""The clinic's licensed PGQ wording: a clinic administrator loads it from a file she holds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from clinics.permissions import Action, may

from .forms import PgqWordingForm
from .models import PgqWording


def pgq_wording(request):
    """GET: which languages are loaded, and the upload form; POST: load one language."""
    if not may(request.membership, Action.LOAD_PGQ_WORDING):
        raise PermissionDenied
    form = PgqWordingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        PgqWording.objects.update_or_create(
            clinic=request.clinic, language=form.cleaned_data["language"],
            defaults={"items": form.cleaned_data["file"], "loaded_by": request.user},
        )
        messages.success(request, _("The PGQ wording is loaded. It is shown at entry instead of "
                                    "the short topics."))
        return redirect("assessments:pgq_wording")
    loaded = PgqWording.objects.for_clinic(request.clinic).select_related("loaded_by")
    return render(request, "assessments/pgq_wording.html", {"form": form, "loaded": loaded})
