"""The component that turns the spans marked on a Doc into defection records."""

from __future__ import annotations

from spacy.tokens import Doc

from extractor.assemble.build import RecordBuilder
from extractor.doctext import doc_text
from extractor.validate import validate_records


class DefectionAssembler:
    """Writes ``doc._.records`` (``DefectionRecord`` items that passed the validation stage, as
    ``extract`` returns them) and ``doc._.notes`` (dicts of ``code`` and ``message``, including one
    ``validation_failed`` note per record dropped)."""

    def __init__(self, builder: RecordBuilder) -> None:
        self.builder = builder

    def __call__(self, doc: Doc) -> Doc:
        assembled, notes = self.builder.build(doc)
        records, problems = validate_records(assembled, doc_text(doc))
        doc._.records = records
        doc._.notes = notes + [problem.model_dump() for problem in problems]
        return doc
