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
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

LOG_EVERY_SECONDS = 5.0
FAILURES_SHOWN = 10


@dataclass
class Tally:
    ok: int = 0
    skipped: int = 0
    failed: int = 0
    already_done: int = 0
    records: int = 0
    facts: int | None = None  # the facts in the database after the run, when there is one
    total: int | None = None  # every input of the run, once counted (``extractor.batch.totals``)
    failures: list[tuple[str, list[str]]] = field(default_factory=list)  # the first failed inputs, with codes
    profile: object | None = None  # a ``profiling.Profile`` with --profile
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
            if result["status"] == "failed" and len(self.failures) < FAILURES_SHOWN:
                self.failures.append((result["article"]["source"], [e["code"] for e in result.get("errors", [])]))

    def eta(self) -> float | None:
        """Seconds left at the rate so far; None while the total or the rate is unknown."""
        if self.total is None or self.processed == 0:
            return None
        return max(0, self.total - self.inputs) / self.rate()

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
            print(log_line(self.tally), file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        print(status_line(self.tally), file=sys.stderr, flush=True)


class Bar(Silent):
    """A live rich progress bar on a terminal: a spinner until the total is counted, then a bar
    with the time left."""

    def __init__(self, tally: Tally) -> None:
        super().__init__(tally)
        self.progress = Progress(
            SpinnerColumn(), TextColumn("[bold]batch"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.description}"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=Console(stderr=True), transient=False,
        )
        self.task = None

    def __enter__(self):
        self.progress.start()
        self.task = self.progress.add_task(status_line(self.tally), total=None)
        return self

    def update(self) -> None:
        self.progress.update(self.task, description=status_line(self.tally), total=self.tally.total,
                             completed=self.tally.inputs)

    def __exit__(self, *exc) -> None:
        self.update()
        self.progress.stop()


def status_line(tally: Tally) -> str:
    line = (f"{tally.processed} articles ({tally.rate():.1f}/s), {tally.records} records, "
            f"{tally.skipped} skipped, {tally.failed} failed, {tally.already_done} already done")
    return line + (f" · {tally.inputs}/{tally.total} inputs" if tally.total is not None else "")


def log_line(tally: Tally) -> str:
    """The status line with the time left, for logs (the bar draws its own)."""
    eta = tally.eta()
    return status_line(tally) + (f", ETA {_clock(eta)}" if eta is not None else "")


def _clock(seconds: float) -> str:
    minutes, second = divmod(int(round(seconds)), 60)
    hours, minute = divmod(minutes, 60)
    return f"{hours}:{minute:02d}:{second:02d}"


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
            f"{tally.records} records written{_left(tally)}; {then}")


def _left(tally: Tally) -> str:
    return f", {max(0, tally.total - tally.inputs)} of {tally.total} inputs left" if tally.total is not None else ""


def codes_table(tally: Tally) -> Table | None:
    if not tally.codes:
        return None
    table = Table(title="why inputs were skipped or failed")
    table.add_column("code")
    table.add_column("inputs", justify="right")
    for code, count in tally.codes.most_common():
        table.add_row(code, str(count))
    return table


def failures_table(tally: Tally, failures_file: str | None) -> Table | None:
    """The first failed inputs with their codes, and where the whole list is."""
    if not tally.failures:
        return None
    shown = len(tally.failures)
    where = f"all in {failures_file}" if failures_file else "--failures FILE lists them all"
    title = f"failed inputs ({shown} of {tally.failed}; {where})" if tally.failed > shown else "failed inputs"
    table = Table(title=title)
    table.add_column("input", overflow="fold")
    table.add_column("codes")
    for source, codes in tally.failures:
        table.add_row(source, ", ".join(codes))
    return table
