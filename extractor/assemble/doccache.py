"""Per-document lookups the assembler's rules ask for again and again, built once per document.

Iterating a ``SpanGroup`` makes a new ``Span`` object per span on every pass, and
the rules ask "which places are in this sentence" or "is this token inside a
demonym" for every token: over a long article that cost more than the rules
themselves. The assembler runs after every tagger, so the spans no longer
change while it reads them; ``forget`` clears the cache when it starts on a
document (a Doc run through the pipeline twice is read afresh) and when it is
done (the cached spans point back at the Doc: a reference cycle otherwise).
"""

from __future__ import annotations

import numpy
from spacy.attrs import DEP, HEAD, LOWER
from spacy.tokens import Doc

CACHE_KEY = "extractor.assembler_cache"


def doc_spans(doc: Doc, key: str) -> tuple:
    """``doc.spans[key]`` (empty if absent) as a tuple of its spans, in their order."""
    cache = _cache(doc)
    spans = cache.get(key)
    if spans is None:
        spans = cache[key] = tuple(doc.spans.get(key, ()))
    return spans


def labelled_tokens(doc: Doc, key: str, label: str) -> frozenset[int]:
    """Indices of the tokens inside a span of ``doc.spans[key]`` with this label."""
    cache = _cache(doc)
    found = cache.get((key, label))
    if found is None:
        found = cache[(key, label)] = frozenset(
            i for s in doc_spans(doc, key) if s.label_ == label for i in range(s.start, s.end))
    return found


def type_roots(doc: Doc) -> frozenset[int]:
    """The root tokens of the type tagger's spans."""
    cache = _cache(doc)
    roots = cache.get("type roots")
    if roots is None:
        roots = cache["type roots"] = frozenset(s.root.i for s in doc_spans(doc, "types"))
    return roots


def relative_heads(doc: Doc) -> frozenset[int]:
    """Tokens with a relative or adjectival clause (``relcl``, ``acl``) among their children."""
    cache = _cache(doc)
    heads = cache.get("relative heads")
    if heads is None:
        heads_of = _head_indices(doc)
        heads = cache["relative heads"] = frozenset(int(heads_of[i]) for i in token_indices(doc, DEP, ("relcl", "acl")))
    return heads


def heads_among(doc: Doc, forms: frozenset[str]) -> frozenset[int]:
    """Tokens whose head's lower-case form is one of ``forms`` (a root is its own head)."""
    cache = _cache(doc)
    found = cache.get(("heads among", id(forms)))
    if found is None:
        lowers = doc.to_array([LOWER])[_head_indices(doc)]
        wanted = numpy.array([doc.vocab.strings[form] for form in forms], dtype="uint64")
        found = cache[("heads among", id(forms))] = frozenset(numpy.flatnonzero(numpy.isin(lowers, wanted)).tolist())
    return found


def token_indices(doc: Doc, attr: int, values: tuple[str, ...]) -> list[int]:
    """Indices of the tokens whose ``attr`` (``LOWER``, ``DEP``, ...) is one of ``values``, found
    on the Doc's array rather than by making a Token object per token."""
    wanted = numpy.array([doc.vocab.strings[v] for v in values], dtype="uint64")
    return numpy.flatnonzero(numpy.isin(doc.to_array([attr]), wanted)).tolist()


def _head_indices(doc: Doc) -> numpy.ndarray:
    """Each token's head as a token index (the Doc stores it relative to the token, as uint64)."""
    return numpy.arange(len(doc)) + doc.to_array([HEAD]).astype("int64")


def forget(doc: Doc) -> None:
    doc.user_data.pop(CACHE_KEY, None)


def _cache(doc: Doc) -> dict:
    cache = doc.user_data.get(CACHE_KEY)
    if cache is None:
        cache = doc.user_data[CACHE_KEY] = {}
    return cache
