"""Scoring pipeline output against gold files (``shared/spec/gold-format.md``).

Pure library code: the CLI (``extractor evaluate``) calls :func:`load_gold`,
:func:`evaluate_paths`, :func:`format_report` and :func:`format_details`.

Modules, in import order: ``match`` (folding, the match predicate, the assignment),
``fields`` (field scoring of a matched pair), ``gold`` (reading gold files),
``scores`` (the score values), ``scoring`` (scoring articles and runs),
``table`` and ``details`` (plain-text output).

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

from extractor.evaluate.details import format_details
from extractor.evaluate.gold import GoldFormatError, load_gold
from extractor.evaluate.scores import ArticleScore, EvalReport, FieldTally, Totals
from extractor.evaluate.scoring import RunFn, evaluate_paths, score_article
from extractor.evaluate.table import format_report

__all__ = [
    "ArticleScore", "EvalReport", "FieldTally", "GoldFormatError", "RunFn", "Totals",
    "evaluate_paths", "format_details", "format_report", "load_gold", "score_article",
]
