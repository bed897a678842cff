"""Her answers from home as the clinician's pages show them: pure functions, values in (reports
with their rows already loaded), rows, chart series and lines out. No queries here."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessments import charts
from consultations import gestation

from .models import PainActivity, PainMoment

PGQ_FIELDS = ("total", "activity", "symptom")


@dataclass(frozen=True)
class PainLine:
    activity: str
    moment: str
    value: int


def pain_label(activity: str, moment: str) -> str:
    """"Walking, now": what a reported NRS value was about."""
    return _("%(activity)s, %(moment)s") % {
        "activity": PainActivity(activity).label, "moment": str(PainMoment(moment).label).lower()}


def pain_lines(report) -> list[PainLine]:
    """Her NRS answers in the order of the questionnaire (activity, then now / worst)."""
    order = {code: index for index, code in enumerate(PainActivity.values)}
    moments = {code: index for index, code in enumerate(PainMoment.values)}
    rows = sorted(report.pain_rows.all(), key=lambda r: (order.get(r.activity, 99),
                                                          moments.get(r.moment, 9)))
    return [PainLine(pain_label(row.activity, row.moment), row.moment, row.value) for row in rows]


def worsening_lines(worsening: dict) -> list[str]:
    """"Walking, now: NRS 3 → 6" for each value P1 found worse (stored with the report)."""
    names = {"total": _("PGQ total"), "activity": _("PGQ activity"), "symptom": _("PGQ symptoms")}
    lines = [_("%(what)s: NRS %(before)s → %(after)s") % {
        "what": pain_label(activity, moment), "before": before, "after": after}
        for activity, moment, before, after in (worsening or {}).get("pain", [])
        if activity in PainActivity.values and moment in PainMoment.values]
    lines += [f"{names[name]}: {before} → {after}"
              for name, before, after in (worsening or {}).get("pgq", []) if name in names]
    return lines


def x_of_day(day, pregnancy) -> int:
    """Days from 0+0 on that day; after the birth, the delivery day plus days since (as the
    progress chart places a visit, consultations/progress.py x_of)."""
    if pregnancy.delivery_date is not None and day >= pregnancy.delivery_date:
        return (gestation.ga_days(pregnancy.edd, pregnancy.delivery_date)
                + (day - pregnancy.delivery_date).days)
    return gestation.ga_days(pregnancy.edd, day)


def pain_series(reports, pregnancy, local_day) -> tuple:
    """NRS series of her answers, one per activity and moment, drawn as reported (hollow
    markers) beside the clinician's; local_day turns a moment into her local date."""
    points = {}
    for report in reports:
        x = x_of_day(local_day(report.submitted_at), pregnancy)
        for row in report.pain_rows.all():
            points.setdefault((row.activity, row.moment), []).append(
                charts.Point(x=x, y=row.value, label=_("%(value)s, filled in by the patient") % {
                    "value": row.value}))
    return tuple(
        charts.Series(name=pain_label(activity, moment), points=tuple(found), reported=True)
        for (activity, moment), found in sorted(points.items()))


def pgq_series(reports, pregnancy, local_day) -> tuple:
    """PGQ total and subscales of her answers (0-100), drawn as reported."""
    names = {"total": _("Total"), "activity": _("Activity"), "symptom": _("Symptoms")}
    lines = []
    for field in PGQ_FIELDS:
        found = tuple(
            charts.Point(x=x_of_day(local_day(report.submitted_at), pregnancy),
                         y=float(getattr(report, f"pgq_{field}")),
                         label=_("%(value)s, filled in by the patient") % {
                             "value": getattr(report, f"pgq_{field}")})
            for report in reports if getattr(report, f"pgq_{field}") is not None)
        if found:
            lines.append(charts.Series(name=str(names[field]), points=found, reported=True))
    return tuple(lines)


def latest_unconfirmed(reports, consultation_id=None):
    """Her newest report no consultation has confirmed yet, or the one this consultation
    confirmed (reports oldest first), or None: what a follow-up offers to confirm."""
    open_ = [report for report in reports
             if report.confirmed_in_id is None or report.confirmed_in_id == consultation_id]
    return open_[-1] if open_ else None
