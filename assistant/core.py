"""`Assistant.ask(question, history) -> Answer`: route, look up, retrieve, compose, verify."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import replace
from typing import Any

from assistant.analysis import (
    Analysis,
    analyse,
    asks_for_amount,
    asks_for_target,
    asks_if_met,
    counted_noun,
    match_indicator,
    refers_to_both,
    regions_named_in,
    states_target,
    weighted_stems,
)
from assistant.answer import Answer, Citation, Figure
from assistant.catalog import catalog_from_snapshot
from assistant.compose import Templates
from assistant.followup import merge_turns
from assistant.indicators import (
    indicator_keys,
    indicators_draft,
    several_indicators_draft,
    uncoded_alias,
    with_data_in,
)
from assistant.knowledge import KnowledgeBase, SentenceRec, Snapshot
from assistant.overview import overview_answer, overview_mode
from assistant.passages import (
    MAX_ITEMS,
    asks_for_list_in,
    display,
    explanation_after,
    is_list_question,
    is_period_question,
    is_summary_question,
    list_items,
    rarest_stem,
    summary_sentences,
)
from assistant.question import INDICATOR_INTENTS, STRONG_LINK, Question, parse
from assistant.retrieval import (
    ScoredSentence,
    hybrid_search,
    is_year,
    nearest_topics,
    select_sentences,
    states_a_figure,
)
from assistant.structured import (
    Draft,
    NotInCorpus,
    StructuredComposer,
    in_latest_report,
)
from assistant.targets import asks_for_baseline, targets_draft
from assistant.text import content_stems, without_glossary_words
from assistant.verify import verify_answer
from ingest.numbers import find_numbers, strip_accents

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
INDICATOR_MATCH_MIN = 0.5
NAMED_INDICATOR_MIN = 0.65
# Indicators whose names match a description within this score of the best are all answered.
AMBIGUOUS_MARGIN = 0.05


class BadQuestion(ValueError):
    """The question cannot be processed; the message is the Spanish text for the user."""


def clean_question(question: object) -> str:
    """Validate and tidy a question; raises :class:`BadQuestion` with a Spanish message."""
    if not isinstance(question, str):
        raise BadQuestion("La pregunta debe ser un texto.")
    text = unicodedata.normalize("NFC", question)
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise BadQuestion("La pregunta está vacía: escriba qué desea saber sobre la PNCTI.")
    if len(text) > MAX_QUESTION_CHARS:
        raise BadQuestion(f"La pregunta es demasiado larga ({len(text)} caracteres; máximo {MAX_QUESTION_CHARS}).")
    if not re.search(r"[A-Za-zÁÉÍÓÚáéíóúÑñ]{2}", text):
        raise BadQuestion("No reconozco una pregunta en ese texto: escríbala con palabras, por ejemplo «¿Qué valor tuvo el IOP.03.01?».")
    return text


def scope_policies(snap: Snapshot, q: Analysis) -> Analysis:
    """The policies a question names, by acronym or by name, among those ingested.

    An acronym that is not an ingested policy ("PBI") is not a policy; a policy's name counts when
    the question uses every distinctive word of it ("…de la Política Nacional de Pesca Artesanal").
    """
    known = {d["policy"]: d.get("policy_name") or "" for d in snap.documents.values() if d["policy"]}
    policies = [p for p in q.policies if p in known]
    words = {_stem(w) for w in re.findall(r"[a-z]+", strip_accents(q.text))}
    for acronym, name in known.items():
        distinctive = re.sub(r"^pol[ií]tica nacional (?:de |del |para (?:la |el )?)|\s+al 20\d{2}$", "",
                             strip_accents(name))
        needed = {_stem(w) for w in re.findall(r"[a-z]+", distinctive) if len(w) > 3}
        if needed and needed <= words and acronym not in policies:
            policies.append(acronym)
    return replace(q, policies=policies) if policies != q.policies else q


def with_parsed_places(snap: Snapshot, q: Analysis, parsed: Question | None) -> Analysis:
    """Add what the question parser reads and the word rules miss: a policy acronym typed in lower
    case, and, for a partners question, regions named by adjectives ("sudamericanos", "asiáticos"),
    groups ("países andinos") and exclusions ("fuera de América Latina")."""
    if parsed is None:
        return q
    known = {strip_accents(p): p for p in snap.policies if p}
    policies = list(q.policies) + [known[strip_accents(p)] for p in parsed.policies
                                   if strip_accents(p) in known and known[strip_accents(p)] not in q.policies]
    q = replace(q, policies=policies, role=parsed.role)
    partners_asked = "partners" in q.intents or parsed.top_intent == "partners"
    if not partners_asked or q.regions or q.other_regions or q.countries or not parsed.regions:
        return q
    names = {strip_accents(n): (kind, n) for p in snap.partners for kind, n in (("region", p["region"]),
                                                                                ("subregion", p["subregion"]))}
    regions, countries, other = [], [], False
    for region in parsed.regions:
        if region.kind == "group":
            # "países andinos": a filter over the partners, not countries the question names.
            partners = {p["country"] for p in snap.partners}
            members = [c for c in region.countries if c in partners]
            if members:
                countries += members
            else:
                regions.append(("group", region.name))  # no partner in the group: the answer says so
            continue
        kind, name = names.get(strip_accents(region.name), (region.kind, region.name))
        if region.exclude:
            other = other or name == "América Latina y el Caribe"
        else:
            regions.append((kind, name))
    return replace(q, intents=q.intents | {"partners"}, regions=regions, countries=countries or q.countries,
                   other_regions=other)


def naming_stems(snap: Snapshot, q: Analysis, names_only: bool = False) -> dict[str, float]:
    """The question's stems for matching an indicator's name, without the policy acronyms (a
    policy scopes the question, it names no indicator). With ``names_only``, only stems some
    indicator's name uses: for a question known to ask about one indicator's target, where
    "logro esperado" says what is asked, not which indicator.
    """
    acronyms = {strip_accents(p) for p in snap.policies if p}
    stems = {snap.kin(s) or s: 1.0 for s in q.stems if s not in acronyms}
    if not names_only:
        return stems
    vocabulary = {s for names in snap.indicator_stems.values() for s in names}
    return {s: w for s, w in stems.items() if s in vocabulary} or stems


def _stem(word: str) -> str:
    return word.removesuffix("s")


class Assistant:
    """Answers questions about the ingested corpus; exact figures come from the side store."""

    def __init__(self, kb: KnowledgeBase, templates: Templates, dense_weight: float = 0.3,
                 min_evidence: float = 0.35, llm: Any | None = None) -> None:
        self.kb = kb
        self.templates = templates
        self.dense_weight = dense_weight
        self.min_evidence = min_evidence
        self.llm = llm
        self.structured = StructuredComposer(templates)
        self._catalogs: dict[Any, Any] = {}

    # -- public ---------------------------------------------------------------------------
    def ask(self, question: str, history: list[dict[str, str]] | None = None) -> Answer:
        """Answer ``question`` given the chat ``history`` ([{"role","content"}])."""
        started = time.perf_counter()
        try:
            text = clean_question(question)
        except BadQuestion as exc:
            return Answer(text=str(exc), refused=True, route="invalida",
                          latency_ms=(time.perf_counter() - started) * 1000)
        snap = self.kb.snapshot()
        current = scope_policies(snap, analyse(text))
        parsed = self._parse(snap, text, history or [])
        current = with_parsed_places(snap, replace(current, linked=self._linked(snap, parsed)), parsed)
        previous = self._previous(history or [], text)
        answer = self._route(snap, current, previous)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def _parse(self, snap: Snapshot, text: str, history: list[dict[str, str]]) -> Question | None:
        """The question parser's reading of ``text`` against this snapshot's catalog (None if it fails)."""
        catalog = self._catalogs.get(snap.path)
        if catalog is None:
            catalog = self._catalogs[snap.path] = catalog_from_snapshot(snap)
        try:
            return parse(text, catalog, [m for m in history if isinstance(m, dict)])
        except Exception:  # the parser only refines the reading: never fail a question on it
            log.exception("El análisis de la pregunta falló; se usa la coincidencia por palabras.")
            return None

    def _linked(self, snap: Snapshot, parsed: Question | None) -> list[str]:
        """Indicators the question names by description, as the question parser links them."""
        if parsed is None:
            return []
        if (not parsed.indicators or parsed.indicators[0].score < STRONG_LINK or parsed.indicators[0].by == "history"
                or parsed.top_intent not in INDICATOR_INTENTS or parsed.objectives and parsed.objectives[0].by != "name"):
            return []  # a link is an indicator only when the question asks about one indicator
        keys = []
        for cand in parsed.best("indicator"):
            keys += [k for k in snap.find(snap.indicators, cand.code, [cand.policy]) if k not in keys]
        if parsed.asks_share:
            # "¿Qué porcentaje…?" is never answered with a count indicator.
            keys = [k for k in keys if any(v["unit"] == "%" for v in snap.values.get(k, []))]
        return keys

    def warm_up(self) -> None:
        """Load the snapshot and run one retrieval so the first real question is fast."""
        snap = self.kb.snapshot()
        self._parse(snap, "valor del indicador", [])
        # The first few encoder calls are slow (thread pools, allocator); pay that here.
        for query in ("objetivos prioritarios de la política", "valor del indicador IOP", "países socios"):
            hybrid_search(snap, query, k=3, dense_weight=self.dense_weight)

    def stream(self, question: str, history: list[dict[str, str]] | None = None) -> Any:
        """Yield the answer text growing word by word, then the final Answer."""
        answer = self.ask(question, history)
        parts = re.split(r"(\s+)", answer.text)
        shown = ""
        for i in range(0, len(parts), 6):
            shown += "".join(parts[i:i + 6])
            yield shown
        yield answer

    # -- follow-ups -----------------------------------------------------------------------
    def _previous(self, history: list[dict[str, str]], question: str = "") -> Analysis | None:
        users = [m.get("content", "") for m in history if isinstance(m, dict) and m.get("role") == "user"]
        users = [u for u in users if isinstance(u, str) and u.strip()]
        if not users:
            return None
        try:
            prev = analyse(clean_question(users[-1][:MAX_QUESTION_CHARS]))
        except BadQuestion:
            return None
        if prev.follow_up and len(users) > 1:
            older = analyse(clean_question(users[-2][:MAX_QUESTION_CHARS]))
            merged = merge_turns(prev, older)
            if refers_to_both(question):
                # "¿Y la diferencia entre ambos?": the codes of both earlier turns.
                merged = replace(merged, codes=list(dict.fromkeys(older.codes + prev.codes)))
            prev = merged
        return prev

    # -- routing ----------------------------------------------------------------------------
    def _route(self, snap: Snapshot, q: Analysis, prev: Analysis | None) -> Answer:
        try:
            return self._dispatch(snap, q, prev)
        except NotInCorpus as exc:
            return self._refusal(snap, q, exc.reason, topics=exc.topics)

    def _dispatch(self, snap: Snapshot, q: Analysis, prev: Analysis | None) -> Answer:
        if q.follow_up and prev is not None:
            asks_partners = "partners" in q.intents and not (q.codes or q.countries or q.regions or q.other_regions)
            q = merge_turns(q, prev)
            if asks_partners and q.codes:
                q = self._partners_of_indicator(snap, q)
        q, alias_note = uncoded_alias(snap, q)
        refusal = self._entity_check(snap, q)
        if refusal is not None:
            return refusal
        target_answer = self._targets(snap, q)
        if target_answer is not None:
            return target_answer
        indicator_codes = [c for c in q.codes if c.startswith(("IOP", "ISS", "IS.")) or re.match(r"S{1,2}\.\d{2}(?:\.\d{2}){1,2}-\d", c)]
        service_codes = [c for c in q.codes if re.fullmatch(r"S{1,2}\.\d{2}\.\d{2}(?:\.\d{2})?", c)]
        if len(indicator_codes) > 1 and "why" not in q.intents:
            return self._finish(snap, several_indicators_draft(self.structured, snap, indicator_codes, q))
        keys = indicator_keys(snap, indicator_codes[0], q) if indicator_codes else []
        if keys and ("why" not in q.intents or self._no_data(snap, keys, q)):
            if "definition" in q.intents and not ({"value", "progress"} & q.intents):
                return self._finish(snap, self.structured.definition(snap, keys[0]))
            return self._finish(snap, indicators_draft(self.structured, snap, keys, q, header=alias_note))
        if service_codes and "why" not in q.intents:
            measured = [k for k, ind in sorted(snap.indicators.items()) if ind["service"] in service_codes
                        and (not q.policies or ind["policy"] in q.policies)]
            if measured and {"value", "progress", "count", "evolution"} & q.intents:
                # "¿Qué valor tiene el SS.02.05.01?": the figures of the indicators that measure it.
                return self._finish(snap, indicators_draft(self.structured, snap, measured, q, header=(
                    f"El servicio {', '.join(service_codes)} se mide con "
                    f"{'este indicador' if len(measured) == 1 else 'estos indicadores'}:")))
            return self._finish(snap, self.structured.services_answer(snap, q, codes=service_codes))
        prev_partnerish = prev is not None and ("partners" in prev.intents or bool(prev.countries))
        if "partners" in q.intents or q.countries or ((q.regions or q.other_regions) and prev_partnerish):
            draft = self.structured.partners_answer(snap, q)
            if draft is not None:
                return self._finish(snap, draft)
        if "services" in q.intents and q.objective and "why" not in q.intents:
            return self._finish(snap, self.structured.services_answer(snap, q))
        mode = overview_mode(q) if not indicator_codes and not service_codes else None
        if mode is not None:
            return self._finish(snap, overview_answer(self.structured, snap, q, mode))
        if "objectives" in q.intents and not ({"why", "value", "progress", "status"} & q.intents) and not indicator_codes:
            draft = self.structured.objectives_answer(snap, q)
            if draft is not None:
                return self._finish(snap, draft)
        if "why" in q.intents and not indicator_codes:
            # "¿Por qué no se midió el ingreso mensual…?": an indicator without data answers with its reason.
            matches, score = match_indicator(snap, naming_stems(snap, q), q.policies, margin=AMBIGUOUS_MARGIN)
            matches = [k for k in matches if self._no_data(snap, [k], q)]
            if len(matches) == 1 and score >= NAMED_INDICATOR_MIN:
                return self._finish(snap, indicators_draft(self.structured, snap, matches, q))
        if "why" not in q.intents and not indicator_codes:
            matches, score = match_indicator(snap, naming_stems(snap, q), q.policies, margin=AMBIGUOUS_MARGIN)
            if q.linked and not set(matches) & set(q.linked):
                # The parser links "en la región" to ALC, typos and synonyms to names: where its strong
                # link and the word match disagree, the link names the indicator.
                matches, score = list(q.linked), max(score, INDICATOR_MATCH_MIN)
            if q.inherited and score < INDICATOR_MATCH_MIN:
                matches, score = match_indicator(snap, weighted_stems(q), q.policies, margin=AMBIGUOUS_MARGIN)
            matches = with_data_in(snap, matches, q.years)
            percent_only = any(v["unit"] == "%" for k in matches for v in snap.values.get(k, []))
            count_question = "count" in q.intents and percent_only and "porcentaje" not in q.text.lower()
            if matches and score >= INDICATOR_MATCH_MIN and not count_question and (
                    {"value", "progress", "evolution", "count"} & q.intents):
                return self._finish(snap, indicators_draft(self.structured, snap, matches, q))
        counted = counted_noun(q.text)
        counts_other = counted is not None and not counted.startswith(("indicador", "avance", "porcentaje", "valor"))
        if (q.objective and {"value", "progress", "status"} & q.intents and "why" not in q.intents
                and not indicator_codes and not counts_other):
            # "¿Qué avance tuvo el objetivo 1?", "¿Cómo va el OP.03?": its indicators' figures,
            # never a sentence about another objective that happens to share words with the question.
            return self._finish(snap, overview_answer(self.structured, snap, q, "objective"))
        return self._retrieval_answer(snap, q)

    def _targets(self, snap: Snapshot, q: Analysis) -> Answer | None:
        """"¿Cuál es la meta al 2030 del…?", "¿cuál fue la línea de base…?": what the documents expect."""
        if not (asks_for_target(q.text) or asks_for_baseline(q.text)) or asks_if_met(q.text) or "why" in q.intents:
            return None
        codes = [c for c in q.codes if not c.startswith("OP")]
        if codes:
            keys = [k for c in codes for k in snap.find(snap.indicators, c, q.policies)]
        else:
            keys, score = match_indicator(snap, naming_stems(snap, q, names_only=True), q.policies,
                                          margin=AMBIGUOUS_MARGIN)
            keys = keys if score >= INDICATOR_MATCH_MIN else []
        keys = [k for k in keys if snap.targets.get(k)]
        if not keys:
            return None
        code_of = {k: snap.indicators[k]["code"] or snap.indicators[k]["indicator_id"] for k in keys}
        draft = targets_draft(self.templates, snap, keys, q.text, code_of)
        return self._finish(snap, draft) if draft is not None else None

    def _indicator_named_by(self, snap: Snapshot, q: Analysis, rec: SentenceRec) -> list[str]:
        """The indicator whose defining line or value sentence ``rec`` is, when the question asks for its figure."""
        if "why" in q.intents or not {"value", "count", "progress"} & q.intents:
            return []
        keys = [k for k in snap.indicators_by_doc.get(rec.doc_id, [])
                if (snap.indicators[k]["quote"] and snap.indicators[k]["quote"] in rec.text)
                or any(v["doc_id"] == rec.doc_id and v["quote"] and (v["quote"] in rec.text or rec.text in v["quote"])
                       for v in snap.values.get(k, []))]
        rows = self.structured.rows_for(snap, keys[0]) if len(keys) == 1 else []
        if not rows:
            return []
        # The indicator's name must carry most of what the question asks about: "servidores
        # públicos capacitados" is ISS.01.02.01.01 (0.71 of the question's weight), "personas
        # capacitadas" is not IOP.01.03 "personas beneficiarias" (0.62). Below, quotes answer.
        stems = content_stems(q.text, drop_generic=True)
        total = sum(snap.weight(s) for s in stems)
        named = set(snap.indicator_stems.get(keys[0], []))
        if not total or sum(snap.weight(s) for s in stems if s in named) / total < NAMED_INDICATOR_MIN:
            return []
        units = {r["unit"] for r in rows if r["value"] is not None}
        asks_share = "porcentaje" in q.text.lower() or "%" in q.text
        if asks_share != (units == {"%"}) and units:
            return []  # "¿qué porcentaje…?" answered with a count, or the reverse: not this indicator
        return with_data_in(snap, keys, q.years)

    def _partners_of_indicator(self, snap: Snapshot, q: Analysis) -> Analysis:
        """"¿Con qué país?" after an indicator: the partners of the region that indicator measures."""
        regions: list[tuple[str, str]] = []
        other = False
        for code in q.codes:
            for k in indicator_keys(snap, code, q):
                named, elsewhere = regions_named_in(snap.indicators[k]["name"])
                regions += [r for r in named if r not in regions]
                other = other or elsewhere
        return replace(q, codes=[], regions=[] if other else regions, other_regions=other)

    def _no_data(self, snap: Snapshot, keys: list[str], q: Analysis) -> bool:
        """True when the asked period of these indicators has no value (the answer is the reason)."""
        rows = [r for k in keys for r in self.structured.rows_for(snap, k) if not q.years or r["period"] in q.years]
        return bool(rows) and all(r["value"] is None for r in rows)

    # -- key-entity refusals --------------------------------------------------------------
    def _entity_check(self, snap: Snapshot, q: Analysis) -> Answer | None:
        known_codes = {i["indicator_id"].upper() for i in snap.indicators.values()} | {
            (i["code"] or "").upper() for i in snap.indicators.values()} | {
            s["code"] for s in snap.services.values()} | {o["code"] for o in snap.objectives.values()}
        for code in q.codes:
            if code.upper() not in known_codes:
                return self._refusal(snap, q, f"el código {code} no figura en los documentos")
        if q.objective and q.objective not in {o["code"] for o in snap.objectives.values()}:
            return self._refusal(snap, q, f"el objetivo {q.objective} no figura en los documentos")
        named = [p for p in snap.policies if p]
        for policy in q.policies:
            if named and policy not in named:
                return self._refusal(snap, q, f"no hay documentos de la {policy}; hay de: {', '.join(named)}")
        periods = {d["period"] for d in snap.documents.values()}
        for year in q.years:
            if year not in periods and str(year) not in snap.corpus_text_folded:
                return self._refusal(snap, q, f"los documentos no cubren el año {year}")
        partner_names = {p["country"] for p in snap.partners}
        for country in q.countries:

            if country not in partner_names and strip_accents(country) not in snap.corpus_text_folded:
                return self._refusal(snap, q, f"los documentos no mencionan a {country}",
                                     topics=self.structured.partner_topics(snap))
        return None

    # -- retrieval answers ----------------------------------------------------------------
    def _evidence_too_weak(self, snap: Snapshot, q: Analysis, best_coverage: float) -> str | None:
        # The glossary already added the Spanish words; the English originals are not key terms.
        stems = content_stems(without_glossary_words(q.text) if q.english else q.text, drop_generic=True)
        if not stems:
            return "la pregunta no nombra un tema concreto"
        unknown = [s for s in stems if not snap.knows(s)]
        unknown_share = sum(snap.weight(s) for s in unknown) / sum(snap.weight(s) for s in stems)
        if unknown_share >= 0.5:
            # Name what is missing, in the question's own words ("los documentos no mencionan «PBI»").
            # Only words (never figures), at most three, so that a refusal cannot be made to repeat a number.
            words = [w for w in re.findall(r"[A-Za-zÁÉÍÓÚáéíóúÑñÜü]{3,}", q.text)
                     if (stem := content_stems(w, drop_generic=True)) and stem[0] in unknown]
            named = ", ".join(f"«{w}»" for w in list(dict.fromkeys(words))[:3])
            return f"los documentos no mencionan {named}" if named else "sus términos clave no aparecen en el corpus"
        if best_coverage < self.min_evidence:
            return "la evidencia encontrada es insuficiente"
        return None

    def _summary_answer(self, snap: Snapshot, q: Analysis, first_only: bool = False) -> Answer | None:
        """A report's summary, quoted, when the question asks for one and names (or implies) one report;
        ``first_only``: just its opening sentence, which says what period the report covers."""
        docs = [d for d in snap.documents.values() if (not q.years or d["period"] in q.years)
                and (not q.policies or d["policy"] in q.policies)]
        docs = in_latest_report(docs) if not q.years else docs
        if len(docs) != 1:
            return None
        indices = summary_sentences(snap, docs[0]["doc_id"])[:1 if first_only else None]
        if not indices:
            return None
        return self._quote_answer(snap, [ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in indices],
                                  listed=not first_only)

    def _quote_answer(self, snap: Snapshot, chosen: list[ScoredSentence], listed: bool = False) -> Answer:
        """Quote ``chosen`` (in document order), cite each, and carry any discrepancy ingest recorded."""
        chosen = sorted(chosen, key=lambda c: (c.rec.doc_id, c.rec.seq))
        quotes = [{"quote": display(c.rec.text) if listed else c.rec.text, "doc": snap.doc_name(c.rec.doc_id),
                   "where": f"págs. {c.rec.page}–{c.rec.end_page}" if c.rec.end_page > c.rec.page else f"pág. {c.rec.page}"}
                  for c in chosen]
        text = self.templates.render("extractive", quotes=quotes, listed=listed)
        citations = [Citation(snap.doc_name(c.rec.doc_id), c.rec.page, c.rec.section, c.rec.text, c.rec.doc_id) for c in chosen]
        draft = Draft(text, citations, [], "recuperacion", [], [])
        self.structured.add_discrepancies(snap, draft, quotes=[c.rec.text for c in chosen],
                                          doc_ids={c.rec.doc_id for c in chosen})
        for c in chosen:
            for n in find_numbers(c.rec.text):
                if is_year(n):
                    continue  # "al 2030", "en 2023": dates, not figures an official checks
                draft.figures.append(Figure(n.value, "%" if n.percent else None, None, c.rec.period, True, "cita"))
        return self._finish(snap, draft)

    def _retrieval_answer(self, snap: Snapshot, q: Analysis) -> Answer:
        if (is_summary_question(q.text) or is_period_question(q.text)) and "why" not in q.intents:
            summary = self._summary_answer(snap, q, first_only=is_period_question(q.text))
            if summary is not None:
                return summary
        # A named policy that narrows the documents is a filter (see _search), not a search word: its
        # acronym would favour the sentences that repeat it over the one that answers.
        query = q.text
        if q.policies and any(d["policy"] not in q.policies for d in snap.documents.values()):
            for acronym in q.policies:
                query = re.sub(rf"\b(?:de\s+la\s+|la\s+)?{re.escape(acronym)}\b", " ", query)
        chunk_ids = self._search(snap, q, query)
        picked = select_sentences(snap, query, chunk_ids, objective=q.objective, limit=4,
                                  wants_figure=(bool({"count", "value"} & q.intents) or states_a_figure(q.text))
                                  and "why" not in q.intents,
                                  wants_list=is_list_question(q.text) and "why" not in q.intents,
                                  wants_count="count" in q.intents and "porcentaje" not in q.text.lower())
        best = picked[0] if picked else None
        reason = self._evidence_too_weak(snap, q, best.coverage if best else 0.0)
        if best is None or reason:
            return self._refusal(snap, q, reason or "no hay evidencia", chunk_ids=chunk_ids)
        named = self._indicator_named_by(snap, q, best.rec)
        if named:
            # Retrieval landed on an indicator's own line: its figure comes from the store.
            return self._finish(snap, indicators_draft(self.structured, snap, named, q))
        # The list may hang from the best sentence or from the next one (a heading ranked second).
        lister = next((c for c in picked[:2] if asks_for_list_in(snap, q, c) and list_items(snap, c.index)), None)
        items = list_items(snap, lister.index) if lister is not None else []
        if len(items) > 1 and self.llm is None:
            # The best sentence is one item of a bulleted list the question asks for: quote the list.
            return self._quote_answer(snap, [ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in items[:MAX_ITEMS]],
                                      listed=True)
        chosen = [best]
        covered = set(best.rec.stems)
        q_stems = snap.kin_stems(query)
        for cand in picked[1:]:
            adds = [s for s in q_stems if s in cand.rec.stems and s not in covered]
            if cand.score >= 0.6 * best.score and adds and len(chosen) < 2:
                chosen.append(cand)
                covered |= cand.rec.stems
        if "why" in q.intents:
            explanation = explanation_after(snap, best, chosen)
            if explanation is not None:
                chosen = [best, explanation]
        if asks_for_amount(q.text):
            # "¿Cuántos proyectos de cooperación triangular…?" must be answered by a sentence that
            # states a figure and names the question's most specific word ("triangular"): the
            # 72 projects of South-South cooperation answer a neighbouring question.
            key = rarest_stem(snap, q)
            def answers(c: ScoredSentence) -> bool:
                return states_a_figure(c.rec.text) and (key is None or key in c.rec.stems)
            if not any(answers(c) for c in chosen):
                stated = [c for c in picked if answers(c) and c.coverage >= max(self.min_evidence, 0.5)]
                if not stated:
                    return self._refusal(snap, q, "los documentos no dan esa cifra", chunk_ids=chunk_ids)
                chosen = stated[:1]
        if asks_for_target(q.text) and not any(states_target(c.rec.text, q.years) for c in picked):
            # A sentence that mentions "la meta" without its value would read as the answer.
            return self._refusal(snap, q, "los documentos no publican esa meta: los reportes indican el avance "
                                 "respecto del logro esperado de cada período", chunk_ids=chunk_ids)
        if self.llm is not None:
            draft = self._llm_draft(snap, q, [c.rec for c in picked[:4]])
            if draft is not None:
                verified = self._verify(snap, draft)
                if verified is not None:
                    return verified
        return self._quote_answer(snap, chosen)

    def _search(self, snap: Snapshot, q: Analysis, query: str, k: int = 6) -> list[str]:
        """Top chunks, restricted to the years and policies the question names (when it does)."""
        wide = bool(q.years or q.policies)
        hits = hybrid_search(snap, query, k=60 if wide else k, dense_weight=self.dense_weight)
        if wide:
            docs = {d["doc_id"] for d in snap.documents.values()
                    if (not q.years or d["period"] in q.years) and (not q.policies or d["policy"] in q.policies)}
            filtered = [(c, sc) for c, sc in hits if snap.chunk_meta.get(c, {}).get("doc_id") in docs]
            hits = filtered or hits
        return [c for c, _ in hits[:k]]

    def _llm_draft(self, snap: Snapshot, q: Analysis, recs: list[SentenceRec]) -> Draft | None:
        from assistant.llm import compose_with_llm

        sources = [{"quote": r.text, "page": r.page, "doc": snap.doc_name(r.doc_id)} for r in recs]
        text = compose_with_llm(self.llm, self.templates, q.text, sources)
        if text is None:
            return None
        citations = [Citation(s["doc"], s["page"], r.section, s["quote"], r.doc_id) for s, r in zip(sources, recs)
                     if f"pág. {s['page']}" in text or f"pag. {s['page']}" in text]
        if not citations:
            return None
        allowed = [n.value for r in recs for n in find_numbers(r.text)]
        return Draft(text, citations, [], "llm", allowed, [])

    # -- refusals, verification -----------------------------------------------------------
    def _refusal(self, snap: Snapshot, q: Analysis, reason: str, topics: list[str] | None = None,
                 chunk_ids: list[str] | None = None) -> Answer:
        if topics is None:
            topics = nearest_topics(snap, chunk_ids if chunk_ids is not None else self._search(snap, q, q.text),
                                    stems=set(snap.kin_stems(q.text)))
        text = self.templates.render("refusal", reason=reason, topics=topics)
        return Answer(text=text, refused=True, route="rechazo", notes=[reason])

    def _verify(self, snap: Snapshot, draft: Draft) -> Answer | None:
        allowed = list(draft.allowed) + [float(d["period"]) for d in snap.documents.values() if d["period"]]
        result = verify_answer(draft.text, allowed, snap.quotes)
        if not result.ok:
            log.warning("Respuesta descartada por verificación: números %s, citas %s", result.unsupported, result.bad_quotes)
            return None
        return Answer(text=draft.text, refused=draft.route == "rechazo", citations=draft.citations,
                      figures=draft.figures, route=draft.route, notes=draft.notes)

    def _finish(self, snap: Snapshot, draft: Draft) -> Answer:
        """Verify a draft; if a number cannot be traced, fall back to quoting its sources."""
        answer = self._verify(snap, draft)
        if answer is not None:
            return answer
        if draft.citations:
            quotes = [{"quote": c.quote, "where": f"pág. {c.page}", "doc": c.document} for c in draft.citations[:2]]
            fallback = Draft(self.templates.render("extractive", quotes=quotes, listed=False), draft.citations[:2], [],
                             draft.route + "-citas", [], [])
            answer = self._verify(snap, fallback)
            if answer is not None:
                return answer
        return Answer(text="No puedo dar una respuesta verificada a esa pregunta con los documentos ingeridos.",
                      refused=True, route="rechazo", notes=["verificación fallida"])

