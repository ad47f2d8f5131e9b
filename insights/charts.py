"""Chart geometry for the dashboard: plain numbers, drawn as inline SVG by templates/insights/_*.html.

The SVG scales with its ``viewBox``; colours come from classes in static/css/insights.css
(the Content-Security-Policy allows no ``style`` attributes).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.formats import date_format

WIDTH = 420
HEIGHT = 200
LEFT = 36  # room for the value axis
RIGHT = 6
TOP = 10
BOTTOM = 34  # room for one or two rows of dates
PLOT_W = WIDTH - LEFT - RIGHT
PLOT_H = HEIGHT - TOP - BOTTOM
BASE = TOP + PLOT_H


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Label:
    x: float
    text: str
    year: str  # a second row under the first bucket of each year ("" for none)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int
    title: str


@dataclass(frozen=True)
class Line:
    css: str  # a class: the colour and the dash pattern
    points: str  # for <polyline points=…>
    dots: tuple[tuple[float, float, int, str], ...]  # x, y, value, title


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: float
    base: float
    ticks: tuple[Tick, ...]
    labels: tuple[Label, ...]
    bars: tuple[Bar, ...] = ()
    lines: tuple[Line, ...] = ()


def _nice_max(value: int) -> int:
    """The top of the value axis: at least ``value``, and four whole steps (4, 8, 12, 20, 40, …)."""
    power = 1
    while True:
        for step in (4, 8, 12, 20):
            if step * power >= value:
                return step * power
        power *= 10


def _ticks(top: int) -> tuple[Tick, ...]:
    return tuple(
        Tick(y=round(BASE - PLOT_H * i / 4, 1), value=top * i // 4) for i in range(5)
    )


def bucket_label(bucket: dt.date, unit: str) -> str:
    """The name of a bucket for tables and titles: "December 2026" or "from 30 November 2026"."""
    if unit == "month":
        return date_format(bucket, "YEAR_MONTH_FORMAT")
    return date_format(bucket, "DATE_FORMAT")


def _labels(buckets: list[dt.date], unit: str, slot: float) -> tuple[Label, ...]:
    # Month abbreviations need ~30 units, days and months ~70: skip labels to fit.
    every = max(1, math.ceil((30 if unit == "month" else 70) / slot))
    labels = []
    last_year = None
    for index, bucket in enumerate(buckets):
        if index % every:
            continue
        text = date_format(bucket, "M" if unit == "month" else "MONTH_DAY_FORMAT")
        year = str(bucket.year) if bucket.year != last_year else ""
        last_year = bucket.year
        labels.append(
            Label(x=round(LEFT + slot * (index + 0.5), 1), text=text, year=year)
        )
    return tuple(labels)


def bar_chart(buckets: list[dt.date], values: list[int], unit: str) -> Chart:
    top = _nice_max(max(values, default=0))
    slot = PLOT_W / max(len(buckets), 1)
    width = max(slot * 0.7, 1)
    bars = []
    for index, (bucket, value) in enumerate(zip(buckets, values, strict=True)):
        height = PLOT_H * value / top
        bars.append(
            Bar(
                x=round(LEFT + slot * index + (slot - width) / 2, 1),
                y=round(BASE - height, 1),
                width=round(width, 1),
                height=round(height, 1),
                value=value,
                title=bucket_label(bucket, unit),
            )
        )
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, BASE, _ticks(top),
                 _labels(buckets, unit, slot), bars=tuple(bars))  # fmt: skip


def line_chart(
    buckets: list[dt.date], series: list[tuple[str, list[int]]], unit: str
) -> Chart:
    """One polyline per (css class, values)."""
    top = _nice_max(max((max(v, default=0) for _c, v in series), default=0))
    slot = PLOT_W / max(len(buckets), 1)
    lines = []
    for css, values in series:
        dots = tuple(
            (
                round(LEFT + slot * (index + 0.5), 1),
                round(BASE - PLOT_H * value / top, 1),
                value,
                bucket_label(bucket, unit),
            )
            for index, (bucket, value) in enumerate(zip(buckets, values, strict=True))
        )
        points = " ".join(f"{x},{y}" for x, y, _v, _t in dots)
        lines.append(Line(css=css, points=points, dots=dots))
    return Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, BASE, _ticks(top),
                 _labels(buckets, unit, slot), lines=tuple(lines))  # fmt: skip
