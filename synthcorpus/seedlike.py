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
from pathlib import Path

from synthcorpus.render import render_pdf, render_text
from synthcorpus.seedlike_layout import (
    _FILL_PT,
    _TRIM_PT,
    _blocks,
    _cost,
    expected_facts,
    report_pages,
)
from synthcorpus.seedlike_model import (
    SynthIndicator,
    SynthObjective,
    SynthPartner,
    SynthReport,
    SynthService,
)
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
