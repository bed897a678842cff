"""Actions that touch several models, each in one transaction."""

from django.db import transaction
from django.utils import timezone

from assessments.models import PainScore, PelvicTestResult, RedFlagAnswer
from education.models import ProgrammeItem

from .decision import support_for_record
from .models import Amendment, Consultation


class EditConflict(Exception):
    """Someone else saved the draft since this form was opened."""

    def __init__(self, current):
        super().__init__("stale version")
        self.current = current


class AlreadySigned(Exception):
    """A signed consultation can only be amended."""


@transaction.atomic
def register_patient(*, patient_form, pregnancy_form, clinic):
    """Save a new patient and her pregnancy episode together, or neither."""
    patient = patient_form.save(commit=False)
    patient.clinic = clinic
    patient.save()
    pregnancy = pregnancy_form.save(commit=False)
    pregnancy.patient = patient
    pregnancy.save()
    return patient


@transaction.atomic
def save_consultation(
    *, form, tests_form, pain_formset, red_flag_form, programme_formset, by, expected_version
):
    """Save a draft with all its parts, refusing a stale version; returns the consultation."""
    consultation = form.instance
    if consultation.pk:
        current = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if current.is_signed:
            raise AlreadySigned
        if expected_version != current.version:
            raise EditConflict(current)
        consultation.version = current.version + 1
    consultation = form.save(commit=False)
    consultation.updated_by = by
    consultation.snapshot_stage()
    consultation.save()
    _replace_children(consultation, tests_form, pain_formset, red_flag_form)
    ProgrammeItem.objects.filter(consultation=consultation).delete()
    ProgrammeItem.objects.bulk_create(programme_formset.items(consultation))
    support = support_for_record(consultation)
    consultation.suggested_diagnosis = support.diagnosis.diagnosis
    consultation.suggested_subgroup = support.subgroup.subgroup
    consultation.save(update_fields=["suggested_diagnosis", "suggested_subgroup"])
    patient = consultation.patient
    patient.last_seen_at = max(patient.last_seen_at, consultation.seen_at)
    patient.save(update_fields=["last_seen_at"])
    return consultation


def _replace_children(consultation, tests_form, pain_formset, red_flag_form):
    PelvicTestResult.objects.filter(consultation=consultation).delete()
    PelvicTestResult.objects.bulk_create(tests_form.build_results(consultation))
    RedFlagAnswer.objects.filter(consultation=consultation).delete()
    RedFlagAnswer.objects.bulk_create(red_flag_form.build_answers(consultation))
    PainScore.objects.filter(consultation=consultation).delete()
    scores = [
        PainScore(consultation=consultation, position=position, **{
            key: form.cleaned_data[key] for key in ("scale", "context", "value")
        })
        for position, form in enumerate(pain_formset.forms)
        if form.has_changed() and not form.cleaned_data.get("DELETE")
    ]
    PainScore.objects.bulk_create(scores)


@transaction.atomic
def sign_consultation(*, consultation, by):
    """Lock the record, or return the reasons it cannot be signed yet (nothing changes then)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.is_signed:
        raise AlreadySigned
    blockers = support_for_record(consultation).red_flags.signing_blockers
    if blockers:
        return consultation, blockers
    consultation.status = Consultation.Status.SIGNED
    consultation.signed_by = by
    consultation.signed_at = timezone.now()
    consultation.version += 1
    consultation.save(update_fields=["status", "signed_by", "signed_at", "version"])
    return consultation, ()


@transaction.atomic
def add_amendment(*, consultation, form, by):
    """Append a signed, dated amendment; the original record is not touched."""
    if not consultation.is_signed:
        raise ValueError("only signed consultations are amended; edit the draft instead")
    amendment = form.save(commit=False)
    amendment.consultation = consultation
    amendment.author = by
    amendment.save()
    return amendment
