"""What only several documents of one policy tell together, computed on the side store.

- An indicator a report names without its code (a service's only indicator) takes the code the
  policy document gives that service's indicator.
- Report indicators take the policy document's official name and direction.
- A stated progress is checked against value ÷ the year's expected achievement (target ÷ value
  for a descending indicator), and a mismatch is recorded like any other check.

Everything here is derived: it is recomputed from scratch after every ingest.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from ingest.numbers import format_number

log = logging.getLogger(__name__)

# A stated progress within this many points of the computed one is a rounding, not a mismatch.
PROGRESS_TOLERANCE = 0.5


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(sql, params).fetchall()]


def cross_document(conn: sqlite3.Connection) -> int:
    """Resolve codes, names and directions across each policy's documents and check progress
    against targets. Returns the number of discrepancies found."""
    with conn:
        conn.execute("DELETE FROM checks WHERE kind = 'avance_meta'")
        conn.execute("UPDATE indicators SET code = NULL, code_source = NULL WHERE code_source = 'politica'")
        conn.execute("UPDATE indicators SET official_name = NULL")
        official = _rows(conn, "SELECT i.*, d.policy FROM indicators i JOIN documents d USING (doc_id) "
                               "WHERE d.doc_type = 'politica' AND i.code IS NOT NULL AND d.policy != ''")
        by_code = {(r["policy"], r["code"]): r for r in official}
        by_service: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for r in official:
            if r["level"] == "servicio":
                digits = ".".join(r["code"].split(".")[1:-1])
                by_service.setdefault((r["policy"], digits), []).append(r)
        reports = _rows(conn, "SELECT i.*, d.policy FROM indicators i JOIN documents d USING (doc_id) "
                              "WHERE d.doc_type != 'politica' AND d.policy != ''")
        for r in reports:
            code = r["code"]
            if code is None and r["service"]:
                digits = r["service"].split(".", 1)[1]
                candidates = by_service.get((r["policy"], digits), [])
                if len(candidates) == 1:
                    code = candidates[0]["code"]
                    conn.execute("UPDATE indicators SET code = ?, code_source = 'politica' "
                                 "WHERE doc_id = ? AND indicator_id = ?", (code, r["doc_id"], r["indicator_id"]))
            source = by_code.get((r["policy"], code)) if code else None
            if source is not None:
                direction = "descendente" if "descendente" in (r["direction"], source["direction"]) else "ascendente"
                conn.execute("UPDATE indicators SET official_name = ?, direction = ? "
                             "WHERE doc_id = ? AND indicator_id = ?",
                             (source["name"], direction, r["doc_id"], r["indicator_id"]))
        return _progress_checks(conn)


def _progress_checks(conn: sqlite3.Connection) -> int:
    values = _rows(conn, """
        SELECT v.*, i.code, i.direction, d.policy FROM indicator_values v
        JOIN indicators i ON i.doc_id = v.doc_id AND i.indicator_id = v.indicator_id
        JOIN documents d ON d.doc_id = v.doc_id
        WHERE v.value IS NOT NULL AND v.progress_pct IS NOT NULL AND d.policy != ''""")
    targets = _rows(conn, """
        SELECT t.*, i.code, d.policy, d.doc_type FROM targets t
        JOIN indicators i ON i.doc_id = t.doc_id AND i.indicator_id = t.indicator_id
        JOIN documents d ON d.doc_id = t.doc_id
        WHERE t.kind = 'meta' AND t.year IS NOT NULL""")
    found = 0
    for v in values:
        code = v["code"] or v["indicator_id"]
        candidates = [t for t in targets if t["policy"] == v["policy"] and (t["code"] or t["indicator_id"]) == code
                      and t["year"] == v["period"]]
        if not candidates:
            continue
        # The policy document's expected achievement is the reference; a report's own restatement otherwise.
        target = min(candidates, key=lambda t: (t["doc_type"] != "politica", t["doc_id"] != v["doc_id"]))
        if not target["value"] or not v["value"]:
            continue
        descending = v["direction"] == "descendente"
        computed = (target["value"] / v["value"] if descending else v["value"] / target["value"]) * 100
        consistent = abs(computed - v["progress_pct"]) <= PROGRESS_TOLERANCE
        a, b = (target["value"], v["value"]) if descending else (v["value"], target["value"])
        formula = f"{format_number(a)} / {format_number(b)}"
        where = "de la política" if target["doc_type"] == "politica" else "del reporte"
        description = (
            f"Avance declarado {format_number(v['progress_pct'])} %; con el logro esperado {v['period']} {where} "
            f"({format_number(target['value'])}) el avance es {formula} = {format_number(round(computed, 2))} %"
            + (" (indicador descendente)" if descending else ""))
        conn.execute(
            "INSERT INTO checks VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (v["doc_id"], "avance_meta", v["indicator_id"], v["progress_pct"], round(computed, 2), formula,
             int(consistent), description, v["progress_page"] or v["page"], v["progress_quote"] or v["quote"],
             target["page"], target["quote"]))
        if not consistent:
            found += 1
            log.warning("Discrepancia %s %s: %s", v["policy"], code, description)
    return found
