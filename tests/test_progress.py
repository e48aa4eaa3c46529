"""Progress output: a live bar on a terminal, plain log lines in a pipe, nothing with --quiet.

The terminal is a real pseudo-terminal (``pty``), so the rich bar path runs as a user sees it.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from archives import write_jsonl

TEXT = "Two North Korean soldiers defected across the DMZ on Tuesday, the military said."


def archive(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "a.jsonl", [{"text": TEXT.replace("Two", word), "published": "2025-01-09"}
                                              for word in ("Two", "Three", "Four")])


def run_on_terminal(args: list[str]) -> tuple[int, str]:
    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS="120", TERM="xterm")
    proc = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True)
    os.close(follower)
    chunks = []
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(leader)
    return proc.wait(timeout=300), b"".join(chunks).decode("utf-8", errors="replace")


def test_terminal_gets_a_live_bar_and_the_summary(tmp_path) -> None:
    code, screen = run_on_terminal([sys.executable, "-m", "extractor", "batch", str(archive(tmp_path)), "--out", str(tmp_path / "o.jsonl")])
    assert code == 0, screen
    assert "\x1b[" in screen  # terminal control sequences: the live display
    assert "3 articles" in screen and "3 records" in screen
    assert "inputs" in screen and "already done" in screen  # the summary table


def test_pipe_gets_plain_lines_and_quiet_gets_nothing(tmp_path) -> None:
    source = str(archive(tmp_path))
    piped = subprocess.run([sys.executable, "-m", "extractor", "batch", source, "--out", str(tmp_path / "o.jsonl")],
                           capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0
    assert "\x1b[" not in piped.stderr
    assert "3 articles" in piped.stderr and "3 records, 0 skipped, 0 failed, 0 already done" in piped.stderr
    quiet = subprocess.run([sys.executable, "-m", "extractor", "batch", source, "--out", str(tmp_path / "q.jsonl"), "--quiet"],
                           capture_output=True, text=True, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == "" and quiet.stdout == ""
