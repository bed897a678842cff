"""The one place that decides which patient data a request may reach.

Not visible to the current clinic: 404 (never confirm that a record exists). Visible but not
the clinic's to change (a referred clinic editing the owner's records): 403.
"""

import uuid

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from assessments.models import QuestionnaireResponse
from clinics.models import Clinic, User
from clinics.permissions import Action, may
from pgp_clinic.prepared import PreparedQuery, with_any

from .models import AccessLogEntry, Consultation, Patient, Pregnancy, Referral


def log_access(request, patients, *, object_id="", reports=()):
    """Record that the signed-in clinician saw these women's data on this page, and the
    reports of hers read on it (as log_reports_read), in one query."""
    write_access_log(request, [(patient.pk, str(object_id)) for patient in patients]
                     + _report_rows(reports))


def log_reports_read(request, shown):
    """Her answers from home on this page: one row per report shown, [(patient, report)]
    (portal/models.py PatientReport), so the log names each response read (one query)."""
    write_access_log(request, _report_rows(shown))


def _report_rows(shown):
    return [(patient.pk, f"report:{report.public_id}") for patient, report in shown]


def write_access_log(request, rows):
    """One INSERT of every row, [(patient id, object id)], all by this user, clinic and page,
    at this moment: a page shows dozens of women, and building a model object each only to
    write them was most of the dashboard's logging time (docs/performance.md)."""
    if not rows:
        return
    what = request.resolver_match.view_name if request.resolver_match else request.path[:80]
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    fixed = [request.user.pk, request.clinic.pk, what, now]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one statement, whatever the number of rows
            patient_ids, object_ids = (list(column) for column in zip(*rows))
            cursor.execute(INSERT_LOG_ARRAYS, [*fixed, patient_ids, object_ids])
        else:
            user_id, clinic_id = fixed[:2]
            values = ", ".join([INSERT_LOG_ROW] * len(rows))
            cursor.execute(INSERT_LOG + " VALUES " + values, [
                value for patient_id, object_id in rows
                for value in (user_id, clinic_id, patient_id, what, object_id, now)])


INSERT_LOG = (f"INSERT INTO {AccessLogEntry._meta.db_table} "  # nosec B608 (our own table)
              "(user_id, clinic_id, patient_id, what, object_id, at)")
INSERT_LOG_ROW = "(%s, %s, %s, %s, %s, %s)"
INSERT_LOG_ARRAYS = INSERT_LOG + (  # nosec B608 (our own table; the values are parameters)
    " SELECT %s, %s, patient_id, %s, object_id, %s FROM "
    "unnest(%s::bigint[], %s::text[]) AS rows(patient_id, object_id)")


def get_patient_for(request, public_id, queryset=None):
    """The patient if the current clinic may see her, else 404."""
    if queryset is None:  # every page of hers: the query prepared once (issue 12)
        patient = _visible_one(VISIBLE_PATIENT, request.clinic, public_id)
    else:
        patient = get_object_or_404(queryset.for_clinic(request.clinic), public_id=public_id)
    log_access(request, [patient], object_id=public_id)
    return as_the_clinic_knew_them(request, [patient])[0]


VISIBLE_PATIENT = PreparedQuery(
    lambda clinic, public_id: Patient.objects.for_clinic(clinic).filter(public_id=public_id)[:1],
    clinic=int, public_id=uuid.UUID)


def _visible_one(query, clinic, public_id):
    """The row with this public id that the clinic may see (a prepared query), else 404."""
    try:
        row = clinic and query.first(clinic=clinic.pk, public_id=public_id)
    except (ValueError, TypeError):  # not a UUID
        row = None
    if not row:
        raise Http404("Not found.")
    return row


def per_owner(build, **kinds):
    """A prepared query of her rows for a clinic, one for her own clinic and one for
    another's (the visibility rules take a simpler shape for the owner: PregnancyQuerySet and
    ConsultationQuerySet.of_patient_for). `build(clinic, patient, **values)` gets the clinic
    and her as model stand-ins; run it as
    `QUERY[owns_patient(request, her)].list(clinic=request.clinic.pk, patient=her.pk)`."""
    def shape(owner):
        def build_for(clinic, patient, **values):
            her = Patient(pk=patient, clinic_id=clinic if owner else None)
            return build(Clinic(pk=clinic), her, **values)
        build_for.__qualname__ = f"{build.__qualname__}[owner={owner}]"
        # Her own clinic's rows may not need the clinic at all (her episodes).
        return PreparedQuery(build_for, unused={"clinic"} if owner else (), clinic=int,
                             patient=int, **kinds)
    return {True: shape(True), False: shape(False)}


def as_the_clinic_knew_them(request, patients):
    """The women as the current clinic may see their details: live for her own clinic and
    while a referral to it is open; after it closed, as they were when it closed (the
    referral's snapshot), never the owner's later edits. One query, only for other clinics'
    women."""
    others = {p.pk for p in patients if p.clinic_id != request.clinic.pk}
    if not others:
        return list(patients)
    received = (Referral.objects.filter(to_clinic=request.clinic, pregnancy__patient__in=others)
                .values_list("pregnancy__patient_id", "closed_at", "patient_snapshot"))
    live, last_closed = set(), {}
    for patient_id, closed_at, snapshot in received:
        if closed_at is None:
            live.add(patient_id)
        elif patient_id not in last_closed or closed_at > last_closed[patient_id][0]:
            last_closed[patient_id] = (closed_at, snapshot)
    return [
        p if p.pk not in others or p.pk in live
        else p.as_it_was(last_closed.get(p.pk, (None, None))[1])
        for p in patients
    ]


def get_pregnancy_for(request, patient, public_id):
    """A pregnancy episode of a patient already fetched through get_patient_for, else 404."""
    episodes = Pregnancy.objects.for_clinic(request.clinic).filter(patient=patient)
    return get_object_or_404(episodes, public_id=public_id)


def get_consultation_for(request, public_id, *, for_editing=False):
    """The consultation with its parts if the current clinic may see it, else 404. For
    editing: only the parts its edit page reads (not its amendments and handouts)."""
    query = VISIBLE_FOR_EDITING if for_editing else VISIBLE_CONSULTATION
    consultation = _visible_one(query, request.clinic, public_id)
    _with_people(consultation)
    log_access(request, [consultation.patient], object_id=public_id)
    consultation.patient = as_the_clinic_knew_them(request, [consultation.patient])[0]
    return consultation


VISIBLE_CONSULTATION = PreparedQuery(  # every page of a consultation (issue 12)
    lambda clinic, public_id: _visible_consultation(clinic, public_id)
    .prefetch_related(
        "test_results", "pain_scores", "red_flag_answers", "amendments__author",
        "programme_items__exercise", "handouts__issued_by",
        Prefetch("questionnaires", QuestionnaireResponse.objects.select_related("recorded_by")),
    )[:1], clinic=int, public_id=uuid.UUID)

VISIBLE_FOR_EDITING = PreparedQuery(  # the draft's edit page and its save (issue 12)
    lambda clinic, public_id: _one_visit(clinic, public_id)
    .prefetch_related("test_results", "pain_scores", "red_flag_answers",
                      "programme_items__exercise", "questionnaires")[:1],
    clinic=int, public_id=uuid.UUID)


# A visit's parts that are often empty: read only when it has some (prepared.with_any).
RARE_PARTS = ("test_results", "red_flag_answers", "amendments", "programme_items", "handouts",
              "questionnaires")


def _visible_consultation(clinic, public_id):
    """The visit, with whether this clinic has sent a referral of its episode or made her a
    questionnaire link in it (`_any_referral_sent`, `_any_link_made`): every consultation page
    shows those, and for most visits there are none, so the page need not ask (plan_referral,
    handout_link; an EXISTS each here instead of a query each there)."""
    from portal.models import QuestionnaireLink  # portal builds on this app

    episode_here = {"pregnancy": OuterRef("pregnancy")}
    return with_any(_one_visit(clinic, public_id), *RARE_PARTS).annotate(
        _any_referral_sent=Exists(Referral.objects.filter(from_clinic=clinic, **episode_here)),
        _any_link_made=Exists(QuestionnaireLink.objects.filter(clinic=clinic, **episode_here)),
    )


def _one_visit(clinic, public_id):
    """The visit by its public id if the clinic may see it, with the rows every page of it
    shows (her, the episode, the clinic, the clinician)."""
    return (Consultation.objects.for_clinic(clinic).filter(public_id=public_id)
            .select_related("patient", "pregnancy", "clinic", "clinician"))


PEOPLE = ("signed_by", "updated_by", "taken_over_from")


def _with_people(consultation):
    """Who signed it, changed it last and handed the draft over, as select_related would give
    them, in one query only for someone other than its clinician (usually no one). Joined
    into the consultation's query, these three made it nine tables, and PostgreSQL spent
    17–37 ms planning it on every request (docs/performance.md, session 4)."""
    known = {consultation.clinician_id: consultation.clinician}
    wanted = {getattr(consultation, f"{name}_id") for name in PEOPLE} - {None} - known.keys()
    if wanted:
        known |= User.objects.in_bulk(wanted)
    for name in PEOPLE:
        user_id = getattr(consultation, f"{name}_id")
        Consultation._meta.get_field(name).set_cached_value(
            consultation, None if user_id is None else known[user_id])


def get_referral_for(request, public_id):
    """A referral the current clinic sent or received, else 404."""
    referrals = Referral.objects.filter(from_clinic=request.clinic) | Referral.objects.filter(
        to_clinic=request.clinic
    )
    return get_object_or_404(referrals.select_related("pregnancy__patient"), public_id=public_id)


def owns_patient(request, patient):
    return patient.clinic_id == request.clinic.pk


def require_owner(request, patient):
    """Her details and pregnancies are changed only by the clinic that registered her."""
    if not owns_patient(request, patient):
        raise PermissionDenied


def require_own_consultation(request, consultation):
    """A consultation is edited or amended only by the clinic that wrote it."""
    if consultation.clinic_id != request.clinic.pk:
        raise PermissionDenied


def require_may(request, action):
    """Her role allows this act (clinics/permissions.py), else 403."""
    if not may(request.membership, action):
        raise PermissionDenied


def require_author(request, consultation):
    """Only the draft's author signs or deletes it; a colleague takes it over first."""
    if consultation.clinician_id != request.user.pk:
        raise PermissionDenied


def may_record_for(request, patient, pregnancy):
    """A clinician of the owner, or of a clinic with an open referral of this pregnancy,
    records consultations."""
    if not may(request.membership, Action.RECORD):
        return False
    if owns_patient(request, patient):
        return True
    return Referral.objects.open().filter(pregnancy=pregnancy, to_clinic=request.clinic).exists()
