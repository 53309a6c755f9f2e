"""One FastAPI app: the HTTP API, and the Gradio chat mounted on it (see ``ui.py``)."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StrictStr

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
        return JSONResponse({"status": "ok", "documents": len(snap.documents), "generation": snap.path.name})

    return app


def create_server(assistant: Assistant, settings: Settings) -> FastAPI:
    """The API, the cited documents, the Gradio chat at / and the widget at /embed."""
    from assistant.web.documents import add_document_routes

    app = create_api(assistant, settings)
    add_document_routes(app, assistant.kb.snapshot, settings.root_path, settings.allowed_origins)
    try:
        from assistant.web.ui import mount_ui
    except ImportError:  # the UI module is optional for API-only deployments
        log.warning("Interfaz Gradio no disponible; solo se sirve la API.")
        return app
    return mount_ui(app, assistant, settings)
