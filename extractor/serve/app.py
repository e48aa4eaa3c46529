"""The ASGI app: ``create_app(settings)``; ``app_from_env`` is the factory uvicorn's workers import.

At startup each process opens the database (creating the tables), loads the spaCy pipeline
once, and starts its job runner, which resumes jobs a previous service left unfinished.
"""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from extractor import __version__
from extractor.pipeline import load_pipeline
from extractor.serve import page, routes
from extractor.serve.jobs import JobRunner, create_job_table
from extractor.serve.safety import BAD_REQUEST, INTERNAL_ERROR, NOT_FOUND, ApiError, BodyLimit, ClientLimiter, \
    error_body
from extractor.serve.settings import ServeSettings, from_env
from extractor.serve.store import Store

REQUEST_THREADS = 16
log = logging.getLogger("extractor.serve")


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    settings = settings or ServeSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.settings = settings
        app.state.store = Store(settings.db)
        create_job_table(app.state.store.engine)
        load_pipeline()
        app.state.limiter = ClientLimiter(settings.per_client)
        app.state.executor = ThreadPoolExecutor(REQUEST_THREADS, thread_name_prefix="extract")
        app.state.runner = JobRunner(app.state.store.engine, settings)
        app.state.runner.start()
        try:
            yield
        finally:
            app.state.runner.stop()
            app.state.executor.shutdown(wait=False, cancel_futures=True)
            app.state.store.close()

    app = FastAPI(title="extractor", version=__version__, lifespan=lifespan,
                  description="Defection records from news articles: extraction, batch jobs, records and facts.")
    app.include_router(routes.router)
    app.include_router(page.router)
    app.add_middleware(BodyLimit, cap_for=lambda path: settings.max_upload if path == "/batch" else settings.max_body)
    _error_handlers(app)
    return app


def app_from_env() -> FastAPI:
    return create_app(from_env())


def _error_handlers(app: FastAPI) -> None:
    """Every error answers ``{"error": {"code", "message"}}``; none carries a traceback."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        if page.is_page(request):
            return page.error_page(exc)
        return JSONResponse(exc.body(), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in exc.errors())
        return JSONResponse(error_body(BAD_REQUEST, problems[:1000]), status_code=422)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        code = NOT_FOUND if exc.status_code == 404 else BAD_REQUEST
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return JSONResponse(error_body(INTERNAL_ERROR, "internal error (logged on the server)"), status_code=500)
