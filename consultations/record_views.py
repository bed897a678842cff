"""Her record as a PDF (journaludskrift): for a request for access to her record, a transfer,
or a complaint. Everything the current clinic may see of her, signed notes only."""

from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.models import QuestionnaireResponse
from education.pdf import render_pdf, render_pdf_in_parts

from portal.clinician_views import report_rows, reports_for

from .access import get_patient_for, log_reports_read
from .models import Amendment, Consultation, Pregnancy, Referral
from .pdf_download import pdf_download, pdf_filename


def record_context(request, patient):
    clinic = request.clinic
    visible = Consultation.objects.for_clinic(clinic).filter(patient=patient)
    consultations = (
        visible.filter(status=Consultation.Status.SIGNED)
        .select_related("clinic", "clinician", "signed_by", "pregnancy")
        .prefetch_related(
            "test_results", "pain_scores", "red_flag_answers",
            Prefetch("questionnaires", QuestionnaireResponse.objects.select_related("recorded_by")),
            "programme_items__exercise", "handouts__issued_by",
            Prefetch("amendments", Amendment.objects.select_related("author")),
        )
        .order_by("seen_at", "pk")
    )
    return {
        "patient": patient,
        "clinic": clinic,
        "pregnancies": Pregnancy.objects.for_clinic(clinic).filter(patient=patient),
        "referrals": Referral.objects.filter(pregnancy__patient=patient)
        .filter(Q(from_clinic=clinic) | Q(to_clinic=clinic))
        .select_related("from_clinic", "to_clinic").order_by("created_at"),
        "consultations": consultations,
        # Her answers from home: after the notes, never inside a signed one.
        "patient_reports": report_rows(
            reports_for(clinic, patient).select_related("seen_by", "confirmed_in")
            .prefetch_related("pain_rows", "psfs_rows").order_by("submitted_at", "pk")),
        "drafts_left_out": visible.filter(status=Consultation.Status.DRAFT).count(),
        "printed_at": timezone.localtime(),
        "printed_by": request.user,
        "today": timezone.localdate(),
    }


# Consultations per part of a long record: forty long ones lay out in about 5 s, a quarter of
# the render limit (docs/performance.md, "Her full record").
RECORD_PART = 40


def record_pdf_bytes(request, patient):
    """Her record as PDF bytes: in one render, or for a long record in parts of RECORD_PART
    consultations, each rendered within the limits and joined with page numbers throughout."""
    context = record_context(request, patient)
    visits = list(context["consultations"])
    if len(visits) <= RECORD_PART:
        return render_pdf(render_to_string("consultations/record_print.html", context,
                                           request=request))
    starts = range(0, len(visits), RECORD_PART)
    parts = [
        render_to_string("consultations/record_print.html", {
            **context, "consultations": visits[start:start + RECORD_PART],
            "footers_apart": True, "continued": start > 0,
            "continues": start + RECORD_PART < len(visits),
        }, request=request)
        for start in starts
    ]
    footers = render_to_string("consultations/record_print_footers.html", context,
                               request=request)
    return render_pdf_in_parts(parts, footers)


@require_GET
def record_pdf(request, public_id):
    patient = get_patient_for(request, public_id)
    log_reports_read(request, [(patient, report)
                               for report in reports_for(request.clinic, patient)])
    name = pdf_filename("journal", timezone.localdate(), patient.public_id)
    return pdf_download(request, lambda: record_pdf_bytes(request, patient), name,
                        back=patient.get_absolute_url())
