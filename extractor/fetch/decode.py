"""Bytes → str for text and HTML inputs, and telling binary data from text.

Plain text (files, JSONL, text/plain downloads) is decoded by these rules:
1. a BOM decides (UTF-8, UTF-16 or UTF-32);
2. binary data (a NUL byte, a known file signature such as PDF, PNG, ZIP, or
   many control characters) is refused with ``binary_content``;
3. the declared charset, if any, else strict UTF-8;
4. bytes that are not UTF-8 and hold no UTF-8 multi-byte sequence at all are
   a legacy 8-bit text: windows-1252 (as browsers read "latin-1");
5. bytes that mix valid UTF-8 sequences with invalid ones are corrupt UTF-8:
   ``decode_error`` (guessing would silently garble the text offsets index).
HTML has its own rules (``decode_html``, below) but refuses binary data the same way.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from extractor.errors import Code, ExtractorError

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SIGNATURES = (
    b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"BZh", b"\x7fELF", b"RIFF", b"OggS",
)
SNIFF_BYTES = 4096
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
MAX_CONTROL_SHARE = 0.05
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# WHATWG's prescan reads 1,024 bytes; pages often put a long <script> or many
# <link>s before <meta charset>, so look a little further.
CHARSET_PRESCAN_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# WHATWG: a page labelled latin-1 or ascii is decoded as windows-1252, whose
# 0x80-0x9F holds the curly quotes and dashes such pages really contain.
WINDOWS_1252_ALIASES = frozenset({"latin-1", "iso8859-1", "ascii"})
# A byte stream cannot truly be UTF-16/32 without a BOM; WHATWG reads it as UTF-8.
UTF16_OR_32 = re.compile(r"^utf[-_]?(16|32)", re.I)


def bom_encoding(data: bytes) -> str | None:
    return next((encoding for bom, encoding in BOMS if data.startswith(bom)), None)


def check_not_binary(data: bytes) -> None:
    """``binary_content`` for an image, a PDF, an archive or other non-text bytes (BOM-less)."""
    head = data[:SNIFF_BYTES]
    if head.startswith(SIGNATURES) or b"\x00" in head:
        raise ExtractorError(Code.BINARY_CONTENT, "the input holds binary data, not text or HTML")
    if head and len(CONTROL.findall(head)) / len(head) > MAX_CONTROL_SHARE:
        raise ExtractorError(Code.BINARY_CONTENT, "the input is mostly control characters, not text or HTML")


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Plain text bytes → str by the rules above; raises ``ExtractorError``."""
    if (encoding := bom_encoding(data)) is not None:
        return _decode(data, encoding)
    check_not_binary(data)
    declared_name = _codec_name(declared)
    if declared_name not in (None, "utf-8", "ascii"):
        return _decode(data, declared_name)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        if UTF8_MULTIBYTE.search(data):
            raise ExtractorError(Code.DECODE_ERROR, f"the text is corrupt UTF-8: {err}") from err
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # one of cp1252's five undefined bytes
        return data.decode("latin-1")


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ExtractorError(Code.DECODE_ERROR, f"the text is not valid {encoding}: {err}") from err


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes → text: BOM, then the declared (HTTP) charset, then <meta charset>,
    then UTF-8, then charset_normalizer's best guess; ``decode_error`` if none."""
    if (encoding := bom_encoding(data)) is not None:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as err:
            raise ExtractorError(Code.DECODE_ERROR, f"invalid {encoding} after BOM: {err}") from err
    check_not_binary(data)
    for encoding in _candidate_encodings(data, declared):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ExtractorError(Code.DECODE_ERROR, "could not determine the character encoding")
    return str(best)


def _candidate_encodings(data: bytes, declared: str | None) -> list[str]:
    match = META_CHARSET.search(data[:CHARSET_PRESCAN_BYTES])
    meta = match.group(1).decode("ascii") if match else None
    candidates: list[str] = []
    for label in (declared, meta):
        candidates.extend(_python_encodings(label))
    candidates.append("utf-8")
    return list(dict.fromkeys(candidates))


def _python_encodings(label: str | None) -> list[str]:
    name = _codec_name(label)
    if name is None:
        return []
    if name in WINDOWS_1252_ALIASES:
        return ["cp1252", name]  # cp1252 leaves five bytes undefined; fall back
    if UTF16_OR_32.match(name):
        return ["utf-8"]
    return [name]
