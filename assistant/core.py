"""`Assistant.ask(question, history) -> Answer`: route, look up, retrieve, compose, verify."""

from __future__ import annotations

import logging
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.analysis import Analysis, analyse, match_indicator, weighted_stems
from assistant.answer import Answer, Citation, Figure
from assistant.compose import Templates
from assistant.knowledge import KnowledgeBase, SentenceRec, Snapshot
from assistant.retrieval import hybrid_search, select_sentences
from assistant.text import GENERIC, content_stems
from assistant.verify import verify_answer
from ingest.numbers import find_numbers, format_number, same_number

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
INDICATOR_MATCH_MIN = 0.5


class BadQuestion(ValueError):
    """The question cannot be processed; the message is the Spanish text for the user."""


@dataclass
class Draft:
    """An answer before verification: text plus what it may state."""

    text: str
    citations: list[Citation]
    figures: list[Figure]
    route: str
    allowed: list[float]
    notes: list[str]


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


class Assistant:
    """Answers questions about the ingested corpus; exact figures come from the side store."""

    def __init__(self, kb: KnowledgeBase, templates: Templates, dense_weight: float = 0.3,
                 min_evidence: float = 0.35, llm: Any | None = None) -> None:
        self.kb = kb
        self.templates = templates
        self.dense_weight = dense_weight
        self.min_evidence = min_evidence
        self.llm = llm

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
        current = analyse(text)
        previous = self._previous(history or [])
        answer = self._route(snap, current, previous)
        answer.latency_ms = (time.perf_counter() - started) * 1000
        return answer

    def warm_up(self) -> None:
        """Load the snapshot and run one retrieval so the first real question is fast."""
        snap = self.kb.snapshot()
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
    def _previous(self, history: list[dict[str, str]]) -> Analysis | None:
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
            prev = _merge(prev, older)
        return prev

    # -- routing ----------------------------------------------------------------------------
    def _route(self, snap: Snapshot, q: Analysis, prev: Analysis | None) -> Answer:
        if q.follow_up and prev is not None:
            q = _merge(q, prev)
        refusal = self._entity_check(snap, q)
        if refusal is not None:
            return refusal
        indicator_codes = [c for c in q.codes if c.startswith(("IOP", "ISS")) or re.match(r"SS\.\d{2}\.\d{2}\.\d{2}-\d", c)]
        service_codes = [c for c in q.codes if re.fullmatch(r"SS\.\d{2}\.\d{2}\.\d{2}", c)]
        if indicator_codes and "why" not in q.intents:
            ind_id = self._indicator_id(snap, indicator_codes[0])
            if ind_id is not None:
                if "definition" in q.intents and not ({"value", "progress"} & q.intents):
                    return self._finish(snap, self._definition(snap, ind_id))
                return self._finish(snap, self._indicator_answer(snap, ind_id, q))
        if service_codes and "why" not in q.intents:
            return self._finish(snap, self._services_answer(snap, q, codes=service_codes))
        prev_partnerish = prev is not None and ("partners" in prev.intents or bool(prev.countries))
        if "partners" in q.intents or q.countries or ((q.regions or q.other_regions) and prev_partnerish):
            draft = self._partners_answer(snap, q)
            if draft is not None:
                return self._finish(snap, draft)
        if "services" in q.intents and q.objective and "why" not in q.intents:
            return self._finish(snap, self._services_answer(snap, q))
        if "objectives" in q.intents and not ({"why", "value", "progress"} & q.intents) and not indicator_codes:
            draft = self._objectives_answer(snap, q)
            if draft is not None:
                return self._finish(snap, draft)
        if "why" not in q.intents and not indicator_codes:
            ind_id, score = match_indicator(snap, {s: 1.0 for s in q.stems})
            if q.inherited and score < INDICATOR_MATCH_MIN:
                ind_id, score = match_indicator(snap, weighted_stems(q))
            percent_only = ind_id is not None and any(v["unit"] == "%" for v in snap.values.get(ind_id, []))
            count_question = "count" in q.intents and percent_only and "porcentaje" not in q.text.lower()
            if ind_id and score >= INDICATOR_MATCH_MIN and not count_question and (
                    {"value", "progress", "evolution", "count"} & q.intents):
                return self._finish(snap, self._indicator_answer(snap, ind_id, q))
        return self._retrieval_answer(snap, q)

    def _indicator_id(self, snap: Snapshot, code: str) -> str | None:
        for ind_id, ind in snap.indicators.items():
            if ind_id.upper() == code.upper() or (ind["code"] or "").upper() == code.upper():
                return ind_id
        return None

    # -- key-entity refusals --------------------------------------------------------------
    def _entity_check(self, snap: Snapshot, q: Analysis) -> Answer | None:
        known_codes = {c.upper() for c in snap.indicators} | {
            (i["code"] or "").upper() for i in snap.indicators.values()} | set(snap.services) | set(snap.objectives)
        for code in q.codes:
            if code.upper() not in known_codes:
                return self._refusal(snap, q, f"el código {code} no figura en los documentos")
        if q.objective and q.objective not in snap.objectives:
            return self._refusal(snap, q, f"el objetivo {q.objective} no figura en los documentos")
        periods = {d["period"] for d in snap.documents.values()}
        for year in q.years:
            if year not in periods and str(year) not in snap.corpus_text_folded:
                return self._refusal(snap, q, f"los documentos no cubren el año {year}")
        partner_names = {p["country"] for p in snap.partners}
        for country in q.countries:
            from ingest.numbers import strip_accents

            if country not in partner_names and strip_accents(country) not in snap.corpus_text_folded:
                return self._refusal(snap, q, f"los documentos no mencionan a {country}",
                                     topics=self._partner_topics(snap))
        return None

    def _partner_topics(self, snap: Snapshot) -> list[str]:
        countries = list(dict.fromkeys(p["country"] for p in snap.partners))
        if not countries:
            return []
        return [f"Países con los que el Perú ofreció cooperación Sur-Sur según el reporte: {', '.join(countries)}"]

    # -- structured answers ---------------------------------------------------------------
    def _label(self, snap: Snapshot, ind_id: str, article: str = "") -> str:
        """How an answer names an indicator; ``article`` is "de" or "El" for unnamed ones."""
        ind = snap.indicators[ind_id]
        prefix = {"": "el indicador", "de": "del indicador", "El": "El indicador"}[article]
        if ind["code"]:
            return f"{prefix} {ind['code']} ({ind['name']})"
        return f"{prefix} «{ind['name']}» (servicio {ind['service']})"

    def _value_text(self, row: dict[str, Any]) -> str:
        value = format_number(row["value"])
        raw = row.get("raw_value") or ""
        words = [n for n in find_numbers(raw) if not n.raw[0].isdigit()]
        if words:
            value = f"{value} ({words[0].raw})"
        unit = row["unit"]
        if unit == "%":
            return f"{value} %"
        return f"{value} {unit}" if unit else value

    def _rows_for(self, snap: Snapshot, ind_id: str) -> list[dict[str, Any]]:
        """One row per period: an official report's figure wins over any other document's."""
        by_period: dict[Any, dict[str, Any]] = {}
        for row in snap.values.get(ind_id, []):
            current = by_period.get(row["period"])
            if current is None or (row["doc_type"] == "reporte" and current["doc_type"] != "reporte"):
                by_period[row["period"]] = row
        return [by_period[p] for p in sorted(by_period, key=lambda p: p or 0)]

    def _indicator_answer(self, snap: Snapshot, ind_id: str, q: Analysis) -> Draft:
        rows = self._rows_for(snap, ind_id)
        label = self._label(snap, ind_id)
        if q.years:
            rows_in_year = [r for r in rows if r["period"] in q.years]
            if not rows_in_year:
                have = ", ".join(str(r["period"]) for r in rows) or "ningún año"
                return self._refusal_draft(snap, q, f"para {label} solo hay datos de {have}")
            rows = rows_in_year
        if not rows:
            return self._definition(snap, ind_id)
        if len(rows) > 1 and ("evolution" in q.intents or not q.years):
            return self._series(snap, ind_id, rows, label)
        row = rows[-1]
        doc = snap.doc_name(row["doc_id"])
        citations = [Citation(doc, row["page"], _section_of(snap, row), row["quote"], row["doc_id"])]
        if row["value"] is None:
            text = self.templates.render("indicator_nd", label=label, row=row, doc=doc)
            return Draft(text, citations, [], "indicador", [float(row["period"] or 0)], [])
        figures = [Figure(row["value"], row["unit"], ind_id, row["period"], _in_quote(row["value"], row["quote"]))]
        allowed = [row["value"], float(row["period"] or 0)]
        if row["progress_pct"] is not None:
            figures.append(Figure(row["progress_pct"], "%", ind_id, row["period"],
                                  _in_quote(row["progress_pct"], row["progress_quote"] or "")))
            allowed.append(row["progress_pct"])
            if row["progress_quote"] and row["progress_quote"] != row["quote"]:
                citations.append(Citation(doc, row["progress_page"], _section_of(snap, row), row["progress_quote"], row["doc_id"]))
        text = self.templates.render(
            "indicator_value", label=self._label(snap, ind_id, "El"), de_label=self._label(snap, ind_id, "de"), row=row, doc=doc, value=self._value_text(row),
            progress=format_number(row["progress_pct"]) if row["progress_pct"] is not None else "",
            ask_progress="progress" in q.intents)
        draft = Draft(text, citations, figures, "indicador", allowed, [])
        self._add_discrepancies(snap, draft, ind_id=ind_id)
        self._add_conflicts(snap, draft, ind_id, row)
        return draft

    def _add_conflicts(self, snap: Snapshot, draft: Draft, ind_id: str, shown: dict[str, Any]) -> None:
        """Name, never hide, a different figure for the same period from another document."""
        for other in snap.values.get(ind_id, []):
            if other["period"] != shown["period"] or other["doc_id"] == shown["doc_id"]:
                continue
            if other["value"] is not None and shown["value"] is not None and same_number(other["value"], shown["value"]):
                continue
            doc = snap.doc_name(other["doc_id"])
            kind = "no es un reporte oficial" if other["doc_type"] != "reporte" else "es otro reporte"
            draft.text += "\n\n" + self.templates.render("conflict", doc=doc, kind=kind, row=other)
            draft.citations.append(Citation(doc, other["page"], "", other["quote"], other["doc_id"]))
            draft.notes.append(f"Cifra distinta en {doc} (pág. {other['page']})")

    def _series(self, snap: Snapshot, ind_id: str, rows: list[dict[str, Any]], label: str) -> Draft:
        items, citations, figures, allowed = [], [], [], []
        for r in rows:
            doc = snap.doc_name(r["doc_id"])
            items.append({"period": r["period"], "value": None if r["value"] is None else self._value_text(r),
                          "progress": None if r["progress_pct"] is None else format_number(r["progress_pct"]),
                          "doc": doc, "page": r["page"], "quote": r["quote"] if r["value"] is not None else r["reason"]})
            citations.append(Citation(doc, r["page"], _section_of(snap, r), r["quote"], r["doc_id"]))
            allowed += [float(r["period"] or 0)] + [x for x in (r["value"], r["progress_pct"]) if x is not None]
            if r["value"] is not None:
                figures.append(Figure(r["value"], r["unit"], ind_id, r["period"], _in_quote(r["value"], r["quote"])))
        text = self.templates.render("indicator_series", de_label=self._label(snap, ind_id, "de"), items=items)
        draft = Draft(text, citations, figures, "indicador-serie", allowed, [])
        self._add_discrepancies(snap, draft, ind_id=ind_id)
        return draft

    def _definition(self, snap: Snapshot, ind_id: str) -> Draft:
        ind = snap.indicators[ind_id]
        doc = snap.doc_name(ind["doc_id"])
        text = self.templates.render("indicator_definition", code=ind["code"] or ind_id, name=ind["name"],
                                     objective=ind["objective"], service=ind["service"], doc=doc, page=ind["page"])
        rows = self._rows_for(snap, ind_id)
        if rows:
            row = rows[-1]
            status = "sin dato (ND)" if row["value"] is None else f"valor {self._value_text(row)} en {row['period']}"
            text += f"\n\nÚltimo dato en el almacén: {status} (pág. {row['page']})."
        citation = Citation(doc, ind["page"], "", ind["quote"], ind["doc_id"])
        allowed = [float(r["period"] or 0) for r in rows] + [r["value"] for r in rows if r["value"] is not None]
        return Draft(text, [citation], [], "definicion", allowed, [])

    def _add_discrepancies(self, snap: Snapshot, draft: Draft, ind_id: str | None = None,
                           quotes: list[str] | None = None) -> None:
        for check in snap.checks:
            if check["consistent"]:
                continue
            related = (ind_id is not None and check["indicator_id"] == ind_id) or (
                quotes is not None and (check["quote_a"] in quotes or check["quote_b"] in quotes))
            if not related:
                continue
            computed = format_number(check["computed"])
            shown = check["quote_a"] in draft.text
            draft.text += "\n" + self.templates.render("discrepancy", check=check, computed=computed,
                                                        show_a=not shown)
            draft.figures.append(Figure(check["computed"], "%", check["indicator_id"], None, True, "calculado",
                                        check["formula"]))
            draft.allowed += [check["computed"], check["stated"]]
            draft.notes.append(check["description"])
            for page, quote in ((check["page_a"], check["quote_a"]), (check["page_b"], check["quote_b"])):
                if all(c.quote != quote for c in draft.citations):
                    draft.citations.append(Citation(check["document"] if False else snap.doc_name(check["doc_id"]), page, "", quote, check["doc_id"]))

    def _partners_answer(self, snap: Snapshot, q: Analysis) -> Draft | None:
        rows = list(snap.partners)
        if not rows:
            return None
        lead = "Según el reporte, el Perú ofreció cooperación Sur-Sur (como oferente) a estos países"
        if q.countries:
            rows = [p for p in rows if p["country"] in q.countries]
            lead = "El reporte menciona la cooperación Sur-Sur ofrecida por el Perú a"
        elif q.other_regions:
            rows = [p for p in rows if p["region"] != "América Latina y el Caribe"]
            lead += " fuera de América Latina y el Caribe"
        elif q.regions:
            keep = []
            for p in rows:
                for kind, name in q.regions:
                    if (kind == "subregion" and p["subregion"] == name) or (kind == "region" and p["region"] == name):
                        keep.append(p)
                        break
            rows = keep
            lead += " de " + ", ".join(name for _, name in q.regions)
        if not rows:
            return self._refusal_draft(snap, q, "el reporte no menciona países socios en esa región",
                                       topics=self._partner_topics(snap))
        if q.years:
            rows = [p for p in rows if p["period"] in q.years] or rows
        countries = list(dict.fromkeys(p["country"] for p in rows))
        topics = list(dict.fromkeys(t for p in rows for t in p["topics"]))
        quotes, seen = [], set()
        for p in rows:
            if p["quote"] not in seen:
                seen.add(p["quote"])
                quotes.append({"quote": p["quote"], "doc": snap.doc_name(p["doc_id"]), "page": p["page"], "doc_id": p["doc_id"]})
        text = self.templates.render("partners", lead=lead, countries=countries,
                                     topics=topics if ("topics" in q.intents or len(countries) <= 3) else [],
                                     quotes=quotes)
        allowed = [float(p["projects"]) for p in rows if p["projects"] is not None] + [float(p["period"] or 0) for p in rows]
        figures = [Figure(float(p["projects"]), "proyectos", None, p["period"], True, "cita")
                   for p in rows if p["projects"] is not None and "count" in q.intents]
        if figures:
            text += "\n\n" + "; ".join(
                f"Proyectos con {p['country']}: {p['projects']}" for p in rows if p["projects"] is not None) + "."
        citations = [Citation(x["doc"], x["page"], "", x["quote"], x["doc_id"]) for x in quotes]
        return Draft(text, citations, figures, "socios", allowed, [])

    def _objectives_answer(self, snap: Snapshot, q: Analysis) -> Draft | None:
        items = [o for code, o in sorted(snap.objectives.items()) if q.objective in (None, code)]
        if not items:
            return None
        rendered = [{"code": o["code"], "title": o["title"], "doc": snap.doc_name(o["doc_id"]), "page": o["page"]} for o in items]
        text = self.templates.render("objectives", items=rendered)
        citations = [Citation(snap.doc_name(o["doc_id"]), o["page"], o["code"], o["quote"], o["doc_id"]) for o in items]
        return Draft(text, citations, [], "objetivos", [], [])

    def _services_answer(self, snap: Snapshot, q: Analysis, codes: list[str] | None = None) -> Draft:
        if codes:
            items = [snap.services[c] for c in codes if c in snap.services]
            lead = "Servicio"
        else:
            items = [s for c, s in sorted(snap.services.items()) if s["objective"] == q.objective]
            lead = f"Servicios del {q.objective}"
            if not items:
                return self._refusal_draft(snap, q, f"el reporte no identifica servicios para el {q.objective}")
        quotes = []
        # The sentence that introduces the objective's services ("cuenta con dos servicios nuevos").
        if q.objective and not codes:
            for rec in snap.sentences:
                if re.search(rf"Objetivo Prioritario {q.objective[-2:]}\b.*\bservicios?\b", rec.text):
                    quotes.append({"quote": rec.text, "doc": snap.doc_name(rec.doc_id), "page": rec.page, "doc_id": rec.doc_id})
                    break
        rendered = [{"code": s["code"], "name": s["name"], "doc": snap.doc_name(s["doc_id"]), "page": s["page"]} for s in items]
        text = self.templates.render("services", lead=lead, items=rendered, quotes=quotes)
        for s in items:
            inds = [i for i in snap.indicators.values() if i["service"] == s["code"]]
            if codes and inds:
                text += "\n\nIndicadores: " + "; ".join(
                    f"{i['code'] or 'indicador'}: {i['name']}" for i in inds)
        citations = [Citation(snap.doc_name(s["doc_id"]), s["page"], s["code"], s["quote"], s["doc_id"]) for s in items]
        citations += [Citation(x["doc"], x["page"], "", x["quote"], x["doc_id"]) for x in quotes]
        return Draft(text, citations, [], "servicios", [], [])

    # -- retrieval answers ----------------------------------------------------------------
    def _evidence_too_weak(self, snap: Snapshot, q: Analysis, best_coverage: float) -> str | None:
        stems = [s for s in content_stems(q.text, drop_generic=True)]
        if not stems:
            return "la pregunta no nombra un tema concreto"
        unknown = [s for s in stems if s not in snap.idf]
        unknown_share = sum(snap.weight(s) for s in unknown) / sum(snap.weight(s) for s in stems)
        if unknown_share >= 0.5:
            return "sus términos clave no aparecen en el corpus"
        if best_coverage < self.min_evidence:
            return "la evidencia encontrada es insuficiente"
        return None

    def _retrieval_answer(self, snap: Snapshot, q: Analysis) -> Answer:
        query = q.text
        chunk_ids = [c for c, _ in hybrid_search(snap, query, k=6, dense_weight=self.dense_weight)]
        picked = select_sentences(snap, query, chunk_ids, objective=q.objective, limit=4)
        best = picked[0] if picked else None
        reason = self._evidence_too_weak(snap, q, best.coverage if best else 0.0)
        if best is None or reason:
            return self._refusal(snap, q, reason or "no hay evidencia", chunk_ids=chunk_ids)
        chosen = [best]
        covered = set(best.rec.stems)
        q_stems = [s for s in content_stems(query) if s not in GENERIC]
        for cand in picked[1:]:
            adds = [s for s in q_stems if s in cand.rec.stems and s not in covered]
            if cand.score >= 0.6 * best.score and adds and len(chosen) < 2:
                chosen.append(cand)
                covered |= cand.rec.stems
        chosen.sort(key=lambda c: (c.rec.doc_id, c.rec.seq))
        if self.llm is not None:
            draft = self._llm_draft(snap, q, [c.rec for c in picked[:4]])
            if draft is not None:
                verified = self._verify(snap, draft)
                if verified is not None:
                    return verified
        quotes = [{"quote": c.rec.text, "page": c.rec.page, "doc": snap.doc_name(c.rec.doc_id)} for c in chosen]
        text = self.templates.render("extractive", quotes=quotes)
        citations = [Citation(snap.doc_name(c.rec.doc_id), c.rec.page, c.rec.section, c.rec.text, c.rec.doc_id) for c in chosen]
        draft = Draft(text, citations, [], "recuperacion", [], [])
        self._add_discrepancies(snap, draft, quotes=[c.rec.text for c in chosen])
        for c in chosen:
            for n in find_numbers(c.rec.text):
                draft.figures.append(Figure(n.value, "%" if n.percent else None, None, c.rec.period, True, "cita"))
        return self._finish(snap, draft)

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
    def _nearest_topics(self, snap: Snapshot, q: Analysis, chunk_ids: list[str] | None = None) -> list[str]:
        if chunk_ids is None:
            chunk_ids = [c for c, _ in hybrid_search(snap, q.text, k=6, dense_weight=self.dense_weight)]
        topics: list[str] = []
        for chunk_id in chunk_ids:
            meta = snap.chunk_meta.get(chunk_id)
            if meta is None:
                continue
            objective = snap.sentences[snap.by_chunk[chunk_id][0]].objective if snap.by_chunk.get(chunk_id) else None
            if objective and objective in snap.objectives:
                label = f"{objective}: {snap.objectives[objective]['title']}"
            else:
                label = re.sub(r"^(?:[IVX]{1,4}|\d{1,2})\.\s*", "", meta["section"].split(" > ")[0]) or "Resumen del reporte"
            if label not in topics:
                topics.append(label)
            if len(topics) == 3:
                break
        if not topics:
            topics = [f"{o['code']}: {o['title']}" for o in snap.objectives.values()][:3]
        return topics

    def _refusal_draft(self, snap: Snapshot, q: Analysis, reason: str, topics: list[str] | None = None) -> Draft:
        text = self.templates.render("refusal", reason=reason, topics=topics if topics is not None else self._nearest_topics(snap, q))
        return Draft(text, [], [], "rechazo", [], [reason])

    def _refusal(self, snap: Snapshot, q: Analysis, reason: str, topics: list[str] | None = None,
                 chunk_ids: list[str] | None = None) -> Answer:
        if topics is None:
            topics = self._nearest_topics(snap, q, chunk_ids)
        text = self.templates.render("refusal", reason=reason, topics=topics)
        return Answer(text=_strip_digits_unverified(text), refused=True, route="rechazo", notes=[reason])

    def _verify(self, snap: Snapshot, draft: Draft) -> Answer | None:
        allowed = list(draft.allowed) + [float(d["period"]) for d in snap.documents.values() if d["period"]]
        result = verify_answer(draft.text, allowed, [s.text for s in snap.sentences] + [
            i["quote"] for i in snap.indicators.values()] + [o["title"] for o in snap.objectives.values()] + [
            i["name"] for i in snap.indicators.values()] + [r for rows in snap.values.values() for r in
                                                             [x["reason"] or "" for x in rows]])
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
            quotes = [{"quote": c.quote, "page": c.page, "doc": c.document} for c in draft.citations[:2]]
            fallback = Draft(self.templates.render("extractive", quotes=quotes), draft.citations[:2], [],
                             draft.route + "-citas", [], [])
            answer = self._verify(snap, fallback)
            if answer is not None:
                return answer
        return Answer(text="No puedo dar una respuesta verificada a esa pregunta con los documentos ingeridos.",
                      refused=True, route="rechazo", notes=["verificación fallida"])


def _merge(current: Analysis, previous: Analysis) -> Analysis:
    """Fill what an elliptical question leaves out with the previous question's entities."""
    intents = set(current.intents)
    if not intents & {"value", "progress", "evolution", "definition", "why", "partners", "services", "objectives", "topics", "count"}:
        intents |= previous.intents
    elif not intents & {"partners", "services", "objectives"}:
        intents |= previous.intents & {"partners", "services", "objectives"}
    return Analysis(
        text=f"{current.text} {previous.text}",
        intents=intents,
        codes=current.codes or ([] if (current.regions or current.other_regions or current.countries) else previous.codes),
        objective=current.objective or previous.objective,
        years=current.years or previous.years,
        countries=current.countries,
        regions=current.regions,
        other_regions=current.other_regions,
        english=current.english,
        stems=current.stems,
        follow_up=True,
        inherited=[] if current.codes else [s for s in previous.stems + previous.inherited if s not in current.stems],
    )


def _prev_intents(prev: Analysis | None) -> set[str]:
    return prev.intents if prev is not None else set()


def _in_quote(value: float, quote: str) -> bool:
    return any(same_number(value, n.value) for n in find_numbers(quote))


def _section_of(snap: Snapshot, row: dict[str, Any]) -> str:
    for rec in snap.sentences:
        if rec.doc_id == row["doc_id"] and rec.text == row["quote"]:
            return rec.section
    return ""


def _strip_digits_unverified(text: str) -> str:
    return text


def templates_for(prompts_dir: Path) -> Templates:
    """Templates from a prompts folder."""
    return Templates(prompts_dir)
