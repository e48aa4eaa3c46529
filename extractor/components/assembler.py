"""The component that turns the spans marked on a Doc into defection records."""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from extractor.assemble.build import RecordBuilder
from extractor.rules import load_rules


class DefectionAssembler:
    """Writes ``doc._.records`` (``Assembled`` items) and ``doc._.notes``."""

    def __init__(self, builder: RecordBuilder) -> None:
        self.builder = builder

    def __call__(self, doc: Doc) -> Doc:
        records, notes = self.builder.build(doc)
        doc._.records = records
        doc._.notes = notes
        return doc


@Language.factory(
    "defection_assembler",
    default_config={"rules_dir": None},
    requires=["doc.spans", "doc._.anchor"],
    assigns=["doc._.records", "doc._.notes"],
)
def make_defection_assembler(nlp: Language, name: str, *, rules_dir: Optional[str]) -> DefectionAssembler:
    """The assembler of the rules in ``rules_dir`` (None: the default rules directory)."""
    rules = load_rules(rules_dir)
    return DefectionAssembler(RecordBuilder(rules.lexicon, rules.gazetteer))
