"""The FHIR export of one pregnancy episode as a download (docs/fhir.md)."""

import json

from django.db.models import Prefetch, Q
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from assessments.models import QuestionnaireResponse
from clinics.security_log import security_event
from consultations.access import get_patient_for, get_pregnancy_for, log_reports_read
from consultations.models import Consultation, Patient, Referral
from consultations.pdf_download import pdf_filename
from education.models import ProgrammeItem
from portal.models import PatientReport

from . import fhir

FHIR_JSON = "application/fhir+json; charset=utf-8"


def load_episode(request, patient, pregnancy, *, include_cpr):
    """The rows of one episode as the current clinic may see them: its signed consultations
    (drafts never leave the app) with all their parts, the referrals the clinic sent or
    received, and her answers from home on the clinic's own links (as her progress page shows
    them). Ten queries whatever the number of consultations and reports."""
    clinic = request.clinic
    consultations = (
        Consultation.objects.for_clinic(clinic).filter(pregnancy=pregnancy)
        .filter(status=Consultation.Status.SIGNED)
        .select_related("clinic", "clinician")
        .prefetch_related(
            "test_results", "pain_scores", "red_flag_answers",
            Prefetch("questionnaires", QuestionnaireResponse.objects.select_related("recorded_by")),
            Prefetch("programme_items", ProgrammeItem.objects.select_related("exercise")),
        )
        .order_by("seen_at", "pk")
    )
    referrals = (
        Referral.objects.filter(pregnancy=pregnancy)
        .filter(Q(from_clinic=clinic) | Q(to_clinic=clinic))
        .select_related("from_clinic", "to_clinic").order_by("created_at", "pk")
    )
    reports = PatientReport.objects.for_pregnancy(pregnancy).filter(clinic=clinic)
    return fhir.Episode(patient=patient, pregnancy=pregnancy, consultations=list(consultations),
                        referrals=list(referrals), reports=list(reports),
                        include_cpr=include_cpr)


@require_GET
def fhir_export(request, public_id, pregnancy_id):
    """Her CPR number goes into the file only when the clinician ticked it (cpr=1)."""
    patient = get_patient_for(request, public_id, Patient.objects.select_related("clinic"))
    pregnancy = get_pregnancy_for(request, patient, pregnancy_id)
    include_cpr = request.GET.get("cpr") == "1"
    episode = load_episode(request, patient, pregnancy, include_cpr=include_cpr)
    log_reports_read(request, [(patient, report) for report in episode.reports])
    # who took her episode out of the app, and whether with her CPR number (no patient data)
    security_event("episode_exported", request, format="fhir", cpr=include_cpr)
    body = json.dumps(fhir.bundle(episode), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type=FHIR_JSON)
    name = pdf_filename("fhir", timezone.localdate(), pregnancy.public_id)
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response
