"""The one place that decides which patient data a request may reach. Not yours: 404."""

from django.shortcuts import get_object_or_404

from .models import Consultation, Patient, Pregnancy


def get_patient_for(request, public_id, queryset=None):
    """The patient if the current clinic may see her, else 404."""
    patients = (queryset if queryset is not None else Patient.objects).for_clinic(request.clinic)
    return get_object_or_404(patients, public_id=public_id)


def get_pregnancy_for(request, patient, public_id):
    """A pregnancy episode of a patient already fetched through get_patient_for, else 404."""
    return get_object_or_404(Pregnancy, patient=patient, public_id=public_id)


def get_consultation_for(request, public_id):
    """The consultation with its parts if the current clinic may see it, else 404."""
    consultations = (
        Consultation.objects.for_clinic(request.clinic)
        .select_related("patient", "pregnancy", "clinic", "clinician", "signed_by", "updated_by")
        .prefetch_related(
            "test_results", "pain_scores", "red_flag_answers", "amendments__author",
            "programme_items__exercise", "handouts__issued_by",
        )
    )
    return get_object_or_404(consultations, public_id=public_id)
