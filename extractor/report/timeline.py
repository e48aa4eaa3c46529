"""The cross-article timeline: one inline SVG, no script, no external resource.

Upper panel, aggregates: a bar spans the period it covers (x) and rises to the
count (y, log scale). The qualifier shapes the bar: ``exact`` has a solid top,
``approximate`` a dashed one, ``more_than``/``at_least`` an open top that fades
upwards, ``less_than``/``at_most`` a solid ceiling with a downward notch,
``range`` floats from low to high, ``vague`` floats hatched over its implied
bounds. A period with no start (``before the pandemic``), or one starting
before the axis (which shows at most ``MAX_YEARS`` years), fades in from the
left edge. Lower lane, incidents: a dot on the date (a thin line when the date is a
longer period), bigger for more people, hollow when the count is unknown.

Every dated fact (a period with a start or an end) is one ``tl-mark`` group,
however many articles report it: its tooltip gives the number of sources, and
a fact whose sources disagree is drawn with a red outline (``tl-conflict``).
Facts without a date are counted under the chart.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

from extractor.facts import Fact
from extractor.records import DefectionRecord

WIDTH = 960
LEFT, RIGHT = 58, 16
TOP, PANEL = 40, 190
BASE = TOP + PANEL  # the aggregates' baseline
LANE_TOP = BASE + 34
LANE = 56
HEIGHT = LANE_TOP + LANE + 8
OPEN = 16  # how far an open end fades beyond its value, px
FLOOR = 0.5  # the log scale's bottom
MAX_YEARS = 30  # the axis shows at most this many years before the latest date

SYMBOLS = {"exact": "", "approximate": "≈", "more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤"}
RATES = {"per_year": "/yr", "per_month": "/mo", "per_day": "/day"}


@dataclass(frozen=True)
class Entry:
    """One mark: a fact (or a record: both have ``kind``, ``count`` and ``period``), the anchor of
    its record's table row, a label for tooltips, and for a fact its records, sources and the
    fields its sources disagree on."""

    record: DefectionRecord | Fact
    anchor: str
    article: str
    record_ids: tuple[str, ...] = ()
    sources: int = 1
    conflicts: tuple[str, ...] = ()


def is_dated(record: DefectionRecord) -> bool:
    return record.period is not None and (record.period.start is not None or record.period.end is not None)


def count_label(record: DefectionRecord) -> str:
    count = record.count
    if count is None:
        return "?"
    if count.qualifier == "range" and count.low is not None and count.high is not None:
        label = f"{count.low:,}–{count.high:,}"
    elif count.qualifier == "vague" or count.value is None:
        label = count.text
    else:
        label = SYMBOLS.get(count.qualifier, "") + f"{count.value:,}"
    rate = record.period.rate if record.period else None
    return label + RATES.get(rate or "", "")


def timeline_svg(entries: list[Entry]) -> str:
    dated = [e for e in entries if is_dated(e.record)]
    if not dated:
        return '<p class="muted">No dated facts: nothing to place on a timeline.</p>'
    scale = _Scale.fit([e.record for e in dated])
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-label="Timeline of {len(dated)} dated facts" xmlns="http://www.w3.org/2000/svg">',
        _defs(),
        _axes(scale),
    ]
    placed: list[tuple[float, float, float, float]] = []
    aggregates = [e for e in dated if e.record.kind == "aggregate"]
    # wide bars first so that narrow ones stay visible on top
    aggregates.sort(key=lambda e: -(scale.x_end(e.record) - scale.x_start(e.record)))
    parts += [_aggregate(e, scale, placed) for e in aggregates]
    stacks: list[tuple[float, int]] = []
    incidents = sorted((e for e in dated if e.record.kind == "incident"), key=lambda e: scale.x_start(e.record))
    parts += [_incident(e, scale, stacks) for e in incidents]
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class _Scale:
    first: dt.date
    last: dt.date  # exclusive
    top: float  # the log scale's top value

    @classmethod
    def fit(cls, records: list[DefectionRecord]) -> "_Scale":
        dates = [
            d for r in records for d in (r.period.start, r.period.end) if d is not None  # type: ignore[union-attr]
        ]
        values = [v for r in records if r.kind == "aggregate" and r.count for v in (r.count.value, r.count.high) if v]
        top = 10 ** max(1, math.ceil(math.log10(2 * max(values, default=10))))  # room above the highest bar
        first_year = max(min(dates).year, max(dates).year + 1 - MAX_YEARS)
        return cls(dt.date(first_year, 1, 1), dt.date(max(dates).year + 1, 1, 1), float(top))

    def clipped(self, record: DefectionRecord) -> bool:
        """True when the record's period starts before the axis (or has no start): drawn open to the left."""
        start = record.period.start if record.period else None
        return start is None or start < self.first

    def x(self, day: dt.date) -> float:
        span = (self.last - self.first).days
        return LEFT + max(0, (day - self.first).days) / span * (WIDTH - LEFT - RIGHT)

    def x_start(self, record: DefectionRecord) -> float:
        start = record.period.start if record.period else None
        if start is None:
            if record.kind == "aggregate":
                return float(LEFT)
            return self.x(record.period.end)  # type: ignore[union-attr,arg-type]
        return self.x(start)

    def x_end(self, record: DefectionRecord) -> float:
        end = record.period.end if record.period else None
        if end is None:
            if record.kind == "aggregate":
                return float(WIDTH - RIGHT)
            return self.x(record.period.start) + 1  # type: ignore[union-attr,operator]
        return self.x(end + dt.timedelta(days=1))

    def y(self, value: float) -> float:
        low, high = math.log10(FLOOR), math.log10(self.top)
        share = (math.log10(max(value, FLOOR)) - low) / (high - low)
        return BASE - share * PANEL


def _defs() -> str:
    return (
        "<defs>"
        '<linearGradient id="tl-open-up" x1="0" y1="1" x2="0" y2="0">'
        '<stop offset="0" stop-color="#3b6fb6" stop-opacity="0.35"/>'
        '<stop offset="1" stop-color="#3b6fb6" stop-opacity="0"/></linearGradient>'
        '<linearGradient id="tl-open-left" x1="1" y1="0" x2="0" y2="0">'
        '<stop offset="0" stop-color="#3b6fb6" stop-opacity="0.22"/>'
        '<stop offset="1" stop-color="#3b6fb6" stop-opacity="0"/></linearGradient>'
        '<pattern id="tl-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#3b6fb6" fill-opacity="0.12"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#3b6fb6" stroke-width="2" stroke-opacity="0.5"/></pattern>'
        "</defs>"
    )


def _axes(scale: _Scale) -> str:
    out = ['<g class="tl-axes">']
    years = scale.last.year - scale.first.year
    step = next(s for s in (1, 2, 5, 10, 20, 50) if years / s <= 12)
    for year in range(scale.first.year, scale.last.year + 1):
        x = scale.x(dt.date(year, 1, 1))
        out.append(f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{LANE_TOP + LANE}" class="tl-grid"/>')
        if year % step == 0 and year < scale.last.year:
            mid = scale.x(dt.date(year, 7, 2)) if step == 1 else x
            out.append(f'<text x="{mid:.1f}" y="{BASE + 16}" class="tl-year">{year}</text>')
    value = 1.0
    while value <= scale.top:
        y = scale.y(value)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="tl-grid"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" class="tl-value">{_short(value)}</text>')
        value *= 10
    out.append(f'<line x1="{LEFT}" y1="{BASE}" x2="{WIDTH - RIGHT}" y2="{BASE}" class="tl-base"/>')
    out.append('<text x="4" y="14" class="tl-caption">aggregates (people, log scale)</text>')
    out.append(f'<text x="4" y="{LANE_TOP - 6}" class="tl-caption">incidents</text>')
    out.append(f'<rect x="{LEFT}" y="{LANE_TOP}" width="{WIDTH - LEFT - RIGHT}" height="{LANE}" class="tl-lane"/>')
    out.append("</g>")
    return "".join(out)


def _short(value: float) -> str:
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


def _aggregate(entry: Entry, scale: _Scale, placed: list[tuple[float, float, float, float]]) -> str:
    record = entry.record
    count = record.count
    x1, x2 = scale.x_start(record), scale.x_end(record)
    x2 = max(x2, x1 + 3)
    open_left = scale.clipped(record)
    qualifier = count.qualifier if count else "unknown"
    if count is None:
        top, bottom = BASE - 6.0, float(BASE)
    elif qualifier in ("range", "vague"):
        top, bottom = scale.y(count.high or 1), scale.y(count.low or 1)
    else:
        top, bottom = scale.y(count.value or 1), float(BASE)
    shapes: list[str] = []
    fill = "url(#tl-hatch)" if qualifier in ("vague", "unknown") else "url(#tl-open-left)" if open_left else "#3b6fb6"
    wide = x2 - x1 > 1.5 * (WIDTH - LEFT - RIGHT) / max(1, scale.last.year - scale.first.year)
    opacity = "" if fill.startswith("url") else f' fill-opacity="{0.06 if wide else 0.22}"'  # long periods stay light
    shapes.append(
        f'<rect x="{x1:.1f}" y="{top:.1f}" width="{x2 - x1:.1f}" height="{bottom - top:.1f}" fill="{fill}"{opacity}/>'
    )
    if qualifier in ("more_than", "at_least"):
        shapes.append(
            f'<rect x="{x1:.1f}" y="{top - OPEN:.1f}" width="{x2 - x1:.1f}" height="{OPEN}" fill="url(#tl-open-up)"/>'
        )
        shapes.append(_edge(x1, top - OPEN, x1, bottom, "open") if not open_left else "")
        shapes.append(_edge(x2, top - OPEN, x2, bottom, "open"))
        mid = (x1 + x2) / 2
        shapes.append(_arrow(mid, top - 4, top - 9))
    else:
        style = "dashed" if qualifier in ("approximate", "vague", "unknown") else "solid"
        shapes.append(_edge(x1, top, x2, top, style))
        if not open_left:
            shapes.append(_edge(x1, top, x1, bottom, "solid"))
        shapes.append(_edge(x2, top, x2, bottom, "solid"))
        if qualifier in ("less_than", "at_most"):
            mid = (x1 + x2) / 2
            shapes.append(_arrow(mid, top + 3, top + 8))
    label_y = top - (OPEN if qualifier in ("more_than", "at_least") else 0) - 4
    label = _label(count_label(record), (x1 + x2) / 2, label_y, placed)
    return _mark(entry, "tl-aggregate", "".join(shapes) + label)


def _arrow(mid: float, base: float, tip: float) -> str:
    """A small chevron centred on ``mid``: its ends at height ``base``, its point at ``tip``."""
    return f'<path d="M{mid - 4:.1f},{base:.1f} L{mid:.1f},{tip:.1f} L{mid + 4:.1f},{base:.1f}" class="tl-arrow"/>'


def _edge(x1: float, y1: float, x2: float, y2: float, style: str) -> str:
    return f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="tl-edge tl-{style}"/>'


def _label(text: str, x: float, y: float, placed: list[tuple[float, float, float, float]]) -> str:
    width = 6.2 * len(text) + 4
    box = (x - width / 2, y - 11, x + width / 2, y + 1)
    if box[0] < 0 or box[2] > WIDTH or any(_overlaps(box, b) for b in placed):
        return ""  # no room: the tooltip and the table still say it
    placed.append(box)
    return f'<text x="{x:.1f}" y="{y:.1f}" class="tl-label">{escape(text)}</text>'


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two (left, top, right, bottom) boxes intersect."""
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def _incident(entry: Entry, scale: _Scale, stacks: list[tuple[float, int]]) -> str:
    record = entry.record
    x1, x2 = scale.x_start(record), scale.x_end(record)
    x = (x1 + x2) / 2
    near = {level for other, level in stacks if abs(other - x) < 11}
    level = min(set(range(len(near) + 1)) - near)  # dots closer than their size stack upwards
    stacks.append((x, level))
    y = LANE_TOP + LANE - 12 - (level % 4) * 11
    value = record.count.value if record.count and record.count.value else None
    radius = 4 + 1.6 * math.log10(value) if value else 4
    shapes = []
    if x2 - x1 > 4:
        shapes.append(f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{x2:.1f}" y2="{y:.1f}" class="tl-span"/>')
    css = "tl-dot" if value else "tl-dot tl-hollow"
    shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" class="{css}"/>')
    return _mark(entry, "tl-incident", "".join(shapes))


def _mark(entry: Entry, css: str, body: str) -> str:
    record = entry.record
    period = record.period
    when = f"{period.start or '…'} to {period.end or '…'}" if period else ""
    tip = f"{entry.article} · {record.kind}: {count_label(record)} · {when}"
    if period and period.text:
        tip += f" ({period.text})"
    tip += f" · {entry.sources} source{'s' if entry.sources != 1 else ''}"
    if entry.conflicts:
        tip += f" · sources disagree on {', '.join(entry.conflicts)}"
        css += " tl-conflict"
    ids = " ".join(entry.record_ids or (getattr(record, "record_id", ""),))
    fact = f' data-fact-id="{escape(record.fact_id)}"' if isinstance(record, Fact) else ""
    return (
        f'<a href="#{escape(entry.anchor)}"><g class="tl-mark {css}"{fact} data-record-ids="{escape(ids)}" '
        f'data-sources="{entry.sources}"><title>{escape(tip)}</title>{body}</g></a>'
    )
