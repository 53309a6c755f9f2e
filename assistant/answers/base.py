"""What every answer module shares: the snapshot, the templates, and the last steps of an
answer (quote, verify, refuse)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from assistant.analysis import Analysis
from assistant.answer import Answer, Citation, Figure
from assistant.compose import Templates
from assistant.knowledge import Snapshot
from assistant.passages import display
from assistant.retrieval import ScoredSentence, hybrid_search, is_year, nearest_topics
from assistant.structured import Draft, StructuredComposer
from assistant.verify import verify_answer
from ingest.numbers import find_numbers

log = logging.getLogger(__name__)


@dataclass
class Context:
    """One question's snapshot and the parts that compose and check its answer."""

    snap: Snapshot
    templates: Templates
    structured: StructuredComposer
    dense_weight: float = 0.3
    min_evidence: float = 0.35
    llm: Any | None = None

    def search(self, q: Analysis, query: str, k: int = 6) -> list[str]:
        """Top chunks, restricted to the years and policies the question names (when it does)."""
        snap = self.snap
        wide = bool(q.years or q.policies)
        hits = hybrid_search(snap, query, k=60 if wide else k, dense_weight=self.dense_weight)
        if wide:
            # The policy named narrows first; the year only where a document of it covers that
            # year: "…la política de bibliotecas al 2030" is about the PNBP, whose reports cover 2023.
            of_policy = {d["doc_id"]: d for d in snap.documents.values() if not q.policies or d["policy"] in q.policies}
            of_year = {i for i, d in of_policy.items() if not q.years or d["period"] in q.years}
            for docs in (of_year, set(of_policy)):
                filtered = [(c, sc) for c, sc in hits if snap.chunk_meta.get(c, {}).get("doc_id") in docs]
                if filtered:
                    hits = filtered
                    break
            else:
                if q.policies and of_policy:
                    # "¿Cuál es el problema público que atiende la PNPA?": no passage of the policy
                    # named says it; another policy's passage would answer for the wrong one.
                    return []
        return [c for c, _ in hits[:k]]

    def refusal(self, q: Analysis, reason: str, topics: list[str] | None = None,
                chunk_ids: list[str] | None = None) -> Answer:
        """A refusal that says why, and offers nearby topics that share a word with the question."""
        if topics is None:
            topics = nearest_topics(self.snap, chunk_ids if chunk_ids is not None else self.search(q, q.search_text),
                                    stems=set(self.snap.kin_stems(q.search_text)))
        text = self.templates.render("refusal", reason=reason, topics=topics)
        return Answer(text=text, refused=True, route="rechazo", notes=[reason])

    def quote(self, chosen: list[ScoredSentence], listed: bool = False) -> Answer:
        """Quote ``chosen`` (in document order), cite each, and carry any discrepancy ingest recorded."""
        snap = self.snap
        chosen = sorted(chosen, key=lambda c: (c.rec.doc_id, c.rec.seq))
        # A list item's bullet dash is the layout, not the words: «Agilizar…», never «- Agilizar…».
        quotes = [{"quote": display(c.rec.text), "doc": snap.doc_name(c.rec.doc_id),
                   "where": f"págs. {c.rec.page}–{c.rec.end_page}" if c.rec.end_page > c.rec.page else f"pág. {c.rec.page}"}
                  for c in chosen]
        text = self.templates.render("extractive", quotes=quotes, listed=listed)
        citations = [Citation(snap.doc_name(c.rec.doc_id), c.rec.page, c.rec.section, c.rec.text, c.rec.doc_id)
                     for c in chosen]
        draft = Draft(text, citations, [], "recuperacion", [], [])
        self.structured.add_discrepancies(snap, draft, quotes=[c.rec.text for c in chosen],
                                          doc_ids={c.rec.doc_id for c in chosen})
        for c in chosen:
            for n in find_numbers(c.rec.text):
                if is_year(n):
                    continue  # "al 2030", "en 2023": dates, not figures an official checks
                draft.figures.append(Figure(n.value, "%" if n.percent else None, None, c.rec.period, True, "cita"))
        return self.finish(draft)

    def verify(self, draft: Draft) -> Answer | None:
        """The draft as an answer when every figure in it traces to the store or a quoted span."""
        allowed = list(draft.allowed) + [float(d["period"]) for d in self.snap.documents.values() if d["period"]]
        result = verify_answer(draft.text, allowed, self.snap.quotes)
        if not result.ok:
            log.warning("Respuesta descartada por verificación: números %s, citas %s", result.unsupported, result.bad_quotes)
            return None
        return Answer(text=draft.text, refused=draft.route == "rechazo", citations=draft.citations,
                      figures=draft.figures, route=draft.route, notes=draft.notes)

    def finish(self, draft: Draft) -> Answer:
        """Verify a draft; if a number cannot be traced, fall back to quoting its sources."""
        answer = self.verify(draft)
        if answer is not None:
            return answer
        if draft.route == "rechazo":
            # A refusal whose shown figures cannot be traced stays a refusal, without them.
            reason = draft.notes[0] if draft.notes else "no hay una respuesta verificada"
            return Answer(text=self.templates.render("refusal", reason=reason, topics=[]), refused=True,
                          route="rechazo", notes=[reason, "verificación fallida"])
        if draft.citations:
            quotes = [{"quote": c.quote, "where": f"pág. {c.page}", "doc": c.document} for c in draft.citations[:2]]
            fallback = Draft(self.templates.render("extractive", quotes=quotes, listed=False), draft.citations[:2], [],
                             draft.route + "-citas", [], [])
            answer = self.verify(fallback)
            if answer is not None:
                return answer
        return Answer(text="No puedo dar una respuesta verificada a esa pregunta con los documentos ingeridos.",
                      refused=True, route="rechazo", notes=["verificación fallida"])
