"""Indicator extraction for the PNCTI compliance-report family.

A parser over the document's sentences, in reading order. It recognises objectives
(OP.xx), services (SS.xx.xx.xx), indicator definitions (IOP.xx.xx, ISS.xx.xx.xx.xx, or an
unnamed "indicador «…»" of a service), the values the report states for them ("un valor de
45.83%", "4,17%", "un valor de dos espacios", "142 servidores/as"), the progress against the
expected target ("avance de 94% respecto del logro esperado"), "no data" statements with the
report's reason, partner countries with their topics, and consistency checks where a share
and its parts are both stated. Every record keeps its page and exact source sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.countries import find_countries, region_of
from ingest.model import Document, Sentence
from ingest.numbers import find_numbers, parse_number

NUM = r"(\d+(?:[.,]\d+)?|[a-záéíóúñ]+(?: y [a-záéíóúñ]+)?)"

_OBJECTIVE_DEF = re.compile(r"^(?:-\s*)?(?:OP\.\d{2}\.?\s+)?Objetivo Prioritario\s+(\d{2})\s*[.:]\s+(.+?)\.?$")
_SERVICE_DEF = re.compile(r"^-?\s*(SS\.\d{2}\.\d{2}\.\d{2})\s*:\s*(.+?)\.?$")
_INDICATOR_DEF = re.compile(r"^-?\s*(I(?:OP|SS)\.\d{2}(?:\.\d{2}){1,3})\s*:\s*(.+?)\.?$")
_QUOTED_INDICATOR = re.compile(r"medido a través del indicador\s+[\"“](.+?)[\"”]")
_VALUE = re.compile(
    r"(?:valor(?: obtenido)? de|se muestra que|alcanzó un valor de)\s+" + NUM + r"(\s?%)?",
    re.IGNORECASE,
)
_PROGRESS = re.compile(
    r"avance(?: de| respecto del logro esperado es)\s+(\d+(?:[.,]\d+)?)\s?%", re.IGNORECASE
)
_ORDINAL = re.compile(r"\b(primer|segundo|tercer|cuarto|quinto)\s+indicador\b", re.IGNORECASE)
_ORDINALS = {"primer": 0, "segundo": 1, "tercer": 2, "cuarto": 3, "quinto": 4}
_NO_DATA = re.compile(r"no se cuenta con datos disponibles|no se dispone de datos|sin datos disponibles", re.IGNORECASE)
_NO_TARGET = re.compile(r"no contó con logros esperados|considerándose no disponible|\(ND\)", re.IGNORECASE)
_YEAR_IN = re.compile(r"\baño\s+(20\d{2})\b")
_UNIT_STOP = {"en", "para", "el", "la", "los", "las", "lo", "de", "del", "que", "y", "a", "por", "con", "al"}
_PART_OF_TOTAL = [
    re.compile(r"participó en (\d+) proyectos.*?oferente en (\d+|[a-záéíóú]+)\b", re.IGNORECASE),
    re.compile(r"De los (\d+) proyectos.*?oferente en (\d+|[a-záéíóú]+) proyectos", re.IGNORECASE),
]
_SUM_OF_PARTS = re.compile(
    r"(\d+) indicadores \((\w+) a nivel de objetivos y (\w+) correspondientes a servicios\)", re.IGNORECASE
)
_TOPICS = re.compile(r"temas? de\s+(.+?)(?:,? entre otros)?\.?$", re.IGNORECASE)
_PROVIDER_CUES = re.compile(r"oferente|ofrecid[oa]s? por el Perú|ofreció", re.IGNORECASE)
_RECEIVER_CUES = re.compile(r"receptor|recibió|recibidos? por el Perú", re.IGNORECASE)


@dataclass
class Source:
    """Where a record comes from."""

    page: int
    quote: str
    section: str = ""


@dataclass
class Objective:
    code: str
    title: str
    source: Source


@dataclass
class Service:
    code: str
    name: str
    objective: str
    source: Source


@dataclass
class Indicator:
    indicator_id: str
    code: str | None
    name: str
    level: str  # "objetivo" | "servicio"
    objective: str | None
    service: str | None
    source: Source


@dataclass
class IndicatorValue:
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
class Partner:
    country: str
    region: str
    subregion: str
    role: str
    topics: list[str]
    projects: int | None
    indicator_id: str | None
    period: int | None
    source: Source


@dataclass
class Check:
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
class Extraction:
    """Everything the parser found in one document."""

    objectives: list[Objective] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    values: list[IndicatorValue] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)


def _src(s: Sentence) -> Source:
    return Source(page=s.page, quote=s.text, section=s.section)


def _objective_of(code: str) -> str:
    return "OP." + re.findall(r"\d{2}", code)[0]


def _unit_after(text: str) -> str | None:
    words = text.strip().split()
    if not words:
        return None
    word = words[0].strip(",.;:")
    if not word or word.lower() in _UNIT_STOP or not re.match(r"^[a-záéíóúñ/]+$", word, re.IGNORECASE):
        return None
    return word


class _Parser:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.out = Extraction()
        self.group: list[str] = []
        self.current: str | None = None
        self.last_valued: IndicatorValue | None = None
        self.service: str | None = None
        self.prev_was_def = False
        self.by_id: dict[str, Indicator] = {}
        self.values: dict[str, IndicatorValue] = {}
        self.period_source: Source | None = None  # the sentence that states the report's own period

    def run(self) -> Extraction:
        sentences = [s for s in self.doc.sentences if not s.para.footnote]
        for i, s in enumerate(sentences):
            self._sentence(s, sentences[i + 1] if i + 1 < len(sentences) else None)
        self.out.values = list(self.values.values())
        return self.out

    # -- definitions -------------------------------------------------------------------
    def _sentence(self, s: Sentence, nxt: Sentence | None) -> None:
        text = s.text
        is_def = False
        if m := _OBJECTIVE_DEF.match(text):
            code = f"OP.{m.group(1)}"
            if not any(o.code == code for o in self.out.objectives):
                self.out.objectives.append(Objective(code, m.group(2).strip(), _src(s)))
        elif m := _SERVICE_DEF.match(text):
            self.service = m.group(1)
            self.out.services.append(Service(m.group(1), m.group(2).strip(), _objective_of(m.group(1)), _src(s)))
            self.group, self.current = [], None
        elif m := _INDICATOR_DEF.match(text):
            code = m.group(1)
            if not self.prev_was_def:
                self.group = []
            service = None
            if code.startswith("ISS"):
                service = "SS." + ".".join(re.findall(r"\d{2}", code)[:3])
            self._define(Indicator(code, code, m.group(2).strip(), "objetivo" if code.startswith("IOP") else "servicio",
                                   _objective_of(code), service, _src(s)))
            is_def = True
        if (m := _QUOTED_INDICATOR.search(text)) and self.service and not is_def:
            ident = f"{self.service}-1"
            self.group = []
            self._define(Indicator(ident, None, m.group(1).strip(), "servicio", _objective_of(self.service),
                                   self.service, _src(s)))
        self.prev_was_def = is_def
        self._statements(s, nxt)

    def _define(self, ind: Indicator) -> None:
        if ind.indicator_id not in self.by_id:
            self.by_id[ind.indicator_id] = ind
            self.out.indicators.append(ind)
        self.group.append(ind.indicator_id)
        self.current = ind.indicator_id

    # -- values, progress, no data --------------------------------------------------------
    def _target(self, text: str) -> str | None:
        if (m := _ORDINAL.search(text)) and self.group:
            index = _ORDINALS[m.group(1).lower()]
            if index < len(self.group):
                return self.group[index]
        return self.current

    def _period(self, text: str) -> int | None:
        m = _YEAR_IN.search(text)
        return int(m.group(1)) if m else self.doc.period

    def _statements(self, s: Sentence, nxt: Sentence | None) -> None:
        text = s.text
        value_m = _VALUE.search(text)
        value = parse_number(value_m.group(1)) if value_m else None
        progress_m = _PROGRESS.search(text)
        target = self._target(text)
        if value is not None and target:
            assert value_m is not None
            percent = bool(value_m.group(2))
            unit = "%" if percent else _unit_after(text[value_m.end():])
            record = self.values.get(target)
            no_target = record is not None and record.status == "ND" and bool(_NO_TARGET.search(record.reason or ""))
            record = IndicatorValue(
                target, self._period(text), value, unit, None,
                "sin_meta" if no_target else "reportado",
                record.reason if no_target and record else None, _src(s),
                raw_value=value_m.group(0),
            )
            record.source.page = s.page_at(value_m.start(1))
            self.values[target] = record
            self.last_valued = record
            self._check_parts(s, nxt, record)
        if progress_m and self.last_valued is not None and (value is not None or target == self.last_valued.indicator_id):
            self.last_valued.progress_pct = parse_number(progress_m.group(1))
            self.last_valued.progress_page = s.page_at(progress_m.start(1))
            self.last_valued.progress_quote = text
        if _NO_TARGET.search(text) and target and value is None:
            # No expected target: "ND" until a value is stated, then "sin_meta" (value, no progress).
            self.values.setdefault(target, IndicatorValue(
                target, self.doc.period, None, None, None, "ND", text, _src(s)))
        if _NO_DATA.search(text) and value is None:
            plural = re.search(r"\blos indicadores\b", text, re.IGNORECASE)
            targets = list(self.group) if plural else ([target] if target else [])
            for ind in targets:
                if ind not in self.values or self.values[ind].value is None:
                    self.values[ind] = IndicatorValue(ind, self.doc.period, None, None, None, "ND", text, _src(s))
        self._partners(s, nxt)
        self._sum_check(s)
        self._period_check(s)

    # -- partners -------------------------------------------------------------------------
    def _partners(self, s: Sentence, nxt: Sentence | None) -> None:
        countries = [(c, o) for c, o in find_countries(s.text) if c != "Perú"]
        if not countries:
            return
        text = s.text
        role = "oferente" if _PROVIDER_CUES.search(text) else "receptor" if _RECEIVER_CUES.search(text) else "socio"
        topics_m = _TOPICS.search(text) or (_TOPICS.search(nxt.text) if nxt else None)
        topics = _split_topics(topics_m.group(1)) if topics_m else []
        projects = None
        if len(countries) == 1 and (m := re.search(r"en (\w+) proyectos", text)):
            n = parse_number(m.group(1))
            projects = int(n) if n is not None else None
        for country, _ in countries:
            region, subregion = region_of(country)
            self.out.partners.append(Partner(country, region, subregion, role, topics, projects, self.current,
                                             self._period(text), _src(s)))

    # -- consistency checks ---------------------------------------------------------------
    def _check_parts(self, s: Sentence, nxt: Sentence | None, record: IndicatorValue) -> None:
        if record.unit != "%" or record.value is None:
            return
        for candidate in (s, nxt):
            if candidate is None:
                continue
            for pattern in _PART_OF_TOTAL:
                if m := pattern.search(candidate.text):
                    total, part = parse_number(m.group(1)), parse_number(m.group(2))
                    if not total or part is None:
                        continue
                    computed = round(part / total * 100, 2)
                    consistent = abs(computed - record.value) < 0.01
                    self.out.checks.append(Check(
                        "proporcion", record.indicator_id, record.value, computed,
                        f"{_fmt(part)} / {_fmt(total)}",
                        consistent,
                        f"El valor reportado ({_fmt(record.value)}%) "
                        + ("coincide con" if consistent else "no coincide con")
                        + f" la proporción calculada de las cifras del texto ({_fmt(part)} de {_fmt(total)} = {_fmt(computed)}%)",
                        record.source, _src(candidate)))
                    return

    def _period_check(self, s: Sentence) -> None:
        """Record a measurement period whose year is not the report's ("…de abril a diciembre de 2024"
        in the 2023 report), beside the sentence that states the report's own period."""
        m = _MONTH_RANGE.search(s.text)
        if not m or self.doc.period is None:
            return
        year = int(m.group(3))
        if year == self.doc.period:
            self.period_source = self.period_source or _src(s)
            return
        if not _ABOUT_MEASUREMENT.search(s.text):
            return
        stated = f"de {m.group(1)} a {m.group(2)} de {year}"
        self.out.checks.append(Check(
            "periodo", None, float(year), float(self.doc.period), "período que cubre el reporte", False,
            f"El reporte de {self.doc.period} indica un período de medición {stated}, "
            f"pero el período que reporta es {self.doc.period}",
            _src(s), self.period_source or _src(s)))

    def _sum_check(self, s: Sentence) -> None:
        if m := _SUM_OF_PARTS.search(s.text):
            total, a, b = (parse_number(g) for g in m.groups())
            if None in (total, a, b):
                return
            assert total is not None and a is not None and b is not None
            self.out.checks.append(Check(
                "suma", None, total, a + b, f"{_fmt(a)} + {_fmt(b)}", abs(total - (a + b)) < 1e-9,
                f"Total de indicadores declarado ({_fmt(total)}) frente a la suma de sus partes ({_fmt(a + b)})",
                _src(s), _src(s)))


_MONTHS = r"enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?tiembre|octubre|noviembre|diciembre"
_MONTH_RANGE = re.compile(rf"\bde ({_MONTHS}) a ({_MONTHS}) de (20\d{{2}})\b", re.IGNORECASE)
_ABOUT_MEASUREMENT = re.compile(r"medici[oó]n|seguimiento|reporte|per[ií]odo", re.IGNORECASE)


def _fmt(value: float) -> str:
    from ingest.numbers import format_number

    return format_number(value)


def _split_topics(text: str) -> list[str]:
    parts = re.split(r",\s*(?:así como\s+)?|\s+así como\s+", text)
    return [p.strip(" .") for p in parts if p.strip(" .")]


def extract(doc: Document) -> Extraction:
    """Parse objectives, services, indicators, values, partners and checks from ``doc``."""
    return _Parser(doc).run()


def numbers_in(text: str) -> list[float]:
    """All figures in a text (codes excluded), as floats."""
    return [n.value for n in find_numbers(text)]
