"""Progress of a batch: a rich bar on a terminal, plain log lines otherwise, or nothing.

All three count the same things (articles, records, skipped, failed, already
done), and the summary table at the end is drawn from the same ``Tally``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

LOG_EVERY_SECONDS = 5.0


@dataclass
class Tally:
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    already_done: int = 0
    records: int = 0
    facts: int | None = None  # the facts in the database after the run, when there is one
    codes: Counter = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    @property
    def inputs(self) -> int:
        return self.ok + self.skipped + self.failed + self.already_done

    @property
    def processed(self) -> int:
        return self.ok + self.skipped + self.failed

    def add(self, results: list[dict]) -> None:
        for result in results:
            setattr(self, result["status"], getattr(self, result["status"]) + 1)
            self.records += len(result.get("records", []))
            self.codes.update(error["code"] for error in result.get("errors", []) if result["status"] != "ok")

    def rate(self) -> float:
        return self.processed / max(time.monotonic() - self.started, 1e-9)

    def as_dict(self) -> dict:
        return {"inputs": self.inputs, "ok": self.ok, "skipped": self.skipped, "failed": self.failed,
                "already_done": self.already_done, "records": self.records,
                "seconds": round(time.monotonic() - self.started, 2), "codes": dict(self.codes)}


class Silent:
    def __init__(self, tally: Tally) -> None:
        self.tally = tally

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def update(self) -> None:
        return None


class LogLines(Silent):
    """One line on stderr every few seconds: for logs, CI and pipes."""

    def __init__(self, tally: Tally) -> None:
        super().__init__(tally)
        self.last = time.monotonic()

    def update(self) -> None:
        if time.monotonic() - self.last >= LOG_EVERY_SECONDS:
            self.last = time.monotonic()
            print(status_line(self.tally), file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        print(status_line(self.tally), file=sys.stderr, flush=True)


class Bar(Silent):
    """A live rich progress bar on a terminal (the total is unknown: inputs stream)."""

    def __init__(self, tally: Tally) -> None:
        super().__init__(tally)
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]batch"), BarColumn(), TextColumn("{task.description}"),
            TimeElapsedColumn(), console=Console(stderr=True), transient=False,
        )
        self.task = None

    def __enter__(self):
        self.progress.start()
        self.task = self.progress.add_task(status_line(self.tally), total=None)
        return self

    def update(self) -> None:
        self.progress.update(self.task, description=status_line(self.tally))

    def __exit__(self, *exc) -> None:
        self.update()
        self.progress.stop()


def status_line(tally: Tally) -> str:
    return (f"{tally.processed} articles ({tally.rate():.1f}/s), {tally.records} records, "
            f"{tally.skipped} skipped, {tally.failed} failed, {tally.already_done} already done")


def reporter(tally: Tally, quiet: bool) -> Silent:
    if quiet:
        return Silent(tally)
    return Bar(tally) if sys.stderr.isatty() else LogLines(tally)


def summary_table(tally: Tally) -> Table:
    table = Table(title="extractor batch", show_header=True)
    table.add_column("inputs", justify="right")
    names = ["ok", "skipped", "failed", "already done", "records"] + (["facts"] if tally.facts is not None else [])
    for name in names + ["articles/s"]:
        table.add_column(name, justify="right")
    values = [tally.inputs, tally.ok, tally.skipped, tally.failed, tally.already_done, tally.records]
    values += [tally.facts] if tally.facts is not None else []
    table.add_row(*map(str, values), f"{tally.rate():.1f}")
    return table


def interrupted_message(tally: Tally, signal_name: str, resumable: bool) -> str:
    """What the user reads after Ctrl-C or SIGTERM: how far the run got and how to go on."""
    then = ("the same command resumes where this run stopped" if resumable
            else "the output files hold the results written so far")
    inputs = "input" if tally.processed == 1 else "inputs"
    return (f"interrupted ({signal_name}) after {tally.processed} {inputs} processed "
            f"({tally.ok} ok, {tally.skipped} skipped, {tally.failed} failed; {tally.already_done} already done), "
            f"{tally.records} records written; {then}")


def codes_table(tally: Tally) -> Table | None:
    if not tally.codes:
        return None
    table = Table(title="why inputs were skipped or failed")
    table.add_column("code")
    table.add_column("inputs", justify="right")
    for code, count in tally.codes.most_common():
        table.add_row(code, str(count))
    return table
