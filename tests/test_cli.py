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

    # The README states 25/25 on the dev set: every item, no unsupported number.
    assert main(["eval", str(DEV_SET), "--json", "--min-accuracy", "1.0", "--max-confidently-wrong", "0"]) == 0
    result = _json(capsys)
    failures = [(r["id"], r["outcome"], r["answer"][:200]) for r in result["results"] if not r["ok"]]
    assert (result["correct"], result["total"]) == (25, 25), failures
    assert result["outcomes"] == {"right": 25, "refused_answerable": 0, "confidently_wrong": 0, "answered_refusal": 0}
    assert result["unsupported_numbers"] == 0


def test_eval_reports_the_four_outcomes_separately(env: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    items = [
        {"id": "right", "q": "¿Qué valor alcanzó el indicador IOP.03.02 en 2023?", "must": ["4.17"],
         "kind": "figure", "intent": "value"},
        # Answerable, but the item's fact is not what the answer gives: confidently wrong.
        {"id": "wrong", "q": "¿Qué valor alcanzó el indicador IOP.03.02 en 2023?", "must": ["45.83"],
         "kind": "figure", "intent": "value"},
        # The documents do not answer it, yet the item expects a figure: refused but "answerable".
        {"id": "refused", "q": "¿Cuál es la tasa de desempleo en Lima?", "must": ["7"], "kind": "figure",
         "intent": "value"},
        # The item wants a refusal of a question the documents answer: answered refusal.
        {"id": "answered", "q": "¿Qué valor tuvo el indicador ISS.01.02.01.01?", "refuse": True, "kind": "refuse",
         "intent": "out_of_scope"},
    ]
    path = tmp_path / "four.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    assert main(["eval", str(path), "--json"]) == 0
    result = _json(capsys)
    assert result["outcomes"] == {"right": 1, "refused_answerable": 1, "confidently_wrong": 1, "answered_refusal": 1}
    assert {r["id"]: r["outcome"] for r in result["results"]} == {
        "right": "right", "wrong": "confidently_wrong", "refused": "refused_answerable",
        "answered": "answered_refusal"}
    assert result["by_intent"]["value"] == {"correct": 1, "total": 3, "right": 1, "refused_answerable": 1,
                                            "confidently_wrong": 1, "answered_refusal": 0}
    assert result["by_kind"]["refuse"]["answered_refusal"] == 1
    # Text report: the four numbers on their own lines; a confidently wrong share above the limit fails.
    assert main(["eval", str(path), "--max-confidently-wrong", "0.2"]) == 1
    out = capsys.readouterr().out
    assert "Aciertos: 1/4 (25%)" in out
    for line in ("Rechazadas con respuesta en los documentos: 1 (25%)", "Respondidas mal: 1 (25%)",
                 "Respondidas cuando debían rechazarse: 1 (25%)"):
        assert line in out


def test_commands_without_corpus_name_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PNCTI_DATA_DIR", str(tmp_path / "vacio"))
    assert main(["status"]) == 2
    assert "No hay documentos ingeridos" in capsys.readouterr().err
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
