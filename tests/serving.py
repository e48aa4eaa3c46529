"""The service for tests: a real uvicorn on 127.0.0.1, in a thread of the test process or as
``extractor serve`` in a subprocess (to be killed), each on a free port with its own SQLite file.

    with ThreadService(ServeSettings(db=...)) as service:
        httpx.post(service.url("/extract"), json={"text": ...})
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from extractor.serve.app import create_app
from extractor.serve.settings import ServeSettings

START_WAIT = 180.0  # seconds a service may take to load spaCy and answer /health


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThreadService:
    """uvicorn serving ``create_app(settings)`` in a thread of this process."""

    def __init__(self, settings: ServeSettings) -> None:
        self.settings = settings
        self.socket = socket.socket()
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        config = uvicorn.Config(create_app(settings), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> ThreadService:
        self.thread.start()
        deadline = time.monotonic() + START_WAIT
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the service did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.socket.close()


class ProcessService:
    """``extractor serve`` in a subprocess, which a test may kill with SIGKILL and start again."""

    def __init__(self, db: str, *args: str, env: dict[str, str] | None = None) -> None:
        self.db, self.args, self.env = db, args, env or {}
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> ProcessService:
        executable = Path(sys.executable).with_name("extractor")
        command = [str(executable), "serve", "--port", str(self.port), "--db", self.db, "--log-level", "warning",
                   *self.args]
        self.process = subprocess.Popen(command, env={**os.environ, **self.env}, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE)
        deadline = time.monotonic() + START_WAIT
        while not self._healthy():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"extractor serve did not start: {self.process.stderr.read()[-2000:]!r}")
            time.sleep(0.2)
        return self

    def _healthy(self) -> bool:
        try:
            return httpx.get(self.url("/health"), timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    def kill(self) -> None:
        """SIGKILL, as a crash: no shutdown code runs. Waits, so the pid is gone (not a zombie)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        if self.process is not None:
            self.process.wait(30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.kill()
