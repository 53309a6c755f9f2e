"""The fallback answer: the sentences that best answer the question, quoted and cited, or a
refusal when the evidence is too weak or does not state what is asked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.acronyms import long_forms_by_stem
from assistant.analysis import Analysis, states_target
from assistant.answer import Answer, Citation
from assistant.answers.base import Context
from assistant.answers.naming import NAMED_INDICATOR_MIN
from assistant.answers.refusals import regional_breakdown
from assistant.entities import (
    excluded_home_stems,
    fold,
    lexicon,
    load_data,
    peru_regions_in,
    slot_regex,
    slot_stems,
    translated_stems,
)
from assistant.indicators import indicators_draft, money_not_answered, states_money, with_data_in
from assistant.intents import source_phrase, without_source
from assistant.knowledge import SentenceRec, Snapshot, per_snapshot
from assistant.passages import (
    MAX_ITEMS,
    MIN_NAMED_ITEMS,
    asks_for_list_in,
    cause_of_another,
    continuation_of,
    continuations,
    declared_make_up,
    doc_sentences,
    enumeration_after,
    explanation_after,
    is_code_bullet,
    list_items,
    name_runs,
    named_items,
    policy_name_stems,
    rarest_stem,
    states_cause,
    with_antecedents,
    with_whole_notes,
)
from assistant.retrieval import ScoredSentence, is_year, plan_section, select_sentences
from assistant.structured import Draft
from assistant.text import STOP, content_stems, same_family, synonym_stems, without_words
from assistant.verify import CODE_LIKE_RE
from ingest.numbers import find_numbers, strip_accents
from ingest.reports.cues import MONTHS


def answer(ctx: Context, q: Analysis) -> Answer:
    """Quote the best sentences for ``q``, or refuse and say why."""
    if q.own_search_text:
        # A follow-up with a topic of its own is searched by its own words first: the earlier
        # turn's words would bring back the earlier answer ("¿y cuándo se publicarán los datos…?").
        own = answer(ctx, replace(q, search_text=q.own_search_text, own_search_text=""))
        if not own.refused:
            return own
    snap = ctx.snap
    # A named policy that narrows the documents is a filter (see Context.search), not a search
    # word: its acronym would favour the sentences that repeat it over the one that answers.
    query = q.search_text
    if q.policies and any(d["policy"] not in q.policies for d in snap.documents.values()):
        for acronym in q.policies:
            query = re.sub(rf"\b(?:de\s+la\s+|la\s+)?{re.escape(acronym)}\b", " ", query, flags=re.IGNORECASE)
        # So is its name ("la Política Nacional de Pesca Artesanal"): every document left says it.
        # "la política de cooperación técnica internacional": words common in its documents name it
        # too where the question frames them as its name.
        query = without_words(query, policy_name_stems(snap, q.policies) | q.policy_spot)
    if q.asked.organization:
        # "¿Qué organismo brindó asistencia técnica…?": the word says a body is wanted (names_a_body
        # checks it); the sentence that answers names the body, not the word "organismo".
        query = without_words(query, {s for w in lexicon().slots["organization_words"]
                                      for s in content_stems(w, drop_generic=True)})
    if source_phrase().search(fold(query)):
        # "Indique, según el decreto supremo que aprueba la PNBP, cómo se financia…": the source
        # phrase says where to look (the policy filter and the document), not what is asked.
        query = without_source(fold(query))
    if q.english:
        # "Which ministry is in charge of…": the glossary's Spanish words are searched; the English
        # words they translate are in no document and would only dilute the evidence.
        query = without_words(query, {t for t in translated_stems(query) if not snap.knows(t)})
    if q.asked.plan:
        # "¿A qué regiones piensan llevar…?": "piensan" frames a plan; the plan's sentence does not
        # say it. A frame the documents do use ("se prevé … a partir de julio") stays a search word.
        query = without_words(query, {s for w in lexicon().slots["plan_words"]
                                      for s in content_stems(w, drop_generic=True) if not snap.knows(s)})
    # "¿…fuera de América Latina y el Caribe?": the sentences on ALC share those words and answer
    # another indicator.
    query = without_words(query, excluded_home_stems(q.regions, q.other_regions))
    chunk_ids = ctx.search(q, query)
    # "¿Qué se hará con las obras…?" reads to the classifier like a why; without a why word, a
    # question about what is planned asks for the plan.
    why = "why" in q.intents and not (q.asked.plan and not q.asked.why)
    counted = content_stems(q.asked.counted or "", drop_generic=True)
    if q.asked.amount and counted and not snap.knows(counted[0]):
        # "¿Cuántas toneladas…?": what is counted is nowhere in the documents, so no sentence
        # that states another amount answers it.
        return ctx.refusal(q, f"los documentos no mencionan «{q.asked.counted}»", chunk_ids=chunk_ids)
    if q.asked.amount and counted and not q.objective and not why and not q.codes:
        # "¿Cuántos lineamientos tiene la PNCTI?": the sentence that declares the policy's make-up.
        declared = declared_make_up(snap, counted[0], q.policies)
        if declared is not None:
            return ctx.quote([declared])
    if q.objective:
        # The named objective's own passages compete even when the search ranked them low.
        chunk_ids = chunk_ids + [c for c in objective_chunks(snap, q.objective, q.policies) if c not in chunk_ids]
    picked = select_sentences(snap, query, chunk_ids, objective=q.objective, limit=8 if why else 4,
                              wants_figure=(bool({"count", "value"} & q.intents) or q.asked.amount or q.asks_share)
                              and not why,
                              wants_list=q.asked.listing and not why,
                              wants_count=("count" in q.intents or q.asked.amount) and not q.asks_share,
                              wants_plan=q.asked.plan and not why,
                              answer_type=frozenset(snap.kin(s) or s for s in content_stems(q.asked.answer_type or "")))
    asked_codes = {c for c in q.codes if not c.startswith("OP.")}
    if asked_codes:
        # "why was the PNPA IOP 01.01 value so high?": a sentence about the IOP.02.01 answers
        # another indicator, however many words it shares.
        picked = [c for c in picked if not _names_only_other_codes(c.rec.text, asked_codes)]
    if why:
        # "- SS.02.02.01: servicio de…" names what is asked about; it explains nothing. Among
        # sentences on the topic, one that gives a cause ("…porque…") answers a why.
        picked = [c for c in picked if not is_code_bullet(c.rec.text)] or picked
        topics = {k for s in q.asked.key_stems if s not in slot_stems() and not s.isdigit()
                  and (k := snap.kin(s)) is not None} if q.asked.why else set()
        if (q.asked.why and picked and not states_cause(picked[0].rec.text)
                and explanation_after(snap, picked[0], picked) is None):
            # The best sentence neither gives a cause nor is followed by one (a figure, then
            # "El valor obtenido es el resultado de…"): a cause elsewhere on the topic answers,
            # never a cause of something the question does not name ("…créditos…, debido a…").
            picked = prefer(picked, lambda rec: states_cause(rec.text) and (
                not topics or bool(topics & {snap.kin(s) or s for s in rec.stems})), ctx.min_evidence)
        # The sentence that names the topic as the cause of another change leads, or the best one
        # gives no cause at all ("IS.02.01.01 … cajas isotérmicas: 230 (avance: 76,7 %)").
        uncaused = bool(picked) and not states_cause(picked[0].rec.text) and (
            explanation_after(snap, picked[0], picked) is None)
        if topics and picked and any(cause_of_another(snap, c.rec.text, topics)
                                     for c in (picked if uncaused else picked[:1])):
            explaining = [c for c in picked if states_cause(c.rec.text)
                          and not cause_of_another(snap, c.rec.text, topics)
                          and topics & {snap.kin(s) or s for s in c.rec.stems}]
            if not explaining:
                # "¿Por qué no se cumplió lo de las cajas isotérmicas?" and "Las pérdidas bajaron…
                # por la entrega de 230 cajas": the boxes are the cause of another change there;
                # the report does not say why their own figure fell short.
                return ctx.refusal(q, "el reporte no explica eso; lo menciona solo como causa de otro resultado",
                                   chunk_ids=chunk_ids)
            picked = explaining + [c for c in picked if c not in explaining]
        if q.linked and picked:
            # "¿y por qué no llegaron a la meta?" about the bibliobús routes: "Este resultado se
            # explica por…" explains the figure of the sentence before it, another indicator's.
            # An indicator the words also fit ("personal bibliotecario capacitado": the librarians
            # trained, or the libraries with trained staff) may be the one meant.
            fitting = list(q.linked) + [k for policy, code, score in q.candidates if score >= ALSO_FITS
                                        for k in snap.find(snap.indicators, code, [policy])]
            own = [c for c in picked if not explains_another(snap, c.index, fitting)]
            if not any(states_cause(c.rec.text) for c in own) and any(states_cause(c.rec.text) for c in picked):
                return ctx.refusal(q, "el reporte no dice a qué se debe esa cifra; la explicación más cercana "
                                      "es la de otro indicador", chunk_ids=chunk_ids)
            picked = own or picked
        picked = picked[:4]
    elif not (q.asked.amount or q.asked.value_word or q.asked.progress_word or q.asks_share
              or q.asked.listing and (q.asked.indicators_word or q.asked.services_word)
              or q.confident and {"value", "count", "progress"} & q.intents):
        # "¿Qué documentos sacó la APCI para medir lo de la empresa privada?": an indicator's code
        # bullet ("- IOP.02.02: porcentaje de participación…") names the topic; it answers nothing asked of it.
        # A service's bullet is the service itself, which such questions may ask for.
        picked = [c for c in picked if not (is_code_bullet(c.rec.text) and indicators_of_line(snap, c.rec))] or picked
    if q.follow_up and q.asked.listing and not why and picked:
        # "¿cuáles de esos son regionales?" after "¿Qué foros…?": a sentence that names them ("A nivel
        # regional… la SEGIB y la Alianza del Pacífico") before one that only shares the adjective.
        picked = prefer(picked, lambda rec: name_runs(rec.text) >= 2, ctx.min_evidence)
    if q.asked.organization and picked:
        # "¿Qué organismo…?": a sentence that names a body ("…de la FAO"), never a catalogue line
        # ("S.01.01 Servicio de asistencia técnica…").
        picked = [c for c in picked if not _CATALOGUE_LINE.match(c.rec.text)] or picked
        picked = prefer(picked, lambda rec: names_a_body(snap, rec.text, q.policies), ctx.min_evidence)
    best = picked[0] if picked else None
    reason = evidence_too_weak(ctx, q, best.coverage if best else 0.0, best.rec if best else None)
    if best is None or reason:
        return ctx.refusal(q, reason or "no hay evidencia", chunk_ids=chunk_ids)
    named = indicator_named_by(ctx, q, best.rec)
    if named and money_not_answered(snap, named, q):
        # "¿Cuál fue el monto total, en dólares…?" landing on "porcentaje de montos ejecutados…":
        # a percentage of amounts is not the amount.
        return ctx.refusal(q, "los documentos no dan ese monto", chunk_ids=chunk_ids)
    if named:
        # Retrieval landed on an indicator's own line: its figure comes from the store, and it is
        # the country's figure unless the indicator names the region of Peru asked about.
        national = regional_breakdown(ctx, replace(q, codes=[], linked=named)) if q.places else None
        return national or ctx.finish(indicators_draft(ctx.structured, snap, named, q))
    # The list may hang from the best sentence or from the next one (a heading ranked second).
    lister = next((c for c in picked[:2] if asks_for_list_in(snap, q, c) and list_items(snap, c.index)), None)
    items = list_items(snap, lister.index) if lister is not None else []
    if len(items) > 1 and ctx.llm is None:
        # The best sentence is one item of a bulleted list the question asks for: quote the list.
        return ctx.quote([ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in items[:MAX_ITEMS]], listed=True)
    # Past the list, a title, a section heading or a table's header row shares the question's
    # words and answers nothing; quoted alone it reads as an answer.
    picked = [c for c in picked if not is_heading(snap, c.rec)]
    best = picked[0] if picked else None
    reason = evidence_too_weak(ctx, q, best.coverage if best else 0.0, best.rec if best else None)
    if best is None or reason:
        return ctx.refusal(q, reason or "la evidencia encontrada es insuficiente", chunk_ids=chunk_ids)
    chosen = [best]
    covered = set(best.rec.stems)
    q_stems = snap.kin_stems(query)
    for cand in picked[1:]:
        adds = [s for s in q_stems if s in cand.rec.stems and s not in covered]
        if cand.score >= 0.6 * best.score and adds and len(chosen) < 2:
            chosen.append(cand)
            covered |= cand.rec.stems
    if q.asked.plan and plan_section(best.rec.section):
        # "¿A qué regiones piensan llevar las campañas?": what is planned answers; the campaigns
        # already made (quoted first, in the document's order) would read as the answer.
        chosen = [c for c in chosen if plan_section(c.rec.section)]
    if not why and not q.asked.amount and not q.asked.when and len(chosen) == 1:
        # "¿Qué piensa hacer el MRE para seguir difundiendo…?": the best sentence and those that
        # carry it on ("Para ello se ha previsto…", "Asimismo, …") say it together. A date asked
        # ("¿en qué mes…?") is the best sentence's; the next one's would read as another answer.
        chosen += [ScoredSentence(i, snap.sentences[i], 0.0, 0.0) for i in continuations(snap, best.index, CARRY_ON_MAX)]
    if why:
        explanation = explanation_after(snap, best, chosen)
        if explanation is not None:
            chosen = [best, explanation]
        elif plan_section(best.rec.section):
            # "¿Por qué quieren priorizar Amazonas y Huancavelica?": the measure says what is planned;
            # the report's account of the same places or things, outside its plans, says why.
            motive = _situation_of(snap, q, best, picked)
            if motive is not None:
                chosen = [best, motive]
        after = continuation_of(snap, chosen[-1].index)
        if after is not None:
            chosen.append(ScoredSentence(after, snap.sentences[after], 0.0, 0.0))
    elif q.asked.listing or q.asked.organization:
        # "¿En qué foros participa el Perú?": the best sentence may only announce the names
        # that the next one lists.
        listed = enumeration_after(snap, best)
        if listed and named_items(best.rec.text) >= MIN_NAMED_ITEMS:
            # The best sentence is the list: keep what else was chosen, add the list's carry-on.
            have = {c.index for c in chosen}
            chosen += [c for c in listed if c.index not in have]
        elif listed:
            chosen = [best, *listed]
    if q.asked.amount:
        # "¿Cuántos proyectos de cooperación triangular…?" must be answered by a sentence that
        # states a figure and names the question's most specific word ("triangular"): the
        # 72 projects of South-South cooperation answer a neighbouring question.
        key = rarest_stem(snap, q)
        # "¿Cuántos desembarcaderos la tenían … al cierre de 2023?": what is counted must be named
        # too, not only the rarest word ("cierre" is in a sentence on libraries).
        noun = snap.kin(counted[0]) if counted and snap.knows(counted[0]) else None
        keys = [k for k in dict.fromkeys((key, noun)) if k is not None and not k.isdigit()]

        def names(k: str, c: ScoredSentence) -> bool:
            # "visitas" is named by a sentence that says "accesiones" (synonyms.yaml), "CSS" by one
            # that writes "Cooperación Sur-Sur".
            spelled = long_forms_by_stem(snap).get(k, frozenset())
            return (k in c.rec.stems or bool(synonym_stems(k) & c.rec.stems)
                    or bool(spelled) and spelled <= c.rec.stems or same_family(k, c.rec.stems))

        def answers(c: ScoredSentence) -> bool:
            return c.rec.states_figure and all(names(k, c) for k in keys)
        asked = counted_stems(snap, q.asked.counted_words)
        what = "lo preguntado" if q.english else f"«{q.asked.counted}»"
        # "How many scholarships were awarded?" landing on "…número de accesiones … becas …, 276":
        # the sentence's figures count another noun.
        other_noun = f"los documentos no dan el número de {what}: sus cifras cercanas cuentan otra cosa"
        if not answers(chosen[0]):
            # The sentence quoted first is read as the answer: it must give the figure asked.
            stated = [c for c in picked if answers(c) and c.coverage >= max(ctx.min_evidence, 0.5)]
            if not stated:
                counting = [c for c in chosen if c.rec.states_figure]
                misses = bool(asked) and bool(counting) and all(counts_other(snap, c.rec.text, asked) for c in counting)
                return ctx.refusal(q, other_noun if misses else "los documentos no dan esa cifra", chunk_ids=chunk_ids)
            chosen = stated[:1]
        if asked and all(counts_other(snap, c.rec.text, asked) for c in chosen if c.rec.states_figure):
            return ctx.refusal(q, other_noun, chunk_ids=chunk_ids)
    if q.asks_share and not why and not any(states_share(c.rec.text) for c in chosen):
        # "¿Qué porcentaje del total representan?": only a sentence that states a percentage answers;
        # an indicator's name ("- IOP.03.02: porcentaje de proyectos…") only names one.
        stated = [c for c in picked if states_share(c.rec.text) and c.coverage >= max(ctx.min_evidence, 0.5)]
        line = indicators_of_line(snap, best.rec)
        if not stated and len(line) == 1 and best.coverage >= LINE_COVERAGE and with_data_in(snap, line, q.years):
            # The best sentence is one indicator's defining line and says most of what is asked:
            # the share asked is that indicator's, from the store.
            return ctx.finish(indicators_draft(ctx.structured, snap, line, q))
        if not stated:
            return ctx.refusal(q, "los documentos no dan ese porcentaje", chunk_ids=chunk_ids)
        chosen = stated[:1]
    if q.asked.amount and other_role_only(q.role, chosen):
        # "¿En cuántos de los 72 proyectos fue receptor el Perú?" answered by "fue oferente en tres":
        # the figure is of another role.
        return ctx.refusal(q, f"los documentos no dan esa cifra para el rol de {q.role}", chunk_ids=chunk_ids)
    # "¿Cómo se financia…? ¿pide plata extra al tesoro?" asks how, not an amount.
    manner = q.asked.money and not q.asked.amount and _MANNER.match(strip_accents(q.question_text).lower())
    if q.asked.money and not manner and not any(states_money(c.rec.text) for c in chosen):
        # "¿Cuánta plata…?", "¿monto en dólares…?": only a sentence that states money answers.
        stated = [c for c in picked if states_money(c.rec.text) and c.coverage >= max(ctx.min_evidence, 0.5)]
        if not stated:
            return ctx.refusal(q, "los documentos no dan ese monto", chunk_ids=chunk_ids)
        chosen = stated[:1]
    figure = q.asked.amount or bool({"value", "count"} & q.intents)
    if q.years and figure and not why and not q.asked.target and not any(
            c.rec.period in q.years or any(str(y) in c.rec.text for y in q.years) for c in chosen):
        # "¿…en 2022?" answered by the 2023 report's sentence would give another year's figure.
        return ctx.refusal(q, f"los documentos no dan esa cifra para {', '.join(map(str, q.years))}",
                           chunk_ids=chunk_ids)
    uncovered = [y for y in q.years if not any(c.rec.period == y or str(y) in c.rec.text for c in chosen)]
    if len(q.years) > 1 and figure and q.asked.compare and uncovered and not q.asked.target:
        # "¿Cuánto creció … entre 2022 y 2023?" needs a figure for each year.
        return ctx.refusal(q, f"los documentos no dan esa cifra para {', '.join(map(str, uncovered))}",
                           chunk_ids=chunk_ids)
    if q.asked.counted and not why and not any(c.rec.states_figure for c in chosen):
        # "Necesito el número de bibliotecas de Huancavelica": a sentence without a figure names
        # the topic, it does not give the number.
        return ctx.refusal(q, "los documentos no dan esa cifra", chunk_ids=chunk_ids)
    placed = [c for c in chosen if names_place(c.rec.text, q.places)]
    if q.places and (q.asked.amount or {"value", "count"} & q.intents) and not placed:
        # "¿Cuántas bibliotecas hay en el Cusco?": a national figure does not answer it.
        return ctx.refusal(q, f"los documentos no dan esa cifra para {', '.join(q.places)}", chunk_ids=chunk_ids)
    if q.places and (q.asked.amount or {"value", "count"} & q.intents) and all(
            joint_figure(c.rec.text) for c in placed):
        # "…campañas en Piura, Áncash y Arequipa, que permitieron inscribir a 3.450 pescadores": one
        # figure for several regions is none of theirs.
        return ctx.refusal(q, f"los documentos dan una cifra conjunta de varias regiones, no una para "
                              f"{', '.join(q.places)}", chunk_ids=chunk_ids)
    if q.asked.when and not why and not any(states_date(c.rec.text) for c in chosen):
        # "¿y en qué fecha?" after the decree: a sentence that names it without a date is no answer.
        dated = [c for c in picked if states_date(c.rec.text) and c.coverage >= max(ctx.min_evidence, 0.5)]
        if not dated:
            return ctx.refusal(q, "los documentos no dan esa fecha", chunk_ids=chunk_ids)
        chosen = dated[:1]
    if q.asked.target and not any(states_target(c.rec.text, q.years) for c in picked):
        # A sentence that mentions "la meta" without its value would read as the answer.
        return ctx.refusal(q, "los documentos no publican esa meta: los reportes indican el avance "
                           "respecto del logro esperado de cada período", chunk_ids=chunk_ids)
    # A sentence reached twice (as the explanation and as what carries it on) is quoted once.
    chosen = list({c.index: c for c in with_whole_notes(snap, with_antecedents(snap, chosen))}.values())
    if ctx.llm is not None:
        draft = llm_draft(ctx, q, [c.rec for c in picked[:4]])
        if draft is not None:
            verified = ctx.verify(draft)
            if verified is not None:
                return verified
    return ctx.quote(chosen)


# A question that asks how ("¿Cómo se financia…?"), not how much.
_MANNER = re.compile(r"^\W*(?:(?:y|and)\W+)?(?:como|how)\b(?!\s+(?:much|many))")


# How many sentences that carry on the best one are quoted with it.
CARRY_ON_MAX = 2


def counted_stems(snap: Snapshot, words: tuple[str, ...]) -> set[str]:
    """The stems a count asked of ``words`` may be stated with, synonyms included; empty for people
    ("¿A cuántas personas…?" is answered by users, servants or fishers)."""
    stems = counted_words_stems(snap, words)
    return stems | {x for s in stems for x in synonym_stems(s)}


def counted_words_stems(snap: Snapshot, words: tuple[str, ...]) -> set[str]:
    """The stems of ``words`` as the corpus spells them, without synonyms; empty for people."""
    if set(words) & set(load_data("nouns.yaml")["people_words"]):
        return set()
    return {snap.kin(s) or s for w in words for s in content_stems(w, drop_generic=True)}


# "número de accesiones…": the noun a count, or an indicator's name, counts is the word after these.
COUNTED_NOUN = re.compile(r"\b(?:numero|cantidad|total) de (?:los |las )?([a-zñ]+)")


def counts_other(snap: Snapshot, text: str, asked: set[str]) -> bool:
    """True when every count ``text`` states is of a noun other than ``asked``: the noun after
    "número de" ("número de accesiones … becas") or right after a figure ("72 proyectos"). A
    sentence whose figures name no noun counts nothing in particular: False."""
    folded = strip_accents(text).lower()
    nouns = [m.group(1) for m in COUNTED_NOUN.finditer(folded)]
    for n in find_numbers(text):
        if n.percent or is_year(n):
            continue
        following = re.match(r"\s+([a-zñ]+)", folded[n.end:])
        if following and following.group(1) not in STOP:
            nouns.append(following.group(1))
    heads = [{snap.kin(s) or s for s in content_stems(w)} for w in nouns]
    heads = [h for h in heads if h]
    return bool(heads) and not any(a in h or same_family(a, h) for h in heads for a in asked)


def names_place(text: str, places: list[str]) -> bool:
    """True when ``text`` names one of ``places`` (regions of Peru), accents and case aside."""
    folded = strip_accents(text).lower()
    return any(strip_accents(p).lower() in folded for p in places)


# What a sentence that holds the kind of answer asked (a cause, a body's name) gains over one on
# the topic that does not...
CAUSE_BONUS = 0.15
# ...when it is as much on the topic: at least this share of the best sentence's coverage.
CAUSE_COVERAGE = 0.85
# A catalogue line: a code and a name ("S.01.01 Servicio de asistencia técnica…").
_CATALOGUE_LINE = re.compile(r"^\s*-?\s*[A-Z]{1,3}\.\d")


# How much of the question an indicator's defining line must hold to stand for the share asked.
LINE_COVERAGE = 0.75


def joint_figure(text: str) -> bool:
    """True when ``text`` names more regions of Peru than it states figures (years aside): a figure
    it states belongs to them together."""
    regions = peru_regions_in(fold(text))
    figures = [n for n in find_numbers(text) if not is_year(n)]
    return len(regions) > 1 and len(figures) < len(regions)


def states_share(text: str) -> bool:
    """True when ``text`` states a percentage ("4,17%", "45.83 %")."""
    return any(n.percent for n in find_numbers(text))


# The roles a figure can be stated for; "socio" and "convenio" name partners of either side.
_FIGURE_ROLES = ("oferente", "receptor", "donante")


def other_role_only(role: str | None, chosen: list[ScoredSentence]) -> bool:
    """True when the question asks about ``role`` and the sentences name another role, never it."""
    if role not in _FIGURE_ROLES:
        return False
    folded = " ".join(strip_accents(c.rec.text).lower() for c in chosen)
    named = {r for r in _FIGURE_ROLES if slot_regex("roles", r).search(folded)}
    return bool(named) and role not in named


def _names_only_other_codes(text: str, asked: set[str]) -> bool:
    """True when ``text`` names indicator or service codes and none of them is one of ``asked``
    (an objective's code, "OP.01", is no other indicator's: its sentences stay)."""
    named = {m.group(0) for m in CODE_LIKE_RE.finditer(text) if not m.group(0).startswith("OP.")}
    return bool(named) and not named & asked


def _situation_of(snap: Snapshot, q: Analysis, measure: ScoredSentence,
                  picked: list[ScoredSentence]) -> ScoredSentence | None:
    """The sentence of ``measure``'s document, outside its plans, that shares most (at least two) of
    the topic words the question and the measure share ("Los distritos de Amazonas y Huancavelica
    concentran la mayor brecha" for "Priorizar la creación de bibliotecas en Amazonas y Huancavelica")."""
    topic = {k for s in q.asked.key_stems if s not in slot_stems() and not s.isdigit()
             and (k := snap.kin(s)) is not None and k in measure.rec.stems}
    best, best_weight = None, 0.0
    for i in doc_sentences(snap).get(measure.rec.doc_id, []):
        rec = snap.sentences[i]
        shared = topic & rec.stems
        if plan_section(rec.section) or len(shared) < 2:
            continue
        weight = sum(snap.weight(k) for k in shared)
        if weight > best_weight:
            best, best_weight = i, weight
    return None if best is None else ScoredSentence(best, snap.sentences[best], 0.0, 0.0)


# How well the words must fit an indicator for its cause to answer a why about the one linked.
ALSO_FITS = 0.4


def explains_another(snap: Snapshot, index: int, keys: list[str]) -> bool:
    """True when sentence ``index`` refers back to the figure of the sentence before it ("Este
    resultado se explica por…": ``figure_referents``) and that figure is of indicators other than ``keys``."""
    rec = snap.sentences[index]
    if index == 0 or not slot_regex("figure_referents").match(fold(rec.text)):
        return False
    before = snap.sentences[index - 1]
    if before.doc_id != rec.doc_id:
        return False
    others = indicators_of_line(snap, before)
    return bool(others) and not set(others) & set(keys)


def prefer(picked: list[ScoredSentence], holds: Callable[[SentenceRec], bool],
           min_evidence: float) -> list[ScoredSentence]:
    """``picked`` re-ranked so that a sentence that ``holds`` the kind of answer asked, and is
    nearly as much on the topic as the best one, comes before one that does not."""
    floor = max(min_evidence, CAUSE_COVERAGE * picked[0].coverage)
    return sorted(picked, key=lambda c: -(c.score + (CAUSE_BONUS if c.coverage >= floor and holds(c.rec) else 0.0)))
@per_snapshot
def objective_index(snap: Snapshot) -> dict[tuple[str, str], list[str]]:
    """(policy, objective) → the chunks holding its sentences, in order."""
    index: dict[tuple[str, str], list[str]] = {}
    for rec in snap.sentences:
        if rec.objective:
            chunks = index.setdefault((rec.policy, rec.objective), [])
            if rec.chunk_id not in chunks:
                chunks.append(rec.chunk_id)
    return index


def objective_chunks(snap: Snapshot, objective: str, policies: list[str]) -> list[str]:
    """The chunks holding sentences under ``objective`` (of ``policies``, when named), in order."""
    return [c for (policy, obj), chunks in objective_index(snap).items()
            if obj == objective and (not policies or policy in policies) for c in chunks]


# A known word this rare (IDF over sentences) names a topic rather than framing a question.
DISTINCTIVE_IDF = 2.0
# Share of the known words' weight the best sentence must hold when other words are unknown.
KNOWN_COVERAGE_MIN = 0.75


def evidence_too_weak(ctx: Context, q: Analysis, best_coverage: float,
                      best: SentenceRec | None = None) -> str | None:
    """Why the best evidence does not answer ``q`` (None when it may)."""
    snap = ctx.snap
    stems = content_stems(q.search_text, drop_generic=True)
    if not stems:
        return "la pregunta no nombra un tema concreto"
    # An English word the glossary translated is not unknown: its Spanish words are searched.
    translated = translated_stems(q.search_text) if q.english else frozenset()
    unknown = [s for s in stems if not snap.knows(s) and s not in translated]
    unknown_share = sum(snap.weight(s) for s in unknown) / sum(snap.weight(s) for s in stems)
    if unknown_share >= 0.5 and not known_words_answered(snap, [s for s in stems if s not in unknown], best):
        # Name what is missing, in the question's own words ("los documentos no mencionan «PBI»").
        # Only words (never figures), at most three, so that a refusal cannot be made to repeat a number.
        words = [w for w in q.asked.own_words
                 if (stem := content_stems(w, drop_generic=True)) and stem[0] in unknown]
        named = ", ".join(f"«{w}»" for w in list(dict.fromkeys(words))[:3])
        return f"los documentos no mencionan {named}" if named else "sus términos clave no aparecen en el corpus"
    if best_coverage < ctx.min_evidence:
        return "la evidencia encontrada es insuficiente"
    return None


_YEARS = re.compile(r"\b(?:19|20)\d{2}\b")
_HEADER_CELL = re.compile(r"^[^\d]*$")


def is_heading(snap: Snapshot, rec: SentenceRec) -> bool:
    """True for a document's title, a section heading, text in capitals ("RESUMEN EJECUTIVO",
    "OP.01.") or a table's header row ("Código | Indicador | Línea de base | 2030"). A heading
    that carries a number of its own ("DECRETO SUPREMO N° 004-2022-MC") is content."""
    text = rec.text.strip()
    if re.search(r"\d{3}", _YEARS.sub(" ", text)):
        return False
    if "|" in text:
        return all(_HEADER_CELL.match(_YEARS.sub(" ", cell)) for cell in text.split("|"))
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters):
        return True
    doc = snap.documents.get(rec.doc_id, {})
    if text.rstrip(".") == (doc.get("title") or "").strip().rstrip("."):
        return True
    # A heading has no full stop; a numbered measure ending in one may still have been read as
    # a section ("1. Ampliar las campañas … a Tumbes y Tacna.").
    return not text.endswith(".") and text == (rec.section or "").strip()


_ACRONYM_TOKEN = re.compile(r"\b[A-ZÁÉÍÓÚÑ]{2,8}\b")


def names_a_body(snap: Snapshot, text: str, policies: list[str]) -> bool:
    """True when ``text`` names an organisation by its acronym ("la FAO", "(CERLALC)"), other than
    a policy, a code's prefix or the text's own heading words."""
    if is_code_bullet(text) or _CATALOGUE_LINE.match(text):
        return False
    own = {d["policy"] for d in snap.documents.values()} | set(policies)
    return any(m.group(0) not in own and len(m.group(0)) >= 3 for m in _ACRONYM_TOKEN.finditer(text)
               if not text.isupper())


def known_words_answered(snap: Snapshot, known: list[str], best: SentenceRec | None) -> bool:
    """True when the question's known words name a topic on their own and ``best`` holds it: the
    unknown words are then how the question is put ("metió la mano", "showed a good level"),
    not a topic the documents lack ("¿el PBI del Perú?" keeps only one common known word)."""
    if best is None:
        return False
    kin = list(dict.fromkeys(snap.kin(s) or s for s in known))
    if len([s for s in kin if snap.weight(s) >= DISTINCTIVE_IDF]) < 2:
        return False
    total = sum(snap.weight(s) for s in kin)
    held = sum(snap.weight(s) for s in kin if s in best.stems)
    return held / total >= KNOWN_COVERAGE_MIN


def indicators_of_line(snap: Snapshot, rec: SentenceRec) -> list[str]:
    """The indicators whose defining line or value sentence ``rec`` is."""
    return [k for k in snap.indicators_by_doc.get(rec.doc_id, [])
            if (snap.indicators[k]["quote"] and snap.indicators[k]["quote"] in rec.text)
            or any(v["doc_id"] == rec.doc_id and v["quote"] and (v["quote"] in rec.text or rec.text in v["quote"])
                   for v in snap.values.get(k, []))]


def indicator_named_by(ctx: Context, q: Analysis, rec: SentenceRec) -> list[str]:
    """The indicator whose defining line or value sentence ``rec`` is, when the question asks for its figure."""
    snap = ctx.snap
    if "why" in q.intents or not ({"value", "count", "progress"} & q.intents or q.asks_share or q.asked.amount):
        return []
    keys = indicators_of_line(snap, rec)
    rows = ctx.structured.rows_for(snap, keys[0]) if len(keys) == 1 else []
    if not rows:
        return []
    # The indicator's name must carry most of what the question asks about: "servidores
    # públicos capacitados" is ISS.01.02.01.01 (0.71 of the question's weight), "personas
    # capacitadas" is not IOP.01.03 "personas beneficiarias" (0.62). Below, quotes answer.
    # Words the documents never use are in no indicator's name: they frame the question
    # ("showed a good level"); the refusal for a missing topic came before (evidence_too_weak).
    stems = [s for s in content_stems(q.search_text, drop_generic=True) if snap.knows(s)]
    total = sum(snap.weight(s) for s in stems)
    named = set(snap.indicator_stems.get(keys[0], []))
    if not total or sum(snap.weight(s) for s in stems if s in named) / total < NAMED_INDICATOR_MIN:
        return []
    units = {r["unit"] for r in rows if r["value"] is not None}
    if q.asks_share != (units == {"%"}) and units:
        return []  # "¿qué porcentaje…?" answered with a count, or the reverse: not this indicator
    return with_data_in(snap, keys, q.years)


def llm_draft(ctx: Context, q: Analysis, recs: list[SentenceRec]) -> Draft | None:
    """A draft written by the optional LLM from ``recs``; it goes through the same verification."""
    from assistant.llm import compose_with_llm

    snap = ctx.snap
    sources = [{"quote": r.text, "page": r.page, "doc": snap.doc_name(r.doc_id)} for r in recs]
    text = compose_with_llm(ctx.llm, ctx.templates, q.question_text, sources)
    if text is None:
        return None
    citations = [Citation(s["doc"], s["page"], r.section, s["quote"], r.doc_id) for s, r in zip(sources, recs)
                 if f"pág. {s['page']}" in text or f"pag. {s['page']}" in text]
    if not citations:
        return None
    allowed = [n.value for r in recs for n in find_numbers(r.text)]
    return Draft(text, citations, [], "llm", allowed, [])


# A date in a sentence: a month, a quarter or half of a year, or a year that is no part of a code
# ("004-2022-MC" is a decree's number) nor a policy's horizon ("al 2030").
_DATE = re.compile(rf"\b(?:{MONTHS}|trimestre|semestre)\b|(?<![-\w])(?<!al )(?<!to )(?:19|20)\d{{2}}(?![-\w])",
                   re.IGNORECASE)


def states_date(text: str) -> bool:
    """True when ``text`` gives a date ("en mayo de 2023", "primer trimestre de 2025", "para 2024")."""
    return _DATE.search(text) is not None
