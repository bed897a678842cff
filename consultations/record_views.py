"""Her record as a PDF (journaludskrift): for a request for access to her record, a transfer,
or a complaint. Everything the current clinic may see of her, signed notes only."""

from django.db.models import Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.models import QuestionnaireResponse
from education.pdf import render_pdf

from .access import get_patient_for
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
        "drafts_left_out": visible.filter(status=Consultation.Status.DRAFT).count(),
        "printed_at": timezone.localtime(),
        "printed_by": request.user,
        "today": timezone.localdate(),
    }


@require_GET
def record_pdf(request, public_id):
    patient = get_patient_for(request, public_id)
    name = pdf_filename("journal", timezone.localdate(), patient.public_id)

    def make():
        html = render_to_string("consultations/record_print.html",
                                record_context(request, patient), request=request)
        return render_pdf(html)

    return pdf_download(request, make, name, back=patient.get_absolute_url())
