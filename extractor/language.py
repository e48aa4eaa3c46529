"""Is this article in English? Page metadata first, then a cheap look at the letters."""

from __future__ import annotations

import re

ENGLISH_FUNCTION_WORDS = frozenset("the of and to in a is that for on was with by said from as".split())
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Below this share of common English function words among the first words, a text is not
# English prose; real English news sits well above 0.15, other Latin-script languages near 0.
MIN_FUNCTION_WORD_SHARE = 0.08


def looks_english(text: str, declared: str | None = None) -> bool:
    """The text decides; a page's declared language is often its site's, not the article's."""
    words = WORD.findall(text[:5000].lower())
    if not words:
        return False
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= MIN_FUNCTION_WORD_SHARE
