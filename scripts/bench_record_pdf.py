"""How long her full record PDF takes with N long signed consultations (issue 12.7).

A measurement, not a test. Against a throwaway PostgreSQL: `make bench-record-pdf` (VISITS=200),
or
    DJANGO_DEBUG=1 scripts/with-postgres sh -c '.venv/bin/python manage.py migrate -v0 && \
      .venv/bin/python manage.py shell -c "from scripts.bench_record_pdf import main; main(200)"'
Prints the HTML size, the time of the whole record as one render (render_pdf: a child process
killed after PDF_RENDER_LIMITS["seconds"]; what the app did before), and the time of what the
app does now (record_pdf_bytes: parts of RECORD_PART consultations, each its own render,
joined). main(200, in_process=True) also times WeasyPrint in this process, without limits.
"""

import datetime
import io
import os
import time
from pathlib import Path

from django.test import RequestFactory
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.models import PainScore
from clinics.models import Clinic, Membership, User
from consultations.models import Consultation, Patient, Pregnancy
from pypdf import PdfReader

from consultations.record_views import RECORD_PART, record_context, record_pdf_bytes
from education.pdf import _render, render_pdf

NOTE = ("Bækkensmerter ved gang og vending i sengen, værst om aftenen; hun har svært ved at "
        "stå på ét ben og at gå på trapper. ") * 6


def main(visits=200, in_process=False):
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
    print(f"{visits} consultations: HTML {len(html) // 1024} kB in {html_seconds:.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if in_process:
        at = time.perf_counter()
        pdf = _render(html)
        print(f"WeasyPrint in this process, no limits: {time.perf_counter() - at:.1f} s, "
              f"{len(pdf) // 1024} kB")
    at = time.perf_counter()
    try:
        render_pdf(html)
        print(f"as one render (render_pdf, before): {time.perf_counter() - at:.1f} s")
    except Exception as error:  # noqa: BLE001 (the limit is what is measured)
        print(f"as one render (render_pdf, before): failed after "
              f"{time.perf_counter() - at:.1f} s: {error!r}")
    at = time.perf_counter()
    pdf = record_pdf_bytes(request, patient)
    seconds = time.perf_counter() - at
    print(f"the app's record (record_pdf_bytes, parts of {RECORD_PART}): {seconds:.1f} s, "
          f"{len(PdfReader(io.BytesIO(pdf)).pages)} pages, {len(pdf) // 1024} kB "
          f"(artifacts/record-{visits}.pdf)")
    Path("artifacts").mkdir(exist_ok=True)
    Path(f"artifacts/record-{visits}.pdf").write_bytes(pdf)
    return seconds
