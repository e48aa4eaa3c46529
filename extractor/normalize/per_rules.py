"""One normalizer object per set of rules, and a cheap way to the one of the active rules.

A normalizer (:class:`~extractor.normalize.counts.CountParser`,
:class:`~extractor.normalize.time_grammar.TimeGrammar`) compiles its patterns
when it is built, so it is built once per :class:`~extractor.rules.Rules`
(immutable, one per directory). The module-level wrappers (``parse_count``,
``find_periods``...) use the object of the active directory: that is
``load_rules()``, which resolves the directory on the file system at every
call; the active object is therefore cached on what decides the directory
(``EXTRACTOR_CONFIG_DIR`` and the working directory, for a relative override).
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Callable, TypeVar

from extractor.rules import Rules, load_rules

T = TypeVar("T")


def per_rules(build: Callable[[Rules], T]) -> Callable[[Rules | None], T]:
    """``get(rules)``: ``build(rules)`` made once per Rules object; ``get(None)`` for the active rules."""
    built = lru_cache(maxsize=None)(build)  # Rules compare by identity

    @lru_cache(maxsize=8)
    def active(_override: str | None, _cwd: str) -> T:
        return built(load_rules())

    def get(rules: Rules | None = None) -> T:
        if rules is not None:
            return built(rules)
        override = os.environ.get("EXTRACTOR_CONFIG_DIR")
        return active(override, os.getcwd() if override and not os.path.isabs(override) else "")
    return get
