"""A report's summary, quoted: "Resume el reporte", "¿Qué periodo abarca el reporte?"."""

from __future__ import annotations

from assistant.analysis import Analysis
from assistant.answer import Answer
from assistant.answers.base import Context
from assistant.passages import summary_sentences
from assistant.retrieval import ScoredSentence
from assistant.structured import in_latest_report


def answer(ctx: Context, q: Analysis) -> Answer | None:
    """The summary of the one report the question names (or implies); for a period question,
    just its opening sentence, which says what period the report covers."""
    first_only = q.asked.period and not q.asked.summary
    snap = ctx.snap
    docs = [d for d in snap.documents.values() if (not q.years or d["period"] in q.years)
            and (not q.policies or d["policy"] in q.policies)]
    docs = in_latest_report(docs) if not q.years else docs
    if len(docs) != 1:
        return None
    indices = summary_sentences(snap, docs[0]["doc_id"])[:1 if first_only else None]
    if not indices:
        return None
    return ctx.quote([ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in indices], listed=not first_only)
