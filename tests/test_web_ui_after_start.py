"""`pncti serve`'s server: the API answers at once, the Gradio UI is mounted after the start."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.web.app import create_server

QUESTION = "¿Cuál es el valor del indicador IOP.01.01?"


@pytest.fixture
def serve_settings(settings, tmp_path: Path):
    """The session settings with feedback in a temporary folder and no admin upload."""
    return settings.model_copy(update={"data_dir": tmp_path, "admin_user": None, "admin_password": None})


def test_the_api_answers_before_the_ui_is_built_and_the_page_waits_for_it(
        assistant, serve_settings, monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.web import ui

    release, real_mount = threading.Event(), ui.mount_ui

    def held_mount(app, assistant_, settings_):
        assert release.wait(120), "the test never released the UI build"
        return real_mount(app, assistant_, settings_)

    monkeypatch.setattr(ui, "mount_ui", held_mount)
    with TestClient(create_server(assistant, serve_settings, ui_after_start=True)) as client:
        # The UI build is held: the API, health and the OpenAPI page answer anyway.
        r = client.post("/api/ask", json={"question": QUESTION})
        assert r.status_code == 200 and r.json()["text"] == assistant.ask(QUESTION, []).text
        assert client.get("/healthz").json()["status"] == "ok"
        assert client.get("/api/ask").status_code == 405
        release.set()
        # "/" waited for the UI instead of answering 404.
        page = client.get("/")
        assert page.status_code == 200 and "gradio" in page.text.lower()
        assert client.get("/embed", follow_redirects=False).status_code == 307
        assert client.get("/embed/").status_code == 200
        # The UI's own startup ran inside the server's lifespan: its API answers.
        assert client.get("/gradio_api/info").status_code == 200


def test_a_ui_that_cannot_be_built_leaves_the_api_serving(
        assistant, serve_settings, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from assistant.web import ui

    def broken_mount(app, assistant_, settings_):
        raise RuntimeError("tema roto")

    monkeypatch.setattr(ui, "mount_ui", broken_mount)
    with TestClient(create_server(assistant, serve_settings, ui_after_start=True)) as client:
        assert client.post("/api/ask", json={"question": QUESTION}).status_code == 200
        # Once the build has failed, "/" is a plain 404, not a request left waiting.
        assert client.get("/").status_code == 404
    assert "No se pudo construir la interfaz Gradio" in caplog.text
