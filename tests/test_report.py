"""extractor report without a browser: --with-text, re-reading sources, escaping, offline HTML."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.article import Article
from extractor.cli import app
from extractor.pipeline import attach_text, extract, process_article
from extractor.report import load_items, render_report
from report_expect import expected_span_count

REPO = Path(__file__).resolve().parents[1]
ARTICLE = REPO / "corpus" / "herald-two-soldier-crossings-2024.html"
TEXT_ARTICLE = REPO / "corpus" / "bbc-soldier-dmz-east-2018.txt"
runner = CliRunner()

HOSTILE = (
    "<script>document.body.setAttribute('data-pwned','1')</script> SEOUL — "
    "A North Korean soldier crossed the Military Demarcation Line on Aug 20, 2024, the Joint Chiefs of Staff said. "
    '<img src=x onerror="document.title=\'pwned\'"> He was taken into custody & questioned "safely".'
)


def hostile_result():
    article = Article(text=HOSTILE, source='evil"<b>.txt', url="javascript:alert(1)",
                      title="<script>alert('title')</script>", published=dt.date(2024, 8, 22))
    return process_article(article, with_text=True)


def write_lines(path: Path, results) -> Path:
    path.write_text("".join(r.model_dump_json() + "\n" for r in results), encoding="utf-8")
    return path


def span_starts(html: str) -> int:
    return len(re.findall(r'class="hl hl-\w+ lv\d hl-start"', html))


def test_extract_with_text_adds_the_text_that_hashes_to_the_article_id() -> None:
    plain = runner.invoke(app, ["extract", str(TEXT_ARTICLE)])
    with_text = runner.invoke(app, ["extract", "--with-text", str(TEXT_ARTICLE)])
    assert plain.exit_code == 0 and with_text.exit_code == 0
    assert "text" not in json.loads(plain.stdout)
    line = json.loads(with_text.stdout)
    assert line["text"] == TEXT_ARTICLE.read_text(encoding="utf-8")
    assert hashlib.sha256(line["text"].encode("utf-8")).hexdigest() == line["article"]["article_id"]
    assert {k: v for k, v in line.items() if k != "text"} == json.loads(plain.stdout)


def test_attach_text_refuses_a_text_of_another_article() -> None:
    result = extract(str(TEXT_ARTICLE))
    with pytest.raises(ValueError, match="article_id"):
        attach_text(result, "some other text")
    assert attach_text(result, TEXT_ARTICLE.read_text(encoding="utf-8")).model_extra["text"]


def test_report_rereads_the_source_when_results_lack_the_text(tmp_path: Path) -> None:
    source = tmp_path / ARTICLE.name
    shutil.copy(ARTICLE, source)
    result = extract(str(source))
    assert result.records and "text" not in (result.model_extra or {})
    results = write_lines(tmp_path / "results.jsonl", [result])
    out = tmp_path / "report.html"
    done = runner.invoke(app, ["report", str(results), "--html", str(out)])
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    assert 'class="article-text"' in html and "Article text not shown" not in html
    expected = expected_span_count([json.loads(result.model_dump_json())])
    assert expected > 0 and span_starts(html) == expected

    # the source changed since extraction: its sha256 no longer matches, so no text, evidence alone
    source.write_bytes(ARTICLE.read_bytes().replace(b"soldier", b"private"))
    runner.invoke(app, ["report", str(results), "--html", str(out)])
    html = out.read_text(encoding="utf-8")
    assert 'class="article-text"' not in html
    assert "changed since extraction" in html
    assert span_starts(html) == expected  # the evidence sentences are still marked
    assert "without article text" in runner.invoke(app, ["report", str(results), "--html", str(out)]).stdout


def test_report_extracts_sources_given_directly(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    done = runner.invoke(app, ["report", str(TEXT_ARTICLE), str(tmp_path / "missing.txt"), "--html", str(out),
                               "--published", "2018-10-16"])
    assert done.exit_code == 0, done.output
    html = out.read_text(encoding="utf-8")
    assert html.count('<section class="article') == 2
    assert "file_not_found" in html and 'class="article-text"' in html


def test_a_results_file_that_is_not_results_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": {}}\n', encoding="utf-8")
    done = runner.invoke(app, ["report", str(bad), "--html", str(tmp_path / "r.html")])
    assert done.exit_code == 2
    assert "bad.jsonl:1" in done.output
    assert not (tmp_path / "r.html").exists()


def test_untrusted_text_title_source_and_url_are_escaped() -> None:
    result = hostile_result()
    assert result.status == "ok" and result.records, result
    items = load_items([])  # no inputs: an empty report still renders
    assert "0 inputs" in render_report(items)
    from extractor.report import item_for

    html = render_report([item_for(result)])
    body = html.split("<body>", 1)[1]
    assert "<script" not in body.lower() and "<img" not in body.lower()
    assert "&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;1&#x27;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=&quot;document.title=&#x27;pwned&#x27;&quot;&gt;" in body
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in body
    assert 'evil&quot;&lt;b&gt;.txt' in body
    assert "javascript:" not in body  # an unsafe URL is shown as nothing, never as a link
    assert "custody &amp; questioned" in body


def test_report_loads_nothing_from_the_network(tmp_path: Path) -> None:
    result = extract(str(ARTICLE), with_text=True)
    linked = result.model_copy(update={"article": result.article.model_copy(update={"url": "https://news.example.org/a?x=1&y=2"})})
    from extractor.report import item_for

    html = render_report([item_for(linked), item_for(hostile_result())])
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';' in html
    assert not re.search(r"<script|<link|<iframe|<object|<embed|@import|url\(\s*['\"]?(?:https?:)?//", html, re.IGNORECASE)
    resources = re.findall(r"\b(src|href|xlink:href|srcset|poster|data)\s*=\s*[\"']([^\"']*)", html, re.IGNORECASE)
    external = [(attr, value) for attr, value in resources if re.match(r"\s*(?:https?:)?//", value, re.IGNORECASE)]
    # the one external address is the article's own page, as a plain link
    assert external == [("href", "https://news.example.org/a?x=1&amp;y=2")]
    anchor = re.search(r"<(\w+)[^>]*href=\"https://news\.example\.org", html)
    assert anchor and anchor.group(1) == "a"
