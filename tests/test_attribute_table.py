"""The table attribute ruler gives every token the attributes spaCy's own AttributeRuler gives it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from extractor.components.attributes import TableAttributeRuler
from extractor.pipeline import load_pipeline
from extractor.rules import load_rules

ROOT = Path(__file__).resolve().parents[1]

# Our own sentences for the patterns that test more than a tag: two-token ones ("ain't", "gonna",
# "let's", "there is"), dependency-dependent ones (pronoun case, "do" as a main verb, "that" as
# a pronoun), whitespace tokens, regular expressions ("nothin'").
SENTENCES = [
    "There is nothing we ain't gonna try, said a guard who got the message.",
    "Let's go, y'all.  He gets it; I told you it was nothin' and you gave it to me.",
    "They did what they had to.\n\nThat was the plan that failed, but it worked.",
    "We gotta leave now, c'mon.",
    "Whether he had left was unclear; there were 12 soldiers, and those who fled did so at night.",
]


@pytest.fixture(scope="module")
def tagged():
    """The base model without its attribute ruler, lemmatizer and NER, and the ruler's patterns."""
    nlp = spacy.load(load_rules().pipeline.model, exclude=["ner"])
    return nlp, nlp.get_pipe("attribute_ruler")


def _parsed(nlp, texts):
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        return list(nlp.pipe(texts))


def _attributes(doc: Doc) -> list[tuple]:
    return [(t.text, t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]


def _copy(doc: Doc) -> Doc:
    return Doc(doc.vocab).from_bytes(doc.to_bytes())


def test_same_attributes_as_spacys_ruler_on_our_texts(tagged):
    nlp, spacy_ruler = tagged
    table = TableAttributeRuler(nlp.vocab)
    table.add_patterns(spacy_ruler.patterns)
    texts = SENTENCES + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    for doc in _parsed(nlp, texts):
        expected, got = spacy_ruler(_copy(doc)), table(_copy(doc))
        assert _attributes(got) == _attributes(expected)


def test_the_two_token_and_dependency_rules_do_apply(tagged):
    """Not vacuous: the sentences above exercise the rules beyond tag lookups."""
    nlp, spacy_ruler = tagged
    table = TableAttributeRuler(nlp.vocab)
    table.add_patterns(spacy_ruler.patterns)
    doc = table(_parsed(nlp, [SENTENCES[0]])[0])
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go" and lemmas["na"] == "to"
    assert next(t for t in doc if t.lower_ == "is").pos_ == "VERB"  # "There is": expletive + verb


def test_a_later_pattern_wins(tagged):
    nlp, _ = tagged
    table = TableAttributeRuler(nlp.vocab)
    table.add_patterns([
        {"patterns": [[{"TAG": "NNS"}]], "attrs": {"POS": "NOUN", "LEMMA": "first"}},
        {"patterns": [[{"LOWER": "defectors"}]], "attrs": {"LEMMA": "second"}},
    ])
    doc = table(_parsed(nlp, ["Defectors and soldiers arrived."])[0])
    assert [(t.lemma_, t.pos_) for t in doc if t.tag_ == "NNS"] == [("second", "NOUN"), ("first", "NOUN")]


def test_a_pattern_it_cannot_read_is_refused(tagged):
    nlp, _ = tagged
    table = TableAttributeRuler(nlp.vocab)
    with pytest.raises(ValueError, match="ENT_TYPE"):
        table.add_patterns([{"patterns": [[{"ENT_TYPE": "GPE"}]], "attrs": {"POS": "PROPN"}}])


def test_the_pipeline_uses_the_table_in_the_rulers_place():
    nlp = load_pipeline()
    assert isinstance(nlp.get_pipe("attribute_ruler"), TableAttributeRuler)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")
