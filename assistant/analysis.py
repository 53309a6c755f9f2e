"""The answer request: a parsed :class:`~assistant.question.Question` resolved against one snapshot.

:func:`request_from` turns the parse into what the answer modules read: the aspects the
question asks for (from the intent classifier's probabilities), the codes, objective, years,
places and policies it names as the store spells them, and the indicators it names by
description. Nothing here reads the question's text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from assistant.asked import ASKED_NOTHING, Asked
from assistant.entities import lexicon, slot_regex, slot_stems
from assistant.knowledge import Snapshot
from assistant.question import INDICATOR_INTENTS, STRONG_LINK, Question
from assistant.text import content_stems, same_family, synonym_phrases
from ingest.countries import find_region_words
from ingest.numbers import strip_accents

# What each intent asks the answer to show. An intent counts when the classifier gives it at
# least ASPECT_MIN, so "¿qué valor y avance tuvo…?" shows both.
ASPECTS: dict[str, set[str]] = {
    "value": {"value"}, "progress": {"progress"}, "met_target": {"progress"}, "series": {"evolution"},
    "definition": {"definition"}, "explain": {"why"}, "count": {"count"}, "services": {"services"},
    "objectives": {"objectives"}, "partners": {"partners"}, "summary": {"status"}, "discrepancy": {"value"},
    "target": {"value"},  # a target the documents do not state: the figures it is measured against
}
ASPECT_MIN = 0.25
# Intents a guessed "who" question never has: a who asks for a name, not a cause or a figure.
_NOT_WHO = {"explain", "value", "progress", "met_target", "discrepancy", "target"}
# How much topic of its own (the IDF of its words the documents know, besides the policy's name and
# framing) makes a follow-up searched by its own words first: "postergó" alone, or "publicarán" and
# "ejecutada"; not "temas" or "APCI" alone, which ask about the earlier turn's subject.
OWN_TOPIC_WEIGHT = 5.0

# A sentence that states a target's value: "la meta para 2030 es de 60 %".
_TARGET_VALUE = re.compile(r"\b(?:meta|logro esperado)\b[^.;]{0,60}?\b(?:es|era|fue|sera|asciende a|alcanza|de)\s+(?:de\s+)?\d")


def states_target(sentence: str, years: list[int]) -> bool:
    """True when ``sentence`` gives a target's value (for each year asked, when years are asked)."""
    return _TARGET_VALUE.search(strip_accents(sentence)) is not None and all(str(y) in sentence for y in years)


def regions_named_in(text: str) -> tuple[list[tuple[str, str]], bool]:
    """(regions, other_regions) that an indicator's name ``text`` names."""
    return find_region_words(text), bool(_OTHER_REGIONS.search(strip_accents(text)))


_LATAM = r"(?:(?:la )?alc|america latina|latin america|latinoamerica|(?:las )?americas?|(?:la |nuestra |the )?region|(?:the )?latam)"
_OTHER_REGIONS = re.compile(
    rf"otras regiones|fuera de {_LATAM}|(?:outside|beyond)(?: of)? (?:the )?{_LATAM}|other regions|resto del mundo"
    rf"|extra-?\s?(?:rregional|regional)|(?:que no (?:sean|esten|son|estan) (?:de|en)|no pertenecientes a) {_LATAM}"
)


@dataclass
class Analysis:
    """What a question asks and names."""

    # The words retrieval searches with: the question with Spanish terms for English words, and
    # for a follow-up the turns it leans on. A bag of words for search, never read for wording.
    search_text: str
    intents: set[str]
    codes: list[str]
    objective: str | None
    years: list[int]
    countries: list[str]
    regions: list[tuple[str, str]]
    other_regions: bool
    english: bool
    stems: list[str] = field(default_factory=list)
    follow_up: bool = False
    inherited: list[str] = field(default_factory=list)  # stems carried over from earlier turns
    policies: list[str] = field(default_factory=list)  # policy acronyms named ("PNCTI")
    # Snapshot keys of the indicators the question names by description, linked by the question
    # parser (assistant/question.py) against the store; empty when no link is strong.
    linked: list[str] = field(default_factory=list)
    listed: bool = False  # ``linked`` holds indicators the question names one after another
    # The partner role asked about ("oferente", "receptor", "donante", "socio"), from the parser.
    role: str | None = None
    asked: Asked = ASKED_NOTHING  # how the question words what it asks
    top: str = ""  # the classifier's most likely intent
    confident: bool = True  # the top intent clears the classifier's threshold
    asks_share: bool = False  # a percentage or share is asked for ("¿qué porcentaje…?")
    question_text: str = ""  # the user's own words, for the optional LLM's prompt
    # A follow-up with a topic of its own ("¿y cuándo se publicarán los datos de CTI ejecutada?"):
    # the words to search with first, without the earlier turns'; empty otherwise.
    own_search_text: str = ""
    policy_spot: frozenset[str] = frozenset()  # stems that only name a policy after its frame
    no_data: bool = False  # the question says the data is missing ("¿por qué no midieron…?")
    link_score: float = 0.0  # the parser's score for the indicators in ``linked``
    # The parser's best indicator candidates, however weak: (policy, code, score).
    candidates: list[tuple[str, str, float]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)  # regions of Peru named ("en Tumbes")
    named_countries: list[str] = field(default_factory=list)  # countries named, not a group's members
    unknown_policy: str | None = None  # a policy named that no document covers
    guideline_codes: list[str] = field(default_factory=list)  # "L.03.01"
    # The parser's best service candidates: (policy, code, score).
    service_links: list[tuple[str, str, float]] = field(default_factory=list)
    # The parser's best objective candidates by name: (policy, code, score).
    objective_links: list[tuple[str, str, float]] = field(default_factory=list)


def _names_own_kind(q: Question) -> bool:
    """The question's own words name what it asks about: an objective, guidelines, services or partners."""
    a = q.asked
    return a.which_objective or a.guidelines_word or a.services_word or a.partner_word


def aspects(q: Question) -> set[str]:
    """What the answer should show, from the intents' probabilities and the words that name it."""
    out: set[str] = set()
    # "¿Quiénes lideran los espacios…?" guessed as a why or a figure: it asks for a person or body.
    who = q.asked.who and not q.confident
    for i, (name, p) in enumerate(q.intents):
        if who and name in _NOT_WHO:
            continue
        if name == "series" and i > 0 and not (q.asked.change or len(q.years) > 1):
            # "How many … by the end of 2023?": a runner-up reading of a change over time needs a
            # change word or two years; otherwise the baseline and targets would pad one figure.
            continue
        if i == 0 or p >= ASPECT_MIN:
            out |= ASPECTS.get(name, set())
    if q.follow_up is not None and q.follow_up.intent in {"partners", "services", "objectives"} and not (
            _names_own_kind(q) and q.follow_up.intent != q.top_intent):
        # "¿Cuántos son?" after "¿Con qué países…?": still about the partners; "And which priority
        # objective is it under?" names its own kind.
        out |= ASPECTS[q.follow_up.intent]
    if (not q.confident and q.indicators and q.indicators[0].score >= 0.65 and not q.asked.why and not who
            and not _asks_beside(q)):
        # The classifier is unsure, but the question names one indicator: it asks for its figure.
        out.add("value")
    if q.asked.why:
        out.add("why")
    elif q.asked.claim and q.asked.numbers and "why" in out:
        # "¿no eran 3000?" reads like a why to the classifier; it states a figure to check.
        out = (out - {"why"}) | {"value"}
    elif q.follow_up is not None and (q.asked.value_word or q.asked.amount) and "why" in out:
        # "¿Se reportó de todos modos algún valor?" after "¿Por qué se plantea corregir…?": the
        # figure, not the cause again (the why is the earlier turn's).
        out = (out - {"why"}) | {"value"}
    if q.asked.progress_word or q.asked.met:
        out.add("progress")
    if q.asked.derivation and q.asked.percents and not q.asked.why:
        # "¿De dónde sale el 112,4 % de bibliotecarios capacitados?": the figure stated, with the
        # value and target that give it; not its definition, its series or a cause.
        out = (out - {"evolution", "definition", "why"}) | {"value", "progress"}
    if q.asked.topics:
        out.add("topics")
    return out


def _asks_beside(q: Question) -> bool:
    """True when a question on one indicator asks for something other than its figure: names ("¿en
    qué departamentos se concentra la brecha?") or about a figure it states itself ("¿qué salvedad
    hace el reporte respecto del 80 %…?")."""
    return q.asked.listing or bool(q.asked.figures)


def request_from(q: Question, snap: Snapshot) -> Analysis:
    """The request the answer modules read, from the one parse of the question."""
    known = {strip_accents(p): p for p in snap.policies if p}
    policies = [known[strip_accents(p)] for p in q.policies if strip_accents(p) in known]
    objective = next((c.code for c in q.objectives if c.by != "name" and c.code), None)
    names = {strip_accents(n): (kind, n) for p in snap.partners for kind, n in (("region", p["region"]),
                                                                                ("subregion", p["subregion"]))}
    partners = {p["country"] for p in snap.partners}
    regions: list[tuple[str, str]] = []
    countries = list(q.countries)
    other = False
    for region in q.regions:
        if region.kind == "group":
            # "países andinos": a filter over the partners, not countries the question names.
            members = [c for c in region.countries if c in partners]
            if members:
                countries += [c for c in members if c not in countries]
            else:
                regions.append(("group", region.name))  # no partner in the group: the answer says so
            continue
        kind, name = names.get(strip_accents(region.name), (region.kind, region.name))
        if region.exclude:
            other = other or name == "América Latina y el Caribe"
        elif (kind, name) not in regions:
            regions.append((kind, name))
    if q.codes and not policies:
        policies = (_policy_by_sibling_code(snap, q) or _policy_by_words(snap, q)
                    or (_policy_by_premise(snap, q) if q.no_data else []) or _policy_by_body(snap, q))
    if not policies and q.top_intent == "partners":
        # "¿Con qué países cooperó la Biblioteca Nacional?": a body only one policy's documents name.
        policies = _policy_by_body(snap, q)
    follow_up = q.follow_up is not None
    text = q.context or q.text
    for typo, word in q.corrections.items():
        # Search with the typos corrected ("servisios" → "servicios"): only a word the documents
        # do not have, read as one they have.
        typo_stem, word_stem = content_stems(typo), content_stems(word)
        if typo_stem and word_stem and not snap.knows(typo_stem[0]) and snap.knows(word_stem[0]):
            text = re.sub(rf"\b{re.escape(typo)}\b", word, text, flags=re.IGNORECASE)
    text = _search_words(snap, q, _read_as_synonyms(snap, text))
    if q.asked.why:
        # "¿A qué se debe esa brecha?": the phrase asks why; its words ("se debe") are no topic
        # ("Se debe precisar que…" is no answer).
        text = _why_phrases().sub(" ", text)
    # The policy's own name ("and the artisanal fishing policy?") is no topic of the follow-up's own.
    policy_words = _policy_name_stems(snap, q.policies)
    # Read with the reports' words ("se quiere alcanzar" is the decree's "deseada"): a topic of its own.
    own = [s for s in content_stems(_read_as_synonyms(snap, q.spanish), drop_generic=True)
           if snap.knows(s) and s not in slot_stems() and s not in policy_words]
    own_text = (_search_words(snap, q, _read_as_synonyms(snap, q.spanish))
                if follow_up and sum(snap.weight(s) for s in own) >= OWN_TOPIC_WEIGHT
                and not (q.asked.compare or q.asked.both or q.rank) else "")  # a comparison needs both turns
    if q.asked.why and own_text:
        own_text = _why_phrases().sub(" ", own_text)
    return Analysis(
        search_text=text, intents=aspects(q), codes=list(q.codes), objective=objective,
        years=list(q.years), countries=countries, regions=regions, other_regions=other,
        english=q.english, stems=list(q.stems), follow_up=follow_up, inherited=list(q.inherited_stems),
        policies=policies, linked=linked_indicators(snap, q), role=q.role, asked=q.asked,
        top=q.top_intent, confident=q.confident, asks_share=q.asks_share, question_text=q.text,
        link_score=min(c.score for c in q.listed) if q.listed else q.indicators[0].score if q.indicators else 0.0,
        listed=bool(q.listed),
        candidates=[(c.policy, c.code, c.score) for c in q.indicators[:3]], places=list(q.places),
        named_countries=list(q.countries), unknown_policy=q.unknown_policy, own_search_text=own_text,
        guideline_codes=list(q.guideline_codes), policy_spot=q.policy_spot, no_data=q.no_data,
        service_links=[(c.policy, c.code, c.score) for c in q.services[:3]],
        objective_links=[(c.policy, c.code, c.score) for c in q.objectives[:3] if c.by in ("name", "words")])


_LOOSE_CODE = re.compile(r"\b(?:i?\s?o\.?\s?p|i?\s?ss?|s)\s?\.?\d{1,2}(?:[.\s]?\d{1,2})*(?:-\d)?\b", re.IGNORECASE)


def _read_as_synonyms(snap: Snapshot, text: str) -> str:
    """``text`` with the everyday words the documents never use written as the reports' word
    (synonyms.yaml): "¿qué ministerio lleva la batuta…?" is searched as "…conduce…", so that
    "lleva" and "batuta" neither weigh in the evidence nor make the question unknown."""
    folded = strip_accents(text.lower())
    for variant, canonical in synonym_phrases().items():
        if variant not in folded or all(snap.knows(s) for s in content_stems(variant)):
            continue
        text = re.sub(rf"(?<![\w]){_loose_phrase(variant)}(?![\w])", canonical, text, flags=re.IGNORECASE)
        folded = strip_accents(text.lower())
    return text


def _loose_phrase(folded_phrase: str) -> str:
    """A regex for a folded phrase that matches it with or without accents."""
    accents = {"a": "[aá]", "e": "[eé]", "i": "[ií]", "o": "[oó]", "u": "[uúü]", "n": "[nñ]"}
    return r"\s+".join("".join(accents.get(ch, re.escape(ch)) for ch in word) for word in folded_phrase.split())


@cache
def _translated_words() -> frozenset[str]:
    """The glossary's English words that are no cognate of their Spanish term ("date", "fecha")."""
    return frozenset(w for w, term in lexicon().english.items() if " " not in w
                     and not same_family(next(iter(content_stems(w)), w), set(content_stems(term))))


def _search_words(snap: Snapshot, q: Question, text: str) -> str:
    """The words to search with: without the words that only frame a question ("oye", "pásame",
    and an English question's own words, which its Spanish terms replace) when the documents do
    not use them, and with codes as the documents write them ("op4" → "OP.04")."""
    frame = lexicon().frame | set(lexicon().english) | lexicon().english_hints
    if q.english:
        frame = frame | lexicon().english_function_words  # "from", "through", "since": an English question's frame

    talk = set(lexicon().slots["talk_words"])
    # An English question's words that the glossary wrote in Spanish are replaced by their terms,
    # even where a Spanish word shares their stem ("date" is not "datos"); a cognate stays, it is
    # its own term's word ("services", "servicios").
    translated = _translated_words() if q.english else frozenset()

    def keep(m: re.Match[str]) -> str:
        word = strip_accents(m.group(0).lower())
        stems = content_stems(m.group(0))
        framing = word in talk or word in translated or word in frame and stems and not snap.knows(stems[0])
        return " " if framing else m.group(0)

    codes = [*q.codes, *(c.code for c in q.objectives if c.by != "name" and c.code)]
    loose = _LOOSE_CODE.search(text) is not None
    searched = re.sub(r"[^\W\d_]+", keep, _LOOSE_CODE.sub(" ", text) if loose else text)
    if loose:
        searched = " ".join([searched, *dict.fromkeys(codes)])
    return re.sub(r"\s+", " ", searched).strip() or text


# What a question word of a policy's own name counts for, against a word of an indicator's passage.
POLICY_NAME_WEIGHT = 3.0


def _policy_by_words(snap: Snapshot, q: Question) -> list[str]:
    """For a code several policies use, the one policy whose indicator the question's words
    describe ("¿cuadra el 45,83 % del IOP.03.01 con los 32 proyectos de CSS?" is the PNCTI's);
    none when the words do not tell them apart."""
    stems = {snap.kin(s) or s for s in content_stems(q.spanish or q.text, drop_generic=True)}
    # A follow-up's code comes from an earlier turn, and so do the words that said whose it is
    # ("¿por qué el indicador de compromisos (IOP.02.01)…?" then "¿y cuánto salió?").
    stems |= {snap.kin(s) or s for s in q.inherited_stems}
    from assistant.passages import (
        policy_name_stems,  # passages reads Analysis: imported here, not at the top
    )

    scores: dict[str, float] = {}
    own_names: dict[str, set[str]] = {}
    for code in q.codes:
        keys = snap.find(snap.indicators, code, [])
        if len({snap.indicators[k]["policy"] for k in keys}) < 2:
            continue
        for k in keys:
            named = set(snap.indicator_stems.get(k, [])) | set(snap.indicator_context.get(k, []))
            policy = snap.indicators[k]["policy"]
            # A word of the policy's own name ("iop 3.1 pesca") says whose more than a word the
            # indicator's passage happens to hold ("…turismo, gastronomía, pesca…").
            own = own_names.setdefault(policy, policy_name_stems(snap, [policy]))
            scores[policy] = (scores.get(policy, 0.0) + sum(snap.weight(s) for s in stems & (named - own))
                              + POLICY_NAME_WEIGHT * sum(snap.weight(s) for s in stems & own))
    ranked = sorted(scores.items(), key=lambda e: -e[1])
    if len(ranked) >= 2 and ranked[0][1] > 0 and ranked[0][1] >= 2 * ranked[1][1]:
        return [ranked[0][0]]
    return []


@cache
def _why_phrases() -> re.Pattern[str]:
    """The ``why_frames`` of slots.yaml ("a que se debe"), accents and case aside."""
    return re.compile(r"\b(?:" + "|".join(_loose_phrase(w) for w in lexicon().slots["why_frames"]) + r")\b",
                      re.IGNORECASE)


def _policy_by_sibling_code(snap: Snapshot, q: Question) -> list[str]:
    """"…el IOP.02.01 y el IOP.04.01": codes named together are of one policy; a code only one
    policy uses (IOP.04.01, the PNCTI's) says which, when every code named exists in it."""
    if len(q.codes) < 2:
        return []
    owners = [{snap.indicators[k]["policy"] for k in snap.find(snap.indicators, code, [])} for code in q.codes]
    if any(not o for o in owners):
        return []
    unique = {next(iter(o)) for o in owners if len(o) == 1}
    if len(unique) != 1:
        return []
    policy = next(iter(unique))
    shared = any(len(o) > 1 for o in owners)
    return [policy] if shared and all(policy in o for o in owners) else []


def _policy_by_body(snap: Snapshot, q: Question) -> list[str]:
    """The one policy whose documents name the body the question names, by its acronym or the
    first two words of its name ("la biblioteca nacional" → the PNBP's "Biblioteca Nacional del
    Perú (BNP)"); none when no body or bodies of several policies are named."""
    from assistant.acronyms import body_policies  # acronyms reads the snapshot's sentences

    folded = strip_accents(q.text)
    found: set[str] = set()
    for short, (head, policies) in body_policies(snap).items():
        # A two-letter acronym ("SI", "AP") is a word too often to name a body.
        if len(short) >= 3 and re.search(rf"(?<![\w.]){re.escape(short.lower())}(?![\w])", folded) or re.search(
                rf"\b{re.escape(head)}\b", folded):
            if len(policies) == 1:
                found |= policies
            elif policies:
                return []  # a body several policies name says nothing of which
    return sorted(found) if len(found) == 1 else []


def _policy_by_premise(snap: Snapshot, q: Question) -> list[str]:
    """For a code several policies use, asked why it has no data ("¿por qué no hubo datos del OP 1?"),
    the one policy where it has none; none when several fit the premise."""
    fits = set()
    for code in q.codes:
        by_policy: dict[str, list[str]] = {}
        for k, ind in snap.indicators.items():
            # An objective's data are its own indicators' (its services' are measured apart).
            if code in (ind["code"], ind["indicator_id"]) or code == ind["objective"] and ind["level"] == "objetivo":
                by_policy.setdefault(ind["policy"], []).append(k)
        if len(by_policy) < 2:
            return []
        fits |= {p for p, keys in by_policy.items()
                 if all(v["value"] is None for k in keys for v in snap.values.get(k, []))}
    return sorted(fits) if len(fits) == 1 else []


# How far below the best word link a candidate may be for one stated figure of it to pick it.
FIGURE_LINK_MARGIN = 0.15


def stated_by_figures(snap: Snapshot, q: Question) -> list[str]:
    """Indicators whose reported figures the question states ("si 142 servidores representan un
    avance de 34,9 %…"): value and progress both, or one of them for a candidate the words name."""
    numbers = {round(n, 4) for n in q.asked.numbers if not 1990 <= n <= 2100}
    if not numbers:
        return []
    # "un colega dice que se implementaron 81 espacios de coordinación": 81 is the figure of the
    # participating entities, a weaker candidate; the words name the spaces implemented. One
    # figure points at a candidate only when the words name it about as well as the best.
    top = q.indicators[0].score if q.indicators else 0.0
    named = {(c.policy, c.code) for c in q.indicators[:3] if c.score >= top - FIGURE_LINK_MARGIN}
    both, one = [], []
    for k, rows in snap.values.items():
        ind = snap.indicators.get(k)
        if ind is None or (q.policies and ind["policy"] not in q.policies):
            continue
        for v in rows:
            hits = {round(f, 4) for f in (v["value"], v["progress_pct"]) if f is not None} & numbers
            if len(hits) == 2:
                both.append(k)
            elif hits and (ind["policy"], ind["code"] or ind["indicator_id"]) in named:
                one.append(k)
    found = both or one
    return list(dict.fromkeys(found)) if len(set(found)) == 1 else []


def of_named_service(snap: Snapshot, q: Question) -> list[str]:
    """The best indicator candidate, when it measures the service the question names clearly
    ("¿Cuánto se prestó a través del Fondo de Pesca Artesanal?": the fund's service, and its
    indicator of credits granted)."""
    service, best = (q.services[0] if q.services else None), q.indicators[0]
    if service is None or service.score < STRONG_LINK or service.policy != best.policy:
        return []
    keys = snap.find(snap.indicators, best.code, [best.policy])
    return [k for k in keys if (snap.indicators[k].get("service") or "") == service.code]


def of_a_service_said(snap: Snapshot, q: Question) -> list[str]:
    """"…bajaron gracias a las cajas isotérmicas, pero ese servicio ¿cómo le fue?": the question
    says "servicio" of one thing, so the one weak candidate that measures a service is meant, not
    an objective's indicator whose name it also mentions."""
    pointed = slot_regex("follow_up", "determiners").pattern
    if not re.search(rf"{pointed}\s+(?:servicio|service)\b", strip_accents(q.text).lower()):
        return []  # "cual es el servicio que…?" asks which service; "ese servicio" points at one said
    keys = [k for c in q.indicators[:3] for k in snap.find(snap.indicators, c.code, [c.policy])
            if snap.indicators[k].get("service")]
    return keys if len(keys) == 1 else []


def named_by_head(snap: Snapshot, q: Question) -> list[str]:
    """The one candidate the question names by part of its name: the name's first two words
    ("el índice de lectura" names "Índice de lectura de la población de 6 a más años…"), or
    every topic word of the question, two at least ("¿Esquemas innovadores: meta cumplida?")."""
    # With the typos corrected to the catalog's words ("indise de lectura" names the "Índice de lectura").
    # "…el porcentaje de avance" says which figure is asked: no "porcentaje de…" name is its head.
    stems = {snap.kin(s) or s for s in [*q.stems, *content_stems(q.corrected)] if s not in q.asked.progress_framing}
    framing = slot_stems()  # "cumplida", "superó": how it is asked, not what about
    topic = {k for s in q.asked.key_stems if s not in framing and (k := snap.kin(s))}
    heads = []
    for cand in q.indicators[:3]:
        for k in snap.find(snap.indicators, cand.code, [cand.policy]):
            name = [snap.kin(s) or s for s in snap.indicator_stems.get(k, [])]
            # A head of framing words only ("porcentaje de cumplimiento de los compromisos…") says
            # how a question asks ("¿qué porcentaje de cumplimiento tuvo…?"), not which indicator.
            head = set(name[:2])
            named = (len(name) >= 2 and head <= stems and bool(head - framing)
                     or len(topic) >= 2 and topic <= set(name))
            if named and k not in heads:
                heads.append(k)
    return heads if len(heads) == 1 else []


def _within_inherited(snap: Snapshot, q: Question) -> bool:
    """True when a follow-up inherits both an objective and, clearly, one of its indicators ("¿y
    qué avance tuvo ese indicador?" after a question on projects outside ALC): the indicator is
    the narrower topic."""
    objective, best = q.objectives[0], q.indicators[0] if q.indicators else None
    return (objective.by == "history" and best is not None and best.by == "history"
            and best.score >= STRONG_LINK and best.policy == objective.policy
            and any(snap.indicators[k]["objective"] == objective.code
                    for k in snap.find(snap.indicators, best.code, [best.policy])))


def linked_indicators(snap: Snapshot, q: Question) -> list[str]:
    """Snapshot keys of the indicators the question names by description, when it asks about one
    (or about several, named one after another)."""
    if q.listed and q.top_intent in INDICATOR_INTENTS:
        return [k for c in q.listed for k in snap.find(snap.indicators, c.code, [c.policy])]
    # "¿De dónde sale el 98,6 %…?" asks about the indicator whose figure that is, whatever the shape.
    derives = q.asked.derivation and bool(q.asked.percents)
    if (q.top_intent in INDICATOR_INTENTS or derives) and not q.codes:
        stated = stated_by_figures(snap, q)
        if stated:
            return stated
    # "Did Peru reach its goal on…?", "¿a qué se atribuye la reducción de las pérdidas…?": about one
    # indicator, whatever the classifier reads in the shape.
    about_one = q.top_intent in INDICATOR_INTENTS or q.asked.met or q.asked.why or derives
    if not about_one or q.objectives and q.objectives[0].by != "name" and not _within_inherited(snap, q):
        return []  # a link is an indicator only when the question asks about one indicator
    if q.indicators and q.indicators[0].score < STRONG_LINK:
        return of_named_service(snap, q) or of_a_service_said(snap, q) or named_by_head(snap, q)
    if not q.indicators:
        return []
    keys: list[str] = []
    for cand in q.best("indicator"):
        keys += [k for k in snap.find(snap.indicators, cand.code, [cand.policy]) if k not in keys]
    if q.asks_share:
        # "¿Qué porcentaje…?" is never answered with a count indicator.
        keys = [k for k in keys if any(v["unit"] == "%" for v in snap.values.get(k, []))]
    return keys


# Share of an indicator's name (by IDF) a question must cover for its unknown words to count as talk
# around the name. Measured on the tuning sets: questions that name an indicator amid unknown words
# cover 0.41–0.63 of its name; "What is Peru's inflation rate?" covers 0.31 of the best one.
TALK_AROUND_COVERAGE = 0.4


def match_indicator(snap: Snapshot, stems_weighted: dict[str, float],
                    policies: list[str] | None = None, margin: float = 0.0) -> tuple[list[str], float]:
    """The indicators whose name best matches the question's stems, with the best 0..1 score.

    Several keys come back when policies share an indicator name (same score), and, with a
    ``margin``, every indicator scoring within it of the best (best first).
    """
    q_weight = sum(snap.weight(s) * w for s, w in stems_weighted.items()) or 1.0
    # Words the corpus never uses ("oye", "sentaron", a typo) can match no name. When the question
    # covers most of a name they are talk around it and weigh nothing; when it covers little ("What is
    # Peru's inflation rate?" shares only "Perú") they are what is asked, and keep their weight.
    known_weight = sum(snap.weight(s) * w for s, w in stems_weighted.items() if s in snap.idf) or 1.0
    scored: list[tuple[float, str]] = []
    for ind_id, name_stems in snap.indicator_stems.items():
        if not name_stems or (policies and snap.indicators[ind_id]["policy"] not in policies):
            continue
        name_weight = sum(snap.weight(s) for s in name_stems)
        context = snap.indicator_context.get(ind_id, ())
        overlap_q = sum(snap.weight(s) * w for s, w in stems_weighted.items() if s in name_stems or s in context)
        overlap_n = sum(snap.weight(s) for s in name_stems if s in stems_weighted)
        covered = overlap_n / name_weight
        score = 0.55 * covered + 0.45 * (overlap_q / (known_weight if covered >= TALK_AROUND_COVERAGE else q_weight))
        if score > 0:
            scored.append((score, ind_id))
    if not scored:
        return [], 0.0
    scored.sort(key=lambda e: (-e[0], e[1]))
    best_score = scored[0][0]
    return [k for score, k in scored if score >= best_score - max(margin, 1e-9)], best_score


def weighted_stems(q: Analysis) -> dict[str, float]:
    """Question stems weighted 1.0; stems inherited from earlier turns weigh 0.5."""
    weights = {s: 1.0 for s in q.stems}
    for s in q.inherited:
        weights.setdefault(s, 0.5)
    return weights


def _policy_name_stems(snap: Snapshot, policies: list[str]) -> set[str]:
    """Stems of the names of ``policies`` with the domain's common words (see passages.policy_name_stems)."""
    from assistant.passages import (
        policy_name_stems,  # passages reads Analysis: imported here, not at the top
    )

    return policy_name_stems(snap, policies, drop_generic=False) | {
        s for p in policies for s in content_stems(p)}
