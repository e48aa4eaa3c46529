"""The relevance gate must never lose a defection article: 100% recall on every gold with records,
as text and as a realistic web page (menus, scripts, teasers, footer), before and after trafilatura."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REFERENCE_DIR, REPO, SHARED
from extractor.fetch import article_from_html, load_source
from extractor.relevance import first_cue, is_relevant, page_is_relevant, page_prose
from pages import article_page

REAL_DIR = SHARED / "corpus" / "real"
WEB_DIR = SHARED / "corpus" / "web" / "pages"


def gold_articles(*, real: bool = False) -> list[tuple[Path, int]]:
    golds = sorted((REPO / "corpus").glob("*.gold.json")) + sorted(REFERENCE_DIR.glob("*.gold.json"))
    golds += sorted(REAL_DIR.glob("*.gold.json")) if real else []
    found = []
    for gold in golds:
        stem = gold.name.removesuffix(".gold.json")
        source = next(p for p in gold.parent.glob(stem + ".*") if p.suffix in (".txt", ".html"))
        found.append((source, len(json.loads(gold.read_text())["records"])))
    return found


def test_recall_is_total_on_every_article_with_a_defection() -> None:
    articles = [(source, n) for source, n in gold_articles() if n]
    assert len(articles) >= 35
    missed = [source.name for source, _ in articles if not is_relevant(load_source(str(source)).text)]
    assert missed == []


def as_web_page(source: Path) -> bytes:
    """The article as a web page: its own HTML, or its text in a news page with a menu whose links say
    'defectors', teasers, a script that says 'escape' and a footer."""
    if source.suffix == ".html":
        return source.read_bytes()
    title, _, body = load_source(str(source)).text.partition("\n")
    page = article_page(title, [p for p in body.split("\n") if p.strip()],
                        nav=["Defectors", "Refugees", "Escape rooms"], teasers=["Swimming season opens"])
    script = "<script>window.escape = function () { return 'fled asylum refugee'; };</script>"
    return page.replace("</head>", script + "</head>").replace("</body>", script + "</body>").encode()


def test_page_recall_is_total_before_and_after_trafilatura() -> None:
    """Every article with a record passes the page gate on its web page, then the text gate on
    what trafilatura keeps of it: the corpus, the reference article and the real set (when present)."""
    articles = [(source, n) for source, n in gold_articles(real=True) if n]
    if not list(REAL_DIR.glob("*.gold.json")):
        pytest.skip(f"real development set not present ({REAL_DIR})")
    assert len(articles) >= 90
    missed_page, missed_text = [], []
    for source, _ in articles:
        page = as_web_page(source)
        if not page_is_relevant(page):
            missed_page.append(source.name)
        if not is_relevant(article_from_html(page, source=str(source)).text):
            missed_text.append(source.name)
    assert (missed_page, missed_text) == ([], [])


def test_real_text_recall_is_total() -> None:
    if not list(REAL_DIR.glob("*.gold.json")):
        pytest.skip(f"real development set not present ({REAL_DIR})")
    articles = [(source, n) for source, n in gold_articles(real=True) if n]
    missed = [source.name for source, _ in articles if not is_relevant(load_source(str(source)).text)]
    assert missed == []


def test_a_cue_in_scripts_menus_and_footers_does_not_make_a_page_relevant() -> None:
    noise = (
        "<html><head><title>Escape to the sea: North Korean refugees</title>"
        "<script>var fled = 'defector escape asylum';</script></head><body>"
        "<nav><a href='/d'>North Korean defectors</a><a href='/r'>Refugees from Syria</a></nav>"
        "<header>Breaking: soldier defects to South Korea</header>"
        "<!-- North Korean soldier defected across the border, a comment -->"
        "<main><article><p>Rice prices in Pyongyang rose 12% to 6,500 won per kilogram on Monday, "
        "traders in the North Korean capital said.</p></article>"
        "<aside><p>Most read: Chinese police say two North Korean defectors fled across the border.</p></aside></main>"
        "<footer><p>Refugee and asylum help for people who fled North Korea: call us.</p></footer></body></html>"
    )
    assert not page_is_relevant(noise)
    assert "Rice prices" in page_prose(noise) and "defect" not in page_prose(noise).lower()
    relevant = noise.replace("traders in the North Korean capital said.",
                             "traders said, as a North Korean soldier defected across the border.")
    assert page_is_relevant(relevant) and page_is_relevant(relevant.encode())


def test_few_real_web_pages_pass_the_page_gate() -> None:
    """The pages that users' archives are made of: none reports a defection, almost none is extracted."""
    import gzip

    pages = sorted(WEB_DIR.glob("*.html.gz"))
    if not pages:
        pytest.skip(f"real web pages not present ({WEB_DIR})")
    passed = [p.name for p in pages if page_is_relevant(gzip.decompress(p.read_bytes()))]
    assert len(passed) <= len(pages) // 50  # today 6 of 488 (a cue near a nationality: 'American Horror Story: Asylum')


def test_the_gate_turns_away_articles_without_a_cue() -> None:
    no_defection = [source for source, n in gold_articles() if n == 0]
    skipped = [s for s in no_defection if not is_relevant(load_source(str(s)).text)]
    assert len(skipped) >= 4  # missiles, prices, sport: nothing to extract, no spaCy run


@pytest.mark.parametrize("text, cue", [
    ("The soldier defected on Monday.", "defected"),
    ("They crossed the border into China in March.", "crossed the border"),
    ("Three fishermen were repatriated to North Korea by boat.", "repatriated"),
    ("Two Russian sailors jumped ship in Busan.", "jumped ship"),
    ("The regime's general switched sides.", "switched sides"),
    ("Menu\nHome\n탈북민 3명이 중국 국경을 넘어 한국에 도착했다 North Korea 2023 new arrivals report today", "탈북"),
])
def test_cues(text: str, cue: str) -> None:
    assert first_cue(text) == cue


@pytest.mark.parametrize("text", [
    "The central bank cut rates by 25 basis points to 3.25% on Thursday.",
    "Rice prices in Pyongyang rose 12% to 6,500 won per kilogram.",
    "The team crossed midfield twice in the first half.",
    "Turnout surged as the polls reopened and the fleet sailed.",  # 'fle' inside 'fleet' is no cue
    "The outdoor pool is suited for swimming laps as well as lounging in the sun.",  # a cue, no context word
    "Home\nNorth Korean defectors\nSport",  # a menu: no running prose
])
def test_non_cues(text: str) -> None:
    assert not is_relevant(text)
