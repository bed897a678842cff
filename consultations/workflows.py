"""Actions that touch several models, each in one transaction."""

from django.db import transaction
from django.utils import timezone

from assessments import scoring
from assessments.models import PainScore, PelvicTestResult, QuestionnaireResponse, RedFlagAnswer
from education.models import ProgrammeItem
from pgp_clinic.versioning import EditConflict, save_versioned

from . import worklist
from .decision import signing_blockers
from .models import Consultation, Patient, Referral


def lock_her_record(patient_id):
    """Make writes for one woman queue: take her patient row's lock first, before any other
    row of her record (her visits, visibility rows, work cards). FOR NO KEY UPDATE, not FOR
    UPDATE: it does not block the key-share locks that foreign-key checks of other writes take
    (the access log names her in every request), only another writer of her record."""
    her = Patient.objects.select_for_update(no_key=True).filter(pk=patient_id).order_by()
    list(her.values_list("pk"))


def _locked_visit(consultation):
    """Her record's lock, then the consultation's row (NO KEY UPDATE too: a work card or a
    child row naming it may be key-checked meanwhile by a commit of hers that queued first)."""
    lock_her_record(consultation.patient_id)
    return Consultation.objects.select_for_update(no_key=True).get(pk=consultation.pk)


class AlreadySigned(Exception):
    """A signed consultation can only be amended."""


class DraftHandedOut(Exception):
    """A handout was given from this draft: she holds a paper made from it, so it stays."""


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


def save_patient(form):
    """Her edited details under the next version (EditConflict if someone saved meanwhile);
    a new CPR number also changes its token, digest and her birth date."""
    return save_versioned(form, also=("cpr_encrypted", "cpr_digest", "date_of_birth"))


def save_pregnancy(form):
    """The pregnancy episode under the next version (EditConflict if someone saved meanwhile)."""
    return save_versioned(form)


@transaction.atomic
def save_consultation(
    *, form, tests_form, pain_formset, red_flag_form, programme_formset, support, by,
    expected_version,
):
    """Save a draft with all its parts and the decision support computed from them, refusing
    a stale version; returns the consultation. Only what changed is written: a save that
    changes nothing (Sign right after an autosave) writes no row and keeps the version."""
    consultation = form.instance
    current = None
    if consultation.pk:
        current = _locked_visit(consultation)
        if current.is_signed:
            raise AlreadySigned
        if expected_version != current.version:
            raise EditConflict(current)
    else:
        lock_her_record(consultation.patient_id)
    consultation = form.save(commit=False)
    consultation.updated_by = by
    consultation.snapshot_stage()
    # The suggestion shown on the page is kept beside the clinician's decision.
    consultation.suggested_diagnosis = support.diagnosis.diagnosis
    consultation.suggested_subgroup = support.subgroup.subgroup or ""  # "" = cannot be decided
    if current is None:
        consultation.save()
        _save_children(consultation, tests_form, pain_formset, red_flag_form,
                       programme_formset, new=True)
        moved = True
    else:
        changed = _changed_columns(current, consultation)
        parts_changed = _save_children(consultation, tests_form, pain_formset, red_flag_form,
                                       programme_formset)
        if not (changed or parts_changed):
            consultation.version, consultation.updated_at = current.version, current.updated_at
            consultation.updated_by_id = current.updated_by_id
            return consultation
        consultation.version = current.version + 1  # a changed part is a new version too
        consultation.save(update_fields=[*changed, "version", "updated_at", "updated_by"])
        moved = bool({"seen_at", "follow_up_on", "pregnancy"} & set(changed))
    if not moved:  # her last visit and the work card depend on nothing that changed
        return consultation
    patient = consultation.patient
    if consultation.seen_at > patient.last_seen_at:  # a back-dated visit does not move it back
        patient.last_seen_at = consultation.seen_at
        patient.save(update_fields=["last_seen_at"])
    # Her latest visit here may now be this one: its follow-up date is the one due.
    worklist.refresh_for(consultation, previous_pregnancy_id=current and current.pregnancy_id,
                         worse=False)
    return consultation


# Kept by save() itself, never compared: a save that changes nothing else writes nothing.
BOOKKEEPING = {"id", "version", "updated_at", "updated_by", "created_at"}


def _changed_columns(current, consultation):
    """The fields whose value in `consultation` differs from the stored row `current`."""
    return [field.name for field in Consultation._meta.concrete_fields
            if field.name not in BOOKKEEPING
            and getattr(current, field.attname) != getattr(consultation, field.attname)]


def _save_children(consultation, tests_form, pain_formset, red_flag_form, programme_formset,
                   new=False):
    """Save the parts in place: what is unchanged keeps its row, what changed is updated,
    what is new is inserted and what the clinician removed is deleted (never delete-and-
    recreate, so a row left alone can never be lost and the change history shows real edits).
    Returns whether any row was written. A new consultation has no rows to read."""
    def saved(rows):
        return () if new else rows.all()

    written = pain_formset.save_in_place()
    written |= _save_in_place(
        PelvicTestResult, saved(consultation.test_results), tests_form.build_results(consultation),
        key=("test", "side"), fields=("result", "aslr_score", "aslr_compression_score"),
    )
    written |= _save_in_place(
        RedFlagAnswer, saved(consultation.red_flag_answers),
        red_flag_form.build_answers(consultation),
        key=("flag",), fields=("status", "action_taken"),
    )
    written |= _save_in_place(
        ProgrammeItem, saved(consultation.programme_items), programme_formset.items(consultation),
        key=("pk",), fields=("exercise", "position", "sets", "reps", "hold_seconds",
                             "times_per_day", "note"),
    )
    return written


def _save_in_place(model, existing, wanted, *, key, fields):
    """Bring the saved rows to the wanted (unsaved) rows, matched on the key fields: at most
    one query each to read, delete, update and insert, whatever the number of rows. Returns
    whether anything was written."""
    def key_of(row):
        return tuple(getattr(row, name) for name in key)

    saved = {key_of(row): row for row in existing}
    attnames = [model._meta.get_field(name).attname for name in fields]
    new, changed = [], []
    for row in wanted:
        old = saved.pop(key_of(row), None)
        if old is None:
            row.pk = None
            new.append(row)
        elif any(getattr(old, name) != getattr(row, name) for name in attnames):
            for name in attnames:
                setattr(old, name, getattr(row, name))
            changed.append(old)
    if saved:
        model.objects.filter(pk__in=[row.pk for row in saved.values()]).delete()
    if changed:
        model.objects.bulk_update(changed, fields)
    if new:
        model.objects.bulk_create(new)
    return bool(saved or changed or new)


@transaction.atomic
def sign_consultation(*, consultation, by):
    """Lock the record, or return the reasons it cannot be signed yet (nothing changes then)."""
    consultation = _locked_visit(consultation)
    if consultation.is_signed:
        raise AlreadySigned
    blockers = signing_blockers(consultation)
    if blockers:
        return consultation, blockers
    consultation.status = Consultation.Status.SIGNED
    consultation.signed_by = by
    consultation.signed_at = timezone.now()
    consultation.version += 1
    consultation.save(update_fields=["status", "signed_by", "signed_at", "version"])
    worklist.refresh_for(consultation)  # "pain worse" is decided on signed visits
    return consultation, ()


@transaction.atomic
def delete_draft(*, consultation, by):
    """Remove an unsigned draft with its parts. The history triggers keep every removed row,
    with who removed it; a signed record is never deleted."""
    consultation = _locked_visit(consultation)
    if consultation.is_signed:
        raise AlreadySigned
    if not consultation.may_be_deleted_by(by):
        raise PermissionError("only the clinician who created a draft deletes it")
    if consultation.handouts.exists():
        raise DraftHandedOut
    # Children first, while the draft still names her (the triggers look her up through it).
    QuestionnaireResponse.objects.filter(consultation=consultation).delete()
    for model in (PelvicTestResult, PainScore, RedFlagAnswer, ProgrammeItem):
        model.objects.filter(consultation=consultation).delete()
    consultation.delete()
    worklist.refresh_for(consultation, worse=False)  # an earlier follow-up may be due again


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


@transaction.atomic
def open_referral(*, form, pregnancy, by, clinic):
    """Share her pregnancy episode with another clinic (her signed notes go with it)."""
    referral = form.save(commit=False)
    referral.pregnancy, referral.from_clinic, referral.created_by = pregnancy, clinic, by
    referral.save()
    return referral


@transaction.atomic
def close_referral(*, referral, by):
    """End the shared episode: the receiving clinic no longer sees her. Returns False, and
    changes nothing, when someone closed it already (who and when stay theirs)."""
    current = Referral.objects.select_for_update().get(pk=referral.pk)
    if not current.is_open:
        return False
    current.closed_at, current.closed_by = timezone.now(), by
    # What the receiving clinic keeps of her details from now on (never later edits).
    current.patient_snapshot = current.pregnancy.patient.details_snapshot()
    current.version += 1
    current.save(update_fields=["closed_at", "closed_by", "patient_snapshot", "version"])
    return True


@transaction.atomic
def record_pgq(*, consultation, form, by):
    """Store her Pelvic Girdle Questionnaire with the scores computed as published. Entered
    after the consultation was signed, it is a dated, signed addition (who: recorded_by,
    when: recorded_at), never part of the locked original."""
    lock_her_record(consultation.patient_id)
    signed = Consultation.objects.select_for_update(no_key=True).filter(
        pk=consultation.pk, status=Consultation.Status.SIGNED).exists()
    items = form.items()
    score = scoring.score_pgq(items)
    return QuestionnaireResponse.objects.create(
        consultation=consultation, instrument="pgq", scoring_version=score.version,
        filled_on=form.cleaned_data["filled_on"], items={str(k): v for k, v in items.items()},
        total=score.total, activity=score.activity, symptom=score.symptom,
        answered=score.answered_total, recorded_by=by, added_after_signing=signed,
    )


@transaction.atomic
def take_over_draft(*, consultation, by):
    """A colleague makes a draft hers (to finish and sign it): the record keeps from whom
    and when. Refused for a signed consultation."""
    current = _locked_visit(consultation)
    if current.is_signed:
        raise AlreadySigned
    if current.clinician_id == by.pk:
        return current
    current.taken_over_from_id, current.clinician = current.clinician_id, by
    current.taken_over_at = timezone.now()
    current.version += 1
    current.save(update_fields=["taken_over_from", "clinician", "taken_over_at", "version"])
    return current
