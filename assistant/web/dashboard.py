"""Pure builders of the Indicadores and Documentos tabs: rows from a snapshot, then HTML.

The HTML is written for Gradio's ``gr.HTML`` (every value escaped here). The table turns
into one card per indicator on narrow screens, and the chart is a list of horizontal bars,
so labels never overlap however narrow the screen (see ``assets.CSS``).
"""

from __future__ import annotations

import html
import json
import math
import re
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from assistant.web.formatting import (
    STATUS_NAMES,
    STATUS_RULES,
    document_url,
    indicator_label,
    number_text,
    progress_status,
)
from ingest.numbers import format_number, strip_accents
from ingest.reports.records import LEVEL_COUNT

ALL = "Todos"
LIMA = ZoneInfo("America/Lima")
STATUS_ORDER = ("cumplido", "cerca", "rezagado", "sin_datos")
VALUE_STATUS = {"ND": "Sin dato (ND)", "sin_meta": "Sin meta en el periodo"}
DOC_KINDS = {"reporte": "Reporte de cumplimiento", "politica": "Política (decreto)"}


# -- indicators -----------------------------------------------------------------------------
def indicator_rows(snapshot: Any, base: str = "") -> list[dict[str, Any]]:
    """One row per indicator value (an indicator with no value gets one empty row), code order."""
    rows: list[dict[str, Any]] = []
    for key, ind in snapshot.indicators.items():
        ident = key.split("::")[-1]
        values = sorted(snapshot.values.get(key, []), key=lambda v: (v.get("period") or 0, v["doc_id"]))
        if not values:
            values = [{"period": None, "value": None, "unit": None, "progress_pct": None, "status": "",
                       "reason": None, "doc_id": ind["doc_id"], "page": ind["page"], "quote": ind["quote"]}]
        for v in values:
            progress = v.get("progress_pct")
            doc = snapshot.documents.get(v["doc_id"], {})
            rows.append({
                "key": key,
                "indicator_id": ident,
                "policy": ind.get("policy", ""),
                "code": ind.get("code") or "",
                "label": indicator_label(ident, ind.get("code"), ind.get("service")),
                "name": ind.get("name") or "",
                "objective": ind.get("objective") or "",
                "service": ind.get("service") or "",
                "period": v.get("period"),
                "value": v.get("value"),
                "unit": v.get("unit"),
                "value_text": number_text(v["value"], v.get("unit")) if v.get("value") is not None else "ND",
                "progress_pct": progress,
                "progress_text": f"{format_number(progress)} %" if progress is not None else "—",
                "status": progress_status(progress),
                "value_status": v.get("status") or "",
                "reason": v.get("reason") or "",
                "doc_id": v["doc_id"],
                "document": snapshot.doc_name(v["doc_id"]),
                "page": v["page"],
                "url": document_url(base, v["doc_id"], v["page"], doc.get("kind")),
                "quote": v.get("quote") or "",
                "progress_page": v.get("progress_page"),
                "progress_quote": v.get("progress_quote") or "",
            })
    rows.sort(key=lambda r: (r["policy"], _code_key(r["code"] or r["indicator_id"]), r["period"] or 0))
    return rows


def _code_key(code: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code))


def policy_choices(rows: list[dict[str, Any]]) -> list[str]:
    """ "Todos" and every policy present (the selector is shown only when there are several)."""
    return [ALL, *sorted({r["policy"] for r in rows if r["policy"]})]


def objective_choices(rows: list[dict[str, Any]]) -> list[str]:
    """ "Todos" followed by every objective present in the rows."""
    return [ALL, *sorted({r["objective"] for r in rows if r["objective"]})]


def period_choices(rows: list[dict[str, Any]]) -> list[str]:
    """ "Todos" followed by every period present in the rows (as text)."""
    return [ALL, *[str(p) for p in sorted({r["period"] for r in rows if r["period"] is not None})]]


def filter_rows(
    rows: list[dict[str, Any]],
    policy: str | None = None,
    objective: str | None = None,
    period: str | int | None = None,
    text: str | None = None,
) -> list[dict[str, Any]]:
    """Rows of the policy, objective and period that hold every word of ``text`` (accents ignored)."""
    words = strip_accents(text or "").split()
    out = []
    for r in rows:
        if policy and policy != ALL and r["policy"] != policy:
            continue
        if objective and objective != ALL and r["objective"] != objective:
            continue
        if period not in (None, "", ALL) and str(r["period"]) != str(period):
            continue
        if words:
            fields = ("label", "code", "name", "objective", "service", "reason", "quote")
            haystack = strip_accents(" ".join(str(r[k] or "") for k in fields) + " " + STATUS_NAMES[r["status"]])
            if not all(w in haystack for w in words):
                continue
        out.append(r)
    return out


def count_text(shown: int, total: int) -> str:
    """ "Mostrando 2 de 16 valores de indicadores." (or how to fill an empty store)."""
    if total == 0:
        return "Aún no hay indicadores: ejecute `pncti ingest`."
    return f"Mostrando {shown} de {total} valores de indicadores."


def _bar_label(row: dict[str, Any], several_periods: bool) -> str:
    return f"{row['label']} ({row['period']})" if several_periods and row["period"] else row["label"]


def chart_scale(rows: list[dict[str, Any]]) -> float:
    """The axis end in %: at least 100, rounded up to a multiple of 50."""
    top = max([100.0, *(float(r["progress_pct"]) for r in rows if r["progress_pct"] is not None)])
    return float(math.ceil(top / 50.0) * 50)


def legend_html(rows: list[dict[str, Any]]) -> str:
    """The colour key with each status's rule and how many rows have it."""
    counts = {s: sum(1 for r in rows if r["status"] == s) for s in STATUS_ORDER}
    items = "".join(
        f'<li><span class="muestra estado-{s}" aria-hidden="true"></span>'
        f"<strong>{html.escape(STATUS_NAMES[s])}</strong> ({html.escape(STATUS_RULES[s])}): {counts[s]}</li>"
        for s in STATUS_ORDER
    )
    return f'<ul class="pncti-leyenda" aria-label="Significado de los colores">{items}</ul>'


def chart_html(rows: list[dict[str, Any]]) -> str:
    """Progress bars coloured by status, a 100 % line, value labels; rows without data listed."""
    e = html.escape
    if not rows:
        return '<div class="pncti-grafico"><p>No hay indicadores con este filtro.</p></div>'
    several = len({r["period"] for r in rows}) > 1
    scale = chart_scale(rows)
    goal = 100.0 / scale * 100
    bars = []
    for r in rows:
        label = e(_bar_label(r, several))
        if r["progress_pct"] is None:
            why = VALUE_STATUS.get(r["value_status"]) or "Sin avance publicado"
            detail = why if r["value"] is None else f"Valor {r['value_text']}; {why.lower()}"
            bars.append(
                f'<li class="fila sin-datos"><span class="codigo">{label}</span>'
                f'<span class="pista"><span class="meta" style="left:{goal:.2f}%"></span></span>'
                f'<span class="valor">{e(detail)}</span></li>'
            )
            continue
        width = max(0.5, min(100.0, float(r["progress_pct"]) / scale * 100))
        bars.append(
            f'<li class="fila"><span class="codigo">{label}</span>'
            f'<span class="pista"><span class="barra estado-{r["status"]}" style="width:{width:.2f}%"></span>'
            f'<span class="meta" style="left:{goal:.2f}%"></span></span>'
            f'<span class="valor">{e(r["progress_text"])}'
            f'<span class="sr-only">, {e(STATUS_NAMES[r["status"]].lower())}</span></span></li>'
        )
    axis = (f'<div class="eje" aria-hidden="true"><span class="codigo"></span><span class="pista">'
            f'<span class="marca" style="left:0">0 %</span>'
            f'<span class="marca meta-texto" style="left:{goal:.2f}%">100 % (meta)</span>'
            + (f'<span class="marca fin" style="right:0">{format_number(scale)} %</span>' if scale > 100 else "")
            + '</span><span class="valor"></span></div>')
    return (
        '<figure class="pncti-grafico" aria-labelledby="titulo-grafico">'
        '<figcaption id="titulo-grafico">Avance de cada indicador respecto del logro esperado '
        "(la línea marca el 100 %)</figcaption>"
        f"{legend_html(rows)}<ul class=\"barras\">{''.join(bars)}</ul>{axis}</figure>"
    )


def table_html(rows: list[dict[str, Any]], checks: list[dict[str, Any]] | None = None) -> str:
    """The indicators as a table on wide screens and as one card each on narrow ones."""
    e = html.escape
    if not rows:
        return '<p class="pncti-vacio">No hay indicadores con este filtro.</p>'
    body = []
    for r in rows:
        objective = f'<div class="objetivo">Objetivo {e(r["objective"])}</div>' if r["objective"] else ""
        cells = [
            ("Código", "codigo-celda", f'<span class="codigo">{e(r["label"])}</span>'),
            ("Indicador", "nombre", f"{e(r['name'])}{objective}{_origin(r, checks)}"),
            ("Periodo", "", str(r["period"] or "—")),
            ("Valor", "num", e(r["value_text"])),
            ("Avance", "num", e(r["progress_text"])),
            ("Estado", "", f'<span class="estado estado-{r["status"]}">{e(STATUS_NAMES[r["status"]])}</span>'),
            ("Fuente", "", (f'<a href="{e(r["url"])}" target="_blank" rel="noopener">'
                            f"{e(r['document'])}, pág. {r['page']}</a>")),
        ]
        body.append(f'<tr class="estado-{r["status"]}">' + "".join(
            f'<td data-label="{label}" class="{css}"><div class="v">{content}</div></td>'
            for label, css, content in cells) + "</tr>")
    head = "".join(f"<th scope=\"col\">{h}</th>" for h in
                   ("Código", "Indicador", "Periodo", "Valor", "Avance", "Estado", "Fuente"))
    return (f'<table class="pncti-tabla"><caption class="sr-only">Valores de los indicadores</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _origin(row: dict[str, Any], checks: list[dict[str, Any]] | None) -> str:
    """The collapsed source sentences (and any discrepancy) of one row."""
    e = html.escape
    parts = [f"<blockquote>«{e(row['quote'])}» <span class=\"pag\">pág. {row['page']}</span></blockquote>"]
    if row["progress_quote"] and row["progress_quote"] != row["quote"]:
        parts.append(f"<blockquote>«{e(row['progress_quote'])}» "
                     f"<span class=\"pag\">pág. {row['progress_page']}</span></blockquote>")
    if row["reason"] and row["reason"] != row["quote"]:
        parts.append(f"<p>Motivo: {e(row['reason'])}</p>")
    for check in checks or []:
        if (check.get("indicator_id") == row["indicator_id"] and check.get("doc_id") == row["doc_id"]
                and not check.get("consistent")):
            formula = f" Cálculo: {e(check['formula'])}." if check.get("formula") else ""
            parts.append(f'<p class="discrepancia">⚠ Discrepancia: {e(check["description"])}.{formula} '
                         "Cifra oficial: la publicada.</p>")
    return f'<details class="origen"><summary>Oración de origen</summary>{"".join(parts)}</details>'


# -- documents ------------------------------------------------------------------------------
def lima_time(iso: str) -> str:
    """ "2024-05-01T10:20:30+00:00" → "2024-05-01 05:20" (America/Lima); other text unchanged."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or ""
    if moment.tzinfo is None:
        return iso
    return moment.astimezone(LIMA).strftime("%Y-%m-%d %H:%M")


def _report(doc: dict[str, Any]) -> dict[str, Any]:
    """The document's ingest report (stored as JSON text or a dict); {} when absent."""
    raw = doc.get("report")
    if isinstance(raw, dict):
        return raw
    if isinstance(raw, str) and raw.strip():
        try:
            parsed = json.loads(raw)
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {}
    return {}


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, (list, tuple, dict)):
        return len(value)
    return None


def document_rows(snapshot: Any, base: str = "") -> list[dict[str, Any]]:
    """Ingested documents with policy, kind, period, pages, ingest report and Lima time."""
    rows = []
    checks = list(getattr(snapshot, "checks", None) or [])
    by_doc = getattr(snapshot, "indicators_by_doc", None) or {}
    for doc_id, doc in snapshot.documents.items():
        report = _report(doc)
        values = sum(1 for vals in snapshot.values.values() for v in vals if v["doc_id"] == doc_id)
        # A level's count is part of the whole count's discrepancy, not another one.
        discrepancies = [c for c in checks if c.get("doc_id") == doc_id and not c.get("consistent")
                         and c.get("kind") != LEVEL_COUNT]
        found_discrepancies = _count(report.get("discrepancies"))
        unplaced = report.get("unplaced")
        rows.append({
            "doc_id": doc_id,
            "name": doc.get("short_name") or doc.get("title", ""),
            "title": doc.get("title", ""),
            "policy": doc.get("policy") or "",
            "policy_name": doc.get("policy_name") or "",
            "kind": DOC_KINDS.get(doc.get("doc_kind") or doc.get("doc_type") or "", "Otro documento"),
            "format": (doc.get("kind") or "").upper(),
            "period": doc.get("period"),
            "pages": doc.get("pages"),
            "chunks": doc.get("chunks"),
            "indicators": _count(report.get("indicators")) if "indicators" in report else len(by_doc.get(doc_id, [])),
            "values": _count(report.get("values")) if "values" in report else values,
            "unplaced": _count(unplaced),
            "unplaced_items": [str(u) for u in unplaced] if isinstance(unplaced, list) else [],
            "discrepancies": found_discrepancies if found_discrepancies is not None else len(discrepancies),
            "discrepancy_texts": [c["description"] for c in discrepancies],
            "ingested": lima_time(doc.get("ingested_at") or ""),
            "file": Path(doc.get("source_path") or "").name,
            "url": document_url(base, doc_id, 1, doc.get("kind")),
        })
    rows.sort(key=lambda r: (-(r["period"] or 0), r["file"]))
    return rows


def plural(count: int, singular: str, plural_form: str) -> str:
    """ "1 discrepancia", "2 discrepancias"."""
    return f"{count} {singular if count == 1 else plural_form}"


def ingest_findings(row: dict[str, Any]) -> list[str]:
    """What the ingest found in a document, as Spanish counts."""
    found = [plural(row["indicators"], "indicador", "indicadores"), plural(row["values"], "valor", "valores")]
    if row["unplaced"] is not None:
        found.append(plural(row["unplaced"], "cifra sin rol asignado", "cifras sin rol asignado"))
    found.append(plural(row["discrepancies"], "discrepancia", "discrepancias"))
    return found


def documents_summary(rows: list[dict[str, Any]]) -> str:
    """One Spanish line counting the documents, pages and fragments."""
    if not rows:
        return "Aún no hay documentos ingeridos: ejecute `pncti ingest` o agréguelos aquí como administrador."
    pages = sum(r["pages"] or 0 for r in rows)
    chunks = sum(r["chunks"] or 0 for r in rows)
    noun = "documento ingerido" if len(rows) == 1 else "documentos ingeridos"
    return f"{len(rows)} {noun} · {pages} páginas · {chunks} fragmentos indexados."


def documents_html(rows: list[dict[str, Any]]) -> str:
    """One card per document: what it is, and what the ingest found in it."""
    e = html.escape
    if not rows:
        return f'<p class="pncti-vacio">{e(documents_summary(rows))}</p>'
    cards = []
    for r in rows:
        policy = r["policy"] + (f" — {r['policy_name']}" if r["policy_name"] else "")
        facts = [("Política", policy or "—"), ("Tipo", r["kind"]), ("Periodo", r["period"] or "—"),
                 ("Páginas", r["pages"]), ("Formato", r["format"] or "—"),
                 ("Ingerido", f"{r['ingested']} (hora de Lima)"), ("Archivo", r["file"])]
        found = ingest_findings(r)
        details = "".join(f"<li>⚠ {e(t)}</li>" for t in r["discrepancy_texts"])
        details += "".join(f"<li>Cifra sin rol: {e(t)}</li>" for t in r["unplaced_items"])
        more = f'<details class="origen"><summary>Detalle</summary><ul>{details}</ul></details>' if details else ""
        dl = "".join(f"<div><dt>{k}</dt><dd>{e(str(v))}</dd></div>" for k, v in facts)
        cards.append(
            f'<article class="pncti-documento"><h3><a href="{e(r["url"])}" target="_blank" rel="noopener">'
            f"{e(r['name'])}</a></h3><dl>{dl}</dl>"
            f'<p class="informe"><strong>Informe de ingesta:</strong> {e(" · ".join(found))}.</p>{more}</article>'
        )
    return f'<div class="pncti-documentos">{"".join(cards)}</div>'
