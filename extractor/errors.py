"""Stable, machine-readable error codes: the only place they are defined.

Every input gets exactly one ``ArticleResult``; when something goes wrong its
``errors`` carry one of these codes. ``docs/errors.md`` documents each.
"""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    # reading the input
    FETCH_TIMEOUT = "fetch_timeout"
    FETCH_CONNECTION = "fetch_connection_error"
    FETCH_TOO_MANY_REDIRECTS = "fetch_too_many_redirects"
    FETCH_SCHEME_REFUSED = "fetch_scheme_refused"
    FETCH_SCHEME_UNSUPPORTED = "fetch_scheme_unsupported"
    FETCH_ADDRESS_REFUSED = "fetch_address_refused"
    FILE_NOT_FOUND = "file_not_found"
    NOT_A_FILE = "not_a_regular_file"
    NOT_HTML = "not_html"
    DECODE_ERROR = "decode_error"
    BINARY_CONTENT = "binary_content"
    TOO_LARGE = "too_large"
    EXTRACTION_EMPTY = "extraction_empty"
    EMPTY_INPUT = "empty_input"
    ARCHIVE_CORRUPT = "archive_corrupt"
    BAD_INPUT_LINE = "bad_input_line"
    # deliberately not extracted
    NOT_ENGLISH = "not_english"
    NOT_RELEVANT = "not_relevant"
    # after extraction
    VALIDATION_FAILED = "validation_failed"
    PERIOD_UNRESOLVED = "period_unresolved"
    PROCESSING_ERROR = "processing_error"
    TIME_LIMIT = "time_limit"
    WORKER_CRASHED = "worker_crashed"
    # the rules in configs/ (raised at start, before any input is read)
    CONFIG_INVALID = "config_invalid"


# Codes that mean "read, but deliberately not extracted" (the contract's ``skipped``).
SKIP_CODES = frozenset({Code.EMPTY_INPUT, Code.NOT_ENGLISH, Code.NOT_RELEVANT})


def status_for(code: str) -> str:
    """``skipped`` for an input that was read but is not worth extracting, else ``failed``."""
    return "skipped" if code in SKIP_CODES else "failed"


def http_status_code(status: int) -> str:
    """``fetch_http_404`` and friends: one code per HTTP status, as the contract shows."""
    return f"fetch_http_{status}"


class ExtractorError(Exception):
    """An input-level failure that becomes an ``ErrorInfo`` on the article's result."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = str(code)
        self.message = message
