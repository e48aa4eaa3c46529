"""One Doc's text, built once."""

from __future__ import annotations

from spacy.tokens import Doc

TEXT_KEY = "extractor.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (kept in ``doc.user_data``): spaCy joins every token on each
    access, and the taggers and the assembler read it five times per article. No component
    retokenizes, so the text never changes after it is built."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text
