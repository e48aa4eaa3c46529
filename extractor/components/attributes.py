"""The model's attribute rules (tag → POS, morphology, lemma exceptions), applied from a table.

spaCy's ``AttributeRuler`` runs a token ``Matcher`` over the whole Doc and sets
each match's attributes through a ``Span``: in ``en_core_web_sm`` every token
matches at least one of its 179 patterns, so on news text it costs about half
as much as the parser. Nearly all of those patterns test one token's tag, lower
case form, dependency label or whitespace, so the attributes a token ends with
depend only on that tuple (and, for a handful of two-token patterns, on its
neighbour): :class:`TableAttributeRuler` works them out once per distinct tuple
and writes a whole Doc with one ``Doc.from_array``.

It reads the patterns of the model's own ruler (no rule is copied here) and
gives the same attributes, in the same order of precedence (a later pattern
wins), which ``tests/test_attribute_table.py`` checks token by token against
spaCy's ruler. A pattern it cannot read raises ``ValueError`` at load time,
never a silent difference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.tokens import Doc
from spacy.vocab import Vocab

KEY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]  # what a pattern may test, in the order of a token's key
KEY_NAMES = ("TAG", "LOWER", "DEP", "IS_SPACE")
WRITTEN = [POS, MORPH, LEMMA, TAG]  # what a pattern may set with Doc.from_array (DEP is set per token)
COLUMNS = {"POS": 0, "MORPH": 1, "LEMMA": 2, "TAG": 3}
MAX_CACHED_KEYS = 50_000  # (tag, form, dependency, space) keys remembered: about 15 MB at most


@dataclass(frozen=True, eq=False)
class Rule:
    """One pattern of the ruler: its precedence, its token tests, which token it sets, and what."""

    order: int
    tokens: tuple[dict[str, Any], ...]
    index: int
    attrs: dict[str, str]


class TableAttributeRuler:
    """An ``AttributeRuler`` with the same patterns and results, looked up per distinct token key."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self.multi: list[Rule] = []
        self.entries = 0
        self._indexed: dict[tuple[str, str], list[Rule]] = {}  # ("TAG", tag) or ("LOWER", form) -> rules
        self._generic: list[Rule] = []  # single-token rules with no literal tag or form to index them by
        self._by_key: dict[tuple, tuple] = {}
        self._starts: dict[tuple, list[Rule]] = {}

    def add_patterns(self, patterns: Iterable[dict]) -> None:
        """Patterns as ``AttributeRuler.patterns`` gives them; later ones take precedence."""
        for entry in patterns:
            order, self.entries = self.entries, self.entries + 1
            for tokens in entry["patterns"]:
                rule = Rule(order, tuple(_checked(token) for token in tokens), entry.get("index", 0), entry["attrs"])
                if len(tokens) == 1:
                    self._index(rule)
                else:
                    self.multi.append(rule)
        self._by_key.clear()
        self._starts.clear()

    def _index(self, rule: Rule) -> None:
        """File a one-token rule under the literal form or tag every token it fits must have."""
        test = rule.tokens[0]
        lower, tag = test.get("LOWER"), test.get("TAG")
        if isinstance(lower, str) or isinstance(lower, dict) and "IN" in lower:
            slots = [("LOWER", form) for form in ([lower] if isinstance(lower, str) else lower["IN"])]
        elif isinstance(tag, str) or isinstance(tag, dict) and "IN" in tag:
            slots = [("TAG", name) for name in ([tag] if isinstance(tag, str) else tag["IN"])]
        else:
            self._generic.append(rule)
            return
        for slot in slots:
            self._indexed.setdefault(slot, []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        keys = [tuple(row) for row in doc.to_array(KEY_ATTRS).tolist()]
        values = doc.to_array(WRITTEN)
        extra = self._multi_token_rules(keys)
        dependencies = {}
        for i, key in enumerate(keys):
            written, dep = self._settings(key, extra.get(i, ()))
            for column, value in written:
                values[i, column] = value
            if dep is not None:
                dependencies[i] = dep
        doc.from_array(WRITTEN, values)
        for i, dep in dependencies.items():
            doc[i].dep_ = dep
        return doc

    def _settings(self, key: tuple, extra: tuple[Rule, ...]) -> tuple:
        if not extra:
            found = self._by_key.get(key)
            if found is None:
                found = _remember(self._by_key, key, self._merged(self._single_rules(key)))
            return found
        return self._merged(sorted(self._single_rules(key) + list(extra), key=lambda rule: rule.order))

    def _single_rules(self, key: tuple) -> list[Rule]:
        values = self._named(key)
        candidates = self._indexed.get(("TAG", values["TAG"]), []) + self._indexed.get(("LOWER", values["LOWER"]), [])
        candidates = sorted(set(candidates + self._generic), key=lambda rule: (rule.order, id(rule)))
        return [rule for rule in candidates if _holds(rule.tokens[0], values)]

    def _multi_token_rules(self, keys: list[tuple]) -> dict[int, tuple[Rule, ...]]:
        """Token index → the multi-token rules that set it."""
        found: dict[int, tuple[Rule, ...]] = {}
        for i, key in enumerate(keys):
            for rule in self._starting(key):
                width = len(rule.tokens)
                if i + width > len(keys):
                    continue
                if all(_holds(test, self._named(keys[i + k])) for k, test in enumerate(rule.tokens[1:], start=1)):
                    target = i + (rule.index if rule.index >= 0 else width + rule.index)
                    found[target] = found.get(target, ()) + (rule,)
        return found

    def _starting(self, key: tuple) -> list[Rule]:
        rules = self._starts.get(key)
        if rules is None:
            values = self._named(key)
            rules = _remember(self._starts, key, [rule for rule in self.multi if _holds(rule.tokens[0], values)])
        return rules

    def _named(self, key: tuple) -> dict[str, Any]:
        strings = self.vocab.strings
        tag, lower, dep, space = key
        return {"TAG": strings[tag], "LOWER": strings[lower], "DEP": strings[dep], "IS_SPACE": bool(space)}

    def _merged(self, rules: list[Rule]) -> tuple[tuple[tuple[int, int], ...], str | None]:
        """The (column, value) pairs to write and the dependency label to set, later rules winning."""
        values: dict[str, Any] = {}
        for rule in rules:
            values.update(rule.attrs)
        written = tuple((COLUMNS[name], self._encoded(name, value)) for name, value in values.items() if name in COLUMNS)
        return written, values.get("DEP")

    def _encoded(self, name: str, value: str) -> int:
        if name == "POS":
            return POS_IDS[value]
        if name == "MORPH":
            return self.vocab.morphology.add(value)
        return self.vocab.strings.add(value)


def _remember(cache: dict, key: tuple, value):
    """Store ``value`` under ``key``; a full cache is emptied first: distinct word forms never stop
    coming in an archive, so the per-key caches are bounded."""
    if len(cache) >= MAX_CACHED_KEYS:
        cache.clear()
    cache[key] = value
    return value


def _checked(token: dict) -> dict[str, Any]:
    """A token pattern this table can test, or ValueError."""
    for name, test in token.items():
        if name not in KEY_NAMES:
            raise ValueError(f"attribute pattern tests {name}, which the table ruler cannot: {token}")
        if isinstance(test, dict) and (len(test) != 1 or next(iter(test)) not in ("IN", "NOT_IN", "REGEX")):
            raise ValueError(f"unsupported attribute pattern test: {token}")
    return token


def _holds(token: dict[str, Any], values: dict[str, Any]) -> bool:
    return all(_test(test, values[name]) for name, test in token.items())


def _test(test: Any, value: Any) -> bool:
    if not isinstance(test, dict):
        return value == test
    (operator, operand), = test.items()
    if operator == "IN":
        return value in operand
    if operator == "NOT_IN":
        return value not in operand
    return re.search(operand, value) is not None
