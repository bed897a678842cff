"""The clinic's pseudonymised research export: a page that says what it holds, and the CSV."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clinics.permissions import Action
from clinics.security_log import security_event
from consultations.access import log_access, log_reports_read, require_may

from .research import COLUMNS, reported_to_clinic, research_csv, signed_by_clinic


@require_http_methods(["GET", "HEAD", "POST"])
def research_export(request):
    """GET explains the export; POST makes it. Every export is in the security log (who, how
    many rows, of them her answers from home, and women) and in each woman's access log, one
    row more for each set of her answers in it."""
    require_may(request, Action.EXPORT_RESEARCH)
    if request.method != "POST":
        return render(request, "interop/research_export.html", {"columns": COLUMNS})
    visits = list(signed_by_clinic(request.clinic))
    reports = list(reported_to_clinic(request.clinic))
    text, women = research_csv(visits, reports, clinic=request.clinic)
    patients = {visit.patient_id: visit.patient for visit in visits}
    patients.update((r.pregnancy.patient_id, r.pregnancy.patient) for r in reports)
    log_access(request, list(patients.values()))
    log_reports_read(request, [(report.pregnancy.patient, report) for report in reports])
    security_event("research_export", request, rows=len(visits) + len(reports), women=women,
                   reported=len(reports))
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = f"research-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
