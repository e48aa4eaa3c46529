"""The component that turns the spans marked on a Doc into defection records."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extractor.assemble.build import RecordBuilder
from extractor.lexicon import load_lexicon
from extractor.normalize.places import Gazetteer


class DefectionAssembler:
    """Writes ``doc._.records`` (``Assembled`` items) and ``doc._.notes``."""

    def __init__(self, builder: RecordBuilder) -> None:
        self.builder = builder

    def __call__(self, doc: Doc) -> Doc:
        records, notes = self.builder.build(doc)
        doc._.records = records
        doc._.notes = notes
        return doc


@Language.factory("defection_assembler")
def make_defection_assembler(nlp: Language, name: str) -> DefectionAssembler:
    return DefectionAssembler(RecordBuilder(load_lexicon(), Gazetteer.default()))
