"""How inputs are read: download timeout, size cap, redirects, user agent, URL schemes, addresses."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.fetch.guard import AddressPolicy


@dataclass(frozen=True)
class FetchSettings:
    timeout: float = 20.0  # connect+read seconds for URLs
    max_bytes: int = 10_000_000  # size cap of a download or a file (too_large beyond)
    max_redirects: int = 5
    user_agent: str = "extractor/0.1 (+defection-records research pipeline)"
    allow_schemes: tuple[str, ...] = ("http", "https")
    address_policy: AddressPolicy | None = None  # None: connect anywhere (the CLI); a service sets one
