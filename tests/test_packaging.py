"""What an install carries: every package, the rule files inside it, the spaCy entry points.

The slow test installs a copy of the project (not editable) into a folder and runs
the installed command from elsewhere, so nothing of the checkout can stand in for it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from spacy.language import Language

import extractor.components  # noqa: F401  (registers the factories)
from conftest import REFERENCE_DIR, REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_is_listed_for_setuptools():
    """The list in pyproject.toml is explicit (configs/ maps to extractor.configs): a new
    subpackage must be added to it, or a wheel would lack it."""
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "extractor").rglob("__init__.py")}
    assert listed == found | {"extractor.configs"}
    assert PYPROJECT["tool"]["setuptools"]["package-dir"] == {"extractor.configs": "configs"}


def test_every_factory_has_a_spacy_factories_entry_point():
    declared = PYPROJECT["project"]["entry-points"]["spacy_factories"]
    ours = {name for name in Language.factories if name.startswith("defection_")}
    assert set(declared) == ours
    for name, target in declared.items():
        module, _, function = target.partition(":")
        assert Language.get_factory_meta(name).factory == name
        assert getattr(sys.modules[module], function).__name__ == function
    installed = {point.name: point.value for point in entry_points(group="spacy_factories")}
    assert {name: installed.get(name) for name in declared} == declared, "reinstall: pip install -e ."


def project_copy(target: Path) -> Path:
    """The files git would commit (tracked and new, not ignored), copied to ``target``."""
    listing = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                             cwd=REPO, capture_output=True, text=True, check=True).stdout
    for name in filter(None, listing.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def pip_install(project: Path, target: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
                           str(target), str(project)], capture_output=True, text=True, timeout=300)
    if done.returncode != 0 and "No matching distribution found for setuptools" in done.stderr:
        pytest.skip("pip cannot get the build backend (setuptools>=77) for an isolated build")
    assert done.returncode == 0, done.stderr[-2000:]


INSPECT = "import extractor, extractor.rules as r; print(extractor.__file__); print(r.default_config_dir())"


def test_a_non_editable_install_runs_on_its_own_rules(tmp_path):
    articles = sorted(REFERENCE_DIR.glob("*.txt"))
    if not articles:
        pytest.skip(f"shared reference corpus not present ({REFERENCE_DIR})")
    target, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    pip_install(project_copy(tmp_path / "project"), target)
    env = {key: value for key, value in os.environ.items() if key not in ("EXTRACTOR_CONFIG_DIR", "PYTHONPATH")}
    env["PYTHONPATH"] = str(target)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=elsewhere,
                              timeout=240)

    where = run("-c", INSPECT)
    package_file, rules_dir = map(Path, where.stdout.split())
    assert package_file == target / "extractor" / "__init__.py", "the editable install shadows the target"
    assert rules_dir == target / "extractor" / "configs"
    assert sorted(p.name for p in rules_dir.glob("*.json")) == sorted(p.name for p in (REPO / "configs").glob("*.json"))
    done = run("-m", "extractor", "extract", str(articles[0]))
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["status"] == "ok" and len(result["records"]) > 0
