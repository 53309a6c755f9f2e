"""Every `pncti` command, run as a user would, with the messages a user sees."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pncti.cli import main


@pytest.fixture()
def env(monkeypatch: pytest.MonkeyPatch, seed_data_dir: Path) -> Path:
    monkeypatch.setenv("PNCTI_DATA_DIR", str(seed_data_dir))
    return seed_data_dir


def _json(capsys: pytest.CaptureFixture[str]):
    return json.loads(capsys.readouterr().out)


def test_indicators_code_json_shows_value_progress_and_page(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["indicators", "--code", "IOP.03.01", "--json"]) == 0
    rows = _json(capsys)
    assert len(rows) == 1
    row = rows[0]
    assert (row["code"], row["value"], row["progress_pct"], row["page"], row["period"]) == ("IOP.03.01", 45.83, 94.0, 3, 2023)
    assert set(row) >= {"code", "name", "period", "value", "unit", "progress_pct", "status", "document", "page", "quote"}
    assert "45.83%" in row["quote"]


def test_indicators_unknown_code_names_the_fix(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["indicators", "--code", "IOP.09.09"]) == 1
    assert "pncti indicators" in capsys.readouterr().err


def test_status_json(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--json"]) == 0
    data = _json(capsys)
    assert data["documents"] == 1 and data["indicators"] == 16 and data["values"] == 16 and data["chunks"] > 10


def test_checks_lists_the_discrepancy(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["checks"]) == 0
    out = capsys.readouterr().out
    assert "DISCREPANCIA IOP.03.01" in out and "32 de 72 = 44.44%" in out


def test_ask_json_and_text(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "¿Qué valor tuvo el indicador ISS.01.02.01.01?", "--json"]) == 0
    answer = _json(capsys)
    assert "142" in answer["text"] and answer["citations"][0]["page"] == 4 and not answer["refused"]
    assert main(["ask", "¿Cuál es la tasa de desempleo en Lima?"]) == 0
    assert "No encuentro esa información" in capsys.readouterr().out


def test_eval_command(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import DEV_SET

    assert main(["eval", str(DEV_SET), "--json", "--min-accuracy", "0.96"]) == 0
    result = _json(capsys)
    assert result["correct"] >= 24 and result["unsupported_numbers"] == 0


def test_commands_without_corpus_name_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PNCTI_DATA_DIR", str(tmp_path / "vacio"))
    assert main(["status"]) == 2
    assert "No hay documentos ingeridos" in capsys.readouterr().err and True
    assert main(["indicators"]) == 2
    assert "ejecute `pncti ingest`" in capsys.readouterr().err


def test_ingest_json_shape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import SEED

    monkeypatch.setenv("PNCTI_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("PNCTI_EMBEDDER", "none")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / SEED.name).write_bytes(SEED.read_bytes())
    (tmp_path / "c" / "malo.pdf").write_bytes(b"%PDF-1.4 basura")
    assert main(["ingest", str(tmp_path / "c"), "--json"]) == 0
    out = _json(capsys)
    assert out["ingested"] == [str(tmp_path / "c" / SEED.name)]
    assert out["skipped"][0]["file"].endswith("malo.pdf") and out["skipped"][0]["reason"]
    assert out["unchanged"] == [] and out["removed"] == []
