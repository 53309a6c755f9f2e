"""The chat handlers without a browser: streaming, the final message, 👍/👎 into the store, copy text."""

from __future__ import annotations

import itertools
from pathlib import Path

import gradio as gr
import pytest

from assistant.feedback import FeedbackStore
from assistant.web.chat import ChatHandlers

QUESTION = "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?"


@pytest.fixture
def handlers(assistant, tmp_path: Path) -> ChatHandlers:
    return ChatHandlers(assistant, FeedbackStore(tmp_path / "feedback.sqlite"), base="/asistente")


def _like(index: int, liked: bool | str) -> gr.LikeData:
    return gr.LikeData(None, {"index": index, "value": ["…"], "liked": liked})


def test_respond_streams_then_shows_card_box_and_sources(handlers: ChatHandlers) -> None:
    steps = list(handlers.respond(QUESTION, [], [], {}, []))
    contents = [step[1][-1]["content"] for step in steps]
    assert len(steps) >= 4 and contents[0] == "…"
    partial = contents[1:-1]
    assert all(len(a) <= len(b) for a, b in itertools.pairwise(partial))
    assert "pncti-cifra" not in partial[-1]
    question_box, chat, history, turns, texts = steps[-1]
    assert question_box == "" and [m["role"] for m in chat] == ["user", "assistant"]
    final = chat[1]["content"]
    assert final.startswith('<div class="pncti-cifra estado-cerca"><div class="cifra-valor">45.83 %</div>')
    assert "/asistente/documento/" in final and "/pagina/3" in final
    assert history[0] == {"role": "user", "content": QUESTION}
    assert "45.83" in history[1]["content"] and "pncti-cifra" not in history[1]["content"]
    assert set(turns) == {1} and turns[1]["question"] == QUESTION and len(turns[1]["key"]) == 32
    assert texts[0] is None and texts[1].startswith(f"Pregunta: {QUESTION}\n") and "<" not in texts[1]


def test_a_second_question_keeps_earlier_turns_and_their_copy_text(handlers: ChatHandlers) -> None:
    *_, first = handlers.respond(QUESTION, [], [], {}, [])
    _, chat, history, turns, texts = first
    *_, second = handlers.respond("¿y su avance?", chat, history, turns, texts)
    _, chat, history, turns, texts = second
    assert len(chat) == 4 and sorted(turns) == [1, 3]
    assert [t is None for t in texts] == [True, False, True, False]
    assert "94 %" in chat[3]["content"]
    assert turns[1]["key"] != turns[3]["key"]


def test_an_empty_question_changes_nothing(handlers: ChatHandlers) -> None:
    assert list(handlers.respond("   ", [], [], {}, [])) == [("", [], [], {}, [])]


def test_like_dislike_and_take_back_reach_the_feedback_store(handlers: ChatHandlers) -> None:
    *_, last = handlers.respond(QUESTION, [], [], {}, [])
    turns = last[3]
    store = handlers.feedback
    handlers.like(turns, _like(1, True))
    rows = store.export(include_citations=True)
    assert [(r["question"], r["rating"]) for r in rows] == [(QUESTION, 1)]
    assert "45.83" in rows[0]["answer"] and rows[0]["citations"][0]["page"] == 3
    handlers.like(turns, _like(1, False))  # changed their mind: one row, now 👎
    assert [(r["question"], r["rating"]) for r in store.export()] == [(QUESTION, -1)]
    handlers.like(turns, _like(1, ""))  # clicked 👎 again: taken back
    assert store.export() == []
    handlers.like(turns, _like(0, True))  # a user message, or a stale index: nothing stored
    assert store.export() == []


def test_clear_starts_afresh() -> None:
    assert ChatHandlers.clear() == ([], {}, [], "")
