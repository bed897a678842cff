"""Recording a consultation: one page with history, tests, red flags, assessment and plan."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessments.forms import PgqForm
from assessments.models import PgqWording
from clinics.permissions import Action
from education.models import HandoutIssued, ProgrammeItem
from pgp_clinic.prepared import with_any
from pgp_clinic.retry import retry_once
from pgp_clinic.views import error_page
from portal.clinician_views import follow_up_offer, handout_link
from portal.review import confirm_report

from .access import (
    get_consultation_for,
    get_patient_for,
    may_record_for,
    owns_patient,
    per_owner,
    require_author,
    require_may,
    require_own_consultation,
)
from .decision import support_for_record
from .forms import AmendmentForm, ConsultationForms
from .models import Consultation
from .pages import plan_referral
from .workflows import (
    AlreadySigned,
    EditConflict,
    add_amendment,
    record_pgq,
    sign_consultation,
    take_over_draft,
)


def new_consultation(request, patient):
    pregnancy = patient.current_pregnancy
    return Consultation(patient=patient, pregnancy=pregnancy, clinic=request.clinic,
                        clinician=request.user, kind=Consultation.Kind.FIRST)


def current_pregnancy_once(patient):
    """Her newest episode, looked up once a request: the next reads of
    patient.current_pregnancy (the access check, the new consultation) use it."""
    pregnancy = patient.current_pregnancy
    patient.pregnancies_newest_first = [pregnancy] if pregnancy else []
    return pregnancy


def latest_visit(request, consultation):
    """Her last consultation in this pregnancy before this one that the clinic may see, with
    its parts (a draft's own visit and anything after it do not count)."""
    visits = Consultation.objects.for_clinic(request.clinic).filter(
        pregnancy=consultation.pregnancy)
    # Her programme with its exercises in one query (a join, not a second prefetch).
    programme = Prefetch("programme_items", ProgrammeItem.objects.select_related("exercise"))
    parts = ("pain_scores", "test_results", programme)
    if consultation.pk:
        visits = visits.exclude(pk=consultation.pk).filter(seen_at__lt=consultation.seen_at)
        parts = ("test_results", programme)  # a draft keeps its score rows
    return visits.select_related("pregnancy").prefetch_related(*parts).order_by("-seen_at").first()


def visit_before(request, consultation):
    """Her last visit in this pregnancy before a saved one, with what the follow-up rule
    compares (pain scores, questionnaires, whether a programme was given): three queries."""
    return VISIT_BEFORE[owns_patient(request, consultation.patient)].first(
        clinic=request.clinic.pk, patient=consultation.patient_id,
        pregnancy=consultation.pregnancy_id, seen_at=consultation.seen_at, pk=consultation.pk)


VISIT_BEFORE = per_owner(  # prepared once per process (issue 12); only what the rule reads
    lambda clinic, patient, pregnancy, seen_at, pk: with_any(
        Consultation.objects.of_patient_for(clinic, patient)
        .filter(pregnancy=pregnancy, seen_at__lt=seen_at).exclude(pk=pk),
        "questionnaires", "programme_items").only("seen_at", "education_given")
    .prefetch_related("pain_scores", "questionnaires", "programme_items")
    .order_by("-seen_at")[:1],
    pregnancy=int, seen_at=datetime.datetime, pk=int)


def busy_page(request):
    """Her record was being written by someone else, twice over: nothing was saved."""
    return error_page(request, 409, texts="busy")


@retry_once(busy_page)
def consultation_create(request, public_id):
    patient = get_patient_for(request, public_id)
    if current_pregnancy_once(patient) is None:
        messages.warning(request, _("Register her pregnancy before recording a consultation."))
        return redirect("consultations:pregnancy_create", public_id=patient.public_id)
    if not may_record_for(request, patient, patient.current_pregnancy):
        raise PermissionDenied
    consultation = new_consultation(request, patient)
    return _edit_page(request, consultation)


@retry_once(busy_page)
def consultation_edit(request, public_id):
    consultation = get_consultation_for(request, public_id, for_editing=True)
    require_own_consultation(request, consultation)
    require_may(request, Action.RECORD)
    if consultation.is_signed:
        messages.info(request, _("This consultation is signed; add an amendment instead."))
        return redirect(consultation)
    return _edit_page(request, consultation)


def _edit_page(request, consultation):
    if request.method == "POST" and request.POST.get("action") == "sign":
        require_may(request, Action.SIGN)  # before anything is saved
        require_author(request, consultation)
    forms = ConsultationForms(request.POST or None, consultation,
                              latest_visit(request, consultation))
    if request.method != "POST" or not forms.is_valid():
        return _render_edit(request, forms)
    try:
        consultation = forms.save(by=request.user)
    except EditConflict as conflict:
        return _render_conflict(request, consultation, conflict.current)
    except AlreadySigned:
        messages.error(request, _("Someone signed this consultation meanwhile; it was not changed."))
        return redirect(consultation)
    if request.POST.get("confirm_report"):  # her answers from home, gone through with her
        confirm_report(report_id=request.POST["confirm_report"], consultation=consultation)
    if request.POST.get("action") == "sign":
        return _sign(request, consultation)
    messages.success(request, _("The draft is saved."))
    return redirect("consultations:consultation_edit", public_id=consultation.public_id)


def _sign(request, consultation):
    consultation, blockers = sign_consultation(consultation=consultation, by=request.user)
    if blockers:
        messages.error(request, _("The draft is saved, but it cannot be signed yet: see the red flags."))
        return redirect("consultations:consultation_edit", public_id=consultation.public_id)
    messages.success(request, _("The consultation is signed and locked."))
    return redirect(consultation)


def _render_edit(request, forms, status=200, conflict=None):
    consultation = forms.main.instance
    return render(request, "consultations/consultation_form.html", {
        "forms": forms, "consultation": consultation, "patient": consultation.patient,
        "support": forms.support(), "conflict": conflict,
        "autosave_seconds": settings.AUTOSAVE_SECONDS,
        "stage": consultation.pregnancy.stage_on(timezone.localtime(consultation.seen_at).date()),
        **plan_referral(request, consultation), **follow_up_offer(request, consultation),
    }, status=status)


def _render_conflict(request, consultation, current):
    data = request.POST.copy()
    data["version"] = str(current.version)
    forms = ConsultationForms(data, consultation, latest_visit(request, consultation))
    forms.is_valid()
    current = get_consultation_for(request, current.public_id)
    return _render_edit(request, forms, status=409, conflict=current)


@require_POST
def consultation_take_over(request, public_id):
    """A colleague takes over the draft to finish and sign it; the record says from whom."""
    consultation = get_consultation_for(request, public_id)
    require_own_consultation(request, consultation)
    require_may(request, Action.TAKE_OVER)
    try:
        take_over_draft(consultation=consultation, by=request.user)
    except AlreadySigned:
        messages.error(request, _("Someone signed this consultation meanwhile; it was not changed."))
        return redirect(consultation)
    messages.success(request, _("The draft is yours now; you can finish and sign it."))
    return redirect("consultations:consultation_edit", public_id=consultation.public_id)


def new_consultation_for(request, public_id):
    """An unsaved consultation of her current pregnancy for a clinician who may record it now:
    404 without a pregnancy (or a patient this clinic may see), 403 without the right."""
    patient = get_patient_for(request, public_id)
    if current_pregnancy_once(patient) is None:
        raise Http404
    if not may_record_for(request, patient, patient.current_pregnancy):
        raise PermissionDenied
    return new_consultation(request, patient)


@require_POST
def consultation_support(request, public_id):
    """The decision-support panel for what is on the page now (htmx)."""
    consultation = new_consultation_for(request, public_id)
    forms = ConsultationForms(request.POST, consultation, latest_visit(request, consultation))
    response = render(request, "consultations/_decision_support.html", {
        "support": forms.support(),
    })
    response["Vary"] = "HX-Request"
    return response


@require_safe
def consultation_detail(request, public_id):
    return _detail_page(request, get_consultation_for(request, public_id), AmendmentForm())


@require_POST
def consultation_amend(request, public_id):
    consultation = get_consultation_for(request, public_id)
    require_own_consultation(request, consultation)
    require_may(request, Action.AMEND)
    require_author(request, consultation)
    if not consultation.is_signed:
        return redirect("consultations:consultation_edit", public_id=consultation.public_id)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, consultation, form)
    add_amendment(consultation=consultation, form=form, by=request.user)
    messages.success(request, _("The amendment is added and signed."))
    return redirect(consultation)


def _detail_page(request, consultation, amendment_form):
    return render(request, "consultations/consultation_detail.html", {
        "consultation": consultation, "patient": consultation.patient,
        "support": support_for_record(consultation, visit_before(request, consultation)),
        "amendment_form": amendment_form,
        "handout_kinds": HandoutIssued.Kind.choices, **plan_referral(request, consultation),
        "handout_link": handout_link(request, consultation),
    })


def pgq_create(request, public_id):
    """Enter her Pelvic Girdle Questionnaire at this visit (own clinic's consultation); after
    signing it goes in as a dated, signed addition (workflows.record_pgq)."""
    consultation = get_consultation_for(request, public_id)
    require_own_consultation(request, consultation)
    require_may(request, Action.RECORD_PGQ)
    wording = PgqWording.objects.for_clinic(request.clinic).filter(
        language=translation.get_language()).first()
    form = PgqForm(request.POST or None, today=timezone.localdate(),
                   visit_day=timezone.localtime(consultation.seen_at).date(),
                   wording=wording.items if wording else None)
    if request.method == "POST" and form.is_valid():
        response = record_pgq(consultation=consultation, form=form, by=request.user)
        if response.added_after_signing:
            messages.success(request, _("The questionnaire is scored and added after the "
                                        "signed record."))
        else:
            messages.success(request, _("The questionnaire is saved and scored."))
        return redirect(consultation)
    return render(request, "consultations/pgq_form.html",
                  {"form": form, "consultation": consultation, "patient": consultation.patient})
