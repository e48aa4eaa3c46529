"""A real headless Chromium for the report tests: the rendered DOM and screenshots.

Started with the flags this closed network needs (no background connections,
no QUIC, a fresh profile per run) so that it never tries to reach the network.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def find_chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def run_chromium(executable: str, page: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="r_chromium_") as profile:
        command = [executable, *FLAGS, f"--user-data-dir={profile}", *args, page.resolve().as_uri()]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done


def dump_dom(executable: str, page: Path) -> str:
    """The DOM after Chromium loaded and rendered ``page``, serialized."""
    return run_chromium(executable, page, "--dump-dom").stdout


def screenshot(executable: str, page: Path, png: Path, width: int = 1400, height: int = 2000) -> tuple[int, int]:
    """Write a PNG of ``page`` and return its (width, height) as read from the file."""
    run_chromium(executable, page, f"--screenshot={png}", f"--window-size={width},{height}")
    return png_size(png)


def png_size(png: Path) -> tuple[int, int]:
    data = png.read_bytes()[:24]
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError(f"{png} is not a PNG")
    return struct.unpack(">II", data[16:24])
