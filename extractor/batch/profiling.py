"""``--profile``: where a batch's time goes, by stage and by input.

Stages: ``read`` (file bytes, a download's decoding check), ``gate`` (the
markup and text relevance checks), ``trafilatura`` (text out of HTML, with the
page's metadata), ``spacy`` (the tokenizer and the model's components),
``rules`` (this project's components: places, terms, times, counts, the
assembler and its validation) and ``sinks`` (writing files and the database, in
the main process). A worker measures its own stages per input; in profile mode
it runs each article through the components one by one instead of
``nlp.pipe`` in batches, so the split is exact but the whole a little slower.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field

from rich.table import Table

STAGES = ("read", "gate", "trafilatura", "spacy", "rules", "sinks")
PROFILE_KEY = "_profile"  # a result's stage times, taken off before any sink sees it
OWN_COMPONENT_PREFIX = "defection_"
SLOWEST_SHOWN = 10


class Stopwatch:
    """Seconds per stage for one input; a disabled one measures nothing and costs nothing."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.seconds: dict[str, float] = defaultdict(float)

    def stage(self, name: str):
        return self._timed(name) if self.enabled else nullcontext()

    @contextmanager
    def _timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] += time.perf_counter() - started


def profiled_doc(nlp, doc, watch: Stopwatch):
    """The doc through each pipeline component in turn, spaCy's and ours timed apart."""
    for name, component in nlp.pipeline:
        with watch.stage("rules" if name.startswith(OWN_COMPONENT_PREFIX) else "spacy"):
            doc = component(doc)
    return doc


@dataclass
class Profile:
    totals: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    inputs: list[tuple[float, str, dict[str, float]]] = field(default_factory=list)  # the slowest, kept short

    def take(self, results: list[dict]) -> None:
        """Move each result's stage times into the profile (the result is left as the contract has it)."""
        for result in results:
            seconds = result.pop(PROFILE_KEY, None) or {}
            for stage, value in seconds.items():
                self.totals[stage] += value
            self.inputs.append((sum(seconds.values()), result["article"]["source"], seconds))
        self.inputs = sorted(self.inputs, key=lambda entry: -entry[0])[:SLOWEST_SHOWN]

    def add_sinks(self, seconds: float) -> None:
        self.totals["sinks"] += seconds


def stages_table(profile: Profile, inputs: int) -> Table:
    whole = sum(profile.totals.values()) or 1e-9
    table = Table(title="time per stage (--profile)")
    for name, justify in (("stage", "left"), ("seconds", "right"), ("share", "right"), ("ms per input", "right")):
        table.add_column(name, justify=justify)
    for stage in STAGES:
        value = profile.totals.get(stage, 0.0)
        table.add_row(stage, f"{value:.2f}", f"{100 * value / whole:.0f}%", f"{1000 * value / max(inputs, 1):.1f}")
    return table


def slowest_table(profile: Profile) -> Table:
    table = Table(title=f"the {len(profile.inputs)} slowest inputs (--profile)")
    table.add_column("input", overflow="fold")
    table.add_column("seconds", justify="right")
    table.add_column("most of it in")
    for seconds, source, stages in profile.inputs:
        biggest = max(stages, key=stages.get) if stages else ""
        table.add_row(source, f"{seconds:.3f}", biggest)
    return table
