"""Bar charts of the period report, laid out here and drawn by the Jinja2 template
site_templates/charts/bar.svg.j2.  The same SVG goes into the site page and the PDF.

Horizontal bars for named things (levels, categories, platforms, units), vertical bars for the
months of the period.  Sizes are in SVG user units (about a CSS pixel)."""
from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .stats import Count

FONT = 13
SMALL = 11
BAR = 18  # thickness of a horizontal bar
GAP = 8
PLOT = 300  # length of the longest horizontal bar
COLUMN = 34  # width of a month's column
COLUMN_H = 150  # height of the tallest column
PAD = 8
#: the colours of the bars: by severity for levels (red, orange, yellow, blue), else one blue
LEVEL_FILLS = {"Ⅰ": "#c62828", "Ⅱ": "#ef6c00", "Ⅲ": "#f9a825", "Ⅳ": "#1565c0"}
FILL = "#1565c0"
FONT_FAMILY = "'PB Hei', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', sans-serif"


def text_width(text: str, size: float) -> float:
    return sum(size if unicodedata.east_asian_width(c) in "WF" else size * 0.6 for c in text)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    w: float
    h: float
    fill: str
    label_x: float  # where the label's text anchor is
    label_y: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    width: float
    height: float
    horizontal: bool
    bars: tuple[Bar, ...]
    axis: tuple[float, float, float, float]  # the base line x1, y1, x2, y2
    font_family: str = FONT_FAMILY


def _fill(label: str, by_level: bool) -> str:
    return LEVEL_FILLS.get(label[:1], FILL) if by_level else FILL


def horizontal(chart_id: str, title: str, counts: tuple[Count, ...], by_level: bool = False) -> BarChart:
    top = max((c.count for c in counts), default=0) or 1
    label_w = max((text_width(c.key, FONT) for c in counts), default=0) + PAD
    x0 = PAD + label_w
    bars = []
    y = PAD
    for c in counts:
        w = max(PLOT * c.count / top, 1.5)
        mid = y + BAR / 2
        bars.append(Bar(c.key, c.count, x0, y, round(w, 1), BAR, _fill(c.key, by_level), x0 - PAD / 2, mid + FONT * 0.35,
                        round(x0 + w + 4, 1), mid + FONT * 0.35))
        y += BAR + GAP
    height = max(y - GAP + PAD, 2 * PAD + BAR)
    width = x0 + PLOT + 4 + text_width(str(top), FONT) + PAD
    return BarChart(chart_id, title, round(width, 1), round(height, 1), True, tuple(bars),
                    (x0, PAD / 2, x0, height - PAD / 2))


def month_label(key: str, one_year: bool) -> str:
    year, month = key.split("-")
    return f"{int(month)}月" if one_year else f"{year[2:]}.{int(month)}"


def vertical(chart_id: str, title: str, counts: tuple[Count, ...]) -> BarChart:
    """Columns for the months ("2025-03" keys), zeros included."""
    top = max((c.count for c in counts), default=0) or 1
    one_year = len({c.key[:4] for c in counts}) <= 1
    base = PAD + FONT + 4 + COLUMN_H  # room above the tallest column for its value
    bars = []
    x = PAD * 2
    for c in counts:
        h = COLUMN_H * c.count / top
        w = COLUMN * 0.62
        bx = x + (COLUMN - w) / 2
        bars.append(Bar(month_label(c.key, one_year), c.count, round(bx, 1), round(base - h, 1), round(w, 1),
                        round(h, 1), FILL, x + COLUMN / 2, base + SMALL + 4, x + COLUMN / 2, round(base - h - 4, 1)))
        x += COLUMN
    return BarChart(chart_id, title, round(x + PAD * 2, 1), round(base + SMALL + 4 + PAD, 1), False, tuple(bars),
                    (PAD, base, x + PAD, base))


@functools.lru_cache(maxsize=4)
def _environment(templates: str):
    import jinja2
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(templates) / "charts")), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)


def svg(chart: BarChart, templates: Path):
    """The chart as SVG markup (from the template; labels are escaped text)."""
    from markupsafe import Markup
    return Markup(_environment(str(templates)).get_template("bar.svg.j2").render(chart=chart).strip())
