from django.db import transaction


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
