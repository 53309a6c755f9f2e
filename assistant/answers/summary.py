"""A report's summary: its own summary, quoted, and the figures of its indicators, from the store."""

from __future__ import annotations

from dataclasses import replace

from assistant.analysis import Analysis
from assistant.answer import Answer
from assistant.answers.base import Context
from assistant.entities import fold, slot_regex
from assistant.overview import overview_answer
from assistant.passages import summary_sentences
from assistant.retrieval import ScoredSentence
from assistant.structured import NotInCorpus, in_latest_report, merge_drafts


def answer(ctx: Context, q: Analysis) -> Answer | None:
    """The summary of the one report the question names (or implies); for a period question,
    just its opening sentence, which says what period the report covers."""
    first_only = q.asked.period and not q.asked.summary
    snap = ctx.snap
    docs = [d for d in snap.documents.values() if (not q.years or d["period"] in q.years)
            and (not q.policies or d["policy"] in q.policies) and d.get("doc_type", "reporte") == "reporte"]
    docs = in_latest_report(docs) if not q.years else docs
    if len(docs) != 1:
        return None
    doc = docs[0]
    indices = summary_sentences(snap, doc["doc_id"])[:1 if first_only else None]
    if first_only:
        # "¿Qué período abarca el reporte?": its summary's opening sentence, when it states the months
        # ("…de abril a diciembre de 2023"); otherwise the report says it elsewhere ("Período evaluado: …").
        dated = [i for i in indices if slot_regex("period", "months").search(fold(snap.sentences[i].text))]
        return ctx.quote([ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in dated]) if dated else None
    # What the report says it achieved, then what its indicators reached: an official asking for
    # "los principales resultados" wants the figures, each from the store and cited.
    scoped = replace(q, policies=[doc["policy"]] if doc["policy"] else q.policies,
                     years=[doc["period"]] if doc["period"] else q.years)
    try:
        figures = overview_answer(ctx.structured, snap, scoped, "summary")
    except NotInCorpus:
        figures = None
    if figures is None:
        return ctx.quote([ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in indices], listed=True) if indices else None
    if not indices:
        return ctx.finish(figures)
    quoted = ctx.quote([ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in indices], listed=True)
    if quoted.refused:
        return ctx.finish(figures)
    merged = merge_drafts([figures], quoted.text)
    merged.citations = quoted.citations + merged.citations
    merged.figures = quoted.figures + merged.figures
    merged.allowed += [f.value for f in quoted.figures]
    merged.route = "resumen"
    return ctx.finish(merged)
