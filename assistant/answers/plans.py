""""¿Qué propone el reporte para mejorar?", "what will the BNP do next year?": the report's forward-looking
section (``plan_sections`` of nouns.yaml: "Alternativas de mejora", "Medidas para mejorar…"), quoted.

A question with a topic of its own ("…sobre los desembarcaderos", or an earlier turn's topic) gets the
items of that section on it; a question with no topic gets the whole section. Where the section says
nothing on the topic, retrieval answers (a plan may be stated elsewhere in the report).
"""

from __future__ import annotations

from functools import cache

from assistant.analysis import Analysis
from assistant.answer import Answer
from assistant.answers.base import Context
from assistant.answers.retrieval import is_heading
from assistant.answers.section import is_signature_line
from assistant.entities import load_data, slot_stems
from assistant.knowledge import Snapshot, per_snapshot
from assistant.passages import doc_sentences, is_list_item, policy_name_stems
from assistant.retrieval import ScoredSentence, plan_section
from assistant.structured import in_latest_report
from assistant.text import content_stems

# An item is about the question's topic when it holds this share of the best item's topic weight.
ITEM_SHARE = 0.6
# How many items a topic picks, and how many a whole section quotes.
MAX_TOPIC_ITEMS = 3
MAX_SECTION_ITEMS = 8


@per_snapshot
def plan_items(snap: Snapshot) -> dict[str, list[list[int]]]:
    """doc_id → the items of its forward-looking section, in order, each the sentences of one list
    item ("- El MRE… continuará difundiendo…", then "Para ello se ha previsto…") or of prose."""
    out: dict[str, list[list[int]]] = {}
    for doc_id, sentences in _plan_sentences(snap).items():
        items: list[list[int]] = []
        for i in sentences:
            if not items or is_list_item(snap.sentences[i].text) or not is_list_item(snap.sentences[items[-1][0]].text):
                items.append([i])
            else:
                items[-1].append(i)  # a list item's next sentence carries it on
        out[doc_id] = items
    return out


def _plan_sentences(snap: Snapshot) -> dict[str, list[int]]:
    """doc_id → the sentences of its forward-looking section, in order (heading and signature left out)."""
    out: dict[str, list[int]] = {}
    for doc_id, indices in doc_sentences(snap).items():
        found: list[int] = []
        for i in indices:
            rec = snap.sentences[i]
            if not plan_section(rec.section) or is_heading(snap, rec):
                if found:
                    break
                continue
            if is_signature_line(rec.text) or not rec.text.rstrip().endswith((".", ";", ":")):
                break  # the signature block that closes the report ("Lima, 28 de marzo de 2024", a name)
            found.append(i)
        if found:
            out[doc_id] = found
    return out


@cache
def _noun_stems(name: str) -> frozenset[str]:
    """Stems of the words of one list of nouns.yaml (``plan_sections``: the section's own name;
    ``plan_item_nouns``: what names its items)."""
    return frozenset(content_stems(" ".join(load_data("nouns.yaml")[name])))


@per_snapshot
def _policies_of_stem(snap: Snapshot) -> dict[str, frozenset[str]]:
    """stem → the policies whose documents use it."""
    out: dict[str, set[str]] = {}
    for rec in snap.sentences:
        policy = snap.documents[rec.doc_id]["policy"]
        for stem in rec.stems:
            out.setdefault(stem, set()).add(policy)
    return {k: frozenset(v) for k, v in out.items()}


def _policies_only_named_by(snap: Snapshot, stems: set[str]) -> set[str]:
    """The policies named by ``stems`` that only one policy's documents use ("bnp": the PNBP)."""
    return {p for s in stems if len(ps := _policies_of_stem(snap).get(s, frozenset())) == 1 for p in ps}


def _topic(snap: Snapshot, q: Analysis, policies: list[str]) -> set[str]:
    """The question's topic stems the documents know: its own words, or an earlier turn's when it
    has none ("¿y qué propone el reporte para mejorar eso?"); framing, plan and policy words aside."""
    # "para mejorar" names the section ("Alternativas de mejora"), not what a measure is about.
    framing = set(slot_stems()) | policy_name_stems(snap, policies) | set(q.policy_spot) | _noun_stems("plan_sections")
    words = q.asked.key_stems
    # "¿y qué alternativas de mejora plantea el reporte?" names the section's items: all of them,
    # whatever the earlier turn was about ("¿y qué propone para mejorar eso?" does not).
    names_items = bool(set(words) & _noun_stems("plan_item_nouns"))
    if q.follow_up and not names_items and not any(s not in framing and snap.knows(s) for s in words):
        words = tuple(q.inherited) or tuple(content_stems(q.search_text, drop_generic=True))
    return {k for s in words if s not in framing and not s.isdigit() and (k := snap.kin(s)) is not None}


def answer(ctx: Context, q: Analysis) -> Answer | None:
    """The items of the report's forward-looking section the question asks about; None when the
    question's topic is in none of them, or no report in scope has such a section."""
    snap = ctx.snap
    docs = [d for d in snap.documents.values() if (not q.policies or d["policy"] in q.policies)
            and d["doc_id"] in plan_items(snap)]
    docs = in_latest_report(docs) if not q.years else [d for d in docs if d["period"] in q.years] or docs
    if not docs:
        return None
    topic = _topic(snap, q, [d["policy"] for d in docs if d["policy"]])
    if not q.policies and not topic and q.follow_up and len(docs) > 1:
        # "¿y qué alternativas de mejora plantea el reporte?" after a question on the BNP's donors:
        # the earlier turn says whose report.
        named = _policies_only_named_by(snap, {k for s in q.inherited if (k := snap.kin(s)) is not None})
        docs = [d for d in docs if d["policy"] in named] if len(named) == 1 else docs
    if not q.policies:
        # "¿Qué acciones tiene previstas la BNP…?": a word only one policy's documents use names it.
        own = {s for s in topic if _policies_only_named_by(snap, {s})}
        named = _policies_only_named_by(snap, own)
        if len(named) == 1:
            docs = [d for d in docs if d["policy"] in named]
            in_plans = {st for d in docs for item in plan_items(snap)[d["doc_id"]] for i in item
                        for st in snap.sentences[i].stems}
            if not (topic - own) and not topic & in_plans:
                topic = set()  # "la BNP" names whose plans, not what they are about
    weight = sum(snap.weight(s) for s in topic)
    if not topic or not weight:
        if len(docs) != 1:
            return None  # nothing to choose one report's plans by
        # Each item by its opening sentence: one line per measure, so "¿y la segunda en qué consiste?"
        # points at the second measure (and gets the whole of it).
        chosen = [item[0] for item in plan_items(snap)[docs[0]["doc_id"]][:MAX_SECTION_ITEMS]]
    else:
        scored = [(sum(snap.weight(s) for s in topic if any(s in snap.sentences[i].stems for i in item)) / weight,
                   item) for d in docs for item in plan_items(snap)[d["doc_id"]]]
        best = max((s for s, _ in scored), default=0.0)
        if best < (ctx.min_evidence / 2 if q.follow_up else ctx.min_evidence):
            # The plans say nothing on this topic: retrieval looks elsewhere. An earlier turn's topic
            # carries that turn's framing too ("se entregaron" of "¿…mejorar eso?" after the
            # collections delivered), so less of it is asked of an item.
            return None
        picked = [item for s, item in scored if s >= ITEM_SHARE * best][:MAX_TOPIC_ITEMS]
        chosen = [i for item in picked for i in item]
        if len({snap.sentences[i].doc_id for i in chosen}) > 1:
            return None  # the same plan in several reports: which policy is meant is for the question to say
    answer = ctx.quote([ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in chosen], listed=len(chosen) > 1)
    if not answer.refused:
        answer.route = "planes"
    return answer
