"""The assembler's shortcuts change nothing: a skipped sentence has no actor, cached lookups are per document."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.assemble.actors import may_tell_actors, read_actors
from extractor.assemble.doccache import doc_spans, forget, labelled_tokens
from extractor.pipeline import load_pipeline

ROOT = Path(__file__).resolve().parents[1]
OWN = ("A North Korean soldier crossed the border on Tuesday. The weather was cold. "
       "He later said he had walked for hours. Officials gave no further details.")


@pytest.fixture(scope="module")
def parsed():
    """Our corpus and one article of our own, through every component but the assembler."""
    nlp = load_pipeline()
    texts = [OWN] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    with nlp.select_pipes(disable=["defection_assembler"]):
        docs = list(nlp.pipe(texts))
    builder = nlp.get_pipe("defection_assembler").builder
    return docs, builder.lex, builder.gaz


def test_sentences_the_gate_skips_have_no_actor(parsed):
    docs, lex, gaz = parsed
    skipped = 0
    for doc in docs:
        for sent in doc.sents:
            if not may_tell_actors(lex, sent):
                skipped += 1  # the most permissive reading: nothing counted, a Korean story
                assert read_actors(lex, gaz, sent, set(), frozenset(), korean=True) == [], sent.text
    assert skipped > 500  # the gate does skip sentences


def test_the_gate_passes_sentences_with_a_movement_and_after_defections(parsed):
    docs, lex, _ = parsed
    first, weather, walked, _ = list(docs[0].sents)
    assert may_tell_actors(lex, first) and may_tell_actors(lex, walked)
    assert not may_tell_actors(lex, weather) and may_tell_actors(lex, weather, after_defections=True)


def test_cached_spans_are_the_documents_and_forgotten_on_request(parsed):
    docs, _, _ = parsed
    doc = docs[1]
    assert [s.text for s in doc_spans(doc, "places")] == [s.text for s in doc.spans["places"]]
    demonyms = labelled_tokens(doc, "places", "DEMONYM")
    assert demonyms == {i for s in doc.spans["places"] if s.label_ == "DEMONYM" for i in range(s.start, s.end)}
    doc.spans["places"] = []
    assert doc_spans(doc, "places")  # still the cached spans: the assembler's own view of one pass
    forget(doc)
    assert doc_spans(doc, "places") == ()


def test_a_processed_doc_is_freed_without_the_garbage_collector():
    """No reference cycle through the assembler's cache: in a long batch, Docs kept alive until the next
    full collection made the peak memory grow with the number of articles."""
    import gc
    import weakref

    nlp = load_pipeline()
    gc.disable()
    try:
        doc = nlp(OWN)
        assert doc._.records  # the assembler did run on it
        ref = weakref.ref(doc)
        del doc
        assert ref() is None
    finally:
        gc.enable()
