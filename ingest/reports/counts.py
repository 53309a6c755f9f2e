"""How many objectives, services and indicators a report says it has, against how many it presents.

"…19 indicadores (ocho a nivel de objetivos y once correspondientes a servicios)" declares 19; if the
reader finds 16 indicators in the same report, that is recorded as a check like any other, so "¿cuadra
que sean 19?" gets the count the report presents and where it differs. The counted item is the word
right after a figure (:data:`cues.COUNTED_ITEMS`); a figure followed by a level word only ("ocho a nivel
de objetivos") is a part of the indicator count before it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.model import Sentence
from ingest.numbers import format_number, parse_words
from ingest.reports import cues
from ingest.reports.figures import Figure, figures_in, tokens
from ingest.reports.records import (
    DATA_COUNT,
    LEVEL_COUNT,
    OBJECTIVE_COUNT,
    SERVICE_KINDS,
    Check,
    Extraction,
    Indicator,
    Source,
)

# A figure's own words end at the next clause mark or the next figure.
_CLAUSE_END = re.compile(r"[,;:()\[\].]")
LEVEL_NAMES = {"objetivo": "de objetivos prioritarios", "servicio": "de servicios"}


@dataclass
class Declared:
    """A count a report states, with the indicator levels it splits into."""

    item: str  # a key of cues.COUNTED_ITEMS
    total: float
    source: Sentence
    levels: dict[str, float] = field(default_factory=dict)
    start: int = 0  # where the figure starts in the sentence


def _words_after(text: str, fig: Figure, nxt: Figure | None) -> list[str]:
    end = nxt.start if nxt is not None else len(text)
    span = text[fig.end:end]
    cut = _CLAUSE_END.search(span)
    return tokens(span[:cut.start()] if cut else span)


def _stem_in(words: list[str], stems: dict[str, str]) -> str | None:
    return next((s for w in words for s in stems if w.startswith(s)), None)


def declared_in(s: Sentence) -> list[Declared]:
    """The counts ``s`` declares, in order ("cinco indicadores de servicios" is a count of level servicio)."""
    figures = [f for f in figures_in(s.text)[0] if not f.percent and f.value == int(f.value) and f.value > 0]
    out: list[Declared] = []
    for i, fig in enumerate(figures):
        words = _words_after(s.text, fig, figures[i + 1] if i + 1 < len(figures) else None)
        if not words:
            continue
        item = next((stem for stem in cues.COUNTED_ITEMS if words[0].startswith(stem)), None)
        level = _stem_in(words[1:] if item else words, cues.LEVELS)
        if item == "indicador":
            out.append(Declared(item, fig.value, s, {level: fig.value} if level else {}, fig.start))
        elif item is not None:
            out.append(Declared(item, fig.value, s, start=fig.start))
        elif level and out and out[-1].item == "indicador":
            out[-1].levels[level] = out[-1].levels.get(level, 0.0) + fig.value  # "(ocho a nivel de objetivos…"
    return _merged(out)


def _merged(found: list[Declared]) -> list[Declared]:
    """ "cinco indicadores de objetivos y cinco indicadores de servicios": one count of ten, by level."""
    out: list[Declared] = []
    for d in found:
        prev = out[-1] if out else None
        if (prev and d.item == prev.item == "indicador" and d.levels and prev.levels
                and not set(d.levels) & set(prev.levels) and prev.total == sum(prev.levels.values())):
            prev.levels.update(d.levels)
            prev.total += d.total
        else:
            out.append(d)
    return out


def _presented(out: Extraction, item: str) -> tuple[int, dict[str, int], dict[str, int]]:
    """How many of ``item`` the reader found: in all, by indicator level, and by priority objective."""
    if item == "indicador":
        rows = [(i.level, i.objective) for i in out.indicators]
    elif item == "servicio":
        rows = [("", s.objective) for s in out.services]
    else:
        rows = [("", o.code) for o in out.objectives]
    by_objective = Counter(obj for _, obj in rows if obj)
    for o in out.objectives:
        by_objective.setdefault(o.code, 0)  # an objective with none of them is part of the answer
    return len(rows), dict(Counter(level for level, _ in rows if level)), dict(sorted(by_objective.items()))


def _split(levels: dict[str, float], noun: str) -> str:
    return " y ".join(f"{format_number(n)} {noun}{LEVEL_NAMES[lv]}" for lv, n in sorted(levels.items()))


def count_checks(out: Extraction, sentences: list[Sentence]) -> None:
    """Record every check of what a report says it has against what it presents; each sentence's
    declared counts are read once and shared by the checks that use them."""
    declarations = [(s, declared_in(s)) for s in sentences]
    declared_count_checks(out, declarations)
    objective_count_checks(out, declarations)
    data_count_checks(out, sentences)
    service_kind_checks(out, declarations)


def _is_make_up(declared: list[Declared]) -> bool:
    """True when a sentence's counts state the policy's make-up: two kinds of item, or indicators split
    by level ("medido a través de los siguientes tres indicadores" counts one objective's, not the report's)."""
    return len({d.item for d in declared}) >= 2 or any(len(d.levels) > 1 for d in declared)


def declared_count_checks(out: Extraction, declarations: list[tuple[Sentence, list[Declared]]]) -> None:
    """Record each count the report declares against the items of that kind the reader found in it."""
    seen: set[str] = set()
    for _, declared in declarations:
        if not _is_make_up(declared):
            continue
        for d in declared:
            if d.item in seen:
                continue
            seen.add(d.item)
            count, levels, by_objective = _presented(out, d.item)
            if count == 0:
                continue  # the report lists none of them: nothing to count against
            _record(out, d, count, levels, by_objective)


def objective_count_checks(out: Extraction, declarations: list[tuple[Sentence, list[Declared]]]) -> None:
    """Record each count one priority objective's section declares of its own items ("El Objetivo
    Prioritario 02 cuenta con cuatro servicios", "El primer objetivo es medido a través de los
    siguientes tres indicadores") against those the reader found under that objective.

    The subject is the nearest level word before the figure: "Este servicio es medido a través de
    los siguientes dos indicadores" counts one service's indicators, not the objective's.
    """
    seen: set[tuple[str, str]] = set()
    for s, declared in declarations:
        if s.objective is None or len(declared) != 1 or declared[0].item not in ("indicador", "servicio"):
            continue
        d = declared[0]
        before = tokens(s.text[:d.start])
        if _stem_in(before[::-1], cues.LEVELS) != "objetivo" or (s.objective, d.item) in seen:
            continue
        seen.add((s.objective, d.item))
        if d.item == "servicio":
            items = [(x.code, x.name) for x in out.services if x.objective == s.objective]
        else:
            # An objective is measured by its own indicators; its services' indicators are the services'.
            level = next(iter(d.levels), "objetivo")
            items = [(i.code or "", i.name) for i in out.indicators if i.objective == s.objective and i.level == level]
        if not items:
            continue  # the reader found none under the objective: nothing to count against
        noun = cues.COUNTED_ITEMS[d.item]
        consistent = len(items) == d.total
        listed = "; ".join(f"{code}: {name}" if code else name for code, name in items)
        description = _declared_against_shown(f"{format_number(d.total)} {noun} para el {s.objective}",
                                              f"{len(items)} ({listed})", consistent)
        src = Source(page=s.page, quote=s.text, section=s.section)
        out.checks.append(Check(OBJECTIVE_COUNT, s.objective, d.total, float(len(items)), "", consistent,
                                description, src, src))


# How far before a kind word ("mejorados") its figure may stand ("tres corresponden a servicios mejorados").
KIND_FIGURE_WINDOW = 4
_ONE = {"un", "uno", "una"}


def _kinds_in(text: str) -> dict[str, float]:
    """The services of each kind a sentence counts ("tres corresponden a servicios mejorados y uno es
    nuevo" → mejorados 3, nuevos 1): the nearest number at most four words before each kind word."""
    words = tokens(text)
    found: dict[str, float] = {}
    for j, word in enumerate(words):
        kind = next((k for stem, k in cues.SERVICE_KINDS.items() if word.startswith(stem)), None)
        if kind is None:
            continue
        for w in reversed(words[max(0, j - KIND_FIGURE_WINDOW):j]):
            if any(w.startswith(stem) for stem in cues.SERVICE_KINDS):
                break  # the figure before belongs to the kind before
            value = 1.0 if w in _ONE else parse_words(w) if not w.isdigit() else float(w)
            if value:
                found[kind] = found.get(kind, 0.0) + value
                break
    return found


def service_kind_checks(out: Extraction, declarations: list[tuple[Sentence, list[Declared]]]) -> None:
    """Record the services the objectives' sections sort into kinds ("El Objetivo Prioritario 02 cuenta
    con cuatro servicios, de los cuales tres corresponden a servicios mejorados y uno es nuevo"), added
    up by kind, against the services the report declares in all ("ocho servicios")."""
    by_kind: dict[str, dict[str, float]] = {}
    first: Sentence | None = None
    for s, declared in declarations:
        if s.objective is None or not any(d.item == "servicio" for d in declared):
            continue
        for kind, n in _kinds_in(s.text).items():
            by_kind.setdefault(kind, {})
            by_kind[kind][s.objective] = by_kind[kind].get(s.objective, 0.0) + n
            first = first or s
    total_declared = next((d for _, declared in declarations if _is_make_up(declared)
                           for d in declared if d.item == "servicio"), None)
    if not by_kind or first is None or total_declared is None:
        return
    added = sum(sum(v.values()) for v in by_kind.values())
    parts = " y ".join(f"{format_number(sum(v.values()))} servicios {kind} ("
                       + ", ".join(f"{obj}: {format_number(n)}" for obj, n in v.items()) + ")"
                       for kind, v in by_kind.items())
    consistent = added == total_declared.total
    description = (f"Las secciones de los objetivos declaran {parts}, {format_number(added)} en total; el "
                   f"resumen declara {format_number(total_declared.total)} servicios")
    src_a = Source(page=total_declared.source.page, quote=total_declared.source.text, section=total_declared.source.section)
    src_b = Source(page=first.page, quote=first.text, section=first.section)
    out.checks.append(Check(SERVICE_KINDS, None, total_declared.total, added, "", consistent, description, src_a, src_b))


def data_count_checks(out: Extraction, sentences: list[Sentence]) -> None:
    """Record each count of indicators with data a report states ("En 2023 se dispuso de información
    para once de ellos") against the indicators it gives a value for; the ones without are named."""
    if not out.indicators:
        return
    with_value = {v.indicator_id for v in out.values if v.value is not None}
    shown = [i for i in out.indicators if i.indicator_id in with_value]
    missing = [i.code or i.name for i in out.indicators if i.indicator_id not in with_value]
    for s in sentences:
        if not any(w in cues.DATA_NOUNS for w in tokens(s.text)):
            continue
        figures = [f for f in figures_in(s.text)[0] if not f.percent and f.value == int(f.value) and f.value > 0]
        for i, fig in enumerate(figures):
            after = _words_after(s.text, fig, figures[i + 1] if i + 1 < len(figures) else None)
            if not any(tuple(after[:len(words)]) == words for words in cues.OF_THEM):
                continue
            consistent = len(shown) == fig.value
            without = f" (sin dato: {', '.join(missing)})" if missing else ""
            description = (f"El reporte declara información para {format_number(fig.value)} indicadores"
                           f"{' y' if consistent else ', pero'} presenta valores para {len(shown)}{without}")
            src = Source(page=s.page, quote=s.text, section=s.section)
            out.checks.append(Check(DATA_COUNT, None, fig.value, float(len(shown)), "", consistent,
                                    description, src, src))
            return  # one statement of the report's coverage


def _record(out: Extraction, d: Declared, count: int, levels: dict[str, int], by_objective: dict[str, int]) -> None:
    noun = cues.COUNTED_ITEMS[d.item]
    consistent = count == d.total and (not d.levels or all(levels.get(k) == v for k, v in d.levels.items()))
    stated = f"{format_number(d.total)} {noun}"
    if d.levels:
        stated += f" ({_split(d.levels, '')})"
    shown = f"{count}"
    if d.item == "indicador" and levels:
        shown += f": {_split({k: float(v) for k, v in levels.items()}, 'indicadores ')}"
    if d.item != "objetivo" and by_objective:
        # "OP.01: 2 servicios", not a bare "OP.01: 2" a reader must guess the noun of.
        shown += "; por objetivo prioritario, " + ", ".join(
            f"{k}: {v} {d.item if v == 1 else noun}" for k, v in by_objective.items())
    description = _declared_against_shown(stated, shown, consistent)
    src = Source(page=d.source.page, quote=d.source.text, section=d.source.section)
    out.checks.append(Check("conteo", None, d.total, float(count), "", consistent, description, src, src))
    if d.item == "indicador" and levels:
        # "¿Cuadra el número de indicadores de objetivos prioritarios que declara?": each level
        # declared is a count of its own, checked apart from the total.
        for level, n in sorted(d.levels.items()):
            shown_level = levels.get(level, 0)
            stated_level = f"{format_number(n)} {noun} {LEVEL_NAMES[level]}"
            ok = shown_level == n
            # The codes, by objective, let the reader count them too ("OP.01: 3 — IOP.01.01, …"); an
            # uncoded one by its name, and an objective with none as 0 ("OP.03: 0").
            by_obj: dict[str, list[str]] = {o.code: [] for o in out.objectives}
            for i in out.indicators:
                if i.level == level:
                    by_obj.setdefault(i.objective or "", []).append(_label(i))
            listed = ""
            if any(by_obj.values()):
                listed = " (" + "; ".join((f"{obj}: {len(cs)}" + (f" — {', '.join(cs)}" if cs else "")) if obj
                                          else ", ".join(cs) for obj, cs in by_obj.items()) + ")"
            text = _declared_against_shown(stated_level, f"{shown_level}{listed}", ok)
            out.checks.append(Check(LEVEL_COUNT, None, n, float(shown_level), "", ok, text, src, src))


def _label(indicator: Indicator) -> str:
    """An indicator as a count's listing names it: its code, else its name, else its service's."""
    if indicator.code:
        return indicator.code
    return f"«{indicator.name}»" if indicator.name else f"indicador del {indicator.service or 'servicio sin código'}"


def _declared_against_shown(stated: str, shown: str, consistent: bool) -> str:
    """A declared count's check in words (``declares`` in assistant/answers/counts.py reads its start)."""
    return f"El reporte declara {stated} y presenta {shown}" if consistent else \
        f"El reporte declara {stated}, pero presenta {shown}"
