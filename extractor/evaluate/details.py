"""Per-article details of a scored run: what was missed, wrongly found or misread.

``format_details`` prints, for each file with anything to fix, the required
gold records no prediction matched, the predictions that matched no gold
(forbidden hits marked), and the wrong fields of each matched required pair.
Pure library code; the CLI (``extractor evaluate --details``) prints it.
"""

from __future__ import annotations

from extractor.evaluate.scores import ArticleScore, EvalReport
from extractor.evaluate.fields import jsonable

# Evidence sentences are cut to this many characters so one line stays readable.
EVIDENCE_WIDTH = 110


def _short(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EVIDENCE_WIDTH else text[: EVIDENCE_WIDTH - 3] + "..."


def _count_text(record: dict) -> str:
    count = record.get("count")
    if not isinstance(count, dict):
        return "null"
    return f"{count.get('value')} {count.get('qualifier')} ({count.get('text')!r})"


def _period_text(record: dict) -> str:
    period = record.get("period")
    if not isinstance(period, dict):
        return "null"
    return f"{period.get('start')}..{period.get('end')}"


def _gold_by_id(score: ArticleScore) -> dict[str, dict]:
    records = [r for r in score.gold.get("records") or [] if isinstance(r, dict)]
    return {str(r.get("id", i)): r for i, r in enumerate(records)}


def _missed_lines(score: ArticleScore) -> list[str]:
    by_id = _gold_by_id(score)
    lines = []
    for gid in score.missed:
        g = by_id.get(gid, {})
        lines.append(f"  MISSED {gid} {g.get('kind')} count={jsonable(g.get('count'))} "
                     f"period={jsonable(g.get('period'))}: {g.get('evidence_contains')!r}")
    return lines


def _false_positive_lines(score: ArticleScore) -> list[str]:
    forbidden = {f["prediction_index"]: f["phrases"] for f in score.forbidden}
    lines = []
    for j in score.false_positives:
        p = score.predictions[j] if j < len(score.predictions) else {}
        mark = f" FORBIDDEN {forbidden[j]}" if j in forbidden else ""
        lines.append(f"  EXTRA #{j} {p.get('kind')} count={_count_text(p)} "
                     f"period={_period_text(p)}{mark}: {_short((p.get('evidence') or {}).get('text'))}")
    return lines


def _field_lines(score: ArticleScore) -> list[str]:
    lines = []
    for pair in score.pairs:
        for f in pair.fields:
            if not f.right:
                lines.append(f"  FIELD {pair.gold_id} {f.name}: gold={jsonable(f.gold)} "
                             f"predicted={jsonable(f.predicted)}")
    return lines


def format_details(report: EvalReport) -> str:
    """Misses, false positives and wrong fields, grouped by file (files without any skipped)."""
    out: list[str] = []
    for score in report.files:
        lines = _missed_lines(score) + _false_positive_lines(score) + _field_lines(score)
        if score.error:
            lines.insert(0, f"  ERROR {score.error}")
        if lines:
            out.append(score.name)
            out.extend(lines)
    return "\n".join(out) + ("\n" if out else "")
