"""Test inputs for ``extractor batch``, written by the tests: WARC.gz, JSONL, folders, URL lists.

WARC files are written with warcio's own writer, so they are real archives
(with HTTP headers, a warcinfo and request records, non-HTML responses).
"""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
WARC_DATE = "2026-01-15T08:00:00Z"


def corpus_pages() -> list[tuple[str, bytes]]:
    """The corpus's HTML pages (with nav, teasers, and two with no defection), by name."""
    return [(path.name, path.read_bytes()) for path in sorted(CORPUS.glob("*.html"))]


def write_warc(path: Path, responses: list[tuple[str, bytes, str, str]], *, extras: bool = True) -> Path:
    """``responses``: (url, body, content type, HTTP status line). ``extras`` adds non-article records."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=path.name.endswith(".gz"))
        if extras:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "extractor tests"}))
        for url, body, mime, status in responses:
            if extras:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", mime), ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": WARC_DATE})
            writer.write_record(record)
    return path


def write_jsonl(path: Path, rows: list[dict | str]) -> Path:
    """One line per row; a str row is written as is (to make broken lines)."""
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    return path


def write_folder(folder: Path, pages: list[tuple[str, bytes]]) -> Path:
    """Pages spread over nested folders, every other one gzipped, plus files that are not inputs."""
    for index, (name, body) in enumerate(pages):
        target = folder / f"part{index % 2}" / ("deep" if index % 3 == 0 else "")
        target.mkdir(parents=True, exist_ok=True)
        if index % 2:
            (target / f"{name}.gz").write_bytes(gzip.compress(body))
        else:
            (target / name).write_bytes(body)
    (folder / "notes.md").write_text("not an input")
    (folder / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return folder
