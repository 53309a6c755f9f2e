"""Facts about the documents themselves: who signed them, where and when; what their acronyms stand for."""

from __future__ import annotations

from assistant.acronyms import acronyms
from assistant.analysis import Analysis
from assistant.answer import Answer, Citation
from assistant.answers.base import Context
from assistant.entities import lexicon
from assistant.passages import policy_name_stems
from assistant.signature import signatures
from assistant.structured import Draft
from assistant.text import content_stems


def signatory(ctx: Context, q: Analysis) -> Answer | None:
    """Each named (or every) document's signatory, quoting the signature lines."""
    snap = ctx.snap
    signed = signatures(snap)
    docs = [d for d in snap.documents.values()
            if (not q.policies or d["policy"] in q.policies) and (not q.years or d["period"] in q.years)]
    kind = q.asked.document_kind
    if kind is not None and any(_kind_of(d) == kind for d in docs):
        # "¿Quién firmó el decreto de bibliotecas?": the decree's signature, not a report's.
        docs = [d for d in docs if _kind_of(d) == kind]
    elif kind == "politica" and docs:
        # "quien firmo el decreto supremo que aprobo la pncti": no decree of it is ingested; its
        # report's signatory did not sign the decree.
        which = ", ".join(sorted({d["policy"] for d in docs}))
        return ctx.refusal(q, f"los documentos ingeridos no incluyen el texto de la norma que aprobó la {which}, "
                              "solo sus reportes de cumplimiento")
    found = [signed[d["doc_id"]] for d in docs if d["doc_id"] in signed]
    if q.asked.when and not q.asked.signer and found and not any(s.place_date for s in found):
        # "On what date was the report signed?": a signature line without a date does not say when.
        names = ", ".join(snap.doc_name(s.doc_id) for s in found)
        return ctx.refusal(q, f"el texto ingerido de {names} no consigna la fecha de la firma")
    if not found and docs and (q.policies or q.years) and any(signed):
        # "¿Quién firmó el Decreto Supremo N° 004-2022-MC?": the documents named carry no signature
        # line (others do), and a sentence that names the document does not say who signed it.
        names = ", ".join(snap.doc_name(d["doc_id"]) for d in docs)
        return ctx.refusal(q, f"el texto ingerido de {names} no consigna quién lo firmó")
    if not found:
        return None  # no signature read: the documents' own sentences may still say it
    found.sort(key=lambda s: (snap.documents[s.doc_id]["policy"], -(snap.documents[s.doc_id]["period"] or 0)))
    unsigned = [snap.doc_name(d["doc_id"]) for d in docs if d["doc_id"] not in signed]
    missing = (f"Sin firma en el texto ingerido: {', '.join(unsigned)}."
               if unsigned and (q.policies or q.years) else "")
    items = [{"doc": snap.doc_name(s.doc_id), "name": s.name, "role": s.role, "place_date": s.place_date,
              "page": s.page, "quotes": s.quotes} for s in found]
    undated = [i["doc"] for i in items if not i["place_date"]] if q.asked.when else []
    if undated:
        no_date = f"El texto ingerido de {', '.join(undated)} no consigna la fecha de la firma."
        missing = f"{missing} {no_date}" if missing else no_date
    text = ctx.templates.render("signature", signatures=items, missing=missing)
    citations = [Citation(snap.doc_name(s.doc_id), s.page, "firma", quote, s.doc_id)
                 for s in found for quote in s.quotes]
    return ctx.finish(Draft(text, citations, [], "firmante", [], []))


def _kind_of(doc: dict) -> str:
    """"reporte" for a compliance report, "politica" for a policy's approving document."""
    return "reporte" if doc["doc_type"] == "reporte" else "politica"


def post_holder(ctx: Context, q: Analysis) -> Answer:
    """"¿Quién es el jefe de la Oficina General de Planeamiento y Presupuesto?": the signatory whose
    post the question's words name, quoted; else a refusal, since the documents name no one else."""
    snap = ctx.snap
    asked = {s for s in q.asked.key_stems if s not in policy_name_stems(snap, q.policies)}
    roles = asked & {x for w in lexicon().slots["signature_roles"] for x in content_stems(w)}
    best, held = None, 0.0
    for s in signatures(snap).values():
        if q.policies and snap.documents[s.doc_id]["policy"] not in q.policies:
            continue
        # One post of the signature ("Jefe de la Oficina General de Planeamiento y Presupuesto"),
        # never a rank and a ministry read together ("Ministro Consejero, …, Ministerio de Relaciones
        # Exteriores" is no "ministro de Relaciones Exteriores").
        for post in (set(content_stems(part, drop_generic=True)) for part in s.role.split(",")):
            if not roles & post:
                continue
            share = sum(snap.weight(x) for x in asked & post) / max(sum(snap.weight(x) for x in asked), 1e-9)
            if share > held:
                best, held = s, share
    if best is None or held < POST_SHARE:
        return ctx.refusal(q, "los documentos solo nombran a quienes firman los reportes, y ninguno ocupa ese cargo")
    item = {"doc": snap.doc_name(best.doc_id), "name": best.name, "role": best.role, "place_date": best.place_date,
            "page": best.page, "quotes": best.quotes}
    text = ctx.templates.render("signature", signatures=[item], missing="")
    citations = [Citation(snap.doc_name(best.doc_id), best.page, "firma", quote, best.doc_id) for quote in best.quotes]
    return ctx.finish(Draft(text, citations, [], "firmante", [], []))


# Share of the question's topic words (by weight) a signatory's post must hold to be the one asked.
POST_SHARE = 0.5


def acronym_meanings(ctx: Context, q: Analysis) -> Answer | None:
    """The long form of each acronym the question names, as a document spells it out."""
    snap = ctx.snap
    known = acronyms(snap)
    asked = [known[w.upper()] for w in dict.fromkeys([*q.asked.abbreviations, *q.asked.own_words])
             if w.upper() in known and (w.isupper() or len(w) >= 3)]
    asked = list(dict.fromkeys(asked))
    if not asked:
        return None  # no acronym the documents spell out: another route may answer
    # "¿Qué significa UOCTI en el reporte de la PNCTI?": the policy says where, not what is asked.
    asked = [a for a in asked if a.acronym not in q.policies] or asked
    items = [{"acronym": a.acronym, "long_form": a.long_form, "quote": a.quote, "doc": snap.doc_name(a.doc_id),
              "page": a.page} for a in asked]
    text = ctx.templates.render("acronyms", items=items)
    citations = [Citation(snap.doc_name(a.doc_id), a.page, "siglas", a.quote, a.doc_id) for a in asked]
    return ctx.finish(Draft(text, citations, [], "siglas", [], []))
