"""Wording and pagination of :mod:`synthcorpus.seedlike`: a report → pages, and its facts' pages.

Every sentence follows the seed report's phrasing; paragraphs carry anchors (where a fact's
figure is printed) so :func:`expected_facts` can give the page of each fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from synthcorpus.render import CHARS_PER_LINE as _CHARS_PER_LINE
from synthcorpus.render import LEADING as _LEADING
from synthcorpus.render import SPACE_AFTER as _SPACE_AFTER
from synthcorpus.seedlike_model import (
    _ORDINALS,
    SynthIndicator,
    SynthObjective,
    SynthReport,
    SynthService,
    _count,
    _count_noun,
    _fmt,
)
from synthcorpus.seedlike_pools import _ND_SUBJECTS
from synthcorpus.spanish import spanish_number

# ---------------------------------------------------------------------------------------------
# Wording: report → blocks (paragraphs with anchors)
# ---------------------------------------------------------------------------------------------

_FILL_PT = 560.0  # average filled height of a page the padding aims at (frame ≈ 730 pt)
_TRIM_PT = 600.0  # structural text beyond this average per page is trimmed
_MAX_BUDGET_PT = 700.0  # never plan more than this per page, so 10 pt text always fits


@dataclass
class _Block:
    """A paragraph, the positions of facts in it, and where it may be cut across a page break."""

    text: str
    anchors: list[tuple[str, str, int]] = field(default_factory=list)  # (key, what, offset)
    split_at: int | None = None
    keep_with_next: bool = False
    footnote: str | None = None


class _Writer:
    """Accumulates blocks; ``mark`` remembers where a fact's figure starts in the current one."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.raw: dict[str, dict[str, str]] = {}
        self._parts: list[str] = []
        self._anchors: list[tuple[str, str, int]] = []
        self._split: int | None = None

    def add(self, text: str) -> None:
        self._parts.append(text)

    def mark(self, key: str, what: str, raw: str | None = None) -> None:
        self._anchors.append((key, what, sum(len(p) for p in self._parts)))
        if raw is not None:
            self.raw.setdefault(key, {})[what] = raw
            self._parts.append(raw)

    def split_here(self) -> None:
        if self._split is None:
            self._split = sum(len(p) for p in self._parts)

    def end(self, keep: bool = False, footnote: str | None = None) -> None:
        text = "".join(self._parts)
        if text:
            self.blocks.append(_Block(text, self._anchors, self._split, keep, footnote))
        self._parts, self._anchors, self._split = [], [], None

    def para(self, text: str, keep: bool = False) -> None:
        self.add(text)
        self.end(keep)


def _figure(ind: SynthIndicator, comma: bool) -> str:
    """The value as printed, with its "%" when it is a percentage."""
    assert ind.value is not None
    if ind.in_words and ind.value == int(ind.value) and ind.value <= 10:
        return spanish_number(int(ind.value))
    text = _fmt(ind.value, comma)
    return text + "%" if ind.unit == "%" else text


def _after(ind: SynthIndicator) -> str:
    """What follows the figure: " entidades participantes …" or " del citado personal …"."""
    words = [w for w in ([ind.unit] if ind.unit not in (None, "%") else []) + [ind.phrase] if w]
    return (" " + " ".join(words)) if words else ""


def _progress_text(value: float, comma: bool) -> str:
    return _fmt(value, comma, 2 if value != round(value, 1) else 1) + "%"


def _write_objective_value(w: _Writer, key: str, ind: SynthIndicator, report: SynthReport) -> None:
    """The value paragraph(s) after an objective-level indicator's definition."""
    comma, p = report.decimal_comma, report.period
    if ind.status == "ND":
        w.mark(key, "sentence")
        subject = _ND_SUBJECTS[ind.variant % len(_ND_SUBJECTS)]
        w.add("A la fecha de elaboración del presente reporte, no se cuenta con datos "
              f"disponibles referidos a {subject} en el año {p}, debido a que {ind.reason}.")
        w.end()
        return
    if ind.status == "sin_meta":
        w.mark(key, "sentence")
        w.add("Este indicador, por ser nuevo, no contó con logros esperados, considerándose "
              f"no disponible (ND). No obstante, para el año {p}, después de un primer "
              "levantamiento de información se obtuvo un valor de ")
        w.mark(key, "value", _figure(ind, comma))
        w.add(_after(ind) + ".")
        w.end()
        return
    if ind.progress_pct is None:
        w.mark(key, "sentence")
        w.para("Con relación al presente indicador, durante el proceso de seguimiento se "
               "identificó la necesidad de efectuar la corrección y precisión del método de "
               "cálculo, a fin de garantizar su posterior medición y evidenciar el avance de los "
               "resultados que se espera alcanzar.")
        w.add("No obstante, para fines del reporte de seguimiento se ha realizado el cálculo "
              "conforme a lo consignado en la ficha técnica. Es así como se registra un valor "
              "obtenido de ")
        w.mark(key, "value", _figure(ind, comma))
        w.add(_after(ind) + ".")
        w.end()
        return
    verb, close = ("alcanzó", "ese período") if ind.kind == "other_share" or ind.variant == 1 \
        else ("obtuvo", "dicho período")
    w.mark(key, "sentence")
    w.add(f"En el año {p} el indicador {verb} un valor de ")
    w.mark(key, "value", _figure(ind, comma))
    w.add(_after(ind) + ", lo que ")
    w.split_here()
    w.add("representó un avance de ")
    w.mark(key, "progress", _progress_text(ind.progress_pct, comma))
    w.add(f" respecto del logro esperado para {close}.")
    if ind.kind == "alc_share":
        w.add(f" El Perú participó en {report.total_projects} proyectos de Cooperación Sur-Sur, "
              f"siendo oferente en {report.alc_provider_projects} de ellos, los cuales "
              "correspondieron a países de América Latina y el Caribe (ALC).")
    elif ind.kind == "other_share":
        n = report.other_provider_projects
        countries = [pt.country for pt in report.partners_other]
        w.add(f" De los {report.total_projects} proyectos de Cooperación Sur-Sur en los que "
              f"participó el Perú, fue oferente en {_count(n, 10)} proyectos desarrollados con ")
        for i, country in enumerate(countries):
            if i:
                w.add(" y ")
            w.mark(f"p:other:{i}", "sentence", country)
        w.add(".")
    w.end()
    if ind.kind == "alc_share":
        topics = report.partners_alc[0].topics if report.partners_alc else []
        w.add("Los proyectos de Cooperación Sur-Sur ofrecidos por el Perú responden a programas "
              "desarrollados con ")
        names = [pt.country for pt in report.partners_alc]
        for i, country in enumerate(names):
            if i:
                w.add(" y " if i == len(names) - 1 else ", ")
            w.mark(f"p:alc:{i}", "sentence", country)
        w.add(f" vinculados a temas de {', '.join(topics)}, entre otros.")
        w.end()
    elif ind.kind == "other_share":
        topics = report.partners_other[0].topics if report.partners_other else []
        listed = ", ".join(topics[:-1]) + ", así como " + topics[-1] if len(topics) > 1 \
            else "".join(topics)
        w.para(f"Dicha cooperación técnica estuvo orientada a temas de {listed}.")


def _write_service_indicator(w: _Writer, key: str, ind: SynthIndicator, ordinal: int,
                             report: SynthReport) -> None:
    """The "Respecto al primer indicador, …" sentence of one named service indicator."""
    comma = report.decimal_comma
    lead = ["Respecto al", "Con relación al", "En cuanto al"][min(ordinal, 2)]
    which = f"{lead} {_ORDINALS[ordinal]} indicador"
    w.mark(key, "sentence")
    if ind.status == "ND":
        w.para(f"{which}, a la fecha de elaboración del presente reporte no se cuenta con datos "
               f"disponibles, debido a que {ind.reason}.")
        return
    assert ind.progress_pct is not None
    present = ind.unit != "%" and ordinal == 0 and ind.variant == 0
    if ind.unit == "%":
        w.add(f"{which}, para el período de seguimiento se muestra que ")
        w.mark(key, "value", _figure(ind, comma))
        w.add(f" {ind.phrase}, lo que ")
    elif present:
        w.add(f"{which}, se muestra un valor obtenido de ")
        w.mark(key, "value", _figure(ind, comma))
        w.add(_after(ind) + ", el cual ")
    else:
        w.add(f"{which}, se obtuvo un valor de ")
        w.mark(key, "value", _figure(ind, comma))
        w.add(_after(ind) + ", lo que ")
    w.split_here()
    w.add("representa un avance de " if present else "representó un avance de ")
    w.mark(key, "progress", _progress_text(ind.progress_pct, comma))
    w.add(" respecto del logro esperado.")
    w.end()


def _write_quoted(w: _Writer, key: str, ind: SynthIndicator, report: SynthReport) -> None:
    """A service measured by a single unnamed indicator given in quotes."""
    comma = report.decimal_comma
    lead = f'Este servicio es medido a través del indicador "{ind.name}"'
    if ind.variant == 3:
        w.para(lead + ".")
        w.mark(key, "sentence")
        w.para("Al ser un nuevo servicio, su indicador no contó con logros esperados, "
               f"considerándose no disponible (ND). En tal sentido, en el año {report.period} se "
               "definió la metodología que permitirá su medición en los siguientes reportes de "
               "seguimiento.")
        return
    assert ind.value is not None and ind.progress_pct is not None
    w.mark(key, "sentence")
    w.add(lead + ", el cual obtuvo un valor de ")
    w.mark(key, "value", _figure(ind, comma))
    if ind.variant == 1:
        w.add(_after(ind) + ", representando un avance de ")
        w.mark(key, "progress", _fmt(ind.progress_pct, comma) + " %")
        w.add(" respecto del logro esperado.")
        w.end()
    elif ind.variant == 2:
        w.add(" para el período de seguimiento.")
        w.end()
        w.add("El porcentaje de avance respecto del logro esperado es ")
        w.mark(key, "progress", _progress_text(ind.progress_pct, comma))
        w.add(", el cual se debe a que los logros esperados de este indicador fueron estimados "
              "sobre la base de información global disponible al momento de la aprobación de la "
              "política.")
        w.end()
    else:
        w.add(" en el período de seguimiento, alcanzado un porcentaje de avance de ")
        w.mark(key, "progress", _progress_text(ind.progress_pct, comma))
        w.add(" respecto del logro esperado.")
        w.end()


_Keyed = tuple[str, SynthObjective, SynthService | None, SynthIndicator]


def _indicator_keys(report: SynthReport) -> list[_Keyed]:
    """Every indicator with a stable key, in reading order (section I, then section II)."""
    out = []
    for o in report.objectives:
        for ind in o.indicators:
            out.append((f"i{len(out)}", o, None, ind))
    for o in report.objectives:
        for s in o.services:
            for ind in s.indicators:
                out.append((f"i{len(out)}", o, s, ind))
    return out


def _blocks(report: SynthReport) -> tuple[list[_Block], dict[str, dict[str, str]]]:
    """The report as blocks in reading order, plus the raw figure text of every fact."""
    w = _Writer()
    keys = {id(ind): key for key, _, _, ind in _indicator_keys(report)}
    p = report.period
    n_srv = sum(len(o.services) for o in report.objectives)
    n_iop = sum(len(o.indicators) for o in report.objectives)
    n_iss = sum(len(s.indicators) for o in report.objectives for s in o.services)
    n_lin = sum(o.lineamientos for o in report.objectives)

    # -- page-1 header, table and summary -------------------------------------------------
    w.para(f"REPORTE DE CUMPLIMIENTO DE LA {report.policy_name.upper()}", keep=True)
    w.para("1. Políticas nacionales de la lista sectorial", keep=True)
    w.para(f"Política nacional: {report.policy_name}.")
    w.para(f"Ministerio rector o conductor: {report.ministry}.")
    if report.problem:
        w.para(f"Problema público identificado: {report.problem}")
    w.para(f"Dispositivo legal: {report.decree}.")
    w.para("Resumen del reporte de cumplimiento:", keep=True)
    w.para("El presente reporte muestra los avances obtenidos por la cooperación internacional de "
           f"abril a diciembre de {p}, en el marco de la {report.policy_name}, aprobada el "
           f"{report.approval}. La citada política cuenta con {_count(len(report.objectives))} "
           f"objetivos prioritarios (O.P.), {n_lin} lineamientos, "
           f"{_count_noun(n_srv, 'servicio')} y "
           f"{report.activities} actividades operativas aprobados, que serán medidos a través de "
           f"{n_iop + n_iss} indicadores ({_count(n_iop, 29)} a nivel de objetivos y "
           f"{_count(n_iss, 29)} correspondientes a servicios).")
    w.para("Del seguimiento efectuado se puede destacar lo siguiente:", keep=True)
    for h in report.highlights:
        w.para(h)

    # -- section I ----------------------------------------------------------------------------
    w.para("I. Cumplimiento de los objetivos prioritarios de la política nacional", keep=True)
    for o in report.objectives:
        num = o.code[3:]
        w.para(f"{o.code}.", keep=True)
        w.para(f"Objetivo Prioritario {num}. {o.title}.", keep=True)
        if len(o.indicators) == 1:
            w.para("Este objetivo es medido a través del siguiente indicador.", keep=True)
        else:
            w.para("El objetivo es medido a través de los siguientes "
                   f"{spanish_number(len(o.indicators))} indicadores:", keep=True)
        for ind in o.indicators:
            mark = "¹" if ind.footnote else ""
            w.add(f"- {ind.code}: {ind.name}{mark}.")
            w.end(keep=True, footnote=ind.footnote)
            if not o.grouped_nd:
                _write_objective_value(w, keys[id(ind)], ind, report)
                for note in ind.notes:
                    w.para(note)
        if o.grouped_nd:
            for ind in o.indicators:
                w.mark(keys[id(ind)], "sentence")
            reason = o.indicators[0].reason
            w.para("Se debe precisar que a la fecha de elaboración del reporte de seguimiento de "
                   f"la política correspondiente al año {p}, no se cuenta con datos disponibles "
                   f"para la medición de los indicadores debido a que {reason}.")
        for note in o.notes:
            w.para(note)

    # -- section II ---------------------------------------------------------------------------
    w.para("II. Situación de las principales actividades que contribuyen al cumplimiento del "
           "objetivo de la política nacional y uso de recursos", keep=True)
    for o in report.objectives:
        num = o.code[3:]
        w.para(f"{o.code}.", keep=True)
        if not o.services:
            w.para(f"El Objetivo Prioritario {num} cuenta con {_count(o.lineamientos)} "
                   "lineamientos que responden a funciones técnico-normativas, razón por la cual "
                   "no se identificaron servicios para su implementación.")
        elif all(not s.indicators for s in o.services):
            many = len(o.services) > 1
            w.para(f"El Objetivo Prioritario {num} cuenta con "
                   + (f"{_count(len(o.services))} servicios nuevos, para los cuales" if many
                      else "un servicio nuevo, para el cual")
                   + " se definió la metodología de implementación, cuya puesta en práctica se "
                   f"prevé iniciar en julio de {p + 1}. Por lo tanto, a partir del siguiente "
                   "reporte se obtendrá información sobre su avance. A continuación, se detallan "
                   + ("los mencionados servicios:" if many else "el mencionado servicio:"),
                   keep=True)
            for s in o.services:
                w.para(f"- {s.code}: {s.name}.")
        else:
            n = len(o.services)
            w.para(f"El Objetivo Prioritario {num} cuenta con {_count_noun(n, 'servicio')}.")
            w.para("A continuación, se presenta el avance de la implementación "
                   + ("de los servicios" if n > 1 else "del servicio") + " de dicho objetivo:",
                   keep=True)
            for s in o.services:
                w.para(f"- {s.code}: {s.name}.", keep=True)
                if not s.indicators:
                    w.para("Al ser un nuevo servicio, su metodología de medición se encuentra en "
                           "proceso de definición.")
                elif s.indicators[0].code is None:
                    _write_quoted(w, keys[id(s.indicators[0])], s.indicators[0], report)
                else:
                    w.para("Este servicio es medido a través de los siguientes "
                           f"{spanish_number(len(s.indicators))} indicadores:", keep=True)
                    for ind in s.indicators:
                        w.para(f"- {ind.code}: {ind.name}.", keep=True)
                    for k, ind in enumerate(s.indicators):
                        _write_service_indicator(w, keys[id(ind)], ind, k, report)
                for note in s.notes:
                    w.para(note)
        for note in o.service_notes:
            w.para(note)

    # -- section III and signature -------------------------------------------------------------
    w.para("III. Alternativas para mejorar la implementación de la política nacional", keep=True)
    for a in report.alternatives:
        w.para(a)
    for line in report.signatory:
        w.para(line, keep=True)
    w.blocks[-1].keep_with_next = False
    return w.blocks, w.raw


# ---------------------------------------------------------------------------------------------
# Pagination
# ---------------------------------------------------------------------------------------------

_MAX_SPLITS = 2


def _paginate(blocks: list[_Block], budget: float, split: bool
              ) -> tuple[list[list[str]], dict[tuple[str, str], int]]:
    """Greedy pages of at most ``budget`` points; returns pages and each anchor's page."""
    pages: list[list[_Block]] = [[]]
    used = 0.0
    splits = 0

    def close_page() -> None:
        nonlocal used
        moved: list[_Block] = []
        current = pages[-1]
        while len(current) > 1 and current[-1].keep_with_next:
            moved.insert(0, current.pop())
        pages.append(moved)
        used = sum(_cost(b) for b in moved)

    for block in blocks:
        cost = _cost(block)
        if used + cost <= budget or not pages[-1]:
            pages[-1].append(block)
            used += cost
            continue
        cut = block.split_at
        if split and cut and splits < _MAX_SPLITS \
                and used + _lines(block.text[:cut]) * _LEADING + _SPACE_AFTER <= budget:
            head = _Block(block.text[:cut].rstrip(), [a for a in block.anchors if a[2] < cut],
                          None, False, block.footnote)
            tail = _Block(block.text[cut:].lstrip(),
                          [(k, w, off - cut) for k, w, off in block.anchors if off >= cut])
            pages[-1].append(head)
            pages.append([tail])
            used = _cost(tail)
            splits += 1
            continue
        close_page()
        pages[-1].append(block)
        used += cost
    if not pages[-1]:
        pages.pop()

    out: list[list[str]] = []
    where: dict[tuple[str, str], int] = {}
    for number, page in enumerate(pages, start=1):
        texts = [b.text for b in page]
        notes = [b.footnote for b in page if b.footnote]
        texts.extend(dict.fromkeys(notes))
        out.append(texts)
        for b in page:
            for key, what, _ in b.anchors:
                where.setdefault((key, what), number)
    return out, where


def _lines(text: str, chars_per_line: int = _CHARS_PER_LINE) -> int:
    return max(1, -(-len(text) // chars_per_line))


def _cost(block: _Block) -> float:
    """Estimated height in points of a block (and of its footnote) on the page."""
    height = _lines(block.text) * _LEADING + _SPACE_AFTER
    if block.footnote:
        height += _lines(block.footnote, int(_CHARS_PER_LINE * 1.25)) * _LEADING * 0.8 + _LEADING
    return height


def _layout(report: SynthReport, split_paragraphs: bool = True
            ) -> tuple[list[list[str]], dict[tuple[str, str], int], dict[str, dict[str, str]]]:
    """Pages (about ``report.target_pages``), anchor pages and raw figure texts."""
    blocks, raw = _blocks(report)
    result = None
    for budget in range(400, int(_MAX_BUDGET_PT) + 1, 10):
        result = _paginate(blocks, float(budget), split_paragraphs)
        if len(result[0]) <= report.target_pages:
            break
    assert result is not None
    return result[0], result[1], raw


def report_pages(report: SynthReport, split_paragraphs: bool = True) -> list[list[str]]:
    """The report as pages of plain-text paragraphs, phrased exactly as the seed report.

    With ``split_paragraphs`` a value paragraph may run across a page break after "lo que", as
    in the seed (page 4 → 5); the text of both parts is unchanged.
    """
    return _layout(report, split_paragraphs)[0]


def expected_facts(report: SynthReport, split_paragraphs: bool = True) -> list[dict]:
    """What a parser should recover, with the 1-based page of each statement.

    Indicators: ``{"kind": "indicator", "code", "period", "value", "unit", "progress_pct",
    "status", "reason", "page", "progress_page", "raw_value", "raw_progress", "name",
    "objective", "service", "indicator_id"}``; ``page`` is the page of the value figure (of the
    "no data" statement when there is no value). ``code`` is None for a service's unnamed
    quoted indicator, whose ``indicator_id`` is then "{service}-1".
    Partners: ``{"kind": "partner", "country", "role": "oferente", "topics", "projects",
    "region", "period", "page"}`` with region "ALC" or "otras".
    """
    _, where, raw = _layout(report, split_paragraphs)
    facts: list[dict] = []
    for key, objective, service, ind in _indicator_keys(report):
        has_value = ind.value is not None
        page = where.get((key, "value" if has_value else "sentence"))
        facts.append({
            "kind": "indicator",
            "code": ind.code,
            "indicator_id": ind.code or f"{service.code if service else objective.code}-1",
            "name": ind.name,
            "objective": objective.code,
            "service": service.code if service else None,
            "period": report.period,
            "value": ind.value,
            "unit": ind.unit if has_value else None,
            "progress_pct": ind.progress_pct,
            "status": ind.status,
            "reason": ind.reason,
            "page": page,
            "progress_page": where.get((key, "progress")),
            "raw_value": raw.get(key, {}).get("value"),
            "raw_progress": raw.get(key, {}).get("progress"),
        })
    for region, partners in (("alc", report.partners_alc), ("other", report.partners_other)):
        for i, partner in enumerate(partners):
            facts.append({
                "kind": "partner",
                "country": partner.country,
                "role": "oferente",
                "topics": list(partner.topics),
                "projects": partner.projects,
                "region": "ALC" if region == "alc" else "otras",
                "period": report.period,
                "page": where.get((f"p:{region}:{i}", "sentence")),
            })
    return facts
