"""What the patient page shows, gathered in a fixed number of queries."""

from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from assessments.catalogue import Referral as PlannedReferral
from assessments.models import RedFlagAnswer
from assessments.rules import DELAYED_RECOVERY_FROM_DAYS, postpartum_advice

from clinics.models import Clinic
from clinics.permissions import Action, may

from pgp_clinic.prepared import PreparedQuery

from portal.clinician_views import patient_panel
from portal.models import PatientReport
from portal.reports import worsening_lines

from .access import may_record_for, owns_patient, per_owner
from .forms import ReferralForm
from .models import Consultation, Pregnancy, Referral, WorkCard
from .templatetags.blank_forms import blank_field
from .worklist import RECENT


def patient_page(request, patient):
    today = timezone.localdate()
    owner = owns_patient(request, patient)
    her = {"clinic": request.clinic.pk, "patient": patient.pk}
    pregnancies = EPISODES[owner].list(**her)
    consultations = TIMELINE[owner].list(**her)
    current = pregnancies[0] if pregnancies else None
    referrals = REFERRALS.list(**her)
    refer = bool(owner and current and may(request.membership, Action.REFER))
    clinic_q = request.GET.get("clinic_q", "")[:100]
    return {
        "patient": patient,
        "pregnancies": pregnancies,
        "consultations": consultations,
        "referrals": referrals,
        "is_owner": owner,
        "may_record": current is not None and may_record_for(request, patient, current),
        # Never bound here (referral_create answers its POST): only its blank reason is shown,
        # the form built only until that is remembered.
        "referral_reason": blank_field(ReferralForm, "reason", lambda: ReferralForm(
            from_clinic=request.clinic, pregnancy=current)) if refer else None,
        "clinic_q": clinic_q,
        "clinic_choices": _clinic_choices(request.clinic, clinic_q) if refer else [],
        "postpartum": _postpartum(current, consultations, today),
        "red_flags_awaiting": open_red_flags(consultations, timezone.now() - RED_FLAG_FOLLOW_UP),
        "today": today,
        "portal": patient_panel(request, patient, current),  # her answers from home
    }


EPISODES = per_owner(lambda clinic, patient: Pregnancy.objects.of_patient_for(clinic, patient))
TIMELINE = per_owner(lambda clinic, patient: Consultation.objects.of_patient_for(clinic, patient)
                     .for_timeline().with_red_flag_marks())
# What her page shows of a referral (a whole referral row with both clinics' rows is ~40
# columns, and building their SQL was a good part of the page's time: docs/performance.md).
REFERRAL_SHOWN = ("public_id", "pregnancy", "created_at", "closed_at", "reason",
                  "from_clinic", "from_clinic__name", "to_clinic", "to_clinic__name")
REFERRALS = PreparedQuery(
    lambda clinic, patient: Referral.objects.filter(pregnancy__patient=patient)
    .filter(Q(to_clinic=clinic) | Q(from_clinic=clinic))
    .with_first_visit().select_related("to_clinic", "from_clinic").only(*REFERRAL_SHOWN),
    clinic=int, patient=int)
FIRST_TARGETS = PreparedQuery(
    lambda clinic: Clinic.objects.referral_targets("", exclude=Clinic(pk=clinic))
    .only("name", "address"), clinic=int)


def _clinic_choices(clinic, text):
    """The referral picker's first choices: before any search (the usual page) prepared."""
    if not text.strip():
        return FIRST_TARGETS.list(clinic=clinic.pk)
    return list(Clinic.objects.referral_targets(text, exclude=clinic).only("name", "address"))


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
    week, and women whose pain got clinically worse between her last two signed visits here.
    Each read through an index and bounded (LIMIT); "due" and "worse" were decided when the
    visits were saved and signed (worklist.py), so reading them is one indexed query each.
    The queries are prepared (pgp_clinic/prepared.py): their SQL is the same on every request."""
    # From local midnight as a timestamp, so the partial index bounds the scan.
    since = timezone.make_aware(datetime.combine(today - RECENT, time()))
    return {"awaiting": AWAITING.list(clinic=clinic.pk),
            "due": DUE.list(clinic=clinic.pk, first=today, last=today + WEEK),
            "worse": WORSE.list(clinic=clinic.pk, since=since)[::-1],
            "reported_worse": reported_worse(clinic)}


def _awaiting(clinic):
    own_visit = Consultation.objects.filter(clinic=clinic, pregnancy=OuterRef("pregnancy"))
    return (Referral.objects.open().to_clinic(clinic).filter(~Exists(own_visit))
            .select_related("pregnancy__patient", "from_clinic").order_by("created_at")
            .only("created_at", "from_clinic__name", *_woman("pregnancy__patient"))[:LIST_LIMIT])


def _due(clinic, first, last):
    return (WorkCard.objects.filter(clinic=clinic, follow_up_on__range=(first, last))
            .select_related("patient").order_by("follow_up_on", "pk")
            .only("consultation", "follow_up_on", *_woman("patient"))[:LIST_LIMIT])


def _worse(clinic, since):
    return (WorkCard.objects.filter(clinic=clinic, worse_score__isnull=False,
                                    worse_since__gte=since)
            .select_related("patient", "worse_score").order_by("-worse_since", "-pk")
            .only("worse_visit", "worse_from", "worse_since", "worse_score__context",
                  "worse_score__value", *_woman("patient"))[:LIST_LIMIT])


def reported_worse(clinic):
    """Women whose answers from home were worse than her last visit (rule P1) and no one has
    marked seen yet, oldest first: (report, the worse values). One query, bounded."""
    return [(report, worsening_lines(report.worsening))
            for report in REPORTED_WORSE.list(clinic=clinic.pk)]


def _reported_worse(clinic):
    return (PatientReport.objects.worsened_unseen(clinic)
            .filter(pregnancy__in=Pregnancy.objects.for_clinic(clinic))
            .select_related("pregnancy__patient").order_by("submitted_at", "pk")
            .only("public_id", "submitted_at", "worsening", *_woman("pregnancy__patient"))
            [:LIST_LIMIT])


WORKLIST_LIMIT = 10  # every work card is bounded; the patient list holds the rest
# A red flag stays on the card, with the action taken, until a later visit in her pregnancy
# follows it up, for at most this long (an action not yet recorded stays until it is).
RED_FLAG_FOLLOW_UP = timedelta(days=14)


def clinician_worklists(user, clinic):
    """The work cards a GP needs (the physiotherapist sees them too): her own unsigned drafts,
    red flags awaiting action (none recorded yet, or not yet followed up by a later visit),
    and the referrals her clinic sent with their state (awaiting a first visit, seen, closed).
    Each list is bounded; the queries are prepared."""
    return {
        "drafts": DRAFTS.list(user=user.pk, clinic=clinic.pk),
        "red_flags": RED_FLAGS.list(clinic=clinic.pk,
                                    since=timezone.now() - RED_FLAG_FOLLOW_UP),
        "sent": SENT.list(clinic=clinic.pk),
    }


def _drafts(user, clinic):
    return (Consultation.objects.filter(clinic=clinic).drafts_by(user).select_related("patient")
            .only("public_id", "kind", "seen_at", *_woman("patient"))[:WORKLIST_LIMIT])


def _red_flags(clinic, since):
    return (
        Consultation.objects.filter(clinic=clinic).red_flag_open(since=since)
        .select_related("patient", "clinician")
        .only("public_id", "seen_at", "clinician__first_name", "clinician__last_name",
              "clinician__username", *_woman("patient"))
        .prefetch_related(Prefetch("red_flag_answers", to_attr="present_flags",
                                   queryset=RedFlagAnswer.objects.filter(status="present")))
        [:WORKLIST_LIMIT]
    )


def _sent(clinic):
    return (Referral.objects.sent_from(clinic).select_related("pregnancy__patient", "to_clinic")
            .only("created_at", "closed_at", "to_clinic__name", *_woman("pregnancy__patient"))
            [:WORKLIST_LIMIT])


def shown_on_dashboard(patients, lists):
    """Every woman the dashboard shows, once each: the recently seen and those on the work
    cards (all already loaded with their lists, so no query)."""
    shown = {patient.pk: patient for patient in patients}
    for referral in lists["awaiting"]:
        shown.setdefault(referral.pregnancy.patient_id, referral.pregnancy.patient)
    for card in [*lists["due"], *lists["worse"]]:
        shown.setdefault(card.patient_id, card.patient)
    for report, _lines in lists.get("reported_worse", ()):
        shown.setdefault(report.pregnancy.patient_id, report.pregnancy.patient)
    for visit in [*lists.get("drafts", ()), *lists.get("red_flags", ())]:
        shown.setdefault(visit.patient_id, visit.patient)
    for referral in lists.get("sent", ()):
        shown.setdefault(referral.pregnancy.patient_id, referral.pregnancy.patient)
    return list(shown.values())


def _woman(path):
    """The columns a work card shows of a woman reached through `path` (her name and the link
    to her page). A card reads only what it shows: a visit row has ~70 columns, and building
    the SQL for all of them was most of the dashboard's time (docs/performance.md)."""
    steps = path.split("__")
    via = ["__".join(steps[:n]) for n in range(1, len(steps) + 1)]
    return (*via, f"{path}__public_id", f"{path}__first_name", f"{path}__last_name")


WEEK = timedelta(days=7)
LIST_LIMIT = 20  # each work card shows at most this many women

# The dashboard's fixed queries, built once per process (pgp_clinic/prepared.py): building
# their SQL was a third of the dashboard's time (docs/performance.md).
AWAITING = PreparedQuery(_awaiting, clinic=int)
DUE = PreparedQuery(_due, clinic=int, first=date, last=date)
WORSE = PreparedQuery(_worse, clinic=int, since=datetime)
REPORTED_WORSE = PreparedQuery(_reported_worse, clinic=int)
DRAFTS = PreparedQuery(_drafts, user=int, clinic=int)
RED_FLAGS = PreparedQuery(_red_flags, clinic=int, since=datetime)
SENT = PreparedQuery(_sent, clinic=int)


# The plan's "referral" choices that the real referral (a shared episode) stands for.
TO_PHYSIOTHERAPY = (PlannedReferral.PHYSIOTHERAPIST, PlannedReferral.SPECIALISED_PHYSIOTHERAPIST)


def plan_referral(request, consultation):
    """One referral path: the referrals this clinic sent for her episode, with their state, and
    whether the plan may offer to open one (her own clinic's record, a role that refers, none
    open yet)."""
    referrals = EPISODE_REFERRALS.list(
        clinic=request.clinic.pk, pregnancy=consultation.pregnancy_id,
    ) if getattr(consultation, "_any_referral_sent", True) else []  # access.get_consultation_for
    may_refer = owns_patient(request, consultation.patient) and may(request.membership, Action.REFER)
    return {
        "episode_referrals": referrals,
        "offer_referral": may_refer and not any(r.is_open for r in referrals),
        "to_physiotherapy": " ".join(TO_PHYSIOTHERAPY),
        "plans_physiotherapy": consultation.referral in TO_PHYSIOTHERAPY,
    }


EPISODE_REFERRALS = PreparedQuery(  # on every consultation page (issue 12)
    lambda clinic, pregnancy: Referral.objects.sent_from(clinic).filter(pregnancy=pregnancy)
    .select_related("to_clinic"), clinic=int, pregnancy=int)


def open_red_flags(consultations, since):
    """The visits whose red flag still awaits action (as ConsultationQuerySet.red_flag_open,
    from a timeline already loaded with its red-flag marks)."""
    def followed_up(visit):
        return any(other.pregnancy_id == visit.pregnancy_id and other.seen_at > visit.seen_at
                   for other in consultations)

    return [visit for visit in consultations if visit.has_red_flag and (
        visit.red_flag_awaiting or (visit.seen_at >= since and not followed_up(visit)))]
