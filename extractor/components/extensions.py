"""All custom Doc/Span attributes, declared in one place."""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS = {
    "published": None,      # datetime.date | None: the article's publication date
    "anchor": None,         # datetime.date | None: what relative dates resolve against
    "title": None,          # str | None: the article's title, to spot a headline line
    "records": None,        # list[DefectionRecord] built and validated by the assembler
    "notes": None,          # list[ErrorInfo]-like dicts the assembler wants reported
    "article_id": None,     # str: sha256 of the text, for stable record ids
}
SPAN_EXTENSIONS = {
    "time": None,           # TimeMatch from extractor.normalize.time
    "count": None,          # CountMatch from extractor.normalize.counts
    "place": None,          # Place from extractor.normalize.places
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)

