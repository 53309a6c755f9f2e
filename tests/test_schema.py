"""Stores written by another schema or pipeline version are migrated or rebuilt, with a clear message."""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest import generations, sidestore
from ingest.pipeline import run_ingest
from tests.conftest import SEED


def test_newer_schema_is_refused_with_the_fix(tmp_path: Path) -> None:
    db = tmp_path / "side.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(sidestore.SchemaTooNew, match="actualice el paquete"):
        sidestore.connect(db)


def test_older_schema_is_migrated_on_write_and_explained_on_read(tmp_path: Path) -> None:
    db = tmp_path / "side.sqlite"
    sqlite3.connect(db).close()  # version 0: an empty file from before the first schema
    with pytest.raises(sidestore.SchemaOutdated, match="pncti ingest"):
        sidestore.connect(db, readonly=True)
    conn = sidestore.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == sidestore.SCHEMA_VERSION
    assert sidestore.status(conn) == {"documents": 0, "chunks": 0, "indicators": 0, "values": 0, "per_document": []}


def test_index_from_an_older_pipeline_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    corpus.mkdir()
    shutil.copy(SEED, corpus)
    run_ingest([corpus], data, embedder_name="none", progress=False)
    gen = generations.require_generation(data)
    manifest = json.loads((gen / "manifest.json").read_text())
    (gen / "manifest.json").write_text(json.dumps({**manifest, "pipeline_version": 1}))
    with caplog.at_level(logging.WARNING):
        report = run_ingest([corpus], data, embedder_name="none", progress=False)
    assert report.ingested == [str(corpus / SEED.name)]
    assert "otra versión del ingestor" in caplog.text
    assert generations.require_generation(data) != gen
