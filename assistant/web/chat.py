"""The chat panel: Gradio's Chatbot with its own 👍/👎 and copy icons, examples and question box.

Per-user data lives in ``gr.State``: the history passed back for follow-ups, and the answered
turns by message index (for ratings). The copy text of each answer travels in a hidden JSON
component that the copy event's script reads (see ``assets.COPY_JS``).
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

import gradio as gr

from assistant.answer import Answer
from assistant.core import Assistant
from assistant.feedback import FeedbackStore
from assistant.web import assets
from assistant.web import formatting as fmt
from ingest.generations import CorpusNotIngested

log = logging.getLogger(__name__)

EXAMPLES = [
    "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?",
    "¿Cuáles son los objetivos prioritarios de la PNCTI?",
    "¿Con qué países de Centroamérica ofreció el Perú proyectos de cooperación?",
    "¿Por qué el indicador IOP.04.01 requiere corrección?",
]
HISTORY_MESSAGES = 20  # turns passed back to the assistant for follow-up questions
PLACEHOLDER = ("Pregunte sobre la PNCTI al 2030: valores de indicadores, objetivos prioritarios, "
               "cooperación Sur-Sur… Cada respuesta muestra sus fuentes con documento y página.")


class ChatHandlers:
    """Event handlers of one chat panel; all per-user data arrives and leaves as gr.State."""

    def __init__(self, assistant: Assistant, feedback: FeedbackStore, base: str = "") -> None:
        self.assistant = assistant
        self.feedback = feedback
        self.base = base

    def _snapshot(self) -> Any | None:
        try:
            return self.assistant.kb.snapshot()
        except CorpusNotIngested:
            return None

    def respond(
        self,
        question: str,
        chat: list[dict[str, Any]] | None,
        history: list[dict[str, str]] | None,
        turns: dict[int, dict[str, Any]] | None,
        texts: list[str | None] | None,
    ) -> Iterator[tuple[Any, ...]]:
        """Stream the answer into the chat; finally show it with its card, box and sources.

        Yields (question box, chat, history, turns, copy texts).
        """
        question = (question or "").strip()
        chat = list(chat or [])
        history = list(history or [])
        turns = dict(turns or {})
        texts = list(texts or [])
        if not question:
            yield "", chat, history, turns, texts
            return
        chat += [{"role": "user", "content": question}, {"role": "assistant", "content": "…"}]
        texts = (texts + [None] * len(chat))[: len(chat)]
        yield "", list(chat), history, turns, texts
        answer = None
        try:
            for item in self.assistant.stream(question, history[-HISTORY_MESSAGES:]):
                if isinstance(item, Answer):
                    answer = item
                    break
                chat[-1] = {"role": "assistant", "content": item}
                yield "", list(chat), history, turns, texts
        except CorpusNotIngested as exc:
            answer = Answer(text=str(exc), refused=True, route="sin_corpus")
        except Exception:  # the user gets a message, the log gets the traceback
            log.exception("Error al responder en la interfaz")
            answer = Answer(text="Ocurrió un error interno al preparar la respuesta; inténtelo de nuevo. "
                            "El detalle quedó en el registro del servidor.", refused=True, route="error")
        if answer is None:
            answer = Answer(text="No se obtuvo respuesta; inténtelo de nuevo.", refused=True, route="error")
        index = len(chat) - 1
        chat[-1] = {"role": "assistant", "content": fmt.answer_markdown(answer, self._snapshot(), self.base)}
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]
        turns[index] = {"question": question, "answer": answer, "key": uuid.uuid4().hex}
        texts[index] = fmt.brief_text(question, answer)
        yield "", chat, history[-HISTORY_MESSAGES:], turns, texts

    def respond_example(
        self,
        chat: list[dict[str, Any]] | None,
        history: list[dict[str, str]] | None,
        turns: dict[int, dict[str, Any]] | None,
        texts: list[str | None] | None,
        event: gr.SelectData,
    ) -> Iterator[tuple[Any, ...]]:
        """Answer the example the user clicked."""
        value = event.value if isinstance(event.value, dict) else {"text": str(event.value or "")}
        yield from self.respond(str(value.get("text") or ""), chat, history, turns, texts)

    def like(self, turns: dict[int, dict[str, Any]] | None, event: gr.LikeData) -> None:
        """Store (or take back) a 👍/👎 on one answer."""
        index = event.index if isinstance(event.index, int) else event.index[0]
        turn = (turns or {}).get(index)
        if turn is None:
            log.info("Valoración de un mensaje sin respuesta registrada (índice %s)", index)
            return
        rating = 1 if event.liked is True else -1 if event.liked is False else None
        answer: Answer = turn["answer"]
        citations = json.dumps([asdict(c) for c in answer.citations], ensure_ascii=False)
        try:
            self.feedback.rate(turn["key"], turn["question"], answer.text, rating, citations_json=citations)
        except Exception:
            log.exception("No se pudo guardar la valoración")
            gr.Warning("No se pudo guardar la valoración; inténtelo más tarde.", title="Valoración")
            return
        if rating is not None:
            gr.Info("Gracias: su valoración quedó registrada.", duration=3, title="Valoración")

    @staticmethod
    def clear() -> tuple[Any, ...]:
        """A fresh conversation: history, turns and copy texts emptied."""
        return [], {}, [], ""


def chat_panel(assistant: Assistant, feedback: FeedbackStore, base: str, compact: bool) -> gr.Chatbot:
    """The chat with its question box; returns the Chatbot."""
    handlers = ChatHandlers(assistant, feedback, base)
    history = gr.State([])
    turns = gr.State({})
    texts = gr.JSON([], visible=False, elem_id="textos-para-copiar")
    chatbot = gr.Chatbot(
        label="Conversación",
        show_label=False,
        height="100%" if compact else "min(600px, calc(100vh - 250px))",
        min_height=160 if compact else 320,
        scale=1,
        autoscroll=False,
        feedback_options=("Like", "Dislike"),
        buttons=["copy"],
        latex_delimiters=[],
        elem_id="chat",
        placeholder=PLACEHOLDER if not compact else "Pregunte sobre la PNCTI al 2030; cada respuesta cita documento y página.",
        examples=[{"text": q} for q in (EXAMPLES[:2] if compact else EXAMPLES)],
        layout="panel" if compact else "bubble",
    )
    with gr.Row(elem_classes=["fila-pregunta"]):
        question = gr.Textbox(
            show_label=False,
            label="Pregunta",
            placeholder="Escriba su pregunta y pulse Enter…",
            lines=1,
            max_lines=4,
            max_length=2000,
            elem_id="pregunta",
            container=False,
            submit_btn=True if compact else "Enviar",
            autofocus=False,
        )
    outputs = [question, chatbot, history, turns, texts]
    asked = question.submit(handlers.respond, [question, chatbot, history, turns, texts], outputs,
                            show_progress="minimal", api_visibility="private")
    picked = chatbot.example_select(handlers.respond_example, [chatbot, history, turns, texts], outputs,
                                    show_progress="minimal", api_visibility="private")
    for event in (asked, picked):
        event.then(None, js=assets.SCROLL_JS)
    chatbot.like(handlers.like, [turns], None, api_visibility="private")
    chatbot.copy(None, [texts], None, js=assets.COPY_JS)
    chatbot.clear(handlers.clear, None, [history, turns, texts, question], queue=False, api_visibility="private")
    return chatbot
