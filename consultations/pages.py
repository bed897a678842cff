"""What the patient page shows, gathered in a fixed number of queries."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from assessments.rules import DELAYED_RECOVERY_FROM_DAYS, pain_change, postpartum_advice

from clinics.permissions import Action, may

from .access import may_record_for, owns_patient
from .forms import ReferralForm
from .models import Consultation, Pregnancy, Referral


def patient_page(request, patient):
    today = timezone.localdate()
    pregnancies = list(Pregnancy.objects.for_clinic(request.clinic).filter(patient=patient))
    consultations = list(
        Consultation.objects.for_clinic(request.clinic).filter(patient=patient)
        .select_related("clinic").for_timeline()
    )
    current = pregnancies[0] if pregnancies else None
    referrals = list(
        Referral.objects.filter(pregnancy__patient=patient)
        .filter(Q(to_clinic=request.clinic) | Q(from_clinic=request.clinic))
        .select_related("to_clinic", "from_clinic")
    )
    owner = owns_patient(request, patient)
    return {
        "patient": patient,
        "pregnancies": pregnancies,
        "consultations": consultations,
        "referrals": referrals,
        "is_owner": owner,
        "may_record": current is not None and may_record_for(request, patient, current),
        "referral_form": ReferralForm(from_clinic=request.clinic, pregnancy=current)
        if owner and current and may(request.membership, Action.REFER) else None,
        "postpartum": _postpartum(current, consultations, today),
        "today": today,
    }


def _postpartum(pregnancy, consultations, today):
    """Rule R7 for the current episode after the birth, or None. Whether she still has pain is
    read only from this pregnancy's visits more than 3 months after the birth (the latest one
    with pain scores); without such a visit it is unknown, never "no pain"."""
    if pregnancy is None or pregnancy.delivery_date is None:
        return None
    days = (today - pregnancy.delivery_date).days
    if days < 0:  # a delivery date in the future is refused by the form; be safe anyway
        return None
    late_from = pregnancy.delivery_date + timedelta(days=DELAYED_RECOVERY_FROM_DAYS)
    scored = [
        visit for visit in consultations  # newest first
        if visit.pregnancy_id == pregnancy.pk
        and timezone.localtime(visit.seen_at).date() >= late_from
        and visit.pain_scores.all()
    ]
    has_pain = any(s.value > 0 for s in scored[0].pain_scores.all()) if scored else None
    return postpartum_advice(days, has_pain=has_pain)


def worklists(clinic, today):
    """The dashboard's lists: referred women awaiting a first visit, follow-ups due within a
    week, and women whose pain got clinically worse between her last two visits here."""
    own_visit = Consultation.objects.filter(clinic=clinic, pregnancy=OuterRef("pregnancy"))
    awaiting = (
        Referral.objects.open().to_clinic(clinic).filter(~Exists(own_visit))
        .select_related("pregnancy__patient", "from_clinic").order_by("created_at")
    )
    later = Consultation.objects.filter(clinic=clinic, pregnancy=OuterRef("pregnancy"),
                                        seen_at__gt=OuterRef("seen_at"))
    due = (
        Consultation.objects.filter(clinic=clinic, follow_up_on__range=(today, today + WEEK))
        .filter(~Exists(later)).select_related("patient").order_by("follow_up_on")
    )
    recent = (
        Consultation.objects.filter(clinic=clinic, seen_at__date__gte=today - RECENT)
        .select_related("patient").prefetch_related("pain_scores").order_by("seen_at")
    )
    return {"awaiting": list(awaiting), "due": list(due), "worse": _worse(recent)}


def shown_on_dashboard(patients, lists):
    """Every woman the dashboard shows, once each: the recently seen and those on the work
    cards (all already loaded with their lists, so no query)."""
    shown = {patient.pk: patient for patient in patients}
    for referral in lists["awaiting"]:
        shown.setdefault(referral.pregnancy.patient_id, referral.pregnancy.patient)
    for visit in lists["due"]:
        shown.setdefault(visit.patient_id, visit.patient)
    for visit, _score, _old in lists["worse"]:
        shown.setdefault(visit.patient_id, visit.patient)
    return list(shown.values())


WEEK = timedelta(days=7)
RECENT = timedelta(days=120)


def _worse(consultations):
    """Women whose pain rose by a clinically important amount (R6) since her previous visit."""
    by_pregnancy = {}
    for consultation in consultations:
        if consultation.pain_scores.all():  # a visit without scores does not hide a change
            by_pregnancy.setdefault(consultation.pregnancy_id, []).append(consultation)
    worse = []
    for visits in by_pregnancy.values():
        if len(visits) < 2:
            continue
        before = {(s.scale, s.context): s.value for s in visits[-2].pain_scores.all()}
        for score in visits[-1].pain_scores.all():
            old = before.get((score.scale, score.context))
            if old is not None and pain_change(score.scale, old, score.value).worsening:
                worse.append((visits[-1], score, old))
                break
    return worse
