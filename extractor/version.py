"""The pipeline version: what decides whether an article must be extracted again.

A batch resumes by skipping inputs already done "with the same pipeline
version". The version therefore covers everything that changes the output: the
package version, the spaCy model's version and every rule file in ``configs/``.
Editing a lexicon gives a new version, and the next run re-extracts.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata

from extractor import __version__
from extractor.config import config_dir, load_json


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    digest = hashlib.sha256()
    digest.update(_model_version().encode())
    for path in sorted(config_dir().glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _model_version() -> str:
    model = load_json("pipeline.json")["model"]
    try:
        return f"{model}=={metadata.version(model.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return model
