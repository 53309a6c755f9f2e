"""Answers about named or described indicators: one, several (with their difference), the
indicators of a service, and a code the report does not print."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.analysis import Analysis
from assistant.answer import Figure
from assistant.asked import is_year_value
from assistant.knowledge import Snapshot
from assistant.structured import Draft, NotInCorpus, StructuredComposer, merge_drafts
from ingest.numbers import format_number, same_number, strip_accents


def indicator_keys(snap: Snapshot, code: str, q: Analysis) -> list[str]:
    """Snapshot keys of an indicator code, narrowed to the policies and years asked about, and,
    for a code several policies share, to the one whose figures the question states."""
    keys = with_data_in(snap, snap.find(snap.indicators, code, q.policies), q.years)
    return with_figures_of(snap, keys, [n for n in q.asked.figures if not is_year_value(n)])


def with_figures_of(snap: Snapshot, keys: list[str], figures: list[float]) -> list[str]:
    """``keys`` narrowed to those with a published figure (value, progress, target, baseline) the
    question states ("¿Cuadra el 94 % de avance del IOP.03.01…?": the PNCTI's); all of them when
    none or several policies' do."""
    if len(keys) <= 1 or not figures:
        return keys

    def published(k: str) -> list[float]:
        out = [f for v in snap.values.get(k, []) for f in (v["value"], v.get("progress_pct")) if f is not None]
        return out + [t["value"] for t in snap.targets.get(k, []) if t["value"] is not None]

    holding = [k for k in keys if any(same_number(f, p, 0.005) for f in figures for p in published(k))]
    return holding if len(holding) == 1 else keys


def with_data_in(snap: Snapshot, keys: list[str], years: list[int]) -> list[str]:
    """``keys`` narrowed to those with a value in ``years`` (all of them when none has one)."""
    if len(keys) <= 1 or not years:
        return keys
    return [k for k in keys if any(v["period"] in years for v in snap.values.get(k, []))] or keys


def indicators_draft(structured: StructuredComposer, snap: Snapshot, keys: list[str], q: Analysis,
                     header: str | None = None) -> Draft:
    """One indicator's answer, or one per policy when the code is shared and none was named, or one
    per indicator when a description fits several equally well ("¿Cuántas accesiones hubo?").

    ``header`` leads the answer (a service's indicators, a code the report does not print).
    """
    drafts, reasons = [], []
    for k in keys[:4]:
        try:
            drafts.append(structured.indicator_answer(snap, k, q))
        except NotInCorpus as exc:
            reasons.append(exc.reason)
    if not drafts:
        raise NotInCorpus(reasons[0] if reasons else "no hay datos de ese indicador")
    if len(drafts) == 1:
        if header:
            drafts[0].text = f"{header}\n\n{drafts[0].text}"
        return drafts[0]
    if header is None and len({snap.indicators[k]["indicator_id"] for k in keys}) > 1:
        # Never one of them picked at random, never a sum: each with its own name and figure.
        header = "La pregunta describe por igual a varios indicadores; estas son sus cifras:"
    elif header is None:
        header = "Ese indicador existe en varias políticas; estas son sus cifras:"
    return merge_drafts(drafts, header)


def uncoded_alias(snap: Snapshot, q: Analysis) -> tuple[Analysis, str | None]:
    """Read "ISS.02.05.01.01" as the one indicator of service SS.02.05.01, which the report prints
    without a code, and say so; any other unknown code is left for the refusal."""
    codes, note = list(q.codes), None
    for i, code in enumerate(codes):
        m = re.fullmatch(r"ISS\.(\d{2}\.\d{2}\.\d{2})\.01", code)
        if not m or snap.find(snap.indicators, code, q.policies):
            continue
        service = f"SS.{m.group(1)}"
        of_service = [ind for ind in snap.indicators.values()
                      if ind["service"] == service and (not q.policies or ind["policy"] in q.policies)]
        if len(of_service) == 1 and of_service[0]["code"] is None:
            codes[i] = of_service[0]["indicator_id"]
            note = (f"El reporte no publica el código {code}: el servicio {service} se mide con un solo "
                    "indicador, que el reporte presenta sin código. Es este:")
    return (replace(q, codes=codes), note) if note else (q, None)


def several_indicators_draft(structured: StructuredComposer, snap: Snapshot, codes: list[str], q: Analysis) -> Draft:
    """Each named indicator's answer; for two comparable figures, their difference, labelled as computed."""
    drafts, shown = [], []
    for code in codes[:4]:
        keys = indicator_keys(snap, code, q)
        drafts.append(structured.indicator_answer(snap, keys[0], q))
        rows = [r for r in structured.rows_for(snap, keys[0]) if not q.years or r["period"] in q.years]
        shown.append((code, rows[-1] if rows else None))
    merged = merge_drafts(drafts, f"Cifras de {', '.join(codes[:-1])} y {codes[-1]}:")
    if len(shown) == 2 and q.asked.compare:
        (code_a, a), (code_b, b) = shown
        # "¿…la diferencia entre el avance de…?" compares progress; otherwise the values.
        field = "progress_pct" if "progress" in q.intents else "value"
        comparable = (a is not None and b is not None and a[field] is not None and b[field] is not None
                      and (field == "progress_pct" or a["unit"] == b["unit"]) and a["period"] == b["period"])
        if comparable:
            diff = round(a[field] - b[field], 2)
            unit = "puntos porcentuales" if field == "progress_pct" or a["unit"] == "%" else (a["unit"] or "")
            label = "Diferencia de avance" if field == "progress_pct" else "Diferencia"
            amount = f"{format_number(diff)} {unit}" if unit else format_number(diff)
            formula = f"{code_a} − {code_b} = {format_number(a[field])} − {format_number(b[field])}"
            merged.text += (f"\n\n{label} en {a['period']} (calculado, no es una cifra publicada): "
                            f"**{amount}** ({formula}).")
            merged.figures.append(Figure(diff, unit or None, None, a["period"], True, "calculado", formula))
            merged.allowed += [diff, abs(diff)]
        else:
            merged.text += ("\n\nNo calculo su diferencia: sus valores no son del mismo "
                            "período y la misma unidad.")
    return merged


# "S/" is the sol's sign only as a word of its own: "servidores/as" names people, not money.
_MONEY_UNIT = re.compile(r"\b(?:soles|dolares|euros|usd)\b|(?<![a-z])s/(?![a-z])|us\$")


def measured_in_money(snap: Snapshot, key: str) -> bool:
    """True for an indicator whose name or stated unit is a currency ("Monto de créditos (millones de soles)")."""
    ind = snap.indicators[key]
    units = " ".join(v.get("unit") or "" for v in snap.values.get(key, []))
    return _MONEY_UNIT.search(strip_accents(f"{ind['name']} {units}").lower()) is not None


def states_money(text: str) -> bool:
    """True when ``text`` states an amount in a currency ("S/ 12,4 millones", "3 500 dólares")."""
    return _MONEY_UNIT.search(strip_accents(text).lower()) is not None and any(ch.isdigit() for ch in text)


def money_not_answered(snap: Snapshot, keys: list[str], q: Analysis) -> bool:
    """True when ``q`` asks for an amount of money and none of ``keys`` is measured in one."""
    return q.asked.money and not q.codes and not any(measured_in_money(snap, k) for k in keys)

