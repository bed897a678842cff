"""How long her full record PDF takes with N long signed consultations (issue 12.7).

A measurement, not a test. Against a throwaway PostgreSQL:
    DJANGO_DEBUG=1 scripts/with-postgres sh -c '.venv/bin/python manage.py migrate -v0 && \
      .venv/bin/python manage.py shell -c "from scripts.bench_record_pdf import main; main(200)"'
Prints the HTML size, WeasyPrint's time in this process, and the time of the app's own render
(render_pdf: a child process killed after PDF_RENDER_LIMITS["seconds"]).
"""

import datetime
import time

from django.test import RequestFactory
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.models import PainScore
from clinics.models import Clinic, Membership, User
from consultations.models import Consultation, Patient, Pregnancy
from consultations.record_views import record_context
from education.pdf import _render, render_pdf

NOTE = ("Bækkensmerter ved gang og vending i sengen, værst om aftenen; hun har svært ved at "
        "stå på ét ben og at gå på trapper. ") * 6


def main(visits=200):
    clinic = Clinic.objects.create(name="PDF-bench Lægehus", kind="general_practice")
    user = User.objects.create_user("pdf-bench", password="pdf-bench-password-2026")
    Membership.objects.create(user=user, clinic=clinic, role="gp")
    patient = Patient(clinic=clinic, first_name="Karen", last_name="Jensen")
    patient.cpr = "1705930002"
    patient.save()
    pregnancy = Pregnancy.objects.create(patient=patient,
                                         edd=timezone.localdate() + datetime.timedelta(days=60))
    start = timezone.now() - datetime.timedelta(days=visits)
    for number in range(visits):
        seen = start + datetime.timedelta(days=number)
        visit = Consultation(
            patient=patient, pregnancy=pregnancy, clinic=clinic, clinician=user, kind="follow_up",
            seen_at=seen, status="signed", signed_by=user, signed_at=seen,
            history_notes=NOTE, palpation_notes=NOTE[:600], assessment_notes=NOTE,
            treatment_notes=NOTE[:600], activity_advice=NOTE[:600], plan_notes=NOTE,
            diagnosis="pgp_likely", pain_regions=["symphysis", "sij_left"])
        visit.snapshot_stage()
        visit.save()
        PainScore.objects.bulk_create([
            PainScore(consultation=visit, scale="nrs", context="now", value=number % 10),
            PainScore(consultation=visit, scale="nrs", context="worst_week", value=(number + 3) % 11)])
    request = RequestFactory().get("/")
    request.user, request.clinic = user, clinic
    at = time.perf_counter()
    html = render_to_string("consultations/record_print.html", record_context(request, patient),
                            request=request)
    html_seconds = time.perf_counter() - at
    at = time.perf_counter()
    pdf = _render(html)
    pdf_seconds = time.perf_counter() - at
    print(f"{visits} consultations: HTML {len(html) // 1024} kB in {html_seconds:.2f} s; "
          f"WeasyPrint {pdf_seconds:.1f} s, {len(pdf) // 1024} kB")
    at = time.perf_counter()
    try:
        render_pdf(html)
        print(f"render_pdf (the app's child process): {time.perf_counter() - at:.1f} s")
    except Exception as error:  # noqa: BLE001 (the limit is what is measured)
        print(f"render_pdf failed after {time.perf_counter() - at:.1f} s: {error!r}")
