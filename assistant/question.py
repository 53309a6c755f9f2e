"""One parse of a question: its intents with confidences and its typed slots.

``parse(text, catalog, history)`` is the only place that reads a question's raw text;
later code reads the :class:`Question` it returns::

    q = parse("cuanto avanzo el iop 3.1?", catalog)
    q.top_intent            # "progress"
    q.indicators[0].code    # "IOP.03.01"

Intents come from a classifier trained on ``assistant/data/intents.yaml``
(:mod:`assistant.intents`); slots from entity linking against the catalog
(:mod:`assistant.entities`). A follow-up ("¿y su avance?", "¿Y en otras regiones?") takes
what it leaves out from the user turn it leans on, and says which one.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import Any

from assistant.asked import ASKED_NOTHING, Asked, read_asked, restated_counts
from assistant.catalog import Catalog, names_heading
from assistant.entities import (
    Candidate,
    Entities,
    Region,
    Threshold,
    canonicalise,
    fold,
    is_english,
    is_framing_stem,
    lexicon,
    linker_for,
    load_data,
    slot_regex,
    slot_stems,
    tokens,
)
from assistant.intents import IntentClassifier, default_classifier, without_source
from assistant.parts import split_parts
from assistant.text import (
    content_stems,
    to_spanish_terms,
    with_synonyms,
    without_words,
)
from assistant.text import is_english as glossary_english
from ingest.numbers import strip_accents

# How many earlier user turns a follow-up may reach back through (a follow-up of a follow-up).
MAX_HISTORY_DEPTH = 2
# Candidates within this score of the best are equally good answers to the question.
AMBIGUITY_MARGIN = 0.05
# A name link this strong gives a follow-up its own subject. Measured on the dev and regression
# sets (`python -m assistant.intent_compare --links`): the 26 figure questions link their
# indicator at 0.65–1.00; questions about no single indicator reach up to 0.75 when they share
# its topic ("¿Cuántos proyectos de Cooperación Sur-Sur tuvo el Perú?"), so the intent, not the
# link score alone, decides whether an indicator is asked about.
STRONG_LINK = 0.5
# Intents that ask about one indicator: a follow-up keeps the indicator and changes the intent.
INDICATOR_INTENTS = {"value", "progress", "target", "baseline", "met_target", "series", "discrepancy",
                     "definition", "explain"}


@dataclass(frozen=True)
class FollowUp:
    """Which earlier user turn a question leans on, and what it took from it."""

    turn: int  # index in ``history`` of the user message
    inherited: tuple[str, ...]  # slot names filled from that turn ("intents", "indicators", "years"…)
    both: bool = False  # "entre ambos": the subjects of the last two turns
    intent: str = ""  # the top intent of the turn leaned on


@dataclass
class Question:
    """A parsed question: intents with confidences, and the slots it names."""

    text: str
    intents: list[tuple[str, float]]
    threshold_confidence: float = 0.0  # below it the top intent is not trusted
    codes: list[str] = field(default_factory=list)
    unknown_codes: list[str] = field(default_factory=list)
    indicators: list[Candidate] = field(default_factory=list)
    services: list[Candidate] = field(default_factory=list)
    objectives: list[Candidate] = field(default_factory=list)
    policies: list[str] = field(default_factory=list)
    unknown_acronyms: list[str] = field(default_factory=list)
    other_policy: str | None = None
    years: list[int] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    role: str | None = None
    threshold: Threshold | None = None
    rank: str | None = None
    no_data: bool = False
    counted: str | None = None
    counted_words: tuple[str, ...] = ()
    asks_share: bool = False
    english: bool = False
    terms: list[str] = field(default_factory=list)
    corrected: str = ""  # the question folded, typos corrected to the catalog's words
    corrections: dict[str, str] = field(default_factory=dict)  # typo → the catalog word it was read as
    places: list[str] = field(default_factory=list)  # regions of Peru named ("en Tumbes")
    listed: list[Candidate] = field(default_factory=list)  # indicators named one after another
    policy_spot: frozenset[str] = frozenset()  # stems that only name a policy after its frame
    follow_up: FollowUp | None = None
    asked: Asked = ASKED_NOTHING  # how the question words what it asks (assistant/asked.py)
    parts: list[str] = field(default_factory=list)  # the questions it asks, when more than one
    spanish: str = ""  # the question with Spanish terms for English words and the reports' synonyms
    context: str = ""  # ``spanish``, followed by the turns a follow-up leans on (for retrieval)
    stems: list[str] = field(default_factory=list)  # topic stems of ``spanish``
    inherited_stems: list[str] = field(default_factory=list)  # a follow-up's stems from earlier turns
    uncovered_years: list[int] = field(default_factory=list)  # years named that no document reports
    unlisted_countries: list[str] = field(default_factory=list)  # countries named that are no partner
    sections: list[str] = field(default_factory=list)  # policies with a section heading the question names
    future_years: list[int] = field(default_factory=list)  # years after every period a document reports
    # A policy named that no document covers: "la Política Nacional de Turismo", "la PNAD".
    unknown_policy: str | None = None
    guideline_codes: list[str] = field(default_factory=list)  # "L.03.01", "lineamiento 1.2"

    @property
    def top_intent(self) -> str:
        """The most likely intent."""
        return self.intents[0][0] if self.intents else "out_of_scope"

    @property
    def confidence(self) -> float:
        """The confidence of :attr:`top_intent` (0..1)."""
        return self.intents[0][1] if self.intents else 0.0

    @property
    def confident(self) -> bool:
        """True when the top intent clears the fitted threshold (else: answer by cited retrieval)."""
        return self.confidence >= self.threshold_confidence

    def intent_confidence(self, name: str) -> float:
        """The confidence of one intent."""
        return dict(self.intents).get(name, 0.0)

    def best(self, kind: str = "indicator", margin: float = AMBIGUITY_MARGIN) -> list[Candidate]:
        """The candidates of ``kind`` within ``margin`` of the best one: more than one is an ambiguity."""
        cands = {"indicator": self.indicators, "service": self.services, "objective": self.objectives}[kind]
        if not cands:
            return []
        top = cands[0].score
        return [c for c in cands if c.score >= top - margin]

    @property
    def search_text(self) -> str:
        """The question plus its canonical Spanish terms, for lexical and dense retrieval."""
        extra = [t for t in self.terms if t not in fold(self.text)]
        return f"{self.text} {' '.join(extra)}".strip()


def parse(text: str, catalog: Catalog, history: list[dict[str, str]] | None = None,
          classifier: IntentClassifier | None = None) -> Question:
    """Parse ``text`` against ``catalog``; ``history`` is the chat so far ([{"role","content"}])."""
    text = _without_opener(text)
    q = _parse(text, catalog, history or [], classifier or default_classifier(), MAX_HISTORY_DEPTH)
    # "¿Qué países figuran a la vez como socios de la PNCTI y como destinatarios de la PNPA?" asks
    # what the two share: one question, however its halves are joined.
    # So does "¿son los mismos que los del OP.04? ¿qué diferencias hay?": one comparison of two lists.
    one = q.asked.common and q.asked.partner_word and len(q.policies) > 1 or q.asked.same_list and q.asked.summary_word
    parts = [] if one else split_parts(text)
    return replace(q, parts=parts) if len(parts) > 1 else q


def named_policy_stems(catalog: Catalog, policies: list[str]) -> frozenset[str]:
    """The stems of the names of ``policies`` ("pesc", "artesanal" for the PNPA)."""
    return frozenset(s for p in catalog.policies if p.acronym in policies
                     for s in content_stems(p.name, drop_generic=True))


# A guideline's code as the decrees write it ("L.03.01"), typed loosely ("l 3.1", "L0301").
_GUIDELINE_CODE = re.compile(r"\bL\s?\.?\s?(\d{1,2})[.\s]?(\d{2}|\d(?!\d))\b", re.IGNORECASE)


def guideline_codes(text: str) -> list[str]:
    """The guideline codes a question names, normalised ("l 3.1" → "L.03.01")."""
    return list(dict.fromkeys(f"L.{int(a):02d}.{int(b):02d}" for a, b in _GUIDELINE_CODE.findall(text)))


def _unknown_policy(catalog: Catalog, ents: Entities) -> str | None:
    """A policy the question names that no document covers: a "política nacional de X" that names
    no known policy, or an unknown acronym shaped like the known policies' ("PNAD" beside "PNCTI",
    "PNBP": the prefix they share)."""
    if ents.policies:
        return None
    if ents.other_policy:
        return ents.other_policy
    prefix = os.path.commonprefix([a.upper() for a in catalog.policy_acronyms()])
    if len(prefix) < 2 or len(catalog.policy_acronyms()) < 2:
        return None  # one policy, or policies with no shared shape: no acronym looks like one
    return next((a for a in ents.unknown_acronyms if a.startswith(prefix) and len(a) > len(prefix)), None)


def sections_named(catalog: Catalog, stems: list[str], policies: list[str], loose: bool = False) -> list[str]:
    """The policies (of ``policies``, when any) with a section heading the question names (``names_heading``)."""
    asked = set(stems)
    return list(dict.fromkeys(p for p, topic in catalog.sections
                              if names_heading(topic, asked, loose) and (not policies or p in policies)))


def names_a_section(folded: str) -> bool:
    """True when the question names a part of a document as such ("la sección de cooperación":
    ``section_words``). A summary word alone is not enough: "Resuma los resultados de la Política
    Nacional de Bibliotecas Públicas" names no "Problema público"."""
    return bool(slot_regex("section_words").search(folded))


def _casual_expanded(text: str) -> str:
    """``text`` with casual short forms and English contractions written out ("con q país" → "con
    que país", "What's" → "what is"; ``casual_forms``, ``contractions``)."""
    forms, contractions = lexicon().slots["casual_forms"], lexicon().slots["contractions"]
    text = re.sub(r"\b([A-Za-z]+['’][A-Za-z]+)\b",
                  lambda m: contractions.get(m.group(1).lower().replace("’", "'"), m.group(1)), text)
    return re.sub(r"(?<![\w.])([A-Za-z]{1,4})(?![\w.])",
                  lambda m: forms.get(m.group(1).lower(), m.group(1)), text)


def _without_possessives(text: str) -> str:
    """``text`` without English possessive endings ("the fishing policy's indicators" → "the fishing
    policy indicators"); a contraction ("What's", ``contractions``) is left to be written out."""
    contractions = lexicon().slots["contractions"]
    return re.sub(r"\b([A-Za-z]+)['’]s\b",
                  lambda m: m.group(0) if m.group(0).lower().replace("’", "'") in contractions else m.group(1), text)


def _without_opener(text: str) -> str:
    """``text`` without an opener that only announces it ("Quick one: how many…?", "Consulta
    rápida: ¿…?": ``openers`` of slots.yaml), when a colon, comma, dash or "¿" closes the opener."""
    folded = strip_accents(text)
    if len(folded) != len(text):
        return text  # a character folded to several: positions would not carry over
    m = re.match(rf"^\W*(?:{slot_regex('openers').pattern})\s*(?:[:,;\u2013\u2014-]+|(?=¿))\s*", folded)
    if m and m.end() < len(text):
        text, folded = text[m.end():], folded[m.end():]
    lead = re.match(rf"^\W*(?:{slot_regex('tell_leads').pattern})\s*,?\s*(?=¿?\s*(?:"
                    rf"{slot_regex('request_followers').pattern}))", folded.lower())
    return text[lead.end():] if lead and lead.end() < len(text) else text


def _own(text: str, catalog: Catalog, classifier: IntentClassifier) -> Question:
    text = _without_opener(text)  # an earlier turn's too
    raw, text = text, _without_possessives(text)
    ents: Entities = linker_for(catalog).link(text)
    sides = _disjunct_indicators(text, catalog)
    if sides is not None:
        # "¿Cuál avanzó más: la formalización de pescadores o los bibliotecarios capacitados?": each
        # side names its own indicator; linked as one text, their words mix ("pescadores capacitados").
        named = {(c.policy, c.code) for c in sides}
        ents.indicators = sides + [c for c in ents.indicators if (c.policy, c.code) not in named]
    english = glossary_english(text)
    written_out = _casual_expanded(text)  # "q significa ODS" is read as "que significa ODS"
    spanish = with_synonyms(to_spanish_terms(written_out) if english else written_out)
    intents = classifier.predict(written_out)
    if ents.corrected and ents.corrected != fold(text):
        # Typos corrected to the catalog's words ("avanse" → "avance") say the intent too: the
        # two readings' probabilities are averaged.
        intents = blend_intents(intents, classifier.predict(ents.corrected), weight=1.0)
    return Question(text=raw, intents=intents, threshold_confidence=classifier.threshold,
                    english=is_english(text), asked=read_asked(text, spanish, ents, english,
                                                              linker_for(catalog).policy_stems,
                                                              named_policy_stems(catalog, ents.policies)),
                    spanish=spanish, context=spanish, stems=content_stems(spanish),
                    uncovered_years=[y for y in ents.years if catalog.years and y not in catalog.years],
                    unlisted_countries=[c for c in ents.countries if c not in catalog.partners],
                    # "acciones de mejora" names the heading "Alternativas de mejora" (synonyms.yaml).
                    # "Indique, según el decreto supremo que aprueba la PNBP, cómo…": the source
                    # phrase names a document, not a section of it.
                    sections=sections_named(catalog, content_stems(
                        f"{without_source(fold(spanish))} {canonicalise(without_source(fold(spanish)))}"),
                                            ents.policies, loose=names_a_section(fold(spanish)) and bool(ents.policies)),
                    future_years=[y for y in ents.years if catalog.years and y > max(catalog.years)],
                    unknown_policy=_unknown_policy(catalog, ents),
                    guideline_codes=guideline_codes(text),
                    **{k: v for k, v in vars(ents).items()})


# "A o B", "A or B", "A vs B", "A frente a B": two things a comparison names, one on each side;
# "no hay datos de A ni de B" names two as well.
_DISJUNCTION = re.compile(r"\s+(?:o|u|or|nor|ni|vs\.?|versus|frente a)\s+", re.IGNORECASE)


def _disjunct_indicators(text: str, catalog: Catalog) -> list[Candidate] | None:
    """The indicator each side of "A o B" names on its own, when both do clearly and they differ."""
    parts = _DISJUNCTION.split(text)
    if len(parts) != 2:
        return None
    left = parts[0].rsplit(":", 1)[-1]  # "¿cuál avanzó más en 2023: A o B?": A starts after the colon
    linker = linker_for(catalog)
    tops = []
    for side in (left, parts[1]):
        if len(content_stems(side, drop_generic=True)) < 2:
            return None
        found = linker.link(side).indicators
        if not found or found[0].score < STRONG_LINK or (len(found) > 1 and found[1].score >= found[0].score):
            return None
        tops.append(found[0])
    if (tops[0].policy, tops[0].code) == (tops[1].policy, tops[1].code):
        return None
    score = min(t.score for t in tops)
    return [replace(t, score=score) for t in tops]


@lru_cache(maxsize=1)
def _ordinals() -> tuple[re.Pattern[str], dict[str, int]]:
    """"el segundo", "the last one": the ordinal words of slots.yaml and the list index each names."""
    index = {str(word): int(i) for i, words in lexicon().slots["ordinals"].items() for word in words}
    words = "|".join(sorted(map(re.escape, index), key=len, reverse=True))
    # "el primer objetivo" names an objective, not an item of the last list.
    return re.compile(rf"\b(?:el|la|del|al|the)\s+({words})\b(?!\s+(?:objetivos?|objectives?|o\.?p)\b)"), index


def listed_item(text: str, history: list[dict[str, str]], catalog: Catalog) -> str | None:
    """The code of the item "el primero" / "the second one" points at in the last answer's list."""
    pattern, ordinals = _ordinals()
    m = pattern.search(fold(text))
    answers = [t["content"] for t in history if isinstance(t, dict) and t.get("role") == "assistant"
               and isinstance(t.get("content"), str)]
    if not m or not answers:
        return None
    linker = linker_for(catalog)
    lines = [line for line in answers[-1].splitlines() if line.lstrip().startswith(("- ", "* "))]
    items = [codes[0] for line in lines if (codes := linker.find_codes(line))]
    if not items:
        # A list of quoted sentences ("- «El MRE, a través de la APCI, efectuará…»"): the sentence.
        items = [q.group(1) for line in lines if (q := _QUOTED.search(line))]
    index = ordinals[m.group(1)]
    return items[index] if items and index < len(items) else None


_QUOTED = re.compile(r"«([^»]{20,})»")


def _parse(text: str, catalog: Catalog, history: list[dict[str, str]], classifier: IntentClassifier,
           depth: int) -> Question:
    pointed = listed_item(text, history, catalog)
    if pointed is not None and pointed not in text:
        # "¿con qué indicadores se mide el primero?" after a list: the first item listed.
        text = f"{text} ({pointed})"
    q = _own(text, catalog, classifier)
    users = [i for i, m in enumerate(history) if isinstance(m, dict) and m.get("role") == "user"
             and isinstance(m.get("content"), str) and m["content"].strip()]
    if not users or depth <= 0:
        return q
    if not (pointed is not None or is_follow_up(q, catalog)):
        return _in_policy_of(q, history[users[-1]]["content"], catalog, classifier)
    turn = users[-1]
    prev = _parse(history[turn]["content"], catalog, history[:turn], classifier, depth - 1)
    older = None
    if _follow_up_words()[1].search(fold(text)) and len(users) > 1:
        older = _parse(history[users[-2]]["content"], catalog, history[:users[-2]], classifier, depth - 1)
    out = merge(q, prev, turn, catalog, older)
    answer = next((m.get("content") or "" for m in history[turn + 1:] if m.get("role") == "assistant"), "")
    if not (q.codes or q.objectives or q.services or q.places or q.countries or q.regions) \
            and not any(c.score >= STRONG_LINK for c in q.indicators) and out.top_intent in INDICATOR_INTENTS:
        # "and the target for 2025?" after a question whose words named its indicator only loosely:
        # the answer it got named one indicator, and that is what the follow-up asks about, before
        # what the earlier question's words linked ("¿y por qué el avance fue tan bajo?" after an
        # answer on the scholarships page's accesses, not the other page's).
        answered = answered_indicator(answer, out.policies, catalog)
        inherited = [(c.policy, c.code) for c in out.indicators] if "indicators" in out.follow_up.inherited else []
        # "¿y el otro indicador de ese mismo servicio?" asks past the one the answer named.
        other = slot_regex("follow_up", "other").search(fold(q.text)) is not None
        # "¿…entre ambos?" asks about the last two turns' subjects, not the last answer's alone.
        if (answered is not None and not other and not out.follow_up.both
                and inherited[:1] != [(answered.policy, answered.code)]):
            out.indicators, out.codes = [answered], [answered.code]
            out.follow_up = replace(out.follow_up, inherited=(*out.follow_up.inherited, "answered_indicator"))
    if not q.codes and not any(c.by != "name" for c in out.objectives) and answer and _points_at_objective(text):
        # "¿…en el marco de ese objetivo?" after an answer that named one objective ("OP.04 (PNCTI)").
        answered_op = answered_objective(answer, out.policies, catalog)
        if answered_op is not None:
            out.objectives = [answered_op]
            out.follow_up = replace(out.follow_up, inherited=(*out.follow_up.inherited, "objectives"))
    if out.top_intent == "partners" and not (q.regions or q.countries or out.regions) and answer:
        # "¿Con qué país fueron esos proyectos?" after the value of the indicator of projects in
        # other regions, named loosely: the region of the one indicator the answer gave.
        answered = answered_indicator(answer, out.policies, catalog)
        named = linker_for(catalog).region_of_item(answered.name) if answered is not None else []
        if named:
            out.regions = named
            out.follow_up = replace(out.follow_up, inherited=(*out.follow_up.inherited, "regions"))
    if prev.asked.amount and answer and _asks_which_ones(text):
        # "¿y cuáles son?" after "¿Cuántos desembarcaderos…?": the names of the count the answer gave.
        out.asked = replace(out.asked, members=True, restated_counts=restated_counts(answer))
    return out


def _points_at_objective(text: str) -> bool:
    """"ese objetivo", "that objective": a determiner before an objective word."""
    words = tokens(fold(text))
    determiners = set(lexicon().slots["follow_up"]["determiners"])
    objective = {fold(w) for w in lexicon().slots["objective_words"] if " " not in w}
    return any(a in determiners and b in objective for a, b in pairwise(words))


def answered_objective(answer: str, policies: list[str], catalog: Catalog) -> Candidate | None:
    """The one objective an earlier answer named ("**OP.04 (PNCTI)**"), when it named exactly one."""
    codes = set(re.findall(r"\bOP\.\d{2}\b", answer))
    if len(codes) != 1:
        return None
    code = codes.pop()
    named = [p for p in re.findall(rf"{re.escape(code)}\W+\(?(?:de la\s+)?([A-Z]{{3,8}})", answer)]
    found = [o for o in catalog.objectives if o.code == code and (o.policy in named or not named)
             and (not policies or o.policy in policies)]
    return Candidate("objective", found[0].policy, code, found[0].name, 1.0, "history") if len(found) == 1 else None


def answered_indicator(answer: str, policies: list[str], catalog: Catalog) -> Candidate | None:
    """The one indicator an earlier answer is about, when it names exactly one ("El indicador
    IOP.01.01 de la PNBP…"); None when it names none or several, or a code several policies share
    without placing it."""
    linker = linker_for(catalog)
    found: set[tuple[str, str, str]] = set()
    for code in linker.find_codes(answer):
        items = [i for i in catalog.indicators if i.code == code and (not policies or i.policy in policies)]
        placed = [i for i in items if re.search(rf"{re.escape(code)}\**\s+(?:de\s+la\s+)?{re.escape(i.policy)}\b", answer)]
        found |= {(i.policy, i.code, i.name) for i in (placed or items)}
    if len(found) != 1:
        return None
    policy, code, name = found.pop()
    return Candidate("indicator", policy, code, name, 1.0, "history")


# A question of at most this many words that asks "which ones" asks only that.
WHICH_ONES_WORDS = 4


def _asks_which_ones(text: str) -> bool:
    """True for "¿y cuáles son?", "which ones?": the names of something counted, and nothing else."""
    folded = fold(text)
    return len(tokens(folded)) <= WHICH_ONES_WORDS and slot_regex("follow_up", "which_ones").search(folded) is not None


# Questions about a policy as a whole: asked with no policy after a turn that named one, they are
# about that one ("Cuéntame de la política de bibliotecas." then "¿Con qué decreto se aprobó?").
POLICY_INTENTS = frozenset({"document_fact", "definition", "summary", "objectives", "services"})


def _in_policy_of(q: Question, earlier: str, catalog: Catalog, classifier: IntentClassifier) -> Question:
    """``q`` limited to the policy the earlier turn named, when it names none and asks about a policy."""
    if q.policies or len(catalog.policies) < 2 or q.top_intent not in POLICY_INTENTS:
        return q
    if q.codes or q.countries or q.regions or any(c.score >= STRONG_LINK for c in q.indicators):
        return q
    linked = linker_for(catalog).link(earlier)
    named = linked.policies
    if not named and linked.indicators and linked.indicators[0].score >= STRONG_LINK:
        # "¿Cuántos pescadores se formalizaron?" names the PNPA by its indicator; a code two
        # policies share names neither.
        best = linked.indicators[0].score
        named = list(dict.fromkeys(c.policy for c in linked.indicators if c.score >= best))
    return replace(q, policies=named) if len(named) == 1 else q


@lru_cache(maxsize=1)
def _reference() -> re.Pattern[str]:
    """A word that points back at an earlier turn: the ``follow_up`` lists of slots.yaml, in their grammar."""
    def alt(name: str) -> str:
        return slot_regex("follow_up", name).pattern
    return re.compile(
        rf"{alt('determiners')}\s+(?:(?:mismo|misma|same)\s+)?{alt('pointed_at')}"  # "su avance", "ese mismo servicio"
        r"|^\W*(?:y\s+)?(?:su|sus|its)\b"  # "¿y su meta?" opens with the possessive
        rf"|{alt('both')}|{alt('neuter')}|{alt('neuter_english')}"  # "ambos"; "¿cómo se compara eso con…?"
        rf"|\b(?:de|entre)\s+{alt('plural')}|\bof\s+{alt('plural_english')}"  # "¿cuál de ellos…?"
        rf"|{alt('plural_determiners')}\s+[a-z]{{3,}}"  # "esos proyectos"
        rf"|^\W*(?:(?:y|and)\s+)?{alt('choice')}")  # "which one has no services?" after a list


@lru_cache(maxsize=1)
def _follow_up_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How a follow-up opens ("¿y…?", "what about…") and "ambos": the ``follow_up`` lists of slots.yaml."""
    starts = re.compile(r"^[^a-z0-9ñ]*" + slot_regex("follow_up", "starts").pattern)
    return starts, slot_regex("follow_up", "both")


def is_follow_up(q: Question, catalog: Catalog) -> bool:
    """True when the question leans on an earlier turn: "¿y…?", "su avance", "ambos", or too short to stand alone."""
    folded = fold(q.text)
    if _follow_up_words()[0].search(folded) or _reference().search(folded):
        return True
    own_subject = (q.codes or _clear_indicator(q)
                   or any(c.by != "name" for c in q.objectives) or q.countries or q.regions)
    if own_subject:
        return False
    # "¿Por qué tan alto?": an intent with at most one topic word of its own leans on the last turn.
    # The slot lists' words say how it is asked, not what about ("¿Qué valores se esperan para 2025?").
    # A number it states ("…para llegar al 100 %") is no topic either.
    topic = [s for s in content_stems(q.spanish, drop_generic=True) if s not in slot_stems() and not s.isdigit()]
    # "How many actually got there?": a count with no topic of its own counts what the last turn named.
    leaning = INDICATOR_INTENTS | {"count"}
    # "¿Con qué país fueron?": partners asked with no topic at all are the last turn's projects' partners.
    return (len([w for w in tokens(folded) if len(w) > 2]) <= 3 or (q.top_intent in leaning and len(topic) <= 1)
            or q.top_intent == "partners" and not topic)


def _clear_indicator(q: Question) -> bool:
    """True when the question names one indicator strongly and clear of the next ("¿cuántas
    accesiones tuvo?" names two pages' accesses alike: it leans on the turn that said which)."""
    strong = [c for c in q.indicators if c.score >= STRONG_LINK]
    return bool(strong) and (len(q.indicators) == 1 or q.indicators[0].score - q.indicators[1].score >= AMBIGUITY_MARGIN)


def merge(q: Question, prev: Question, turn: int, catalog: Catalog, older: Question | None = None) -> Question:
    """Fill what the follow-up ``q`` leaves out with ``prev``, the user turn at index ``turn``
    (and, for "entre ambos", ``older``, the user turn before it)."""
    inherited: list[str] = []
    both = older is not None
    out = replace(q)
    # "¿Y en otras regiones?" says little of its own: it asks what the last turn asked, while
    # "¿y su avance?" says it. Its own probabilities stay; the last turn's fill the confidence it lacks.
    out.intents = blend_intents(q.intents, prev.intents)
    if out.top_intent != q.top_intent:
        inherited.append("intents")
    own_subject = bool(q.codes or [c for c in q.objectives if c.by != "name"] or _clear_indicator(q))
    whole = slot_regex("follow_up", "whole_policy").search(fold(q.text)) is not None
    service = prev.services[0] if prev.services and (prev.services[0].by != "name"
                                                      or prev.services[0].score >= STRONG_LINK) else None
    if not own_subject and service is not None and q.indicators and q.indicators[0].score >= STRONG_LINK:
        # Two indicators named alike: the one of the service the earlier turn was about.
        of_service = [c for c in q.indicators if any(i.policy == c.policy and i.code == c.code
                                                     and i.service == service.code for i in catalog.indicators)]
        if of_service:
            out.indicators, out.codes = of_service[:1], [of_service[0].code]
            own_subject = True
    if older is not None and prev.indicators and older.indicators:
        out.indicators = _unique([replace(c, by="history") for c in older.indicators[:1] + prev.indicators[:1]])
        out.codes = [c.code for c in out.indicators]
        inherited.append("indicators")
    elif (numbered := _numbered_objective(q, prev, catalog)) is not None:
        # "¿y el otro, el 04?" after "¿Cuál es el objetivo prioritario 03?": the objective numbered 04.
        out.objectives, out.indicators, out.codes = [numbered], [], []
        inherited.append("objective_kind")
    elif (sibling := _sibling(q, prev, catalog)) is not None:
        # "¿y el otro indicador de ese mismo servicio?", "and the other OP.01 indicator?"
        out.indicators, out.codes = [sibling], [sibling.code]
        out.policies = [sibling.policy]
        inherited.append("indicators")
    elif not own_subject and not whole:
        relinked = _relink(q, prev, catalog)
        if relinked is not None:
            out.indicators = relinked
            inherited.append("indicators")
        elif prev.indicators and (prev.indicators[0].by != "name" or prev.indicators[0].score >= STRONG_LINK):
            out.indicators = [replace(c, by="history") for c in prev.indicators]
            out.codes = prev.codes
            inherited.append("indicators")
        if not q.services and prev.services and (prev.services[0].by != "name"
                                                 or prev.services[0].score >= STRONG_LINK):
            out.services = [replace(c, by="history") for c in prev.services]
            inherited.append("services")
        if not q.objectives and prev.objectives and (prev.objectives[0].by != "name"
                                                     or prev.objectives[0].score >= STRONG_LINK):
            out.objectives = [replace(c, by="history") for c in prev.objectives]
            inherited.append("objectives")
    if not q.policies and prev.policies:
        # "¿y el de bibliotecas?" after "¿Quién firma el reporte de pesca artesanal?": the earlier
        # turn said "reporte"; the follow-up's own words name another policy by its head noun.
        own = [p for p in linker_for(catalog).link(q.text, framed=True).policies if p not in prev.policies]
        if own:
            out.policies = own
    for slot in ("years", "policies"):
        if not getattr(out, slot) and getattr(prev, slot):
            setattr(out, slot, getattr(prev, slot))
            inherited.append(slot)
    if q.policies and set(q.policies) != set(prev.policies):
        # "¿y en los de bibliotecas?" after the fishing indicators' baselines: the items the earlier
        # turn named are of another policy (a code stays: the other policy's item of that code).
        out.indicators = [c for c in out.indicators if c.by != "history" or c.policy in q.policies]
        out.services = [c for c in out.services if c.by != "history" or c.policy in q.policies]
        out.objectives = [c for c in out.objectives if c.by != "history" or c.policy in q.policies]
    if "policies" in inherited:
        # "¿Y para cuántos de ellos hubo información?" after the PNPA's indicators: still the PNPA,
        # so a name the follow-up's words fit in another policy ("provisión de información") is no link.
        out.indicators = [c for c in out.indicators if c.by != "name" or c.policy in out.policies]
        out.services = [c for c in out.services if c.by != "name" or c.policy in out.policies]
        out.objectives = [c for c in out.objectives if c.by != "name" or c.policy in out.policies]
    outside = slot_regex("follow_up", "outside_that").search(fold(q.text)) is not None
    if outside and not (q.regions or q.countries) and any(not r.exclude for r in prev.regions):
        # "and outside that region?" after a question on ALC: that region, excluded.
        out.regions = [replace(r, exclude=True) for r in prev.regions if not r.exclude]
        inherited.append("regions")
    elif not (q.regions or q.countries) and prev.regions and out.top_intent != "partners":
        # "¿y en qué temas trabajaron?" after "¿Con qué país… fuera de ALC?": still outside ALC. It
        # scopes the question; unlike "regions" it does not make it a partners question.
        out.regions = prev.regions
        inherited.append("region_scope")
    elif out.top_intent == "partners" and not (q.regions or q.countries):
        if prev.regions or prev.countries:
            out.regions, out.countries = prev.regions, prev.countries
            inherited.append("regions")
        elif out.indicators:
            # "¿Con qué país?" after an indicator: the region that indicator's name measures.
            named = linker_for(catalog).region_of_item(out.indicators[0].name)
            if named:
                out.regions = named
                inherited.append("regions")
    if not q.role and prev.role:
        out.role = prev.role
        inherited.append("role")
    out.follow_up = FollowUp(turn, tuple(inherited), both, prev.top_intent)
    # The earlier turn's words still count, for retrieval and for how the question is phrased
    # ("¿y su avance?" after "¿cumplió su meta el IOP.03.01?" asks whether it was met).
    out.context = f"{q.spanish} {prev.context}"
    own_subject_code = bool(q.codes)
    out.inherited_stems = [] if own_subject_code else [s for s in prev.stems + prev.inherited_stems if s not in q.stems]
    slots = Entities(policies=out.policies, threshold=q.threshold or prev.threshold, rank=q.rank or prev.rank,
                     no_data=q.no_data or prev.no_data, counted=q.counted or prev.counted,
                     counted_words=q.counted_words or prev.counted_words)
    merged = read_asked(f"{q.text} {prev.text}", out.context, slots, q.english)
    # "¿y el de pesca artesanal?" after "¿Quién firmó…?" still asks who signed; a follow-up with a
    # topic of its own ("¿y qué alternativa de mejora plantea?") asks its own question.
    own_topic = [s for s in q.asked.key_stems if s not in linker_for(catalog).policy_stems]
    # "¿qué cargo tiene?" after "¿quién firmó el reporte?" asks about the signatory still.
    signatory = q.asked.signatory or (prev.asked.signatory and not [s for s in own_topic
                                                                    if s not in _signatory_details()])
    # "¿y cuántas se esperan para 2024?" after a question on 2023: the turn's own year replaces the earlier one.
    # A plan is asked by the turn's own words: "¿Se reportó de todos modos algún valor?" after
    # "¿Por qué se plantea corregir…?" asks for a figure, not for what the report proposes.
    out.asked = replace(merged, own_words=q.asked.own_words, key_stems=q.asked.key_stems, both=q.asked.both,
                        signatory=signatory, years_named=q.asked.years_named or merged.years_named,
                        plan=q.asked.plan)
    if not q.sections and prev.sections and q.asked.summary_word and all(is_framing_stem(s) for s in own_topic):
        # "Resúmela." after "¿El reporte de la PNPA tiene una sección de cooperación?": that section.
        out.sections = prev.sections
        out.asked = replace(out.asked, section_word=True)
    elif own_topic:
        # "¿Y cuándo se publicarán los datos…?" after "¿Qué periodo abarca el reporte?": a topic of
        # its own asks its own question, not the earlier period or summary.
        out.asked = replace(out.asked, period=q.asked.period, summary=q.asked.summary)
    if q.asked.services_word or q.asked.guidelines_word or q.asked.partner_word:
        # "¿Y cuáles son esos servicios?" after "¿Por qué el OP3 no reporta avance de sus servicios?":
        # it names what it asks for; the earlier turn's "avance" does not make it a progress question.
        out.asked = replace(out.asked, progress_word=q.asked.progress_word, met=q.asked.met)
    if not own_topic and q.policies and set(q.policies) != set(prev.policies) and not q.years:
        # "and the PNCTI?" after "How many indicators does the PNPA use?": the earlier question, of another policy.
        out.asked = replace(prev.asked, abbreviations=q.asked.abbreviations)
        # "¿y el de la política de bibliotecas?" after "¿Cuál es el problema público de la PNCTI?":
        # the section the earlier words name, in the other policy's documents.
        out.sections = q.sections or sections_named(catalog, prev.stems, q.policies)
    if (out.asked.level is None and q.asked.count_start and not q.asked.counted and prev.asked.indicators_word
            and not q.codes):
        # "¿cuántos de ellos corresponden a servicios?" after "¿Cuántos indicadores tiene…?": the
        # indicators of that level.
        folded = fold(q.text)
        level = ("servicio" if q.asked.services_word
                 else "objetivo" if re.search(r"\bobjetivos?\b|\bobjectives?\b", folded) else None)
        if level is not None:
            out.asked = replace(out.asked, level=level, indicators_word=True)
    earlier = {prev.top_intent, prev.follow_up.intent if prev.follow_up else None}
    if (q.asked.amount and prev.asked.count_start and not q.asked.declared
            and slot_regex("presented_words").search(fold(q.text))):
        # "¿Cuántos servicios tiene la PNPA?" then "no veo tantos. ¿Cuántos se reportan realmente?":
        # what the report presents against what it declares, the earlier count.
        out.asked = replace(out.asked, declared=True)
    if prev.asked.listing and not q.asked.listing and re.search(r"\bcuales\b|\bwhich\b", fold(q.text)):
        # "¿cuáles de esos son regionales?" after "¿Qué foros…?": still the names of that list.
        out.asked = replace(out.asked, listing=True, list_noun=prev.asked.list_noun)
    if q.asked.lacking and not q.asked.which_objective and "objectives" in earlier and not q.objectives:
        # "which one has no services?" after the list of objectives: which objective.
        out.asked = replace(out.asked, which_objective=True)
    if q.asked.count_start and not q.asked.counted and "partners" in earlier:
        # "¿Cuántos son?" after a partners question counts the partners it listed.
        out.asked = replace(out.asked, count_partners=True)
    if (q.asked.amount or q.asked.value_word) and not (q.asked.target or q.asked.baseline):
        # "¿y cuántos se capacitaron en realidad?" after "¿cuál era la meta…?" asks for the value;
        # "¿y cuánto salió?", "¿se reportó algún valor?" after "¿por qué no tenía logro esperado?"
        # ask for it, not the cause.
        out.asked = replace(out.asked, target=False, baseline=False, why=q.asked.why)
    elif q.asked.target != q.asked.baseline:
        # "¿y qué logros esperados hay para 2030?" after a baseline question asks for the targets
        # only; "¿y su línea de base?" after a target question, for the baseline, and after
        # "¿por qué no se midió…?" for the baseline, not the cause again.
        out.asked = replace(out.asked, target=q.asked.target, baseline=q.asked.baseline, why=q.asked.why)
    elif out.asked.why and not q.asked.why and q.asked.other_head and own_topic:
        # "¿y en qué foros se destaca la participación del Perú en esa parte?" after "¿Por qué el
        # OP4 no tiene servicios?": its own question on that part, not the cause again.
        out.asked = replace(out.asked, why=False)
    return out


@lru_cache(maxsize=1)
def _signatory_details() -> frozenset[str]:
    """Stems of what a signature line says besides the name (``signatory_details`` of nouns.yaml)."""
    return frozenset(s for w in load_data("nouns.yaml")["signatory_details"] for s in content_stems(w))


def for_policy(q: Question, policy: str, catalog: Catalog) -> Question:
    """``q`` asked of one of the several policies it names, without the words that name the others
    ("…de cooperación técnica, de bibliotecas y de pesca artesanal" asked of the PNPA searches
    neither "bibliotecas" nor "cooperación técnica")."""
    others = [p for p in q.policies if p != policy]
    # Every word of the other names ("cooperación técnica" too, which frames other questions), less
    # the words this policy's name shares ("política nacional").
    names = {p.acronym: set(content_stems(p.name)) for p in catalog.policies}
    drop = set().union(*(names.get(p, set()) for p in others)) - names.get(policy, set())
    acronyms = {p.lower() for p in others}

    def clean(text: str) -> str:
        return without_words(text, drop, acronyms)

    return replace(q, policies=[policy], text=clean(q.text), spanish=clean(q.spanish), context=clean(q.context),
                   stems=[s for s in q.stems if s not in drop], terms=[t for t in q.terms if t.lower() not in acronyms])


def filled_from(part: Question, whole: Question) -> Question:
    """A part of a question with the policies, years and codes it leaves out taken from the whole
    question ("¿Cuántos objetivos prioritarios y cuántos lineamientos contempla la PNBP?")."""
    fill: dict[str, Any] = {}
    # What the part took from an earlier turn of the chat is left out too: the question it is
    # part of says it ("¿Cuántos objetivos…?" after a PNCTI turn, in a question about the PNBP).
    borrowed = set(part.follow_up.inherited) if part.follow_up else set()
    if (not part.policies or "policies" in borrowed) and whole.policies:
        fill["policies"] = whole.policies
    if (not part.years or "years" in borrowed) and whole.years:
        fill["years"] = whole.years
    named = not borrowed & {"codes", "indicators"} and (
        part.codes or any(c.score >= STRONG_LINK for c in part.indicators))
    if not named and whole.codes:
        fill.update(codes=whole.codes, indicators=whole.indicators, services=whole.services)
    return replace(part, **fill) if fill else part


def blend_intents(own: list[tuple[str, float]], prev: list[tuple[str, float]],
                  weight: float | None = None) -> list[tuple[str, float]]:
    """p(i) ∝ p_own(i) + w × p_prev(i), most likely first; w defaults to 1 − own top confidence."""
    if weight is None:
        weight = 1.0 - (own[0][1] if own else 0.0)
    scores = dict(own)
    for label, p in prev:
        scores[label] = scores.get(label, 0.0) + weight * p
    total = sum(scores.values()) or 1.0
    return sorted(((label, round(p / total, 4)) for label, p in scores.items()), key=lambda e: -e[1])


def _sibling(q: Question, prev: Question, catalog: Catalog) -> Candidate | None:
    """The one other indicator of the earlier indicator's service (or, for an objective's
    indicator, of its objective, or of the objective the follow-up names), when the follow-up
    asks for "the other" one and names no indicator, region or country of its own."""
    if q.regions or q.countries or q.codes and not q.objectives or not prev.indicators:
        return None
    if any(c.score >= STRONG_LINK for c in q.indicators) or not slot_regex("follow_up", "other").search(fold(q.text)):
        return None
    top = prev.indicators[0]
    if top.by == "name" and top.score < STRONG_LINK:
        return None
    others = []
    # A code two policies share is either one's: the other indicator is looked for beside each.
    for base in (c for c in prev.indicators if c.score >= top.score):
        item = next((i for i in catalog.indicators if i.policy == base.policy and i.code == base.code), None)
        if item is None:
            continue
        named = next((c.code for c in q.objectives if c.by != "name" and c.policy == base.policy), None)
        # The objective the turn names, else the earlier indicator's service, else its objective.
        objective, service = ((named, None) if named and named != item.objective
                              else (None, item.service) if item.service else (item.objective, None))
        others += [i for i in catalog.indicators
                   if i.policy == item.policy and i.code != item.code and i not in others
                   and (i.service == service if service else i.objective == objective and not i.service)]
    if len(others) != 1:
        return None  # no other, or several: which one is not said
    return Candidate("indicator", others[0].policy, others[0].code, others[0].name, 1.0, "history")


def _numbered_objective(q: Question, prev: Question, catalog: Catalog) -> Candidate | None:
    """The objective a bare number names ("¿y el 04?") when the earlier turn was about an objective
    of a policy that has one with that number."""
    if q.codes or q.objectives or q.indicators or q.services or not prev.objectives or prev.indicators:
        return None
    if prev.objectives[0].by == "name" and prev.objectives[0].score < STRONG_LINK:
        return None
    numbers = [w for w in tokens(fold(q.text)) if w.isdigit() and len(w) <= 2]
    if len(numbers) != 1:
        return None
    policy, code = prev.objectives[0].policy, f"OP.{int(numbers[0]):02d}"
    item = next((o for o in catalog.objectives if o.policy == policy and o.code == code), None)
    return None if item is None else Candidate("objective", policy, code, item.name, 1.0, "history")


def _relink(q: Question, prev: Question, catalog: Catalog) -> list[Candidate] | None:
    """The earlier indicator read under the follow-up's new region ("¿Y en otras regiones?")."""
    if not prev.indicators or not (q.regions or q.role):
        return None
    linker = linker_for(catalog)
    base = prev.indicators[0]
    text = f"{linker.without_regions(base.name)} {q.text}"
    cands = [c for c in linker.link(text).indicators if c.policy == base.policy]
    if not cands or cands[0].code == base.code:
        return None
    return [replace(c, by="history") for c in cands]


def _unique(cands: list[Candidate]) -> list[Candidate]:
    seen: set[tuple[str, str]] = set()
    out = []
    for c in cands:
        if (c.policy, c.code) not in seen:
            seen.add((c.policy, c.code))
            out.append(c)
    return out
