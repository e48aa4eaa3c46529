"""Alternations of literal phrases as a trie: what the count and time grammars are made of.

A flat ``(?:about|around|at least|...)`` makes Python's regex engine try every
phrase in turn at every word it is tried at, and the count grammar is tried at
every word of an article. The same phrases as a trie (``a(?:bout|round|t\\s+least)``)
fail on the first character that no phrase continues with. The language is the
same, and so is the choice between phrases that fit: a phrase that continues is
tried before one that ends (as longest-first did); phrases that part ways cannot
both fit. Phrases are sequences of units: one character, or a separator pattern
such as ``\\s+``.
"""

from __future__ import annotations

from collections.abc import Iterable

END = ""  # a phrase ends at this node


def trie_alternation(phrases: Iterable[tuple[str, ...]]) -> str:
    """One non-capturing group matching exactly the phrases (tuples of regex units)."""
    root: dict = {}
    for units in sorted(set(phrases), key=len, reverse=True):
        node = root
        for unit in units:
            node = node.setdefault(unit, {})
        node[END] = {}
    return f"(?:{_branches(root)})" if root else "(?!)"


def _branches(node: dict) -> str:
    return "|".join(_parts(node))


def _parts(node: dict) -> list[str]:
    parts = [unit + _group(child) for unit, child in node.items() if unit != END]
    if END in node:
        parts.append("")  # ending here is tried last: a longer phrase first
    return parts


def _group(node: dict) -> str:
    parts = _parts(node)
    return f"(?:{'|'.join(parts)})" if len(parts) > 1 else parts[0]
