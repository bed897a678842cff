"""What a clinician does with her answers from home: marks a worsening seen."""

from django.db import transaction
from django.utils import timezone

from .models import PatientReport


@transaction.atomic
def mark_seen(*, report: PatientReport, by) -> PatientReport:
    """Seen now by this clinician (a dated change in her history); the first mark stays."""
    report = PatientReport.objects.select_for_update().get(pk=report.pk)
    if report.seen_at is None:
        report.seen_at, report.seen_by = timezone.now(), by
        report.save(update_fields=["seen_at", "seen_by"])
    return report
