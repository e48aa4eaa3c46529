"""The relevance gate: a sub-millisecond test that an article may report a defection.

Most archive pages are not about defections; they must pay neither for
trafilatura nor for spaCy. A cue word (``configs/relevance.json``) is not
enough: real pages carry "escape", "swim" or "refugee" in scripts, menus,
teasers and comments. So an article is relevant only when a cue sits in
*running prose* (a paragraph of some length) *near a context word* (a
border, a state, a nationality: the configured words and every country name
and demonym of ``configs/countries.json``).

An HTML page is tested before trafilatura: the cue pattern (one RE2 automaton,
linear in the page) runs over the raw bytes first, which turns most pages away
in a fraction of a millisecond; a page with a cue somewhere is parsed with lxml,
stripped of scripts, styles, navigation, headers, footers, asides and comments,
and its text blocks get the same prose test as an article's text. The rules
are broad on purpose: recall must stay at 100% on every article with a
defection record (tested), and a false alarm only costs one extraction.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

import re2
from lxml import etree
from lxml import html as lxml_html

from extractor.rules import Rules, load_rules


SENTENCE_ENDS = (".", "!", "?", '"', "\u201d", "'", "\u2019")  # a short line that ends a sentence is prose too


@dataclass(frozen=True)
class Gate:
    """The compiled gate of one set of rules."""

    cue: Any  # re2 pattern, case-insensitive: str or UTF-8 bytes
    context: Any
    window: int
    min_words: int
    drop: tuple[str, ...]
    blocks: frozenset[str]

    def cue_in_prose(self, text: str) -> str | None:
        """The first cue of ``text`` that sits in running prose (a line of ``min_words`` words or
        one that ends a sentence, not a menu item or a teaser) near a context word."""
        for match in self.cue.finditer(text):
            start, end = match.span()
            line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
            line = text[line_start:line_end if line_end >= 0 else len(text)]
            if len(line.split()) < self.min_words and not line.rstrip().endswith(SENTENCE_ENDS):
                continue
            if self.context.search(text[max(0, start - self.window):end + self.window]):
                return match.group(0)
        return None


def gate(rules: Rules | None = None) -> Gate:
    return _compiled(rules or load_rules())


@lru_cache(maxsize=8)
def _compiled(rules: Rules) -> Gate:
    table = rules.relevance
    options = re2.Options()
    options.case_sensitive = False
    context = list(table["context"]) + [_literal(word) for word in _country_words(rules.countries)]
    return Gate(
        cue=re2.compile(_alternation(table["cues"]), options),
        context=re2.compile(_alternation(context) + r"\b", options),
        window=int(table["context_window"]),
        min_words=int(table["prose_min_words"]),
        drop=tuple(table["page_drop_elements"]),
        blocks=frozenset(table["page_block_elements"]),
    )


def _alternation(patterns) -> str:
    """One pattern; a word-boundary before each alternative that starts with an ASCII word character
    (RE2's ``\\b`` is ASCII-only: '탈북' after a space would never match behind one)."""
    return "(?:" + "|".join(f"\\b(?:{p})" if p[:1].isascii() and p[:1].isalnum() else f"(?:{p})"
                            for p in patterns) + ")"


def _literal(word: str) -> str:
    return re2.escape(word).replace("\\ ", r"\s+")


def _country_words(countries: Mapping[str, Any]) -> list[str]:
    case_sensitive = set(countries.get("case_sensitive_aliases", ()))
    words = set(countries.get("korean_context_aliases", {}))
    for country in countries["countries"]:
        words.update([country["name"], *country.get("aliases", ()), *country.get("demonyms", ())])
    return sorted(w for w in words if w not in case_sensitive)


def first_cue(text: str) -> str | None:
    """The first cue in running prose near a context word (for the log), or None when not relevant."""
    return gate().cue_in_prose(text)


def is_relevant(text: str) -> bool:
    return first_cue(text) is not None


def page_is_relevant(markup: bytes | str) -> bool:
    """An HTML page whose likely article text passes the gate (tested before trafilatura runs)."""
    checks = gate()
    if not checks.cue.search(markup):  # most pages: no cue anywhere, not even in scripts
        return False
    prose = page_prose(markup, checks)
    if not prose.strip():  # lxml kept no text (nesting past its depth limit...): trafilatura decides
        return True
    return checks.cue_in_prose(prose) is not None


def page_prose(markup: bytes | str, checks: Gate | None = None) -> str:
    """The text of a page's body without scripts, styles, menus, headers, footers, asides and
    comments, one line per block element: cheap, and close to what trafilatura would keep."""
    checks = checks or gate()
    try:
        root = _parsed(markup)
    except (etree.ParserError, ValueError):  # empty, or nothing but a declaration
        return ""
    etree.strip_elements(root, etree.Comment, *checks.drop, with_tail=False)
    for element in root.iter(*checks.blocks):  # a block is its own line (lxml's C loops, not Python's)
        element.text = "\n" + element.text if element.text else "\n"
        element.tail = "\n" + element.tail if element.tail else "\n"
    return "".join(root.itertext())


def _parsed(markup: bytes | str):
    try:
        return lxml_html.document_fromstring(markup)
    except ValueError:  # a str that declares its encoding: lxml wants bytes then
        if isinstance(markup, str):
            return lxml_html.document_fromstring(markup.encode("utf-8"))
        raise
