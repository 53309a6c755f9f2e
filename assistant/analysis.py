"""Question analysis: what is asked (intent) and about what (codes, indicator, countries, years)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.knowledge import Snapshot
from assistant.text import (
    content_stems,
    find_codes,
    find_years,
    is_english,
    to_spanish_terms,
    with_synonyms,
    words,
)
from ingest.countries import find_countries, find_region_words
from ingest.numbers import strip_accents

_INTENTS: dict[str, re.Pattern[str]] = {
    "progress": re.compile(r"\bavance|\bavanz|\bprogress|respecto (?:de la|del) (?:meta|logro)|cumplimiento de la meta|\bmeta\b"),
    "evolution": re.compile(r"evoluc|\bserie\b|a lo largo|tendencia|historic|cada ano|por ano|over time|trend|\bevolv"
                            r"|\bmejoro\b|\bempeoro\b|ano anterior|anos anteriores|\bcompar|\bvariacion|\bvario\b"
                            r"|\bcrecio\b|\bcayo\b|\bimprov|previous year|last year|\baument|\bdisminu|\bcambi[oa]"
                            r"|\bsubio\b|\bbajo\b|\bincreas|\bdecreas|\bchang"),
    "definition": re.compile(r"que mide|en que consiste|que es el indicador|definicion|what does .* measure|\bmeasures?\b"),
    "why": re.compile(r"por ?que\b|\bmotivo|\brazon|\bexplica|\bwhy\b|a que se debe|\bcausa"),
    "count": re.compile(r"\bcuant[oa]s\b|how many|\bnumero de\b"),
    "services": re.compile(r"\bservicios?\b|\bservices?\b"),
    "objectives": re.compile(r"objetivos? prioritarios?|\bobjetivos\b|priority objectives?|\bobjective"),
    "partners": re.compile(r"\bpais(?:es)?\b|\bsocios?\b|\bcountr(?:y|ies)\b|\bcon quien"),
    "topics": re.compile(r"\btemas?\b|\btopics?\b|\bareas?\b|\bsectores\b"),
    "status": re.compile(r"\bcomo va|\bsituacion|\bestado\b|\bresum|\blogros\b|\bavances\b|\bresultados\b|\bdesempeno"
                         r"|\bbalance\b|how is|\bstatus\b|\bsummar"),
    "value": re.compile(r"\bvalor|\bcuant|\bporcentaje|\bcifra|\bresultado|\balcanz|\bobtuv|\bvalue|\bhow much"),
}
_FOLLOW_UP_START = re.compile(r"^\s*(?:¿\s*)?(?:y|e|and|tambien|ademas)\b", re.IGNORECASE)
_REFERENCE = re.compile(
    r"\b(?:su|sus|ese|este|esa|esta|dicho|dicha|el mismo|la misma|its|that|this)\b\s+(?:avance|valor|indicador|objetivo"
    r"|servicio|meta|m[eé]todo|c[aá]lculo|datos?|resultado|cifra|progress|value|indicator|method)"
    r"|\b(?:ambos|ambas|los dos|las dos|both)\b",
    re.IGNORECASE,
)
_BOTH = re.compile(r"\b(?:ambos|ambas|los dos|las dos|both)\b", re.IGNORECASE)


def refers_to_both(text: str) -> bool:
    """True for "¿Cuál es la diferencia entre ambos?": the last two turns' subjects."""
    return _BOTH.search(text) is not None
_OBJECTIVE_NUMBER = re.compile(r"objetivo(?: prioritario)?\s+(?:n[°º.]?\s*)?0?(\d)\b|priority objective\s+0?(\d)\b", re.IGNORECASE)
_POLICY_RE = re.compile(r"\b(P[A-ZÁÉÍÓÚÑ]{2,11})\b")
_TARGET = re.compile(r"\b(?:cual|que|cuanto|cuanta|what|which)\b(?:\s+\S+){0,3}?\s+(?:la\s+|las\s+|the\s+)?(?:metas?|logros? esperados?|targets?)\b")


def asks_for_target(text: str) -> bool:
    """True for "¿cuál es la meta…?": the target itself, not the progress against it."""
    folded = strip_accents(text)
    if _INTENTS["why"].search(folded):
        return False  # "¿por qué se superó la meta?" asks for a cause, not for the target's value
    return _TARGET.search(folded) is not None and not re.search(r"\bavance|\bprogres|respecto", folded)


_MET = re.compile(
    r"\b(?:cumpli\w*|alcanz\w*|logro|supero|superaron|llego a|llegar a|falto|faltaron|met|meet|meets|reach\w*|achiev\w*|exceed\w*)\b"
    r"(?:\s+\S+){0,4}?\s+(?:la |su |el |the |its )?(?:metas?|logros? esperados?|targets?|goals?)\b"
)


_AMOUNT = re.compile(r"^\W*(?:y\s+)?(?:(?:en|con|a|de|por)\s+)?(?:cuant[oa]s?|how many|how much)\b")


def regions_named_in(text: str) -> tuple[list[tuple[str, str]], bool]:
    """(regions, other_regions) that ``text`` names, as a question's would be read."""
    return find_region_words(text), bool(_OTHER_REGIONS.search(strip_accents(text)))


def asks_for_amount(text: str) -> bool:
    """True for "¿Cuántos…?", "¿Cuánto…?": only a sentence that states a figure answers it."""
    return _AMOUNT.search(strip_accents(text).lower()) is not None


def counted_noun(text: str) -> str | None:
    """What "¿Cuántos X…?" counts ("lineamientos"), accent-folded; None when nothing is counted."""
    m = re.search(r"\bcuant[oa]s\s+(?:de\s+)?([a-z]+)", strip_accents(text).lower())
    return m.group(1) if m else None


def asks_if_met(text: str) -> bool:
    """True for "¿cumplió su meta?", "¿cuánto le faltó para la meta?": a yes/no on the progress."""
    folded = strip_accents(text)
    return _MET.search(folded) is not None and not _INTENTS["why"].search(folded)


# A sentence that states a target's value: "la meta para 2030 es de 60 %".
_TARGET_VALUE = re.compile(r"\b(?:meta|logro esperado)\b[^.;]{0,60}?\b(?:es|era|fue|sera|asciende a|alcanza|de)\s+(?:de\s+)?\d")


def states_target(sentence: str, years: list[int]) -> bool:
    """True when ``sentence`` gives a target's value (for each year asked, when years are asked)."""
    return _TARGET_VALUE.search(strip_accents(sentence)) is not None and all(str(y) in sentence for y in years)


_LATAM = r"(?:(?:la )?alc|america latina|latin america|latinoamerica|(?:las )?americas?|(?:la |nuestra |the )?region|(?:the )?latam)"
_OTHER_REGIONS = re.compile(
    rf"otras regiones|fuera de {_LATAM}|(?:outside|beyond)(?: of)? (?:the )?{_LATAM}|other regions|resto del mundo"
    rf"|extra-?\s?(?:rregional|regional)|(?:que no (?:sean|esten|son|estan) (?:de|en)|no pertenecientes a) {_LATAM}"
)


@dataclass
class Analysis:
    """What a question asks and names."""

    text: str  # the question as used for retrieval (with Spanish terms for English questions)
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
    # The partner role asked about ("oferente", "receptor", "donante", "socio"), from the parser.
    role: str | None = None


def analyse(question: str) -> Analysis:
    """Analyse one question on its own."""
    english = is_english(question)
    text = with_synonyms(to_spanish_terms(question) if english else question)
    folded = strip_accents(text)
    intents = {name for name, pattern in _INTENTS.items() if pattern.search(folded)}
    codes = find_codes(text)
    objective = None
    m = _OBJECTIVE_NUMBER.search(folded)
    if m:
        objective = f"OP.0{m.group(1) or m.group(2)}"
    for code in codes:
        if code.startswith("OP."):
            objective = code
    countries = [c for c, _ in find_countries(question) if c != "Perú"]
    regions = find_region_words(question)
    other = bool(_OTHER_REGIONS.search(strip_accents(question)))
    follow_up = bool(_FOLLOW_UP_START.match(question) or _REFERENCE.search(question)) or len(
        [w for w in words(question) if len(w) > 2]) <= 3
    if not follow_up and intents & {"why", "progress", "value"} and not (codes or objective or countries or regions):
        # "¿Por qué tan alto?": an intent with at most one topic word of its own leans on the last turn.
        follow_up = len(content_stems(text, drop_generic=True)) <= 1
    policies = list(dict.fromkeys(m.group(1) for m in _POLICY_RE.finditer(question)))
    return Analysis(text, intents, codes, objective, find_years(question), countries, regions, other,
                    english, content_stems(text), follow_up, policies=policies)


def match_indicator(snap: Snapshot, stems_weighted: dict[str, float],
                    policies: list[str] | None = None, margin: float = 0.0) -> tuple[list[str], float]:
    """The indicators whose name best matches the question's stems, with the best 0..1 score.

    Several keys come back when policies share an indicator name (same score), and, with a
    ``margin``, every indicator scoring within it of the best (best first).
    """
    q_weight = sum(snap.weight(s) * w for s, w in stems_weighted.items()) or 1.0
    scored: list[tuple[float, str]] = []
    for ind_id, name_stems in snap.indicator_stems.items():
        if not name_stems or (policies and snap.indicators[ind_id]["policy"] not in policies):
            continue
        name_weight = sum(snap.weight(s) for s in name_stems)
        context = snap.indicator_context.get(ind_id, ())
        overlap_q = sum(snap.weight(s) * w for s, w in stems_weighted.items() if s in name_stems or s in context)
        overlap_n = sum(snap.weight(s) for s in name_stems if s in stems_weighted)
        score = 0.55 * (overlap_n / name_weight) + 0.45 * (overlap_q / q_weight)
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
