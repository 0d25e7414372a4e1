from datetime import date, timedelta
from xml.etree import ElementTree

from core.charts import bar_chart_svg

SVG = "{http://www.w3.org/2000/svg}"


def days(counts):
    start = date(2026, 11, 1)
    return [(start + timedelta(days=offset), count) for offset, count in enumerate(counts)]


def test_one_bar_a_day_with_heights_in_proportion_and_a_title():
    svg = ElementTree.fromstring(str(bar_chart_svg(days([0, 5, 10]), title="Per <day>")))
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").text == "Per <day>"
    bars = svg.findall(f"{SVG}rect")
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "2026-11-01: 0 contacts",
        "2026-11-02: 5 contacts",
        "2026-11-03: 10 contacts",
    ]
    heights = [float(bar.get("height")) for bar in bars]
    assert heights[0] == 0
    assert heights[2] == 2 * heights[1] > 0


def test_the_axis_rounds_up_to_a_readable_number():
    svg = ElementTree.fromstring(str(bar_chart_svg(days([3, 37]), title="t")))
    labels = [text.text for text in svg.findall(f"{SVG}text")]
    assert {"0", "25", "50"} <= set(labels)
    assert "Nov 01" in labels and "Nov 02" in labels


def test_an_empty_month_still_draws_an_axis():
    svg = ElementTree.fromstring(str(bar_chart_svg(days([0] * 30), title="t")))
    assert len(svg.findall(f"{SVG}rect")) == 30
    assert svg.find(f"{SVG}desc").text == "0 contacts in 30 days."
