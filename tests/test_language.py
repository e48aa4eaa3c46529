"""English or not, on texts of every length: short ones (headlines, one-line summaries) included."""

from __future__ import annotations

import datetime as dt

import pytest

from extractor.fetch import article_from_text
from extractor.language import looks_english
from extractor.pipeline import process_article

ENGLISH_SHORT = [
    "So far this year, 87 North Koreans have reached South Korea.",
    "North Korean soldier defects across DMZ",
    "Defector numbers hit record low",
    "Two fishermen crossed the NLL on Tuesday, JCS says",
    "Cuban baseball players defect during tournament in Mexico",
    "Seoul: 43 defectors arrive in first quarter",
]
OTHER_SHORT = [
    "Nordkoreanischer Soldat flieht über die Grenze nach Südkorea",
    "Un soldat nord-coréen a fait défection vers le Sud",
    "Un soldado norcoreano desertó cruzando la frontera",
    "북한 군인 1명 군사분계선 넘어 귀순",
    "Северокорейский солдат перешел границу",
]


@pytest.mark.parametrize("text", ENGLISH_SHORT)
def test_short_english_texts_are_english(text: str) -> None:
    assert looks_english(text)


@pytest.mark.parametrize("text", OTHER_SHORT)
def test_short_texts_in_other_languages_are_not(text: str) -> None:
    assert not looks_english(text)


def test_a_one_line_summary_is_extracted_not_skipped() -> None:
    text = "So far this year, 87 North Koreans have reached South Korea, the unification ministry said."
    result = process_article(article_from_text(text.encode(), source="rss.txt", published=dt.date(2024, 6, 30)))
    assert result.status == "ok"
    assert [(r.count.value, r.period.start) for r in result.records] == [(87, dt.date(2024, 1, 1))]
