"""Answers about what a policy expects: the expected achievement (meta, logro esperado) of an
indicator for a year, up to 2030, and its baseline, as the policy document or a report states them."""

from __future__ import annotations

from assistant.answer import Citation, Figure
from assistant.compose import Templates
from assistant.knowledge import Snapshot
from assistant.structured import Draft, change_between, unit_text
from ingest.numbers import find_numbers


def targets_draft(templates: Templates, snap: Snapshot, keys: list[str], code_of: dict[str, str],
                  baseline: bool, years: list[int]) -> Draft | None:
    """The stated targets (or, with ``baseline``, the baselines) of each indicator in ``keys`` for
    ``years`` (every stated year when empty); None when none is stated."""
    items, figures, citations, allowed = [], [], [], []
    for k in keys:
        rows = snap.targets.get(k, [])
        # A policy document's figure is the reference; a report's restatement only when it is alone.
        rows = sorted(rows, key=lambda t: (t["doc_type"] != "politica", t["year"] or 0))
        wanted = [t for t in rows if t["kind"] == ("linea_base" if baseline else "meta")]
        if not wanted:
            continue
        by_year: dict[int | None, dict] = {}
        for t in wanted:
            by_year.setdefault(t["year"], t)
        chosen = [by_year[y] for y in years if y in by_year] if years and not baseline else list(by_year.values())
        missing = ""
        if years and not baseline and not chosen:
            missing = "el logro esperado para " + ", ".join(str(y) for y in years)
            chosen = []
        ind = snap.indicators[k]
        lines = []
        for t in chosen:
            what = (f"Línea de base ({t['year']})" if t["kind"] == "linea_base" and t["year"]
                    else "Línea de base" if t["kind"] == "linea_base" else f"Logro esperado {t['year']}")
            lines.append({"what": what, "value": unit_text(t["value"], t["unit"]), "doc": snap.doc_name(t["doc_id"]),
                          "page": t["page"]})
            figures.append(Figure(t["value"], t["unit"], code_of.get(k, ind["indicator_id"]), t["year"], True))
            allowed.append(t["value"])
            citations.append(Citation(snap.doc_name(t["doc_id"]), t["page"], "", t["quote"], t["doc_id"]))
        change = None
        if len(years) == 2 and len(chosen) == 2 and not baseline and chosen[0]["unit"] == chosen[1]["unit"]:
            # Two years' targets asked together ("between 2025 and 2030"): how far apart they are.
            first, last = sorted(chosen, key=lambda t: t["year"])
            words, figure = change_between(first["value"], last["value"], first["unit"],
                                           code_of.get(k, ind["indicator_id"]), last["year"])
            change = {"first": first["year"], "last": last["year"], **words}
            figures.append(figure)
            allowed.append(abs(figure.value))
        source = chosen[0] if chosen else wanted[0]
        doc = snap.documents.get(source["doc_id"], {})
        items.append({
            "label": f"{code_of.get(k, ind['indicator_id'])} de la {ind['policy']} ({ind['name']})",
            "policy_name": doc.get("policy_name", ""), "lines": lines, "missing": missing, "change": change,
            "years": ", ".join(str(y) for y in by_year if y is not None), "quote": source["quote"],
            "doc": snap.doc_name(source["doc_id"]), "page": source["page"]})
        if not chosen:
            citations.append(Citation(snap.doc_name(source["doc_id"]), source["page"], "", source["quote"],
                                      source["doc_id"]))
        allowed += [float(y) for y in by_year if y is not None] + [float(y) for y in years]
        # The quoted source line is shown whole; its other figures are the document's own words.
        allowed += [n.value for n in find_numbers(source["quote"] + " " + doc.get("policy_name", ""))]
    if not items:
        return None
    # No indicator has a target for the year asked: a refusal that shows the years there are.
    route = "rechazo" if all(item["missing"] and not item["lines"] for item in items) else "indicador-meta"
    notes = ["los documentos no dan el logro esperado para ese año"] if route == "rechazo" else []
    return Draft(templates.render("indicator_targets", items=items), citations, figures, route, allowed, notes)


def baseline_change_draft(templates: Templates, snap: Snapshot, key: str, code: str) -> Draft | None:
    """How far the latest reported value of ``key`` stands from its stated baseline, calculated;
    None when either is missing or their units differ."""
    base = next((t for t in sorted(snap.targets.get(key, []), key=lambda t: t["doc_type"] != "politica")
                 if t["kind"] == "linea_base"), None)
    values = [v for v in snap.values.get(key, []) if v["value"] is not None and v["period"]]
    if base is None or not values:
        return None
    last = max(values, key=lambda v: v["period"])
    if base["unit"] != last["unit"] or (base["year"] and base["year"] >= last["period"]):
        return None
    words, figure = change_between(base["value"], last["value"], base["unit"], code, last["period"])
    text = templates.render("baseline_change", first=base["year"] or "línea de base", last=last["period"], **words)
    return Draft(text, [], [figure], "indicador", [abs(figure.value), base["value"], last["value"]], [])
