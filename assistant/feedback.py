"""👍/👎 ratings of answers in a small SQLite file (``data/feedback.sqlite``).

The file is created on the first write, opened in WAL mode, and its schema is versioned
with ``PRAGMA user_version``; :data:`MIGRATIONS` brings an older file up to date.
Parameterised SQL only. One short-lived connection per call, so the store can be shared
by the web server's worker threads.

The chat rates with Gradio's own 👍/👎 icons, which a user can switch or take back: each
answer has a key, and :meth:`FeedbackStore.rate` keeps one row per key (the latest rating).
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Scripts run inside one BEGIN IMMEDIATE transaction that re-reads the version first, so two
# server threads opening an old file never apply the same migration twice.
MIGRATIONS: list[str] = [
    # 1: the first schema.
    """
    CREATE TABLE IF NOT EXISTS feedback (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        rating INTEGER NOT NULL CHECK (rating IN (-1, 1)),
        citations_json TEXT
    );
    CREATE INDEX IF NOT EXISTS feedback_by_time ON feedback(created_at);
    """,
    # 2: one row per rated answer, so a changed 👍/👎 replaces the earlier one.
    """
    ALTER TABLE feedback ADD COLUMN answer_key TEXT;
    CREATE UNIQUE INDEX IF NOT EXISTS feedback_by_answer ON feedback(answer_key)
        WHERE answer_key IS NOT NULL;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
MAX_TEXT_CHARS = 50_000
# Switching a new file to WAL needs an exclusive lock and SQLite does not wait for it (no
# busy handler), so threads that open a new file together would get "database is locked".
_SETUP_LOCK = threading.Lock()
_SETUP_ATTEMPTS = 50


class FeedbackSchemaTooNew(Exception):
    """The feedback file was written by a newer version of the assistant: upgrade the package."""


def _enable_wal(conn: sqlite3.Connection) -> None:
    """Switch the file to WAL (persistent), retrying while another process holds the lock."""
    for attempt in range(_SETUP_ATTEMPTS):
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == _SETUP_ATTEMPTS - 1:
                raise
            time.sleep(0.02 * (attempt + 1))


class FeedbackStore:
    """Ratings of answers: ``add`` one, ``export`` them all (oldest first)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        try:
            conn.row_factory = sqlite3.Row
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                with _SETUP_LOCK:
                    _enable_wal(conn)
            conn.execute("PRAGMA synchronous=NORMAL")
            self._migrate(conn)
            yield conn
        finally:
            conn.close()

    def _migrate(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise FeedbackSchemaTooNew(
                f"El archivo de valoraciones {self.path} tiene el esquema v{version} y este programa "
                f"conoce hasta v{SCHEMA_VERSION}: actualice el paquete."
            )
        if version == SCHEMA_VERSION:
            return
        isolation = conn.isolation_level
        conn.isolation_level = None  # explicit transaction: executescript would commit early
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]  # another thread may be done
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                    log.info("Migrando %s al esquema v%d", self.path, number)
                    for statement in _statements(script):
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {number}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.isolation_level = isolation

    def add(
        self, question: str, answer: str, rating: int, citations_json: str | None = None
    ) -> int:
        """Store one rating (+1 👍, -1 👎) and return its id.

        Raises:
            ValueError: ``rating`` is not 1 or -1, or ``citations_json`` is not valid JSON.
        """
        _check(rating, citations_json)
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connect() as conn, conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, question, answer, rating, citations_json) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    created_at,
                    str(question)[:MAX_TEXT_CHARS],
                    str(answer)[:MAX_TEXT_CHARS],
                    int(rating),
                    citations_json,
                ),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return row_id

    def rate(
        self,
        key: str,
        question: str,
        answer: str,
        rating: int | None,
        citations_json: str | None = None,
    ) -> int | None:
        """Set the rating of the answer ``key``: +1, -1, or None to take it back.

        One row per key: a new rating replaces the earlier one (and its time). Returns the
        row id, or None when the rating was taken back.

        Raises:
            ValueError: an empty key, a rating other than 1, -1 or None, or invalid JSON.
        """
        if not key:
            raise ValueError("Falta la clave de la respuesta valorada.")
        if rating is None:
            with self._connect() as conn, conn:
                conn.execute("DELETE FROM feedback WHERE answer_key = ?", (key,))
            return None
        _check(rating, citations_json)
        created_at = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connect() as conn, conn:
            conn.execute("DELETE FROM feedback WHERE answer_key = ?", (key,))
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, question, answer, rating, citations_json, answer_key)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    created_at,
                    str(question)[:MAX_TEXT_CHARS],
                    str(answer)[:MAX_TEXT_CHARS],
                    int(rating),
                    citations_json,
                    key,
                ),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return row_id

    def export(self, include_citations: bool = False) -> list[dict[str, Any]]:
        """Every rating, oldest first: id, created_at (ISO 8601, UTC), question, answer, rating.

        With ``include_citations`` each row also has ``citations`` (the stored list, or None).
        A store nobody has written to yet exports an empty list without creating the file.
        """
        if not self.path.exists():
            return []
        with self._connect() as conn:
            rows = conn.execute(
                "SELECT id, created_at, question, answer, rating, citations_json FROM feedback ORDER BY id"
            ).fetchall()
        out = []
        for r in rows:
            item = {
                "id": r["id"],
                "created_at": r["created_at"],
                "question": r["question"],
                "answer": r["answer"],
                "rating": r["rating"],
            }
            if include_citations:
                item["citations"] = json.loads(r["citations_json"]) if r["citations_json"] else None
            out.append(item)
        return out


def _check(rating: object, citations_json: str | None) -> None:
    """Raise ValueError unless ``rating`` is 1 or -1 and ``citations_json`` is JSON (or None)."""
    if isinstance(rating, bool) or rating not in (1, -1):
        raise ValueError(f"La valoración debe ser 1 (👍) o -1 (👎); se recibió {rating!r}.")
    if citations_json is not None:
        try:
            json.loads(citations_json)
        except json.JSONDecodeError as exc:
            raise ValueError(f"Las citas de la valoración no son JSON válido: {exc}.") from exc


def _statements(script: str) -> list[str]:
    """The statements of a migration script (no semicolons inside our DDL)."""
    return [part.strip() for part in script.split(";") if part.strip()]
