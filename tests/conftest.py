"""Shared pytest fixtures for the whole test suite (one global conftest).

Add fixtures here; keep helpers they use in their own modules under tests/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from httpserver import HTTPTestServer


@pytest.fixture
def http_server() -> Iterator[HTTPTestServer]:
    """A real HTTP server on 127.0.0.1 (a free port), stopped after the test."""
    with HTTPTestServer() as server:
        yield server


# --- the shared reference corpus (read from ../shared, never copied) ------------------

SHARED = Path(__file__).resolve().parents[2] / "shared"
REFERENCE_DIR = SHARED / "corpus" / "reference"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def reference_gold() -> Path:
    golds = sorted(REFERENCE_DIR.glob("*.gold.json"))
    if not golds:
        pytest.skip("shared reference corpus not present")
    return golds[0]


# --- a real PostgreSQL server, for the database tests -----------------------------------


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """EXTRACTOR_TEST_PG_URL (set by .ci/run), else a server started here from Debian's binaries."""
    import os

    import pgserver

    if os.environ.get("EXTRACTOR_TEST_PG_URL"):
        yield os.environ["EXTRACTOR_TEST_PG_URL"]
        return
    if not pgserver.available():
        if os.environ.get("CI"):
            pytest.fail("CI needs PostgreSQL: .ci/run installs and starts it")
        pytest.skip("PostgreSQL binaries not installed (Debian package postgresql)")
    url, directory = pgserver.start()
    try:
        yield url
    finally:
        pgserver.stop(directory)


@pytest.fixture
def fresh_postgres(postgres_url: str) -> str:
    """The test database, emptied of the batch tables."""
    from sqlalchemy import create_engine

    from extractor.sinks.sql_schema import metadata

    engine = create_engine(postgres_url)
    metadata.drop_all(engine)
    engine.dispose()
    return postgres_url

# --- a real headless Chromium for the report tests (tests/browser.py) -------------------

@pytest.fixture(scope="session")
def chromium() -> str:
    """Chromium's executable; skipped locally when missing, a failure in CI (CI=true)."""
    import os

    from browser import find_chromium

    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is required in CI: .ci/run installs it with apt-get")
        pytest.skip("chromium is not installed (apt-get install chromium); the browser tests need it")
    return executable
