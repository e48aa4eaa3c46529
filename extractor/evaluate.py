"""Scoring pipeline output against gold files (``shared/spec/gold-format.md``).

Pure library code: the CLI (``extractor evaluate``) calls :func:`load_gold`,
:func:`evaluate_paths` and :func:`format_report`.

Scores per file and overall (micro-average: counts are summed over files,
then the ratios computed):

- precision = matched required / (predictions - matched optional)
- recall    = matched required / required gold records
- F1        = harmonic mean of the two (0 when both are 0)
- field accuracy = right fields / scored fields over matched required pairs

Edge cases, decided here: an empty denominator gives 1.0 (a file with no gold
records and no predictions has P = R = F1 = 1.0: nothing to find, nothing
wrongly found; a file with predictions but no gold has precision 0). Field
accuracy with no scored field is ``None`` (shown as ``-``). Predictions whose
``count.text`` contains a forbidden phrase never match and are false positives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from extractor.evaluate_fields import FieldResult, field_sort_key, jsonable, score_fields
from extractor.evaluate_gold import GoldFormatError, load_gold
from extractor.evaluate_match import is_forbidden, matches, max_weight_matching, periods_overlap

RunFn = Callable[[Path, dt.date | None], dict]

__all__ = [
    "ArticleScore", "EvalReport", "FieldTally", "GoldFormatError", "RunFn", "Totals",
    "evaluate_paths", "format_report", "load_gold", "score_article",
]


# --- results -------------------------------------------------------------------------

def _ratio(num: int, den: int) -> float:
    return num / den if den else 1.0


@dataclass
class FieldTally:
    right: int = 0
    scored: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.right / self.scored if self.scored else None

    def to_dict(self) -> dict:
        return {"right": self.right, "scored": self.scored, "accuracy": self.accuracy}


@dataclass
class Totals:
    """Summed counts; the ratios are computed from them (micro-average)."""

    gold_required: int = 0
    gold_optional: int = 0
    predicted: int = 0
    matched_required: int = 0
    matched_optional: int = 0
    forbidden_hits: int = 0
    fields_right: int = 0
    fields_scored: int = 0
    files: int = 0
    errors: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.matched_required, self.predicted - self.matched_optional)

    @property
    def recall(self) -> float:
        return _ratio(self.matched_required, self.gold_required)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def field_accuracy(self) -> float | None:
        return self.fields_right / self.fields_scored if self.fields_scored else None

    def add(self, other: "Totals") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def to_dict(self) -> dict:
        d = {name: getattr(self, name) for name in self.__dataclass_fields__}
        d.update(precision=self.precision, recall=self.recall, f1=self.f1,
                 field_accuracy=self.field_accuracy)
        return d


@dataclass
class Pair:
    gold_id: str
    prediction_index: int
    required: bool
    fields: list[FieldResult]

    def to_dict(self) -> dict:
        return {"gold_id": self.gold_id, "prediction_index": self.prediction_index,
                "required": self.required, "fields": [f.to_dict() for f in self.fields]}


@dataclass
class ArticleScore:
    name: str
    totals: Totals
    per_field: dict[str, FieldTally] = field(default_factory=dict)
    pairs: list[Pair] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)              # unmatched required gold ids
    false_positives: list[int] = field(default_factory=list)     # prediction indices
    forbidden: list[dict] = field(default_factory=list)          # {prediction_index, phrases, count_text}
    error: str | None = None
    gold: dict = field(default_factory=dict, repr=False)         # the scored gold, for --details
    predictions: list[dict] = field(default_factory=list, repr=False)

    precision = property(lambda self: self.totals.precision)
    recall = property(lambda self: self.totals.recall)
    f1 = property(lambda self: self.totals.f1)
    field_accuracy = property(lambda self: self.totals.field_accuracy)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            **self.totals.to_dict(),
            "per_field": {k: v.to_dict() for k, v in _ordered(self.per_field)},
            "pairs": [p.to_dict() for p in self.pairs],
            "missed": self.missed,
            "false_positives": self.false_positives,
            "forbidden": self.forbidden,
            "error": self.error,
        }


@dataclass
class EvalReport:
    files: list[ArticleScore] = field(default_factory=list)
    overall: Totals = field(default_factory=Totals)
    per_field: dict[str, FieldTally] = field(default_factory=dict)
    predictions: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "files": [f.to_dict() for f in self.files],
            "overall": self.overall.to_dict(),
            "per_field": {k: v.to_dict() for k, v in _ordered(self.per_field)},
        }


def _ordered(per_field: dict[str, FieldTally]) -> list[tuple[str, FieldTally]]:
    return sorted(per_field.items(), key=lambda kv: field_sort_key(kv[0]))


# --- scoring -------------------------------------------------------------------------

def score_article(gold: dict, predictions: list[dict]) -> ArticleScore:
    """Score one article's predicted records (DefectionRecord dicts) against its gold."""
    required = [r for r in gold.get("records") or [] if isinstance(r, dict)]
    optional = [r for r in gold.get("optional") or [] if isinstance(r, dict)]
    golds = [(r, True) for r in required] + [(r, False) for r in optional]
    phrases = [p for p in gold.get("forbidden") or [] if isinstance(p, str)]
    preds = [p if isinstance(p, dict) else {} for p in predictions]

    score = ArticleScore(name=str(gold.get("text_file") or ""), totals=Totals(
        gold_required=len(required), gold_optional=len(optional), predicted=len(preds), files=1),
        gold=gold, predictions=preds)

    banned: set[int] = set()
    for j, pred in enumerate(preds):
        hit = is_forbidden(pred, phrases)
        if hit:
            banned.add(j)
            score.forbidden.append({"prediction_index": j, "phrases": hit,
                                    "count_text": (pred.get("count") or {}).get("text")})
    score.totals.forbidden_hits = len(banned)

    # Candidate edges, weighted lexicographically: matched required records
    # first, then optional ones, then overlapping periods, then right fields.
    edges: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    fields: dict[tuple[int, int], list[FieldResult]] = {}
    for i, (g, is_req) in enumerate(golds):
        for j, pred in enumerate(preds):
            if j in banned or not matches(g, pred):
                continue
            fields[i, j] = score_fields(g, pred)
            overlap = "period" in g and periods_overlap(g["period"], pred.get("period"))
            edges[i, j] = (int(is_req), int(not is_req), int(overlap),
                           sum(f.right for f in fields[i, j]))
    chosen = max_weight_matching(_lexicographic_weights(edges, len(golds), len(preds)))

    matched_preds = set()
    matched_gold = set()
    for i, j in chosen:
        g, is_req = golds[i]
        matched_preds.add(j)
        matched_gold.add(i)
        score.pairs.append(Pair(str(g.get("id", i)), j, is_req, fields[i, j] if is_req else []))
        if not is_req:
            score.totals.matched_optional += 1
            continue
        score.totals.matched_required += 1
        for f in fields[i, j]:
            tally = score.per_field.setdefault(f.name, FieldTally())
            tally.scored += 1
            tally.right += int(f.right)
            score.totals.fields_scored += 1
            score.totals.fields_right += int(f.right)
    score.missed = [str(g.get("id", i)) for i, (g, is_req) in enumerate(golds)
                    if is_req and i not in matched_gold]
    score.false_positives = [j for j in range(len(preds)) if j not in matched_preds]
    return score


def _lexicographic_weights(edges: dict[tuple[int, int], tuple[int, ...]],
                           n_gold: int, n_pred: int) -> dict[tuple[int, int], int]:
    """Encode tuple weights as integers so that summed weights compare lexicographically."""
    if not edges:
        return {}
    pairs_max = min(n_gold, n_pred)
    levels = len(next(iter(edges.values())))
    level_max = [max(w[k] for w in edges.values()) for k in range(levels)]
    bases = [1] * levels
    for k in range(levels - 2, -1, -1):
        bases[k] = bases[k + 1] * (pairs_max * level_max[k + 1] + 1)
    # + 1 keeps every allowed edge strictly positive.
    return {e: 1 + sum(b * x for b, x in zip(bases, w)) * (pairs_max + 1) for e, w in edges.items()}


def evaluate_paths(gold_paths: list[Path], run: RunFn) -> EvalReport:
    """Run ``run`` on each gold's text file (beside the gold) and score the results.

    A ``run`` that raises is recorded as that file's ``error`` and scored as
    zero predictions; its entry in ``predictions`` is a synthetic ``failed``
    ArticleResult. An unreadable or malformed gold file raises GoldFormatError.
    """
    report = EvalReport()
    for gold_path in gold_paths:
        gold_path = Path(gold_path)
        gold = load_gold(gold_path)
        text_path = gold_path.parent / gold["text_file"]
        published = dt.date.fromisoformat(gold["published"]) if gold.get("published") else None
        error = None
        try:
            result = run(text_path, published)
            if not isinstance(result, dict):
                raise TypeError(f"run returned {type(result).__name__}, not an ArticleResult dict")
        except Exception as exc:  # noqa: BLE001 - any failure is reported per file
            error = f"{type(exc).__name__}: {exc}"
            result = _failed_result(text_path, published, error)
        records = result.get("records") or []
        score = score_article(gold, [r for r in records if isinstance(r, dict)])
        score.name = gold_path.name
        if error is not None:
            score.error = error
            score.totals.errors = 1
        report.files.append(score)
        report.predictions.append(jsonable(result))
        report.overall.add(score.totals)
        for name, tally in score.per_field.items():
            total = report.per_field.setdefault(name, FieldTally())
            total.right += tally.right
            total.scored += tally.scored
    return report


def _failed_result(text_path: Path, published: dt.date | None, message: str) -> dict:
    from extractor.errors import Code
    from extractor.records import article_id_for

    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return {
        "article": {"article_id": article_id_for(text), "url": None, "source": str(text_path),
                    "title": None, "published": published.isoformat() if published else None,
                    "language": None, "text_chars": len(text)},
        "status": "failed",
        "records": [],
        "errors": [{"code": str(Code.PROCESSING_ERROR), "message": message}],
    }


# --- plain-text report ---------------------------------------------------------------

def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _fields(t: Totals) -> str:
    return f"{_fmt(t.field_accuracy)} ({t.fields_right}/{t.fields_scored})"


def format_report(report: EvalReport) -> str:
    """A plain-text table: one line per file, an overall line, then per-field accuracy."""
    header = ("file", "gold", "pred", "match", "P", "R", "F1", "fields", "forbidden")
    rows = []
    for f in report.files:
        t = f.totals
        rows.append((f.name, str(t.gold_required), str(t.predicted), str(t.matched_required),
                     _fmt(t.precision), _fmt(t.recall), _fmt(t.f1), _fields(t), str(t.forbidden_hits)))
    o = report.overall
    overall = (f"OVERALL ({o.files} files)", str(o.gold_required), str(o.predicted),
               str(o.matched_required), _fmt(o.precision), _fmt(o.recall), _fmt(o.f1),
               _fields(o), str(o.forbidden_hits))
    widths = [max(len(r[k]) for r in [header, *rows, overall]) for k in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        first = cells[0].ljust(widths[0])
        return "  ".join([first] + [c.rjust(w) for c, w in zip(cells[1:], widths[1:])]).rstrip()

    out = [line(header), "  ".join("-" * w for w in widths)]
    for f, row in zip(report.files, rows):
        out.append(line(row))
        if f.error:
            out.append(f"  error: {f.error}")
    out.append("  ".join("-" * w for w in widths))
    out.append(line(overall))
    if o.errors:
        out.append(f"{o.errors} file(s) failed to run")
    if report.per_field:
        out.append("")
        out.append("per-field accuracy (matched required pairs):")
        name_w = max(len(name) for name in report.per_field)
        for name, tally in _ordered(report.per_field):
            out.append(f"  {name.ljust(name_w)}  {_fmt(tally.accuracy)}  ({tally.right}/{tally.scored})")
    return "\n".join(out) + "\n"
