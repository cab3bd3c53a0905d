"""Charts as accessible inline SVG, drawn on the server with matplotlib (no third-party calls).

Each chart has a title and a text alternative and stands next to a table with the same numbers;
values the table hides are not drawn. Rendering is deterministic (fixed hash salt, no date).
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Sequence
from typing import Any

import matplotlib as mpl
from django.utils.html import escape

mpl.use("Agg")

from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

# Colours with at least 3:1 contrast against white and each other's neighbours.
PALETTE = ("#1f4e79", "#c55a11", "#548235", "#7030a0")
TEXT = "#1a1a1a"

_STYLE: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: searchable, scalable, read by screen readers
    "svg.hashsalt": "tweede-spoor",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # shipped with matplotlib; browsers fall back to theirs
    "font.size": 10,
    "text.color": TEXT,
    "axes.labelcolor": TEXT,
    "xtick.color": TEXT,
    "ytick.color": TEXT,
    "axes.edgecolor": "#595959",
}


def bar_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    unit: str = "%",
    horizontal: bool = True,
    hidden_label: str = "< 5",
) -> str:
    """Grouped bars: one group per category, one bar per series. A None value is not drawn;
    its place says `hidden_label`. Returns the <svg> element."""
    with mpl.rc_context(_STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=(7.2, 0.55 * len(categories) * max(1, len(series)) + 1.2))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        width = 0.8 / max(1, len(series))
        for index, (label, values) in enumerate(series):
            positions = [
                c + (index - (len(series) - 1) / 2) * width for c in range(len(categories))
            ]
            drawn = [value if value is not None else 0.0 for value in values]
            color = PALETTE[index % len(PALETTE)]
            bars = (
                axes.barh(positions, drawn, height=width, label=label, color=color)
                if horizontal
                else axes.bar(positions, drawn, width=width, label=label, color=color)
            )
            labels = [
                hidden_label if value is None else f"{value:.0f}{' ' + unit if unit else ''}"
                for value in values
            ]
            axes.bar_label(bars, labels=labels, padding=3, fontsize=9)
        ticks = list(range(len(categories)))
        if horizontal:
            axes.set_yticks(ticks, labels=list(categories))
            axes.invert_yaxis()
            axes.set_xlabel(unit)
            axes.margins(x=0.15)
        else:
            axes.set_xticks(ticks, labels=list(categories))
            axes.margins(y=0.15)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        if len(series) > 1:
            axes.legend(frameon=False, loc="lower right" if horizontal else "upper left")
        # Fixed margins instead of tight_layout(), which measures every label and takes about
        # as long as drawing the chart; the left margin fits category labels of ~25 characters.
        figure.subplots_adjust(left=0.3 if horizontal else 0.08, right=0.97, top=0.97, bottom=0.12)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible(buffer.getvalue(), title=title, description=description)


def _style_to_attributes(match: re.Match[str]) -> str:
    declarations = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{escape(value.strip())}"' for name, value in declarations)


def _accessible(svg: str, *, title: str, description: str) -> str:
    """The bare <svg> element with role, title and description, scaling to its container.

    matplotlib styles with `style` attributes and a <style> element, which the site's Content
    Security Policy (style-src 'self') blocks inline; every property it uses is also an SVG
    presentation attribute, so the styles become attributes.
    """
    start = svg.index("<svg")
    svg = svg[start:]
    svg = re.sub(r"<style[^>]*>.*?</style>|<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'style="([^"]*)"', _style_to_attributes, svg)
    svg = re.sub(r'\swidth="[^"]*"', "", svg, count=1)
    svg = re.sub(r'\sheight="[^"]*"', "", svg, count=1)
    head_end = svg.index(">") + 1
    return (
        svg[: head_end - 1]
        + ' role="img" focusable="false" class="chart" preserveAspectRatio="xMinYMin meet"'
        + ' stroke-linejoin="round" stroke-linecap="butt">'
        + f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
        + svg[head_end:]
    )


def tornado_chart(
    *,
    title: str,
    description: str,
    labels: Sequence[str],
    at_low: Sequence[float],
    at_high: Sequence[float],
    base: float,
    low_label: str,
    high_label: str,
    unit_label: str,
) -> str:
    """One-way sensitivity: per assumption (widest first, at the top) a bar from the base result
    to the result at the low end and one to the result at the high end of its range. Amounts
    are drawn in thousands of euros (`unit_label` names that)."""
    with mpl.rc_context(_STYLE):  # type: ignore[arg-type]
        figure = Figure(figsize=(7.2, 0.45 * len(labels) + 1.6))
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        positions = list(range(len(labels)))
        for values, label, color in (
            (at_low, low_label, PALETTE[0]),
            (at_high, high_label, PALETTE[1]),
        ):
            axes.barh(
                positions,
                [(value - base) / 1000 for value in values],
                left=base / 1000,
                height=0.6,
                color=color,
                label=label,
            )
        axes.axvline(base / 1000, color=TEXT, linewidth=1)
        axes.set_yticks(positions, labels=[textwrap.fill(label, 30) for label in labels])
        axes.invert_yaxis()
        axes.xaxis.set_major_locator(MaxNLocator(nbins=5))
        axes.xaxis.set_major_formatter(FuncFormatter(_thousands))
        axes.set_xlabel(unit_label)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)
        bottom = 1.3 / (0.45 * len(labels) + 1.6)
        figure.subplots_adjust(left=0.38, right=0.97, top=0.97, bottom=bottom)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible(buffer.getvalue(), title=title, description=description)


def _thousands(value: float, _position: Any) -> str:
    """A tick in Dutch notation: 1.250 for 1250, and a real minus sign for negatives."""
    return f"{value:,.0f}".replace(",", ".").replace("-", "\u2212")
