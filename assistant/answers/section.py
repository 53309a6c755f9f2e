""""¿Cuál es la situación futura deseada de la PNBP?": the text under the heading the question names.

A policy document is written in sections whose headings are the questions officials ask ("Problema
público", "Situación futura deseada"). A question that names every topic word of a heading is
answered with the prose or the list under it, up to the next heading. Headings that only name what
the catalogue answers (objectives, services, indicators: ``section_kind_words`` in ``slots.yaml``)
and tables are left to their own routes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.analysis import Analysis
from assistant.answer import Answer, Citation
from assistant.answers.base import Context
from assistant.answers.retrieval import is_heading
from assistant.catalog import names_heading
from assistant.entities import canonicalise, fold, is_framing_stem, lexicon
from assistant.knowledge import Snapshot, per_snapshot
from assistant.passages import doc_sentences, is_list_item, policy_name_stems
from assistant.retrieval import ScoredSentence
from assistant.structured import Draft
from assistant.text import content_stems

# A heading is named by a question when it has at least this many topic words, all in the question.
MIN_HEADING_WORDS = 2
# A heading is short; longer sentences are never tested as one.
MAX_HEADING_CHARS = 160
# How many sentences of a section's prose, or items of its list, are quoted.
MAX_BODY = 3
MAX_LIST = 8
_NUMBERING = re.compile(r"^(?:\d{1,2}|[ivx]{1,4})$")


@lru_cache(maxsize=1)
def _kind_stems() -> frozenset[str]:
    return frozenset(content_stems(" ".join(lexicon().slots["section_kind_words"])))


def heading_topic(text: str) -> frozenset[str]:
    """The words of a heading that say what its section is about (numbering and catalogue words
    aside); with the domain's generic words when too few are left without them and one is not
    generic ("Cooperación y alianzas"; never "Valor obtenido", a table's header)."""
    topic = frozenset(s for s in content_stems(text, drop_generic=True)
                      if s not in _kind_stems() and not _NUMBERING.match(s))
    if topic and len(topic) < MIN_HEADING_WORDS:
        topic = frozenset(s for s in content_stems(text) if s not in _kind_stems() and not _NUMBERING.match(s))
    return topic


def body_of(snap: Snapshot, index: int) -> list[ScoredSentence]:
    """What is under the heading at ``index``, up to the next heading: its prose, or its list
    ("IV. Alternativas de mejora" then "- Priorizar…", "- Agilizar…"); none for a table."""
    head = snap.sentences[index]
    body: list[ScoredSentence] = []
    listed = False
    for idx in range(index + 1, min(index + 1 + MAX_LIST, len(snap.sentences))):
        rec = snap.sentences[idx]
        if rec.doc_id != head.doc_id or is_heading(snap, rec) or "|" in rec.text:
            break  # a table: the indicator routes read those
        item = is_list_item(rec.text)
        if not body:
            listed = item
        elif listed and not item and (not rec.text.rstrip().endswith((".", ";", ":")) or is_signature_line(rec.text)):
            break  # past the list: a signature block ("Humberto Velásquez Guevara", "Firma: …"), not an item's sentence
        elif item and not listed or (not listed and len(body) >= MAX_BODY):
            break
        body.append(ScoredSentence(idx, rec, 0.0, 0.0))
    return body


def is_signature_line(text: str) -> bool:
    """True for a signature line: a ``signed`` word of slots.yaml, then a colon ("Firma: …")."""
    folded = fold(text).lstrip("-• ")
    return any(folded.startswith((f"{w}:", f"{w} :")) for w in lexicon().slots["signed"])


@per_snapshot
def headings(snap: Snapshot) -> list[tuple[int, frozenset[str], str]]:
    """(sentence index, topic words, policy) of every heading with a topic of its own."""
    # A policy's name in a heading ("POLÍTICA NACIONAL DE PESCA ARTESANAL AL 2030 (PNPA)") says
    # whose document it is, not what the section is about.
    names = {s for d in snap.documents.values() for s in content_stems(
        f"{d.get('policy_name') or ''} {d.get('policy') or ''}", drop_generic=True)}
    out = []
    for index, rec in enumerate(snap.sentences):
        text = rec.text
        if len(text) > MAX_HEADING_CHARS or text.endswith(".") and not text[:2].isupper():
            continue  # most sentences: prose ends in a full stop (this runs at start-up, per snapshot)
        if not is_heading(snap, rec) or "|" in text:
            continue  # a table's header row is no section's heading
        topic = heading_topic(rec.text)
        # "Problema público": a word of a policy's name ("Bibliotecas Públicas") stays when the
        # heading says something else too; a heading of name words only is a title.
        own = topic - names
        topic = own if len(own) >= MIN_HEADING_WORDS or not own else topic
        if len(topic) >= MIN_HEADING_WORDS:
            out.append((index, topic, snap.documents[rec.doc_id]["policy"]))
    return out


def answer(ctx: Context, q: Analysis) -> Answer | None:
    """The prose or list under the heading the question names, or None when it names none."""
    snap = ctx.snap
    if not q.policies and len(set(snap.policies)) > 1:
        return None  # "¿Cuál es el problema público?" with several policies: not one document's heading
    # "acciones de mejora" names the heading "Alternativas de mejora" (synonyms.yaml).
    asked = set(q.stems) | set(content_stems(canonicalise(fold(q.search_text))))
    found: list[ScoredSentence] = []
    named: set[str] = set()
    mine = [(index, topic) for index, topic, policy in headings(snap) if not q.policies or policy in q.policies]
    strict = [(index, topic) for index, topic in mine if names_heading(topic, asked)]
    if not strict and q.asked.section_word and not (q.asked.consistency or q.asked.why or q.asked.amount):
        # "Resume la sección de cooperación": one word of "Cooperación y alianzas" names it, when
        # it is the policy's one heading that holds most of the question's words.
        loose = [(len(topic & asked), index, topic) for index, topic in mine if names_heading(topic, asked, loose=True)]
        best = max((n for n, _, _ in loose), default=0)
        strict = [(index, topic) for n, index, topic in loose if n == best]
        strict = strict if len(strict) == 1 else []
    for index, topic in strict:
        found += body_of(snap, index)
        named |= topic
    if not found:
        return None
    # What the summary is of: its topic words, not "resume" or "sección" (slot words frame it).
    key = {k for k in set(q.asked.key_stems) - set(policy_name_stems(snap, q.policies)) if not is_framing_stem(k)}
    if q.asked.summary_word and len(key - named) > len(key & named):
        # "Resúmeme la política: problema público, situación futura y objetivos": one section is
        # less than half of what the summary asks.
        return None
    answer = ctx.quote(found)
    answer.route = "seccion"
    return answer


# A section heading's numbering: "SECCIÓN II.", "IV.", "3." (the CEPLAN reports' and decrees' layout).
_NUMBERED = re.compile(r"^(?:secci[oó]n\s+)?(?:[ivx]{1,4}|\d{1,2})[.)](?:\s+|$)", re.IGNORECASE)
# A heading is short; one longer than this is a numbered sentence of prose.
MAX_OUTLINE_CHARS = 200


def outline(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Qué secciones tiene el reporte de la PNPA?": the numbered headings of the one document the
    question names (its latest report, or its policy document when it names a decree), in order."""
    snap = ctx.snap
    policies = q.policies or sorted({d["policy"] for d in snap.documents.values() if d["policy"]})
    if len(policies) != 1:
        return None  # which document's sections: the question must say
    kind = "politica" if q.asked.document_kind == "politica" else "reporte"
    docs = [d for d in snap.documents.values() if d["policy"] == policies[0] and d.get("doc_type", "reporte") == kind]
    docs = sorted(docs, key=lambda d: d["period"] or 0)[-1:]
    if not docs:
        return None
    doc_id = docs[0]["doc_id"]
    indices = doc_sentences(snap).get(doc_id, [])
    lines, citations = [], []
    for n, i in enumerate(indices):
        rec = snap.sentences[i]
        if len(rec.text) > MAX_OUTLINE_CHARS or not _NUMBERED.match(rec.text) or not is_heading(snap, rec):
            continue
        parts = [rec]
        if not _NUMBERED.sub("", rec.text).strip() and n + 1 < len(indices):
            parts.append(snap.sentences[indices[n + 1]])  # "SECCIÓN II." then its title, "SERVICIOS"
        lines.append("- " + " ".join(f"«{p.text}»" for p in parts) + f" (pág. {rec.page})")
        citations += [Citation(snap.doc_name(doc_id), p.page, p.section, p.text, doc_id) for p in parts]
    if len(lines) < 2:
        return None
    text = f"El {snap.doc_name(doc_id)} se organiza en estas secciones:\n\n" + "\n".join(lines)
    return ctx.finish(Draft(text, citations, [], "secciones", [], []))
