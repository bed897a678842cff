import uuid

from django.contrib import messages
from django.db import connection
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from clinics.models import User
from clinics.permissions import Action
from pgp_clinic.prepared import PreparedQuery
from pgp_clinic.versioning import EditConflict, conflict_for

from . import searches
from .access import (
    as_the_clinic_knew_them,
    get_patient_for,
    get_pregnancy_for,
    log_access,
    require_may,
    require_owner,
)
from .changes import readable_history
from .forms import HistoryFilterForm, PatientForm, PatientSearchForm, PregnancyForm
from .models import HistoryEntry, Patient
from .pages import clinician_worklists, patient_page, shown_on_dashboard, worklists
from .workflows import register_patient, save_patient, save_pregnancy

PAGE_SIZE = 25


@require_safe
def dashboard(request):
    today = timezone.localdate()
    patients = as_the_clinic_knew_them(request, RECENTLY_SEEN.list(clinic=request.clinic.pk))
    lists = {**worklists(request.clinic, today),
             **clinician_worklists(request.user, request.clinic)}
    log_access(request, shown_on_dashboard(patients, lists),  # the work cards show women too
               reports=[(report.pregnancy.patient, report)
                        for report, _lines in lists["reported_worse"]])
    return render(request, "consultations/dashboard.html",
                  {"patients": patients, "today": today, **lists})


RECENTLY_SEEN = PreparedQuery(  # the dashboard's last ten, built once per process
    lambda clinic: Patient.objects.for_clinic(clinic).recently_seen()
    .with_current_pregnancy(clinic=clinic)[:10], clinic=int)


def patient_list(request):
    """GET: the list, filtered and sorted; POST: a search, which redirects to the list with
    an opaque token in place of the text (no name or CPR number in any address)."""
    if request.method == "POST":
        return _search(request)
    data = request.GET.copy()
    data.pop("q", None)  # search text never arrives by the address
    token = data.pop("search", [""])[-1]
    text = searches.recall(request.session, token) if token else ""
    if text:
        data["q"] = text
    form = PatientSearchForm(data)
    form.is_valid()  # errors show at the field; the valid parts still apply
    if text is None:
        form.add_error("q", _("That search is no longer available. Please search again."))
        token = ""
    return _patient_list_page(request, form, token)


def _search(request):
    form = PatientSearchForm(request.POST)
    if not form.is_valid():
        return _patient_list_page(request, form, "")
    text, stage, sort = form.query()
    params = {"stage": stage, "sort": sort}
    if text:
        params["search"] = searches.remember(request.session, text)
    return redirect(f"{reverse('consultations:patient_list')}?{urlencode(params)}")


def _patient_list_page(request, search_form, token):
    text, stage, sort = search_form.query()
    after = _uuid_or_none(request.GET.get("after"))
    if not (text or stage) and sort == "name":  # the list as it opens: prepared
        page = ListPage.by_name(request.clinic, after)
    else:
        patients = Patient.objects.for_clinic(request.clinic).search(text, clinic=request.clinic)
        if stage:
            patients = patients.in_stage(stage, clinic=request.clinic)
        page = ListPage.of(patients.sorted_by(sort, clinic=request.clinic), request.clinic, sort,
                           after, cap=ListPage.SEARCH_COUNT_CAP if text else ListPage.COUNT_CAP)
    page.object_list = as_the_clinic_knew_them(request, page.object_list)
    log_access(request, page.object_list)
    keep = urlencode({"search": token, "stage": stage, "sort": sort})
    return render(request, "consultations/patient_list.html", {
        "page": page, "search_form": search_form, "q": text, "keep": keep,
        "today": timezone.localdate(),
    })


class ListPage:
    """A page of the list by keyset (issue 12): the rows after the woman named by `after` (a
    public id: no name in the address), read from the index where she stands, so any page
    costs what the first does. The total is counted only up to COUNT_CAP, a search's only up
    to SEARCH_COUNT_CAP ("More than 100 patients": a name that many share is refined, not
    paged through; counting every Hansen read all the clinic's rows, and the count stops
    at the 101st, docs/performance.md)."""

    COUNT_CAP = 1000
    SEARCH_COUNT_CAP = 100

    def __init__(self, count, rows, after, cap=COUNT_CAP):
        self.count, self.after, self.count_cap = count, after, cap
        self.count_capped = count > cap
        self.has_next = len(rows) > PAGE_SIZE
        self.object_list = rows[:PAGE_SIZE]
        self.next_after = self.object_list[-1].public_id if self.has_next else None

    @classmethod
    def of(cls, patients, clinic, sort, after, cap=COUNT_CAP):
        """A page of any search, filter and order (sorted patients)."""
        count = patients.order_by()[: cap + 1].count()
        if after:
            patients = patients.after(sort, after)
        rows = list(patients.with_current_pregnancy(clinic=clinic)[: PAGE_SIZE + 1])
        return cls(count, rows, after, cap)

    @classmethod
    def by_name(cls, clinic, after):
        """A page of the whole list by name, the same rows as `of` in prepared queries
        (pgp_clinic/prepared.py): her count, where the page starts, the page."""
        count = len(BY_NAME_COUNT.list(clinic=clinic.pk))
        start = after and BY_NAME_KEYSET.first(clinic=clinic.pk, public_id=after)
        if start:
            last_name, first_name, pk = start
            rows = BY_NAME_AFTER.list(clinic=clinic.pk, last_name=last_name,
                                      first_name=first_name, pk=pk)
        else:
            rows = BY_NAME_FIRST.list(clinic=clinic.pk)
        return cls(count, rows, after)

    @property
    def has_other_pages(self):
        return self.has_next or self.after is not None


def _by_name(clinic):
    return Patient.objects.for_clinic(clinic).sorted_by("name", clinic=clinic)


BY_NAME_COUNT = PreparedQuery(
    lambda clinic: _by_name(clinic).order_by().values_list("pk", flat=True)[
        : ListPage.COUNT_CAP + 1], clinic=int)
BY_NAME_KEYSET = PreparedQuery(
    lambda clinic, public_id: _by_name(clinic).keyset("name").filter(public_id=public_id)[:1],
    clinic=int, public_id=uuid.UUID)
BY_NAME_FIRST = PreparedQuery(
    lambda clinic: _by_name(clinic).with_current_pregnancy(clinic=clinic)[: PAGE_SIZE + 1],
    clinic=int)
BY_NAME_AFTER = PreparedQuery(
    lambda clinic, last_name, first_name, pk: _by_name(clinic)
    .after_values("name", (last_name, first_name, pk))
    .with_current_pregnancy(clinic=clinic)[: PAGE_SIZE + 1],
    clinic=int, last_name=str, first_name=str, pk=int)


def _uuid_or_none(value):
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def patient_create(request):
    patient_form = PatientForm(request.POST or None, clinic=request.clinic, prefix="patient")
    pregnancy_form = PregnancyForm(request.POST or None, prefix="pregnancy")
    if request.method == "POST" and all([patient_form.is_valid(), pregnancy_form.is_valid()]):
        patient = register_patient(
            patient_form=patient_form, pregnancy_form=pregnancy_form, clinic=request.clinic
        )
        _notify_saved(request, _("The patient is registered."), pregnancy_form)
        return redirect(patient)
    return render(
        request,
        "consultations/patient_form.html",
        {"patient_form": patient_form, "pregnancy_form": pregnancy_form},
    )


@require_safe
def patient_detail(request, public_id):
    patient = get_patient_for(request, public_id)
    return render(request, "consultations/patient_detail.html", patient_page(request, patient))


def patient_edit(request, public_id):
    patient = get_patient_for(request, public_id)
    require_owner(request, patient)
    form = PatientForm(request.POST or None, instance=patient, clinic=request.clinic)
    if request.method == "POST" and form.is_valid():
        try:
            save_patient(form)
        except EditConflict as stale:
            saved = PatientForm(instance=stale.current, clinic=request.clinic)
            return render(request, "consultations/patient_form.html", {
                "patient_form": form, "patient": patient,
                "conflict": conflict_for(form, stale.current, saved),
            }, status=409)
        messages.success(request, _("The patient's details are saved."))
        return redirect(patient)
    return render(
        request, "consultations/patient_form.html", {"patient_form": form, "patient": patient}
    )


def pregnancy_create(request, public_id):
    patient = get_patient_for(request, public_id)
    require_owner(request, patient)
    return _pregnancy_form(request, patient, PregnancyForm(request.POST or None, patient=patient))


def pregnancy_edit(request, public_id, pregnancy_id):
    patient = get_patient_for(request, public_id)
    require_owner(request, patient)
    pregnancy = get_pregnancy_for(request, patient, pregnancy_id)
    form = PregnancyForm(request.POST or None, instance=pregnancy, patient=patient)
    return _pregnancy_form(request, patient, form)


def _pregnancy_form(request, patient, form):
    if request.method == "POST" and form.is_valid():
        try:
            save_pregnancy(form)
        except EditConflict as stale:
            saved = PregnancyForm(instance=stale.current, patient=patient)
            return render(request, "consultations/pregnancy_form.html", {
                "patient": patient, "form": form,
                "conflict": conflict_for(form, stale.current, saved),
            }, status=409)
        _notify_saved(request, _("The pregnancy is saved."), form)
        return redirect(patient)
    return render(
        request, "consultations/pregnancy_form.html", {"patient": patient, "form": form}
    )


def _notify_saved(request, text, pregnancy_form):
    messages.success(request, text)
    for warning in pregnancy_form.warnings():
        messages.warning(request, warning)


@require_safe
def access_log(request, public_id):
    """Who has looked at this woman's record: for the owning clinic's administrator."""
    patient = get_patient_for(request, public_id)
    require_owner(request, patient)
    require_may(request, Action.READ_ACCESS_LOG)
    entries = patient.access_log.select_related("user", "clinic")[:500]
    return render(request, "consultations/access_log.html",
                  {"patient": patient, "entries": entries})


HISTORY_LIMIT = 500  # rows, newest first; a period or a person narrows it


@require_safe
def change_history(request, public_id):
    """Every change to her record, one entry per save, with the values before and after."""
    patient = get_patient_for(request, public_id)
    require_owner(request, patient)
    rows = HistoryEntry.objects.filter(patient_id=patient.pk)
    people = User.objects.filter(pk__in=rows.values("actor_id")).order_by("first_name")
    form = HistoryFilterForm(request.GET or None, people=people)
    if form.is_valid():
        rows = form.filter(rows)
    entries = readable_history(list(rows[:HISTORY_LIMIT]),
                               exact_time=connection.vendor == "postgresql")
    return render(request, "consultations/change_history.html",
                  {"patient": patient, "entries": entries, "form": form})
