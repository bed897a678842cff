"""The progress view of her current pregnancy episode, on screen and as a PDF report."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from education.pdf import render_pdf

from .access import get_patient_for
from .models import Consultation, Pregnancy
from .progress import build_progress


def _progress_context(request, patient):
    pregnancy = Pregnancy.objects.for_clinic(request.clinic).filter(patient=patient).first()
    visits = (
        Consultation.objects.for_clinic(request.clinic)
        .filter(pregnancy=pregnancy)
        .select_related("clinician", "clinic")
        .prefetch_related("pain_scores", "test_results", "questionnaires")
    ) if pregnancy else []
    progress = build_progress(list(visits), pregnancy, delivery_label=_("Birth"),
                              important_label=_("Clinically important change")) if pregnancy else None
    return {"patient": patient, "pregnancy": pregnancy, "progress": progress,
            "today": timezone.localdate()}


@require_GET
def progress(request, public_id):
    patient = get_patient_for(request, public_id)
    return render(request, "consultations/progress.html", _progress_context(request, patient))


@require_GET
def progress_pdf(request, public_id):
    patient = get_patient_for(request, public_id)
    html = render_to_string("consultations/progress_report.html",
                            _progress_context(request, patient), request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    name = slugify(f"progress-{patient.full_name}-{timezone.localdate():%Y-%m-%d}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
