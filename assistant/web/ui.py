"""Gradio UI: the full assistant at ``/`` and a compact chat for an iframe at ``/embed``.

The UI only formats and displays: answers come from :class:`~assistant.core.Assistant`,
text from :mod:`assistant.web.formatting`. Per-user data (chat history, last answer) lives
in ``gr.State``; nothing about a user is kept on a shared object.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import gradio as gr
import pandas as pd
from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse

from assistant.answer import Answer
from assistant.core import Assistant
from assistant.feedback import FeedbackStore
from assistant.web import formatting as fmt
from ingest.generations import CorpusNotIngested
from pncti.settings import Settings

log = logging.getLogger(__name__)

TITLE = "Asistente PNCTI"
EXAMPLES = [
    "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?",
    "¿Cuáles son los objetivos prioritarios de la PNCTI?",
    "¿Con qué países de Centroamérica ofreció el Perú proyectos de cooperación?",
    "¿Por qué el indicador IOP.04.01 requiere corrección?",
]
QUEUE_CONCURRENCY = 4  # answers computed at once; the rest wait in the queue
QUEUE_MAX_SIZE = 64  # beyond this, new questions are turned away with a message
HISTORY_MESSAGES = 20  # turns passed back to the assistant for follow-up questions
NO_ANSWER_YET = "Aún no hay una respuesta: haga una pregunta primero."

CSS = """
.pncti-header h1 { margin-bottom: 0.2em; }
.pncti-header p { margin-top: 0; }
#tabla-indicadores *, #tabla-documentos * { font-family: var(--font); }
.fuente { margin: 0.25em 0; }
.fuente summary { cursor: pointer; font-weight: 600; }
.fuente blockquote { margin: 0.4em 0 0.6em 0; padding-left: 0.8em;
  border-left: 3px solid var(--color-accent); font-style: italic; }
.ejemplos button { white-space: normal; text-align: left; line-height: 1.3; }
.estado-copia p, .estado-valoracion p { font-size: var(--text-sm); margin: 0; }
"""

# Copies the brief with the Clipboard API, or with a hidden textarea where that is
# unavailable (plain http, iframes without clipboard-write). Returns the status line.
COPY_JS = """
async (text) => {
  if (!text) { return "__NO_ANSWER__"; }
  const legacy = () => {
    const area = document.createElement("textarea");
    area.value = text; area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area); area.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  };
  let ok = false;
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); ok = true; } catch (e) { ok = legacy(); }
  } else { ok = legacy(); }
  return ok
    ? "✔ Copiado: la respuesta y sus fuentes están listas para pegar en su resumen."
    : "No se pudo copiar automáticamente: seleccione el texto de «Texto para copiar» y use Ctrl+C.";
}
""".replace("__NO_ANSWER__", NO_ANSWER_YET)


def _theme() -> gr.themes.Base:
    """The default theme with system fonts only: the page loads nothing from the internet."""
    return gr.themes.Default(
        primary_hue="red",
        font=[
            gr.themes.Font("system-ui"),
            gr.themes.Font("Segoe UI"),
            gr.themes.Font("Roboto"),
            "sans-serif",
        ],
        font_mono=[gr.themes.Font("ui-monospace"), gr.themes.Font("DejaVu Sans Mono"), "monospace"],
    )


# -- chat ---------------------------------------------------------------------------------
class _ChatHandlers:
    """Event handlers of one chat panel; all per-user data arrives and leaves as gr.State."""

    def __init__(self, assistant: Assistant, feedback: FeedbackStore) -> None:
        self.assistant = assistant
        self.feedback = feedback

    def respond(
        self,
        question: str,
        chat: list[dict[str, Any]] | None,
        history: list[dict[str, str]] | None,
        last: dict[str, Any] | None,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the answer into the chat; finally show it with its sources."""
        question = (question or "").strip()
        chat = list(chat or [])
        history = list(history or [])
        if not question:
            yield "", list(chat), history, last, gr.skip()
            return
        chat += [{"role": "user", "content": question}, {"role": "assistant", "content": "…"}]
        last = None  # until the new answer is complete, there is nothing to rate or copy
        yield "", list(chat), history, last, ""
        answer = None
        try:
            for item in self.assistant.stream(question, history[-HISTORY_MESSAGES:]):
                if isinstance(item, Answer):
                    answer = item
                    break
                chat[-1] = {"role": "assistant", "content": item}
                yield "", list(chat), history, last, gr.skip()
        except CorpusNotIngested as exc:
            answer = Answer(text=str(exc), refused=True, route="sin_corpus")
        except Exception:  # the user gets a message, the log gets the traceback
            log.exception("Error al responder en la interfaz")
            answer = Answer(
                text="Ocurrió un error interno al preparar la respuesta; inténtelo de nuevo. "
                "El detalle quedó en el registro del servidor.",
                refused=True,
                route="error",
            )
        if answer is None:
            answer = Answer(
                text="No se obtuvo respuesta; inténtelo de nuevo.", refused=True, route="error"
            )
        chat[-1] = {"role": "assistant", "content": fmt.answer_markdown(answer)}
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.text},
        ]
        last = {"question": question, "answer": answer, "rated": False}
        yield "", chat, history[-HISTORY_MESSAGES:], last, fmt.brief_text(question, answer)

    def rate(self, last: dict[str, Any] | None, rating: int) -> tuple[dict[str, Any] | None, str]:
        """Store a 👍/👎 for the last answer (once per answer)."""
        if not last:
            return last, "Primero haga una pregunta; luego podrá valorar la respuesta."
        if last.get("rated"):
            return last, "Ya registramos su valoración de esta respuesta. ¡Gracias!"
        answer: Answer = last["answer"]
        citations = json.dumps([asdict(c) for c in answer.citations], ensure_ascii=False)
        try:
            self.feedback.add(last["question"], answer.text, rating, citations_json=citations)
        except Exception:
            log.exception("No se pudo guardar la valoración")
            return last, "No se pudo guardar la valoración; inténtelo más tarde."
        last = {**last, "rated": True}
        icon = "👍" if rating > 0 else "👎"
        return last, f"Gracias: su valoración {icon} quedó registrada."

    def rate_up(self, last: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
        """👍 for the last answer."""
        return self.rate(last, 1)

    def rate_down(self, last: dict[str, Any] | None) -> tuple[dict[str, Any] | None, str]:
        """👎 for the last answer."""
        return self.rate(last, -1)

    @staticmethod
    def clear() -> tuple[Any, ...]:
        """A fresh conversation."""
        return [], [], None, "", "", ""


def _chat_panel(assistant: Assistant, settings: Settings, compact: bool) -> None:
    """The chat: conversation, question box, examples, copy and feedback buttons."""
    handlers = _ChatHandlers(assistant, FeedbackStore(settings.data_dir / "feedback.sqlite"))
    history = gr.State([])
    last = gr.State(None)
    chatbot = gr.Chatbot(
        label="Conversación",
        height=380 if compact else 520,
        feedback_options=None,
        buttons=["copy"],
        latex_delimiters=[],
        elem_id="chat",
        placeholder="Pregunte sobre la PNCTI al 2030: valores de indicadores, objetivos prioritarios, "
        "cooperación Sur-Sur… Cada respuesta muestra sus fuentes con documento y página.",
    )
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            show_label=False,
            placeholder="Escriba su pregunta y pulse Enter…",
            scale=5,
            max_lines=4,
            max_length=2000,
            elem_id="pregunta",
            container=False,
        )
        send = gr.Button("Enviar", variant="primary", scale=1, min_width=90, elem_id="enviar")
    examples = EXAMPLES[:2] if compact else EXAMPLES
    with gr.Row(elem_classes=["ejemplos"]):
        example_buttons = [
            gr.Button(q, size="sm", variant="secondary", min_width=160) for q in examples
        ]
    with gr.Row():
        copy = gr.Button("📋 Copiar respuesta con fuentes", size="sm", elem_id="copiar")
        up = gr.Button("👍 Útil", size="sm", min_width=80, elem_id="util")
        down = gr.Button("👎 No útil", size="sm", min_width=80, elem_id="no-util")
        reset = gr.Button("🗑 Nueva conversación", size="sm", min_width=80)
    copy_status = gr.Markdown("", elem_classes=["estado-copia"])
    rating_status = gr.Markdown("", elem_classes=["estado-valoracion"])
    with gr.Accordion("Texto para copiar (respuesta con fuentes)", open=False):
        brief = gr.Textbox(
            show_label=False,
            lines=8 if not compact else 5,
            max_lines=20,
            interactive=False,
            buttons=["copy"],
            elem_id="texto-para-copiar",
            placeholder=NO_ANSWER_YET,
        )

    outputs = [question, chatbot, history, last, brief]
    ask = {"fn": handlers.respond, "outputs": outputs, "show_progress": "minimal"}
    gr.on([question.submit, send.click], inputs=[question, chatbot, history, last], **ask)
    for button in example_buttons:
        button.click(inputs=[button, chatbot, history, last], **ask)
    gr.on(
        [question.submit, send.click, *(b.click for b in example_buttons)],
        lambda: ("", ""),
        outputs=[copy_status, rating_status],
        queue=False,
        show_progress="hidden",
    )
    copy.click(fn=None, inputs=[brief], outputs=[copy_status], js=COPY_JS)
    up.click(handlers.rate_up, inputs=[last], outputs=[last, rating_status], queue=False)
    down.click(handlers.rate_down, inputs=[last], outputs=[last, rating_status], queue=False)
    cleared = [chatbot, history, last, brief, copy_status, rating_status]
    reset.click(handlers.clear, outputs=cleared, queue=False)
    chatbot.clear(handlers.clear, outputs=cleared, queue=False)


# -- indicators and documents -------------------------------------------------------------
def _snapshot(assistant: Assistant) -> Any | None:
    try:
        return assistant.kb.snapshot()
    except CorpusNotIngested:
        return None


def _indicator_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(fmt.table_rows(rows), columns=fmt.headers())


def _progress_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(fmt.progress_points(rows), columns=["Indicador", "Serie", "Porcentaje"])


def _count_text(shown: int, total: int) -> str:
    if total == 0:
        return "Aún no hay indicadores: ejecute `pncti ingest`."
    return f"Mostrando {shown} de {total} valores de indicadores."


def _indicators_tab(assistant: Assistant, demo: gr.Blocks) -> None:
    gr.Markdown(
        "Valores de los indicadores tal como los publica cada reporte, con su avance respecto del "
        "logro esperado. **Seleccione una fila** para ver la oración de origen y su página."
    )
    with gr.Row():
        search = gr.Textbox(
            label="Buscar",
            placeholder="Código o palabra: IOP.03.01, becas, entidades…",
            scale=3,
            elem_id="buscar-indicador",
        )
        objective = gr.Dropdown(
            label="Objetivo prioritario", choices=[fmt.ALL], value=fmt.ALL, scale=1
        )
        period = gr.Dropdown(label="Periodo", choices=[fmt.ALL], value=fmt.ALL, scale=1)
    count = gr.Markdown("")
    table = gr.Dataframe(
        value=_indicator_frame([]),
        headers=fmt.headers(),
        interactive=False,
        wrap=True,
        max_height=420,
        elem_id="tabla-indicadores",
        column_widths=["12%", "30%", "7%", "7%", "9%", "7%", "10%", "12%", "6%"],
    )
    detail = gr.Markdown(fmt.indicator_detail(None), elem_id="detalle-indicador")
    chart = gr.BarPlot(
        value=_progress_frame([]),
        x="Indicador",
        y="Porcentaje",
        color="Serie",
        color_map={"Avance logrado": "#b91c1c", "Falta para la meta (100 %)": "#d1d5db"},
        title="Avance de cada indicador respecto de la meta (100 % del logro esperado)",
        x_title="Indicador",
        y_title="% del logro esperado",
        color_title="",
        x_label_angle=-35,
        height=380,
        label="Avance frente a la meta",
        show_label=False,
        elem_id="grafico-avance",
    )

    def rows() -> tuple[list[dict[str, Any]], Any]:
        snap = _snapshot(assistant)
        return (fmt.indicator_table(snap), snap) if snap is not None else ([], None)

    def load() -> tuple[Any, ...]:
        all_rows, _ = rows()
        return (
            gr.Dropdown(choices=fmt.objective_choices(all_rows), value=fmt.ALL),
            gr.Dropdown(choices=fmt.period_choices(all_rows), value=fmt.ALL),
            _indicator_frame(all_rows),
            _progress_frame(all_rows),
            _count_text(len(all_rows), len(all_rows)),
        )

    def refilter(text: str, objective_value: str, period_value: str) -> tuple[Any, ...]:
        all_rows, _ = rows()
        shown = fmt.filter_indicators(all_rows, objective_value, period_value, text)
        return (
            _indicator_frame(shown),
            _progress_frame(shown),
            _count_text(len(shown), len(all_rows)),
        )

    def select(evt: gr.SelectData) -> str:
        all_rows, snap = rows()
        values = evt.row_value or []
        if len(values) < 4:
            return fmt.indicator_detail(None)
        row = fmt.find_row(all_rows, str(values[0]), values[3])
        return fmt.indicator_detail(row, snap.checks if snap is not None else None)

    demo.load(load, outputs=[objective, period, table, chart, count])
    gr.on(
        [search.change, objective.change, period.change],
        refilter,
        inputs=[search, objective, period],
        outputs=[table, chart, count],
        trigger_mode="always_last",
        show_progress="hidden",
    )
    table.select(select, outputs=[detail], show_progress="hidden")


def _documents_tab(assistant: Assistant, demo: gr.Blocks) -> None:
    summary = gr.Markdown("")
    table = gr.Dataframe(
        value=pd.DataFrame(columns=fmt.headers(fmt.DOCUMENT_COLUMNS)),
        headers=fmt.headers(fmt.DOCUMENT_COLUMNS),
        interactive=False,
        wrap=True,
        elem_id="tabla-documentos",
    )
    with gr.Row():
        refresh = gr.Button("Actualizar", size="sm", scale=0, min_width=120)

    def load() -> tuple[str, pd.DataFrame]:
        snap = _snapshot(assistant)
        docs = fmt.documents_table(snap) if snap is not None else []
        frame = pd.DataFrame(
            fmt.table_rows(docs, fmt.DOCUMENT_COLUMNS), columns=fmt.headers(fmt.DOCUMENT_COLUMNS)
        )
        return fmt.documents_summary(docs), frame

    demo.load(load, outputs=[summary, table])
    refresh.click(load, outputs=[summary, table], show_progress="hidden")


# -- apps -----------------------------------------------------------------------------------
def create_app(assistant: Assistant, settings: Settings) -> gr.Blocks:
    """The full UI: chat with sources, indicators table and chart, ingested documents."""
    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        gr.Markdown(
            f"# {TITLE}\nPreguntas y respuestas sobre la Política Nacional de Cooperación Técnica "
            "Internacional (PNCTI) al 2030. Las cifras se verifican contra los reportes y cada "
            "respuesta cita documento, página y oración.",
            elem_classes=["pncti-header"],
        )
        with gr.Tabs():
            with gr.Tab("Preguntas", id="preguntas"):
                _chat_panel(assistant, settings, compact=False)
            with gr.Tab("Indicadores", id="indicadores"):
                _indicators_tab(assistant, demo)
            with gr.Tab("Documentos", id="documentos"):
                _documents_tab(assistant, demo)
    demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return demo


def create_embed_app(assistant: Assistant, settings: Settings) -> gr.Blocks:
    """The compact chat for an iframe on another site (its origin must be in allowed_origins)."""
    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True) as demo:
        gr.Markdown(
            f"**{TITLE}** · respuestas con fuentes verificadas", elem_classes=["pncti-header"]
        )
        _chat_panel(assistant, settings, compact=True)
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
        log.warning(
            "Inicio de sesión desactivado: defina a la vez PNCTI_AUTH_USER y PNCTI_AUTH_PASSWORD."
        )
    common: dict[str, Any] = {
        "auth": auth,
        "auth_message": "Ingrese su usuario y contraseña del Asistente PNCTI.",
        "ssr_mode": False,
        "footer_links": [],
        "run_history": False,
        "mcp_server": False,
        "show_error": False,
        "css": CSS,
    }

    @app.get("/embed", include_in_schema=False)
    async def embed_without_slash(request: Request) -> RedirectResponse:
        # Relative, so the redirect also works behind a proxy that adds a path prefix.
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"embed/{query}", status_code=307)

    # "/embed" first: the mount at "/" matches every path, so it must come last.
    gr.mount_gradio_app(
        app,
        create_embed_app(assistant, settings),
        path="/embed",
        root_path=_root_path(settings, "/embed"),
        theme=_theme(),
        **common,
    )
    gr.mount_gradio_app(
        app,
        create_app(assistant, settings),
        path="/",
        root_path=_root_path(settings, ""),
        theme=_theme(),
        **common,
    )
    return app
