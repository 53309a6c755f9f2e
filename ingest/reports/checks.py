"""Consistency checks inside a document: a share against its parts, a total against its parts,
and a measurement period that is not the report's. Checks across documents (a stated progress
against the policy's expected achievement) live in :mod:`ingest.reports.crosscheck`.
"""

from __future__ import annotations

import re

from ingest.model import Sentence
from ingest.numbers import format_number
from ingest.reports import cues
from ingest.reports.figures import Figure
from ingest.reports.records import Check, Extraction, IndicatorValue, Source

_MONTH_RANGE = re.compile(rf"\bde ({cues.MONTHS}) a ({cues.MONTHS}) de (20\d{{2}})\b", re.IGNORECASE)
_ABOUT_MEASUREMENT = re.compile(r"medici[oó]n|seguimiento|reporte|per[ií]odo", re.IGNORECASE)


def _src(s: Sentence) -> Source:
    return Source(page=s.page, quote=s.text, section=s.section)


def part_of_total_check(out: Extraction, s: Sentence, figures: list[Figure], recent: list[IndicatorValue]) -> None:
    """A percentage value next to "N of a total M" figures: check that the value is N / M.

    ``recent`` are the percentage values stated in the same paragraph, latest last.
    """
    totals = [f for f in figures if f.role == cues.TOTAL]
    parts = [f for f in figures if f.role == cues.PART]
    if not totals or not parts or not recent or not totals[0].value:
        return
    total, part, record = totals[0].value, parts[0].value, recent[-1]
    value = record.value or 0.0
    computed = round(part / total * 100, 2)
    consistent = abs(computed - value) < 0.01
    out.checks.append(Check(
        "proporcion", record.indicator_id, value, computed,
        f"{format_number(part)} / {format_number(total)}", consistent,
        f"El valor reportado ({format_number(value)}%) "
        + ("coincide con" if consistent else "no coincide con")
        + f" la proporción calculada de las cifras del texto ({format_number(part)} de {format_number(total)}"
          f" = {format_number(computed)}%)",
        record.source, _src(s)))


def sum_of_parts_check(out: Extraction, s: Sentence, figures: list[Figure]) -> None:
    """"19 indicadores (ocho … y once …)" or "14 indicadores: cinco … y nueve …": total = sum of parts."""
    text = s.text
    for i, total in enumerate(figures):
        if total.percent or total.value != int(total.value):
            continue
        opener = text[total.end:total.end + 40]
        m = re.match(r"\s*[a-záéíóúñ]+\s*([(:])", opener, re.IGNORECASE)
        if not m:
            continue
        close = ")" if m.group(1) == "(" else "."
        span_end = text.find(close, total.end + m.end())
        span_end = len(text) if span_end < 0 else span_end
        parts = [f for f in figures[i + 1:] if f.start < span_end and not f.percent]
        if len(parts) < 2 or " y " not in text[parts[0].end:parts[-1].start + 1]:
            continue
        summed = sum(p.value for p in parts)
        joined = " + ".join(format_number(p.value) for p in parts)
        out.checks.append(Check(
            "suma", None, total.value, summed, joined, abs(total.value - summed) < 1e-9,
            f"Total declarado ({format_number(total.value)}) frente a la suma de sus partes ({format_number(summed)})",
            _src(s), _src(s)))
        return


def period_check(out: Extraction, s: Sentence, period: int, period_source: Source | None) -> Source | None:
    """Record a measurement period whose year is not the report's ("…de abril a diciembre de 2024" in the
    2023 report), beside the sentence that states the report's own period. Returns that sentence's source."""
    m = _MONTH_RANGE.search(s.text)
    if not m:
        return period_source
    year = int(m.group(3))
    if year == period:
        return period_source or _src(s)
    if not _ABOUT_MEASUREMENT.search(s.text):
        return period_source
    stated = f"de {m.group(1)} a {m.group(2)} de {year}"
    out.checks.append(Check(
        "periodo", None, float(year), float(period), "período que cubre el reporte", False,
        f"El reporte de {period} indica un período de medición {stated}, pero el período que reporta es {period}",
        _src(s), period_source or _src(s)))
    return period_source
