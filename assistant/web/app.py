"""One FastAPI app: the HTTP API, and the Gradio chat mounted on it (see ``ui.py``)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StrictStr
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from assistant.core import MAX_QUESTION_CHARS, Assistant
from assistant.settings import Settings
from ingest.generations import CorpusNotIngested

log = logging.getLogger(__name__)


class Turn(BaseModel):
    """One message of the chat history."""

    role: Literal["user", "assistant"]
    content: StrictStr = Field(max_length=20_000)


class AskRequest(BaseModel):
    """Body of POST /api/ask."""

    question: StrictStr = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    history: list[Turn] = Field(default_factory=list, max_length=50)


_FIELD_NAMES = {"question": "la pregunta", "history": "el historial", "role": "el rol", "content": "el contenido"}


def _spanish_error(errors: list[dict[str, Any]]) -> str:
    """One Spanish sentence for FastAPI's validation errors."""
    messages = []
    for err in errors:
        where = next((_FIELD_NAMES[p] for p in reversed(err.get("loc", [])) if p in _FIELD_NAMES), "la solicitud")
        kind = err.get("type", "")
        if kind == "missing":
            messages.append(f"falta {where}")
        elif kind in ("string_too_short",):
            messages.append(f"{where} está vacía")
        elif kind in ("string_too_long", "too_long"):
            limit = err.get("ctx", {}).get("max_length")
            messages.append(f"{where} es demasiado larga (máximo {limit} caracteres)" if where == "la pregunta"
                            else f"{where} es demasiado largo")
        elif kind in ("string_type", "list_type", "model_type", "dict_type"):
            messages.append(f"{where} tiene un tipo no válido")
        elif kind == "literal_error":
            messages.append(f"{where} debe ser «user» o «assistant»")
        elif kind == "json_invalid":
            messages.append("el cuerpo no es JSON válido")
        else:
            messages.append(f"{where} no es válido")
    text = "; ".join(dict.fromkeys(messages)) or "solicitud no válida"
    return f"Solicitud no válida: {text}."


class RateLimiter:
    """Sliding one-minute window per client address."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        """Record a request; False when the client is over its limit."""
        if self.per_minute <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            while hits and now - hits[0] > 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False
            hits.append(now)
            if len(self._hits) > 10_000:  # forget idle clients
                for key in [k for k, v in self._hits.items() if not v]:
                    del self._hits[key]
            return True


def create_api(assistant: Assistant, settings: Settings) -> FastAPI:
    """The FastAPI app with /api/ask, /api/indicators, /healthz (OpenAPI at /docs)."""
    app = FastAPI(title="Asistente PNCTI", version="0.1.0",
                  description="Preguntas y respuestas sobre la PNCTI al 2030, con cifras verificadas y citas.")
    limiter = RateLimiter(settings.rate_limit_per_minute)
    origins = settings.allowed_origins

    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"], allow_credentials=False)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Any:
        response = await call_next(request)
        ancestors = " ".join(["'self'", *origins])
        response.headers.setdefault("Content-Security-Policy", f"frame-ancestors {ancestors}")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(status_code=422, content={"detail": _spanish_error(list(exc.errors()))})

    @app.exception_handler(CorpusNotIngested)
    async def not_ingested(request: Request, exc: CorpusNotIngested) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("Error no previsto en %s", request.url.path)
        return JSONResponse(status_code=500, content={"detail": "Error interno: el equipo técnico fue notificado en el registro del servidor."})

    @app.post("/api/ask", summary="Hace una pregunta")
    async def ask(body: AskRequest, request: Request) -> JSONResponse:
        client = request.client.host if request.client else "desconocido"
        if not limiter.allow(client):
            return JSONResponse(status_code=429, content={
                "detail": "Demasiadas preguntas en poco tiempo: espere un minuto e inténtelo de nuevo."})
        history = [t.model_dump() for t in body.history]
        answer = await run_in_threadpool(assistant.ask, body.question, history)
        if answer.route == "invalida":
            return JSONResponse(status_code=422, content={"detail": answer.text})
        return JSONResponse(answer.to_dict())

    @app.get("/api/indicators", summary="Indicadores con su valor, avance y fuente")
    async def indicators(code: str | None = None) -> JSONResponse:
        snap = await run_in_threadpool(assistant.kb.snapshot)
        rows = []
        for ind_id, values in sorted(snap.values.items()):
            ind = snap.indicators.get(ind_id, {})
            if code and code.upper() not in (ind_id.upper(), (ind.get("code") or "").upper()):
                continue
            for v in values:
                rows.append({"code": ind.get("code") or ind_id, "name": ind.get("name"), "objective": ind.get("objective"),
                             "period": v["period"], "value": v["value"], "unit": v["unit"],
                             "progress_pct": v["progress_pct"], "status": v["status"], "reason": v["reason"],
                             "document": snap.doc_name(v["doc_id"]), "page": v["page"], "quote": v["quote"]})
        return JSONResponse(rows)

    @app.get("/healthz", summary="Estado del servicio")
    async def healthz() -> JSONResponse:
        try:
            snap = await run_in_threadpool(assistant.kb.snapshot)
        except CorpusNotIngested as exc:
            return JSONResponse(status_code=503, content={"status": "sin_corpus", "detail": str(exc)})
        embeddings = assistant.kb.embeddings
        # "cargando": the server answers figures while its encoder loads; a search waits for it.
        encoder = "ninguno" if embeddings is None else (
            "listo" if getattr(embeddings, "ready", lambda: True)() else "cargando")
        return JSONResponse({"status": "ok", "documents": len(snap.documents), "generation": snap.path.name,
                             "encoder": encoder})

    return app


def create_server(assistant: Assistant, settings: Settings, ui_after_start: bool = False) -> FastAPI:
    """The API, the cited documents, the Gradio chat at / and the widget at /embed.

    With ``ui_after_start`` (``pncti serve``) the API answers as soon as the server listens and
    the Gradio UI is built in a background thread: see :func:`_mount_ui_after_start`.
    """
    from assistant.web.documents import add_document_routes

    app = create_api(assistant, settings)
    add_document_routes(app, assistant.kb.snapshot, settings.root_path, settings.allowed_origins)
    if ui_after_start:
        return _mount_ui_after_start(app, assistant, settings)
    mount_ui = _ui_mounter()
    return mount_ui(app, assistant, settings) if mount_ui is not None else app


def _ui_mounter() -> Callable[[FastAPI, Assistant, Settings], FastAPI] | None:
    """``ui.mount_ui``, or None (with a warning) where Gradio is not installed."""
    try:
        from assistant.web.ui import mount_ui
    except ImportError:  # the UI module is optional for API-only deployments
        log.warning("Interfaz Gradio no disponible; solo se sirve la API.")
        return None
    return mount_ui


@contextlib.asynccontextmanager
async def _no_lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield


class _WaitForUi:
    """ASGI middleware: a request the API and document routes do not serve waits for the UI."""

    def __init__(self, app: ASGIApp, served_at_once: list[BaseRoute], ready: dict[str, asyncio.Event]) -> None:
        self.app = app
        self.served_at_once = served_at_once
        self.ready = ready

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        event = self.ready.get("ui")
        if (event is not None and not event.is_set() and scope["type"] in ("http", "websocket")
                and not any(r.matches(scope)[0] != Match.NONE for r in self.served_at_once)):
            await event.wait()
        await self.app(scope, receive, send)


def _mount_ui_after_start(app: FastAPI, assistant: Assistant, settings: Settings) -> FastAPI:
    """Serve the API at once; import Gradio and mount the UI in a thread once the server starts.

    Importing gradio and building the two Gradio apps took 3.3–6.0 s of the 500-page server's
    16.6–21.6 s cold start, and /api/ask needs neither. Until the UI is mounted, a request for a
    path the API and document routes do not serve (the chat at /, /embed, Gradio's assets) waits
    for it, so a browser gets the page a few seconds later, never a 404. Gradio's own startup
    (its queue) runs inside the server's lifespan as when it is mounted before the start.
    """
    served_at_once = list(app.router.routes)
    ready: dict[str, asyncio.Event] = {}
    app.add_middleware(_WaitForUi, served_at_once=served_at_once, ready=ready)

    def build_and_mount() -> Callable[[FastAPI], Any] | None:
        # mount_gradio_app wraps the app's lifespan in Gradio's; the server's lifespan is already
        # running, so Gradio's is taken apart here and entered by the caller.
        mount_ui = _ui_mounter()
        if mount_ui is None:
            return None
        own = app.router.lifespan_context
        app.router.lifespan_context = _no_lifespan
        try:
            mount_ui(app, assistant, settings)
            return app.router.lifespan_context
        finally:
            app.router.lifespan_context = own

    async def mount_later(stack: contextlib.AsyncExitStack) -> None:
        try:
            started = time.perf_counter()
            ui_lifespan = await run_in_threadpool(build_and_mount)
            if ui_lifespan is not None:
                await stack.enter_async_context(ui_lifespan(app))
                log.info("Interfaz Gradio lista en %.1f s", time.perf_counter() - started)
        except Exception:
            log.exception("No se pudo construir la interfaz Gradio; solo se sirve la API.")
        finally:
            ready["ui"].set()

    api_lifespan = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app_: FastAPI) -> AsyncIterator[Any]:
        async with api_lifespan(app_) as state, contextlib.AsyncExitStack() as ui_stack:
            ready["ui"] = asyncio.Event()
            task = asyncio.create_task(mount_later(ui_stack))
            try:
                yield state
            finally:
                if not task.done():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    app.router.lifespan_context = lifespan
    return app
