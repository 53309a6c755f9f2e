"""The target (meta, logro esperado) or baseline of a named indicator, from the policy document."""

from __future__ import annotations

from collections.abc import Iterable

from assistant.analysis import Analysis, match_indicator
from assistant.answer import Answer, Citation, Figure
from assistant.answers import indicator
from assistant.answers.base import Context
from assistant.answers.naming import AMBIGUOUS_MARGIN, INDICATOR_MATCH_MIN, naming_stems
from assistant.entities import slot_stems
from assistant.indicators import indicators_draft, money_not_answered
from assistant.knowledge import Snapshot
from assistant.passages import policy_name_stems
from assistant.structured import Draft, unit_text
from assistant.targets import targets_draft
from ingest.numbers import find_numbers


def answer(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Cuál es la meta al 2030 del…?", "¿cuál fue la línea de base…?": what the documents expect."""
    snap = ctx.snap
    codes = [c for c in q.codes if not c.startswith("OP")]
    group = baseline_years(ctx, q) if _baselines_of_group(snap, q, codes) else None
    if group is not None:
        return group
    if codes:
        keys = [k for c in codes for k in snap.find(snap.indicators, c, q.policies)]
    elif q.linked:
        keys = list(q.linked)
    else:
        stems = naming_stems(snap, q, names_only=True)
        # "¿Qué se espera lograr con la política de bibliotecas al 2030?" names the policy and asks
        # how: a description that is only the policy's name and framing words names no indicator.
        describes = _describing(snap, q, stems)
        keys, score = match_indicator(snap, stems, q.policies, margin=AMBIGUOUS_MARGIN)
        keys = keys if score >= INDICATOR_MATCH_MIN and describes else []
    if keys and money_not_answered(snap, keys, q):
        return None  # "¿cuánta plata tiene asignada…?": no indicator measured in money answers it
    stated = [k for k in keys if snap.targets.get(k)]
    baseline = q.asked.baseline or q.top == "baseline"
    reported = {v["period"] for k in keys for v in snap.values.get(k, [])}
    # "¿Cuál era la meta 2023 del…?" asks for the target alone; with a baseline, a trajectory or
    # the value too, the value comes with what was expected.
    target_alone = (q.asked.target and not baseline and q.top != "series" and "evolution" not in q.intents
                    and not (q.asked.value_word or q.asked.progress_word) and q.asked.parts == 1)
    target_years = {t["year"] for k in stated for t in snap.targets[k] if t["kind"] == "meta"}
    # "How much is it expected to rise between 2025 and 2030?": two targets compared, not the values.
    targets_compared = (len(q.asked.years_named) == 2 and set(q.asked.years_named) <= target_years
                        and not set(q.asked.years_named) & reported)
    if stated and (baseline and q.asked.target_word or set(q.years) & reported and not target_alone
                   or q.asked.compare and not targets_compared or q.asked.change):
        # "de la línea de base a 2023 y lo que se espera al 2030": the value with what is expected.
        return indicator.trajectory(ctx, q, stated)
    if not stated and keys and q.asked.target_word and all(_without_target(ctx, snap, k) for k in keys):
        # "¿Tenía un logro esperado o punto de partida para 2023?" of an indicator the report says
        # had none (ND, "por ser nuevo"): its figure with the report's reason, and that no document
        # publishes a baseline.
        draft = indicators_draft(ctx.structured, snap, keys, q)
        if baseline:
            draft.text += "\n\nLos documentos no publican su línea de base."
        return ctx.finish(draft)
    if not stated and keys and baseline:
        # Say so, rather than answer the indicator's value as if it were its baseline.
        names = ", ".join(f"{snap.indicators[k]['code'] or snap.indicators[k]['indicator_id']} de la "
                          f"{snap.indicators[k]['policy']}" for k in keys[:3])
        return ctx.refusal(q, f"los documentos no publican la línea de base del {names}")
    if not stated and keys and q.asked.target and (codes or q.linked):
        # No document states it: the indicator's answer gives the target its value and progress
        # imply, marked as calculated.
        return ctx.finish(indicators_draft(ctx.structured, snap, keys, q))
    keys = stated
    if not keys and not codes and len(q.policies) == 1 and (baseline or q.asked.target) and q.top in {"target", "baseline"}:
        kind = "linea_base" if baseline else "meta"
        if not any(t["kind"] == kind for k, rows in snap.targets.items()
                   if snap.indicators[k]["policy"] == q.policies[0] for t in rows):
            # "¿Cuál es la línea de base de los indicadores de la PNCTI?": its documents state none.
            what = "líneas de base" if baseline else "metas (logros esperados) por año"
            return ctx.refusal(q, f"los documentos de la {q.policies[0]} no publican {what} de sus indicadores")
    if not keys:
        return None
    code_of = {k: snap.indicators[k]["code"] or snap.indicators[k]["indicator_id"] for k in keys}
    # "¿qué valores se esperan en cada año hasta 2030?": every stated year, not only the last.
    years = [] if q.asked.every_year else list(q.asked.years_named)
    draft = targets_draft(ctx.templates, snap, keys, code_of, baseline=baseline, years=years)
    return ctx.finish(draft) if draft is not None else None


def _baselines_of_group(snap: Snapshot, q: Analysis, codes: list[str]) -> bool:
    """"¿Qué año es la línea de base de los indicadores de pesca?": the policy's indicators as a
    group, described by no word but the policy's name and how the question is put."""
    baseline = q.asked.baseline or q.top == "baseline"
    return (baseline and q.asked.indicators_word and not q.asked.target and len(q.policies) == 1
            and not codes and not _describing(snap, q, q.asked.key_stems) and not q.objective)


def _describing(snap: Snapshot, q: Analysis, stems: Iterable[str]) -> set[str]:
    """The ``stems`` that describe something besides the policy's name, framing words and numbers."""
    own = policy_name_stems(snap, q.policies)
    return {s for s in stems if s not in own and s not in slot_stems() and not s.isdigit()}


def baseline_years(ctx: Context, q: Analysis) -> Answer | None:
    """The baseline of every indicator of the policy asked about, with the years they share."""
    snap = ctx.snap
    groups, citations, figures, allowed = [], [], [], []
    for policy in q.policies:
        keys = [k for k, ind in snap.indicators.items() if ind["policy"] == policy]
        items = []
        for k in keys:
            rows = sorted((t for t in snap.targets.get(k, []) if t["kind"] == "linea_base"),
                          key=lambda t: t["doc_type"] != "politica")  # the policy document's figure first
            if not rows:
                continue
            t, ind = rows[0], snap.indicators[k]
            code = ind["code"] or ind["indicator_id"]
            items.append({"code": code, "name": ind["name"], "year": t["year"] or "año no indicado",
                          "value": unit_text(t["value"], t["unit"]), "doc": snap.doc_name(t["doc_id"]),
                          "page": t["page"]})
            figures.append(Figure(t["value"], t["unit"], code, t["year"], True))
            allowed += [t["value"]] + ([float(t["year"])] if t["year"] else [])
            citation = Citation(snap.doc_name(t["doc_id"]), t["page"], "", t["quote"], t["doc_id"])
            if citation not in citations:
                citations.append(citation)
        if not items:
            continue
        years = sorted({i["year"] for i in items if isinstance(i["year"], int)})
        doc = next((d for d in snap.documents.values() if d["policy"] == policy), {})
        groups.append({"policy": policy, "policy_name": doc.get("policy_name", ""), "years": years,
                       "rows": items, "without": len(keys) - len(items)})
        allowed += [float(len(items)), float(len(keys) - len(items))]
    if not groups:
        return None
    text = ctx.templates.render("baseline_years", groups=groups)
    # The names quoted say their own numbers ("…al 2030", "población de 6 a más años").
    allowed += [n.value for g in groups for n in find_numbers(" ".join([g["policy_name"], *(i["name"] for i in g["rows"])]))]
    return ctx.finish(Draft(text, citations, figures, "lineas-de-base", allowed, []))


def _without_target(ctx: Context, snap: Snapshot, key: str) -> bool:
    """True when the indicator's latest row says it had no expected achievement, with the report's reason."""
    rows = ctx.structured.rows_for(snap, key)
    return bool(rows) and rows[-1]["status"] == "sin_meta" and bool(rows[-1]["reason"])
