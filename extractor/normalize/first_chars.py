r"""Which characters can begin a match of a regular expression.

The time grammar searches each article with forty patterns that begin with a
lookbehind (``(?<!\w)``), so Python's engine tries the whole pattern at every
position. ``first_chars`` reads a compiled pattern's syntax tree (Python's own
``re`` parser) and returns the set of its possible first characters, or None when
it cannot bound them (an empty match, a negated class, a back reference); a
lookahead for that set in front of the pattern lets the engine skip the other
positions. The set only ever says too much, never too little: lookarounds are
ignored (they only narrow what matches), so the led pattern finds the same matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from re import _constants as sre  # noqa: the parser's opcodes (stable since Python 3.11)
from re import _parser as sre_parse  # noqa: Python's own regular-expression parser

CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_SPACE: r"\s"}
ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
WIDEST_RANGE = 512  # a character range wider than this is taken as "anything"


class Unbounded(Exception):
    """The pattern may begin with any character (or match the empty string)."""


@dataclass
class FirstChars:
    """Possible first characters: literal characters and character categories (digits, ...)."""

    chars: set[str] = field(default_factory=set)
    categories: set = field(default_factory=set)

    def char_class(self) -> str:
        """The set as a regular-expression character class (compiled with the pattern's own flags)."""
        parts = [re.escape(ch) for ch in sorted(self.chars)] + sorted(CATEGORIES[c] for c in self.categories)
        return "[" + "".join(parts) + "]"


def first_chars(pattern: re.Pattern[str]) -> FirstChars | None:
    """The characters a match of ``pattern`` can begin with, or None if any could."""
    found = FirstChars()
    try:
        nullable = _sequence(sre_parse.parse(pattern.pattern, pattern.flags), found)
    except Unbounded:
        return None
    return None if nullable else found


def _sequence(items, found: FirstChars) -> bool:
    """Add the first characters of a sequence; True when the whole sequence can match empty."""
    for op, arg in items:
        if not _item(op, arg, found):
            return False
    return True


def _item(op, arg, found: FirstChars) -> bool:
    """Add the first characters of one item; True when the item can match empty."""
    if op in ZERO_WIDTH:
        return True
    if op == sre.LITERAL:
        found.chars.add(chr(arg))
        return False
    if op == sre.IN:
        _charset(arg, found)
        return False
    if op == sre.BRANCH:
        return any([_sequence(branch, found) for branch in arg[1]])
    if op == sre.SUBPATTERN:
        return _sequence(arg[-1], found)
    if op == sre.ATOMIC_GROUP:
        return _sequence(arg, found)
    if op in REPEATS:
        low, _, body = arg
        return _sequence(body, found) or low == 0
    raise Unbounded(op)


def _charset(items, found: FirstChars) -> None:
    for op, arg in items:
        if op == sre.LITERAL:
            found.chars.add(chr(arg))
        elif op == sre.RANGE and arg[1] - arg[0] <= WIDEST_RANGE:
            found.chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif op == sre.CATEGORY and arg in CATEGORIES:
            found.categories.add(arg)
        else:
            raise Unbounded(op)  # a negated class, a wide range, a negated category
