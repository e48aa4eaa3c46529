"""Is this article in English? A cheap look at the letters, and a language identifier for short texts.

Page metadata is not trusted: a page's declared language is often its site's, not the article's.
An article-length text is English when enough of its words are common English function words
(fast, and right on every real page and article we have). A headline or a one-line summary has
too few words for that share to mean anything ("So far this year, 87 North Koreans have reached
South Korea." has none), so short texts go to py3langid, a well-kept identifier (the trafilatura
author's fork of langid.py) whose model ships inside the package.
"""

from __future__ import annotations

import re
from functools import lru_cache

ENGLISH_FUNCTION_WORDS = frozenset("the of and to in a is that for on was with by said from as".split())
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Below this share of common English function words among the first words, a text is not
# English prose; real English news sits well above 0.15, other Latin-script languages near 0.
MIN_FUNCTION_WORD_SHARE = 0.08
# Below this many words the share is noise: a headline may hold no function word at all.
SHORT_TEXT_WORDS = 40


def looks_english(text: str, declared: str | None = None) -> bool:
    """The text decides (``declared`` is accepted for the callers' sake and not trusted)."""
    words = WORD.findall(text[:5000].lower())
    if not words:
        return False
    if len(words) < SHORT_TEXT_WORDS:
        return _identifier().classify(text[:1000])[0] == "en"
    share = sum(w in ENGLISH_FUNCTION_WORDS for w in words) / len(words)
    return share >= MIN_FUNCTION_WORD_SHARE


@lru_cache(maxsize=1)
def _identifier():
    """py3langid's packaged model, loaded on the first short text (about a second, once per process)."""
    import py3langid

    return py3langid
