"""Gradio UI: the full assistant at ``/`` and a compact chat for an iframe at ``/embed``.

The UI only formats and displays: answers come from :class:`~assistant.core.Assistant`,
text and HTML from :mod:`assistant.web.formatting` and :mod:`assistant.web.dashboard`.
Per-user data lives in ``gr.State``; nothing about a user is kept on a shared object (the
upload job is server state: one ingest at a time for everybody).
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

from assistant.core import Assistant
from assistant.feedback import FeedbackStore
from assistant.settings import Settings
from assistant.web import assets
from assistant.web.chat import EXAMPLES, ChatHandlers, chat_panel
from assistant.web.tabs import documents_tab, indicators_tab
from assistant.web.uploads import DocumentUploader

log = logging.getLogger(__name__)

__all__ = ["EXAMPLES", "ChatHandlers", "create_app", "create_embed_app", "mount_ui"]

TITLE = "Asistente PNCTI"
QUEUE_CONCURRENCY = 4  # answers computed at once; the rest wait in the queue
QUEUE_MAX_SIZE = 64  # beyond this, new questions are turned away with a message


def _feedback(settings: Settings) -> FeedbackStore:
    return FeedbackStore(settings.data_dir / "feedback.sqlite")


def create_app(assistant: Assistant, settings: Settings) -> gr.Blocks:
    """The full UI: chat with sources, indicators dashboard, ingested documents (and uploads)."""
    base = settings.root_path
    uploader = DocumentUploader(settings, assistant.kb)
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(
            f"# {TITLE}\nPreguntas y respuestas sobre la Política Nacional de Cooperación Técnica "
            "Internacional (PNCTI) al 2030. Cada cifra se comprueba con los reportes y cada "
            "respuesta cita documento y página.",
            elem_classes=["pncti-header"],
        )
        with gr.Tabs():
            with gr.Tab("Preguntas", id="preguntas"):
                chat_panel(assistant, _feedback(settings), base, compact=False)
            with gr.Tab("Indicadores", id="indicadores") as indicators:
                load_indicators = indicators_tab(assistant, base)
            with gr.Tab("Documentos", id="documentos") as documents:
                load_documents = documents_tab(assistant, uploader, base)
        for tab, loader in ((indicators, load_indicators), (documents, load_documents)):
            demo.load(**loader)
            tab.select(**loader)
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo


def create_embed_app(assistant: Assistant, settings: Settings) -> gr.Blocks:
    """The compact chat for an iframe on another site (its origin must be in allowed_origins)."""
    with (gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True, fill_height=True) as demo,
          gr.Column(elem_id="pncti-widget")):
        gr.Markdown(f"**{TITLE}** · respuestas con fuentes verificadas", elem_classes=["pncti-header"])
        chat_panel(assistant, _feedback(settings), settings.root_path, compact=True)
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo


def _root_path(settings: Settings, mount: str) -> str | None:
    """Public path of a mount behind a proxy (Gradio replaces the whole path with it)."""
    if not settings.root_path:
        return None
    return settings.root_path.rstrip("/") + mount


def mount_ui(app: FastAPI, assistant: Assistant, settings: Settings) -> FastAPI:
    """Mount the full UI at "/" and the embeddable chat at "/embed" on ``app``."""
    auth = None
    if settings.auth_user and settings.auth_password:
        auth = (settings.auth_user, settings.auth_password)
    elif settings.auth_user or settings.auth_password:
        log.warning("Inicio de sesión desactivado: defina a la vez PNCTI_AUTH_USER y PNCTI_AUTH_PASSWORD.")
    if bool(settings.admin_user) != bool(settings.admin_password):
        log.warning("Carga de documentos desactivada: defina a la vez PNCTI_ADMIN_USER y PNCTI_ADMIN_PASSWORD.")
    common: dict[str, Any] = {
        "auth": auth,
        "auth_message": "Ingrese su usuario y contraseña del Asistente PNCTI.",
        "ssr_mode": False,
        "footer_links": [],
        "run_history": False,
        "mcp_server": False,
        "show_error": False,
        "head": assets.HEAD,
        "theme": assets.theme(),
        "max_file_size": settings.upload_max_bytes,
        "i18n": assets.i18n(),
    }

    @app.get("/embed", include_in_schema=False)
    async def embed_without_slash(request: Request) -> RedirectResponse:
        # Relative, so the redirect also works behind a proxy that adds a path prefix.
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"embed/{query}", status_code=307)

    # "/embed" first: the mount at "/" matches every path, so it must come last.
    gr.mount_gradio_app(app, create_embed_app(assistant, settings), path="/embed",
                        root_path=_root_path(settings, "/embed"), **common)
    gr.mount_gradio_app(app, create_app(assistant, settings), path="/",
                        root_path=_root_path(settings, ""), **common)
    return app
