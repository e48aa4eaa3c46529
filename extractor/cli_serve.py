"""``extractor serve``: the HTTP service and web page (``extractor.serve``), run by uvicorn.
Registered on the app by :mod:`extractor.cli`."""

from __future__ import annotations

import os
from typing import Optional

import typer

from extractor.cli_common import rules_or_exit, without_password


def serve(
    host: str = typer.Option("127.0.0.1", metavar="HOST", help="address to listen on"),
    port: int = typer.Option(8000, metavar="PORT", help="port to listen on"),
    db: str = typer.Option("sqlite:///records.db", metavar="URL", help="SQLAlchemy URL of the database "
                           "(the batch tables, plus jobs): sqlite:///records.db or postgresql+psycopg://user@host/db"),
    workers: int = typer.Option(1, min=1, metavar="N", help="server processes, each with its own spaCy"),
    allow_internal: list[str] = typer.Option(
        [], "--allow-internal", metavar="ADDRESS:PORT", help="let fetches reach this internal address:port "
        "(e.g. 127.0.0.1:8080 for a test server); repeatable; default: none",
    ),
    max_body: int = typer.Option(2_000_000, metavar="BYTES", help="request body cap (413 beyond); /batch: "
                                 "--max-upload"),
    max_upload: int = typer.Option(50_000_000, metavar="BYTES", help="body cap of POST /batch"),
    request_timeout: float = typer.Option(60.0, metavar="SECONDS", help="answer 504 after this long"),
    per_client: int = typer.Option(4, min=1, metavar="N", help="requests of one client at work at once, "
                                   "per process (429 beyond)"),
    job_workers: int = typer.Option(1, min=1, metavar="N", help="worker processes of a batch job"),
    log_level: Optional[str] = typer.Option("info", metavar="LEVEL", help="uvicorn log level"),
) -> None:
    """Serve the API and the web page. Write endpoints need a token when EXTRACTOR_API_TOKEN is set.

    \b
    Examples:
      extractor serve                      # http://127.0.0.1:8000/ on sqlite:///records.db
      extractor serve --port 9000 --workers 2 --db postgresql+psycopg://me@localhost/records
    """
    import uvicorn

    from extractor.serve.settings import ServeSettings

    rules_or_exit()
    settings = ServeSettings(db=db, allow_internal=tuple(allow_internal), max_body=max_body, max_upload=max_upload,
                             request_timeout=request_timeout, per_client=per_client, job_workers=job_workers)
    os.environ.update(settings.to_env())
    typer.echo(f"extractor serve: http://{host}:{port}/ (database {without_password(db)}, {workers} worker(s))",
               err=True)
    uvicorn.run("extractor.serve.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level=log_level, access_log=False)
