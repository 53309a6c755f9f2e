"""What a policy is made of: its partners, priority objectives, guidelines (lineamientos) and
services, listed from the store; a count of them is the length of the list, labelled as computed."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import cache
from typing import Any

from assistant.analysis import Analysis
from assistant.answer import Answer, Citation, Figure
from assistant.answers import retrieval
from assistant.answers.base import Context
from assistant.answers.counts import counted_kind_words, declared_counts
from assistant.answers.indicator import partners_of_indicator
from assistant.entities import fold, slot_stems
from assistant.knowledge import Snapshot, per_snapshot
from assistant.passages import policy_name_stems
from assistant.retrieval import select_sentences
from assistant.structured import Draft, NotInCorpus, in_latest_report, merge_drafts
from assistant.text import content_stems
from ingest.numbers import format_number, number_word, strip_accents
from ingest.reports.cues import COUNTED_ITEMS


def partners(ctx: Context, q: Analysis) -> Answer | None:
    """The partner countries, filtered by the region, country and role asked."""
    if q.named_countries and (q.asked.amount and q.asked.counted or q.asked.money) and not q.asked.count_partners:
        # "¿Cuántos proyectos le ofreció el Perú a Colombia?": listing the country would read as an
        # answer. A sentence that counts with that country ("tres proyectos con Tailandia") answers
        # by retrieval; with none, the documents give no count per country.
        if _counted_with(ctx.snap, q.named_countries):
            return None
        return ctx.refusal(q, f"los documentos no dan cifras por país ({', '.join(q.named_countries)}); "
                              "solo lo mencionan entre los países socios")
    if q.asked.common and len(q.policies) > 1 and not q.named_countries:
        return partners_in_common(ctx, q)
    if q.codes and not (q.countries or q.regions or q.other_regions):
        q = partners_of_indicator(ctx.snap, q)
    policies = sorted({p["policy"] for p in ctx.snap.partners if p["country"] in q.named_countries})
    if not q.policies and len(policies) > 1:
        # "¿Qué hizo el Perú con Chile?": each policy's report says it in its own terms; one answer
        # merged across policies would lose which report, and which role, the country has in each.
        drafts = []
        for policy in policies:
            try:
                draft = ctx.structured.partners_answer(ctx.snap, replace(q, policies=[policy]))
            except NotInCorpus:
                continue
            if draft is not None:
                draft.text = f"**{policy}** — {draft.text}"
                drafts.append(draft)
        if len(drafts) > 1:
            return ctx.finish(merge_drafts(drafts, "Cada política lo reporta por separado:"))
    # A region is the filter asked ("¿Qué países del Caribe…?"), not a topic.
    topical = not (q.policies or q.named_countries or q.regions or q.other_regions)
    said_by = _policy_of_partner_sentence(ctx.snap, q) if topical else None
    if said_by is not None:
        # "¿Con qué países compartió el Perú su experiencia en formalización?": the question's topic
        # is what one report's partner sentence says ("…compartió su experiencia de formalización
        # con Ecuador y Chile"): that report's partners.
        q = replace(q, policies=[said_by])
    elif not q.policies and not q.named_countries and q.candidates and q.candidates[0][2] >= TOPIC_POLICY_LINK:
        # "Which countries did Peru share its fisher formalization experience with?": the topic is one
        # policy's indicator, strongly: that policy's partners, not every report's.
        top = q.candidates[0]
        rivals = [c for c in q.candidates[1:] if c[0] != top[0] and top[2] - c[2] < TOPIC_POLICY_MARGIN]
        if not rivals:
            q = replace(q, policies=[top[0]])
    draft = ctx.structured.partners_answer(ctx.snap, q)
    return ctx.finish(draft) if draft is not None else None


# How much of a partners question's topic (by IDF) one policy's partner sentence must hold for that
# policy's partners to be the ones asked, and how clear of another policy's sentence.
PARTNER_SENTENCE_COVERAGE = 0.5
PARTNER_SENTENCE_MARGIN = 0.2


@cache
def _asking_stems() -> frozenset[str]:
    """"países", "socios" and the frame words: they say a partner list is asked, not about what."""
    from assistant.entities import lexicon

    return frozenset(s for w in [*lexicon().frame, *lexicon().slots["partner_words"]] for s in content_stems(w))


@per_snapshot
def _partner_sentences(snap: Snapshot) -> list[tuple[str, frozenset[str]]]:
    """(policy, the sentence's stems) for each distinct partner sentence of the store."""
    return [(policy, frozenset(snap.kin(s) or s for s in content_stems(quote)))
            for quote, policy in sorted({(p["quote"], p["policy"]) for p in snap.partners})]


def _policy_of_partner_sentence(snap: Snapshot, q: Analysis) -> str | None:
    """The policy whose partner sentence holds most of the question's topic words, clearly; or None."""
    topic = {k for s in q.asked.key_stems if s not in _asking_stems() and (k := snap.kin(s) or s)}
    total = sum(snap.weight(s) for s in topic)
    if not topic or not total:
        return None
    best: dict[str, float] = {}
    for policy, stems in _partner_sentences(snap):
        share = sum(snap.weight(s) for s in topic if s in stems) / total
        best[policy] = max(best.get(policy, 0.0), share)
    ranked = sorted(best.items(), key=lambda e: -e[1])
    if not ranked or ranked[0][1] < PARTNER_SENTENCE_COVERAGE:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < PARTNER_SENTENCE_MARGIN:
        return None
    return ranked[0][0]


# How strongly a partners question must name one policy's indicator for its topic to pick that
# policy's partners, and how clear of another policy's candidate.
TOPIC_POLICY_LINK = 0.5
TOPIC_POLICY_MARGIN = 0.15


def partners_in_common(ctx: Context, q: Analysis) -> Answer:
    """"¿Qué países aparecen tanto en el reporte de la PNCTI como en el de pesca?": the countries each
    named policy's latest documents give as partners, in any role, that all of them share; each
    policy's sentences about them quoted."""
    snap = ctx.snap
    by_policy = {p: in_latest_report([r for r in snap.partners if r["policy"] == p]) for p in q.policies}
    if not all(by_policy.values()):
        missing = ", ".join(p for p, rows in by_policy.items() if not rows)
        return ctx.refusal(q, f"los documentos de {missing} no nombran países socios")
    countries = [list(dict.fromkeys(r["country"] for r in rows)) for rows in by_policy.values()]
    common = [c for c in countries[0] if all(c in other for other in countries[1:])]
    names = " y ".join(q.policies)
    if not common:
        lists = "; ".join(f"{p}: {', '.join(c)}" for p, c in zip(q.policies, countries))
        text = f"Ningún país aparece como socio en los documentos de {names} a la vez ({lists})."
    else:
        text = f"Países que aparecen como socios en los documentos de {names} a la vez: {', '.join(common)}."
    citations, seen = [], set()
    for policy, rows in by_policy.items():
        for r in rows:
            if (not common or r["country"] in common) and r["quote"] not in seen:
                seen.add(r["quote"])
                doc = snap.doc_name(r["doc_id"])
                text += f"\n\n> «{r['quote']}» — {doc}, pág. {r['page']} ({policy})"
                citations.append(Citation(doc, r["page"], "", r["quote"], r["doc_id"]))
    allowed = [float(r["period"] or 0) for rows in by_policy.values() for r in rows]
    return ctx.finish(Draft(text, citations, [], "socios-en-comun", allowed, []))


def _counted_with(snap: Snapshot, countries: list[str]) -> bool:
    """True when a sentence names one of ``countries`` and states a count or a figure.

    The names are found in the snapshot's folded text, not by folding every sentence per question
    (85 ms at 500 pages); ``strip_accents`` keeps lengths, so offsets give the sentence."""
    starts = _sentence_starts(snap)
    for name in (strip_accents(c) for c in countries):
        at = snap.corpus_text_folded.find(name)
        while at >= 0:
            i = bisect_right(starts, at) - 1
            rec = snap.sentences[i]
            if at + len(name) <= starts[i] + len(rec.text) and (rec.states_count or rec.states_figure):
                return True
            at = snap.corpus_text_folded.find(name, at + 1)
    return False


@per_snapshot
def _sentence_starts(snap: Snapshot) -> list[int]:
    """Where each sentence starts in ``snap.corpus_text_folded`` (the sentences joined by a space)."""
    starts, at = [], 0
    for rec in snap.sentences:
        starts.append(at)
        at += len(rec.text) + 1
    return starts


def _counted(q: Analysis) -> bool:
    return "count" in q.intents or q.asked.count_start


def _with_count(draft: Draft, n: int, what: str) -> Draft:
    """Lead ``draft`` with the number of listed items, labelled as a count of the list."""
    word = number_word(n)
    draft.text = (f"Son {n}{f' ({word})' if word else ''} {what} (conteo de esta lista: no es una cifra publicada)."
                  f"\n\n{draft.text}")
    draft.allowed.append(float(n))
    draft.figures.append(Figure(float(n), what, None, None, True, "calculado", "conteo de la lista"))
    return draft


def objectives(ctx: Context, q: Analysis) -> Answer | None:
    """The priority objectives (or the one asked); with their number when it is asked."""
    draft = ctx.structured.objectives_answer(ctx.snap, q)
    if draft is None:
        return None
    if _counted(q) and not q.objective:
        n = len(draft.citations)
        draft = _with_count(draft, n, "objetivos prioritarios" if n != 1 else "objetivo prioritario")
    return ctx.finish(draft)


# A service or indicator the question describes this well is the one whose objective it asks.
OBJECTIVE_OF_LINK = 0.4
# An objective described only by its own words must score this, clear of the next by the margin.
OBJECTIVE_BY_WORDS = 0.3
OBJECTIVE_MARGIN = 0.1
# The sentence whose section names the objective must hold this share of the question's words.
OBJECTIVE_SECTION_COVERAGE = 0.5


def objective_of(ctx: Context, q: Analysis) -> Answer | None:
    """"¿A qué objetivo prioritario pertenece el servicio de difusión de becas?": the objective of
    the service or indicator the question describes, or the objective its words describe."""
    snap = ctx.snap
    guideline = next((g for g in snap.guidelines if g["code"] in q.guideline_codes
                      and (not q.policies or g["policy"] in q.policies)), None)
    if guideline is None and q.asked.guidelines_word and q.policies:
        # "And which priority objective is it under?" after "which guideline deals with rural areas?"
        guideline = guideline_by_words(snap, q, [g for g in snap.guidelines if g["policy"] in q.policies])
    if guideline is not None:
        # "¿A qué objetivo pertenece el lineamiento L.01.02?": the objective it is listed under.
        found = snap.find(snap.objectives, guideline["objective"], [guideline["policy"]])
        if not found:
            return None
        op = snap.objectives[found[0]]
        what = f"El lineamiento {guideline['code']} («{guideline['title']}») de la {guideline['policy']}"
        text = ctx.templates.render("objective_of", what=what, code=op["code"], policy=guideline["policy"],
                                    title=op["title"], doc=snap.doc_name(op["doc_id"]), page=op["page"])
        citations = [Citation(snap.doc_name(op["doc_id"]), op["page"], "", op["quote"], op["doc_id"]),
                     Citation(snap.doc_name(guideline["doc_id"]), guideline["page"], guideline["code"],
                              guideline["quote"], guideline["doc_id"])]
        return ctx.finish(Draft(text, citations, [], "objetivo-de", [], []))
    links = ([("service", *c) for c in q.service_links[:1]] + [("indicator", *c) for c in q.candidates[:1]])
    links = sorted((c for c in links if c[3] >= OBJECTIVE_OF_LINK), key=lambda c: -c[3])
    item, kind = None, ""
    if links:
        kind, policy, code, _ = links[0]
        table = snap.services if kind == "service" else snap.indicators
        item = next((table[k] for k in snap.find(table, code, [policy])), None)
        objective = (policy, item["objective"]) if item is not None and item.get("objective") else None
    else:
        ranked = q.objective_links
        clear = ranked and ranked[0][2] >= OBJECTIVE_BY_WORDS and (
            len(ranked) == 1 or ranked[0][2] - ranked[1][2] >= OBJECTIVE_MARGIN)
        objective = (ranked[0][0], ranked[0][1]) if clear else _objective_discussing(ctx, q)
    if objective is None:
        return None
    found = snap.find(snap.objectives, objective[1], [objective[0]])
    if not found:
        return None
    op = snap.objectives[found[0]]
    what = ""
    if item is not None:
        name = item.get("name") or ""
        what = f"El {'servicio' if kind == 'service' else 'indicador'} {item.get('code') or ''} («{name}») de la {objective[0]}"
    text = ctx.templates.render("objective_of", what=what, code=op["code"], policy=objective[0], title=op["title"],
                                doc=snap.doc_name(op["doc_id"]), page=op["page"])
    citations = [Citation(snap.doc_name(op["doc_id"]), op["page"], "", op["quote"], op["doc_id"])]
    if item is not None and item.get("quote"):
        citations.append(Citation(snap.doc_name(item["doc_id"]), item["page"], "", item["quote"], item["doc_id"]))
    return ctx.finish(Draft(text, citations, [], "objetivo-de", [], []))


def _objective_discussing(ctx: Context, q: Analysis) -> tuple[str, str] | None:
    """The objective whose section holds the best sentence on the question's topic ("Peru acting
    as a South-South cooperation provider" is reported under the OP.03), when that sentence says
    enough of what is asked."""
    picked = select_sentences(ctx.snap, q.search_text, ctx.search(q, q.search_text), limit=4)
    best = next((c for c in picked if c.rec.objective and (not q.policies or c.rec.policy in q.policies)), None)
    if best is None or best.coverage < max(ctx.min_evidence, OBJECTIVE_SECTION_COVERAGE):
        return None
    return best.rec.policy, best.rec.objective


def services(ctx: Context, q: Analysis) -> Answer | None:
    """The services of the objective asked, or of the policy; with their number when it is asked."""
    if q.objective:
        draft = ctx.structured.services_answer(ctx.snap, q)
    else:
        draft = _policy_services(ctx, q)
        if draft is None:
            return None
    if _counted(q):
        n = len({c.section for c in draft.citations if c.section})
        if q.objective or not _lead_with_declared(ctx.snap, draft, n):
            draft = _with_count(draft, n, "servicios")
    return ctx.finish(draft)


def _lead_with_declared(snap: Snapshot, draft: Draft, n: int) -> bool:
    """"¿Cuántos servicios tiene la PNCTI?": the number the report declares, quoted, then how many
    it presents, by objective (an objective with none shows 0); False when it declares none."""
    listed = [c.section for c in draft.citations if c.section]
    policy = next((s["policy"] for s in snap.service_history if s["code"] in listed), None)
    declared = declared_counts(snap, "servicio", [policy]).get(policy) if policy else None
    if declared is None:
        return False
    objective_of = {s["code"]: s["objective"] for s in snap.service_history if s["policy"] == policy}
    by_objective = {o["code"]: 0 for o in snap.objectives.values() if o["policy"] == policy}
    for code in dict.fromkeys(listed):
        if objective_of.get(code):
            by_objective[objective_of[code]] = by_objective.get(objective_of[code], 0) + 1
    stated = format_number(declared["stated"])
    lead = (f"Según su reporte, la {policy} tiene **{stated} servicios**: «{declared['quote_a']}» — "
            f"{snap.doc_name(declared['doc_id'])}, pág. {declared['page_a']}.")
    presented = f"los {n}" if declared["consistent"] else f"{n} de ellos"
    lead += f"\n\nEl reporte presenta {presented} (conteo de esta lista: no es una cifra publicada)"
    if len(by_objective) > 1:
        lead += "; por objetivo prioritario, " + ", ".join(f"{k}: {v}" for k, v in sorted(by_objective.items()))
    draft.text = f"{lead}.\n\n{draft.text}"
    draft.allowed += [declared["stated"], float(n)] + [float(v) for v in by_objective.values()]
    draft.figures += [Figure(float(v), "servicios", None, None, True, "calculado", "conteo de la lista")
                      for v in {n, *by_objective.values()}]
    draft.citations.append(Citation(snap.doc_name(declared["doc_id"]), declared["page_a"], "",
                                    declared["quote_a"], declared["doc_id"]))
    return True


def _policy_services(ctx: Context, q: Analysis) -> Draft | None:
    """Every service of the one policy the question names (or the only one), from its latest report."""
    snap = ctx.snap
    policies = q.policies or sorted({s["policy"] for s in snap.service_history})
    if len(policies) != 1:
        return None
    rows = [s for s in snap.service_history if s["policy"] == policies[0]]
    rows = [s for s in rows if s["period"] in q.years] if q.years else in_latest_report(rows)
    unique = {s["code"]: s for s in rows}
    items = [unique[k] for k in sorted(unique)]
    if not items:
        return None
    rendered = [{"code": s["code"], "name": s["name"], "doc": snap.doc_name(s["doc_id"]), "page": s["page"]}
                for s in items]
    text = ctx.templates.render("services", lead=f"Servicios de la {policies[0]}", items=rendered, quotes=[])
    citations = [Citation(snap.doc_name(s["doc_id"]), s["page"], s["code"], s["quote"], s["doc_id"]) for s in items]
    return Draft(text, citations, [], "servicios", [], [])


def guidelines(ctx: Context, q: Analysis) -> Answer | None:
    """The guidelines (lineamientos) of the policy or objective asked, as the store holds them."""
    snap = ctx.snap
    several = len({d["policy"] for d in snap.documents.values()}) > 1
    rows: list[dict[str, Any]] = [g for g in snap.guidelines if (not q.policies or g["policy"] in q.policies)
                                  and (not q.objective or g["objective"] == q.objective)]
    if q.guideline_codes:
        # "¿Qué dice el lineamiento L.01.02?": that guideline, or a refusal that names the code.
        rows = [g for g in rows if g["code"] in q.guideline_codes]
        if not rows:
            return ctx.refusal(q, f"el lineamiento {', '.join(q.guideline_codes)} no figura en los documentos")
        several = False
    asks_which = q.asked.listing and not (q.asked.amount or q.asked.counted or q.asked.why or q.asked.summary_word
                                          or "count" in q.intents)
    if not rows and q.policies and asks_which:
        # "¿Cuáles son los lineamientos del OP.02 de la PNCTI?": the documents give how many, not
        # which; a sentence that happens to say "lineamientos" would read as the list.
        scope = f" del {q.objective}" if q.objective else ""
        return ctx.refusal(q, f"los documentos no listan los lineamientos{scope} de la {', '.join(q.policies)}")
    if not rows or (several and not q.policies):
        # None stored, or "la política" among several: the report's own sentence may say it.
        return retrieval.answer(ctx, q)
    objective = q.objective
    if not objective and not q.guideline_codes:
        # "the libraries policy objective on promoting reading": the one objective whose title or
        # guidelines the question's own words name.
        objective = objective_by_words(snap, q, rows)
        rows = [g for g in rows if not objective or g["objective"] == objective]
        one = guideline_by_words(snap, q, rows) if q.asked.one_guideline and not (
            q.asked.amount or q.asked.counted or q.asked.why or "count" in q.intents) else None
        rows = [one] if one else rows  # "which guideline deals with rural areas?": that one
    items = [{"code": g["code"], "name": g["title"], "doc": snap.doc_name(g["doc_id"]), "page": g["page"]}
             for g in rows]
    scope = f"del {objective} " if objective else ""
    text = ctx.templates.render("services", lead=f"Lineamientos {scope}de la {rows[0]['policy']}", items=items,
                                quotes=[])
    citations = [Citation(snap.doc_name(g["doc_id"]), g["page"], g["code"], g["quote"], g["doc_id"]) for g in rows]
    draft = Draft(text, citations, [], "lineamientos", [], [])
    if _counted(q):
        draft = _with_count(draft, len(rows), "lineamientos" if len(rows) != 1 else "lineamiento")
    return ctx.finish(draft)


# The snapshot table of each kind of item an objective has, by the kind's word (nouns.yaml counted_kinds).
_ITEMS_OF_OBJECTIVE = {"servicio": "services", "indicador": "indicators"}


def lacking_kind(words: tuple[str, ...]) -> str | None:
    """The kind of item ("servicio", "indicador") one of ``words`` names, if it is one an objective has."""
    return next((kind for kind, pattern in counted_kind_words().items()
                 if kind in _ITEMS_OF_OBJECTIVE and any(pattern.fullmatch(fold(w)) for w in words)), None)


def objectives_lacking(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Qué objetivo prioritario de la PNCTI no tiene servicios?": the objectives with none of the
    kind asked, from the catalogue, with the sentence of each that says so when there is one."""
    snap = ctx.snap
    kind = lacking_kind(q.asked.lacking)
    if kind is None:
        return None
    # The first item of each (policy, objective): it shows the objective has one, and is cited.
    first_of: dict[tuple[str, Any], dict[str, Any]] = {}
    for item in getattr(snap, _ITEMS_OF_OBJECTIVE[kind]).values():
        first_of.setdefault((item["policy"], item.get("objective")), item)
    policies = q.policies or sorted({o["policy"] for o in snap.objectives.values()})
    items, citations = [], []
    for policy in policies:
        objectives = [o for o in snap.objectives.values() if o["policy"] == policy]
        if not any((policy, o["code"]) in first_of for o in objectives):
            continue  # the documents list no such items for this policy at all: nothing to tell apart
        for o in sorted(objectives, key=lambda o: o["code"]):
            if (policy, o["code"]) in first_of:
                first = first_of[(policy, o["code"])]
                if first.get("quote"):
                    citations.append(Citation(snap.doc_name(first["doc_id"]), first["page"], "", first["quote"],
                                              first["doc_id"]))
                continue
            said = _says_none(snap, policy, o["code"], kind)
            items.append({"code": o["code"], "policy": policy, "title": o["title"], "doc": snap.doc_name(o["doc_id"]),
                          "page": o["page"], "said": said.text if said else "",
                          "said_doc": snap.doc_name(said.doc_id) if said else "", "said_page": said.page if said else 0})
            citations.append(Citation(snap.doc_name(o["doc_id"]), o["page"], "", o["quote"], o["doc_id"]))
            if said is not None:
                citations.append(Citation(snap.doc_name(said.doc_id), said.page, said.section, said.text, said.doc_id))
    text = ctx.templates.render("objectives_lacking", items=items, kind=COUNTED_ITEMS[kind],
                                policies=", ".join(policies))
    return ctx.finish(Draft(text, citations, [], "objetivos-sin", [], []))


def _says_none(snap: Snapshot, policy: str, objective: str, kind: str) -> Any:
    """The objective's sentence that names the kind and a negation ("…no se identificaron servicios…")."""
    pattern = counted_kind_words()[kind]
    for rec in snap.sentences:
        if rec.policy == policy and rec.objective == objective and re.search(r"\bno\b", fold(rec.text)) \
                and any(pattern.fullmatch(w) for w in re.findall(r"[a-z]+", fold(rec.text))):
            return rec
    return None


def guideline_by_words(snap: Snapshot, q: Analysis, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The one guideline of ``rows`` whose title the question's topic words (its own, or a
    follow-up's earlier turn's) name best, alone; None when none or several do alike."""
    own = policy_name_stems(snap, q.policies)
    topic = {snap.kin(s) or s for s in [*q.stems, *q.inherited]
             if snap.knows(s) and s not in slot_stems() and s not in own}
    scores = sorted(((sum(snap.weight(s) for s in topic & {snap.kin(w) or w for w in
                                                          content_stems(g["title"], drop_generic=True)}), i)
                     for i, g in enumerate(rows)), reverse=True)
    if not scores or scores[0][0] <= 0 or len(scores) > 1 and scores[1][0] >= scores[0][0]:
        return None
    return rows[scores[0][1]]


def objective_by_words(snap: Snapshot, q: Analysis, rows: list[dict[str, Any]]) -> str | None:
    """The objective of ``rows`` (guidelines) whose title or guidelines the question's own topic
    words name best, when one does alone; None when none or several do alike."""
    if len({g["objective"] for g in rows}) < 2:
        return None
    own = policy_name_stems(snap, q.policies)
    topic = {snap.kin(s) or s for s in q.stems if snap.knows(s) and s not in slot_stems() and s not in own}
    if not topic:
        return None
    scores: dict[str, float] = {}
    for code in {g["objective"] for g in rows}:
        titles = [o["title"] for o in snap.objectives.values() if o["code"] == code and o["policy"] == rows[0]["policy"]]
        titles += [g["title"] for g in rows if g["objective"] == code]
        words = {snap.kin(s) or s for t in titles for s in content_stems(t, drop_generic=True)}
        scores[code] = sum(snap.weight(s) for s in topic & words)
    ranked = sorted(scores.items(), key=lambda e: -e[1])
    return ranked[0][0] if ranked[0][1] > 0 and ranked[0][1] > ranked[1][1] else None
