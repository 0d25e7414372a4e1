"""A bar chart as inline SVG, drawn on the server: no CDN, no JavaScript."""

from collections.abc import Sequence
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 16, 36


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50… at least ``value``, so the axis reads well."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def bar_chart_svg(
    points: Sequence[tuple[date, int]], *, title: str, unit: str = "contacts"
) -> SafeString:
    """One bar a day with y-axis ticks at 0, half and the top, and a date label every week.
    Each bar carries a ``<title>`` so a hover or a screen reader gives the exact number."""
    top = _nice_ceiling(max((count for _, count in points), default=0) or 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(points), 1)
    total = sum(count for _, count in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="wf7-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="wf7-chart-title wf7-chart-desc">',
        f'<title id="wf7-chart-title">{escape(title)}</title>',
        f'<desc id="wf7-chart-desc">{total} {escape(unit)} in {len(points)} days.</desc>',
    ]
    for tick in sorted({0, top} | ({top // 2} if top % 2 == 0 else set())):
        y = TOP + plot_h - plot_h * tick / top
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
            f'fill="#666">{tick}</text>'
        )
    for index, (day, count) in enumerate(points):
        height = plot_h * count / top
        x = LEFT + index * slot
        parts.append(
            f'<rect class="wf7-bar" x="{x + slot * 0.15:.1f}" y="{TOP + plot_h - height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{height:.1f}" fill="#417690">'
            f"<title>{day.isoformat()}: {count} {escape(unit)}</title></rect>"
        )
        days_to_end = len(points) - 1 - index
        if index == 0 or days_to_end == 0 or (index % 7 == 0 and days_to_end >= 4):
            parts.append(
                f'<text x="{x + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
                f'font-size="11" fill="#666">{day.strftime("%b %d")}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_h}" y2="{TOP + plot_h}" '
        f'stroke="#999"/></svg>'
    )
    return mark_safe("".join(parts))
