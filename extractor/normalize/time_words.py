"""Lookup tables of the period normalizer, built from one ``time.json`` and ``eras.json``.

:class:`TimeWords` holds what the resolvers look matched words up in (month
numbers, number words, era dates...); the regex sources built from the same
files are in :mod:`extractor.normalize.time_sources`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from extractor.normalize.alternation import trie_alternation


def alt(words: Iterable[str], *, case_sensitive: bool = False) -> str:
    """An alternation of literal phrases, a longer one before its prefix, spaces matching any
    whitespace (a trie: see :mod:`.alternation`); folded to lower case unless ``case_sensitive``."""
    body = trie_alternation(_units(w if case_sensitive else w.lower()) for w in words)
    return f"(?-i:{body})" if case_sensitive else body


def _units(phrase: str) -> tuple[str, ...]:
    return tuple(r"\s+" if ch == " " else re.escape(ch) for ch in phrase)


def norm_key(text: str) -> str:
    """Lookup key for a matched phrase: lower case, single spaces, straight quotes, no dots."""
    text = text.replace("\u2019", "'").replace(".", "").lower()
    return re.sub(r"\s+", " ", text).strip()


def era_key(text: str) -> str:
    """Lookup key for an era alias: lower case, no spaces, hyphens or dots."""
    return re.sub(r"[\s\-.]+", "", text.replace("\u2019", "'").lower())


def _keyed(table: Mapping[str, Any], value=lambda v: v) -> dict[str, Any]:
    return {norm_key(k): value(v) for k, v in table.items()}


@dataclass(frozen=True)
class Era:
    id: str
    start: dt.date
    end: dt.date | None  # None: still running, ends on the publication date


class TimeWords:
    """The word tables of one ``time.json`` and ``eras.json`` (built once; never mutated)."""

    def __init__(self, time: Mapping[str, Any], eras: Mapping[str, Any]) -> None:
        self.months: dict[str, int] = {**_keyed(time["months"]), **_keyed(time["month_abbreviations"])}
        self.month_needs_context = frozenset(
            [norm_key(m) for m in time["months_needing_context"]]
            + [norm_key(a) for a in time["month_abbreviations"]]
        )
        self.weekdays: dict[str, int] = _keyed(time["weekdays"])
        self.same_day: dict[str, int] = _keyed(time["same_day"])
        self.seasons: dict[str, tuple[int, int]] = _keyed(time["seasons"], tuple)
        self.holidays: dict[str, tuple[int, int]] = _keyed(time["fixed_holidays"], tuple)
        self.week_of_month: dict[str, int] = _keyed(time["week_of_month_ordinals"])
        self.number_words: dict[str, int] = _keyed(time["number_words"])
        self.parts: dict[str, str] = _keyed(time["parts"])
        self.part_cuts: dict[str, dict[str, list[int]]] = time["part_cuts"]
        self.units: dict[str, str] = dict(time["units"])
        self.half_ordinals: dict[str, int] = _keyed(time["half_ordinals"])
        self.quarter_ordinals: dict[str, int] = _keyed(time["quarter_ordinals"])
        self.relations: dict[str, str] = _keyed(time["relations"])
        self.end_relations: dict[str, str] = _keyed(time.get("end_relations", {}))
        self.months_read_alone = frozenset(norm_key(m) for m in time.get("months_read_alone", []))
        self.calendar_last_units = frozenset(time.get("calendar_last_units", []))
        self.century_ordinals: dict[str, int] = _keyed(time.get("century_ordinals", {}))
        self.rates: dict[str, str] = _keyed(time["rates"])
        self.year_approximators = re.compile(rf"\b{alt(time['year_approximators'])}\s+$", re.IGNORECASE)
        self.eras_by_alias: dict[str, Era] = {}
        self.eras_by_prefix: dict[str, Era] = {}
        self.era_aliases: list[str] = []
        self.era_prefixable: list[str] = []
        for row in eras["eras"]:
            self._add_era(row)

    def _add_era(self, row: Mapping[str, Any]) -> None:
        end = dt.date.fromisoformat(row["end"]) if row.get("end") else None
        era = Era(row["id"], dt.date.fromisoformat(row["start"]), end)
        for alias in row["aliases"]:
            self.eras_by_alias[era_key(alias)] = era
            self.era_aliases.append(alias)
        for word in row.get("prefixable", []):
            self.eras_by_prefix[era_key(word)] = era
            self.era_prefixable.append(word)
