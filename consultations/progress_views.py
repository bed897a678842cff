"""The progress view of her current pregnancy episode, on screen and as a PDF report."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from education.pdf import render_pdf

from .access import get_patient_for
from .pdf_download import pdf_download, pdf_filename
from .models import Consultation, Pregnancy
from .progress import build_progress


PRINT_CHART_SIZE = (380, 230)  # two to a row on A4, the text about 7 pt


def progress_context(clinic, patient, *, for_print=False):
    """The progress view as the clinic may see it (also used to render the report offline)."""
    pregnancy = Pregnancy.objects.for_clinic(clinic).filter(patient=patient).first()
    visits = (
        Consultation.objects.for_clinic(clinic)
        .filter(pregnancy=pregnancy)
        .select_related("clinician", "clinic")
        .prefetch_related("pain_scores", "test_results", "questionnaires",
                          "programme_items__exercise")
    ) if pregnancy else []
    size = PRINT_CHART_SIZE if for_print else (640, 220)
    progress = build_progress(list(visits), pregnancy, delivery_label=_("Birth"),
                              important_label=_("Clinically important change"),
                              chart_size=size) if pregnancy else None
    return {"patient": patient, "pregnancy": pregnancy, "progress": progress, "clinic": clinic,
            "today": timezone.localdate()}


@require_GET
def progress(request, public_id):
    patient = get_patient_for(request, public_id)
    return render(request, "consultations/progress.html", progress_context(request.clinic, patient))


@require_GET
def progress_pdf(request, public_id):
    patient = get_patient_for(request, public_id)
    name = pdf_filename("progress", timezone.localdate(), patient.public_id)
    return pdf_download(request, lambda: render_progress_pdf(request.clinic, patient), name,
                        back=reverse("consultations:progress", args=[patient.public_id]))


def render_progress_pdf(clinic, patient):
    html = render_to_string("consultations/progress_report.html",
                            progress_context(clinic, patient, for_print=True))
    return render_pdf(html)
