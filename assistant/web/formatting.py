"""Pure formatters for the web UI: answers with their sources, the copy-ready brief, tables.

Nothing here imports gradio; every function takes plain data and returns strings, dicts
or lists, so the tests can check the exact text a user sees.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.answer import Answer, Citation, Figure
from ingest.numbers import format_number, strip_accents

if TYPE_CHECKING:
    from assistant.knowledge import Snapshot

ALL = "Todos"
TARGET_PCT = 100.0

STATUS_LABELS = {
    "reportado": "Reportado",
    "ND": "Sin dato (ND)",
    "sin_meta": "Sin meta en el periodo",
    "": "Sin estado",
}

INDICATOR_COLUMNS: list[tuple[str, str]] = [
    ("code", "Código"),
    ("name", "Indicador"),
    ("objective", "Objetivo"),
    ("period", "Periodo"),
    ("value_text", "Valor"),
    ("progress_text", "Avance"),
    ("status_label", "Estado"),
    ("document", "Documento"),
    ("page", "Pág."),
]

DOCUMENT_COLUMNS: list[tuple[str, str]] = [
    ("name", "Documento"),
    ("period", "Periodo"),
    ("pages", "Páginas"),
    ("chunks", "Fragmentos"),
    ("ingested", "Ingerido (UTC)"),
    ("file", "Archivo"),
]

REFUSAL_ROUTES = ("rechazo", "invalida")


# -- answers ------------------------------------------------------------------------------
def _num(value: float, unit: str | None) -> str:
    text = format_number(value)
    if unit == "%":
        return f"{text} %"
    return f"{text} {unit}" if unit else text


def figure_label(figure: Figure) -> str:
    """One line for a stated figure: value, indicator, period and how it was checked."""
    parts = [_num(figure.value, figure.unit)]
    context = ", ".join(str(x) for x in (figure.indicator, figure.period) if x)
    if context:
        parts.append(f"({context})")
    if figure.source == "calculado":
        formula = f": {figure.formula}" if figure.formula else ""
        parts.append(f"— calculado{formula} (no es una cifra publicada)")
    elif figure.verified:
        where = "en el almacén de indicadores" if figure.source == "almacén" else "en la cita"
        parts.append(f"— ✔ verificada {where}")
    else:
        parts.append("— sin verificar")
    return " ".join(parts)


def citation_title(citation: Citation) -> str:
    """ "Documento, pág. N · sección" for a citation."""
    title = f"{citation.document}, pág. {citation.page}"
    if citation.section:
        title += f" · {citation.section}"
    return title


def shown_notes(answer: Answer) -> list[str]:
    """Discrepancy notes to show apart: none for refusals, none already in the answer text."""
    if answer.refused or answer.route in REFUSAL_ROUTES:
        return []
    body = _fold(answer.text)
    return [n for n in dict.fromkeys(answer.notes) if n.strip() and _fold(n) not in body]


def sources_markdown(answer: Answer) -> str:
    """The sources block under an answer: expandable quotes, checked figures, notes."""
    blocks: list[str] = []
    if answer.citations:
        items = []
        for i, c in enumerate(answer.citations, start=1):
            items.append(
                f'<details class="fuente"><summary>{i}. {html.escape(citation_title(c))}</summary>\n'
                f"<blockquote>«{html.escape(c.quote)}»</blockquote>\n</details>"
            )
        blocks.append("**Fuentes**\n\n" + "\n".join(items))
    if answer.figures:
        lines = "\n".join(f"- {figure_label(f)}" for f in _unique_figures(answer.figures))
        blocks.append(f"**Cifras**\n\n{lines}")
    notes = shown_notes(answer)
    if notes:
        lines = "\n".join(f"- {n}" for n in notes)
        blocks.append(f"**⚠ Observaciones**\n\n{lines}")
    return "\n\n".join(blocks)


def answer_markdown(answer: Answer) -> str:
    """The chat message for an answer: its text, then its sources block."""
    sources = sources_markdown(answer)
    return f"{answer.text}\n\n{sources}" if sources else answer.text


def plain_text(markdown: str) -> str:
    """Markdown of an answer as plain text (bold, quotes and headings dropped)."""
    text = re.sub(r"\*\*(.+?)\*\*", r"\1", markdown, flags=re.DOTALL)
    text = re.sub(r"(?m)^[ \t]{0,3}(?:>[ \t]?|#{1,6}[ \t]+)", "", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def brief_text(question: str, answer: Answer) -> str:
    """The last answer with its sources as plain text, ready to paste into a meeting brief."""
    lines = [f"Pregunta: {question.strip()}", "", "Respuesta:", plain_text(answer.text)]
    if answer.citations:
        lines += ["", "Fuentes:"]
        lines += [
            f"{i}. {citation_title(c)}: «{c.quote}»"
            for i, c in enumerate(answer.citations, start=1)
        ]
    if answer.figures:
        lines += ["", "Cifras:"]
        lines += [f"- {figure_label(f)}" for f in _unique_figures(answer.figures)]
    notes = shown_notes(answer)
    if notes:
        lines += ["", "Observaciones:"]
        lines += [f"- {n}" for n in notes]
    return "\n".join(lines).strip() + "\n"


def _unique_figures(figures: list[Figure]) -> list[Figure]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in figures:
        key = (round(f.value, 6), f.unit, f.indicator, f.period, f.source, f.formula)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", strip_accents(text.replace("**", ""))).strip()


# -- indicators ---------------------------------------------------------------------------
def indicator_table(snapshot: Snapshot) -> list[dict[str, Any]]:
    """One row per indicator value in the side store (indicators with no value get one row)."""
    rows: list[dict[str, Any]] = []
    for ind_id, ind in sorted(
        snapshot.indicators.items(), key=lambda kv: _code_key(kv[1].get("code") or kv[0])
    ):
        values = sorted(
            snapshot.values.get(ind_id, []), key=lambda v: (v["period"] or 0, v["doc_id"])
        )
        if not values:
            values = [
                {
                    "period": None,
                    "value": None,
                    "unit": None,
                    "progress_pct": None,
                    "status": "",
                    "reason": None,
                    "doc_id": ind["doc_id"],
                    "page": ind["page"],
                    "quote": ind["quote"],
                    "progress_page": None,
                    "progress_quote": None,
                }
            ]
        for v in values:
            status = v.get("status") or ""
            rows.append(
                {
                    "indicator_id": ind.get("indicator_id") or ind_id.split("::")[-1],
                    "policy": ind.get("policy", ""),
                    "code": ind.get("code") or ind.get("indicator_id") or ind_id.split("::")[-1],
                    "name": ind.get("name") or "",
                    "objective": ind.get("objective") or "",
                    "service": ind.get("service") or "",
                    "period": v["period"],
                    "value": v["value"],
                    "unit": v["unit"],
                    "value_text": _num(v["value"], v["unit"]) if v["value"] is not None else "ND",
                    "progress_pct": v["progress_pct"],
                    "progress_text": f"{format_number(v['progress_pct'])} %"
                    if v["progress_pct"] is not None
                    else "—",
                    "status": status,
                    "status_label": STATUS_LABELS.get(status, status),
                    "reason": v.get("reason") or "",
                    "document": snapshot.doc_name(v["doc_id"]),
                    "page": v["page"],
                    "quote": v["quote"],
                    "progress_page": v.get("progress_page"),
                    "progress_quote": v.get("progress_quote") or "",
                    "definition_page": ind["page"],
                    "definition_quote": ind["quote"],
                }
            )
    return rows


def _code_key(code: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


def objective_choices(rows: list[dict[str, Any]]) -> list[str]:
    """ "Todos" followed by every objective present in the rows."""
    return [ALL, *sorted({r["objective"] for r in rows if r["objective"]})]


def period_choices(rows: list[dict[str, Any]]) -> list[str]:
    """ "Todos" followed by every period present in the rows (as text)."""
    return [ALL, *[str(p) for p in sorted({r["period"] for r in rows if r["period"] is not None})]]


def filter_indicators(
    rows: list[dict[str, Any]],
    objective: str | None = None,
    period: str | int | None = None,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Rows matching the objective, the period and every word of ``text`` (accents ignored)."""
    words = strip_accents(text or "").split()
    out = []
    for r in rows:
        if objective and objective != ALL and r["objective"] != objective:
            continue
        if period not in (None, "", ALL) and str(r["period"]) != str(period):
            continue
        if words:
            haystack = strip_accents(
                " ".join(
                    str(r[k] or "")
                    for k in (
                        "code",
                        "name",
                        "objective",
                        "service",
                        "status_label",
                        "reason",
                        "quote",
                    )
                )
            )
            if not all(w in haystack for w in words):
                continue
        out.append(r)
    return out


def table_rows(
    rows: list[dict[str, Any]], columns: list[tuple[str, str]] = INDICATOR_COLUMNS
) -> list[list[Any]]:
    """Rows as lists in the order of ``columns`` (None shown as an empty cell)."""
    return [["" if r.get(key) is None else r.get(key) for key, _ in columns] for r in rows]


def headers(columns: list[tuple[str, str]] = INDICATOR_COLUMNS) -> list[str]:
    """Spanish column headers."""
    return [label for _, label in columns]


def progress_points(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Chart data: per indicator, its progress and what remains to the 100 % target (stacked).

    The "remaining" point comes first: the chart stacks series in data order, bottom-up
    from the last, so progress starts at 0 and the grey remainder tops the bar at 100 %.
    """
    with_progress = [r for r in rows if r["progress_pct"] is not None]
    periods = {r["period"] for r in with_progress}
    points = []
    for r in with_progress:
        label = r["code"] if len(periods) <= 1 else f"{r['code']} ({r['period']})"
        progress = float(r["progress_pct"])
        points.append(
            {
                "Indicador": label,
                "Serie": "Falta para la meta (100 %)",
                "Porcentaje": round(max(0.0, TARGET_PCT - progress), 2),
            }
        )
        points.append({"Indicador": label, "Serie": "Avance logrado", "Porcentaje": progress})
    return points


def indicator_detail(row: dict[str, Any] | None, checks: list[dict[str, Any]] | None = None) -> str:
    """Markdown for a selected indicator row: its figures and the exact source sentences."""
    if row is None:
        return "Seleccione una fila de la tabla para ver la oración de origen y su página."
    lines = [f"### {row['code']} — {row['name']}"]
    facts = [f"Objetivo: {row['objective'] or '—'}"]
    if row["period"] is not None:
        facts.append(f"Periodo: {row['period']}")
    facts += [
        f"Valor: {row['value_text']}",
        f"Avance: {row['progress_text']}",
        f"Estado: {row['status_label']}",
    ]
    lines.append(" · ".join(facts))
    lines.append(f"> «{row['quote']}»\n>\n> — {row['document']}, pág. {row['page']}")
    if row["progress_quote"] and row["progress_quote"] != row["quote"]:
        lines.append(
            f"> «{row['progress_quote']}»\n>\n> — {row['document']}, pág. {row['progress_page']}"
        )
    if row["reason"] and row["reason"] != row["quote"]:
        lines.append(f"Motivo: {row['reason']}")
    for check in checks or []:
        if (check.get("indicator_id") == row["indicator_id"] and check.get("policy", "") == row.get("policy", "")
                and not check.get("consistent")):
            formula = f" Cálculo: {check['formula']}." if check.get("formula") else ""
            lines.append(f"⚠ Discrepancia: {check['description']}.{formula}")
    lines.append(f"Definición (pág. {row['definition_page']}): «{row['definition_quote']}»")
    return "\n\n".join(lines)


def find_row(rows: list[dict[str, Any]], code: str, period: Any) -> dict[str, Any] | None:
    """The row with this code and period (period compared as text; '' matches None)."""
    for r in rows:
        if r["code"] == code and str(r["period"] if r["period"] is not None else "") == str(
            period or ""
        ):
            return r
    return None


# -- documents ----------------------------------------------------------------------------
def documents_table(snapshot: Snapshot) -> list[dict[str, Any]]:
    """Ingested documents with period, pages, chunks and ingest time (newest period first)."""
    rows = []
    for doc in sorted(
        snapshot.documents.values(),
        key=lambda d: (-(d.get("period") or 0), d.get("source_path", "")),
    ):
        rows.append(
            {
                "name": doc.get("short_name") or doc.get("title", ""),
                "title": doc.get("title", ""),
                "period": doc.get("period"),
                "pages": doc.get("pages"),
                "chunks": doc.get("chunks"),
                "ingested": _when(doc.get("ingested_at") or ""),
                "file": Path(doc.get("source_path") or "").name,
            }
        )
    return rows


def _when(iso: str) -> str:
    """ "2024-05-01T10:20:30+00:00" → "2024-05-01 10:20"."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})", iso)
    return f"{match.group(1)} {match.group(2)}" if match else iso


def documents_summary(rows: list[dict[str, Any]]) -> str:
    """One Spanish line counting the documents, pages and fragments."""
    if not rows:
        return "Aún no hay documentos ingeridos: ejecute `pncti ingest`."
    pages = sum(r["pages"] or 0 for r in rows)
    chunks = sum(r["chunks"] or 0 for r in rows)
    noun = "documento ingerido" if len(rows) == 1 else "documentos ingeridos"
    return f"{len(rows)} {noun} · {pages} páginas · {chunks} fragmentos indexados."
