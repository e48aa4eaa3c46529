"""A throwaway PostgreSQL server on 127.0.0.1 for the database tests.

``.ci/run`` starts one before pytest and exports its URL:

    eval "$(.venv/bin/python tests/pgserver.py start)"   # sets EXTRACTOR_TEST_PG_URL, PGSERVER_DIR
    .venv/bin/python tests/pgserver.py stop "$PGSERVER_DIR"

The ``postgres_url`` fixture uses ``EXTRACTOR_TEST_PG_URL`` when set, and
otherwise starts a server of its own from Debian's binaries (initdb, pg_ctl)
in a temporary directory. The server runs as the ``postgres`` user when the
tests run as root (PostgreSQL refuses to run as root), trusts local
connections, and listens on a free port of 127.0.0.1 only.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

DATABASE = "extractor_test"
USER = "postgres"


def find_bin(name: str) -> str | None:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else shutil.which(name)


def available() -> bool:
    return all(find_bin(name) for name in ("initdb", "pg_ctl", "createdb"))


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", USER, "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start() -> tuple[str, Path]:
    """Start a server; return its SQLAlchemy URL and its directory (for ``stop``)."""
    root = Path(tempfile.mkdtemp(prefix="extractor-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, USER)
    port = _free_port()
    run = lambda *cmd: subprocess.run(_as_server_user(list(cmd)), check=True, capture_output=True, text=True)  # noqa: E731
    run(find_bin("initdb"), "-D", str(data), "-U", USER, "--auth=trust", "--encoding=UTF8", "--locale=C")
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} -c fsync=off"
    run(find_bin("pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start")
    run(find_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE)
    return f"postgresql+psycopg://{USER}@127.0.0.1:{port}/{DATABASE}", root


def stop(root: Path) -> None:
    subprocess.run(_as_server_user([find_bin("pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"]),
                   capture_output=True)
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["start"]:
        url, directory = start()
        print(f"export EXTRACTOR_TEST_PG_URL={url} PGSERVER_DIR={directory}")
    elif sys.argv[1:2] == ["stop"] and len(sys.argv) == 3:
        stop(Path(sys.argv[2]))
    else:
        sys.exit("usage: pgserver.py start | stop DIR")
