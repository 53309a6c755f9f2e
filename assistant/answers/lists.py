""""¿Los foros que nombra el resumen son los mismos que los del OP.04?": two places of one report
that each name a list of bodies, compared name by name.

A report may name the same kind of thing twice, in its summary and in an objective's section, and
not name the same ones. Each place's enumerations are read (the sentences with several names, and
the one after that names more); a name is keyed by its short form, given in brackets or spelled out
elsewhere in the documents ("Alianza del Pacífico (AP)"), so the two lists compare as sets.
"""

from __future__ import annotations

from assistant.acronyms import BRACKETED, acronyms
from assistant.analysis import Analysis
from assistant.answer import Answer, Citation
from assistant.answers.base import Context
from assistant.knowledge import SentenceRec, Snapshot
from assistant.passages import (
    MIN_NAMED_ITEMS,
    doc_sentences,
    name_runs,
    named_items,
    summary_section,
)
from assistant.structured import Draft, in_latest_report
from ingest.numbers import strip_accents


def _listing(snap: Snapshot, indices: list[int]) -> list[int]:
    """Of ``indices``, the enumerations: a sentence with several names, and the one after it that names more."""
    out: list[int] = []
    for i in indices:
        text = snap.sentences[i].text
        if named_items(text) >= MIN_NAMED_ITEMS or out and i == out[-1] + 1 and name_runs(text) >= 2:
            out.append(i)
    return out


def _names(snap: Snapshot, text: str) -> list[str]:
    """The bodies a sentence names, each by its short form: in brackets, or spelled out in it."""
    known = acronyms(snap)
    # "…en diversos foros (…), tales como: OCDE, AGCED…": the names the colon introduces.
    text = text.rsplit(":", 1)[-1]
    found = [m.group(1) for m in BRACKETED.finditer(text)]
    folded = strip_accents(text).lower()
    # A long form inside a bracketed body's name ("América Latina y el Caribe" in the CEPAL's) is no body.
    inside = [strip_accents(known[f].long_form).lower() for f in found if f in known]
    for short, acronym in known.items():
        spelled = strip_accents(acronym.long_form).lower()
        if short not in found and len(spelled.split()) > 1 and spelled in folded \
                and not any(spelled in name for name in inside):
            found.append(short)
    return list(dict.fromkeys(found))


def compare(ctx: Context, q: Analysis) -> Answer | None:
    """The names the report's summary and the named objective's section each give, and which
    appear in only one of them; None when either place names no list."""
    snap = ctx.snap
    docs = [d for d in snap.documents.values() if d.get("doc_type", "reporte") == "reporte"
            and (not q.policies or d["policy"] in q.policies)
            and any(o["code"] == q.objective and o["doc_id"] == d["doc_id"] for o in snap.objectives.values())]
    docs = in_latest_report(docs)
    if len(docs) != 1 or not q.objective:
        return None
    doc_id = docs[0]["doc_id"]
    summary = _listing(snap, summary_section(snap, doc_id))
    section = _listing(snap, [i for i in doc_sentences(snap).get(doc_id, [])
                              if snap.sentences[i].objective == q.objective])
    first = [n for i in summary for n in _names(snap, snap.sentences[i].text)]
    second = [n for i in section for n in _names(snap, snap.sentences[i].text)]
    if not first or not second:
        return None
    only_first = [n for n in first if n not in second]
    only_second = [n for n in second if n not in first]
    both = [n for n in first if n in second]
    lines = [f"El resumen del reporte nombra: {', '.join(dict.fromkeys(first))}.",
             f"La sección del {q.objective} nombra: {', '.join(dict.fromkeys(second))}."]
    if not only_first and not only_second:
        lines.append("Son los mismos.")
    else:
        # "¿Es consistente…?", "¿son los mismos…?": the yes or no asked, first.
        lines.insert(0, "No del todo: las listas no coinciden.")
        lines.append(f"En ambos: {', '.join(dict.fromkeys(both)) or 'ninguno'}.")
        if only_first:
            lines.append(f"Solo en el resumen: {', '.join(dict.fromkeys(only_first))}.")
        if only_second:
            lines.append(f"Solo en la sección del {q.objective}: {', '.join(dict.fromkeys(only_second))}.")
    recs: list[SentenceRec] = [snap.sentences[i] for i in [*summary, *section]]
    doc = snap.doc_name(doc_id)
    quotes = "\n\n".join(f"> «{r.text}» — {doc}, pág. {r.page}" for r in recs)
    text = "\n\n".join([" ".join(lines), quotes])
    citations = [Citation(doc, r.page, r.section, r.text, r.doc_id) for r in recs]
    return ctx.finish(Draft(text, citations, [], "listas-comparadas", [], []))
