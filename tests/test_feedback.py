"""FeedbackStore on a real SQLite file under tmp_path."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant.feedback import SCHEMA_VERSION, FeedbackSchemaTooNew, FeedbackStore


def test_created_lazily_and_empty_export_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "feedback.sqlite"
    store = FeedbackStore(path)
    assert not path.exists()
    assert store.export() == []
    assert not path.exists()
    store.add("¿Pregunta?", "Respuesta.", 1)
    assert path.exists()


def test_add_and_export_round_trip(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    before = datetime.now(UTC).replace(microsecond=0)
    first = store.add("¿Qué valor alcanzó el indicador IOP.03.01 en 2023?", "45.83 % (pág. 3)", 1)
    second = store.add(
        "¿Cuál es el PBI de Chile?",
        "No encuentro ese dato.",
        -1,
        citations_json=json.dumps([{"document": "Reporte", "page": 3}]),
    )
    assert (first, second) == (1, 2)
    rows = store.export()
    assert [{k: v for k, v in r.items() if k != "created_at"} for r in rows] == [
        {
            "id": 1,
            "question": "¿Qué valor alcanzó el indicador IOP.03.01 en 2023?",
            "answer": "45.83 % (pág. 3)",
            "rating": 1,
        },
        {
            "id": 2,
            "question": "¿Cuál es el PBI de Chile?",
            "answer": "No encuentro ese dato.",
            "rating": -1,
        },
    ]
    for r in rows:
        created = datetime.fromisoformat(r["created_at"])
        assert created.tzinfo is not None and before <= created <= datetime.now(UTC)
    with_citations = store.export(include_citations=True)
    assert [r["citations"] for r in with_citations] == [None, [{"document": "Reporte", "page": 3}]]


def test_export_matches_the_cli_contract(tmp_path: Path) -> None:
    """`pncti feedback` prints created_at, 👍/👎 from the sign of rating, and the question."""
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    store.add("¿Objetivos?", "Cuatro objetivos.", -1)
    row = store.export()[0]
    assert set(row) == {"id", "created_at", "question", "answer", "rating"}
    assert f"{row['created_at']} {'👍' if row['rating'] > 0 else '👎'} {row['question']}".endswith(
        "👎 ¿Objetivos?"
    )


@pytest.mark.parametrize("rating", [0, 2, -2, True, "1", 1.5])
def test_rejects_a_rating_other_than_plus_or_minus_one(tmp_path: Path, rating: object) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    with pytest.raises(ValueError, match=r"La valoración debe ser 1 \(👍\) o -1 \(👎\)"):
        store.add("q", "a", rating)  # type: ignore[arg-type]
    assert store.export() == []


def test_rejects_citations_that_are_not_json(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    with pytest.raises(ValueError, match="Las citas de la valoración no son JSON válido"):
        store.add("q", "a", 1, citations_json="{pág. 3")


def test_text_is_stored_verbatim_including_sql_quotes(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    tricky = "'); DROP TABLE feedback; -- «cita» ñ"
    store.add(tricky, tricky, 1)
    assert store.export()[0]["question"] == tricky


def test_wal_mode_and_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    FeedbackStore(path).add("q", "a", 1)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    finally:
        conn.close()


def test_newer_schema_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "feedback.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(
        FeedbackSchemaTooNew,
        match="tiene el esquema v99 y este programa conoce hasta v2: actualice",
    ):
        FeedbackStore(path).export()


def test_concurrent_writers_from_threads(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    errors: list[BaseException] = []

    def rate(n: int) -> None:
        try:
            for i in range(10):
                store.add(f"q{n}-{i}", "a", 1 if i % 2 else -1)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=rate, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    rows = store.export()
    assert len(rows) == 60 and [r["id"] for r in rows] == list(range(1, 61))
    assert sum(r["rating"] for r in rows) == 0


def _rate_together(store: FeedbackStore, threads: int) -> list[BaseException]:
    """Start ``threads`` threads that each add one rating at the same moment; return errors."""
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def rate(n: int) -> None:
        try:
            barrier.wait()
            store.add(f"q{n}", "a", 1)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    workers = [threading.Thread(target=rate, args=(n,)) for n in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return errors


def test_threads_opening_a_new_file_together_all_write(tmp_path: Path) -> None:
    # Switching a new file to WAL takes an exclusive lock SQLite does not wait for; before
    # the setup lock this failed ("database is locked") in about one round in twenty.
    for round_ in range(40):
        store = FeedbackStore(tmp_path / f"feedback-{round_}.sqlite")
        assert _rate_together(store, 6) == [], f"round {round_}"
        assert len(store.export()) == 6


def test_rate_keeps_one_row_per_answer_and_can_be_taken_back(tmp_path: Path) -> None:
    """Gradio's 👍/👎 can be switched or un-clicked: the store holds the latest choice."""
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    first = store.rate("a1", "¿Valor de IOP.03.01?", "45.83 %", 1)
    store.rate("b2", "¿Objetivos?", "Cuatro.", -1, citations_json="[]")
    assert [(r["question"], r["rating"]) for r in store.export()] == [
        ("¿Valor de IOP.03.01?", 1), ("¿Objetivos?", -1)]
    second = store.rate("a1", "¿Valor de IOP.03.01?", "45.83 %", -1)
    assert second != first
    assert [(r["question"], r["rating"]) for r in store.export()] == [
        ("¿Objetivos?", -1), ("¿Valor de IOP.03.01?", -1)]
    assert store.rate("a1", "¿Valor de IOP.03.01?", "45.83 %", None) is None
    assert [r["question"] for r in store.export()] == ["¿Objetivos?"]
    # Unkeyed ratings (older callers of add) are never touched by rate().
    store.add("¿Suelto?", "x", 1)
    store.rate("b2", "¿Objetivos?", "Cuatro.", None)
    assert [r["question"] for r in store.export()] == ["¿Suelto?"]


def test_rate_validates_its_input(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "feedback.sqlite")
    with pytest.raises(ValueError, match="Falta la clave de la respuesta valorada"):
        store.rate("", "q", "a", 1)
    with pytest.raises(ValueError, match=r"La valoración debe ser 1 \(👍\) o -1 \(👎\)"):
        store.rate("k", "q", "a", 0)
    assert store.export() == []


def test_a_v1_file_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    from assistant.feedback import MIGRATIONS

    path = tmp_path / "feedback.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
    conn.execute("INSERT INTO feedback (created_at, question, answer, rating) VALUES "
                 "('2024-05-01T10:00:00+00:00', '¿Antigua?', 'Sí.', 1)")
    conn.commit()
    conn.close()
    store = FeedbackStore(path)
    store.rate("k", "¿Nueva?", "No.", -1)
    assert [(r["question"], r["rating"]) for r in store.export()] == [("¿Antigua?", 1), ("¿Nueva?", -1)]
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    finally:
        conn.close()


def test_threads_migrating_an_old_file_together_all_write(tmp_path: Path) -> None:
    from assistant.feedback import MIGRATIONS

    for round_ in range(10):
        path = tmp_path / f"old-{round_}.sqlite"
        conn = sqlite3.connect(path)
        conn.executescript(MIGRATIONS[0] + "; PRAGMA user_version = 1;")
        conn.close()
        store = FeedbackStore(path)
        assert _rate_together(store, 6) == [], f"round {round_}"
        assert len(store.export()) == 6
