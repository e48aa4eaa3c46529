"""Where the rule data lives and how it is read.

Everything a user may tune without code sits in the top-level ``configs/``
folder (house rule 1). ``EXTRACTOR_CONFIG_DIR`` points elsewhere, e.g. to a
copy with a site's own lexicons.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_DIR = Path(__file__).resolve().parent.parent / "configs"


def config_dir() -> Path:
    return Path(os.environ.get("EXTRACTOR_CONFIG_DIR", DEFAULT_CONFIG_DIR))


def config_path(name: str) -> Path:
    return config_dir() / name


@lru_cache(maxsize=None)
def load_json(name: str) -> Any:
    """Parse ``configs/<name>`` once per process."""
    with config_path(name).open(encoding="utf-8") as handle:
        return json.load(handle)
