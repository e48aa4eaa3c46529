"""Facts across articles: one reported figure or one escape = one fact with all its sources.

``build_facts`` takes the records of all articles (ArticleResults, or
(ArticleMeta, DefectionRecord) pairs) and returns the facts they report
(``shared/spec/records.md``, "Facts across articles (v1.1)"). Pure: no
database, no spaCy; ``extractor.facts.files`` writes them out.
"""

from extractor.facts.build import build_facts, select_facts
from extractor.facts.compat import MatchRules
from extractor.facts.models import ConflictValue, Fact, FactConflict, FactSource

__all__ = ["ConflictValue", "Fact", "FactConflict", "FactSource", "MatchRules", "build_facts", "select_facts"]
