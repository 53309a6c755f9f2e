"""Answers about several indicators at once, from the side store: an objective's indicators,
the indicators without data, a ranking by progress, or the full list."""

from __future__ import annotations

import re
from typing import Any

from assistant.analysis import Analysis
from assistant.answer import Citation, Figure
from assistant.asked import lacks_target
from assistant.entities import fold
from assistant.knowledge import SentenceRec, Snapshot
from assistant.structured import (
    Draft,
    NotInCorpus,
    StructuredComposer,
    carried_on,
    in_latest_report,
    in_quote,
    section_of,
    unit_text,
)
from ingest.numbers import find_numbers, format_number, strip_accents


def _stated_count(snap: Snapshot, doc_ids: set[str], objective: str | None) -> tuple[float, SentenceRec] | None:
    """The report's own count of indicators ("…medidos a través de 19 indicadores…"), if it states one.

    For the whole policy the largest count outside any objective's section; for an objective,
    the first count in a sentence of its section that speaks of the objective.
    """
    found: list[tuple[float, SentenceRec]] = []
    for rec in snap.sentences:
        if rec.doc_id not in doc_ids or rec.objective != objective or "indicador" not in rec.text:
            continue
        if objective and "objetivo" not in strip_accents(rec.text):
            continue
        for n in find_numbers(rec.text):
            if not n.percent and re.match(r"\s*indicadores\b", rec.text[n.end:]):
                found.append((n.value, rec))
    if not found:
        return None
    return found[0] if objective else max(found, key=lambda f: f[0])


def _entries(composer: StructuredComposer, snap: Snapshot, q: Analysis, objective_level: bool) -> list[tuple[str, dict[str, Any]]]:
    """(indicator key, row) for the year asked, else for each policy's latest reported year."""
    keys = [k for k, i in sorted(snap.indicators.items()) if not q.policies or i["policy"] in q.policies]
    if q.asked.level:
        keys = [k for k in keys if snap.indicators[k]["level"] == q.asked.level]
    if q.objective:
        keys = [k for k in keys if snap.indicators[k]["objective"] == q.objective]
        top = [k for k in keys if snap.indicators[k]["level"] == "objetivo"]
        if objective_level and top:
            keys = top
    entries = [(k, row) for k in keys for row in composer.rows_for(snap, k)]
    if q.years:
        return [(k, r) for k, r in entries if r["period"] in q.years]
    return in_latest_report(entries, row=lambda entry: entry[1])


def _stated_targets(snap: Snapshot, key: str, row: dict[str, Any], q: Analysis, citations: list[Citation],
                    figures: list[Figure], allowed: list[float], mode: str = "") -> list[dict[str, Any]]:
    """The baseline and the target of the row's year that the documents state for an indicator,
    when the question asks for them ("Compare los años de línea de base de los indicadores…")."""
    # "Resume su avance en 2023" of an objective: each progress beside the target it is measured
    # against ("14 desembarcaderos, 70 %; logro esperado 20"), when a document states it.
    progress_of_group = mode in ("objective", "summary") and row["progress_pct"] is not None
    kinds = (["linea_base"] if q.asked.baseline else []) + (["meta"] if q.asked.target or progress_of_group else [])
    out = []
    for kind in kinds:
        stated = [t for t in snap.targets.get(key, []) if t["kind"] == kind and t["value"] is not None
                  and (kind == "linea_base" or t["year"] == row["period"])]
        if not stated:
            continue
        t = stated[0]
        out.append({"label": "línea de base" if kind == "linea_base" else "logro esperado", "year": t["year"],
                    "value": unit_text(t["value"], t["unit"]),
                    # Cited beside it when another document states it (the policy's decree).
                    "source": "" if t["doc_id"] == row["doc_id"] else f"{t['document']}, pág. {t['page']}"})
        citations.append(Citation(t["document"], t["page"], "", t["quote"], t["doc_id"]))
        figures.append(Figure(t["value"], t["unit"], t.get("code"), t["year"], in_quote(t["value"], t["quote"])))
        allowed += [t["value"], float(t["year"])]
    return out


def overview_answer(composer: StructuredComposer, snap: Snapshot, q: Analysis, mode: str) -> Draft:
    """The indicators of ``mode`` ('objective', 'nd', 'rank', 'list', 'summary') with their figures and pages."""
    # "los resultados de los servicios del OP.02": the objective's service indicators too.
    # A summary of the objective ("resumen cortito del objetivo 2: cómo le fue") covers its services too.
    entries = _entries(composer, snap, q, objective_level=mode == "objective" and not q.asked.services_word
                       and not q.asked.summary_word)
    if not entries:
        scope = f" del {q.objective}" if q.objective else ""
        raise NotInCorpus(f"no hay indicadores{scope} con datos para ese período en el almacén")
    periods = sorted({r["period"] for _, r in entries if r["period"]})
    when = ", ".join(map(str, periods)) or "el período reportado"
    scope = ""
    if q.objective:
        titles = {o["title"] for o in snap.objectives.values() if o["code"] == q.objective
                  and (not q.policies or o["policy"] in q.policies)}
        scope = f" del {q.objective}" + (f" ({next(iter(titles))})" if len(titles) == 1 else "")
    if q.asked.level:
        scope = f" de {'objetivos prioritarios' if q.asked.level == 'objetivo' else 'servicios'}{scope}"
    excluded: list[str] = []
    counted_apart: list[float] = []  # counts of the indicators named beside the list
    asks_count = q.asked.count_start
    count_it = mode == "list" or (mode in ("nd", "threshold") and asks_count)
    limit: float | None = None  # the threshold asked for, which the answer states
    if mode == "nd":
        with_data = [composer.code_of(snap, k) for k, r in entries if r["value"] is not None]
        entries = [(k, r) for k, r in entries if r["value"] is None]
        lead = f"Indicadores{scope} sin dato (ND) en {when}"
        if not entries:
            raise NotInCorpus(f"todos los indicadores{scope} tienen dato en {when} según el almacén")
        if with_data:
            # "¿y cuántos tienen efectivamente un valor?": the others are counted too (a count of this list).
            excluded.append(f"Tienen dato en {when} ({len(with_data)}, conteo de esta lista): {', '.join(with_data)}.")
            counted_apart.append(float(len(with_data)))
    elif mode == "sin_meta":
        # "¿Qué indicadores no tuvieron logros esperados?": the store's rows the report says had none.
        # A row without data whose reason is that it had no target counts too ("Al ser un nuevo
        # servicio, su indicador no contó con logros esperados…").
        entries = [(k, r) for k, r in entries if r["status"] == "sin_meta"
                   or r["value"] is None and r["reason"] and lacks_target(fold(r["reason"]))]
        lead = f"Indicadores{scope} sin logro esperado para {when}"
        if not entries:
            raise NotInCorpus(f"los reportes no indican indicadores{scope} sin logro esperado en {when}")
    elif mode == "rank":
        ranked = [(k, r) for k, r in entries if r["progress_pct"] is not None]
        missing = [composer.code_of(snap, k) for k, r in entries if r["progress_pct"] is None]
        if not ranked:
            raise NotInCorpus(f"el almacén no tiene avances respecto del logro esperado en {when}")
        low = q.asked.lowest
        entries = sorted(ranked, key=lambda e: (e[1]["progress_pct"], composer.code_of(snap, e[0])), reverse=not low)
        order = "de menor a mayor" if low else "de mayor a menor"
        first = entries[0]
        lead = (f"{'Menor' if low else 'Mayor'} avance respecto del logro esperado en {when}: "
                f"**{composer.code_of(snap, first[0])}** ({format_number(first[1]['progress_pct'])} %). "
                f"Indicadores{scope} ordenados por avance, {order}")
        if missing:
            excluded.append(f"Sin avance respecto de un logro esperado (sin dato o sin meta): {', '.join(missing)}.")
    elif mode == "threshold":
        op, bound = q.asked.threshold or (">=", 100.0)
        limit = bound
        test = {">": lambda p: p > bound, ">=": lambda p: p >= bound, "<": lambda p: p < bound}[op]
        # "¿…un valor mayor al 40 %?" compares the value of the indicators measured in %;
        # otherwise the threshold is on the progress against the expected achievement.
        on_value = q.asked.threshold_on_value
        field = "value" if on_value else "progress_pct"
        usable = [(k, r) for k, r in entries if r[field] is not None and (not on_value or r["unit"] == "%")]
        missing = [composer.code_of(snap, k) for k, r in entries if (k, r) not in usable]
        if not usable:
            raise NotInCorpus(f"el almacén no tiene {'valores en porcentaje' if on_value else 'avances respecto del logro esperado'} en {when}")
        usable.sort(key=lambda e: (e[1][field], composer.code_of(snap, e[0])), reverse=op != "<")
        words = {">": "mayor que", ">=": "igual o mayor que", "<": "menor que"}[op]
        measure = "un valor" if on_value else "un avance"
        against = "" if on_value else " respecto del logro esperado"
        entries = [(k, r) for k, r in usable if test(r[field])]
        lead = f"Indicadores{scope} con {measure} {words} {format_number(bound)} %{against} en {when}"
        if not entries:
            entries = usable[:1]
            lead = f"Ningún indicador{scope} tuvo en {when} {measure} {words} {format_number(bound)} %{against}. El más cercano"
            count_it = False
        if missing:
            why = "no se expresan en porcentaje o no tienen dato" if on_value else "sin dato o sin meta"
            excluded.append(f"{'Sin valor en porcentaje' if on_value else 'Sin avance respecto de un logro esperado'} ({why}): {', '.join(missing)}.")
    elif mode == "objective":
        lead = f"Indicadores{scope} en {when}"
        if q.asked.target:
            excluded.append("El reporte no publica el valor de las metas (logros esperados); indica el avance "
                            "de cada indicador respecto de ellas.")
    elif mode == "summary":
        named = sorted({snap.indicators[k]["policy"] for k, _ in entries if snap.indicators[k]["policy"]})
        of = f" de la {', '.join(named)}" if named else ""
        lead = f"Resultados de los indicadores{of}{scope} en el reporte de {when}"
    else:
        of = f" de la {q.policies[0]}" if len(q.policies) == 1 else ""
        lead = f"Indicadores{scope}{' y de sus servicios' if q.objective else ''}{of} en el reporte de {when}"
    items, citations, figures, allowed = [], [], [], []
    stated = None
    doc_ids = {r["doc_id"] for _, r in entries}
    if mode == "list" and len(doc_ids) == 1 and asks_count:
        stated = _stated_count(snap, doc_ids, q.objective)
    if stated:
        value, rec = stated
        lead = f"El reporte de {when} presenta estos indicadores{scope}{' y de sus servicios' if q.objective else ''}"
        stated_doc = snap.doc_name(rec.doc_id)
        citations.append(Citation(stated_doc, rec.page, rec.section, rec.text, rec.doc_id))
        figures.append(Figure(value, "indicadores", None, rec.period, True, "cita"))
        allowed += [n.value for n in find_numbers(rec.text)]
    reasons: dict[str, dict[str, Any]] = {}
    # Policies share codes ("ISS.02.01.01.01" is the PNBP's and the PNCTI's): a list of several
    # policies' indicators says whose each one is.
    several = len({snap.indicators[k]["policy"] for k, _ in entries}) > 1
    for k, r in entries:
        ind = snap.indicators[k]
        code = composer.code_of(snap, k)
        doc = snap.doc_name(r["doc_id"])
        items.append({"code": code, "name": ind["name"], "doc": doc, "page": r["page"], "status": r["status"],
                      "policy": ind["policy"] if several else "",
                      "stated": _stated_targets(snap, k, r, q, citations, figures, allowed, mode),
                      "value": None if r["value"] is None else composer.value_text(r),
                      "progress": None if r["progress_pct"] is None else format_number(r["progress_pct"])})
        citations.append(Citation(doc, r["page"], section_of(snap, r), r["quote"], r["doc_id"]))
        allowed += [float(r["period"] or 0)] + [n.value for n in find_numbers(ind["name"])]
        if r["value"] is None or mode == "sin_meta":
            # Why there is no figure, or (asked for) why there was no target: the report's sentence.
            if r["reason"] and r["reason"] not in reasons:
                after = carried_on(snap, r["doc_id"], r["reason"])
                reasons[r["reason"]] = {"reason": r["reason"], "doc": doc, "page": r["page"], "codes": [],
                                        "after": after}
                if after is not None:
                    citations.append(Citation(doc, after.page, after.section, after.text, after.doc_id))
                    allowed += [n.value for n in find_numbers(after.text)]
            if r["reason"]:
                reasons[r["reason"]]["codes"].append(code)
            if r["value"] is None:
                continue
        allowed.append(r["value"])
        figures.append(Figure(r["value"], r["unit"], code, r["period"], in_quote(r["value"], r["quote"])))
        if r["progress_pct"] is not None:
            allowed.append(r["progress_pct"])
            figures.append(Figure(r["progress_pct"], "%", code, r["period"],
                                  in_quote(r["progress_pct"], r["progress_quote"] or "")))
    text = composer.templates.render(
        "indicator_overview", lead=lead, items=items, reasons=list(reasons.values()), excluded=excluded,
        count=len(items) if count_it else 0,
        stated=stated and {"quote": stated[1].text, "doc": snap.doc_name(stated[1].doc_id), "page": stated[1].page})
    if limit is not None:
        allowed.append(limit)
    allowed += counted_apart
    if count_it:
        allowed.append(float(len(items)))
        figures.append(Figure(float(len(items)), "indicadores", None, periods[-1] if periods else None, True,
                              "calculado", "conteo de los indicadores listados"))
    return Draft(text, citations, figures, "indicadores", allowed, [])
