"""Cross-article tables: contents, inputs that failed or were skipped, places."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from extractor.report.factual import ReportFacts
from extractor.report.load import ReportItem
from extractor.report.section import article_anchor, article_label


def contents_table(items: list[ReportItem]) -> str:
    rows = []
    for number, item in enumerate(items, 1):
        result = item.result
        codes = ", ".join(sorted({e.code for e in result.errors}))
        code_cell = f'<code class="code">{escape(codes)}</code>' if codes else ""
        rows.append(
            f'<tr><td class="num">{number}</td>'
            f'<td><a href="#{article_anchor(number)}">{escape(article_label(result))}</a></td>'
            f"<td>{escape(str(result.article.published or ''))}</td>"
            f'<td><span class="badge st-{escape(result.status)}">{escape(result.status)}</span></td>'
            f'<td class="num">{len(result.records)}</td><td>{code_cell}</td></tr>'
        )
    head = "<tr><th>#</th><th>article</th><th>published</th><th>status</th><th>records</th><th>error codes</th></tr>"
    return f'<table class="contents"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def problems_table(items: list[ReportItem]) -> str:
    """Every failed or skipped input with its error codes."""
    rows = []
    for number, item in enumerate(items, 1):
        result = item.result
        if result.status == "ok":
            continue
        errors = "<br>".join(
            f'<code class="code">{escape(e.code)}</code> {escape(e.message)}' for e in result.errors
        ) or '<span class="muted">no error given</span>'
        rows.append(
            f'<tr class="problem" data-status="{escape(result.status)}"><td class="num">{number}</td>'
            f'<td><a href="#{article_anchor(number)}">{escape(result.article.source)}</a></td>'
            f'<td><span class="badge st-{escape(result.status)}">{escape(result.status)}</span></td>'
            f'<td>{errors}</td></tr>'
        )
    if not rows:
        return '<p class="muted">Every input was read and extracted.</p>'
    head = "<tr><th>#</th><th>source</th><th>status</th><th>errors</th></tr>"
    return f'<table class="problems"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


@dataclass
class _Place:
    name: str
    country: str | None
    facts: int = 0
    incidents: int = 0
    people: int = 0  # incident facts' counts summed where a value is given
    sources: int = 0
    conflicts: int = 0
    articles: set[int] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def places_table(found: ReportFacts) -> str:
    """Each canonical place with how many facts, incidents, people, sources and articles name it:
    an escape told by four outlets counts once, with four sources."""
    places: dict[tuple[str, str | None], _Place] = {}
    for fact in found.facts:
        for key in dict.fromkeys((loc.name, loc.country) for loc in fact.locations):
            place = places.setdefault(key, _Place(*key))
            place.facts += 1
            place.sources += len(fact.sources)
            place.conflicts += bool(fact.conflicts)
            place.articles.update(found.articles_of(fact))
            place.roles.update(loc.role for loc in fact.locations if (loc.name, loc.country) == key)
            if fact.kind == "incident":
                place.incidents += 1
                place.people += fact.count.value if fact.count and fact.count.value else 0
    if not places:
        return '<p class="muted">No fact names a place.</p>'
    rows = [_place_row(place) for place in sorted(places.values(), key=lambda p: (-p.facts, p.name))]
    head = (
        "<tr><th>place</th><th>country</th><th>facts</th><th>incidents</th>"
        '<th title="people in incidents with a stated count">people</th><th>sources</th>'
        '<th title="facts whose sources disagree">conflicts</th><th>articles</th><th>roles</th></tr>'
    )
    return f'<table class="places"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _place_row(place: _Place) -> str:
    links = " ".join(f'<a href="#{article_anchor(n)}">{n}</a>' for n in sorted(place.articles))
    conflicts = f'<span class="conflict">{place.conflicts}</span>' if place.conflicts else ""
    return (
        f'<tr><td class="t-place">{escape(place.name)}</td><td>{escape(place.country or "")}</td>'
        f'<td class="num">{place.facts}</td><td class="num">{place.incidents}</td>'
        f'<td class="num">{place.people or ""}</td><td class="num">{place.sources}</td>'
        f'<td class="num">{conflicts}</td><td>{links}</td>'
        f'<td><small>{escape(", ".join(sorted(place.roles)))}</small></td></tr>'
    )
