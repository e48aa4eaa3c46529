"""Throughput, latency and memory of ``extractor serve`` over loopback, as ratios to the in-process runner.

    .venv/bin/python -m benchmarks.service [--requests 160] [--rss-requests 1000] [--seconds 600] [--json]

On the texts of ``corpus/*.txt`` (in turn, repeated as needed) it measures:

(a) the per-article runner called in this process (``process_article``, warmed up): articles/s
    and the latency of each call, the anchor;
(b) ``POST /extract`` with the same texts to ``extractor serve --workers 1`` and ``--workers 2``
    (each on its own SQLite file, warmed up, twice as many client connections as workers so a
    worker never waits for the client): requests/s, p50 and p99 latency, and requests/s as a
    ratio to (a);
(c) the resident memory of the service (its process tree) across ``--rss-requests`` requests
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

from extractor.fetch import article_from_text  # noqa: E402
from extractor.pipeline import load_pipeline, process_article  # noqa: E402


def corpus_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((REPO / "corpus").glob("*.txt"))]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summary(latencies: list[float], wall: float) -> dict:
    return {"requests": len(latencies), "per_second": len(latencies) / wall,
            "p50_ms": 1000 * statistics.median(latencies), "p99_ms": 1000 * percentile(latencies, 0.99)}


def in_process(texts: list[str], count: int, seconds: float) -> dict:
    load_pipeline()
    process_article(article_from_text(texts[0], source="warm-up"))
    latencies: list[float] = []
    started = time.perf_counter()
    for number in range(count):
        begin = time.perf_counter()
        process_article(article_from_text(texts[number % len(texts)], source=f"text:{number}"))
        latencies.append(time.perf_counter() - begin)
        if time.perf_counter() - started > seconds:
            break
    return summary(latencies, time.perf_counter() - started)


def over_http(texts: list[str], workers: int, count: int, seconds: float, rss_every: int = 0) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as folder:
        service = ProcessService(f"sqlite:///{folder}/bench.db", "--workers", str(workers),
                                 "--per-client", "8").start()
        try:
            return _drive(service, texts, workers, count, seconds, rss_every)
        finally:
            service.stop()


def _drive(service: ProcessService, texts: list[str], workers: int, count: int, seconds: float,
           rss_every: int) -> dict:
    clients = 2 * workers
    with httpx.Client(timeout=120, limits=httpx.Limits(max_connections=clients)) as client:
        def one(number: int) -> float:
            begin = time.perf_counter()
            response = client.post(service.url("/extract"), json={"text": texts[number % len(texts)]})
            response.raise_for_status()
            return time.perf_counter() - begin

        with ThreadPoolExecutor(clients) as pool:  # warm-up: every worker has loaded and run spaCy
            list(pool.map(one, range(4 * clients)))
        sampler = RssSampler(service.process.pid) if rss_every else None
        latencies: list[float] = []
        started = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            for latency in pool.map(one, range(count)):
                latencies.append(latency)
                if sampler and len(latencies) == max(1, count // 10):
                    sampler.mark_warm()
                if time.perf_counter() - started > seconds:
                    break
        result = summary(latencies, time.perf_counter() - started)
        if sampler:
            result |= sampler.stop()
        return result


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
    anchor = in_process(texts, args.requests, args.seconds)
    runs = {"in_process": anchor}
    for workers in (1, 2):
        runs[f"http_{workers}_worker"] = over_http(texts, workers, args.requests, args.seconds)
        runs[f"http_{workers}_worker"]["ratio_to_in_process"] = runs[f"http_{workers}_worker"]["per_second"] / \
            anchor["per_second"]
    runs["memory_1_worker"] = over_http(texts, 1, args.rss_requests, args.seconds, rss_every=1)
    print(json.dumps(runs, indent=1) if args.json else table(runs))


def table(runs: dict) -> str:
    lines = [f"{'run':<18} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'x in-process':>12}"]
    for name, run in runs.items():
        ratio = run.get("ratio_to_in_process")
        lines.append(f"{name:<18} {run['requests']:>8} {run['per_second']:>7.2f} {run['p50_ms']:>7.1f} "
                     f"{run['p99_ms']:>7.1f} {'' if ratio is None else f'{ratio:.2f}':>12}")
    memory = runs["memory_1_worker"]
    lines.append(f"RSS of the service (1 worker) over {memory['requests']} requests: "
                 f"{memory['rss_after_10pct_mb']:.0f} MB after 10%, peak {memory['rss_peak_mb']:.0f} MB, "
                 f"end {memory['rss_end_mb']:.0f} MB (peak / after 10%: {memory['rss_growth_after_warm_up']:.3f})")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
