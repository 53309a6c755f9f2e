"""Facts about a document itself: who signed it, where and when."""

from __future__ import annotations

from assistant.analysis import Analysis
from assistant.answer import Answer, Citation
from assistant.answers.base import Context
from assistant.signature import signatures
from assistant.structured import Draft


def signatory(ctx: Context, q: Analysis) -> Answer | None:
    """Each named (or every) document's signatory, quoting the signature lines."""
    snap = ctx.snap
    signed = signatures(snap)
    docs = [d for d in snap.documents.values()
            if (not q.policies or d["policy"] in q.policies) and (not q.years or d["period"] in q.years)]
    found = [signed[d["doc_id"]] for d in docs if d["doc_id"] in signed]
    if not found:
        return None  # no signature read: the documents' own sentences may still say it
    found.sort(key=lambda s: (snap.documents[s.doc_id]["policy"], -(snap.documents[s.doc_id]["period"] or 0)))
    unsigned = [snap.doc_name(d["doc_id"]) for d in docs if d["doc_id"] not in signed]
    missing = (f"Sin firma en el texto ingerido: {', '.join(unsigned)}."
               if unsigned and (q.policies or q.years) else "")
    items = [{"doc": snap.doc_name(s.doc_id), "name": s.name, "role": s.role, "place_date": s.place_date,
              "page": s.page, "quotes": s.quotes} for s in found]
    text = ctx.templates.render("signature", signatures=items, missing=missing)
    citations = [Citation(snap.doc_name(s.doc_id), s.page, "firma", quote, s.doc_id)
                 for s in found for quote in s.quotes]
    return ctx.finish(Draft(text, citations, [], "firmante", [], []))
