"""Realistic news pages for tests: an article wrapped in the clutter of a real site.

``article_page`` builds a page with the parts a news site has around its story:
a <head> with title, Open Graph and ``article:published_time`` metadata, a
<nav> menu, a sidebar <aside> of teaser headlines that carry numbers of their
own ("5 things to know", "3,000 flee floods"), and a footer. Extraction must
keep the article paragraphs and drop everything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

# Teasers deliberately carry numbers that a careless extractor would turn into
# false counts, and people-words ("flee", "families") close to defection talk.
DEFAULT_TEASERS: tuple[str, ...] = (
    "5 things to know before the summit in Geneva",
    "Top 10 street foods of the season, ranked by readers",
    "3,000 flee floods as river bursts its banks in the south",
    "Markets slide for a 4th straight day on rate worries",
    "12 families rescued from a collapsed hillside in overnight storms",
)

DEFAULT_NAV: tuple[str, ...] = (
    "World", "Asia", "Business", "Technology", "Opinion", "Sport", "Weather",
)

FOOTER_TEXT = "© 2024 The Daily Example. All rights reserved. Terms of use | Privacy policy | Contact us"


def _iso(published: dt.date | dt.datetime | str | None) -> str | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.isoformat()
    if isinstance(published, dt.date):
        return f"{published.isoformat()}T08:30:00+09:00"
    return str(published)


def _head(title: str, published_iso: str | None, charset: str) -> str:
    t = escape(title)
    meta = [
        f'<meta charset="{escape(charset)}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{t} | The Daily Example</title>",
        f'<meta property="og:title" content="{t}">',
        '<meta property="og:type" content="article">',
        '<meta property="og:site_name" content="The Daily Example">',
        '<meta name="description" content="News, analysis and opinion from around the region.">',
    ]
    if published_iso:
        meta.append(f'<meta property="article:published_time" content="{escape(published_iso)}">')
    return "<head>\n  " + "\n  ".join(meta) + "\n</head>"


def _nav(nav: Sequence[str]) -> str:
    items = "".join(
        f'<li><a href="/{escape(n.lower().replace(" ", "-"))}/">{escape(n)}</a></li>' for n in nav
    )
    return f'<header class="site-header"><a class="logo" href="/">The Daily Example</a>\n<nav class="main-menu"><ul>{items}</ul></nav></header>'


def _aside(teasers: Sequence[str]) -> str:
    items = "\n".join(
        f'  <li class="teaser"><a href="/news/story-{i}.html"><h3>{escape(t)}</h3></a></li>'
        for i, t in enumerate(teasers, 1)
    )
    return f'<aside class="sidebar"><h2>Most read</h2>\n<ul class="teasers">\n{items}\n</ul></aside>'


def _article(title: str, paragraphs: Sequence[str], published_iso: str | None) -> str:
    body = "\n".join(f"  <p>{escape(p)}</p>" for p in paragraphs)
    when = ""
    if published_iso:
        when = f'<time datetime="{escape(published_iso)}">{escape(published_iso[:10])}</time>'
    return (
        '<article class="story">\n'
        f'  <h1 class="headline">{escape(title)}</h1>\n'
        f'  <div class="byline">By Staff Reporter {when}</div>\n'
        f'  <div class="story-body">\n{body}\n  </div>\n'
        "</article>"
    )


def article_page(
    title: str,
    paragraphs: Sequence[str],
    published: dt.date | dt.datetime | str | None = None,
    teasers: Sequence[str] = (),
    nav: Sequence[str] = (),
    *,
    lang: str = "en",
    charset: str = "utf-8",
) -> str:
    """A full news HTML page; empty ``teasers`` / ``nav`` fall back to defaults.

    ``published`` may be a date (rendered at 08:30 KST), a datetime, or a raw
    string put verbatim into ``article:published_time``.
    """
    published_iso = _iso(published)
    teasers = tuple(teasers) or DEFAULT_TEASERS
    nav = tuple(nav) or DEFAULT_NAV
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(lang)}">\n'
        f"{_head(title, published_iso, charset)}\n"
        "<body>\n"
        f"{_nav(nav)}\n"
        '<main class="layout">\n'
        f"{_article(title, paragraphs, published_iso)}\n"
        f"{_aside(teasers)}\n"
        "</main>\n"
        f'<footer class="site-footer"><p>{escape(FOOTER_TEXT)}</p></footer>\n'
        "</body>\n</html>\n"
    )
