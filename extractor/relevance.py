"""The relevance gate: a few-millisecond test that an article may report a defection.

Most archive articles are not about defections; they must not pay for a spaCy
run. The cues are data (``configs/relevance.json``) and deliberately broad:
recall must stay at 100% on every article with a defection record.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractor.rules import load_rules


def cue_pattern() -> re.Pattern[str]:
    return _compiled(load_rules().relevance_cues)


@lru_cache(maxsize=8)
def _compiled(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:" + "|".join(f"(?:{cue})" for cue in cues) + ")", re.IGNORECASE)


def first_cue(text: str) -> str | None:
    """The first cue found in ``text`` (for the log), or None when the article is not relevant."""
    match = cue_pattern().search(text)
    return match.group(0) if match else None


def is_relevant(text: str) -> bool:
    return first_cue(text) is not None
