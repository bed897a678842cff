"""The clinic's pseudonymised research export: a page that says what it holds, and the CSV."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from clinics.permissions import Action
from clinics.security_log import security_event
from consultations.access import log_access, require_may

from .research import COLUMNS, research_csv, signed_by_clinic


@require_http_methods(["GET", "HEAD", "POST"])
def research_export(request):
    """GET explains the export; POST makes it. Every export is in the security log (who, how
    many rows and women) and in each woman's access log."""
    require_may(request, Action.EXPORT_RESEARCH)
    if request.method != "POST":
        return render(request, "interop/research_export.html", {"columns": COLUMNS})
    visits = list(signed_by_clinic(request.clinic))
    text, women = research_csv(visits, clinic=request.clinic)
    log_access(request, list({visit.patient_id: visit.patient for visit in visits}.values()))
    security_event("research_export", request, rows=len(visits), women=women)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    name = f"research-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
