"""Throughput, latency and memory of ``extractor serve`` over loopback, as ratios to the in-process runner.

    .venv/bin/python -m benchmarks.service [--requests 160] [--rss-requests 1000] [--seconds 600] [--json]

On the texts of ``corpus/*.txt`` (in turn, repeated as needed) it measures:

(a) the per-article runner called in this process (``process_article``, warmed up): articles/s
    and the latency of each call, the anchor;
(b) ``POST /extract`` with the same texts to ``extractor serve --workers 1`` and ``--workers 2``
    (each on its own SQLite file, warmed up, twice as many client connections as workers so a
    worker never waits for the client): requests/s, p50 and p99 latency, and requests/s as a
    ratio to (a). (a) and (b) run in alternating blocks of 20 articles, so the load of a shared
    machine weighs on both alike;
(c) what 2 processes give over 1 on this machine for pure CPU work (the ceiling of 2 workers,
    from ``benchmarks/throughput.py``), since the machine may be shared;
(d) the resident memory of the service (its process tree) across ``--rss-requests`` requests
    to one worker: after the first 10% of them, and its peak.

Every run is bounded by its request count and by ``--seconds``. Nothing here is a test:
timings depend on the machine. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from serving import ProcessService  # noqa: E402  (the tests' subprocess service)

from benchmarks.throughput import machine_scaling  # noqa: E402  (2 processes over 1, pure CPU)

from extractor.fetch import article_from_text  # noqa: E402
from extractor.pipeline import load_pipeline, process_article  # noqa: E402


BLOCK = 20  # articles per block; in-process and HTTP blocks alternate


def corpus_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((REPO / "corpus").glob("*.txt"))]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(latencies: list[float], wall: float) -> dict:
    return {"requests": len(latencies), "per_second": len(latencies) / wall,
            "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * percentile(latencies, 0.99)}


class Side:
    """One side of a comparison: its latencies and the wall time of its blocks."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.wall = 0.0

    def block(self, run_block, numbers: range) -> None:
        started = time.perf_counter()
        self.latencies.extend(run_block(numbers))
        self.wall += time.perf_counter() - started


def in_process_block(texts: list[str]):
    load_pipeline()

    def run(numbers: range) -> list[float]:
        latencies = []
        for number in numbers:
            begin = time.perf_counter()
            process_article(article_from_text(texts[number % len(texts)], source=f"text:{number}"))
            latencies.append(time.perf_counter() - begin)
        return latencies

    return run


def started_service(folder: str, workers: int) -> ProcessService:
    return ProcessService(f"sqlite:///{folder}/bench.db", "--workers", str(workers), "--per-client", "8").start()


def http_block(service: ProcessService, client: httpx.Client, pool: ThreadPoolExecutor, texts: list[str]):
    def one(number: int) -> float:
        begin = time.perf_counter()
        client.post(service.url("/extract"), json={"text": texts[number % len(texts)]}).raise_for_status()
        return time.perf_counter() - begin

    return lambda numbers: list(pool.map(one, numbers))


def compare(texts: list[str], workers: int, count: int, seconds: float) -> tuple[dict, dict]:
    """(in-process, over HTTP) on the same texts, in alternating blocks of BLOCK articles, so that
    the load of a shared machine weighs on both sides alike."""
    local, remote = Side(), Side()
    clients = 2 * workers
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder, ThreadPoolExecutor(clients) as pool, \
            httpx.Client(timeout=120, limits=httpx.Limits(max_connections=clients)) as client:
        service = started_service(folder, workers)
        try:
            in_process, over_http = in_process_block(texts), http_block(service, client, pool, texts)
            in_process(range(4)), over_http(range(4 * clients))  # warm-up: every worker has run spaCy
            started = time.perf_counter()
            for first in range(0, count, BLOCK):
                numbers = range(first, min(count, first + BLOCK))
                local.block(in_process, numbers)
                remote.block(over_http, numbers)
                if time.perf_counter() - started > seconds:
                    break
        finally:
            service.stop()
    return summary(local.latencies, local.wall), summary(remote.latencies, remote.wall)


def memory_run(texts: list[str], count: int, seconds: float) -> dict:
    """``count`` requests to one worker, the service's resident memory sampled throughout."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder, ThreadPoolExecutor(2) as pool, \
            httpx.Client(timeout=120) as client:
        service = started_service(folder, 1)
        try:
            over_http = http_block(service, client, pool, texts)
            over_http(range(8))
            sampler, side, started = RssSampler(service.process.pid), Side(), time.perf_counter()
            for first in range(0, count, BLOCK):
                side.block(over_http, range(first, min(count, first + BLOCK)))
                if first + BLOCK >= count // 10 > first:
                    sampler.mark_warm()
                if time.perf_counter() - started > seconds:
                    break
            return summary(side.latencies, side.wall) | sampler.stop()
        finally:
            service.stop()


class RssSampler:
    """The resident memory of a process and its children, sampled every 50 ms in a thread."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.peak = self.warm = self.warm_peak = 0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def rss(self) -> int:
        tree = [self.process, *self.process.children(recursive=True)]
        return sum(p.memory_info().rss for p in tree if p.is_running())

    def _run(self) -> None:
        while not self.stopping.wait(0.05):
            self.peak = max(self.peak, self.rss())

    def mark_warm(self) -> None:
        self.warm, self.warm_peak = self.rss(), self.peak

    def stop(self) -> dict:
        self.stopping.set()
        self.thread.join()
        final = self.rss()
        return {"rss_after_10pct_mb": self.warm / 2**20, "rss_peak_mb": max(self.peak, final) / 2**20,
                "rss_end_mb": final / 2**20, "rss_growth_after_warm_up": max(self.peak, final) / max(self.warm, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=160, help="requests per throughput run")
    parser.add_argument("--rss-requests", type=int, default=1000, help="requests of the memory run")
    parser.add_argument("--seconds", type=float, default=600.0, help="time cap of each run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = corpus_texts()
    runs: dict = {}
    for workers in (1, 2):
        anchor, run = compare(texts, workers, args.requests, args.seconds)
        runs[f"in_process_{workers}"] = anchor
        runs[f"http_{workers}_worker"] = run | {"ratio_to_in_process": run["per_second"] / anchor["per_second"]}
    runs["memory_1_worker"] = memory_run(texts, args.rss_requests, args.seconds)
    runs["machine_ceiling_2_vs_1"] = machine_scaling()
    print(json.dumps(runs, indent=1) if args.json else table(runs))


def table(runs: dict) -> str:
    lines = [f"{'run':<18} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'x in-process':>12}"]
    for name, run in runs.items():
        if not isinstance(run, dict):
            continue
        ratio = run.get("ratio_to_in_process")
        lines.append(f"{name:<18} {run['requests']:>8} {run['per_second']:>7.2f} {run['p50_ms']:>7.1f} "
                     f"{run['p99_ms']:>7.1f} {'' if ratio is None else f'{ratio:.2f}':>12}")
    memory = runs["memory_1_worker"]
    lines.append(f"RSS of the service (1 worker) over {memory['requests']} requests: "
                 f"{memory['rss_after_10pct_mb']:.0f} MB after 10%, peak {memory['rss_peak_mb']:.0f} MB, "
                 f"end {memory['rss_end_mb']:.0f} MB (peak / after 10%: {memory['rss_growth_after_warm_up']:.3f})")
    lines.append(f"2 processes over 1 on this machine for pure CPU work (the ceiling of 2 workers): "
                 f"{runs['machine_ceiling_2_vs_1']:.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
