"""Sentence starts the statistical parser misses in news text.

Runs before the parser, which keeps boundaries set here: a new line always
starts a sentence (headlines, bylines and captions often lack a full stop),
and so does a capitalised word glued to a full stop ("in 2024.A total ...").
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

# "2024.A total": split the full stop off when a lower-case letter or digit precedes it and a
# capital follows; "U.S." and "p.m." keep theirs (an upper-case letter before, or no capital after).
GLUED_SENTENCE_INFIX = r"(?<=[a-z0-9%\)])\.(?=[A-Z])"


def add_glued_sentence_infix(nlp: Language) -> None:
    """Teach the tokenizer to split "2024.A" into "2024", ".", "A"."""
    infixes = list(nlp.Defaults.infixes) + [GLUED_SENTENCE_INFIX]
    nlp.tokenizer.infix_finditer = re.compile("|".join(infixes)).finditer


class NewsSentenceStarts:
    """Mark sentence starts after line breaks and glued full stops."""

    def __init__(self, *, after_newlines: bool = True, after_glued_stops: bool = True) -> None:
        self.after_newlines = after_newlines
        self.after_glued_stops = after_glued_stops

    def __call__(self, doc: Doc) -> Doc:
        for token in doc[1:]:
            previous = doc[token.i - 1]
            if token.is_space:
                continue
            if self.after_newlines and ("\n" in previous.text or "\n" in previous.whitespace_):
                token.is_sent_start = True
            elif self.after_glued_stops and _glued_stop(previous, token):
                token.is_sent_start = True
        return doc


def _glued_stop(previous, token) -> bool:
    return previous.text == "." and not previous.whitespace_ and token.text[:1].isupper()
