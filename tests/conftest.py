"""Shared fixtures: a real ingest of the seed report into a temporary data folder."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
os.environ["ANONYMIZED_TELEMETRY"] = "False"

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpus" / "reporte_cumplimiento_pncti_2023.txt"
DEV_SET = ROOT / "eval" / "dev_qa.jsonl"

_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> object:
    """Tests never touch the network: only loopback and Unix sockets may connect."""
    if isinstance(address, tuple) and address:
        host = str(address[0])
        if host not in ("localhost",):
            try:
                if not ipaddress.ip_address(host.split("%")[0]).is_loopback:
                    raise OSError(f"Conexión de red bloqueada en las pruebas: {host}")
            except ValueError as exc:
                raise OSError(f"Conexión de red bloqueada en las pruebas: {host}") from exc
    return _real_connect(self, address)


socket.socket.connect = _loopback_only  # type: ignore[method-assign]


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus folder holding a copy of the seed report."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copy(SEED, folder / SEED.name)
    return folder


@pytest.fixture(scope="session")
def seed_data_dir(tmp_path_factory: pytest.TempPathFactory, seed_corpus: Path) -> Path:
    """A data folder with the seed ingested (real SQLite, BM25 and Chroma)."""
    from ingest.pipeline import run_ingest

    data = tmp_path_factory.mktemp("data")
    report = run_ingest([seed_corpus], data, progress=False)
    assert report.ingested and not report.skipped
    return data


@pytest.fixture(scope="session")
def settings(seed_data_dir: Path):
    """Settings pointing at the seeded data folder."""
    from assistant.settings import get_settings

    return get_settings(data_dir=seed_data_dir, rate_limit_per_minute=0)


@pytest.fixture(scope="session")
def assistant(settings):
    """The real Assistant over the seeded stores, warmed up."""
    from pncti.wiring import build_assistant

    built = build_assistant(settings)
    built.warm_up()
    return built


def two_year_assistant(tmp_path: Path, old: str, new: str):
    """An assistant (BM25 only) over the seed plus a 2024 copy with ``old`` replaced by ``new``."""
    from assistant.compose import Templates
    from assistant.core import Assistant
    from assistant.knowledge import KnowledgeBase
    from assistant.settings import get_settings
    from ingest.pipeline import run_ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEED.name).write_bytes(SEED.read_bytes())
    later = SEED.read_text(encoding="utf-8").replace("2023", "2024").replace(old, new)
    (corpus / "reporte_cumplimiento_pncti_2024.txt").write_text(later, encoding="utf-8")
    run_ingest([corpus], tmp_path / "data", embedder_name="none", progress=False)
    return Assistant(KnowledgeBase(tmp_path / "data", None), Templates(get_settings().prompts_dir))
