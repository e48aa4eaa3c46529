"""Scoring predictions against gold: one article (:func:`score_article`) and a run (:func:`evaluate_paths`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from extractor.article import Article
from extractor.errors import Code
from extractor.evaluate.fields import FieldResult, jsonable, score_fields
from extractor.evaluate.gold import load_gold
from extractor.evaluate.match import is_forbidden, matches, max_weight_matching, periods_overlap
from extractor.evaluate.scores import ArticleScore, EvalReport, FieldTally, Pair, Totals
from extractor.outcomes import outcome_result

RunFn = Callable[[Path, dt.date | None], dict]


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
    """The synthetic ``failed`` ArticleResult of a run that raised, for the predictions file."""
    try:
        text = text_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    meta = Article(text=text, source=str(text_path), published=published).meta()
    return outcome_result(meta, "failed", Code.PROCESSING_ERROR, message).model_dump(mode="json")
