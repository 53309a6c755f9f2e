"""SQLite side store: documents, objectives, services, indicators, values, partners, checks.

Every figure row carries its document, page and exact source sentence. The schema is
versioned with ``PRAGMA user_version``; :data:`MIGRATIONS` brings an older file up to date.
Parameterised SQL only.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ingest.model import Document
from ingest.reports.records import LEVEL_COUNT, Extraction

log = logging.getLogger(__name__)

MIGRATIONS: list[str] = [
    # 1: the first schema.
    """
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY, source_path TEXT NOT NULL, title TEXT NOT NULL,
        period INTEGER, doc_type TEXT NOT NULL, kind TEXT NOT NULL, pages INTEGER NOT NULL,
        chunks INTEGER NOT NULL DEFAULT 0, hidden_chars INTEGER NOT NULL DEFAULT 0,
        ingested_at TEXT NOT NULL
    );
    CREATE TABLE objectives (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        code TEXT NOT NULL, title TEXT NOT NULL, page INTEGER NOT NULL, quote TEXT NOT NULL,
        PRIMARY KEY (doc_id, code)
    );
    CREATE TABLE services (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        code TEXT NOT NULL, name TEXT NOT NULL, objective TEXT, page INTEGER NOT NULL,
        quote TEXT NOT NULL, PRIMARY KEY (doc_id, code)
    );
    CREATE TABLE indicators (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        indicator_id TEXT NOT NULL, code TEXT, name TEXT NOT NULL, level TEXT NOT NULL,
        objective TEXT, service TEXT, page INTEGER NOT NULL, quote TEXT NOT NULL,
        PRIMARY KEY (doc_id, indicator_id)
    );
    CREATE TABLE indicator_values (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        indicator_id TEXT NOT NULL, period INTEGER, value REAL, unit TEXT, progress_pct REAL,
        status TEXT NOT NULL, reason TEXT, page INTEGER NOT NULL, quote TEXT NOT NULL,
        progress_page INTEGER, progress_quote TEXT, raw_value TEXT,
        PRIMARY KEY (doc_id, indicator_id, period)
    );
    CREATE TABLE partners (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        country TEXT NOT NULL, region TEXT, subregion TEXT, role TEXT NOT NULL,
        topics TEXT NOT NULL, projects INTEGER, indicator_id TEXT, period INTEGER,
        page INTEGER NOT NULL, quote TEXT NOT NULL
    );
    CREATE TABLE checks (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        kind TEXT NOT NULL, indicator_id TEXT, stated REAL, computed REAL, formula TEXT,
        consistent INTEGER NOT NULL, description TEXT NOT NULL,
        page_a INTEGER, quote_a TEXT, page_b INTEGER, quote_b TEXT
    );
    CREATE TABLE chunks (
        chunk_id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, page INTEGER NOT NULL, end_page INTEGER NOT NULL,
        section TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL
    );
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, chunk_id TEXT NOT NULL, page INTEGER NOT NULL,
        end_page INTEGER NOT NULL, section TEXT NOT NULL, objective TEXT, text TEXT NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE INDEX values_by_indicator ON indicator_values(indicator_id, period);
    CREATE INDEX sentences_by_chunk ON sentences(chunk_id);
    """,
    # 2: several policies share indicator codes; documents say which policy they report on.
    """
    ALTER TABLE documents ADD COLUMN policy TEXT NOT NULL DEFAULT '';
    CREATE INDEX documents_by_policy ON documents(policy, period);
    """,
    # 3: policies as first-class, policy documents (guidelines, targets, baselines), the ledger of
    # figures left without a role, and the per-document ingest report.
    """
    ALTER TABLE documents ADD COLUMN policy_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN decree TEXT NOT NULL DEFAULT '';
    ALTER TABLE documents ADD COLUMN report TEXT NOT NULL DEFAULT '{}';
    UPDATE documents SET doc_type = 'politica' WHERE doc_type = 'decreto';
    ALTER TABLE indicators ADD COLUMN direction TEXT NOT NULL DEFAULT 'ascendente';
    ALTER TABLE indicators ADD COLUMN official_name TEXT;
    ALTER TABLE indicators ADD COLUMN code_source TEXT;
    CREATE TABLE guidelines (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        code TEXT NOT NULL, title TEXT NOT NULL, objective TEXT, page INTEGER NOT NULL, quote TEXT NOT NULL,
        PRIMARY KEY (doc_id, code)
    );
    CREATE TABLE targets (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        indicator_id TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER, value REAL NOT NULL, unit TEXT,
        page INTEGER NOT NULL, quote TEXT NOT NULL
    );
    CREATE INDEX targets_by_indicator ON targets(indicator_id, year);
    CREATE TABLE unplaced (
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        indicator_id TEXT, raw TEXT NOT NULL, page INTEGER NOT NULL, quote TEXT NOT NULL
    );
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNew(Exception):
    """The side store was written by a newer version of the assistant: upgrade the package."""


class SchemaOutdated(Exception):
    """The side store predates this program's schema: run `pncti ingest` to migrate it."""


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    """Open the side store (WAL, synchronous=FULL, foreign keys) and migrate it if writable."""
    if readonly:
        if not path.exists():
            raise FileNotFoundError(f"No existe el almacén {path}: ejecute `pncti ingest`.")
        conn = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"El almacén {path} tiene el esquema v{version} y este programa conoce hasta "
            f"v{SCHEMA_VERSION}: actualice el paquete o vuelva a ejecutar `pncti ingest --rebuild`."
        )
    if version < SCHEMA_VERSION:
        if readonly:
            conn.close()
            raise SchemaOutdated(
                f"El almacén {path} tiene el esquema v{version} (actual v{SCHEMA_VERSION}): "
                "ejecute `pncti ingest` para migrarlo o `pncti ingest --rebuild` para reconstruirlo.")
        migrate(conn, version)
    return conn


def migrate(conn: sqlite3.Connection, from_version: int) -> None:
    """Apply every migration after ``from_version`` in one transaction each."""
    for number, script in enumerate(MIGRATIONS[from_version:], start=from_version + 1):
        log.info("Migrando el almacén al esquema v%d", number)
        with conn:
            conn.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")


def seal(conn: sqlite3.Connection) -> None:
    """Finish a generation's store: checkpoint the WAL and leave a single self-contained file.

    A published store is never written again, so readers (possibly on a read-only mount,
    several server workers) open it immutable.
    """
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode=DELETE")


def delete_document(conn: sqlite3.Connection, doc_id: str) -> None:
    """Remove a document and, by cascade, all its rows."""
    with conn:
        conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))


def write_document(
    conn: sqlite3.Connection,
    doc: Document,
    extraction: Extraction,
    chunks: list[Any],
    ingested_at: str,
) -> None:
    """Insert one document with its extraction, chunks and sentences in one transaction."""
    with conn:
        conn.execute(
            "INSERT INTO documents (doc_id, source_path, title, period, doc_type, kind, pages, chunks,"
            " hidden_chars, ingested_at, policy, policy_name, decree, report)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.doc_id, doc.source_path, doc.title, doc.period, doc.doc_type, doc.kind,
             doc.page_count, len(chunks), doc.hidden_chars_dropped, ingested_at, doc.policy,
             doc.policy_name, doc.decree, json.dumps(extraction.summary())),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO guidelines VALUES (?,?,?,?,?,?)",
            [(doc.doc_id, g.code, g.title, g.objective, g.source.page, g.source.quote) for g in extraction.guidelines],
        )
        conn.executemany(
            "INSERT INTO targets VALUES (?,?,?,?,?,?,?,?)",
            [(doc.doc_id, t.indicator_id, t.kind, t.year, t.value, t.unit, t.source.page, t.source.quote)
             for t in extraction.targets],
        )
        conn.executemany(
            "INSERT INTO unplaced VALUES (?,?,?,?,?)",
            [(doc.doc_id, u.indicator_id, u.raw, u.page, u.quote) for u in extraction.unplaced],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO objectives VALUES (?,?,?,?,?)",
            [(doc.doc_id, o.code, o.title, o.source.page, o.source.quote) for o in extraction.objectives],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO services VALUES (?,?,?,?,?,?)",
            [(doc.doc_id, s.code, s.name, s.objective, s.source.page, s.source.quote)
             for s in extraction.services],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO indicators (doc_id, indicator_id, code, name, level, objective, service,"
            " page, quote, direction) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(doc.doc_id, i.indicator_id, i.code, i.name, i.level, i.objective, i.service,
              i.source.page, i.source.quote, i.direction) for i in extraction.indicators],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO indicator_values VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.doc_id, v.indicator_id, v.period, v.value, v.unit, v.progress_pct, v.status,
              v.reason, v.source.page, v.source.quote, v.progress_page, v.progress_quote, v.raw_value)
             for v in extraction.values],
        )
        conn.executemany(
            "INSERT INTO partners VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.doc_id, p.country, p.region, p.subregion, p.role, json.dumps(p.topics, ensure_ascii=False),
              p.projects, p.indicator_id, p.period, p.source.page, p.source.quote)
             for p in extraction.partners],
        )
        conn.executemany(
            "INSERT INTO checks VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(doc.doc_id, c.kind, c.indicator_id, c.stated, c.computed, c.formula, int(c.consistent),
              c.description, c.source_a.page, c.source_a.quote, c.source_b.page, c.source_b.quote)
             for c in extraction.checks],
        )
        conn.executemany(
            "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
            [(c.chunk_id, doc.doc_id, c.seq, c.page, c.end_page, c.section, c.start, c.end, c.text)
             for c in chunks],
        )
        conn.executemany(
            "INSERT INTO sentences VALUES (?,?,?,?,?,?,?,?)",
            [(doc.doc_id, s.seq, s.chunk_id, s.page, s.end_page, s.section, s.objective, s.text)
             for c in chunks for s in c.sentences],
        )


def documents(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """All ingested documents, oldest period first."""
    rows = conn.execute("SELECT * FROM documents ORDER BY period, source_path").fetchall()
    return [dict(r) for r in rows]


def status(conn: sqlite3.Connection) -> dict[str, Any]:
    """Counts of documents, chunks, indicators and values, and each document's ingest report."""
    one = lambda sql: conn.execute(sql).fetchone()[0]
    return {
        "documents": one("SELECT COUNT(*) FROM documents"),
        "chunks": one("SELECT COUNT(*) FROM chunks"),
        "indicators": one("SELECT COUNT(DISTINCT indicator_id) FROM indicators"),
        "values": one("SELECT COUNT(*) FROM indicator_values"),
        "per_document": [document_report(conn, d) for d in documents(conn)],
    }


def document_report(conn: sqlite3.Connection, doc: dict[str, Any]) -> dict[str, Any]:
    """What ingest found in one document: its policy and kind, indicators, values, targets,
    figures left without a role, and discrepancies."""
    counts = json.loads(doc.get("report") or "{}")
    # A level's count is part of the whole count's discrepancy, not another one.
    discrepancies = conn.execute("SELECT COUNT(*) FROM checks WHERE doc_id = ? AND consistent = 0 AND kind != ?",
                                 (doc["doc_id"], LEVEL_COUNT)).fetchone()[0]
    return {
        "doc_id": doc["doc_id"], "document": doc["title"], "source_path": doc["source_path"],
        "policy": doc["policy"], "policy_name": doc.get("policy_name", ""), "decree": doc.get("decree", ""),
        "kind": doc["doc_type"], "period": doc["period"], "pages": doc["pages"],
        "indicators_found": counts.get("indicators", 0), "values_found": counts.get("values", 0),
        "targets_found": counts.get("targets", 0), "unplaced_figures": counts.get("unplaced", 0),
        "discrepancies": discrepancies, "ingested_at": doc["ingested_at"],
    }


def targets(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Stated expected achievements and baselines with their document's policy and kind."""
    return [dict(r) for r in conn.execute(
        "SELECT t.*, d.policy, d.doc_type, d.title AS document, i.code FROM targets t "
        "JOIN documents d USING (doc_id) "
        "LEFT JOIN indicators i ON i.doc_id = t.doc_id AND i.indicator_id = t.indicator_id "
        "ORDER BY d.policy, t.indicator_id, t.year").fetchall()]


def guidelines(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Lineamientos with their document's policy."""
    return [dict(r) for r in conn.execute(
        "SELECT g.*, d.policy, d.title AS document FROM guidelines g JOIN documents d USING (doc_id) "
        "ORDER BY d.policy, g.code").fetchall()]


def unplaced(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Figures in an indicator's scope that the reader could not give a role."""
    return [dict(r) for r in conn.execute(
        "SELECT u.*, d.policy, d.title AS document FROM unplaced u JOIN documents d USING (doc_id) "
        "ORDER BY d.policy, u.doc_id, u.page").fetchall()]


_VALUE_SQL = """
SELECT v.indicator_id, i.code, i.name, i.level, i.objective, i.service, v.period, v.value,
       v.unit, v.progress_pct, v.status, v.reason, v.page, v.quote, v.progress_page,
       v.progress_quote, v.raw_value, d.title AS document, d.source_path, d.doc_type, d.doc_id,
       d.policy, d.policy_name, i.direction, i.official_name
FROM indicator_values v
JOIN indicators i ON i.doc_id = v.doc_id AND i.indicator_id = v.indicator_id
JOIN documents d ON d.doc_id = v.doc_id
"""


def indicator_values(
    conn: sqlite3.Connection, indicator_id: str | None = None, period: int | None = None
) -> list[dict[str, Any]]:
    """Indicator values with provenance; official reports before other documents."""
    clauses, params = [], []
    if indicator_id:
        clauses.append("(UPPER(v.indicator_id) = UPPER(?) OR UPPER(i.code) = UPPER(?))")
        params += [indicator_id, indicator_id]
    if period is not None:
        clauses.append("v.period = ?")
        params.append(period)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    order = "ORDER BY v.indicator_id, v.period, (d.doc_type = 'reporte') DESC"
    return [dict(r) for r in conn.execute(f"{_VALUE_SQL} {where} {order}", params).fetchall()]


def indicator_definitions(conn: sqlite3.Connection, code: str | None = None) -> list[dict[str, Any]]:
    """Every indicator of every document with its document's policy and kind."""
    sql = ("SELECT i.*, d.policy, d.doc_type, d.title AS document FROM indicators i JOIN documents d USING (doc_id)")
    params: list[Any] = []
    if code:
        sql += " WHERE UPPER(i.indicator_id) = UPPER(?) OR UPPER(i.code) = UPPER(?)"
        params = [code, code]
    return [dict(r) for r in conn.execute(sql + " ORDER BY d.policy, i.indicator_id", params).fetchall()]


# Definition tables and their code column; identifiers come only from this whitelist.
_DEFINITIONS = {"indicators": "indicator_id", "objectives": "code", "services": "code"}


def definition_history(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """Every row of a definition table with its document's period and policy, oldest first."""
    code = _DEFINITIONS[table]
    rows = conn.execute(
        f"SELECT t.*, d.title AS document, d.period AS doc_period, d.policy FROM {table} t "
        f"JOIN documents d USING (doc_id) ORDER BY t.{code}, d.period, (d.doc_type = 'reporte')"
    ).fetchall()
    out = []
    for r in rows:
        row = dict(r)
        row["period"] = row["doc_period"]
        out.append(row)
    return out


def _latest_definitions(conn: sqlite3.Connection, table: str) -> list[dict[str, Any]]:
    """One row per (policy, code) of a definition table; an official report of the latest period wins."""
    code = _DEFINITIONS[table]
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in definition_history(conn, table):
        latest[(row["policy"], row[code])] = row
    return list(latest.values())


def indicators(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Distinct indicators with provenance (latest definition wins)."""
    return _latest_definitions(conn, "indicators")


def objectives(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Priority objectives with provenance (one row per policy and code)."""
    return _latest_definitions(conn, "objectives")


def services(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Services with provenance (one row per policy and code)."""
    return _latest_definitions(conn, "services")


def partners(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Partner-country rows with provenance."""
    rows = conn.execute(
        "SELECT p.*, d.title AS document, d.policy FROM partners p JOIN documents d USING (doc_id) "
        "ORDER BY p.period, p.rowid"
    ).fetchall()
    out = []
    for r in rows:
        row = dict(r)
        row["topics"] = json.loads(row["topics"])
        out.append(row)
    return out


def checks(conn: sqlite3.Connection, only_discrepancies: bool = True) -> list[dict[str, Any]]:
    """Consistency checks recorded at ingest."""
    sql = "SELECT c.*, d.title AS document, d.policy, d.period FROM checks c JOIN documents d USING (doc_id)"
    if only_discrepancies:
        sql += " WHERE c.consistent = 0"
    return [dict(r) for r in conn.execute(sql).fetchall()]


def chunk_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """All chunks in document order."""
    return [dict(r) for r in conn.execute(
        "SELECT c.*, d.title AS document FROM chunks c JOIN documents d USING (doc_id) "
        "ORDER BY d.period, c.doc_id, c.seq").fetchall()]


def sentence_rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """All sentences in document order."""
    return [dict(r) for r in conn.execute(
        "SELECT s.*, d.title AS document, d.period, d.policy FROM sentences s JOIN documents d USING (doc_id) "
        "ORDER BY d.period, s.doc_id, s.seq").fetchall()]


def as_dict(obj: Any) -> dict[str, Any]:
    """Dataclass → dict (for JSON output)."""
    return asdict(obj)
