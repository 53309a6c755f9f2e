"""Synthetic reports in the seed report's own wording (the "semilla" style only).

The generator builds a :class:`SynthReport` (objectives, services, indicators with values,
progress and "no data" statements, South-South partners), lays it out as pages of plain-text
paragraphs that follow the seed report's exact phrasing
(``corpus/reporte_cumplimiento_pncti_2023.txt``), renders those pages to a PDF (one PDF page per
layout page) or to a ``\\f``-separated text file, and lists the facts a parser should recover,
each with the page it is printed on.

This is a fixture for tests of the seed's format (page numbers, paragraphs split across pages,
footnotes). It is NOT a benchmark of reading: it writes every figure in one phrasing. The
benchmark corpus, with several phrasings per figure role and tables, is :mod:`synthcorpus.corpus`.

Everything is deterministic given the seed passed to :func:`seed_like_report`; the layout and the
rendering are pure functions of the report. Only the standard library, reportlab and pypdf are used.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from synthcorpus.render import CHARS_PER_LINE as _CHARS_PER_LINE
from synthcorpus.render import LEADING as _LEADING
from synthcorpus.render import SPACE_AFTER as _SPACE_AFTER
from synthcorpus.render import render_pdf, render_text
from synthcorpus.seedlike_pools import (
    _ALC_COUNTRIES,
    _ALC_TOPICS,
    _ALTERNATIVES,
    _FILLER,
    _HIGHLIGHTS,
    _IOP_POOL,
    _ND_REASONS,
    _ND_SUBJECTS,
    _OBJECTIVE_TITLES,
    _ODS_FOOTNOTE,
    _OPENERS,
    _OTHER_COUNTRIES,
    _OTHER_TOPICS,
    _POLICIES,
    _PREDICATES,
    _QUOTED_POOL,
    _QUOTED_UNITS,
    _SERVICE_KINDS,
    _SERVICE_TOPICS,
    _SHARE_TITLE,
    _SIGNER_TITLES,
    _SIGNERS_FIRST,
    _SIGNERS_LAST,
    _SUBJECTS,
)
from synthcorpus.spanish import spanish_number

Status = Literal["reportado", "ND", "sin_meta"]

__all__ = [
    "SynthIndicator",
    "SynthObjective",
    "SynthPartner",
    "SynthReport",
    "SynthService",
    "expected_facts",
    "make_corpus",
    "render_pdf",
    "render_text",
    "report_pages",
    "seed_like_report",
    "spanish_number",
]

# ---------------------------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------------------------


@dataclass
class SynthIndicator:
    """One indicator and what the report states about it.

    ``unit`` is ``"%"``, a noun written right after the figure ("entidades") or None.
    ``status`` is "reportado" (value stated), "ND" (no data, ``reason`` says why) or "sin_meta"
    (a new indicator without an expected target; ``value`` may still be stated).
    The fields after ``reason`` only steer the wording.
    """

    code: str | None
    name: str
    value: float | None
    unit: str | None
    progress_pct: float | None
    status: Status
    reason: str | None
    kind: str = "plain"  # "plain" | "alc_share" | "other_share"
    phrase: str = ""  # words printed after the unit (or after "%") in the value sentence
    in_words: bool = False  # write the (small, integer) value in Spanish words
    variant: int = 0  # which sentence template to use
    notes: list[str] = field(default_factory=list)  # explanatory paragraphs after the value
    footnote: str | None = None  # footnote whose mark "¹" follows the indicator's name


@dataclass
class SynthService:
    """A service (SS.xx.xx.xx) of an objective and its indicators (none when it is new)."""

    code: str
    name: str
    indicators: list[SynthIndicator]
    notes: list[str] = field(default_factory=list)


@dataclass
class SynthObjective:
    """A priority objective (``code`` like "OP.01") with its indicators and services."""

    code: str
    title: str
    indicators: list[SynthIndicator]
    services: list[SynthService]
    grouped_nd: bool = False  # one plural "no data" statement covers all its indicators
    notes: list[str] = field(default_factory=list)  # section I paragraphs after the indicators
    service_notes: list[str] = field(default_factory=list)  # section II, after the services
    lineamientos: int = 3


@dataclass
class SynthPartner:
    """A country the Peru offered South-South cooperation to, with the topics of that work."""

    country: str
    topics: list[str]
    projects: int | None


@dataclass
class SynthReport:
    """A whole synthetic compliance report. Fields after ``decimal_comma`` steer the wording."""

    policy_name: str
    period: int
    objectives: list[SynthObjective]
    partners_alc: list[SynthPartner]
    partners_other: list[SynthPartner]
    total_projects: int
    alc_provider_projects: int
    other_provider_projects: int
    decimal_comma: bool
    acronym: str = "PNCTI"
    ministry: str = "Ministerio de Relaciones Exteriores (MRE)"
    problem: str = ""
    decree: str = "Decreto Supremo N° 008-2023-RE"
    approval: str = "18 de abril de 2023"
    activities: int = 38
    highlights: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    signatory: list[str] = field(default_factory=list)
    target_pages: int = 6


# ---------------------------------------------------------------------------------------------
# Counts and figures as the seed writes them
# ---------------------------------------------------------------------------------------------

_ORDINALS = ["primer", "segundo", "tercer", "cuarto", "quinto"]

def _count(n: int, words_up_to: int = 15) -> str:
    """A count as the seed writes it: words for small numbers, digits otherwise."""
    return spanish_number(n) if n <= words_up_to else str(n)


def _count_noun(n: int, noun: str) -> str:
    """"un servicio", "dos servicios", "16 servicios"."""
    return f"un {noun}" if n == 1 else f"{_count(n)} {noun}s"


def _fmt(value: float, comma: bool, decimals: int = 2) -> str:
    """A figure without thousands separators and without trailing zeros ("45.83", "4,17")."""
    text = f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def _join(items: list[str]) -> str:
    """"a", "a y b", "a, b y c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " y " + items[-1]


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


def _progress(rng: random.Random) -> float:
    """A progress percentage: mostly 30–110, sometimes far below or above the target."""
    roll = rng.random()
    if roll < 0.1:
        low, high = 1.0, 30.0
    elif roll < 0.8:
        low, high = 30.0, 110.0
    else:
        low, high = 110.0, 200.0
    value = rng.uniform(low, high)
    return float(round(value)) if rng.random() < 0.5 else round(value, 1)


def _value(rng: random.Random, span: tuple[int, int] | None) -> float:
    """A value in ``span`` (integer), or a percentage with 0–2 decimals when span is None."""
    if span is None:
        return float(round(rng.uniform(8, 96), rng.choice([0, 1, 2, 2])))
    return float(rng.randint(*span))


def _filler_sentence(rng: random.Random, period: int) -> str:
    """One explanatory sentence: a fixed one, or an opener + subject + predicate composition."""
    if rng.random() < 0.25:
        return rng.choice(_FILLER)
    opener = rng.choice(_OPENERS)
    subject = rng.choice(_SUBJECTS)
    if not opener:
        subject = subject[0].upper() + subject[1:]
    when = rng.choice(["", "", f" durante el año {period}", " en el período de seguimiento"])
    return f"{opener}{subject} {rng.choice(_PREDICATES)}{when}."


def _notes(rng: random.Random, low: int, high: int, period: int) -> list[str]:
    """Explanatory paragraphs of one to three filler sentences each."""
    out = []
    for _ in range(rng.randint(low, high)):
        sentences: list[str] = []
        wanted = rng.randint(1, 3)
        while len(sentences) < wanted:
            candidate = _filler_sentence(rng, period)
            if candidate not in sentences:
                sentences.append(candidate)
        out.append(" ".join(sentences))
    return out


def _objective_indicator(rng: random.Random, code: str, period: int,
                         template: tuple[str, str, str, tuple[int, int] | None]) -> SynthIndicator:
    """An objective-level indicator from ``template`` with a random status."""
    name, unit, phrase, span = template
    footnote = _ODS_FOOTNOTE if name.endswith("ODS") else None
    value = _value(rng, span)
    in_words = span is not None and value <= 10 and rng.random() < 0.6
    roll = rng.random()
    if roll < 0.12:
        reason = rng.choice(_ND_REASONS).format(p2=period + 2)
        return SynthIndicator(code, name, None, None, None, "ND", reason, footnote=footnote,
                              variant=rng.randrange(len(_ND_SUBJECTS)))
    if roll < 0.22:
        return SynthIndicator(code, name, value, unit, None, "sin_meta",
                              "por ser nuevo, no contó con logros esperados", phrase=phrase,
                              in_words=in_words, footnote=footnote,
                              notes=_notes(rng, 0, 1, period))
    if roll < 0.27:
        return SynthIndicator(code, name, value, unit, None, "reportado", None, phrase=phrase,
                              in_words=in_words, variant=2, footnote=footnote)
    return SynthIndicator(code, name, value, unit, _progress(rng), "reportado", None, phrase=phrase,
                          in_words=in_words, variant=rng.randrange(2), footnote=footnote,
                          notes=_notes(rng, 0, 1, period))


def _service(rng: random.Random, code: str, period: int, used: set[tuple[str, str]],
             new: bool) -> SynthService:
    """A service with two or three named indicators, a single quoted one, or none when new."""
    while True:
        kind = rng.choice(sorted(_SERVICE_KINDS))
        topic = rng.choice(_SERVICE_TOPICS)
        if (kind, topic) not in used or len(used) >= len(_SERVICE_KINDS) * len(_SERVICE_TOPICS):
            break
    used.add((kind, topic))
    prefix, templates = _SERVICE_KINDS[kind]
    name = prefix.format(t=topic)
    if new:
        return SynthService(code, name, [])
    indicators: list[SynthIndicator] = []
    if rng.random() < 0.4:
        index = rng.randrange(len(_QUOTED_POOL))
        quoted = _QUOTED_POOL[index]
        roll = rng.random()
        if roll < 0.12:
            # No expected target and no value yet: "ND" (a value would make it "sin_meta").
            indicators.append(SynthIndicator(
                None, quoted, None, None, None, "ND",
                "al ser un nuevo servicio, su indicador no contó con logros esperados",
                variant=3, notes=_notes(rng, 0, 1, period)))
        else:
            variant = 0 if roll < 0.55 else 1 if roll < 0.85 else 2
            value = float(rng.randint(6, 900))
            unit = _QUOTED_UNITS[index] if variant == 1 else None
            progress = round(rng.uniform(1, 140), 2) if variant == 1 else _progress(rng)
            indicators.append(SynthIndicator(
                None, quoted, value, unit, progress, "reportado", None, variant=variant,
                notes=_notes(rng, 1 if variant == 2 else 0, 1, period)))
        return SynthService(code, name, indicators, notes=_notes(rng, 0, 1, period))
    count = 3 if len(templates) == 3 and rng.random() < 0.4 else 2
    for j, (ind_name, unit, phrase, span) in enumerate(templates[:count], start=1):
        icode = f"I{code}.{j:02d}"
        value = _value(rng, span)
        in_words = span is not None and value <= 10 and rng.random() < 0.7
        if rng.random() < 0.08:
            reason = rng.choice(_ND_REASONS).format(p2=period + 2)
            indicators.append(SynthIndicator(icode, ind_name.format(t=topic), None, None, None,
                                             "ND", reason))
            continue
        indicators.append(SynthIndicator(
            icode, ind_name.format(t=topic), value, unit, _progress(rng), "reportado", None,
            phrase=phrase.format(t=topic, p=period), in_words=in_words,
            variant=rng.randrange(2)))
    return SynthService(code, name, indicators, notes=_notes(rng, 0, 2, period))


def _partners(rng: random.Random, other: int) -> tuple[list[SynthPartner], list[SynthPartner]]:
    """ALC partners sharing one topic list, and one or two partners in other regions."""
    alc_countries = rng.sample(_ALC_COUNTRIES, rng.randint(3, 11))
    alc_topics = rng.sample(_ALC_TOPICS, rng.randint(3, 6))
    alc = [SynthPartner(c, list(alc_topics), None) for c in alc_countries]
    n_other = 1 if rng.random() < 0.75 else 2
    other_countries = rng.sample(_OTHER_COUNTRIES, n_other)
    other_topics = rng.sample(_OTHER_TOPICS, rng.randint(2, 3))
    others = [SynthPartner(c, list(other_topics), other if n_other == 1 else None)
              for c in other_countries]
    return alc, others


def seed_like_report(period: int = 2023, decimal_comma: bool = False, rng_seed: int = 0,
                     scale: int = 1, inconsistent_share: bool = False,
                     policy: int | None = None) -> SynthReport:
    """A random report of the seed's family, about 6 pages at ``scale=1`` and 10 at ``scale=2``.

    ``inconsistent_share`` states the ALC share one project off the counts given in the text
    (as the seed does: 45.83% stated, 32 of 72 given). ``policy`` picks a policy of the pool by
    index (random when None).
    """
    if scale < 1:
        raise ValueError("scale must be ≥ 1")
    rng = random.Random(rng_seed)
    pol_name, acronym, ministry, problem = _POLICIES[
        rng.randrange(len(_POLICIES)) if policy is None else policy % len(_POLICIES)]
    n_obj = min(rng.randint(3, 5) + 2 * (scale - 1), len(_OBJECTIVE_TITLES) + 1)
    share_at = rng.randrange(n_obj)
    titles = rng.sample(_OBJECTIVE_TITLES, n_obj - 1)
    titles.insert(share_at, _SHARE_TITLE)

    total = rng.randint(40, 120)
    alc = rng.randint(int(total * 0.25), int(total * 0.6))
    other = rng.randint(2, min(8, total - alc - 1))
    partners_alc, partners_other = _partners(rng, other)

    objectives: list[SynthObjective] = []
    used_services: set[tuple[str, str]] = set()
    iop_pool = list(_IOP_POOL)
    rng.shuffle(iop_pool)
    for i, title in enumerate(titles, start=1):
        ocode = f"OP.{i:02d}"
        indicators: list[SynthIndicator] = []
        grouped = False
        if title == _SHARE_TITLE:
            stated = alc + 1 if inconsistent_share else alc
            alc_share = round(stated / total * 100, 2)
            other_share = round(other / total * 100, 2)
            indicators.append(SynthIndicator(
                f"IOP.{i:02d}.01",
                "porcentaje de proyectos oficiales de CSS como oferente técnico en ALC",
                alc_share, "%", _progress(rng), "reportado", None, kind="alc_share"))
            indicators.append(SynthIndicator(
                f"IOP.{i:02d}.02",
                "porcentaje de proyectos oficiales de CSS como oferente técnico en otras regiones",
                other_share, "%", _progress(rng), "reportado", None, kind="other_share"))
        else:
            n_ind = rng.randint(1, 3)
            grouped = n_ind >= 2 and rng.random() < 0.2
            for j in range(1, n_ind + 1):
                template = iop_pool.pop() if iop_pool else rng.choice(_IOP_POOL)
                ind = _objective_indicator(rng, f"IOP.{i:02d}.{j:02d}", period, template)
                if grouped:
                    ind.value = ind.unit = ind.progress_pct = None
                    ind.status, ind.variant, ind.notes, ind.phrase = "ND", 0, [], ""
                indicators.append(ind)
            if grouped:
                reason = _ND_REASONS[0].format(p2=period + 2)
                for ind in indicators:
                    ind.reason = reason
        roll = rng.random()
        services: list[SynthService] = []
        lineamientos = rng.randint(2, 5)
        no_services = 0.15 if scale == 1 else 0.08
        if roll >= no_services:
            new_only = roll < no_services + 0.15
            n_srv = rng.randint(1, 2) if new_only else rng.randint(min(scale, 2), 2 + scale)
            codes = sorted({(rng.randint(1, lineamientos), rng.randint(1, 3))
                            for _ in range(n_srv)})
            for lin, k in codes:
                services.append(_service(rng, f"SS.{i:02d}.{lin:02d}.{k:02d}", period,
                                         used_services, new_only))
        objectives.append(SynthObjective(
            ocode, title, indicators, services, grouped_nd=grouped,
            notes=_notes(rng, 0, 1 + scale // 2, period),
            service_notes=_notes(rng, 0, 1, period), lineamientos=lineamientos))

    signer = f"{rng.choice(_SIGNERS_FIRST)} {' '.join(rng.sample(_SIGNERS_LAST, 2))}"
    approval_year = min(period, rng.choice([2021, 2022, 2023]))
    report = SynthReport(
        policy_name=pol_name, period=period, objectives=objectives,
        partners_alc=partners_alc, partners_other=partners_other, total_projects=total,
        alc_provider_projects=alc, other_provider_projects=other, decimal_comma=decimal_comma,
        acronym=acronym, ministry=ministry, problem=problem,
        decree=f"Decreto Supremo N° {rng.randint(1, 40):03d}-{approval_year}-RE",
        approval=(f"{rng.randint(1, 28)} de {rng.choice(['marzo', 'abril', 'mayo'])} "
                  f"de {approval_year}"),
        activities=rng.randint(20, 60),
        highlights=rng.sample(_HIGHLIGHTS, rng.randint(3, 5)),
        alternatives=rng.sample(_ALTERNATIVES, rng.randint(2, 4)),
        signatory=[signer, *rng.choice(_SIGNER_TITLES), _ministry_name(ministry)],
        target_pages=6 + 4 * (scale - 1),
    )
    _trim(report)
    _pad(report, rng)
    return report


def _ministry_name(ministry: str) -> str:
    return ministry.split(" (")[0]


def _trim(report: SynthReport) -> None:
    """Drop notes, then services, while the text is too long for ``target_pages`` pages."""
    limit = report.target_pages * _TRIM_PT

    def size() -> float:
        return sum(_cost(b) for b in _blocks(report)[0])

    holders = [o.notes for o in report.objectives] + [o.service_notes for o in report.objectives]
    holders += [s.notes for o in report.objectives for s in o.services]
    holders += [i.notes for o in report.objectives for i in o.indicators]
    holders += [i.notes for o in report.objectives for s in o.services for i in s.indicators]
    while size() > limit:
        longest = max(holders, key=len)
        if not longest:
            break
        longest.pop()
    while size() > limit:
        richest = max(report.objectives, key=lambda o: len(o.services))
        if len(richest.services) <= 1:
            break
        richest.services.pop()


def _pad(report: SynthReport, rng: random.Random) -> None:
    """Add explanatory paragraphs until the text fills about ``target_pages`` pages."""
    goal = report.target_pages * _FILL_PT
    holders: list[list[str]] = [o.notes for o in report.objectives]
    holders += [o.service_notes for o in report.objectives]
    holders += [s.notes for o in report.objectives for s in o.services if s.indicators]
    for _ in range(200):
        size = sum(_cost(b) for b in _blocks(report)[0])
        if size >= goal:
            break
        rng.choice(holders).extend(_notes(rng, 1, 1, report.period))


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


# ---------------------------------------------------------------------------------------------
# Corpus
# ---------------------------------------------------------------------------------------------


def make_corpus(out_dir: str | Path, n: int, rng_seed: int = 0, scale: int = 2,
                inconsistent_rate: float = 0.0, write_text: bool = False) -> list[Path]:
    """Write ``n`` synthetic report PDFs to ``out_dir`` and return their paths.

    Periods cycle through 2023–2030, policies, values and number formats vary per document.
    ``inconsistent_rate`` is the share of documents whose ALC share is off by one project.
    With ``write_text`` a ``.txt`` twin is written next to each PDF.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    meta = random.Random(rng_seed)
    paths: list[Path] = []
    for i in range(n):
        doc_seed = meta.randrange(2**31)
        period = 2023 + (i + rng_seed) % 8
        report = seed_like_report(
            period=period, decimal_comma=meta.random() < 0.4, rng_seed=doc_seed, scale=scale,
            inconsistent_share=meta.random() < inconsistent_rate)
        pages = report_pages(report)
        path = out / f"reporte_{report.acronym.lower()}_{period}_{i:04d}.pdf"
        render_pdf(pages, path)
        if write_text:
            render_text(pages, path.with_suffix(".txt"))
        paths.append(path)
    return paths
