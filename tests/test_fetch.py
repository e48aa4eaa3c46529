"""extractor.fetch: URL / HTML / text / stdin → Article, and its error codes.

URL tests talk to a real HTTP server on 127.0.0.1 (``http_server`` fixture).
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import time
from pathlib import Path

import pytest

from extractor.errors import Code, ExtractorError
from extractor.fetch import (
    FetchSettings,
    article_from_html,
    article_from_text,
    load_source,
    looks_like_html,
)
from extractor.fetch.decode import decode_html
from httpserver import HTTPTestServer, closed_port_url
from pages import DEFAULT_NAV, DEFAULT_TEASERS, FOOTER_TEXT, article_page

TITLE = "Soldier crosses the border in the east"
PARAGRAPHS = (
    "A soldier walked across the eastern land border early on Tuesday, the military said.",
    "Officials said the man, in his twenties, was taken into custody after he signalled to a guard post.",
    "“He made his intention clear at once,” a spokesperson told reporters, adding that checks continue.",
    "It is the second such crossing in the region this year, after a fisherman drifted south in spring.",
)
PUBLISHED = dt.date(2024, 8, 22)
FAST = FetchSettings(timeout=0.5)
REFERENCE = Path(__file__).parents[2] / "shared" / "corpus" / "reference" / "nk-elite-defections-2024.txt"


def error_code(source: str, **kwargs: object) -> str:
    with pytest.raises(ExtractorError) as info:
        load_source(source, **kwargs)  # type: ignore[arg-type]
    return info.value.code


def assert_article_only(text: str, paragraphs: tuple[str, ...] | list[str]) -> None:
    for paragraph in paragraphs:
        assert paragraph in text
    for teaser in DEFAULT_TEASERS:
        assert teaser not in text
    lines = text.splitlines()
    for item in DEFAULT_NAV:
        assert item not in lines
    assert FOOTER_TEXT not in text and "Most read" not in text


# --- URLs: success ---------------------------------------------------------------


def test_url_html_page_gives_text_title_date_language(http_server: HTTPTestServer) -> None:
    url = http_server.route("/news/crossing.html", body=article_page(TITLE, PARAGRAPHS, published=PUBLISHED))
    article = load_source(url)
    assert article.published == PUBLISHED
    assert article.title == TITLE
    assert article.language == "en"
    assert article.url == url and article.source == url
    assert_article_only(article.text, PARAGRAPHS)


def test_paragraphs_are_separated_by_newlines(http_server: HTTPTestServer) -> None:
    url = http_server.route("/a.html", body=article_page(TITLE, PARAGRAPHS))
    text = load_source(url).text
    assert "\n".join(PARAGRAPHS) in text
    assert text == text.strip()


def test_explicit_published_wins_over_page_metadata(http_server: HTTPTestServer) -> None:
    url = http_server.route("/a.html", body=article_page(TITLE, PARAGRAPHS, published=PUBLISHED))
    assert load_source(url, published=dt.date(2024, 9, 1)).published == dt.date(2024, 9, 1)


def test_page_without_date_metadata_has_no_date(http_server: HTTPTestServer) -> None:
    url = http_server.route("/a.html", body=article_page(TITLE, PARAGRAPHS))
    assert load_source(url).published is None


def test_redirects_are_followed_and_final_url_kept(http_server: HTTPTestServer) -> None:
    final = http_server.route("/final.html", body=article_page(TITLE, PARAGRAPHS))
    http_server.redirect("/hop2", "/final.html", status=301)
    start = http_server.redirect("/hop1", http_server.url("/hop2"))
    article = load_source(start)
    assert article.url == final
    assert article.source == start


def test_user_agent_is_sent(http_server: HTTPTestServer) -> None:
    url = http_server.route("/a.html", body=article_page(TITLE, PARAGRAPHS))
    load_source(url, settings=FetchSettings(user_agent="probe/1.0"))
    request = http_server.requests[-1]
    assert request.headers["user-agent"] == "probe/1.0"
    assert "text/html" in request.headers["accept"]


def test_text_plain_url_is_read_as_exact_text(http_server: HTTPTestServer) -> None:
    body = "  Two fishermen were found at sea.\r\n\nThey asked to stay.\n"
    url = http_server.route("/a.txt", body=body, content_type="text/plain; charset=utf-8")
    article = load_source(url)
    assert article.text == body
    assert article.url == url and article.title is None


def test_http_charset_header_decodes_latin1(http_server: HTTPTestServer) -> None:
    page = article_page("Café society", ["The café near the river served “strong” coffee to the crowd every morning."])
    page = page.replace('<meta charset="utf-8">', "")
    url = http_server.route("/a.html", body=page.encode("cp1252"), content_type="text/html; charset=ISO-8859-1")
    assert "The café near the river served “strong” coffee" in load_source(url).text


def test_missing_content_type_is_sniffed(http_server: HTTPTestServer) -> None:
    url = http_server.route("/a", body=article_page(TITLE, PARAGRAPHS), content_type=None)
    assert_article_only(load_source(url).text, PARAGRAPHS)


def test_gzip_body_is_decompressed(http_server: HTTPTestServer) -> None:
    body = gzip.compress(article_page(TITLE, PARAGRAPHS).encode())
    url = http_server.route("/a.html", body=body, headers={"Content-Encoding": "gzip"})
    assert_article_only(load_source(url).text, PARAGRAPHS)


# --- URLs: failures ----------------------------------------------------------------


@pytest.mark.parametrize("status", [404, 410, 500, 503])
def test_http_error_status_gives_its_code(http_server: HTTPTestServer, status: int) -> None:
    url = http_server.route("/gone", status=status, body="<html><body><p>Error page text</p></body></html>")
    assert error_code(url) == f"fetch_http_{status}"


def test_unknown_path_is_fetch_http_404(http_server: HTTPTestServer) -> None:
    assert error_code(http_server.url("/nothing-here")) == "fetch_http_404"


@pytest.mark.parametrize(
    "content_type", ["image/png", "application/pdf", "application/json", "application/octet-stream"]
)
def test_non_html_content_type_is_not_html(http_server: HTTPTestServer, content_type: str) -> None:
    url = http_server.route("/file", body=b"\x89PNG\r\n\x1a\n" + bytes(200), content_type=content_type)
    assert error_code(url) == Code.NOT_HTML


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<!DOCTYPE html><html><head><title></title></head><body><div></div><script>var a = 1;</script></body></html>",
        "<html><body>\n \n</body></html>",
    ],
    ids=["empty-body", "no-text", "blank-body"],
)
def test_page_without_text_is_extraction_empty(http_server: HTTPTestServer, body: str) -> None:
    url = http_server.route("/empty.html", body=body)
    assert error_code(url) == Code.EXTRACTION_EMPTY


def test_slow_server_is_fetch_timeout(http_server: HTTPTestServer) -> None:
    url = http_server.route("/slow", body=article_page(TITLE, PARAGRAPHS), delay=3.0)
    started = time.monotonic()
    assert error_code(url, settings=FAST) == Code.FETCH_TIMEOUT
    assert time.monotonic() - started < 2.0


def test_trickling_body_is_fetch_timeout(http_server: HTTPTestServer) -> None:
    # every byte arrives within the socket timeout, the whole body does not
    url = http_server.route("/drip", body="x" * 100, content_type="text/plain", trickle=0.1)
    started = time.monotonic()
    assert error_code(url, settings=FAST) == Code.FETCH_TIMEOUT
    assert time.monotonic() - started < 2.0


def test_refused_connection_is_fetch_connection_error() -> None:
    assert error_code(closed_port_url("/a.html"), settings=FAST) == Code.FETCH_CONNECTION


def test_redirect_loop_is_too_many_redirects(http_server: HTTPTestServer) -> None:
    url = http_server.redirect("/loop", "/loop")
    assert error_code(url) == Code.FETCH_TOO_MANY_REDIRECTS
    assert len(http_server.requests) == FetchSettings().max_redirects + 1


def test_redirect_limit_is_configurable(http_server: HTTPTestServer) -> None:
    http_server.route("/final.html", body=article_page(TITLE, PARAGRAPHS))
    url = http_server.redirect("/hop", "/final.html")
    assert error_code(url, settings=FetchSettings(max_redirects=0)) == Code.FETCH_TOO_MANY_REDIRECTS
    assert load_source(url, settings=FetchSettings(max_redirects=1)).url.endswith("/final.html")


def test_redirect_to_refused_scheme(http_server: HTTPTestServer) -> None:
    url = http_server.redirect("/to-ftp", "ftp://127.0.0.1/file.txt")
    assert error_code(url) == Code.FETCH_SCHEME_REFUSED


@pytest.mark.parametrize("headers", [{}, {"Content-Length": None}], ids=["declared-length", "no-length"])
def test_body_over_the_cap_is_too_large(http_server: HTTPTestServer, headers: dict[str, str | None]) -> None:
    url = http_server.route("/big.html", body=article_page(TITLE, PARAGRAPHS * 20), headers=headers)
    assert error_code(url, settings=FetchSettings(max_bytes=2_000)) == Code.TOO_LARGE
    assert load_source(url, settings=FetchSettings(max_bytes=100_000)).text


def test_cap_counts_decompressed_bytes(http_server: HTTPTestServer) -> None:
    body = gzip.compress(b"<html><body><p>" + b"a" * 200_000 + b"</p></body></html>")
    url = http_server.route("/bomb.html", body=body, headers={"Content-Encoding": "gzip"})
    assert len(body) < 10_000
    assert error_code(url, settings=FetchSettings(max_bytes=50_000)) == Code.TOO_LARGE


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/a.html", "file:///etc/hostname", "gopher://127.0.0.1/"])
def test_other_schemes_are_refused(url: str) -> None:
    assert error_code(url) == Code.FETCH_SCHEME_REFUSED


def test_allow_schemes_is_honoured(http_server: HTTPTestServer) -> None:
    url = http_server.route("/a.html", body=article_page(TITLE, PARAGRAPHS))
    assert error_code(url, settings=FetchSettings(allow_schemes=("https",))) == Code.FETCH_SCHEME_REFUSED


# --- local files -------------------------------------------------------------------


def test_txt_file_round_trips_exactly(tmp_path: Path) -> None:
    text = "  Lead line with “quotes” and a café.\r\n\n\tIndented   spaces  kept.\nLast line\n\n"
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("utf-8"))
    article = load_source(str(path), published=PUBLISHED)
    assert article.text == text
    assert article.source == str(path)
    assert article.published == PUBLISHED
    assert article.url is None and article.title is None


def test_txt_file_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfText after a BOM.\n")
    assert load_source(str(path)).text == "Text after a BOM.\n"


def test_txt_file_corrupt_utf8_is_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("Café in UTF-8, then ".encode("utf-8") + b"\xff\xfe junk")
    assert error_code(str(path)) == Code.DECODE_ERROR


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_txt_file_in_a_legacy_8bit_encoding_is_read_as_windows_1252(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes("Café, naïve, résumé in 8 bits.".encode(encoding))
    assert load_source(str(path)).text == "Café, naïve, résumé in 8 bits."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
def test_txt_file_with_a_utf16_or_utf32_bom_is_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Défecteurs: 196 in 2023.".encode(encoding))  # Python writes the BOM
    assert load_source(str(path)).text == "Défecteurs: 196 in 2023."


@pytest.mark.parametrize("name, data", [
    ("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
    ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
    ("blob.html", bytes([0, 1, 2, 3, 250, 251]) * 500),
])
def test_binary_bytes_under_a_text_name_are_binary_content(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert error_code(str(path)) == Code.BINARY_CONTENT


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n ", b"\xef\xbb\xbf"], ids=["empty", "whitespace", "bom-only"])
def test_empty_txt_file_is_empty_input(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    assert error_code(str(path)) == Code.EMPTY_INPUT


def test_missing_file_is_file_not_found(tmp_path: Path) -> None:
    assert error_code(str(tmp_path / "nope.txt")) == Code.FILE_NOT_FOUND


def test_directory_is_file_not_found(tmp_path: Path) -> None:
    assert error_code(str(tmp_path)) == Code.FILE_NOT_FOUND


def test_file_over_the_cap_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 1_000)
    assert error_code(str(path), settings=FetchSettings(max_bytes=4_999)) == Code.TOO_LARGE
    assert load_source(str(path), settings=FetchSettings(max_bytes=5_000)).text == "word " * 1_000


def test_html_file_latin1_with_meta_charset(tmp_path: Path) -> None:
    paragraph = "Résumé of the naïve envoy’s journey: he reached Séoul after “three” weeks abroad."
    page = article_page("L’envoyé", [paragraph], published=PUBLISHED, charset="iso-8859-1")
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("cp1252"))
    article = load_source(str(path))
    assert paragraph in article.text
    assert article.title == "L’envoyé"
    assert article.published == PUBLISHED
    assert article.url is None and article.source == str(path)


def test_htm_file_utf8_without_declaration(tmp_path: Path) -> None:
    page = article_page(TITLE, PARAGRAPHS).replace('<meta charset="utf-8">', "")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("utf-8"))
    assert_article_only(load_source(str(path)).text, PARAGRAPHS)


@pytest.mark.parametrize(
    ("name", "data", "is_html"),
    [
        ("page.dat", "<!DOCTYPE html>\n<html><body><p>Sniffed as an HTML page.</p></body></html>", True),
        ("frag", "\n  <p>A bare paragraph fragment read as HTML.</p>", True),
        ("notes.md", "# Heading\n\nPlain text with a <b>tag</b> inside.\n", False),
    ],
)
def test_other_extensions_are_sniffed(tmp_path: Path, name: str, data: str, is_html: bool) -> None:
    path = tmp_path / name
    path.write_text(data, encoding="utf-8")
    text = load_source(str(path)).text
    if is_html:
        assert "<" not in text and ("Sniffed" in text or "fragment" in text)
    else:
        assert text == data


# --- stdin -------------------------------------------------------------------------


def test_stdin_text() -> None:
    data = "One sentence from stdin.\nAnother, with “quotes”.\n"
    article = load_source("-", stdin=io.BytesIO(data.encode()))
    assert article.text == data
    assert article.source == "stdin"


def test_stdin_html() -> None:
    page = article_page(TITLE, PARAGRAPHS, published=PUBLISHED)
    article = load_source("-", stdin=io.BytesIO(page.encode()))
    assert article.source == "stdin"
    assert article.published == PUBLISHED
    assert_article_only(article.text, PARAGRAPHS)


def test_stdin_errors() -> None:
    assert error_code("-", stdin=io.BytesIO(b"")) == Code.EMPTY_INPUT
    assert error_code("-", stdin=io.BytesIO(b"x" * 101), settings=FetchSettings(max_bytes=100)) == Code.TOO_LARGE


# --- the building blocks -----------------------------------------------------------


def test_article_from_text_and_html_directly() -> None:
    assert article_from_text(b"Plain.", source="s").text == "Plain."
    article = article_from_html("<p>Five soldiers crossed the border.</p>", source="s", url="http://x/y")
    assert article.text == "Five soldiers crossed the border."
    assert article.url == "http://x/y"
    with pytest.raises(ExtractorError) as info:
        article_from_html(b"", source="s")
    assert info.value.code == Code.EXTRACTION_EMPTY


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!doctype html><html>", True),
        (b"\xef\xbb\xbf  <HTML lang='en'>", True),
        (b"<!-- cms banner -->\n<head><title>x</title>", True),
        (b"<p>para</p>", True),
        (b"<?xml version='1.0'?><html>", True),
        (b"Plain text.", False),
        (b"<pre>not one of the sniffed tags", False),
        (b"5 < 6 and <3", False),
    ],
)
def test_looks_like_html(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected


def test_decode_html_order_and_failure() -> None:
    latin = '<meta charset="windows-1252"><p>caf\xe9</p>'.encode("cp1252")
    assert "café" in decode_html(latin)
    assert "café" in decode_html("<p>café</p>".encode("utf-16"))  # BOM
    assert decode_html("<p>café</p>".encode()) == "<p>café</p>"  # UTF-8 without declaration
    with pytest.raises(ExtractorError) as info:
        decode_html(bytes(range(256)) * 4)
    assert info.value.code == Code.BINARY_CONTENT  # all 256 byte values: NULs and control characters


# --- the shared reference article --------------------------------------------------


@pytest.mark.skipif(not REFERENCE.is_file(), reason="shared reference corpus not present")
def test_reference_article_survives_extraction(http_server: HTTPTestServer) -> None:
    paragraphs = [line for line in REFERENCE.read_text(encoding="utf-8").splitlines() if line.strip()]
    page = article_page("Reference article", paragraphs, published=PUBLISHED)
    article = load_source(http_server.route("/reference.html", body=page))
    assert_article_only(article.text, paragraphs)
    assert article.published == PUBLISHED
