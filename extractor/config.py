"""Raw rule files of the active rules directory (see :mod:`extractor.rules`).

Transitional: modules that still read a file by name go through here, which
reads from the directory :func:`extractor.rules.load_rules` resolved, so every
part of the pipeline honours ``EXTRACTOR_CONFIG_DIR`` the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def config_dir() -> Path:
    from extractor.rules import default_config_dir

    return default_config_dir()


def load_json(name: str) -> Any:
    """``configs/<name>`` of the active rules directory."""
    from extractor.rules import load_rules, read_rule_file

    return read_rule_file(load_rules().directory / name)
