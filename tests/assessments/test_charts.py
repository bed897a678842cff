"""Tests for the SVG progress charts (no database)."""

import re
import xml.etree.ElementTree as ET

import pytest

from assessments.charts import Panel, Point, Series, chart_svg, weeks_ticks

SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_TAGS = {"svg", "g", "line", "polyline", "circle", "rect", "path", "text", "title"}
DELIVERY = 38 * 7 + 3  # 38+3
X_MIN, X_MAX = 18 * 7, DELIVERY + 14 * 7


def nrs_panel(*series, title="Pain (NRS 0-10)"):
    return Panel(title, 0, 10, (0, 2, 4, 6, 8, 10), tuple(series), y_unit="NRS")


NOW = Series("NRS now", (
    Point(140, 8, label="20+0: 8"),
    Point(170, 6, important=True, label="24+2: 6"),
    Point(238, 3, important=True),
    Point(DELIVERY + 42, 2),
))
WORST = Series("Worst last week", (Point(140, 9), Point(170, 8), Point(238, 7)))
EMPTY = Series("Average", ())


def render(panel, **kwargs):
    kwargs.setdefault("x_min", X_MIN)
    kwargs.setdefault("x_max", X_MAX)
    kwargs.setdefault("x_ticks", weeks_ticks(X_MIN, X_MAX, DELIVERY))
    return chart_svg(panel, **kwargs)


def parse(svg):
    return ET.fromstring(svg)


def find(root, tag):
    return root.findall(f".//{SVG}{tag}")


def with_class(root, name):
    return [el for el in root.iter() if el.get("class") == name]


def polyline_points(element):
    return [tuple(map(float, pair.split(","))) for pair in element.get("points").split()]


def test_chart_is_an_svg_document_with_viewbox_and_label():
    svg = render(nrs_panel(NOW, WORST), width=600, height=240)
    root = parse(svg)
    assert svg.startswith("<svg")
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 600 240"
    assert (root.get("width"), root.get("height")) == ("600", "240")
    assert root.get("role") == "img"
    assert root.get("aria-label") == "Pain (NRS 0-10)"


def test_chart_uses_only_plain_svg_elements_without_styles_or_references():
    root = parse(render(nrs_panel(NOW, WORST), delivery_x=DELIVERY, delivery_label="Birth",
                        important_label="Important change"))
    assert {el.tag.removeprefix(SVG) for el in root.iter()} <= ALLOWED_TAGS
    for el in root.iter():
        assert not {"style", "href", "{http://www.w3.org/1999/xlink}href"} & set(el.attrib)


def test_chart_draws_one_polyline_per_non_empty_series():
    root = parse(render(nrs_panel(NOW, EMPTY, WORST)))
    assert len(find(root, "polyline")) == 2


def test_series_get_distinct_colours_and_line_styles():
    root = parse(render(nrs_panel(NOW, WORST)))
    first, second = find(root, "polyline")
    assert first.get("stroke") != second.get("stroke")
    assert first.get("stroke-dasharray") != second.get("stroke-dasharray")


def test_important_points_get_an_extra_marker_and_a_legend_entry():
    root = parse(render(nrs_panel(NOW, WORST), important_label="Important change"))
    assert len(with_class(root, "important-marker")) == 2
    legend = with_class(root, "legend-important")
    assert len(legend) == 1
    assert legend[0].find(f"{SVG}text").text == "Important change"


def test_no_important_marker_or_legend_entry_without_important_points():
    root = parse(render(nrs_panel(WORST), important_label="Important change"))
    assert not with_class(root, "important-marker")
    assert not with_class(root, "legend-important")


def test_point_labels_become_tooltips():
    root = parse(render(nrs_panel(NOW)))
    titles = [el.text for el in find(root, "title")]
    assert "20+0: 8" in titles and "24+2: 6" in titles


def test_user_text_is_escaped_and_no_script_element_exists():
    evil = "<script>alert(1)</script>"
    panel = nrs_panel(Series(evil, NOW.points), title='Pain "now" & <b>bold</b>')
    svg = render(panel, delivery_x=DELIVERY, delivery_label="<img src=x onerror=alert(1)>",
                 important_label="</text><script>x</script>")
    assert "<script" not in svg and "<img" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    root = parse(svg)
    assert not [el for el in root.iter() if el.tag.endswith("script")]
    assert root.get("aria-label") == 'Pain "now" & <b>bold</b>'
    assert evil in [el.text for el in root.iter(f"{SVG}text")]


def test_control_characters_in_user_text_are_removed_and_the_xml_parses():
    svg = render(nrs_panel(Series("bad\x00na\x0bme\x1b", NOW.points), title="Pain\x08 now"))
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", svg)
    root = parse(svg)
    assert "badname" in [el.text for el in root.iter(f"{SVG}text")]
    assert root.get("aria-label") == "Pain now"


def test_delivery_line_drawn_only_when_given_and_in_range():
    with_delivery = parse(render(nrs_panel(NOW), delivery_x=DELIVERY, delivery_label="Birth"))
    lines = with_class(with_delivery, "delivery-line")
    assert len(lines) == 1
    assert lines[0].get("stroke-dasharray")
    assert "Birth" in [el.text for el in with_delivery.iter(f"{SVG}text")]
    assert not with_class(parse(render(nrs_panel(NOW))), "delivery-line")
    assert not with_class(parse(render(nrs_panel(NOW), delivery_x=X_MAX + 7)), "delivery-line")


def test_polyline_coordinates_stay_inside_the_viewbox_and_follow_the_values():
    width, height = 640, 220
    high_and_low = Series("Edge", (Point(X_MIN, 0), Point(170, 10), Point(200, 12),
                                   Point(X_MAX, -3)))
    root = parse(render(nrs_panel(NOW, high_and_low), width=width, height=height))
    for polyline in find(root, "polyline"):
        for x, y in polyline_points(polyline):
            assert 0 <= x <= width and 0 <= y <= height
    now = polyline_points(find(root, "polyline")[0])
    assert [x for x, _y in now] == sorted(x for x, _y in now)
    assert now[0][1] < now[1][1] < now[2][1]  # 8 > 6 > 3: higher value, higher on the chart
    edge = polyline_points(find(root, "polyline")[1])
    assert edge[1][1] == edge[2][1]  # 12 on a 0-10 scale is clamped to the top, like 10
    assert edge[0][1] == edge[3][1]  # -3 is clamped to the bottom, like 0


def test_points_outside_the_x_range_are_skipped():
    series = Series("Mixed", (Point(X_MIN - 7, 5), Point(170, 5), Point(200, 4),
                              Point(X_MAX + 1, 3)))
    root = parse(render(nrs_panel(series)))
    assert len(polyline_points(find(root, "polyline")[0])) == 2


def test_panel_without_points_renders_axes_only():
    root = parse(render(nrs_panel(EMPTY)))
    assert not find(root, "polyline")
    texts = [el.text for el in root.iter(f"{SVG}text")]
    assert "10" in texts and "20" in texts  # y and x tick labels
    assert not with_class(root, "legend")


@pytest.mark.parametrize(("x_min", "x_max"), [(100, 100), (200, 100)])
def test_chart_rejects_an_empty_x_range(x_min, x_max):
    with pytest.raises(ValueError):
        render(nrs_panel(NOW), x_min=x_min, x_max=x_max)


def test_chart_rejects_an_empty_y_range():
    with pytest.raises(ValueError):
        render(Panel("Bad", 10, 10, (), (NOW,)))


def test_weeks_ticks_before_and_after_delivery():
    ticks = weeks_ticks(140, 266 + 84, delivery_x=266)  # 20+0 to 12 weeks after 38+0
    assert [label for _x, label in ticks] == ["20", "24", "28", "32", "36", "+4", "+8", "+12"]
    assert [x for x, _label in ticks] == [140, 168, 196, 224, 252, 294, 322, 350]


def test_weeks_ticks_postpartum_count_whole_weeks_from_a_mid_week_birth():
    ticks = {label: x for x, label in weeks_ticks(140, X_MAX, delivery_x=DELIVERY)}
    assert ticks["+4"] == DELIVERY + 28
    assert "40" not in ticks  # after the birth the gestational axis stops


def test_weeks_ticks_without_delivery_and_with_other_step_and_prefix():
    assert [label for _x, label in weeks_ticks(139, 182, step_weeks=2)] == [
        "20", "22", "24", "26",
    ]
    labels = [label for _x, label in weeks_ticks(266, 266 + 28, delivery_x=266, step_weeks=2,
                                                 postpartum_prefix="pp ")]
    assert labels == ["38", "pp 2", "pp 4"]


def test_the_x_axis_says_what_it_counts_below_its_ticks_and_above_the_legend():
    root = parse(render(nrs_panel(NOW, WORST), x_label="Gestational week; +n = weeks after the birth"))
    [label] = [t for t in find(root, "text") if t.get("class") == "x-label"]
    assert label.text == "Gestational week; +n = weeks after the birth"
    ticks = [float(t.get("y")) for g in find(root, "g") if g.get("class") == "x-axis"
             for t in g.iter(f"{SVG}text")]
    legend = [float(t.get("y")) for g in find(root, "g") if g.get("class") == "legend"
              for t in g.iter(f"{SVG}text")]
    assert max(ticks) < float(label.get("y")) < min(legend)
    assert float(label.get("y")) < 220  # inside the chart


def test_without_an_x_label_the_chart_is_unchanged():
    assert 'class="x-label"' not in render(nrs_panel(NOW))
