"""Refusals decided by what a question names: a code, objective, year or country the
documents do not have. The answer says which, instead of answering a neighbour."""

from __future__ import annotations

import re
from functools import cache

from assistant.analysis import Analysis
from assistant.answer import Answer
from assistant.answers.base import Context
from assistant.asked import is_year_value, stems_after
from assistant.entities import fold, lexicon
from assistant.knowledge import SentenceRec
from assistant.passages import policy_name_stems
from assistant.text import content_stems
from ingest.numbers import find_numbers, strip_accents


def opinion(ctx: Context, q: Analysis) -> Answer:
    """"¿En tu opinión, alcanzará el Perú sus metas al 2030?": the documents report, they do not forecast."""
    return ctx.refusal(q, "los documentos informan resultados; no dan opiniones ni pronósticos")


def unknown_policy(ctx: Context, q: Analysis) -> Answer:
    """"¿Cómo va la Política Nacional de Turismo?": a policy no document covers is refused, naming
    the ones the documents do cover, never answered with another policy's figures."""
    covered = ", ".join(sorted({d["policy"] for d in ctx.snap.documents.values() if d["policy"]}))
    return ctx.refusal(q, f"los documentos ingeridos no cubren «{q.unknown_policy}»; cubren: {covered}",
                       topics=[])


def unknown_entity(ctx: Context, q: Analysis) -> Answer | None:
    """Refuse when a code or objective the question names is not in the store."""
    snap = ctx.snap
    known_codes = {i["indicator_id"].upper() for i in snap.indicators.values()} | {
        (i["code"] or "").upper() for i in snap.indicators.values()} | {
        s["code"] for s in snap.services.values()} | {o["code"] for o in snap.objectives.values()}
    for code in q.codes:
        if code.upper() not in known_codes:
            return ctx.refusal(q, f"el código {code} no figura en los documentos")
    if q.objective and q.objective not in {o["code"] for o in snap.objectives.values()}:
        return ctx.refusal(q, f"el objetivo {q.objective} no figura en los documentos")
    return None


def outside_corpus(ctx: Context, q: Analysis) -> Answer | None:
    """Refuse when a year or country the question names is not covered by the documents."""
    snap = ctx.snap
    docs = [d for d in snap.documents.values() if not q.policies or d["policy"] in q.policies]
    periods = {d["period"] for d in docs}
    ids = {d["doc_id"] for d in docs}
    for year in q.years:
        mentioned = any(str(year) in s.text for s in snap.sentences if s.doc_id in ids) if q.policies else (
            str(year) in snap.corpus_text_folded)
        if year not in periods and not mentioned:
            which = f" de la {', '.join(q.policies)}" if q.policies else ""
            return ctx.refusal(q, f"los documentos{which} no cubren el año {year}")
    partner_names = {p["country"] for p in snap.partners}
    for country in q.countries:
        if country not in partner_names and strip_accents(country) not in snap.corpus_text_folded:
            return ctx.refusal(q, f"los documentos no mencionan a {country}",
                               topics=ctx.structured.partner_topics(snap))
    return None


def regional_breakdown(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Cuántos pescadores se formalizaron en Tumbes?": the store's figures are the country's;
    a region's figure the documents do not give is refused, naming the national indicator."""
    snap = ctx.snap
    keys = [k for c in q.codes for k in snap.find(snap.indicators, c, q.policies)] or list(q.linked) or [
        k for policy, code, score in q.candidates[:1] if score >= 0.5 for k in snap.find(snap.indicators, code, [policy])]
    if not keys:
        return None
    where = q.places or q.named_countries
    named = [k for k in keys if any(strip_accents(p).lower() in strip_accents(snap.indicators[k]["name"]).lower()
                                    for p in where)]
    if named:
        return None  # the indicator itself is about that region
    k = keys[0]
    ind = snap.indicators[k]
    label = f"{ind['code'] or ind['indicator_id']} de la {ind['policy']} ({ind['name']})"
    if q.asked.by_region and not where:
        if any("region" in fold(i["name"]) for i in snap.indicators.values()
               if i["policy"] == ind["policy"] and i["objective"] == ind["objective"]):
            return None  # "¿cuántos proyectos por región?": the objective's own indicators are by region
        return ctx.refusal(q, f"los documentos dan la cifra del {label} para todo el país, no por región")
    if not q.places:
        # "What was Colombia's share of South-South projects?": the share is the region's, not a partner's.
        return ctx.refusal(q, f"los documentos dan la cifra del {label} en conjunto, no por país "
                              f"({', '.join(where)})")
    return ctx.refusal(q, f"los documentos dan la cifra del {label} para todo el país, no para "
                          f"{', '.join(q.places)}")


# Share of the question's qualifying words (by weight) a sentence must hold to state the part asked.
PART_COVERAGE = 0.6


# How well the words must name an indicator whose total a part is asked of, when nothing links it.
PART_LINK_MIN = 0.5


def unpublished_part(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Cuántos de los 142 servidores eran de gobiernos regionales?", "Break down the 81 entities by
    level of government": a part of one indicator's total. It is refused when no sentence of the
    policy holds the question's qualifying words with a figure other than the total; a part a
    document states ("32 de los 72 proyectos…") is left to the other routes."""
    snap = ctx.snap
    # "¿Qué porcentaje de los pescadores formalizados fueron mujeres?": a share of a count indicator
    # is no link for a share question, but its total is the one asked to break down.
    keys = [k for c in q.codes for k in snap.find(snap.indicators, c, q.policies)] or list(q.linked) or [
        k for policy, code, score in q.candidates[:1] if score >= PART_LINK_MIN
        for k in snap.find(snap.indicators, code, [policy])]
    if len(keys) != 1 or q.places:
        return None  # a region of Peru ("…eran de Loreto?") is refused by name, as regional_breakdown does
    key = keys[0]
    ind = snap.indicators[key]
    own = set(snap.indicator_stems.get(key, [])) | set(snap.indicator_context.get(key, []))
    own |= set(content_stems(ind["name"]))
    # "¿Qué porcentaje de los…?" asks the part as a share: "porcentaje" frames it, it narrows nothing.
    shares = {st for w in lexicon().slots["share_words"] for st in content_stems(w.rstrip("*"))}
    narrowing = [s for s in q.stems if not any(ch.isdigit() for ch in s) and s not in own and s not in shares]
    # A word the documents never use ("departamento", "mujeres") narrows the total to a part no
    # document states; an English word the glossary left untranslated is no evidence either way.
    # In English, a word of the question the glossary translated ("women" → "mujeres") is read in Spanish.
    written = set(content_stems(" ".join(q.asked.own_words)))
    translated = {s for s in q.stems if s not in written} if q.english else set()
    unknown = [s for s in narrowing if s not in snap.idf and (not q.english or s in translated)]
    qualifying = {s: snap.weight(s) for s in narrowing if s in snap.idf}
    if not qualifying and not unknown:
        return None  # "¿cuántos de los servidores capacitados…?" with nothing that narrows them
    totals = {float(v["value"]) for v in snap.values.get(key, []) if v.get("value") is not None}
    needed = PART_COVERAGE * sum(qualifying.values())
    # The policy's own name ("cooperación técnica") is in every sentence of its report: not the indicator's.
    named = (set(snap.indicator_stems.get(key, [])) | set(content_stems(ind["name"]))) - policy_name_stems(
        snap, [ind["policy"]], drop_generic=False)
    for rec in snap.sentences if qualifying else []:
        # A part of this indicator's total is stated in a sentence about it: "región" with a figure
        # in a sentence on projects in other regions says nothing of the servers trained.
        if rec.policy != ind["policy"] or not rec.stems & named:
            continue
        held = rec.stems & set(qualifying)
        if sum(qualifying[s] for s in held) < needed:
            continue
        figures = [n.value for n in find_numbers(rec.text)
                   if n.value not in totals and not is_year_value(n.value)]
        if figures:
            return None  # a document states a figure with those words: the part may be there
    label = f"{ind['code'] or ind['indicator_id']} de la {ind['policy']} ({ind['name']})"
    return ctx.refusal(q, f"los documentos dan la cifra del {label} en total, sin el desglose que se pide")


# How many capitalised names, one after another, make a sentence a list of names.
MIN_NAMES = 3
_NAME = r"[A-ZÁÉÍÓÚÑ][\wáéíóúñ.-]+(?:\s+(?:de\s+|del\s+|la\s+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñ.-]+)*"
_NAMES = re.compile(rf"{_NAME}(?:\s*,\s*{_NAME}){{{MIN_NAMES - 1},}}")
# How many sentences after the one with the count its list may start.
LIST_AFTER = 3


@cache
def _catalogue_kind_stems() -> frozenset[str]:
    """The stems of ``catalogue_kinds`` (slots.yaml)."""
    return frozenset(s for w in lexicon().slots["catalogue_kinds"] for s in content_stems(w))


def unlisted_members(ctx: Context, q: Analysis) -> Answer | None:
    """"¿Me pasas la lista de las 81 entidades que participaron…?", "the names of the three projects
    with Thailand": the names of what a stated count counts. Refused when the sentences that state
    the count (the number with the counted noun) list no names, there or just after; left to the other
    routes when a list follows ("Costa Rica, Bolivia, Honduras…") or no sentence states that count."""
    snap = ctx.snap
    # "¿Cuáles son los tres objetivos prioritarios…?": what the catalogue lists (objectives,
    # services, guidelines, indicators: ``catalogue_kinds`` of slots.yaml) has its names in the store.
    counted = [(n, stem) for n, stem in q.asked.restated_counts if stem not in _catalogue_kind_stems()]
    if not counted:
        return None
    found = False
    for i, rec in enumerate(snap.sentences):
        if q.policies and rec.policy not in q.policies:
            continue
        if not any(stem in rec.stems and _counts(rec.text, n, stem) for n, stem in counted):
            continue
        found = True
        window = [snap.sentences[j] for j in range(i, min(len(snap.sentences), i + 1 + LIST_AFTER))
                  if snap.sentences[j].doc_id == rec.doc_id and snap.sentences[j].section == rec.section]
        stems = {stem for _, stem in counted}
        if any(_NAMES.search(r.text) or _bullets_of(window, k, stems) for k, r in enumerate(window) if k) \
                or _NAMES.search(rec.text):
            return None  # a list of names follows the count: the other routes quote it
    if not found:
        return None
    return ctx.refusal(q, "los documentos dan el número, pero no la lista de nombres")


def _bullets_of(window: list[SentenceRec], k: int, stems: set[str]) -> bool:
    """True when ``window[k]`` is a bullet of a list of the counted items: right after the count
    (``window[0]``), or after an opening that names them ("Las actividades son las siguientes:"),
    not after one that opens a list of something else ("Del seguimiento … se puede destacar lo siguiente:")."""
    if not window[k].text.lstrip().startswith(("-", "•")):
        return False
    opening = next((r for r in reversed(window[:k]) if not r.text.lstrip().startswith(("-", "•"))), window[0])
    return opening is window[0] or bool(stems & set(opening.stems))


def _counts(text: str, number: float, noun: str) -> bool:
    """True when ``text`` states ``number`` with the noun ``noun`` (a stem) within three words after it."""
    return any(n.value == number and noun in stems_after(text, n.end, 3) for n in find_numbers(text))
