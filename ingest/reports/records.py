"""Typed records the report reader produces and the side store and the assistant share.

Every record keeps its :class:`Source`: the page and the exact sentence (or table row) it
was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    """Where a record comes from."""

    page: int
    quote: str
    section: str = ""


@dataclass
class Objective:
    """A priority objective (OP.01)."""

    code: str
    title: str
    source: Source


@dataclass
class Guideline:
    """A lineamiento (L.01.01) of a priority objective."""

    code: str
    title: str
    objective: str
    source: Source


@dataclass
class Service:
    """A service (SS.01.02.01, S.01.01) of a priority objective."""

    code: str
    name: str
    objective: str
    source: Source


@dataclass
class Indicator:
    """An indicator of an objective or a service; ``code`` is None for an uncoded one."""

    indicator_id: str
    code: str | None
    name: str
    level: str  # "objetivo" | "servicio"
    objective: str | None
    service: str | None
    source: Source
    direction: str = "ascendente"  # "ascendente" | "descendente"


@dataclass
class IndicatorValue:
    """The value (and progress) a document states for an indicator and period."""

    indicator_id: str
    period: int | None
    value: float | None
    unit: str | None
    progress_pct: float | None
    status: str  # "reportado" | "sin_meta" | "ND"
    reason: str | None
    source: Source
    progress_page: int | None = None
    progress_quote: str | None = None
    raw_value: str | None = None


@dataclass
class Target:
    """A stated expected achievement (logro esperado, meta) or baseline for a year."""

    indicator_id: str
    kind: str  # "meta" | "linea_base"
    year: int | None
    value: float
    unit: str | None
    source: Source


@dataclass
class Partner:
    """A country named as a cooperation partner, with its role as the document states it.

    ``role``: "oferente" (Peru offered cooperation to it), "receptor" (Peru received
    cooperation from it), "donante" (it donated), "socio" (an agreement or partnership).
    """

    country: str
    region: str
    subregion: str
    role: str
    topics: list[str]
    projects: int | None
    indicator_id: str | None
    period: int | None
    source: Source


# The kind of check of one indicator level's declared count ("declara 11 indicadores de servicios"),
# a part of the whole count's check ("conteo"): counted and noted with it, not again.
LEVEL_COUNT = "conteo-nivel"
# The count one priority objective declares of its own services or indicators; indicator_id holds the objective.
OBJECTIVE_COUNT = "conteo-objetivo"
# How many indicators a report says have data, against those it gives a value for.
DATA_COUNT = "conteo-con-datos"
# The services each objective sorts into kinds (improved, new), added up against the declared total.
SERVICE_KINDS = "tipos-de-servicio"


@dataclass
class Check:
    """A consistency check between figures of the documents."""

    kind: str
    indicator_id: str | None
    stated: float
    computed: float
    formula: str
    consistent: bool
    description: str
    source_a: Source
    source_b: Source


@dataclass
class Unplaced:
    """A figure in an indicator's scope that got no role: the reader says what it missed."""

    indicator_id: str | None
    raw: str
    page: int
    quote: str


@dataclass
class Extraction:
    """Everything the reader found in one document."""

    objectives: list[Objective] = field(default_factory=list)
    guidelines: list[Guideline] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    values: list[IndicatorValue] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Counts for the per-document ingest report."""
        return {
            "indicators": len(self.indicators),
            "values": sum(1 for v in self.values if v.value is not None),
            "targets": len(self.targets),
            "unplaced": len(self.unplaced),
        }
