"""Her answers from home confirmed with her at the next visit (marking a worsening seen is
portal.workflows.mark_report_seen)."""

import uuid

from django.db import transaction

from .models import PatientReport


@transaction.atomic
def confirm_report(*, report_id: str, consultation) -> PatientReport | None:
    """Her answers from home gone through with her at this visit: the report (of this episode
    and clinic, not confirmed before) now names the consultation that confirmed it. Anything
    else (an unknown or malformed id, another episode's report) confirms nothing."""
    try:
        public_id = uuid.UUID(str(report_id))
    except ValueError:
        return None
    report = (PatientReport.objects.select_for_update()
              .filter(public_id=public_id, pregnancy_id=consultation.pregnancy_id,
                      clinic_id=consultation.clinic_id, confirmed_in__isnull=True).first())
    if report is not None:
        report.confirmed_in = consultation
        report.save(update_fields=["confirmed_in"])
    return report
