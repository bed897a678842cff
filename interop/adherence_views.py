"""The clinic's guideline-adherence report: the figures, the consultations behind each, CSV."""

import csv
import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from clinics.permissions import Action
from consultations.access import as_the_clinic_knew_them, log_access, require_may
from consultations.models import Consultation

from . import adherence
from .adherence_forms import AdherenceFilterForm
from .adherence_labels import CRITERION_DEFINITIONS, CRITERION_LABELS, outcome_label


def clinic_visits(clinic, *, start, end, clinician=None):
    """Every signed consultation of the clinic in the episodes that have a first consultation
    in the period (by the clinician, if given), with the parts the criteria read: a fixed
    six queries whatever the number of women."""
    firsts = Consultation.objects.filter(
        clinic=clinic, status=Consultation.Status.SIGNED, kind=Consultation.Kind.FIRST,
        seen_at__gte=_midnight(start), seen_at__lt=_midnight(end + datetime.timedelta(days=1)))
    if clinician is not None:
        firsts = firsts.filter(clinician=clinician)
    return (
        Consultation.objects.filter(clinic=clinic, status=Consultation.Status.SIGNED,
                                    pregnancy__in=firsts.values("pregnancy"))
        .select_related("patient", "clinician")
        .prefetch_related("test_results", "red_flag_answers", "programme_items",
                          "questionnaires", "pain_scores")
        .order_by("seen_at", "pk")
    )


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def build_report(clinic, form):
    """The report for a valid filter form."""
    start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    clinician = form.cleaned_data["clinician"]
    visits = adherence.visits_from(clinic_visits(clinic, start=start, end=end,
                                                 clinician=clinician))
    return adherence.adherence_report(visits, start=start, end=end, today=form.today,
                                      clinician_id=clinician.pk if clinician else None)


def _filtered(request):
    require_may(request, Action.READ_ADHERENCE_REPORT)
    form = AdherenceFilterForm(request.GET, clinic=request.clinic)
    return form, (build_report(request.clinic, form) if form.is_valid() else None)


@require_safe
def adherence_report(request):
    form, report = _filtered(request)
    return render(request, "interop/adherence_report.html", {
        "form": form, "report": report, "rows": _rows(report) if report else [],
        "outcomes": _outcome_rows(report) if report else [],
    })


@require_safe
def adherence_csv(request):
    form, report = _filtered(request)
    if report is None:
        return render(request, "interop/adherence_report.html", {"form": form})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="adherence-{form.cleaned_data["date_from"]:%Y-%m-%d}-'
        f'{form.cleaned_data["date_to"]:%Y-%m-%d}.csv"')
    response.write("\ufeff")  # so a spreadsheet opened in Denmark reads æ, ø and å as UTF-8
    write_csv(response, report, form)
    return response


@require_safe
def adherence_list(request, key):
    """The consultations behind one figure; her name is shown, so the view is access-logged."""
    form, report = _filtered(request)
    if report is None:
        return render(request, "interop/adherence_report.html", {"form": form})
    rows, title, is_outcome = _drill_down(report, key)
    patients = list({row["visit"].ref.patient_id: row["visit"].ref.patient for row in rows}
                    .values())
    log_access(request, patients)
    known = {p.pk: p for p in as_the_clinic_knew_them(request, patients)}
    for row in rows:
        row["patient"] = known[row["visit"].ref.patient_id]
    return render(request, "interop/adherence_list.html",
                  {"form": form, "rows": rows, "title": title, "key": key,
                   "is_outcome": is_outcome})


def _drill_down(report, key):
    """Rows for one figure (every consultation it applies to, met or not) or one outcome
    (every episode measured at first and last visit); an unknown key is a 404."""
    try:
        figure = report.figure(key)
    except KeyError:
        figure = None
    if figure is not None:
        title = CRITERION_LABELS.get(key) or _important_title(report, key)
        return [{"visit": v, "met": figure.meets(v)} for v in figure.eligible], title, False
    try:
        outcome = report.outcome(key)
    except KeyError:
        raise Http404 from None
    return ([{"visit": c.first, "last": c.last, "before": c.before, "after": c.after,
              "change": c.change, "met": c.important} for c in outcome.changes],
            outcome_label(outcome), True)


def _important_title(report, key):
    for outcome in (*report.pain, report.pgq):
        if outcome.important.key == key:
            return _("%(measure)s: important improvement") % {"measure": outcome_label(outcome)}
    return _("PGQ total: important improvement (Stuge 2017, 25 points)")


def _rows(report):
    return [{"key": key, "label": CRITERION_LABELS[key], "figure": report.figures[key],
             "definition": CRITERION_DEFINITIONS[key]} for key in adherence.CRITERIA]


def _outcome_rows(report):
    return [{"outcome": o, "label": outcome_label(o), "important": o.important}
            for o in (*report.pain, report.pgq)]


def write_csv(out, report, form):
    """One row per figure: what it is, met, of, share in per cent, median where it has one."""
    writer = csv.writer(out)
    clinician = form.cleaned_data["clinician"]
    writer.writerow([_("Period"), form.cleaned_data["date_from"].isoformat(),
                     form.cleaned_data["date_to"].isoformat(),
                     _("Clinician"), str(clinician) if clinician else _("All clinicians")])
    writer.writerow([_("Figure"), _("Met"), _("Of"), _("Share (%)"), _("Median change")])
    writer.writerow([_("First consultations in the period"), len(report.firsts), "", "", ""])
    for row in _rows(report):
        figure = row["figure"]
        writer.writerow([row["label"], figure.numerator, figure.denominator,
                         _percent(figure), ""])
    for row in _outcome_rows(report):
        outcome = row["outcome"]
        writer.writerow([_("%(measure)s: important improvement") % {"measure": row["label"]},
                         outcome.important.numerator, outcome.important.denominator,
                         _percent(outcome.important), _number(outcome.median)])
    stuge = report.pgq_stuge
    writer.writerow([_important_title(report, stuge.key), stuge.numerator, stuge.denominator,
                     _percent(stuge), ""])


def _percent(figure):
    return "" if figure.percent is None else figure.percent


def _number(value):
    return "" if value is None else f"{value:g}"
