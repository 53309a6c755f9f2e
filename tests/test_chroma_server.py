"""The vector store can be a real Chroma server (`chroma run`) shared by several workers."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import SEED


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
def test_ingest_and_answer_through_a_chroma_server(tmp_path: Path, chroma_server: tuple[str, int]) -> None:
    from ingest.pipeline import run_ingest
    from ingest.vectors import make_client
    from pncti.settings import get_settings
    from pncti.wiring import build_assistant

    host, port = chroma_server
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    run_ingest([corpus], data, progress=False, chroma_host=host, chroma_port=port)
    assert not any(p.name == "chroma" for p in data.glob("gen-*/*"))  # vectors live on the server
    client = make_client(None, host, port)
    names = [c if isinstance(c, str) else c.name for c in client.list_collections()]
    assert len(names) == 1 and names[0].startswith("pncti_gen-")
    first_count = client.get_collection(names[0]).count()
    assert first_count > 10

    # A second document: unchanged vectors are copied server-side to the new generation's collection.
    (corpus / "nota.md").write_text("# Nota 2024\n\nEn el año 2024 la APCI organizó tres talleres con Chile.",
                                    encoding="utf-8")
    run_ingest([corpus], data, progress=False, chroma_host=host, chroma_port=port)
    names = sorted(c if isinstance(c, str) else c.name for c in client.list_collections())
    assert len(names) == 2  # the live generation and the one before it
    assert client.get_collection(names[-1]).count() == first_count + 1

    # Two workers share the server and the read-only side store.
    workers = [build_assistant(get_settings(data_dir=data, chroma_host=host, chroma_port=port)) for _ in range(2)]
    for bot in workers:
        snap = bot.kb.snapshot()
        assert snap.vectors is not None and snap.vectors.count() == first_count + 1
        assert "45.83" in bot.ask("¿Qué valor alcanzó el IOP.03.01 en 2023?").text
        assert not bot.ask("¿Qué guía operativa formuló la APCI y cuándo?").refused
