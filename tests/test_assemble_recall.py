"""Recall of defection events (issue 13): who can be a mover, and how a defection can be told.

Short invented sentences run through the real pipeline.
"""

from __future__ import annotations

import datetime as dt

from extractor.article import Article
from extractor.pipeline import process_article


def records(text: str, published: str = "2024-06-14") -> list:
    article = Article(text=text, source="test", published=dt.date.fromisoformat(published))
    return process_article(article).records


def test_an_office_or_a_rank_names_a_person_who_can_defect():
    recs = records("Syria's deputy prime minister defected to Turkey on Monday.", published="2013-03-06")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]
    assert recs[0].destination == "TR" and recs[0].defector_types == []  # an office is no defector type
    recs = records("Three colonels and two generals fled to Turkey on Tuesday.", published="2013-03-06")
    assert sorted(r.count.value for r in recs) == [2, 3] or [r.count.value for r in recs] == [5]


def test_switching_party_or_club_is_no_defection():
    assert records("A Labour lawmaker has defected to the opposition party, officials said on Monday.") == []
    assert records("The senator defected to the ruling coalition on Monday.") == []
    assert records("The midfielder defected to rivals Inter Milan in 2019.") == []


def test_a_person_with_n_other_people_is_one_group():
    recs = records("A Syrian colonel has crossed into Turkey with 8 other soldiers, an official said on Monday.",
                   published="2013-03-06")
    assert [(r.kind, r.count.value, r.count.qualifier) for r in recs] == [("incident", 9, "exact")]
    assert recs[0].defector_types == ["soldier"]
