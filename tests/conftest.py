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
