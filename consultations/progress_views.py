"""The progress view of her current pregnancy episode, on screen and as a PDF report."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from education.pdf import render_pdf

from pgp_clinic.prepared import PreparedQuery, with_any
from portal.models import PatientReport
from portal.reports import pain_lines, pain_series, pgq_series, worsening_lines

from .access import get_patient_for, log_reports_read, per_owner
from .pdf_download import pdf_download, pdf_filename
from .models import TIMELINE_SHOWN, Consultation, Pregnancy
from .progress import build_progress


PRINT_CHART_SIZE = (380, 230)  # two to a row on A4, the text about 7 pt


def progress_context(clinic, patient, *, for_print=False):
    """The progress view as the clinic may see it (also used to render the report offline)."""
    owner, her = patient.clinic_id == clinic.pk, {"clinic": clinic.pk, "patient": patient.pk}
    pregnancy = CURRENT_EPISODE[owner].first(**her)
    visits = VISITS[owner].list(**her, pregnancy=pregnancy.pk) if pregnancy else []
    size = PRINT_CHART_SIZE if for_print else (640, 220)
    reports = reports_for_chart(clinic, pregnancy)
    progress = build_progress(list(visits), pregnancy, delivery_label=_("Birth"),
                              important_label=_("Clinically important change"),
                              chart_size=size, reported=reported_series(reports, pregnancy),
                              reported_label=_("filled in by the patient")) if pregnancy else None
    return {"patient": patient, "pregnancy": pregnancy, "progress": progress, "clinic": clinic,
            "today": timezone.localdate(), "reports": reports,
            "reported_rows": [(report, pain_lines(report), worsening_lines(report.worsening))
                              for report in reversed(reports)]}


# What the progress view shows of a visit (its charts, tables and the current plan): a whole
# visit row is ~70 columns, and building their SQL was a good part of the page's time.
PROGRESS_SHOWN = (
    *TIMELINE_SHOWN, "treatments", "pelvic_belt", "referral", "follow_up_on",
)


# Her newest episode and its visits, prepared once per process (access.per_owner).
CURRENT_EPISODE = per_owner(
    lambda clinic, patient: Pregnancy.objects.of_patient_for(clinic, patient)[:1])
VISITS = per_owner(  # her visits' tests, questionnaires and programmes read only if any
    lambda clinic, patient, pregnancy: with_any(
        Consultation.objects.of_patient_for(clinic, patient).filter(pregnancy=pregnancy),
        "test_results", "questionnaires", "programme_items")
    .select_related("clinician", "clinic").only(*PROGRESS_SHOWN)
    .prefetch_related("pain_scores", "test_results", "questionnaires", "programme_items__exercise"),
    pregnancy=int)


def reports_for_chart(clinic, pregnancy):
    """Her answers from home to this clinic's links in the episode, oldest first (3 queries)."""
    if pregnancy is None:
        return []
    return CHART_REPORTS.list(pregnancy=pregnancy.pk, clinic=clinic.pk)


CHART_REPORTS = PreparedQuery(
    lambda pregnancy, clinic: PatientReport.objects.for_pregnancy(pregnancy).filter(clinic=clinic)
    .as_shown(), pregnancy=int, clinic=int)


def reported_series(reports, pregnancy):
    def local_day(moment):
        return timezone.localtime(moment).date()

    return {"pain": pain_series(reports, pregnancy, local_day),
            "pgq": pgq_series(reports, pregnancy, local_day)}


@require_GET
def progress(request, public_id):
    patient = get_patient_for(request, public_id)
    context = progress_context(request.clinic, patient)
    log_reports_read(request, [(patient, report) for report in context["reports"]])
    return render(request, "consultations/progress.html", context)


@require_GET
def progress_pdf(request, public_id):
    patient = get_patient_for(request, public_id)
    pregnancy = Pregnancy.objects.of_patient_for(request.clinic, patient).first()
    log_reports_read(request, [(patient, report)
                               for report in reports_for_chart(request.clinic, pregnancy)])
    name = pdf_filename("progress", timezone.localdate(), patient.public_id)
    return pdf_download(request, lambda: render_progress_pdf(request.clinic, patient), name,
                        back=reverse("consultations:progress", args=[patient.public_id]))


def render_progress_pdf(clinic, patient):
    html = render_to_string("consultations/progress_report.html",
                            progress_context(clinic, patient, for_print=True))
    return render_pdf(html)
