"""No import cycles in ``extractor/``: an AST check over every module, and fresh imports of the moved ones.

The AST check follows the imports a module runs when it is imported (its
top-level ``import`` / ``from ... import`` statements, not the ones inside a
function, which run later and are how a deliberate late import breaks a cycle).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"
MOVED_PACKAGES = ("fetch", "evaluate")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(name: str, imported: list[str]) -> set[str]:
    """The project modules ``from name import a, b`` loads: the submodules it names, else ``name``."""
    targets = {f"{name}.{item}" for item in imported if f"{name}.{item}" in MODULES}
    return targets or ({name} if name in MODULES else set())


def top_level_imports(path: Path) -> set[str]:
    edges: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            edges.update(alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            edges |= resolve(node.module, [alias.name for alias in node.names])
    return edges


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path of modules (first == last), or None."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return stack[stack.index(target):] + [target]
            if target not in state and (cycle := visit(target)):
                return cycle
        state[node] = "done"
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_module_of_extractor_takes_part_in_an_import_cycle() -> None:
    graph = {name: top_level_imports(path) - {name} for name, path in MODULES.items()}
    assert "extractor.fetch.decode" in graph["extractor.fetch.source"]  # the check sees real edges
    assert find_cycle(graph) is None


def test_the_old_flat_modules_are_gone() -> None:
    for old in ("fetch_http", "fetch_html", "encoding", "files", "evaluate_match", "evaluate_details"):
        assert not (PACKAGE / f"{old}.py").exists(), old


@pytest.mark.parametrize("name", sorted(
    name for name in MODULES if name.split(".")[1:2] and name.split(".")[1] in MOVED_PACKAGES + ("outcomes",)
))
def test_each_moved_module_imports_alone_in_a_fresh_interpreter(name: str) -> None:
    done = subprocess.run([sys.executable, "-c", f"import {name}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
