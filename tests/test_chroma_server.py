"""The vector store can be a real Chroma server (`chroma run`) shared by several workers."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from ingest import generations
from tests.conftest import SEED


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _collections(client: object) -> set[str]:
    return {c if isinstance(c, str) else c.name for c in client.list_collections()}


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory):
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip("el ejecutable `chroma` no está instalado en el entorno")
    port = _free_port()
    proc = subprocess.Popen([str(chroma), "run", "--path", str(tmp_path_factory.mktemp("chroma")),
                             "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run no arrancó en 60 s")
    yield "127.0.0.1", port
    proc.terminate()
    proc.wait(timeout=20)


@pytest.mark.slow
def test_ingest_and_answer_through_a_chroma_server(tmp_path: Path, chroma_server: tuple[str, int],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.settings import get_settings
    from ingest.pipeline import run_ingest
    from ingest.vectors import make_client
    from pncti.wiring import build_assistant

    host, port = chroma_server
    # Every ingest gets the same clock second, the case that once failed on a clean clone: only
    # the sequence number may order the generations (their random suffixes sort any way).
    monkeypatch.setattr(generations, "time", SimpleNamespace(strftime=lambda fmt: "20260101T000000"))
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    run_ingest([corpus], data, progress=False, chroma_host=host, chroma_port=port)
    assert not any(p.name == "chroma" for p in data.glob("gen-*/*"))  # vectors live on the server
    client = make_client(None, host, port)
    first = f"pncti_{generations.require_generation(data).name}"
    assert _collections(client) == {first}
    first_count = client.get_collection(first).count()
    assert first_count > 10

    # A second document: unchanged vectors are copied
    # server-side to the new generation's collection. Which collection is live is read from
    # CURRENT, never from the order of the names.
    (corpus / "nota.md").write_text("# Nota 2024\n\nEn el año 2024 la APCI organizó tres talleres con Chile.",
                                    encoding="utf-8")
    run_ingest([corpus], data, progress=False, chroma_host=host, chroma_port=port)
    second = f"pncti_{generations.require_generation(data).name}"
    assert second != first
    assert _collections(client) == {first, second}  # the live generation and the one before it
    assert client.get_collection(second).count() == first_count + 1
    assert client.get_collection(first).count() == first_count

    # A third ingest drops the oldest generation's collection, never the live one or the one before.
    (corpus / "nota2.md").write_text("# Nota 2025\n\nEn el año 2025 la APCI organizó dos talleres con Chile.",
                                     encoding="utf-8")
    run_ingest([corpus], data, progress=False, chroma_host=host, chroma_port=port)
    third = f"pncti_{generations.require_generation(data).name}"
    assert _collections(client) == {second, third}
    assert client.get_collection(third).count() == first_count + 2
    assert [f"pncti_{g.name}" for g in generations.list_generations(data)] == [second, third]

    # Two workers share the server and the read-only side store.
    workers = [build_assistant(get_settings(data_dir=data, chroma_host=host, chroma_port=port)) for _ in range(2)]
    for bot in workers:
        snap = bot.kb.snapshot()
        assert snap.vectors is not None and snap.vectors.count() == first_count + 2
        assert "45.83" in bot.ask("¿Qué valor alcanzó el IOP.03.01 en 2023?").text
        assert not bot.ask("¿Qué guía operativa formuló la APCI y cuándo?").refused
