"""Cross-article tables: contents, inputs that failed or were skipped, places."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

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
    records: int = 0
    incidents: int = 0
    people: int = 0  # incident counts summed where a value is given
    articles: set[int] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)


def places_table(items: list[ReportItem]) -> str:
    """Each canonical place with how many records, incidents, people and articles name it."""
    places: dict[tuple[str, str | None], _Place] = {}
    for number, item in enumerate(items, 1):
        for record in item.result.records:
            for key in dict.fromkeys((loc.name, loc.country) for loc in record.locations):
                place = places.setdefault(key, _Place(*key))
                place.records += 1
                place.articles.add(number)
                place.roles.update(loc.role for loc in record.locations if (loc.name, loc.country) == key)
                if record.kind == "incident":
                    place.incidents += 1
                    place.people += record.count.value if record.count and record.count.value else 0
    if not places:
        return '<p class="muted">No record names a place.</p>'
    rows = []
    for place in sorted(places.values(), key=lambda p: (-p.records, p.name)):
        links = " ".join(f'<a href="#{article_anchor(n)}">{n}</a>' for n in sorted(place.articles))
        rows.append(
            f'<tr><td class="t-place">{escape(place.name)}</td><td>{escape(place.country or "")}</td>'
            f'<td class="num">{place.records}</td><td class="num">{place.incidents}</td>'
            f'<td class="num">{place.people or ""}</td><td>{links}</td>'
            f'<td><small>{escape(", ".join(sorted(place.roles)))}</small></td></tr>'
        )
    head = (
        "<tr><th>place</th><th>country</th><th>records</th><th>incidents</th>"
        '<th title="people in incidents with a stated count">people</th><th>articles</th><th>roles</th></tr>'
    )
    return f'<table class="places"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
