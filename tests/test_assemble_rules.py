"""Assembler rules on short invented sentences, checked by hand against the contract."""

from __future__ import annotations

import datetime as dt

from extractor.article import Article
from extractor.pipeline import process_article


def records(text: str, published: str = "2024-06-14") -> list:
    article = Article(text=text, source="test", published=dt.date.fromisoformat(published))
    return process_article(article).records


def test_person_named_by_the_type_tagger_acts_through_a_later_conjoined_verb():
    recs = records("Ten years ago today, a North Korean air force captain took off on a routine "
                   "flight and flew his jet across the sea border into South Korean airspace.")
    assert len(recs) == 1
    rec = recs[0]
    assert (rec.kind, rec.count.value, rec.count.qualifier) == ("incident", 1, "exact")
    assert (rec.period.start, rec.period.end) == (dt.date(2014, 6, 14), dt.date(2014, 6, 14))
    assert rec.defector_types == ["soldier"]
    assert rec.route == "air"  # the flight passes over the sea border


def test_hyphenated_given_name_with_lower_case_tail_is_a_person():
    recs = records("On July 2, 1985, Maj. Kang Woong-pyeong flew a MiG-21 across the western border.")
    assert [(r.kind, r.count.value, r.count.qualifier) for r in recs] == [("incident", 1, "exact")]
    assert "Woong-pyeong" in recs[0].count.text
    assert recs[0].period.start == dt.date(1985, 7, 2)
