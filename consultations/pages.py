"""What the patient page shows, gathered in a fixed number of queries."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from assessments.models import PainScore
from assessments.rules import pain_change, postpartum_advice

from clinics.models import Clinic
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
    refer = owner and current and may(request.membership, Action.REFER)
    clinic_q = request.GET.get("clinic_q", "")[:100]
    return {
        "patient": patient,
        "pregnancies": pregnancies,
        "consultations": consultations,
        "referrals": referrals,
        "is_owner": owner,
        "may_record": current is not None and may_record_for(request, patient, current),
        "referral_form": ReferralForm(from_clinic=request.clinic, pregnancy=current)
        if refer else None,
        "clinic_q": clinic_q,
        "clinic_choices": list(Clinic.objects.referral_targets(clinic_q, exclude=request.clinic))
        if refer else [],
        "postpartum": _postpartum(current, consultations, today),
        "today": today,
    }


def _postpartum(pregnancy, consultations, today):
    """Rule R7 for the current episode after the birth, or None."""
    if pregnancy is None or pregnancy.delivery_date is None:
        return None
    days = (today - pregnancy.delivery_date).days
    scores = consultations[0].pain_scores.all() if consultations else []
    has_pain = any(score.value > 0 for score in scores)
    return postpartum_advice(days, has_pain=has_pain)


def worklists(clinic, today):
    """The dashboard's lists: referred women awaiting a first visit, follow-ups due within a
    week, and women whose pain got clinically worse between her last two visits here. Each
    read through an index and bounded (LIMIT)."""
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
    return {"awaiting": list(awaiting[:LIST_LIMIT]), "due": list(due[:LIST_LIMIT]),
            "worse": _worse(Consultation.objects.last_two_scored(clinic, since=today - RECENT))}
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
LIST_LIMIT = 20  # each work card shows at most this many women


def _worse(visits):
    """Women whose pain rose by a clinically important amount (R6) since her previous visit:
    (visit, score, old value), the newest LIST_LIMIT. Decided on plain values (two queries,
    whatever the number of visits); only the visits shown are loaded as objects."""
    visits = list(visits.values_list("pk", "pregnancy_id"))  # each pregnancy's last two
    scores = {}
    for visit_id, scale, context, value, score_id in (
        PainScore.objects.filter(consultation__in=[pk for pk, _p in visits])
        .order_by("position", "pk").values_list("consultation_id", "scale", "context", "value", "pk")
    ):
        scores.setdefault(visit_id, []).append((scale, context, value, score_id))
    by_pregnancy = {}
    for pk, pregnancy_id in visits:
        by_pregnancy.setdefault(pregnancy_id, []).append(pk)
    worse = []
    for older, newer in (pair for pair in by_pregnancy.values() if len(pair) == 2):
        before = {(scale, context): value for scale, context, value, _id in scores[older]}
        for scale, context, value, score_id in scores[newer]:
            old = before.get((scale, context))
            if old is not None and pain_change(scale, old, value).worsening:
                worse.append((newer, score_id, old))
                break
    worse = worse[-LIST_LIMIT:]
    shown = Consultation.objects.select_related("patient").in_bulk([v for v, _s, _o in worse])
    score_rows = PainScore.objects.in_bulk([s for _v, s, _o in worse])
    return [(shown[visit], score_rows[score], old) for visit, score, old in worse]
