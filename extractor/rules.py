"""``Rules``: everything the pipeline reads from ``configs/``, as one immutable object.

``load_rules(directory)`` is the only reader of rule files and the only cache
(keyed on the resolved directory): the components, the normalizers, the
relevance gate, the report and the pipeline version all take their rules from
the object it returns, so one directory is one consistent set of rules.
``EXTRACTOR_CONFIG_DIR`` points the default elsewhere, e.g. to a copy with a
site's own lexicons.

A bad file fails at start with :class:`ConfigInvalid` (code
``config_invalid``), naming the file and the key, rather than turning a rule
off silently or failing every article later. Keys that start with ``_`` are
comments and are ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Mapping

from pydantic import ValidationError

from extractor import __version__
from extractor.errors import Code, ExtractorError
from extractor.lexicon import Lexicon
from extractor.normalize.places import Gazetteer

RULE_FILES = ("lexicon.json", "gazetteer.json", "countries.json", "counts.json", "time.json",
              "eras.json", "relevance.json", "pipeline.json")
_SOURCE_CONFIGS = Path(__file__).resolve().parent.parent / "configs"


class ConfigInvalid(ExtractorError):
    """A rule file is missing, unreadable or does not fit its schema."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(Code.CONFIG_INVALID, f"{path}: {detail}")
        self.path = path


@dataclass(frozen=True)
class PipelineSettings:
    """``configs/pipeline.json``: which spaCy model to load and which components to run."""

    model: str
    exclude: tuple[str, ...]
    components: tuple[str, ...]
    replace: tuple[tuple[str, str], ...] = ()  # (model component, our factory taking its patterns)


@dataclass(frozen=True, eq=False)
class Rules:
    """One directory's rules, read and checked once; never mutated."""

    directory: Path
    lexicon: Lexicon
    gazetteer: Gazetteer
    counts: Mapping[str, Any]
    time: Mapping[str, Any]
    eras: Mapping[str, Any]
    relevance_cues: tuple[str, ...]
    relevance: Mapping[str, Any]
    countries: Mapping[str, Any]
    pipeline: PipelineSettings
    digest: str

    @property
    def version(self) -> str:
        """The pipeline version: package, model and every rule file (resume keys on it)."""
        return f"{__version__}+{self.digest}"


def default_config_dir() -> Path:
    """``EXTRACTOR_CONFIG_DIR``, else the rule files installed with the package
    (``extractor.configs``: a wheel, or an editable install mapping it to the top-level
    ``configs/``), else the ``configs/`` beside the package (a checkout on ``sys.path``).

    The installed copy comes first so that a stray top-level ``configs`` folder in
    site-packages is never taken for ours.
    """
    override = os.environ.get("EXTRACTOR_CONFIG_DIR")
    if override:
        return Path(override)
    return _packaged_configs() or _SOURCE_CONFIGS


def _packaged_configs() -> Path | None:
    try:
        folder = resources.files("extractor.configs")
    except ModuleNotFoundError:
        return None
    return folder if isinstance(folder, Path) and (folder / "pipeline.json").is_file() else None


def load_rules(directory: str | Path | None = None) -> Rules:
    """The rules of ``directory`` (default: :func:`default_config_dir`), read once per directory."""
    resolved = Path(directory) if directory is not None else default_config_dir()
    return _load_rules(str(resolved.resolve()))


@lru_cache(maxsize=None)
def _load_rules(directory: str) -> Rules:
    root = Path(directory)
    raw = {name: read_rule_file(root / name) for name in RULE_FILES}
    return Rules(
        directory=root,
        lexicon=_checked(root / "lexicon.json", Lexicon.from_config, raw["lexicon.json"]),
        gazetteer=_checked(root / "gazetteer.json", Gazetteer, raw["gazetteer.json"], raw["countries.json"]),
        counts=raw["counts.json"],
        time=raw["time.json"],
        eras=raw["eras.json"],
        relevance_cues=tuple(_required(root / "relevance.json", raw["relevance.json"], "cues")),
        relevance=_relevance(root / "relevance.json", raw["relevance.json"]),
        countries=raw["countries.json"],
        pipeline=_pipeline_settings(root / "pipeline.json", raw["pipeline.json"]),
        digest=_digest(root, raw["pipeline.json"]),
    )


def read_rule_file(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError:
        raise ConfigInvalid(path, "file missing") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigInvalid(path, f"unreadable: {exc}") from None


def _checked(path: Path, build, *args):
    """``build(*args)``, with a schema or value error reported against ``path``."""
    try:
        return build(*args)
    except ValidationError as exc:
        problems = "; ".join(f"key {'.'.join(map(str, e['loc'])) or '(top)'}: {e['msg']}"
                             for e in exc.errors())
        raise ConfigInvalid(path, problems) from None
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigInvalid(path, f"{type(exc).__name__}: {exc}") from None


def _required(path: Path, table: Mapping[str, Any], key: str) -> Any:
    if not isinstance(table, Mapping) or key not in table:
        raise ConfigInvalid(path, f"key {key}: missing")
    return table[key]


RELEVANCE_KEYS = ("cues", "context", "context_window", "prose_min_words", "page_drop_elements", "page_block_elements")


def _relevance(path: Path, table: Mapping[str, Any]) -> Mapping[str, Any]:
    for key in RELEVANCE_KEYS:
        _required(path, table, key)
    return table


def _pipeline_settings(path: Path, table: Mapping[str, Any]) -> PipelineSettings:
    unknown = sorted(k for k in table if not k.startswith("_") and k not in ("model", "exclude", "components", "replace"))
    if unknown:
        raise ConfigInvalid(path, f"key {unknown[0]}: unknown key")
    return PipelineSettings(
        model=str(_required(path, table, "model")),
        exclude=tuple(table.get("exclude", ())),
        components=tuple(_required(path, table, "components")),
        replace=tuple(dict(table.get("replace", {})).items()),
    )


def _digest(root: Path, pipeline: Mapping[str, Any]) -> str:
    """A short hash of the spaCy model's version and every rule file in ``root``."""
    digest = hashlib.sha256(_model_version(str(pipeline.get("model", ""))).encode())
    for path in sorted(root.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _model_version(model: str) -> str:
    try:
        return f"{model}=={metadata.version(model.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return model
