"""The score values of an evaluation: summed counts (micro-average) and the ratios from them.

An empty denominator gives 1.0 (nothing to find, nothing wrongly found); field
accuracy with no scored field is ``None``. See :mod:`extractor.evaluate`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.evaluate.fields import FieldResult, field_sort_key


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
            "per_field": {k: v.to_dict() for k, v in ordered_fields(self.per_field)},
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
            "per_field": {k: v.to_dict() for k, v in ordered_fields(self.per_field)},
        }


def ordered_fields(per_field: dict[str, FieldTally]) -> list[tuple[str, FieldTally]]:
    return sorted(per_field.items(), key=lambda kv: field_sort_key(kv[0]))
