"""A policy's plan (objectives, services, indicators, baselines and yearly targets) and its results.

The plan is what a policy decree states; :func:`results` gives what a compliance report of one
year states about each indicator. Both are deterministic: a plan depends on its theme and seed,
a year's results on the plan and the year only, so two documents about the same policy and
year agree on every figure whatever their wording.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from synthcorpus.spanish import capitalize
from synthcorpus.themes import NODATA_REASONS, Theme

Kind = Literal["pct", "count", "money", "index"]
FIRST_YEAR, LAST_YEAR = 2021, 2030


@dataclass(frozen=True)
class Template:
    """An indicator shape; ``{actor}``, ``{people}``… are filled with a theme's nouns."""

    name: str  # "Porcentaje de {actor} que cuentan con instrumentos de {topic}"
    kind: Kind
    direction: Literal["ascendente", "descendente"] = "ascendente"
    noun: str = ""  # what is counted, with article: "{actor}" / "{people}" / "las personas"
    pred: str = ""  # what holds for it: "cuentan con instrumentos de {topic}"
    unit: str = ""  # words after a count or index: "personas capacitadas", "días"
    span: tuple[float, float] = (10, 60)  # baseline range
    part_total: str | None = None  # "actor" (the theme's count) or "draw" (a drawn total)
    cap: float | None = None  # highest possible value (95 for a percentage or a 0–100 score)


OBJECTIVE_TEMPLATES = [
    Template("Porcentaje de {actor} que cuentan con instrumentos de gestión en {topic}", "pct",
             noun="{actor}", pred="cuentan con instrumentos de gestión en {topic}",
             span=(15, 45), part_total="actor"),
    Template("Porcentaje de {people} que reciben {service} de manera oportuna", "pct",
             noun="{people}", pred="reciben {service} de manera oportuna", span=(20, 50),
             part_total="draw"),
    Template("Porcentaje de {facility} que cumplen los estándares de calidad", "pct",
             noun="{facility}", pred="cumplen los estándares de calidad", span=(30, 60),
             part_total="draw"),
    Template("Porcentaje de {actor} que reportan información de {topic} de manera oportuna",
             "pct", noun="{actor}", pred="reportan información de {topic} de manera oportuna",
             span=(25, 55), part_total="actor"),
    Template("Porcentaje de {facility} con deficiencias de operación", "pct", "descendente",
             noun="{facility}", pred="presentan deficiencias de operación", span=(30, 55),
             part_total="draw"),
    Template("Porcentaje de {people} que abandonan {service}", "pct", "descendente",
             noun="{people}", pred="abandonan {service}", span=(15, 35)),
    Template("Número de {people} atendidos por {service}", "count", noun="{people}",
             unit="{people_noun} atendidos", span=(1200, 40000)),
    Template("Número de {facility} en funcionamiento", "count", noun="{facility}",
             unit="{facility_noun} en funcionamiento", span=(8, 60)),
    Template("Número de {actor} que recibieron asistencia técnica en {topic}", "count",
             noun="{actor}", unit="{actor_noun}", span=(6, 40)),
    Template("Monto de inversión ejecutada en {topic} (millones de soles)", "money",
             span=(8, 300)),
    Template("Tiempo promedio de atención de solicitudes en materia de {topic} (días)", "index",
             "descendente", unit="días", span=(20, 60)),
    Template("Índice de satisfacción de {people} con {service} (puntos de 0 a 100)", "index",
             unit="puntos", span=(40, 65), cap=95.0),
]

SERVICE_KINDS: list[tuple[str, list[Template]]] = [
    ("Servicio de capacitación en {topic}", [
        Template("Número de personas capacitadas en {topic}", "count", noun="las personas",
                 unit="personas capacitadas", span=(150, 3000)),
        Template("Porcentaje de personas capacitadas que aprueban la evaluación final", "pct",
                 noun="las personas capacitadas", pred="aprueban la evaluación final",
                 span=(40, 70), part_total="draw"),
    ]),
    ("Servicio de asistencia técnica a {actor}", [
        Template("Número de asistencias técnicas brindadas a {actor}", "count",
                 unit="asistencias técnicas", span=(8, 60)),
        Template("Porcentaje de {actor} que implementan las recomendaciones de la asistencia "
                 "técnica", "pct", noun="{actor}",
                 pred="implementan las recomendaciones de la asistencia técnica",
                 span=(10, 40), part_total="actor"),
    ]),
    ("Servicio de difusión sobre {topic}", [
        Template("Número de campañas de difusión sobre {topic}", "count", unit="campañas",
                 span=(4, 30)),
        Template("Número de accesiones al portal de información sobre {topic}", "count",
                 unit="accesiones", span=(2000, 60000)),
    ]),
    ("Servicio de financiamiento a {actor}", [
        Template("Monto de transferencias a {actor} (millones de soles)", "money", span=(2, 90)),
    ]),
    ("Servicio de supervisión de {facility}", [
        Template("Número de supervisiones realizadas a {facility}", "count", unit="supervisiones",
                 span=(12, 90)),
        Template("Tiempo promedio de respuesta a las observaciones de supervisión (días)", "index",
                 "descendente", unit="días", span=(15, 45)),
    ]),
]

LINEAMIENTOS = [
    "Fortalecer la gestión de {topic} en el territorio.",
    "Implementar mecanismos de seguimiento de {service}.",
    "Articular la intervención de {actor}.",
    "Mejorar la infraestructura de {facility}.",
    "Promover la participación de {people}.",
]

OBJECTIVE_TITLES = [
    "Ampliar la cobertura de {service}",
    "Mejorar la calidad de {service}",
    "Fortalecer las capacidades de {actor} en {topic}",
    "Reducir las brechas territoriales en {topic}",
    "Promover la participación de {people}",
    "Mejorar la articulación intergubernamental en {topic}",
    "Optimizar el uso de {facility}",
]


@dataclass
class Indicator:
    """One indicator of a plan: name, shape, baseline and a target for every year."""

    code: str
    name: str  # capitalised formal name
    kind: Kind
    direction: str
    noun: str  # with article ("las municipalidades provinciales"), or ""
    pred: str
    unit: str
    baseline_year: int
    baseline: float
    targets: dict[int, float]
    objective: str
    service: str | None
    part_total: int | None  # the whole a percentage is taken of, when the report may state it
    cap: float | None = None

    @property
    def short(self) -> str:
        """The name in lower case, as inside a sentence ("porcentaje de …")."""
        return self.name[:1].lower() + self.name[1:]


@dataclass
class Plan:
    """A policy as its decree states it."""

    theme: Theme
    decree: str
    approval: str
    objectives: list[tuple[str, str]]  # (OP.01, title)
    lineamientos: dict[str, list[str]]
    services: list[tuple[str, str, str]]  # (code, name, objective code)
    indicators: list[Indicator] = field(default_factory=list)
    scheme: Literal["ISS", "IS"] = "ISS"

    @property
    def name(self) -> str:
        return self.theme.name

    @property
    def acronym(self) -> str:
        return self.theme.acronym


@dataclass
class Result:
    """What a report of ``period`` states about one indicator (None value: no data)."""

    indicator: Indicator
    period: int
    value: float | None
    progress: float | None
    target: float
    part: int | None = None
    reason: str | None = None
    reason_key: str | None = None


def _bare(noun: str) -> str:
    """ "las municipalidades provinciales" → "municipalidades provinciales"."""
    return noun.split(" ", 1)[1]


def _fill(text: str, theme: Theme, articles: bool = True) -> str:
    """Put a theme's nouns in a template; without ``articles`` groups lose theirs (names)."""
    def group(noun: str) -> str:
        return noun if articles else _bare(noun)

    filled = text.format(actor=group(theme.actor), people=group(theme.people),
                         service=theme.service, facility=group(theme.facility), topic=theme.topic,
                         actor_noun=_bare(theme.actor), people_noun=_bare(theme.people),
                         facility_noun=_bare(theme.facility))
    return filled.replace(" a el ", " al ").replace(" de el ", " del ")


def _round(kind: Kind, value: float) -> float:
    if kind == "count":
        return float(max(1, round(value)))
    return round(value, 1)


def _targets(t: Template, baseline: float, rng: random.Random) -> dict[int, float]:
    """A yearly path from the baseline to the 2030 target (down for descending indicators)."""
    if t.direction == "descendente":
        final = baseline * rng.uniform(0.35, 0.7)
    elif t.kind == "pct":
        final = min(95.0, baseline * rng.uniform(1.4, 2.2))
    else:
        final = baseline * rng.uniform(1.6, 3.0)
    if t.cap is not None:
        final = min(final, t.cap)
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    steps = LAST_YEAR - FIRST_YEAR + 1
    return {y: _round(t.kind, baseline + (final - baseline) * (i + 1) / steps)
            for i, y in enumerate(years)}


def _indicator(t: Template, code: str, theme: Theme, objective: str, service: str | None,
               baseline_year: int, rng: random.Random) -> Indicator:
    baseline = _round(t.kind, rng.uniform(*t.span))
    total = None
    if t.part_total == "actor":
        total = theme.actor_total
    elif t.part_total == "draw":
        total = rng.choice([rng.randint(40, 400), rng.randint(1200, 60000)])
    return Indicator(code, capitalize(_fill(t.name, theme, articles=False)), t.kind, t.direction,
                     _fill(t.noun, theme), _fill(t.pred, theme), _fill(t.unit, theme),
                     baseline_year, baseline, _targets(t, baseline, rng), objective, service, total,
                     t.cap)


def make_plan(theme: Theme, rng_seed: int) -> Plan:
    """A policy plan for ``theme``: 3–5 objectives, their indicators, services and their indicators."""
    rng = random.Random(f"plan|{theme.acronym}|{rng_seed}")
    scheme = rng.choice(["ISS", "IS"])
    service_prefix = rng.choice(["SS", "S"])
    year = rng.choice([2019, 2020, 2021])
    decree = f"Decreto Supremo N° {rng.randint(1, 40):03d}-{year}-{theme.decree_suffix}"
    approval = f"{rng.randint(2, 28)} de {rng.choice(['marzo', 'abril', 'junio', 'agosto'])} de {year}"
    baseline_year = rng.choice([2017, 2018, 2019]) if rng.random() < 0.7 else None
    titles = rng.sample(OBJECTIVE_TITLES, rng.randint(3, 5))
    objectives = [(f"OP.{i:02d}", _fill(t, theme)) for i, t in enumerate(titles, start=1)]
    pool = list(OBJECTIVE_TEMPLATES)
    rng.shuffle(pool)
    service_pool = rng.sample(SERVICE_KINDS, len(SERVICE_KINDS))
    plan = Plan(theme, decree, approval, objectives, {}, [], scheme=scheme)
    for i, (ocode, _title) in enumerate(objectives, start=1):
        n_lin = rng.randint(1, 3)
        lines = rng.sample(LINEAMIENTOS, n_lin)
        plan.lineamientos[ocode] = [f"L.{i:02d}.{j:02d} " + capitalize(_fill(line, theme))
                                    for j, line in enumerate(lines, start=1)]
        for j in range(1, rng.randint(1, 3) + 1):
            if not pool:
                pool.extend(rng.sample(OBJECTIVE_TEMPLATES, len(OBJECTIVE_TEMPLATES)))
            t = pool.pop()
            by = baseline_year or rng.choice([2017, 2018, 2019, 2020])
            plan.indicators.append(_indicator(t, f"IOP.{i:02d}.{j:02d}", theme, ocode, None, by, rng))
        kinds = []
        for _ in range(rng.randint(1, 2)):
            if not service_pool:
                service_pool.extend(rng.sample(SERVICE_KINDS, len(SERVICE_KINDS)))
            kinds.append(service_pool.pop())
        for k, (sname, templates) in enumerate(kinds, start=1):
            lin = rng.randint(1, n_lin)
            scode = f"S.{i:02d}.{k:02d}" if scheme == "IS" else \
                f"{service_prefix}.{i:02d}.{lin:02d}.{k:02d}"
            plan.services.append((scode, _fill(sname, theme), ocode))
            chosen = templates if len(templates) == 1 or rng.random() < 0.5 else [rng.choice(templates)]
            for m, t in enumerate(chosen, start=1):
                icode = (f"IS.{i:02d}.{k:02d}.{m:02d}" if scheme == "IS"
                         else f"ISS.{scode.split('.', 1)[1]}.{m:02d}")
                by = baseline_year or rng.choice([2017, 2018, 2019, 2020])
                plan.indicators.append(_indicator(t, icode, theme, ocode, scode, by, rng))
    twice = {n for n, k in Counter(i.name for i in plan.indicators).items() if k > 1}
    for ind in plan.indicators:
        if ind.name in twice:  # "how many …?" would not tell which of them is asked for
            ind.part_total = None
    return plan


def results(plan: Plan, period: int) -> list[Result]:
    """What the report of ``period`` states about each indicator (same for every such report)."""
    out = []
    for ind in plan.indicators:
        rng = random.Random(f"result|{plan.acronym}|{period}|{ind.code}")
        target = ind.targets[period]
        if rng.random() < 0.12:
            reason, key = rng.choice(NODATA_REASONS)
            out.append(Result(ind, period, None, None, target,
                              reason=reason.format(p=period, p1=period + 1), reason_key=key))
            continue
        roll = rng.random()
        low = 10 if ind.direction == "ascendente" else 50  # a descending value may not explode
        progress = rng.uniform(low, 40 + low / 2) if roll < 0.08 else rng.uniform(60, 99) \
            if roll < 0.6 else rng.uniform(100, 130)
        value = target * progress / 100 if ind.direction == "ascendente" else target * 100 / progress
        if ind.kind == "pct" or ind.cap is not None:
            value = min(value, 99.0)
        value = _round(ind.kind, value)
        part = None
        if ind.part_total:
            part = max(1, round(value / 100 * ind.part_total))
            value = round(part / ind.part_total * 100, 1)
        stated = value / target if ind.direction == "ascendente" else target / value
        out.append(Result(ind, period, value, round(stated * 100, 1), target, part=part))
    return out
