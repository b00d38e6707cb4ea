"""Server-rendered SVG charts for the radar: geometry computed here, drawn by templates.

No script and no inline style: the Content-Security-Policy allows neither, and each chart
has its data table beside it for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
HEIGHT = 240
LEFT = 40
BOTTOM = 30
TOP = 10


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    points: str  # "x,y x,y …" for a polyline
    dots: list[tuple[float, float, int]]  # (x, y, value)


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    series: list[Series]
    x_labels: list[tuple[float, str]]
    y_ticks: list[tuple[float, int]]


def line_chart(
    months: list[str], values: dict[str, list[int]], labels: dict[str, str]
) -> LineChart:
    """One line per series over the months, on a shared scale from zero."""
    top = max((v for series in values.values() for v in series), default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    step = plot_w / max(len(months) - 1, 1)

    def x(i: int) -> float:
        return round(LEFT + i * step, 1)

    def y(v: int) -> float:
        return round(TOP + plot_h - plot_h * v / top, 1)

    series = []
    for key, numbers in values.items():
        dots = [(x(i), y(v), v) for i, v in enumerate(numbers)]
        series.append(Series(key, labels[key], " ".join(f"{px},{py}" for px, py, _v in dots), dots))
    # A label every few months, so that twelve or more do not overlap.
    every = max(1, len(months) // 6)
    x_labels = [(x(i), m) for i, m in enumerate(months) if i % every == 0]
    ticks = sorted({0, top // 2, top})
    return LineChart(WIDTH, HEIGHT, series, x_labels, [(y(t), t) for t in ticks])


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    y: float
    width: float


def bar_chart(rows: list[tuple[str, int]], width: int = 300, bar: int = 22) -> list[Bar]:
    """Horizontal bars, the longest the full ``width``."""
    top = max((v for _l, v in rows), default=0) or 1
    return [
        Bar(label, value, i * (bar + 8), round(width * value / top, 1))
        for i, (label, value) in enumerate(rows)
    ]
