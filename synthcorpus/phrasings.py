"""Every way the benchmark corpus words a figure, by role: the catalogue the per-style scores use.

Roles: ``value`` (what the indicator reached), ``progress`` (avance against the expected
achievement), ``target`` (logro esperado), ``baseline`` (línea de base), ``nodata`` (no value,
with a reason) and ``part`` (a part of a total behind a percentage). Each role has at least
four narrative phrasings plus table cells (``tabla``…, ``matriz``); ``origin`` says where a
phrasing comes from: the seed report (``semilla``), the family corpus of other policies
(``familia``) or none of them (``propia``).

A phrasing writes text from a :class:`Ctx` whose figures are already formatted (``"3.450"``,
``"dieciocho"``, ``"S/ 12,4 millones"``), so the exact printed figure is known. ``marker`` is
text every sentence of that phrasing contains (``{code}``, ``{name}``, ``{p}`` filled in); the
tests check it in the rendered PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from synthcorpus.plan import Indicator, Result
from synthcorpus.spanish import capitalize

ROLES = ("value", "progress", "target", "baseline", "nodata", "part")
ROLE_LABELS = {
    "value": "valor del indicador",
    "progress": "avance respecto del logro esperado",
    "target": "logro esperado (meta)",
    "baseline": "línea de base",
    "nodata": "sin datos, con motivo",
    "part": "parte de un total",
}


@dataclass
class Ctx:
    """One indicator's figures in one document, each already written as it will be printed."""

    ind: Indicator
    res: Result | None
    period: int
    v: str = ""  # the value ("41,2 %", "3.450", "dieciocho", "S/ 12,4 millones")
    x: str = ""  # the progress ("98,1 %")
    t: str = ""  # the target for ``year``
    year: int = 0
    b: str = ""  # the baseline
    by: int = 0  # its year
    part: str = ""
    total: str = ""
    with_code: bool = True  # False after a "- IOP.01.01: name." list item (seed layout)

    @property
    def code(self) -> str:
        return self.ind.code

    @property
    def tail(self) -> str:
        """Words after a count or an index ("usuarios atendidos", "días"); nothing otherwise."""
        return f" {self.ind.unit}" if self.ind.kind in ("count", "index") and self.ind.unit else ""

    @property
    def v_noun(self) -> str:
        """The value with what it counts: "41,2 % de las municipalidades…", "27.600 usuarios"."""
        if self.ind.kind == "pct" and self.ind.noun:
            return f"{self.v} de {self.ind.noun}"
        return self.v + self.tail

    @property
    def article(self) -> str:
        return self.ind.noun.split(" ", 1)[0] if self.ind.noun else "los"

    @property
    def bare_noun(self) -> str:
        return self.ind.noun.split(" ", 1)[1] if " " in self.ind.noun else self.ind.noun


@dataclass(frozen=True)
class Phrasing:
    """One way of wording one role."""

    role: str
    style: str
    origin: str  # "semilla" | "familia" | "propia"
    marker: str
    write: Callable[[Ctx], str] | None = None  # None: a table cell, written by the layout

    def marker_for(self, ctx: Ctx) -> str:
        return self.marker.format(code=ctx.code, name=ctx.ind.name, p=ctx.period)


def _verdict(c: Ctx) -> str:
    return "superó la meta anual" if c.res and (c.res.progress or 0) >= 100 else \
        "no alcanzó la meta anual"


def _value_before_code(c: Ctx) -> str:
    k = c.ind.kind
    if k == "pct":
        return f"Al cierre de {c.period}, el {c.v} de {c.ind.noun} {c.ind.pred} ({c.code})"
    if k == "count":
        return f"Al cierre de {c.period}, se registraron {c.v}{c.tail} ({c.code})"
    if k == "money":
        return f"Al cierre de {c.period}, el monto ascendió a {c.v} ({c.code})"
    return f"Al cierre de {c.period}, el {c.ind.short} se estimó en {c.v}{c.tail} ({c.code})"


def _value_before_name(c: Ctx) -> str:
    if c.ind.kind == "pct":
        what = f"{c.v} de {c.ind.noun} que {c.ind.pred}"
    elif c.ind.kind == "money":
        what = f"{c.v} ejecutados"
    else:
        what = c.v + c.tail
    return f"Con {what}, el indicador {c.code} {_verdict(c)}"


def _seed_value(c: Ctx) -> str:
    code = f" {c.code}" if c.with_code else ""
    return f"En el año {c.period} el indicador{code} obtuvo un valor de {c.v}{c.tail}"


VALUE = [
    Phrasing("value", "semilla", "semilla", "obtuvo un valor de", _seed_value),
    Phrasing("value", "valor-antes-del-codigo", "familia", "Al cierre de {p},", _value_before_code),
    Phrasing("value", "valor-antes-del-nombre", "familia", ", el indicador {code} ",
             _value_before_name),
    Phrasing("value", "codigo-dos-puntos", "familia", "{code} {name}:",
             lambda c: f"{c.code} {c.ind.name}: {c.v_noun if c.ind.kind != 'pct' else c.v}"),
    Phrasing("value", "se-registro", "propia", "El indicador {code} registró",
             lambda c: f"El indicador {c.code} registró {c.v_noun} en el año {c.period}"),
    Phrasing("value", "resultado-del-anio", "propia", "el resultado del año {p} fue de",
             lambda c: f"Para el indicador {c.code}, el resultado del año {c.period} fue de "
                       f"{c.v}{c.tail}"),
    Phrasing("value", "se-redujo-a", "familia", "({code}) se redujo a",
             lambda c: f"{capitalize(c.ind.short)} ({c.code}) se redujo a {c.v}{c.tail} en "
                       f"{c.period}"),
    Phrasing("value", "tabla", "familia", "Valor obtenido"),
]

PROGRESS = [
    Phrasing("progress", "semilla", "semilla", "representó un avance de",
             lambda c: f", lo que representó un avance de {c.x} respecto del logro esperado "
                       "para dicho período"),
    Phrasing("progress", "de-lo-esperado", "familia", "de lo esperado para el año",
             lambda c: f", es decir, {c.x} de lo esperado para el año"),
    Phrasing("progress", "equivalente-al", "familia", "cifra equivalente al",
             lambda c: f", cifra equivalente al {c.x} del logro esperado"),
    Phrasing("progress", "de-lo-programado", "familia", "de lo programado",
             lambda c: f", {c.x} de lo programado"),
    Phrasing("progress", "cumplimiento-meta-anual", "familia", "de la meta anual",
             lambda c: f", lo que supone un cumplimiento de {c.x} de la meta anual"),
    Phrasing("progress", "avance-entre-parentesis", "familia", "(avance de",
             lambda c: f" (avance de {c.x})"),
    Phrasing("progress", "grado-de-avance", "propia", "El grado de avance respecto de la meta",
             lambda c: f". El grado de avance respecto de la meta fue de {c.x}"),
    Phrasing("progress", "tabla", "familia", "Avance"),
]


def _against_target(c: Ctx) -> str:
    assert c.res is not None and c.res.value is not None
    value, target = c.res.value, c.res.target
    where = "por debajo de" if value < target else "por encima de" if value > target else "igual a"
    return f"El resultado quedó {where} lo esperado ({c.t})."


TARGET = [
    Phrasing("target", "logro-esperado-de", "propia", "El logro esperado para",
             lambda c: f"El logro esperado para {c.year} era de {c.t}."),
    Phrasing("target", "frente-a-lo-esperado", "familia", "lo esperado (", _against_target),
    Phrasing("target", "se-habia-programado", "propia", "se había programado alcanzar",
             lambda c: f"Para {c.year} se había programado alcanzar {c.t}."),
    Phrasing("target", "meta-fijada", "propia", "fue fijada en",
             lambda c: f"La meta del indicador para {c.year} fue fijada en {c.t}."),
    Phrasing("target", "ficha", "propia", "se espera que el indicador {code} alcance",
             lambda c: f"Al {c.year}, se espera que el indicador {c.code} alcance {c.t}."),
    Phrasing("target", "tabla", "familia", "Logro esperado"),
    Phrasing("target", "matriz", "familia", "Logro esperado"),
]

BASELINE = [
    Phrasing("baseline", "linea-de-base-de", "propia", "parte de una línea de base de",
             lambda c: f"El indicador parte de una línea de base de {c.b} ({c.by})."),
    Phrasing("baseline", "linea-base-anio", "propia", "Su línea base, correspondiente al año",
             lambda c: f"Su línea base, correspondiente al año {c.by}, fue de {c.b}."),
    Phrasing("baseline", "anio-base", "propia", "año base del indicador",
             lambda c: f"En {c.by}, año base del indicador, el valor fue de {c.b}."),
    Phrasing("baseline", "valor-de-partida", "propia", "El valor de partida del indicador",
             lambda c: f"El valor de partida del indicador, medido en {c.by}, fue {c.b}."),
    Phrasing("baseline", "tabla", "familia", "Línea base"),
    Phrasing("baseline", "tabla-anio-valor", "familia", "Línea de base"),
    Phrasing("baseline", "matriz", "familia", "Línea de base (año: valor)"),
]


def _seed_nodata(c: Ctx) -> str:
    assert c.res is not None
    if c.with_code:
        return (f"Respecto del indicador {c.code}, a la fecha de elaboración del presente reporte "
                f"no se cuenta con datos disponibles, debido a que {c.res.reason}.")
    return ("A la fecha de elaboración del presente reporte, no se cuenta con datos disponibles "
            f"referidos a {c.ind.short} en el año {c.period}, debido a que {c.res.reason}.")


NODATA = [
    Phrasing("nodata", "semilla", "semilla", "no se cuenta con datos disponibles", _seed_nodata),
    Phrasing("nodata", "no-se-dispone", "familia", "no se dispone de medición para {p}",
             lambda c: f"En cuanto al indicador {c.code}, relativo a {c.ind.short}, no se dispone "
                       f"de medición para {c.period}: {c.res.reason}."),
    Phrasing("nodata", "sin-informacion-nd", "familia", "sin información para {p} (ND)",
             lambda c: f"{c.code} {c.ind.name}: sin información para {c.period} (ND), debido a "
                       f"que {c.res.reason}."),
    Phrasing("nodata", "no-se-reporta", "familia", "no se reporta información",
             lambda c: f"{c.code} {c.ind.name}: no se reporta información, pues {c.res.reason}."),
    Phrasing("nodata", "no-pudo-medirse", "familia", "({code}) no pudo medirse en {p}",
             lambda c: f"{capitalize(c.ind.short)} ({c.code}) no pudo medirse en {c.period} "
                       f"porque {c.res.reason}."),
    Phrasing("nodata", "tabla-si", "familia", "s.i."),
    Phrasing("nodata", "tabla-nd", "propia", "ND"),
]


def _plural(c: Ctx) -> tuple[str, str]:
    """("los", "ellos") or ("las", "ellas") for the counted noun."""
    return ("las", "ellas") if c.article == "las" else ("los", "ellos")


PART = [
    Phrasing("part", "de-los-cuales", "propia", "cuales",
             lambda c: f"Se registraron {c.total} {c.bare_noun}, de {_plural(c)[0]} cuales "
                       f"{c.part} {c.ind.pred}."),
    Phrasing("part", "n-de-m", "semilla", "En términos absolutos,",
             lambda c: f"En términos absolutos, {c.part} de {c.total} {c.bare_noun} "
                       f"{c.ind.pred}."),
    Phrasing("part", "de-un-total-de", "propia", "De un total de",
             lambda c: f"De un total de {c.total} {c.bare_noun}, {c.part} {c.ind.pred}."),
    Phrasing("part", "universo", "propia", "de un universo de",
             lambda c: f"{capitalize(c.part)} {c.bare_noun} {c.ind.pred}, de un universo de "
                       f"{c.total}."),
    Phrasing("part", "siendo-n-de-ellos", "semilla", "siendo",
             lambda c: f"Se identificaron {c.total} {c.bare_noun}, siendo {c.part} de "
                       f"{_plural(c)[1]} {_plural(c)[0]} que {c.ind.pred}."),
]

CATALOGUE: dict[str, list[Phrasing]] = {
    "value": VALUE, "progress": PROGRESS, "target": TARGET, "baseline": BASELINE,
    "nodata": NODATA, "part": PART,
}


def phrasing(role: str, style: str) -> Phrasing:
    """The phrasing of ``role`` called ``style``."""
    for p in CATALOGUE[role]:
        if p.style == style:
            return p
    raise KeyError(f"no phrasing {style!r} for role {role!r}")


def narrative(role: str) -> list[Phrasing]:
    """The phrasings of ``role`` written in sentences (not table cells)."""
    return [p for p in CATALOGUE[role] if p.write is not None]
