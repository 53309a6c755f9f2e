"""`pncti ingest`: idempotent, replaces changed files, removes deleted ones, skips bad ones."""

from __future__ import annotations

import contextlib
import json
import shutil
from pathlib import Path

import pytest

from ingest import generations, sidestore
from ingest.pipeline import run_ingest
from tests.conftest import SEED


def _status(data: Path) -> dict[str, int]:
    gen = generations.require_generation(data)
    with contextlib.closing(sidestore.connect(gen / "side.sqlite", readonly=True)) as conn:
        return sidestore.status(conn)


def _ingest(corpus: Path, data: Path):
    # BM25-only keeps these file-handling tests fast; the dense path is covered by the seed fixture.
    return run_ingest([corpus], data, embedder_name="none", progress=False)


def test_seed_fixture_has_every_store(seed_data_dir: Path) -> None:
    gen = generations.require_generation(seed_data_dir)
    assert (gen / "chroma").is_dir() and (gen / "bm25" / "ids.json").exists()
    status = _status(seed_data_dir)
    (doc,) = status.pop("per_document")
    assert status == {"documents": 1, "chunks": status["chunks"], "indicators": 16, "values": 16}
    assert (doc["policy"], doc["kind"], doc["indicators_found"], doc["values_found"], doc["unplaced_figures"],
            doc["discrepancies"]) == ("PNCTI", "reporte", 16, 11, 0, 3)
    from ingest.embedder import load_embedder
    from ingest.vectors import VectorIndex, make_client

    vectors = VectorIndex(make_client(gen / "chroma"), load_embedder("minilm"))
    assert vectors.count() == _status(seed_data_dir)["chunks"]
    top = vectors.search("países de América Latina con proyectos de cooperación Sur-Sur", k=3)
    assert top and all(0 < score <= 1.0001 for _, score in top)


def test_reingest_is_idempotent_and_changes_nothing(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    first = _ingest(corpus, data)
    gen = generations.current_generation(data)
    second = _ingest(corpus, data)
    assert first.ingested == [str(corpus / SEED.name)]
    assert second.ingested == [] and second.unchanged == [str(corpus / SEED.name)]
    assert generations.current_generation(data) == gen  # no new generation was built


def test_changed_file_replaces_rows_and_removed_file_disappears(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    target = corpus / SEED.name
    shutil.copy(SEED, target)
    _ingest(corpus, data)
    target.write_text(SEED.read_text(encoding="utf-8").replace("valor de 45.83%", "valor de 46.10%"),
                      encoding="utf-8")
    report = _ingest(corpus, data)
    assert report.ingested == [str(target)]
    gen = generations.require_generation(data)
    with contextlib.closing(sidestore.connect(gen / "side.sqlite", readonly=True)) as conn:
        rows = sidestore.indicator_values(conn, "IOP.03.01")
        assert [r["value"] for r in rows] == [46.10]
        assert sidestore.status(conn)["documents"] == 1
    target.unlink()
    report = _ingest(corpus, data)
    assert report.removed == [str(target)]
    assert _status(data) == {"documents": 0, "chunks": 0, "indicators": 0, "values": 0, "per_document": []}


def test_malformed_files_are_skipped_with_a_reason(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    (corpus / "roto.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20)
    (corpus / "vacio.pdf").write_bytes(b"")
    (corpus / "notas.docx").write_bytes(b"PK\x03\x04")
    report = _ingest(corpus, data)
    assert report.ingested == [str(corpus / SEED.name)]
    reasons = {Path(s["file"]).name: s["reason"] for s in report.skipped}
    assert set(reasons) == {"roto.pdf", "vacio.pdf", "notas.docx"}
    assert "vacío" in reasons["vacio.pdf"]
    assert "formato no soportado" in reasons["notas.docx"]
    assert "PDF" in reasons["roto.pdf"]
    assert _status(data)["documents"] == 1


def test_a_crash_mid_ingest_leaves_the_previous_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    _ingest(corpus, data)
    before = generations.current_generation(data)
    (corpus / "otro.md").write_text("# Nota\n\nEl Perú participó en 10 proyectos.", encoding="utf-8")

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("corte de energía simulado")

    monkeypatch.setattr(generations, "publish", boom)
    with pytest.raises(RuntimeError):
        _ingest(corpus, data)
    assert generations.current_generation(data) == before
    assert _status(data)["documents"] == 1
    monkeypatch.undo()
    report = _ingest(corpus, data)  # the next run cleans the half-built folder and succeeds
    assert report.ingested == [str(corpus / "otro.md")]
    assert not list(data.glob(".building-*"))
    assert _status(data)["documents"] == 2


def test_html_and_markdown_are_loaded(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    (corpus / "nota.html").write_text(
        "<html><head><title>x</title><script>alert(1)</script></head><body><h1>Nota de prensa 2024</h1>"
        "<p>En el año 2024 la APCI organizó tres talleres.</p></body></html>", encoding="utf-8")
    report = _ingest(corpus, data)
    assert report.ingested and not report.skipped
    gen = generations.require_generation(data)
    with contextlib.closing(sidestore.connect(gen / "side.sqlite", readonly=True)) as conn:
        docs = sidestore.documents(conn)
        sentences = [r["text"] for r in sidestore.sentence_rows(conn)]
    assert docs[0]["period"] == 2024 and docs[0]["kind"] == "html"
    assert "En el año 2024 la APCI organizó tres talleres." in sentences
    assert not any("alert" in s for s in sentences)


def test_report_json_shape(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    out = _ingest(corpus, data).as_json()
    assert set(out) >= {"ingested", "unchanged", "removed", "skipped"}
    json.dumps(out)
