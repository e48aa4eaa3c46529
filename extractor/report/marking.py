"""The article text with evidence sentences marked and their spans highlighted (HTML).

Article text is untrusted: every character of it goes through ``html.escape``.
Spans may overlap or nest (a type inside a count phrase): the text is cut at
every span boundary and each piece is wrapped in one element per span covering
it, so each span draws its own underline bar at its own level, as displaCy's
span view does. The first piece of a span carries ``hl-start`` with the span's
label, key and records; CSS draws the label from it, so the text stays exact.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from extractor.records import DefectionRecord
from extractor.report.spans import LABELS, Span, locate_spans

MAX_LEVEL = 3


@dataclass
class _Placed:
    span: Span
    start: int  # absolute offsets
    end: int
    level: int = 0


def record_anchor(article_no: int, record_no: int) -> str:
    return f"rec-a{article_no}-r{record_no}"


def marked_text(text: str, records: list[DefectionRecord], article_no: int) -> tuple[str, list[int]]:
    """HTML of ``text`` with evidence marked, and the indexes of records whose evidence is not in it."""
    grounded = [(i, r) for i, r in enumerate(records) if text[r.evidence.start:r.evidence.end] == r.evidence.text]
    loose = [i for i, r in enumerate(records) if text[r.evidence.start:r.evidence.end] != r.evidence.text]
    out: list[str] = []
    cursor = 0
    for start, end, members in _regions(grounded):
        out.append(escape(text[cursor:start]))
        out.append(_region_html(text, start, end, members, article_no))
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out), loose


def marked_sentences(records: list[DefectionRecord], article_no: int) -> list[str]:
    """Each distinct evidence sentence on its own, marked (when the article text is not available)."""
    groups: dict[tuple[int, int, str], list[tuple[int, DefectionRecord]]] = {}
    for index, record in enumerate(records):
        evidence = record.evidence
        groups.setdefault((evidence.start, evidence.end, evidence.text), []).append((index, record))
    return [
        _region_html(sentence, start, end, members, article_no, base=start)
        for (start, end, sentence), members in sorted(groups.items())
    ]


def _regions(grounded: list[tuple[int, DefectionRecord]]) -> list[tuple[int, int, list[tuple[int, DefectionRecord]]]]:
    """Evidence ranges merged where they overlap, each with its records."""
    regions: list[tuple[int, int, list[tuple[int, DefectionRecord]]]] = []
    for index, record in sorted(grounded, key=lambda ir: (ir[1].evidence.start, ir[1].evidence.end)):
        start, end = record.evidence.start, record.evidence.end
        if regions and start < regions[-1][1]:
            first, last, members = regions[-1]
            regions[-1] = (first, max(last, end), members + [(index, record)])
        else:
            regions.append((start, end, [(index, record)]))
    return regions


def _region_html(
    text: str, start: int, end: int, members: list[tuple[int, DefectionRecord]], article_no: int, base: int = 0
) -> str:
    """``text[start - base:end - base]`` marked; offsets are absolute, ``base`` is where ``text`` begins."""
    placed = _place_spans(members)
    cuts = sorted({start, end, *(p.start for p in placed), *(p.end for p in placed)})
    pieces: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        active = sorted((p for p in placed if p.start <= a and b <= p.end), key=lambda p: p.level)
        opening = "".join(_open(p, first=p.start == a) for p in active)
        pieces.append(opening + escape(text[a - base:b - base]) + "</span>" * len(active))
    numbers = sorted({i for i, _ in members})
    refs = "".join(f'<a class="ev-ref" href="#{record_anchor(article_no, i + 1)}">R{i + 1}</a>' for i in numbers)
    ids = " ".join(r.record_id for _, r in members)
    return f'<span class="ev" data-records="{escape(ids)}">{"".join(pieces)}</span><sup class="ev-refs">{refs}</sup>'


def _place_spans(members: list[tuple[int, DefectionRecord]]) -> list[_Placed]:
    groups: dict[tuple[int, int], list[tuple[int, DefectionRecord]]] = {}
    for index, record in members:
        groups.setdefault((record.evidence.start, record.evidence.end), []).append((index, record))
    placed: list[_Placed] = []
    for (start, _), group in sorted(groups.items()):
        evidence = group[0][1].evidence.text
        placed += [_Placed(s, start + s.start, start + s.end) for s in locate_spans(evidence, group)]
    placed.sort(key=lambda p: (p.start, -(p.end - p.start), LABELS.index(p.span.label)))
    for n, p in enumerate(placed):  # interval colouring: each span keeps one bar level along its length
        taken = {q.level for q in placed[:n] if q.start < p.end and p.start < q.end}
        p.level = min(set(range(len(taken) + 1)) - taken)
    return placed


def _open(p: _Placed, *, first: bool) -> str:
    level = min(p.level, MAX_LEVEL)
    css = f"hl hl-{p.span.label} lv{level}"
    if not first:
        return f'<span class="{css}">'
    records = " ".join(f"R{i + 1}" for i in p.span.records)
    title = f"{p.span.label}: {p.span.key} ({records})"
    return (
        f'<span class="{css} hl-start" data-label="{p.span.label}" data-key="{escape(p.span.key)}" '
        f'data-records="{records}" title="{escape(title)}">'
    )
