"""Every component factory of the extractor, registered with spaCy in one light module.

As in spaCy's own ``spacy/pipeline/factories.py``: spaCy imports this module
through the ``spacy_factories`` entry point whenever it builds a ``Language``
(so a user's ``nlp.add_pipe("defection_counts")`` works without importing
``extractor``), and that must stay cheap and must not read rule files. A
component's module, and the rules of its ``rules_dir``, are loaded only when the
component is created, rules first: a bad rule file raises ``ConfigInvalid`` there.

``rules_dir`` None is the default rules directory (``EXTRACTOR_CONFIG_DIR``, else
the rules installed with the package): see :func:`extractor.rules.default_config_dir`.
"""

from __future__ import annotations

import datetime as dt

from typing import TYPE_CHECKING, Optional

from spacy.language import Language

from extractor.components.extensions import register_extensions
from extractor.rules import load_rules

if TYPE_CHECKING:
    from extractor.components.assembler import DefectionAssembler
    from extractor.components.sentences import NewsSentenceStarts
    from extractor.components.taggers import CountTagger, PlaceTagger, TermTagger, TimeTagger

register_extensions()  # doc._.records and the rest exist as soon as spaCy knows the factories


@Language.factory(
    "defection_sentences",
    default_config={"after_newlines": True, "after_glued_stops": True},
    assigns=["token.is_sent_start"],
)
def make_defection_sentences(
    nlp: Language, name: str, *, after_newlines: bool, after_glued_stops: bool
) -> NewsSentenceStarts:
    """Also teaches ``nlp``'s tokenizer to split glued full stops, which the second rule needs."""
    from extractor.components.sentences import NewsSentenceStarts, add_glued_sentence_infix

    if after_glued_stops:
        add_glued_sentence_infix(nlp)
    return NewsSentenceStarts(after_newlines=after_newlines, after_glued_stops=after_glued_stops)


@Language.factory("table_attribute_ruler", assigns=["token.pos", "token.morph", "token.lemma", "token.tag"])
def make_table_attribute_ruler(nlp: Language, name: str):
    """Empty: ``load_pipeline`` hands it the patterns of the model's ``attribute_ruler`` it replaces."""
    from extractor.components.attributes import TableAttributeRuler

    return TableAttributeRuler(nlp.vocab)


@Language.factory("defection_places", default_config={"rules_dir": None}, assigns=["doc.spans", "span._.place"])
def make_place_tagger(nlp: Language, name: str, *, rules_dir: Optional[str]) -> PlaceTagger:
    rules = load_rules(rules_dir)
    from extractor.components.taggers import PlaceTagger

    return PlaceTagger(nlp, rules)


@Language.factory("defection_terms", default_config={"rules_dir": None}, assigns=["doc.spans"])
def make_term_tagger(nlp: Language, name: str, *, rules_dir: Optional[str]) -> TermTagger:
    rules = load_rules(rules_dir)
    from extractor.components.taggers import TermTagger

    return TermTagger(nlp, rules)


@Language.factory("defection_times", default_config={"rules_dir": None, "published": None},
                  assigns=["doc.spans", "span._.time", "doc._.anchor"])
def make_time_tagger(nlp: Language, name: str, *, rules_dir: Optional[str], published: Optional[str]) -> TimeTagger:
    """``published`` (YYYY-MM-DD): the publication date of Docs whose ``doc._.published`` is not set."""
    rules = load_rules(rules_dir)
    from extractor.components.taggers import TimeTagger

    return TimeTagger(rules, published=dt.date.fromisoformat(published) if published else None)


@Language.factory("defection_counts", default_config={"rules_dir": None}, assigns=["doc.spans", "span._.count"])
def make_count_tagger(nlp: Language, name: str, *, rules_dir: Optional[str]) -> CountTagger:
    rules = load_rules(rules_dir)
    from extractor.components.taggers import CountTagger

    return CountTagger(rules)


@Language.factory(
    "defection_assembler",
    default_config={"rules_dir": None},
    requires=["doc.spans", "doc._.anchor"],
    assigns=["doc._.records", "doc._.notes"],
)
def make_defection_assembler(nlp: Language, name: str, *, rules_dir: Optional[str]) -> DefectionAssembler:
    rules = load_rules(rules_dir)
    from extractor.assemble.build import RecordBuilder
    from extractor.components.assembler import DefectionAssembler

    return DefectionAssembler(RecordBuilder(rules.lexicon, rules.gazetteer))
