"""The service's settings: one frozen object, read from ``EXTRACTOR_SERVE_*`` environment variables.

The environment carries them because uvicorn starts each worker process by importing the
app factory by name: ``extractor serve`` writes its options there, every worker reads them.
``EXTRACTOR_API_TOKEN`` (the token write endpoints require) is read the same way and never logged.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

from extractor.fetch import FetchSettings
from extractor.fetch.guard import AddressPolicy

PREFIX = "EXTRACTOR_SERVE_"
TOKEN_VARIABLE = "EXTRACTOR_API_TOKEN"
DEFAULT_DB = "sqlite:///records.db"


@dataclass(frozen=True)
class ServeSettings:
    db: str = DEFAULT_DB
    allow_internal: tuple[str, ...] = ()  # exact "address:port" fetches may reach though internal (tests)
    max_body: int = 2_000_000  # bytes of a request body (413 beyond); /batch has max_upload
    max_upload: int = 50_000_000
    max_page_bytes: int = 5_000_000  # bytes of a page fetched for a caller (too_large beyond)
    fetch_timeout: float = 15.0  # seconds of one download, all redirects included
    request_timeout: float = 60.0  # seconds a request may take before it is answered 504
    per_client: int = 4  # requests of one client address at work at once, per worker process (429 beyond)
    job_workers: int = 1  # processes a batch job's extraction runs in
    token: str | None = None

    def fetch_settings(self) -> FetchSettings:
        """Downloads for callers: http(s) only, capped, and never to an internal address."""
        return FetchSettings(timeout=self.fetch_timeout, max_bytes=self.max_page_bytes,
                             address_policy=AddressPolicy(allow=self.allow_internal))

    def to_env(self) -> dict[str, str]:
        env = {f"{PREFIX}{f.name.upper()}": _text(getattr(self, f.name)) for f in fields(self) if f.name != "token"}
        if self.token:
            env[TOKEN_VARIABLE] = self.token
        return env


def from_env(environ: dict[str, str] | None = None) -> ServeSettings:
    environ = dict(os.environ if environ is None else environ)
    values: dict = {}
    for f in fields(ServeSettings):
        raw = environ.get(f"{PREFIX}{f.name.upper()}")
        if raw is None or f.name == "token":
            continue
        default = getattr(ServeSettings, f.name)
        if isinstance(default, tuple):
            values[f.name] = tuple(part.strip() for part in raw.split(",") if part.strip())
        else:
            values[f.name] = type(default)(raw)
    return ServeSettings(**values, token=environ.get(TOKEN_VARIABLE) or None)


def _text(value) -> str:
    return ",".join(value) if isinstance(value, tuple) else str(value)
