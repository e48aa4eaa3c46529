"""The component that turns the spans marked on a Doc into defection records."""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.assemble.build import RecordBuilder


class DefectionAssembler:
    """Writes ``doc._.records`` (``Assembled`` items) and ``doc._.notes``."""

    def __init__(self, builder: RecordBuilder) -> None:
        self.builder = builder

    def __call__(self, doc: Doc) -> Doc:
        records, notes = self.builder.build(doc)
        doc._.records = records
        doc._.notes = notes
        return doc
