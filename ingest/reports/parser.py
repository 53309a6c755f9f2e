"""Read a compliance report or a policy document of the CEPLAN family into records.

The reader walks the sentences in order, keeping a *scope*: the indicator a sentence talks
about. A sentence that names an indicator code (defining it, or after a figure in
parentheses) sets the scope; an ordinal ("el segundo indicador") picks one of the group just
listed; a heading, an objective or a service ends it. Each figure in scope gets a role from
its cue words (:mod:`ingest.reports.figures`); tables are read by their header words
(:mod:`ingest.reports.tables`). A figure in an indicator's scope that gets no role is
recorded as unplaced, so nothing is dropped silently.
"""

from __future__ import annotations

import logging
import math
import re

from ingest.model import Document, Sentence
from ingest.reports import cues, tables
from ingest.reports.checks import part_of_total_check, period_check, sum_of_parts_check
from ingest.reports.codes import Code, find_codes
from ingest.reports.counts import count_checks
from ingest.reports.figures import Figure, assign_roles, figures_in, has_cue, tokens, unit_from_name
from ingest.reports.partners import partners_in
from ingest.reports.records import (
    Extraction,
    Guideline,
    Indicator,
    IndicatorValue,
    Objective,
    Service,
    Source,
    Target,
    Unplaced,
)

log = logging.getLogger(__name__)

_OBJECTIVE_WORDS = re.compile(r"^(?:[-•]\s*)?(?:El\s+)?objetivo prioritario\s+(?:n[°º.]?\s*)?(\d{1,2})\b\s*[.:\-–]?\s*",
                              re.IGNORECASE)
_QUOTED_NAME = re.compile(r"indicador(?:es)?\s+[«\"“]([^»\"”]{8,300})[»\"”]", re.IGNORECASE)
_ORDINAL = re.compile(r"\b(" + "|".join(cues.ORDINALS) + r")\s+indicador\b", re.IGNORECASE)
_HEADING = re.compile(r"^(?:secci[oó]n\s+)?(?:[IVX]{1,4}|\d{1,2})[.)]\s+\S", re.IGNORECASE)
# A definition: the code, then its name, up to a colon that opens a statement ("IS.01.01.01 Número de…: 96").
_DEF_SPLIT = re.compile(r"^\s*:\s*")
# The linked indicator's score must exceed the runner-up's by this factor.
LINK_MARGIN = 1.25


def _src(s: Sentence, section: str | None = None) -> Source:
    return Source(page=s.page, quote=s.text, section=section if section is not None else s.section)


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters or len(text) > 120:
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper > 0.85 or bool(_HEADING.match(text)) and len(text) < 90


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.out = Extraction()
        self.by_id: dict[str, Indicator] = {}
        self.values: dict[tuple[str, int | None], IndicatorValue] = {}
        self.scope: str | None = None
        self.group: list[str] = []
        self.service: str | None = None
        self.objective: str | None = None
        self.columns: list[tables.Column] | None = None
        self.prev_was_def = False
        self.unscoped: list[Sentence] = []
        self.period_source: Source | None = None

    # -- the walk ---------------------------------------------------------------------------
    def run(self) -> Extraction:
        sentences = [s for s in self.doc.sentences if not s.para.footnote]
        for i, s in enumerate(sentences):
            nxt = sentences[i + 1] if i + 1 < len(sentences) else None
            self._sentence(s, nxt)
        self._link_unscoped()
        self.out.values = list(self.values.values())
        count_checks(self.out, sentences)
        return self.out

    def _sentence(self, s: Sentence, nxt: Sentence | None) -> None:
        text = s.text
        cells = tables.split_row(text)
        if cells is not None:
            self._table_row(s, cells)
            return
        self.columns = None
        codes = find_codes(text)
        start = self._definition(s, codes)
        if start is None and _is_heading(text) and not any(c.is_indicator for c in codes):
            self.scope, self.group, self.prev_was_def = None, [], False
            return
        self.prev_was_def = start is not None
        explicit = self._explicit_scope(s, codes)
        # -1: the whole sentence defines the indicator; the figures of its name are not figures.
        start = len(text) if start == -1 else max(start or 0, _after_leading_name(text, codes))
        figures, years = figures_in(text, start)
        assign_roles(text, figures, years, start)
        if self.doc.period is not None:
            self.period_source = period_check(self.out, s, self.doc.period, self.period_source)
        sum_of_parts_check(self.out, s, figures)
        self.out.partners.extend(partners_in(s, nxt, self.scope, self._year_of(None, years)))
        if explicit:
            self._statements(s, figures, years, explicit, cued_only=False)
        elif self.scope is None and self.service and has_cue(text, cues.NO_DATA):
            self._service_without_indicator(s)
        elif self.scope is not None:
            self._statements(s, figures, years, {f: self.scope for f in range(len(figures))} or {-1: self.scope},
                             cued_only=True)
        else:
            self.unscoped.append(s)

    # -- definitions --------------------------------------------------------------------------
    def _definition(self, s: Sentence, codes: list[Code]) -> int | None:
        """Record an objective, guideline, service or indicator the sentence defines.

        Returns where the statement part of the sentence starts (after "CODE Name:"), 0 when the
        whole sentence is a statement, or None when the sentence defines nothing.
        """
        text = s.text
        lead = text.lstrip("-•○ ")
        offset = len(text) - len(lead)
        if m := _OBJECTIVE_WORDS.match(text):
            code = f"OP.{int(m.group(1)):02d}"
            title = text[m.end():].strip(" .")
            if title and not re.match(r"(?:cuenta|es|tiene|se|fue)\b", title, re.IGNORECASE):
                self._objective(code, title, s)
            else:
                self.objective, self.scope, self.group, self.service = code, None, [], None
            return None
        if not codes or codes[0].start > offset + 1:
            return self._trailing_service(s, codes)
        code = codes[0]
        rest = text[code.end:]
        name, statement_at = rest, None
        if _DEF_SPLIT.match(rest):
            name = _DEF_SPLIT.sub("", rest)
        elif ":" in rest:
            name, _, _ = rest.partition(":")
            statement_at = code.end + rest.index(":") + 1
        name = name.strip(" .-–")
        if code.kind == "objetivo":
            title = _OBJECTIVE_WORDS.sub("", name).strip(" .")
            if len(title.split()) >= 2:
                self._objective(code.text, title, s)
            else:
                self.scope, self.group = None, []
            return None
        if code.kind == "lineamiento" and name:
            self.out.guidelines.append(Guideline(code.text, name, code.objective, _src(s)))
            return None
        if code.kind == "servicio":
            self._service(code, name, s)
            return None
        if not name or len(name.split()) < 2:
            return None
        if not self.prev_was_def:
            self.group = []
        self._define(code, name, s)
        return statement_at if statement_at is not None else -1

    def _trailing_service(self, s: Sentence, codes: list[Code]) -> int | None:
        """"1) Servicio de … (S.01.01.01)." — a service named before its code."""
        services = [c for c in codes if c.kind == "servicio"]
        if len(services) == 1 and not any(c.is_indicator for c in codes):
            code = services[0]
            tail = s.text[code.end:].strip(" ).")
            head = s.text[:code.start].rstrip(" (")
            if not tail and len(head.split()) >= 2:
                name = re.sub(r"^\s*\d{1,2}[.)]\s*", "", head).strip(" -")
                self._service(code, name, s)
        return None

    def _objective(self, code: str, title: str, s: Sentence) -> None:
        if not any(o.code == code for o in self.out.objectives):
            self.out.objectives.append(Objective(code, title, _src(s)))
        self.objective = code
        self.scope, self.group, self.service = None, [], None

    def _service(self, code: Code, name: str, s: Sentence) -> None:
        if name and not any(x.code == code.text for x in self.out.services):
            self.out.services.append(Service(code.text, name, code.objective, _src(s)))
        self.service = code.text
        self.scope, self.group = None, []

    def _service_of(self, code: Code) -> str | None:
        if code.kind != "indicador_servicio":
            return None
        digits = ".".join(code.groups[:-1])
        for service in self.out.services:
            if service.code.split(".", 1)[1] == digits:
                return service.code
        prefix = "SS" if code.text.startswith("ISS") else "S"
        return f"{prefix}.{digits}"

    def _define(self, code: Code, name: str, s: Sentence, direction: str | None = None) -> Indicator:
        ind = self.by_id.get(code.text)
        if ind is None:
            ind = Indicator(code.text, code.text, name, "objetivo" if code.kind == "indicador_op" else "servicio",
                            code.objective, self._service_of(code), _src(s))
            self.by_id[ind.indicator_id] = ind
            self.out.indicators.append(ind)
        elif name and ind.source.quote != s.text and len(name) > len(ind.name) and ind.name == "":
            ind.name = name
        if direction:
            ind.direction = direction
        if ind.indicator_id not in self.group:
            self.group.append(ind.indicator_id)
        self.scope = ind.indicator_id
        return ind

    def _mentioned(self, code: Code, s: Sentence) -> Indicator:
        """An indicator named by its code inside a sentence (not defined there)."""
        ind = self.by_id.get(code.text)
        if ind is None:
            ind = Indicator(code.text, code.text, "", "objetivo" if code.kind == "indicador_op" else "servicio",
                            code.objective, self._service_of(code), _src(s))
            self.by_id[ind.indicator_id] = ind
            self.out.indicators.append(ind)
        return ind

    def _explicit_scope(self, s: Sentence, codes: list[Code]) -> dict[int, str]:
        """Figure index → indicator for a sentence that names its indicator (code, quoted name, ordinal)."""
        text = s.text
        indicator_codes = [c for c in codes if c.is_indicator]
        figures, _ = figures_in(text)
        if indicator_codes:
            for code in indicator_codes:
                ind = self._mentioned(code, s)
                if not ind.name:
                    ind.name = _name_from_sentence(text, code)
            if has_cue(text, cues.DESCENDING):
                for code in indicator_codes:
                    self.by_id[code.text].direction = "descendente"
            chosen = {i: _nearest_code(f, indicator_codes) for i, f in enumerate(figures)}
            if not figures:
                chosen = {-1: indicator_codes[0].text}
            if indicator_codes[0].start > 3 or len(indicator_codes) > 1:
                self.scope = indicator_codes[-1].text
            return chosen
        if (m := _QUOTED_NAME.search(text)) and self.service is not None:
            ident = f"{self.service}-1"
            if ident not in self.by_id:
                objective = "OP." + self.service.split(".")[1]
                ind = Indicator(ident, None, m.group(1).strip(), "servicio", objective, self.service, _src(s))
                self.by_id[ident] = ind
                self.out.indicators.append(ind)
            self.group, self.scope = [ident], ident
            return {i: ident for i in range(len(figures))} or {-1: ident}
        if (m := _ORDINAL.search(text)) and self.group:
            index = cues.ORDINALS[m.group(1).lower()]
            if index < len(self.group):
                target = self.group[index]
                self.scope = target
                return {i: target for i in range(len(figures))} or {-1: target}
        return {}

    # -- statements -----------------------------------------------------------------------
    def _statements(self, s: Sentence, figures: list[Figure], years: list[tuple[int, int]],
                    owners: dict[int, str], cued_only: bool) -> None:
        text = s.text
        has_value_figure = False
        # Values first, so that a progress stated before its value in the sentence finds it.
        order = sorted(range(len(figures)), key=lambda i: (figures[i].role != cues.VALUE, figures[i].role is not None))
        for i in order:
            fig = figures[i]
            owner = owners.get(i)
            if owner is None:
                continue
            role = fig.role
            if role is None and not cued_only and not has_value_figure and owner not in self._valued_now(s):
                role = "valor"
            if role == cues.VALUE:
                has_value_figure = True
                self._value(owner, fig, s)
            elif role == cues.PROGRESS:
                self._progress(owner, fig, s)
            elif role in (cues.TARGET, cues.BASELINE):
                self._target(owner, role, fig, s)
            elif role in (cues.TOTAL, cues.PART):
                continue
            else:
                self.out.unplaced.append(Unplaced(owner, fig.raw, s.page_at(fig.start), text))
        recent = [v for v in self.values.values()
                  if v.unit == "%" and v.value is not None and v.source.quote in s.para.text]
        part_of_total_check(self.out, s, figures, recent)
        targets = set(owners.values()) if owners else set()
        if has_cue(text, cues.NO_TARGET):
            for owner in targets:
                self._no_data(owner, s, no_target=True)
        elif has_cue(text, cues.NO_DATA) and not has_value_figure:
            group = [g for g in self.group if g in self.by_id] if has_cue(text, cues.GROUP_WORDS) else []
            for owner in group or targets:
                self._no_data(owner, s)
        elif not targets and self.service and has_cue(text, cues.NO_DATA):
            self._service_without_indicator(s)

    def _valued_now(self, s: Sentence) -> set[str]:
        return {v.indicator_id for v in self.values.values() if v.source.quote == s.text and v.value is not None}

    def _period(self, fig: Figure | None) -> int | None:
        return fig.year if fig is not None and fig.year is not None else self.doc.period

    def _year_of(self, fig: Figure | None, years: list[tuple[int, int]]) -> int | None:
        return self._period(fig) if fig is not None else (years[0][1] if years else self.doc.period)

    def _latest_value(self, indicator_id: str) -> IndicatorValue | None:
        found = [v for (ind, _), v in self.values.items() if ind == indicator_id and v.value is not None]
        return found[-1] if found else None

    def _value(self, owner: str, fig: Figure, s: Sentence) -> None:
        period = self._period(fig)
        key = (owner, period)
        record = self.values.get(key)
        if record is not None and record.value is not None:
            if abs(record.value - fig.value) > 1e-9:
                self.out.unplaced.append(Unplaced(owner, fig.raw, s.page_at(fig.start), s.text))
            return
        no_target = record is not None and record.status == "ND" and has_cue(record.reason or "", cues.NO_TARGET)
        unit = fig.unit if fig.unit not in (None, "previstos") else None
        ind = self.by_id.get(owner)
        if unit is None and ind is not None and ind.code and s.text.lstrip("-•○ ").startswith(ind.code):
            # "IS.02.01.01 Número de cajas isotérmicas entregadas: 230 (…)": the line's own name gives the unit.
            unit = unit_from_name(ind.name)
        value = IndicatorValue(owner, period, fig.value, unit, None, "sin_meta" if no_target else "reportado",
                               record.reason if no_target and record else None, _src(s), raw_value=fig.raw)
        value.source.page = s.page_at(fig.start)
        self.values[key] = value

    def _progress(self, owner: str, fig: Figure, s: Sentence) -> None:
        record = self.values.get((owner, self._period(fig))) or self._latest_value(owner)
        if record is None or record.value is None:
            self.out.unplaced.append(Unplaced(owner, fig.raw, s.page_at(fig.start), s.text))
            return
        if record.progress_pct is None:
            record.progress_pct = fig.value
            record.progress_page = s.page_at(fig.start)
            record.progress_quote = s.text

    def _target(self, owner: str, role: str, fig: Figure, s: Sentence) -> None:
        kind = "meta" if role == cues.TARGET else "linea_base"
        year = fig.year if fig.year is not None else (self.doc.period if kind == "meta" else None)
        unit = "%" if fig.percent else None
        self.out.targets.append(Target(owner, kind, year, fig.value, unit, Source(s.page_at(fig.start), s.text, s.section)))

    def _no_data(self, owner: str, s: Sentence, no_target: bool = False) -> None:
        key = (owner, self.doc.period)
        record = self.values.get(key)
        if record is not None and record.value is not None:
            return
        if record is not None and record.status == "ND" and record.reason and not no_target:
            return
        self.values[key] = IndicatorValue(owner, self.doc.period, None, None, None, "ND", s.text, _src(s))

    def _service_without_indicator(self, s: Sentence) -> None:
        """A no-data statement about a service whose indicator the document does not name."""
        assert self.service is not None
        ident = f"{self.service}-1"
        if ident not in self.by_id:
            ind = Indicator(ident, None, "", "servicio", "OP." + self.service.split(".")[1], self.service, _src(s))
            self.by_id[ident] = ind
            self.out.indicators.append(ind)
        self._no_data(ident, s)

    # -- tables -----------------------------------------------------------------------------
    def _table_row(self, s: Sentence, cells: list[str]) -> None:
        if (columns := tables.header(cells)) is not None:
            self.columns = columns
            self.scope, self.group = None, []
            return
        if self.columns is None:
            return
        code_text, name, direction, figures = tables.read_cells(self.columns, cells)
        codes = find_codes(code_text or "")
        if not codes or not codes[0].is_indicator:
            return
        code = codes[0]
        if not self.prev_was_def:
            self.group = []
        ind = self._define(code, name or "", s, direction)
        if name and not ind.name:
            ind.name = name
        self.prev_was_def = True
        self.scope = None  # what follows a table is not about its last row
        name_unit = unit_from_name(ind.name)
        for cell in figures:
            if cell.role == cues.VALUE:
                period = cell.year or self.doc.period
                if cell.value is None:
                    self.values.setdefault((ind.indicator_id, period), IndicatorValue(
                        ind.indicator_id, period, None, None, None, "ND", None, _src(s)))
                else:
                    unit = "%" if cell.percent else name_unit
                    self.values[(ind.indicator_id, period)] = IndicatorValue(
                        ind.indicator_id, period, cell.value, unit, None, "reportado", None, _src(s),
                        raw_value=cell.raw)
            elif cell.role == cues.PROGRESS and cell.value is not None:
                for (ident, _), record in self.values.items():
                    if ident == ind.indicator_id and record.source.quote == s.text and record.value is not None:
                        record.progress_pct = cell.value
                        record.progress_page = s.page
                        record.progress_quote = s.text
            elif cell.role in (cues.TARGET, cues.BASELINE) and cell.value is not None:
                kind = "meta" if cell.role == cues.TARGET else "linea_base"
                unit = "%" if cell.percent else (name_unit if name_unit != "%" else None)
                self.out.targets.append(Target(ind.indicator_id, kind, cell.year, cell.value, unit, _src(s)))

    # -- sentences outside any scope ----------------------------------------------------------
    def _link_unscoped(self) -> None:
        """Link a sentence outside any scope to an indicator by its words, when it plainly talks
        about one: the reason an indicator has no data, or its value in another period.

        Words are weighted by how rare they are in the document; the best indicator must share at
        least two words with the sentence and clearly beat the runner-up.
        """
        if not self.by_id:
            return
        profiles = {ident: _content(ind.name + " " + ind.source.quote) for ident, ind in self.by_id.items()}
        sentence_words = [_content(s.text) for s in self.doc.sentences]
        total = len(sentence_words) or 1

        def idf(word: str) -> float:
            return math.log((total + 1) / (1 + sum(1 for ws in sentence_words if word in ws)))

        for s in self.unscoped:
            no_data = has_cue(s.text, cues.NO_DATA)
            figures, years = figures_in(s.text)
            assign_roles(s.text, figures, years)
            earlier = [f for f in figures if f.role == cues.VALUE and f.year not in (None, self.doc.period)]
            if not no_data and not earlier:
                continue
            words = _content(s.text)
            scored = sorted(((sum(idf(w) for w in words & profile), len(words & profile), ident)
                             for ident, profile in profiles.items()), reverse=True)
            if not scored or scored[0][1] < 2:
                continue
            if len(scored) > 1 and scored[1][0] * LINK_MARGIN > scored[0][0]:
                continue
            owner = scored[0][2]
            if no_data:
                record = next((v for (ident, _), v in self.values.items() if ident == owner and v.value is None), None)
                if record is not None and not record.reason:
                    record.reason = s.text
            for fig in earlier:
                latest = self._latest_value(owner)
                if latest is not None and (latest.unit == "%") != fig.percent:
                    continue
                self._value(owner, fig, s)


_STOP = {"de", "del", "la", "las", "el", "los", "en", "y", "a", "al", "con", "por", "para", "que", "se", "su",
         "sus", "un", "una", "lo", "es", "o", "e", "u", "como", "mas", "este", "esta", "ano", "indicador"}


def _stem(word: str) -> str:
    return word[:-2] if word.endswith("es") and len(word) > 5 else word.removesuffix("s")


def _content(text: str) -> set[str]:
    return {_stem(w) for w in tokens(text) if w.isalpha() and w not in _STOP and len(w) > 2}


def _overlap(query: set[str], profile: set[str]) -> float:
    """Share of the indicator's words that the sentence uses."""
    if not profile:
        return 0.0
    return len(query & profile) / min(len(profile), 8)


# Words an indicator's name opens with: "Porcentaje de niñas y niños menores de 36 meses… (IOP.02.03)".
_NAME_HEADS = ("porcentaje", "numero", "indice", "tasa", "monto", "cantidad", "proporcion", "promedio", "ratio")


def _after_leading_name(text: str, codes: list[Code]) -> int:
    """Where the statement starts when a sentence opens with an indicator's name and its code in
    parentheses; the figures inside a name ("menores de 36 meses") are not figures of the indicator."""
    first = next((c for c in codes if c.is_indicator), None)
    if first is None or not text[:first.start].rstrip().endswith("("):
        return 0
    head = tokens(text[:first.start])
    return first.end if head and head[0] in _NAME_HEADS else 0


def _nearest_code(fig: Figure, codes: list[Code]) -> str:
    return min(codes, key=lambda c: min(abs(c.start - fig.end), abs(fig.start - c.end))).text


def _name_from_sentence(text: str, code: Code) -> str:
    """A readable name for an indicator a report names only by its code, from the words around it:
    "(IOP.02.02), relativo a la actualización de colecciones"; "27.600 usuarios (IOP.01.02)" →
    "Número de usuarios"; "El índice de lectura (IOP.03.01)" → "El índice de lectura"."""
    after = text[code.end:]
    if m := re.match(r"\)?\s*,\s*(?:relativo|referido|correspondiente)s?\s+a(?:l)?\s+(?:la\s+|el\s+|los\s+|las\s+)?([^,.;:]+)",
                     after, re.IGNORECASE):
        return m.group(1).strip()
    head = text[:code.start].rstrip(" (")
    figures, _ = figures_in(head)
    if figures:
        last = figures[-1]
        phrase = re.sub(r",?\s*(?:el|la)\s+indicador\s*$", "", head[last.end:]).strip(" ,.;:")
        if phrase:
            lead = "Porcentaje" if last.percent else "Número de"
            phrase = re.sub(r"^de\s+", "", phrase) if not last.percent else phrase
            return f"{lead} {phrase}".replace("  ", " ")
    clause = re.split(r"[,;:]", head)[-1]
    clause = re.sub(r"^\s*(?:en cuanto al|respecto al|con relación al|el|la)?\s*indicador\s*", "", clause,
                    flags=re.IGNORECASE)
    return " ".join(clause.split()[-12:]).strip(" ,.:;")


def extract(doc: Document) -> Extraction:
    """Read objectives, guidelines, services, indicators, values, targets, partners and checks."""
    return _Reader(doc).run()

