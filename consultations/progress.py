"""Progress across a pregnancy episode: pain by context and scale, ASLR, PGQ, tests per visit.

Values in (consultations with their prefetched parts), chart panels and tables out. The x
axis counts days from gestational day 0 and simply continues after the birth, so one chart
spans the pregnancy and the time after it; the delivery is marked.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _

from assessments import charts, rules, scoring
from assessments.catalogue import PELVIC_TESTS, PainContext, PainScale, PelvicTest

from . import gestation


@dataclass(frozen=True)
class Progress:
    panels: tuple  # SVG strings, one per scale
    visits: tuple  # the consultations in time order
    test_rows: tuple  # (label, [cell per visit])
    questionnaires: tuple  # (response, changes since the previous one)
    has_data: bool
    conclusion: tuple = ()  # ConclusionLine, first vs latest value of each measure
    latest: object = None  # the latest visit: its assessment and plan are the current plan


@dataclass(frozen=True)
class ConclusionLine:
    """One measure, first vs latest value, and whether the change passes the threshold."""

    measure: str
    first: str
    latest: str
    verdict: str  # "better", "worse" (beyond the important-change threshold) or "" (within)
    threshold: str  # the threshold used, for the reader


def _verdict(improved, worse):
    return "better" if improved else "worse" if worse else ""


def _pain_lines(visits):
    first, latest = {}, {}
    for visit in visits:
        for score in visit.pain_scores.all():
            key = (score.scale, score.context)
            first.setdefault(key, score)
            latest[key] = score
    lines = []
    for key in sorted(first):
        before, after = first[key], latest[key]
        if before is after:
            continue
        change = rules.pain_change(key[0], before.value, after.value)
        points = rules.IMPORTANT_CHANGE_POINTS[PainScale(key[0])]
        unit = " mm" if key[0] == PainScale.VAS else ""
        lines.append(ConclusionLine(
            measure=f"{PainScale(key[0]).label.split(' ')[0]} {PainContext(key[1]).label.lower()}",
            first=str(before), latest=str(after),
            verdict=_verdict(change.clinically_important, change.worsening),
            threshold=_("%(points)s%(unit)s or %(percent)s %%") % {
                "points": points, "unit": unit, "percent": rules.IMPORTANT_CHANGE_PERCENT},
        ))
    return lines


def _pgq_lines(responses):
    if len(responses) < 2:
        return []
    names = {"total": _("PGQ total"), "activity": _("PGQ activity"), "symptom": _("PGQ symptoms")}
    first, latest = responses[0][0].as_score(), responses[-1][0].as_score()
    return [
        ConclusionLine(
            measure=names[change.subscale], first=f"{change.before:.1f}", latest=f"{change.after:.1f}",
            verdict=change.direction if change.important_ceprnja else "",
            threshold=_("%(mic)s (Ceprnja 2019)") % {"mic": f"{change.mic_ceprnja:.1f}"},
        )
        for change in scoring.pgq_changes(first, latest)
    ]


def _aslr_line(visits):
    totals = []
    for visit in visits:
        scores = [r.aslr_score for r in visit.test_results.all()
                  if r.test == PelvicTest.ASLR and r.aslr_score is not None]
        if len(scores) == 2:
            totals.append(sum(scores))
    if len(totals) < 2:
        return []
    return [ConclusionLine(measure=_("ASLR total (0–10)"), first=str(totals[0]),
                           latest=str(totals[-1]), verdict="", threshold="")]


def x_of(consultation, pregnancy):
    """Days from 0+0 at the visit; after the birth, the delivery day plus days since."""
    if consultation.ga_days_at_visit is not None:
        return consultation.ga_days_at_visit
    return delivery_x(pregnancy) + (consultation.postpartum_days_at_visit or 0)


def delivery_x(pregnancy):
    if pregnancy.delivery_date is None:
        return None
    return gestation.ga_days(pregnancy.edd, pregnancy.delivery_date)


def _pain_panels(visits, pregnancy, reported=()):
    """One panel per scale; her own NRS answers (reported series) join the NRS panel only."""
    series = defaultdict(list)
    for visit in visits:
        for score in visit.pain_scores.all():
            series[(score.scale, score.context)].append((x_of(visit, pregnancy), score.value))
    panels = []
    for scale, top, ticks in ((PainScale.NRS, 10, (0, 2, 4, 6, 8, 10)),
                              (PainScale.VAS, 100, (0, 20, 40, 60, 80, 100))):
        lines = tuple(
            charts.Series(name=str(PainContext(context).label), points=_marked(points, scale))
            for (s, context), points in sorted(series.items()) if s == scale
        ) + (tuple(reported) if scale == PainScale.NRS else ())
        if lines:
            unit = "mm" if scale == PainScale.VAS else _("points")
            panels.append(charts.Panel(title=str(PainScale(scale).label), y_min=0, y_max=top,
                                       y_ticks=ticks, series=lines, y_unit=unit))
    return panels


def _marked(points, scale):
    """Points with the clinically important changes (R6) since the previous point marked."""
    marked = []
    for index, (x, value) in enumerate(sorted(points)):
        important = False
        if index:
            change = rules.pain_change(scale, marked[-1].y, value)
            important = change.clinically_important or change.worsening
        marked.append(charts.Point(x=x, y=value, important=important, label=str(value)))
    return tuple(marked)


def _aslr_panel(visits, pregnancy):
    points = []
    for visit in visits:
        scores = [r.aslr_score for r in visit.test_results.all()
                  if r.test == PelvicTest.ASLR and r.aslr_score is not None]
        if len(scores) == 2:
            points.append(charts.Point(x=x_of(visit, pregnancy), y=sum(scores), label=str(sum(scores))))
    if not points:
        return []
    return [charts.Panel(title=_("ASLR total (0–10)"), y_min=0, y_max=10, y_ticks=(0, 2, 4, 6, 8, 10),
                         y_unit=_("points"),
                         series=(charts.Series(name=_("ASLR total"), points=tuple(points)),))]


def _pgq_panel(responses, pregnancy, reported=()):
    if not responses and not reported:
        return []
    lines = []
    for field, name in (("total", _("Total")), ("activity", _("Activity")),
                        ("symptom", _("Symptoms"))):
        points, previous = [], None
        for response, x in responses:
            value = getattr(response, field)
            if value is None:
                continue
            important = previous is not None and (
                scoring.pgq_change(field, previous, float(value)).important_ceprnja
            )
            points.append(charts.Point(x=x, y=float(value), important=important,
                                       label=f"{value}"))
            previous = float(value)
        if points:
            lines.append(charts.Series(name=str(name), points=tuple(points)))
    lines += list(reported)
    return [charts.Panel(title=_("Pelvic Girdle Questionnaire (0–100, higher is worse)"),
                         y_min=0, y_max=100, y_ticks=(0, 20, 40, 60, 80, 100),
                         series=tuple(lines), y_unit="%")]


def _test_rows(visits):
    """One row per test and side, one cell per visit: the result as recorded."""
    cells = {}
    for column, visit in enumerate(visits):
        for result in visit.test_results.all():
            value = (str(result.aslr_score) if result.test == PelvicTest.ASLR
                     else result.get_result_display())
            cells[(result.test, result.side, column)] = (value, rules.is_positive(result.result)
                                                         if result.result else False)
    rows = []
    for test, info in PELVIC_TESTS.items():
        for side in info.sides:
            row = [cells.get((test, side, column)) for column in range(len(visits))]
            if any(row):
                rows.append((f"{test.label} – {side.label.lower()}", row))
    return tuple(rows)


def _questionnaires(visits, pregnancy):
    responses = sorted(
        ((q, x_of(visit, pregnancy)) for visit in visits for q in visit.questionnaires.all()),
        key=lambda pair: (pair[0].filled_on, pair[0].pk),
    )
    labels = {"total": _("Total"), "activity": _("Activity"), "symptom": _("Symptoms")}
    with_changes, previous = [], None
    for response, _x in responses:
        score = response.as_score()
        changes = scoring.pgq_changes(previous, score) if previous else ()
        with_changes.append((response, [(labels[c.subscale], c) for c in changes]))
        previous = score
    return responses, tuple(with_changes)


def build_progress(visits, pregnancy, *, delivery_label, important_label, chart_size=(640, 220),
                   reported=None, reported_label=""):
    """The progress view of one pregnancy episode from its visits in time order (the printed
    report asks for narrower charts, two to a row, so their text stays readable). reported:
    her answers from home as chart series (portal/reports.py: {"pain": (...), "pgq": (...)}),
    drawn beside the clinician's values on the same scale, never converted."""
    visits = sorted(visits, key=lambda v: v.seen_at)
    reported = reported or {"pain": (), "pgq": ()}
    responses, questionnaires = _questionnaires(visits, pregnancy)
    panels = (_pain_panels(visits, pregnancy, reported["pain"]) + _aslr_panel(visits, pregnancy)
              + _pgq_panel(responses, pregnancy, reported["pgq"]))
    reported_xs = [p.x for line in (*reported["pain"], *reported["pgq"]) for p in line.points]
    xs = [x_of(v, pregnancy) for v in visits] + reported_xs or [0]
    birth = delivery_x(pregnancy)
    x_min = max(0, min(xs) - 7)
    x_max = max(xs + ([birth] if birth else [])) + 7
    span_weeks = (x_max - x_min) / 7
    step = 1 if span_weeks <= 10 else 2 if span_weeks <= 20 else 4
    ticks = charts.weeks_ticks(x_min, x_max, delivery_x=birth, step_weeks=step)
    x_label = (_("Gestational week; +n = weeks after the birth") if birth is not None
               else _("Gestational week"))
    svgs = tuple(
        charts.chart_svg(panel, x_min=x_min, x_max=x_max, x_ticks=ticks, delivery_x=birth,
                         delivery_label=delivery_label, important_label=important_label,
                         x_label=x_label, width=chart_size[0], height=chart_size[1],
                         reported_label=reported_label)
        for panel in panels
    )
    conclusion = _pain_lines(visits) + _aslr_line(visits) + _pgq_lines(responses)
    return Progress(panels=svgs, visits=tuple(visits), test_rows=_test_rows(visits),
                    questionnaires=questionnaires, has_data=bool(visits or reported_xs),
                    conclusion=tuple(conclusion), latest=visits[-1] if visits else None)
