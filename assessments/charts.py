"""Progress charts as plain SVG: values in, an SVG string out.

The same string is used on screen and in WeasyPrint PDFs, so it keeps to SVG 1.1 elements
(svg, g, line, polyline, circle, rect, path, text, title) with presentation attributes: no
script, no CSS, no external references. ``class`` attributes are hooks for tests only; nothing
is styled through them. Every text is escaped because series names may hold user text.

One panel is one scale (NRS 0-10, VAS 0-100 mm, ASLR 0-10, PGQ 0-100): never two on one axis.
The x axis is days since gestational day 0 (0+0) and simply continues after the birth.

Out-of-range values: points with x outside [x_min, x_max] are skipped (clamping would put
them at a false date); y values outside [y_min, y_max] are clamped to the plot edge (the
tooltip keeps the real value). Series without points are skipped.
"""

import math
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext

# Okabe-Ito colour-blind-safe palette, each with its own marker and dash for black-and-white print.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
MARKERS = ("circle", "square", "triangle", "diamond", "triangle_down", "ring")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 2 1 2", "1 2")
REPORTED_DASH = "1 3"  # her own answers: a thin dotted line between hollow markers

FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
AXIS_COLOUR = "#444444"
GRID_COLOUR = "#DDDDDD"
TEXT_COLOUR = "#222222"
MUTED_COLOUR = "#555555"
IMPORTANT_COLOUR = "#000000"

MARKER_SIZE = 3.5
IMPORTANT_RADIUS = 7.5
LEGEND_ROW = 16
X_LABEL_ROW = 14
CHAR_WIDTH = 5.8  # rough mean width of one 10.5 px character, for legend layout
LEGEND_NAME_MAX = 40

_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Point:
    x: float  # days since gestational day 0 (0+0); after birth the x axis just continues
    y: float
    important: bool = False  # a clinically important change since the previous point
    label: str = ""  # tooltip text (<title>)


@dataclass(frozen=True)
class Series:
    name: str
    points: tuple[Point, ...]
    reported: bool = False  # filled in by the patient herself: hollow markers, a dotted line


@dataclass(frozen=True)
class Panel:
    title: str
    y_min: float
    y_max: float
    y_ticks: tuple[float, ...]
    series: tuple[Series, ...]
    y_unit: str = ""


# Helpers ------------------------------------------------------------------------------------


def _text(value: object) -> str:
    return escape(_XML_INVALID.sub("", str(value)))


def _attr(value: object) -> str:
    return quoteattr(_XML_INVALID.sub("", str(value)))


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def _tick_label(value: float) -> str:
    return f"{value:g}"


def _finite(*values: float) -> bool:
    return all(isinstance(v, int | float) and math.isfinite(v) for v in values)


def _title(label: str) -> str:
    return f"<title>{_text(label)}</title>" if label else ""


def _marker(shape: str, x: float, y: float, colour: str, size: float = MARKER_SIZE,
            hollow: bool = False) -> str:
    """A filled marker, or (hollow) a white one outlined in the colour: her own answers."""
    paint = (f'fill="#FFFFFF" stroke="{colour}" stroke-width="1.6"' if hollow
             else f'fill="{colour}"')
    s = size + (0.8 if hollow else 0)
    if shape == "circle":
        return f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(s)}" {paint}/>'
    if shape == "ring":
        return (f'<circle cx="{_num(x)}" cy="{_num(y)}" r="{_num(s)}" fill="#FFFFFF" '
                f'stroke="{colour}" stroke-width="1.8"/>')
    if shape == "square":
        return (f'<rect x="{_num(x - s)}" y="{_num(y - s)}" width="{_num(2 * s)}" '
                f'height="{_num(2 * s)}" {paint}/>')
    t = s * 1.25
    if shape == "triangle":
        d = f"M{_num(x)} {_num(y - t)}L{_num(x + t)} {_num(y + t * 0.8)}L{_num(x - t)} " \
            f"{_num(y + t * 0.8)}Z"
    elif shape == "triangle_down":
        d = f"M{_num(x)} {_num(y + t)}L{_num(x + t)} {_num(y - t * 0.8)}L{_num(x - t)} " \
            f"{_num(y - t * 0.8)}Z"
    else:  # diamond
        d = f"M{_num(x)} {_num(y - t)}L{_num(x + t)} {_num(y)}L{_num(x)} {_num(y + t)}" \
            f"L{_num(x - t)} {_num(y)}Z"
    return f'<path d="{d}" {paint}/>'


def _important_ring(x: float, y: float) -> str:
    return (f'<circle class="important-marker" cx="{_num(x)}" cy="{_num(y)}" '
            f'r="{_num(IMPORTANT_RADIUS)}" fill="none" stroke="{IMPORTANT_COLOUR}" '
            f'stroke-width="1.5"/>')


def _legend_name(name: str) -> str:
    return name if len(name) <= LEGEND_NAME_MAX else name[: LEGEND_NAME_MAX - 1] + "…"


def _legend_width(text: str) -> float:
    return 30 + CHAR_WIDTH * len(text) + 14  # sample (24) + gap (6) + text + spacing


def _layout_rows(widths: list[float], available: float) -> list[list[int]]:
    rows: list[list[int]] = [[]]
    used = 0.0
    for index, width in enumerate(widths):
        if rows[-1] and used + width > available:
            rows.append([])
            used = 0.0
        rows[-1].append(index)
        used += width
    return rows if rows[0] else []


# Chart --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """The plot area inside the SVG and the mapping from data values to SVG coordinates."""

    panel: Panel
    x_min: float
    x_max: float
    left: float
    right: float
    top: float
    bottom: float

    def sx(self, x: float) -> float:
        return self.left + (x - self.x_min) / (self.x_max - self.x_min) * (self.right - self.left)

    def sy(self, y: float) -> float:
        low, high = self.panel.y_min, self.panel.y_max
        y = min(max(y, low), high)  # clamp: out-of-scale values sit on the edge
        return self.bottom - (y - low) / (high - low) * (self.bottom - self.top)


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    return (f'<line x1="{_num(x1)}" y1="{_num(y1)}" x2="{_num(x2)}" y2="{_num(y2)}" '
            f'stroke="{stroke}" stroke-width="1"{extra}/>')


def _style(index: int) -> tuple[str, str, str]:
    """Colour, marker shape and dash attribute for the index-th drawn series."""
    dash = DASHES[index % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return PALETTE[index % len(PALETTE)], MARKERS[index % len(MARKERS)], dash_attr


def _y_axis(frame: _Frame) -> list[str]:
    panel = frame.panel
    out = ['<g class="y-axis" font-size="10.5" text-anchor="end">']
    for tick in panel.y_ticks:
        if not _finite(tick) or not panel.y_min <= tick <= panel.y_max:
            continue
        y = frame.sy(tick)
        out.append(_line(frame.left, y, frame.right, y, GRID_COLOUR))
        out.append(f'<text x="{_num(frame.left - 6)}" y="{_num(y + 3.5)}" '
                   f'fill="{MUTED_COLOUR}">{_text(_tick_label(tick))}</text>')
    out.append("</g>")
    if panel.y_unit:
        cy = _num((frame.top + frame.bottom) / 2)
        out.append(f'<text x="13" y="{cy}" font-size="10.5" text-anchor="middle" '
                   f'fill="{MUTED_COLOUR}" transform="rotate(-90 13 {cy})">'
                   f'{_text(panel.y_unit)}</text>')
    return out


def _x_axis(frame: _Frame, x_ticks: tuple[tuple[float, str], ...]) -> list[str]:
    out = ['<g class="x-axis" font-size="10.5" text-anchor="middle">']
    for value, label in x_ticks:
        if not _finite(value) or not frame.x_min <= value <= frame.x_max:
            continue
        x = frame.sx(value)
        out.append(_line(x, frame.bottom, x, frame.bottom + 4, AXIS_COLOUR))
        out.append(f'<text x="{_num(x)}" y="{_num(frame.bottom + 15)}" '
                   f'fill="{MUTED_COLOUR}">{_text(label)}</text>')
    out.append("</g>")
    # Axis lines last, on top of the gridlines.
    out.append(_line(frame.left, frame.top, frame.left, frame.bottom, AXIS_COLOUR))
    out.append(_line(frame.left, frame.bottom, frame.right, frame.bottom, AXIS_COLOUR))
    return out


def _delivery(frame: _Frame, delivery_x: float, label: str, width: int) -> list[str]:
    """A vertical dashed line at the birth, its label above the plot area."""
    x = frame.sx(delivery_x)
    dashed = ' class="delivery-line" stroke-dasharray="5 4"'
    out = [_line(x, frame.top - 2, x, frame.bottom, AXIS_COLOUR, dashed)]
    if label:
        half = CHAR_WIDTH * len(label) / 2
        anchor, tx = "middle", x
        if x + half > width - 4:
            anchor, tx = "end", width - 4.0
        elif x - half < 4:
            anchor, tx = "start", 4.0
        out.append(f'<text x="{_num(tx)}" y="{_num(frame.top - 6)}" font-size="10.5" '
                   f'text-anchor="{anchor}" fill="{TEXT_COLOUR}">{_text(label)}</text>')
    return out


def _series(frame: _Frame, index: int, series: Series, points: list[Point]) -> list[str]:
    """One polyline, a marker per point, a ring on important points, tooltips. Her own
    answers (series.reported) have hollow markers on a thin dotted line."""
    colour, shape, dash_attr = _style(index)
    if series.reported:
        dash_attr = f' stroke-dasharray="{REPORTED_DASH}"'
    coords = " ".join(f"{_num(frame.sx(p.x))},{_num(frame.sy(p.y))}" for p in points)
    kind = "series reported" if series.reported else "series"
    out = [
        f'<g class="{kind}">{_title(series.name)}',
        (
            f'<polyline points="{coords}" fill="none" stroke="{colour}" '
            f'stroke-width="{1.5 if series.reported else 2}" '
            f'stroke-linejoin="round"{dash_attr}/>'
        ),
    ]
    for p in points:
        x, y = frame.sx(p.x), frame.sy(p.y)
        ring = _important_ring(x, y) if p.important else ""
        marker = _marker(shape, x, y, colour, hollow=series.reported)
        out.append(f"<g>{_title(p.label)}{ring}{marker}</g>")
    out.append("</g>")
    return out


def _legend_entry(x: float, y: float, index: int | None, name: str,
                  reported: bool = False) -> str:
    """Line sample with marker and the series name; index None is the important-change ring,
    index -1 the hollow marker of her own answers."""
    if index == -1:
        return (f'<g class="legend-reported">{_marker("circle", x + 12, y - 3.5, MUTED_COLOUR, hollow=True)}'
                f'<text x="{_num(x + 30)}" y="{_num(y)}">{_text(name)}</text></g>')
    if index is None:
        return (f'<g class="legend-important"><circle cx="{_num(x + 12)}" cy="{_num(y - 3.5)}" '
                f'r="6" fill="none" stroke="{IMPORTANT_COLOUR}" stroke-width="1.5"/>'
                f'<text x="{_num(x + 30)}" y="{_num(y)}">{_text(name)}</text></g>')
    colour, shape, dash_attr = _style(index)
    if reported:
        dash_attr = f' stroke-dasharray="{REPORTED_DASH}"'
    return (f'<g>{_title(name)}<line x1="{_num(x)}" y1="{_num(y - 3.5)}" x2="{_num(x + 24)}" '
            f'y2="{_num(y - 3.5)}" stroke="{colour}" stroke-width="2"{dash_attr}/>'
            f'{_marker(shape, x + 12, y - 3.5, colour, hollow=reported)}'
            f'<text x="{_num(x + 30)}" y="{_num(y)}">{_text(_legend_name(name))}</text></g>')


def chart_svg(
    panel: Panel,
    *,
    x_min: float,
    x_max: float,
    x_ticks: tuple[tuple[float, str], ...],
    delivery_x: float | None = None,
    delivery_label: str = "",
    important_label: str = "",
    x_label: str = "",
    width: int = 640,
    height: int = 220,
    reported_label: str = "",
) -> str:
    """One panel (one scale) as an SVG line chart with legend, ticks, a delivery line and,
    when given, a title under the x axis (what its numbers count)."""
    if not _finite(x_min, x_max, panel.y_min, panel.y_max) or x_max <= x_min:
        raise ValueError("x_max must be greater than x_min (both finite)")
    if panel.y_max <= panel.y_min:
        raise ValueError("y_max must be greater than y_min")
    if width < 200 or height < 120:
        raise ValueError("Chart too small to be readable")

    # Only drawable points, in x order; series left without points are skipped.
    drawn: list[tuple[int, Series, list[Point]]] = []
    for series in panel.series:
        points = sorted(
            (p for p in series.points if _finite(p.x, p.y) and x_min <= p.x <= x_max),
            key=lambda p: p.x,
        )
        if points:
            drawn.append((len(drawn), series, points))

    # The legend (index None = the important-change entry) decides how tall the plot can be.
    legend: list[tuple] = [(index, series.name, series.reported) for index, series, _p in drawn]
    if any(p.important for _i, _s, points in drawn for p in points):
        legend.append((None, important_label or gettext("important change"), False))
    if any(series.reported for _i, series, _p in drawn):
        legend.append((-1, reported_label or gettext("filled in by the patient"), False))
    widths = [_legend_width(_legend_name(name)) for _index, name, _reported in legend]
    left, right, top = 54.0, 16.0, 34.0
    rows = _layout_rows(widths, width - left - right)
    below = X_LABEL_ROW if x_label else 0.0
    bottom = height - 28.0 - below - LEGEND_ROW * len(rows)
    frame = _Frame(panel, x_min, x_max, left, width - right, top, bottom)

    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-label={_attr(panel.title)} font-family="{FONT}">'
        ),
        _title(panel.title),
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#FFFFFF"/>',
        (
            f'<text x="{_num(left)}" y="17" font-size="{13 if width >= 500 else 11}" '
            f'font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{_text(panel.title)}</text>'
        ),
    ]
    out += _y_axis(frame)
    out += _x_axis(frame, x_ticks)
    if x_label:
        out.append(f'<text class="x-label" x="{_num((frame.left + frame.right) / 2)}" '
                   f'y="{_num(bottom + 29)}" font-size="10.5" text-anchor="middle" '
                   f'fill="{MUTED_COLOUR}">{_text(x_label)}</text>')
    if delivery_x is not None and _finite(delivery_x) and x_min <= delivery_x <= x_max:
        out += _delivery(frame, delivery_x, delivery_label, width)
    for index, series, points in drawn:
        out += _series(frame, index, series, points)
    if rows:
        out.append(f'<g class="legend" font-size="10.5" fill="{TEXT_COLOUR}">')
        for row_number, row in enumerate(rows):
            y, x = bottom + below + 32 + LEGEND_ROW * row_number, left
            for item in row:
                out.append(_legend_entry(x, y, *legend[item]))
                x += widths[item]
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


# X ticks in gestational weeks, then weeks postpartum ----------------------------------------


def weeks_ticks(
    x_min: float,
    x_max: float,
    delivery_x: float | None = None,
    step_weeks: int = 4,
    postpartum_prefix: str = "+",
) -> tuple[tuple[float, str], ...]:
    """Ticks every step_weeks gestational weeks ("20", "24"), then weeks after birth ("+4").

    Before (and at) delivery the ticks sit on whole multiples of step_weeks of gestational age.
    After delivery they count whole weeks from the birth (delivery_x + step_weeks, + 2 ×
    step_weeks, ...), so postpartum labels are always whole weeks even when the birth fell
    mid-week.
    """
    if step_weeks < 1:
        raise ValueError("step_weeks must be at least 1")
    if x_max < x_min:
        raise ValueError("x_max must not be less than x_min")
    step = 7 * step_weeks
    end_ga = x_max if delivery_x is None else min(x_max, delivery_x)
    ticks: list[tuple[float, str]] = []
    day = math.ceil(x_min / step) * step
    while day <= end_ga:
        ticks.append((float(day), str(day // 7)))
        day += step
    if delivery_x is not None:
        weeks = step_weeks
        while delivery_x + 7 * weeks <= x_max:
            if delivery_x + 7 * weeks >= x_min:
                ticks.append((float(delivery_x + 7 * weeks), f"{postpartum_prefix}{weeks}"))
            weeks += step_weeks
    return tuple(ticks)
