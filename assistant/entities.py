"""Entity linking: codes, indicator/service/objective names, policies, countries, regions and
the slot words of a question, each scored against a :class:`~assistant.catalog.Catalog`.

Word lists live in ``assistant/data`` (synonyms, English glossary, geography, slot words);
this module only reads them. Typos and missing accents are tolerated: text is folded
(lower case, no accents) and a word the catalog does not know is corrected to the nearest
catalog word when they are close (rapidfuzz ratio).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from assistant.catalog import Catalog, Item
from assistant.text import (
    ENGLISH,
    ENGLISH_HINTS,
    FAMILY_PREFIX,
    GENERIC,
    STOP,
    content_stems,
    data_file,
    stem,
    synonym_phrases,
    to_spanish_terms,
)
from assistant.text import is_english as text_is_english
from ingest.numbers import strip_accents

_TOKEN = re.compile(r"[a-z0-9ñ]+(?:'[a-z]+)?")


# -- data ----------------------------------------------------------------------------------
def load_data(name: str) -> dict[str, Any]:
    """A YAML file of ``assistant/data`` (package data)."""
    return data_file(name)


def fold(text: str) -> str:
    """Lower case, no accents, single spaces ("¿Qué PAÍSES?" → "¿que paises?")."""
    return re.sub(r"\s+", " ", strip_accents(text)).strip()


def tokens(text: str) -> list[str]:
    """Words of folded ``text``."""
    return _TOKEN.findall(text)


def _word_pattern(phrase: str) -> str:
    """Regex for a data phrase: words in order, a trailing * on a word matches any ending."""
    parts = []
    for word in phrase.split():
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[a-z0-9ñ']*")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


def phrase_regex(phrases: list[str]) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` as whole words, longest first."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return re.compile(r"(?<![a-z0-9ñ])(?:" + "|".join(_word_pattern(p) for p in ordered) + r")(?![a-z0-9ñ])")


# "…sin dato en bibliotecas?", "…en la pesca": a last noun right after "en" (a policy's head noun
# names it; "en bibliotecas municipales" names the libraries).
_IN_HEAD = re.compile(r"\ben\s+(?:la\s+|las\s+|los\s+|el\s+)?([a-z]+)\s*(?:[?.!,;]|$)")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``assistant/data``, compiled."""

    canonical: dict[str, str]  # variant → canonical term
    canonical_re: re.Pattern[str]
    english: dict[str, str]
    english_re: re.Pattern[str]
    english_hints: frozenset[str]
    geography: dict[str, Any]
    slots: dict[str, Any]
    frame: frozenset[str]
    english_function_words: frozenset[str]


@cache
def _share() -> re.Pattern[str]:
    # "%" is a sign, not a word: "45%" asks a share as much as "45 por ciento".
    return re.compile(rf"(?:{slot_regex('share_words').pattern}|%)(?!\s+{slot_regex('share_not').pattern})")


def asks_share(text: str) -> bool:
    """A share or percentage is asked (``share_words``), not the progress's ("porcentaje de avance")."""
    return _share().search(text) is not None


@cache
def slot_regex(name: str, key: str | None = None) -> re.Pattern[str]:
    """The phrase regex of one ``slots.yaml`` list (``key``: of one list in a group), compiled once."""
    words = lexicon().slots[name]
    return phrase_regex(words[key] if key is not None else words)


# How many words after a met verb its target word may come ("¿alcanzó el indicador su meta?").
MET_WINDOW = 4


def met_phrase(joined: str) -> tuple[str, re.Match[str]] | None:
    """(">" or ">=", the verb) when an exceed or met verb is followed, within a few words, by a
    target word ("superó la meta", "did it meet its expected achievement"); None otherwise.
    ``exceed_verbs``, ``met_verbs`` and ``target_words`` of slots.yaml; ``joined`` is folded words."""
    target = slot_regex("target_words")
    for name, op in (("exceed_verbs", ">"), ("met_verbs", ">=")):
        for m in slot_regex(name).finditer(joined):
            if target.match(joined, m.start()):
                continue  # "logro esperado" is the target, not the verb "logró"
            if slot_regex("value_words").search(" ".join(joined[:m.start()].split()[-1:])):
                continue  # "valor alcanzado en 2023 y meta al 2030": a value named, not a met question
            if target.search(" ".join(joined[m.end():].split()[:MET_WINDOW])):
                return op, m
    return None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists, loaded once."""
    syn = load_data("synonyms.yaml")
    canonical: dict[str, str] = {}
    for term, variants in syn["groups"].items():
        for v in [term, *variants]:
            canonical[fold(v)] = term
    english = {fold(k): fold(v) for k, v in ENGLISH.items()}
    slots = load_data("slots.yaml")
    return Lexicon(canonical, phrase_regex(list(canonical)), english, phrase_regex(list(english)), ENGLISH_HINTS,
                   load_data("geography.yaml"), slots, frozenset(fold(w) for w in slots["frame_words"]),
                   frozenset(syn["english_function_words"]))


def is_english(text: str) -> bool:
    """True when the question reads as English (see :func:`assistant.text.is_english`)."""
    return text_is_english(text)


def to_spanish(folded: str) -> str:
    """Replace the glossary's English words and phrases by the reports' Spanish words."""
    lex = lexicon()
    return lex.english_re.sub(lambda m: lex.english[re.sub(r"\s+", " ", m.group(0))], folded)


def translated_stems(text: str) -> frozenset[str]:
    """Stems of the English words the glossary translates in ``text`` ("charge" of "ministry is in
    charge of"): their Spanish words are searched, so they are neither search words nor unknown."""
    return frozenset(t for m in lexicon().english_re.finditer(fold(text)) for t in content_stems(m.group(0)))


def canonicalise(folded: str) -> str:
    """Read every synonym as its canonical term ("visitas" → "accesiones", "latinoamerica" → "alc")."""
    lex = lexicon()
    return lex.canonical_re.sub(lambda m: lex.canonical[re.sub(r"\s+", " ", m.group(0))], folded)


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Words that are spelled right: those of the example bank and of the slot word lists."""
    bank = load_data("intents.yaml")["intents"]
    words = {w for spec in bank.values() for ex in spec["examples"] for w in tokens(fold(ex))}
    return frozenset(words) | slot_words()


@lru_cache(maxsize=1)
def slot_words() -> frozenset[str]:
    """The words of the slot lists (slots.yaml)."""
    words: set[str] = set()
    for value in load_data("slots.yaml").values():
        lists = value.values() if isinstance(value, dict) else [value]
        for lst in lists:
            words |= {w.rstrip("*") for p in lst for w in tokens(fold(str(p)))}
    return frozenset(words)


def is_framing_stem(stem: str) -> bool:
    """True for a slot list's stem or a longer one of its family ("resumel" of "resúmela" after
    "resum"): how a question asks, not what about."""
    return stem in slot_stems() or any(len(f) >= FAMILY_PREFIX and stem.startswith(f) for f in slot_stems())


@lru_cache(maxsize=1)
def slot_stems() -> frozenset[str]:
    """Stems of the slot lists' words (met verbs, target words, roles…): how a question asks, not what about."""
    return frozenset(stem(w) for w in slot_words())


# A question that says "objetivo" and holds this share of an objective's name (by IDF), clear of
# the next candidate by this margin, names that objective as its code would.
DESCRIBED_NAME_SHARE = 0.5
DESCRIBED_MARGIN = 0.1


def excluded_region_stems(regions: list[Region]) -> set[str]:
    """Stems of the regions a question excludes ("fuera de ALC"), their synonyms' word included."""
    named = {r.name for r in regions if not r.exclude}  # "ALC y otras regiones" names ALC too
    return {s for r in regions if r.exclude and r.name not in named for s in region_stems(r.name)}


def excluded_home_stems(regions: list[tuple[str, str]], other_regions: bool) -> frozenset[str]:
    """The home region's stems when a question asks only outside it ("fuera de América Latina y el
    Caribe" names the other regions: ALC's words name no indicator and no sentence). ``regions``
    are a question's (kind, name) pairs; "ALC y otras regiones" names both."""
    geo = lexicon().geography
    only_other = other_regions and all(name != geo["home_region"] for _, name in regions)
    if not only_other:
        return frozenset()
    # "fuera", "outside" only say the region is excluded: they are not what the question is about.
    return region_stems(geo["home_region"]) | _negation_stems()


@lru_cache(maxsize=1)
def _negation_stems() -> frozenset[str]:
    return frozenset(s for phrase in lexicon().geography["negations"] for s in content_stems(phrase))


@lru_cache(maxsize=1)
def _peru_region_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, phrase_regex([fold(name)])) for name in lexicon().geography.get("peru_regions", []))


def peru_regions_in(folded: str) -> list[str]:
    """The regions of Peru (geography.yaml) that ``folded`` text names, in the list's order."""
    return [name for name, pattern in _peru_region_patterns() if pattern.search(folded)]


@lru_cache(maxsize=64)
def region_stems(name: str) -> frozenset[str]:
    """Stems of a region's name and of the reports' word for it ("América Latina y el Caribe" → alc)."""
    folded = fold(name)
    return frozenset(content_stems(folded)) | frozenset(content_stems(synonym_phrases().get(folded, "")))


# -- results -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Candidate:
    """A catalog item a question may be about, with a 0..1 score and how it was found."""

    kind: str  # "indicator" | "service" | "objective"
    policy: str
    code: str
    name: str
    score: float
    by: str  # "code" | "name" | "number" | "alias" | "history"


@dataclass(frozen=True)
class Region:
    """A region, subregion or group of countries named in a question (``exclude``: "fuera de …")."""

    name: str
    kind: str  # "region" | "subregion" | "group"
    exclude: bool = False
    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class Threshold:
    """"superaron el 100 %": op ">" value 100 on the progress."""

    op: str  # ">", ">=", "<", "<="
    value: float
    measure: str = "progress"  # "progress" | "value"


@dataclass
class Entities:
    """Everything linked in one question."""

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
    counted: str | None = None  # what "¿Cuántos X…?" counts, as the reports word it ("lineamientos")
    counted_words: tuple[str, ...] = ()  # every word of that noun phrase, in Spanish where known
    asks_share: bool = False  # a percentage or share is asked for ("¿qué porcentaje…?")
    terms: list[str] = field(default_factory=list)  # canonical topic words, typos corrected
    corrected: str = ""  # the question folded, with typos corrected to the catalog's words ("avanse" → "avance")
    places: list[str] = field(default_factory=list)  # regions of Peru named ("en Tumbes")
    corrections: dict[str, str] = field(default_factory=dict)  # each corrected word → its correction
    # Indicators named one after another ("el avance de A y el de B"), each clearly by its own words.
    listed: list[Candidate] = field(default_factory=list)
    # The stems that only name a policy after its frame ("la política de cooperación técnica
    # internacional"): a filter on the documents, never a topic to search for.
    policy_spot: frozenset[str] = frozenset()

    @property
    def described_name(self) -> str:
        """The name of the objective the question describes in words, or ""."""
        return next((c.name for c in self.objectives if c.by == "words"), "")


# -- the linker ------------------------------------------------------------------------------
_ORDINALS = {"primer": 1, "primero": 1, "primera": 1, "first": 1, "segundo": 2, "segunda": 2, "second": 2,
             "tercer": 3, "tercero": 3, "tercera": 3, "third": 3, "cuarto": 4, "cuarta": 4, "fourth": 4,
             "quinto": 5, "quinta": 5, "fifth": 5}
_OBJECTIVE_WORD = r"(?:objetivos?(?:\s+prioritarios?)?|priority\s+objectives?|objectives?|o\.?\s?p\.?)"
_OBJECTIVE_NUMBER = re.compile(
    rf"(?<![a-z]){_OBJECTIVE_WORD}\s*(?:n[°ºo.]*\s*|numero\s+|number\s+|#\s*)?0?(\d)(?![\d.]\d)")
_OBJECTIVE_ORDINAL = re.compile(
    rf"\b({'|'.join(_ORDINALS)})\s+(?:{_OBJECTIVE_WORD})(?![a-z])")
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)\s*(%|por\s?ciento|percent|pct)?(?![\w])")
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?!\d)")
_ACRONYM = re.compile(r"\b([A-ZÁÉÍÓÚÑ]{2,8})\b")
_OTHER_POLICY = re.compile(r"\bpolitica nacional (?:de |del |para (?:el |la )?)((?:[a-z]+ ?){1,4})")
# "the national tourism policy": the English order names a policy too.
_OTHER_POLICY_EN = re.compile(r"\bnational ((?:[a-z]+ ){1,3})polic(?:y|ies)\b")
# A proper name that ends in "del Perú" ("Biblioteca Nacional del Perú"): two capitalised words
# or more before it.
_NAME_OF_PERU = re.compile(r"(?:\b[A-ZÁÉÍÓÚÑ][\wáéíóúñ]+\s+){2,}(?:del|de)\s+(?:la\s+)?Per[uú]\b")


def _without_phrases(folded: str, phrases: list[str]) -> str:
    """``folded`` with each of ``phrases`` left out."""
    for phrase in phrases:
        folded = folded.replace(phrase, " ")
    return folded


_DEFAULT_PREFIXES = ("IOP", "ISS", "SS", "OP", "IS", "S")
_COUNTED = re.compile(r"\b(?:cuant[oa]s|how many|numero (?:total )?de|total de)\s+(?:de\s+|los\s+|las\s+|the\s+)?([a-z]+)")
MAX_CANDIDATES = 5
# What a word of an indicator's service name counts for, against a word of its own name.
SERVICE_WORDS_WEIGHT = 0.5
MIN_NAME_SCORE = 0.2
# How strongly, and how clear of its next candidate, a part of a list must name its indicator.
LISTED_MIN = 0.5
LISTED_MARGIN = 0.1
LISTED_NAME_SHARE = 0.4  # of the indicator's name (by IDF), as TALK_AROUND_COVERAGE in analysis.py
LISTED_HEAD_WORDS = 2  # ...or the words its name opens with ("Índice de lectura…", "Número de desembarcaderos…")
LISTED_WORDS_MIN = 3  # ...or this many of its words ("la página de becas" of a twelve-word name)


def _prefixes(catalog: Catalog) -> list[str]:
    found = {re.match(r"[A-Za-z]+", item.code).group(0).upper()  # type: ignore[union-attr]
             for _, item in catalog.items() if re.match(r"[A-Za-z]+", item.code)}
    return sorted(found | set(_DEFAULT_PREFIXES), key=lambda p: (-len(p), p))


class Linker:
    """Links folded question text to one catalog. Build once per catalog (see :func:`linker_for`)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.lex = lexicon()
        self.codes = catalog.codes()
        self._acronyms = {p.acronym.lower(): p.acronym for p in catalog.policies}  # "pncti" → "PNCTI"
        # Letter prefixes of the catalog's codes ("OP", "IOP"…), computed once: every question reads them.
        code_prefixes = _prefixes(catalog)
        self._code_prefixes = frozenset(code_prefixes)
        prefixes = "|".join(code_prefixes)
        self._code_re = re.compile(
            rf"(?<![a-z0-9])({prefixes})\s?\.?\s?(\d{{1,2}}(?:\s?[.\s]\s?\d{{1,2}}){{0,4}})(?:-(\d))?(?![\d])",
            re.IGNORECASE)
        # "IOP0301", "iop 0202": the digits of a code written without dots, in pairs.
        self._compact_re = re.compile(rf"(?<![a-z0-9])({prefixes})\s?((?:\d{{2}}){{2,5}})(?![\d])", re.IGNORECASE)
        # Names: canonical stems per item, IDF over all names.
        self._stems: dict[tuple[str, str, str], list[str]] = {}
        df: Counter[str] = Counter()
        vocab: set[str] = set()
        for kind, item in catalog.items():
            folded = canonicalise(fold(item.name))
            words = [w for w in tokens(folded) if w not in STOP and w not in self.lex.frame]
            vocab.update(words)
            stems = list(dict.fromkeys(stem(w) for w in words))
            self._stems[(kind, item.policy, item.code)] = stems
            df.update(set(stems))
        n = max(1, len(self._stems))
        self._service_stems = {("indicator", item.policy, item.code): self._stems.get(("service", item.policy, item.service), [])
                               for kind, item in catalog.items() if kind == "indicator" and item.service}
        self._idf = {s: math.log(1 + n / c) for s, c in df.items()}
        self._max_idf = math.log(1 + n) + 1.0
        self._items = {(kind, item.policy, item.code): item for kind, item in catalog.items()}
        # Policies: acronyms and the distinctive words of their names.
        self._policy_words: dict[str, list[str]] = {}
        for p in catalog.policies:
            # Frame words stay: "cooperación técnica internacional" is what names the PNCTI.
            words = [w for w in tokens(fold(p.name)) if w not in STOP
                     and not w.isdigit() and w not in {"politica", "nacional", "al", "policy", "national"}]
            self._policy_words[p.acronym] = list(dict.fromkeys(stem(w) for w in words))
            vocab.update(words)
        # The same words as topic stems: a question's words that only name a policy.
        self.policy_stems = frozenset(s for p in catalog.policies for s in content_stems(p.name, drop_generic=True))
        # Countries: folded names and aliases.
        self._country_names: dict[str, str] = {}
        for c in catalog.countries:
            for name in (c.name, *c.aliases):
                self._country_names[fold(name)] = c.name
        self._country_re = phrase_regex(list(self._country_names))
        self._single_word_countries = [n for n in self._country_names if " " not in n and len(n) >= 5]
        self._country_info = {c.name: c for c in catalog.countries}
        # Geography.
        geo = self.lex.geography
        self._region_words: dict[str, Region] = {}
        for r in geo["regions"]:
            # A region's own name names it whole: "fuera de América Latina y el Caribe" excludes one
            # region, not ALC and then, by its last word, the Caribbean.
            for w in [*r["words"], fold(r["name"])]:
                self._region_words[w] = Region(r["name"], r["kind"])
        for g in geo.get("groups", []):
            for w in g["words"]:
                self._region_words[w] = Region(g["name"], "group", countries=tuple(g["countries"]))
        self._region_res = [(re.compile(r"(?<![a-z0-9ñ])" + _word_pattern(w) + r"(?![a-z0-9ñ])"), region)
                            for w, region in sorted(self._region_words.items(), key=lambda e: -len(e[0]))]
        self._other_regions_re = phrase_regex(geo["other_regions"])
        self._negation_re = re.compile("(?:" + "|".join(_word_pattern(p) for p in sorted(
            geo["negations"], key=len, reverse=True)) + r")\s+(?:(?:de|del|la|el|los|las|the|of|en|in)\s+){0,2}$")
        vocab |= {w.rstrip("*") for w in self._region_words if " " not in w and len(w.rstrip("*")) >= 4}
        vocab |= set(self._single_word_countries)
        vocab |= {w for group in self.lex.canonical for w in group.split()}
        self._vocab = sorted(w for w in vocab if len(w) >= 4)
        self._vocab_set = set(self._vocab)
        self._vocab_stems = {stem(w) for w in self._vocab}
        # The example bank spells some words wrong on purpose ("servisios"): a bank word that is a
        # near miss of a catalog word is a typo to correct, not a word known to be right.
        right = sorted(self._vocab_set | slot_words() | self.lex.frame)
        bank_typos = {w for w in known_words() - set(right) if len(w) >= 5 and stem(w) not in self._vocab_stems
                      and process.extractOne(w, right, scorer=fuzz.ratio, score_cutoff=85) is not None}
        # English words are spelled right: "consist of" is no typo of the slot word "consistent".
        self._known = (known_words() - bank_typos) | set(STOP) | self.lex.frame | self.lex.english_function_words
        self._targets = sorted(set(self._vocab) | {w for w in self._known if len(w) >= 5})
        # Slots.
        slots = self.lex.slots
        self._roles = [(role, phrase_regex(words)) for role, words in slots["roles"].items()]
        self._receptor_of_peru = phrase_regex(slots["receptor_of_peru"])
        # "¿A qué países brindó…?" asks whom Peru gave to: the partners are the verb's object there.
        self._partners_give = re.compile(rf"(?<!\ba )(?<!\bto )(?<!\bcon )(?<!\bwith )(?<!\bpara )"
                                         rf"{phrase_regex(slots['partners_give']).pattern}(?P<between>(?:\s+[a-z]+){{0,3}}?)\s+"
                                         rf"{phrase_regex(slots['roles']['oferente']).pattern}")
        self._comparisons = [(op, phrase_regex(words)) for op, words in slots["comparisons"].items()]
        self._negations = set(slots["negations"])
        self._lagging = phrase_regex(slots["lagging"])
        self._on_track = phrase_regex(slots["on_track"])
        self._rank = [(name, phrase_regex(words)) for name, words in slots["rank"].items()]
        self._rank_subjects = phrase_regex(slots["rank_subjects"])
        self._no_data = phrase_regex(slots["no_data"])
        negation, verbs = phrase_regex(slots["no_data_negations"]).pattern, phrase_regex(slots["no_data_verbs"]).pattern
        self._not_measured = re.compile(rf"{negation}\s+(?:(?:se|lo|la|los|las|le|les|be|been|pud[a-z]*)\s+){{0,2}}{verbs}")
        links, nouns = phrase_regex(slots["no_data_links"]).pattern, phrase_regex(slots["no_data_nouns"]).pattern
        self._not_had = re.compile(rf"{negation}\s+(?:{links}\s+){{1,3}}{nouns}")
        self._glossary_spanish = {w for term in self.lex.english.values() for w in tokens(term)}
        self._horizon = phrase_regex(slots["policy_horizon"])
        # "¿y al final qué valor salió?": a phrase that only says how to answer names nothing
        # ("al final" is no "evaluación final"); its words alone may be topics.
        self._talk_phrases = phrase_regex([w for w in slots["talk_words"] if " " in w])
        self._target_frames = phrase_regex(slots["target_frames"])
        # "el decreto de bibliotecas" speaks of a policy as "la política de…" does; a document kind
        # is a topic noun (nouns.yaml), not a framing word of slots.yaml.
        self._policy_frame = phrase_regex([*slots["policy_frames"],
                                           *(w for ws in load_data("nouns.yaml")["document_kinds"].values() for w in ws)])
        parts = phrase_regex(load_data("nouns.yaml")["policy_parts"]).pattern
        # A lookahead: "los lineamientos del objetivo de bibliotecas" has two parts in a row.
        self._part_of_head = re.compile(parts + r"(?=\s+de(?:l|\s+la|\s+las|\s+los|\s+el)?\s+([a-z]+))")
        self._policy_name_ends = {tokens(fold(p.name))[-1] for p in catalog.policies if tokens(fold(p.name))}

    # -- words ---------------------------------------------------------------------------
    def correct(self, words: list[str]) -> list[str]:
        """Each word, or the catalog word it is a typo of ("capacitdos" → "capacitados").

        A word left as it is: short, known (a catalog, slot or example-bank word), or of the
        family of a catalog word (same stem: "prioritario" is not a typo of "prioritarias").
        """
        out = []
        for w in words:
            if (len(w) < 5 or w in self._vocab_set or w in self._known or w.isdigit()
                    or stem(w) in self._vocab_stems):
                out.append(w)
                continue
            cutoff = 88 if len(w) == 5 else 82
            best = process.extractOne(w, self._targets, scorer=fuzz.ratio, score_cutoff=cutoff)
            # A place's name is corrected only at one edit: "panorama" is a word of its own, not
            # "panamá" missing two letters. Other words keep the looser reading ("district" → "distrito").
            if best and best[0] in self._country_names and OSA.distance(w, best[0]) > 1:
                best = None
            # A word is not a typo of a shorter word too short to be corrected itself ("gente" is no "ente").
            if best and len(best[0]) < 5 and len(best[0]) < len(w):
                best = None
            out.append(best[0] if best else w)
        return out

    def weight(self, s: str) -> float:
        """IDF of a stem over the catalog's names (a stem no name has weighs the most)."""
        return self._idf.get(s, self._max_idf)

    def topic_stems(self, canonical: str) -> list[str]:
        """Stems of the topic words of canonical text (stop and frame words dropped)."""
        words = [w for w in tokens(canonical) if w not in STOP and w not in self.lex.frame and not _YEAR.fullmatch(w)]
        return list(dict.fromkeys(stem(w) for w in words))

    # -- codes ---------------------------------------------------------------------------
    @staticmethod
    def _dotted(m: re.Match[str]) -> str:
        """A compact code with its dots ("IOP0301" → "IOP.03.01"); "is 2023" is English and a year."""
        spaced, digits = m.group(0) != m.group(1) + m.group(2), m.group(2)
        if spaced and len(digits) == 4 and 1990 <= int(digits) <= 2100:
            return m.group(0)
        return m.group(1) + "." + ".".join(re.findall(r"\d{2}", digits))

    def find_codes(self, text: str) -> list[str]:
        """Codes typed loosely, normalised: "iop 3.1", "IOP0301", "iop.03.01" → "IOP.03.01"."""
        text = self._compact_re.sub(self._dotted, text)
        found: list[str] = []
        for m in self._code_re.finditer(text):
            prefix = m.group(1).upper()
            parts = [p.zfill(2) for p in re.split(r"\s?[.\s]\s?", m.group(2)) if p]
            if len(prefix) == 1 and ("." not in m.group(0) or len(parts) < 2):
                continue  # a lone "s 1" is not the code S.01
            if prefix in {"IS", "SS", "ISS", "IOP"} and len(parts) < 2:
                continue  # "is 3" is English, not a code
            code = prefix + "." + ".".join(parts) + (f"-{m.group(3)}" if m.group(3) else "")
            if code not in found:
                found.append(code)
        return found

    def _code_candidates(self, code: str) -> list[tuple[str, Item, str]]:
        if code in self.codes:
            return [(kind, item, "code") for kind, item in self.codes[code]]
        # "SS.01.02.02.01" / "ISS.01.02.02.01": the one uncoded indicator of service SS.01.02.02.
        m = re.fullmatch(r"I?SS\.(\d{2}\.\d{2}\.\d{2})\.0?(\d{1,2})", code)
        if m:
            alias = f"SS.{m.group(1)}-{int(m.group(2))}"
            return [(kind, item, "alias") for kind, item in self.codes.get(alias, [])]
        return []

    # -- names ---------------------------------------------------------------------------
    def score_names(self, q_stems: list[str], kind: str, policies: list[str]) -> list[Candidate]:
        """Items of ``kind`` whose names share the question's topic stems, best first."""
        q_weight = sum(self.weight(s) for s in q_stems)
        if not q_weight:
            return []
        q_set = set(q_stems)
        scored = []
        for key, stems in self._stems.items():
            if key[0] != kind or not stems or (policies and key[1] not in policies):
                continue
            matched = [s for s in stems if s in q_set]
            if not matched:
                continue
            overlap = sum(self.weight(s) for s in matched)
            name_weight = sum(self.weight(s) for s in stems)
            # "el indicador de visitas a la web de experiencias exitosas": words of the service an
            # indicator measures describe it too, for how much of the question is accounted for,
            # at less than its own name's words (they say nothing between one service's indicators).
            around = [s for s in self._service_stems.get(key, ()) if s in q_set and s not in matched]
            said = overlap + SERVICE_WORDS_WEIGHT * sum(self.weight(s) for s in around)
            score = 0.65 * said / q_weight + 0.35 * overlap / name_weight
            if score >= MIN_NAME_SCORE:
                item = self._items[key]
                scored.append(Candidate(kind, item.policy, item.code, item.name, round(score, 4), "name"))
        scored.sort(key=lambda c: (-c.score, c.policy, c.code))
        return scored[:MAX_CANDIDATES]

    def described(self, cands: list[Candidate], q_stems: list[str], says_objective: bool) -> list[Candidate]:
        """``cands`` with the first one marked as described (``by="words"``) when the question says
        "objetivo" and holds most of its name ("el objetivo de posicionar al Perú como oferente de
        cooperación técnica" names OP.03), clear of the next one: it is named as a code would name it."""
        if not says_objective or not cands:
            return cands
        top = cands[0]
        if len(cands) > 1 and top.score - cands[1].score < DESCRIBED_MARGIN:
            return cands
        name, asked = self._stems[(top.kind, top.policy, top.code)], set(q_stems)
        held = sum(self.weight(s) for s in name if s in asked)
        if held < DESCRIBED_NAME_SHARE * sum(self.weight(s) for s in name):
            return cands
        return [replace(top, by="words"), *cands[1:]]

    def find_listed(self, canonical: str, policies: list[str], whole: list[Candidate],
                    english: bool = False) -> list[Candidate]:
        """The indicators a question names one after another ("el avance de A y el de B", "A versus
        B"): split at the ``listing_words`` of slots.yaml, each part that names an indicator clearly
        (strong, and clear of its own next candidate) names one; two or more different ones are a list.

        A name that holds a listing word itself ("diálogo y coordinación") splits into parts that
        name the same indicator, or none clearly: no list. An English part is read with the
        glossary's Spanish terms ("the PNBP reading index" names the índice de lectura).
        """
        parts = [p for p in slot_regex("listing_words").split(canonical) if p and p.strip()]
        if english:
            parts = [to_spanish_terms(p) for p in parts]
        if len(parts) < 2:
            return []
        known = self._acronyms
        among = {(c.policy, c.code) for c in whole}
        found: list[Candidate] = []
        for part in parts:
            own = [known[w] for w in tokens(part) if w in known and known[w] in (policies or [known[w]])]
            # Only words of the catalog's names weigh: the rest of a part is talk ("how did the two…").
            stems = [s for s in self.topic_stems(part)
                     if not any(ch.isdigit() for ch in s) and s not in known and s in self._idf]
            cands = self.score_names(stems, "indicator", own or policies)
            if not cands or cands[0].score < LISTED_MIN:
                continue
            top = cands[0]
            if len(cands) > 1 and top.score - cands[1].score < LISTED_MARGIN:
                continue
            name = self._stems[("indicator", top.policy, top.code)]
            held = [s for s in name if s in stems]
            # "the reading index" names "Índice de lectura de la población de 6 a más años…" by
            # the head its name opens with.
            head = len(name) >= LISTED_HEAD_WORDS and set(name[:LISTED_HEAD_WORDS]) <= set(held)
            if (sum(self.weight(s) for s in held) < LISTED_NAME_SHARE * sum(self.weight(s) for s in name)
                    and len(held) < LISTED_WORDS_MIN and not head):
                continue  # "¿y al final en 2030?": one word of a name does not name it; three of a long one do
            # A part that names its own policy ("…for the PNPA number of landing sites") names its
            # indicator even when the whole question's best candidates are another policy's.
            if ((top.policy, top.code) in among or own) and all((c.policy, c.code) != (top.policy, top.code)
                                                                for c in found):
                found.append(top)
        return found if len(found) > 1 else []

    # -- policies ------------------------------------------------------------------------
    def find_policies(self, raw: str, words: list[str], q_stems: list[str],
                      framed: bool = False) -> tuple[list[str], list[str], str | None]:
        """(known policies, unknown acronyms, an unknown "política nacional de X"); ``framed``: the
        chat already speaks of a policy or report ("¿y el de bibliotecas?" after "el reporte de pesca")."""
        known = self._acronyms
        found = [known[w] for w in words if w in known]
        stems = set(q_stems)
        folded = fold(raw)
        # "la politca nacional de bibliotecas": the frame word may carry a typo the words have corrected.
        named_as_policy = framed or any(self._policy_frame.search(t) is not None for t in (folded, " ".join(words)))
        whole, headed, partial = [], [], []
        # "la política de cooperación": the noun right after the frame is a name's head.
        framed_heads = {stem(m.group(1)) for m in _POLICY_HEAD.finditer(folded)}
        # "los lineamientos del OP.01 de bibliotecas", "los indicadores de pesca": a distinctive head
        # noun after "de" names its policy as a frame would; a common one ("de cooperación") does not.
        framed_heads |= {stem(m.group(1)) for m in self._part_of_head.finditer(re.sub(r"\bop\.?\s?\d+\b", "objetivo", folded))
                         if m.group(1) not in GENERIC}
        # "¿por qué hay indicadores sin dato en bibliotecas?": "en" and a distinctive last noun too.
        framed_heads |= {stem(m.group(1)) for m in _IN_HEAD.finditer(folded) if m.group(1) not in GENERIC}
        for acronym, name_stems in self._policy_words.items():
            share = sum(s in stems for s in name_stems) / len(name_stems) if name_stems else 0.0
            # "en pesca artesanal" names the PNPA by every distinctive word of its name; fewer
            # words name it only when the question speaks of a policy or a report.
            # "la política de bibliotecas": half the name's words, its head noun among them.
            head = bool(name_stems) and name_stems[0] in stems
            if share == 1.0 and len(name_stems) >= 2:
                whole.append(acronym)
            elif head and name_stems[0] in framed_heads or share >= 0.5 and head and named_as_policy:
                headed.append(acronym)
            elif share >= 0.6 and named_as_policy:
                partial.append(acronym)
        # A policy named by its acronym is the one asked about, with any named by its whole name;
        # a few words without the name's head ("technical assistance" for the PNCTI) name a policy
        # only when nothing else does.
        found += whole if found else (whole + headed or partial)
        if not found:
            # "¿quién firma el reporte de la bnp?": the BNP is only in the PNBP's documents.
            sole = {self.catalog.acronym_policies[w.upper()] for w in words if w.upper() in self.catalog.acronym_policies}
            found = list(sole) if len(sole) == 1 else []
        policies = list(dict.fromkeys(found))
        code_prefixes = self._code_prefixes
        unknown = []
        for m in _ACRONYM.finditer(raw):
            token = strip_accents(m.group(1)).upper()
            if (token not in self.catalog.acronyms and token not in code_prefixes
                    and fold(token) not in self._country_names and token not in unknown and len(token) >= 3):
                unknown.append(token)
        other = None
        m = _OTHER_POLICY.search(folded)
        english = _OTHER_POLICY_EN.search(folded)
        if m and not policies:
            # "…de Turismo al 2030": the name ends before the horizon's preposition.
            name = re.sub(r"(?:\s+(?:al|a|de|del|en|y|para|hasta|the|to))+$", "", m.group(1).strip())
            other = "política nacional de " + name
        elif english and not policies:
            other = "national " + english.group(1).strip() + " policy"
        return policies, unknown, other

    def _policy_name_spot(self, canonical: str, english_spanish: str, policies: list[str]) -> set[str]:
        """Stems that only name a policy after its frame ("la política de bibliotecas", "the
        libraries policy"): they name no service or indicator of it, unless the question says them
        again elsewhere ("…distritos con biblioteca pública")."""
        words = tokens(canonical)
        spots: set[int] = set()
        own = {s for a in policies for s in self._policy_words.get(a, [])}
        for m in [*_POLICY_HEAD.finditer(canonical), *_REPORT_HEAD.finditer(canonical), *_IN_HEAD.finditer(canonical)]:
            start = len(tokens(canonical[:m.start(1)]))
            for i in range(start, len(words)):
                if stem(words[i]) not in own and words[i] not in STOP:
                    break
                spots.add(i)
        named = {stem(words[i]) for i in spots} & own
        elsewhere = {stem(w) for i, w in enumerate(words) if i not in spots}
        if english_spanish:  # "the libraries policy", in Spanish words: "bibliotecas politica"
            said = [stem(w) for w in tokens(english_spanish)]
            # "the artisanal fishing policy" ("artesanal pesca politica"): every name word before the frame.
            heads = set()
            for m in _ENGLISH_POLICY_FRAME.finditer(english_spanish):
                for w in reversed(tokens(english_spanish[:m.start()])):
                    if stem(w) not in own:
                        break
                    heads.add(stem(w))
            # Said once, its Spanish term only names the policy ("…a public library" says it again).
            named |= {h for h in heads if said.count(h) == 1}
            elsewhere -= heads
        return named - elsewhere

    # -- geography -----------------------------------------------------------------------
    def find_countries(self, folded: str) -> list[str]:
        """Countries named (exact names and aliases, then typo-tolerant single words), Perú left out."""
        found = [self._country_names[re.sub(r"\s+", " ", m.group(0))] for m in self._country_re.finditer(folded)]
        for w in tokens(self._country_re.sub(" ", folded)):
            if len(w) < 5 or w in self._known or w in self._vocab_set:
                continue  # "portal" is a word of the documents' lexicon, not a misspelt "Portugal"
            best = process.extractOne(w, self._single_word_countries, scorer=fuzz.ratio, score_cutoff=85)
            # A short name is misspelt by one edit at most: "panorama" is not "Panamá".
            if best and OSA.distance(w, best[0]) <= (1 if len(best[0]) <= 7 else 2):
                found.append(self._country_names[best[0]])
        return [c for c in dict.fromkeys(found) if c != "Perú"]

    def find_regions(self, folded: str) -> list[Region]:
        """Regions, subregions and groups named, nouns or adjectives; "fuera de X" excludes X."""
        home = self.lex.geography["home_region"]
        regions: list[Region] = []
        taken = [False] * len(folded)
        for m in self._other_regions_re.finditer(folded):
            regions.append(Region(home, "region", exclude=True))
            for i in range(m.start(), m.end()):
                taken[i] = True
        for pattern, region in self._region_res:
            for m in pattern.finditer(folded):
                if any(taken[m.start():m.end()]):
                    continue
                for i in range(m.start(), m.end()):
                    taken[i] = True
                exclude = self._negation_re.search(folded[:m.start()]) is not None
                found = Region(region.name, region.kind, exclude, region.countries)
                if found not in regions:
                    regions.append(found)
        return regions

    # -- slots ---------------------------------------------------------------------------
    def find_role(self, folded: str) -> str | None:
        """oferente | receptor | donante | socio | convenio, the first named (Peru offering when others receive from it)."""
        hits = []
        for role, pattern in self._roles:
            m = pattern.search(folded)
            if m:
                hits.append((m.start(), role))
        if not hits:
            return None
        role = min(hits)[1]
        if role == "receptor" and self._receptor_of_peru.search(folded):
            return "oferente"
        if {"oferente", "receptor"} <= {r for _, r in hits}:
            return "socio"  # "is Peru a recipient or a provider?": every partner, each under its role
        return role

    def partners_give(self, folded: str) -> bool:
        """"¿Qué países brindaron apoyo a la Biblioteca Nacional?": the partners asked for gave, Peru
        received; not "Which countries did Peru provide…?", where Peru is the subject."""
        gives = self._partners_give.search(folded)
        return gives is not None and not {"did", "does", "do", "peru"} & set(gives.group("between").split())

    def find_threshold(self, folded: str) -> Threshold | None:
        """A numeric threshold ("mas de 90 %"), or the 100 % a met/missed target question implies."""
        measure = "value" if re.search(r"\bvalor|\bvalue", folded) and not re.search(
            r"\bavance|\bprogres|\bcumplimiento|\bmeta|logro esperado", folded) else "progress"
        for m in _NUMBER.finditer(folded):
            raw = m.group(1)
            if _YEAR.fullmatch(raw) and not m.group(2):
                continue
            before = folded[max(0, m.start() - 40):m.start()]
            # Articles go; "a" stays, it is the preposition of "mayor a 300 %".
            before = re.sub(r"(?:\s+(?:el|la|los|las|un|una|the))+\s*$", " ", before).rstrip() + " "
            for op, pattern in self._comparisons:
                hit = None
                for h in pattern.finditer(before):
                    hit = h
                if hit is not None and not before[hit.end():].strip():
                    return Threshold(op, float(raw.replace(",", ".")), measure)
        words = tokens(folded)
        joined = " ".join(words)
        found = met_phrase(joined)
        if found is not None:
            op, verb = found
            if any(w in self._negations for w in joined[:verb.start()].split()[-2:]):
                return Threshold("<", 100.0, "progress")
            return Threshold(op, 100.0, "progress")
        if self._lagging.search(joined):
            return Threshold("<", 100.0, "progress")
        if self._on_track.search(joined):
            return Threshold(">=", 100.0, "progress")
        return None

    def find_rank(self, folded: str) -> str | None:
        """"lowest" | "highest" for "el indicador con menor avance"."""
        for name, pattern in self._rank:
            for m in pattern.finditer(folded):
                window = folded[max(0, m.start() - 30):m.end() + 30]
                if self._rank_subjects.search(window):
                    return name
        return None

    def find_counted(self, canonical: str, english: bool) -> str | None:
        """The noun "¿Cuántos X…?" counts; in English the head of "how many coordination spaces were…"."""
        m = _COUNTED.search(canonical)
        if not m:
            return None
        if not english:
            word = m.group(1)
            # "¿Cuántas quedaron registradas…?", "¿cuántos son?": a verb after "cuántas" frames; it
            # is not what is counted.
            verbs = self.lex.slots["count_verbs"]
            # "¿cuántos de ellos…?": a pronoun points back at what was counted; it is no noun.
            pronouns = set(self.lex.slots["follow_up"]["plural"])
            # "¿Cuántos se reportan?": a clitic before the verb is no noun either.
            clitics = {"se", "le", "les", "lo", "la", "los", "las", "me", "nos", "te"}
            return (None if word.endswith(("aron", "ieron")) or word in verbs or word in pronouns or word in clitics
                    else word)
        # The English noun phrase ends at a function word ("how many civil servants from…"); its
        # head is the last word the glossary gave in Spanish. An English word the glossary does not
        # know is no evidence of what is counted (a refusal must not rest on it).
        spanish = self._glossary_spanish
        phrase = []
        for w in tokens(canonical[m.start(1):]):
            if w in STOP or w in self.lex.english_function_words:
                break
            phrase.append(w)
        known = [w for w in phrase if w in spanish]
        return known[-1] if known else None

    def counted_words(self, canonical: str, english: bool, counted: str | None) -> tuple[str, ...]:
        """Every word of the noun phrase "how many …" counts, in Spanish where the glossary knows it
        ("municipal libraries" → municipales, bibliotecas): an English phrase's head is not always the
        word :meth:`find_counted` keeps. A Spanish question's is its counted noun."""
        if not english or counted is None:
            return (counted,) if counted else ()
        m = _COUNTED.search(canonical)
        words: list[str] = []
        for w in tokens(canonical[m.start(1):]) if m else []:
            if w in STOP or w in self.lex.english_function_words:
                break
            words += [w] + tokens(self.lex.english.get(w, ""))
        return tuple(dict.fromkeys(words))

    def find_years(self, folded: str) -> list[int]:
        """Years named; "PNCTI al 2030" names the policy, not a year asked."""
        years: list[int] = []
        for m in _YEAR.finditer(folded):
            before = tokens(folded[:m.start()])[-3:]
            if (before and before[-1] in {"al", "to", "a"} and len(before) >= 2 and (
                    before[-2] in {p.acronym.lower() for p in self.catalog.policies}
                    or before[-2] in self._policy_name_ends)):
                continue
            year = int(m.group(1))
            if year not in years:
                years.append(year)
        return years

    def find_objectives(self, folded: str, policies: list[str]) -> list[Candidate]:
        """Objectives by number ("objetivo prioritario 3", "OP3", "tercer objetivo")."""
        numbers = [int(m.group(1)) for m in _OBJECTIVE_NUMBER.finditer(folded)]
        numbers += [_ORDINALS[m.group(1)] for m in _OBJECTIVE_ORDINAL.finditer(folded)]
        out: list[Candidate] = []
        for n in dict.fromkeys(numbers):
            code = f"OP.{n:02d}"
            items = [item for kind, item in self.codes.get(code, []) if kind == "objective"
                     and (not policies or item.policy in policies)]
            if not items:
                out.append(Candidate("objective", policies[0] if len(policies) == 1 else "", code, "", 1.0, "number"))
            out += [Candidate("objective", i.policy, i.code, i.name, 1.0, "number") for i in items]
        return out

    # -- all -----------------------------------------------------------------------------
    def link(self, text: str, framed: bool = False) -> Entities:
        """Every entity and slot of one question (``framed``: see :meth:`find_policies`)."""
        folded = fold(text)
        english = is_english(text)
        spanish = to_spanish(folded) if english else folded
        spoken = self._target_frames.sub(" meta ", self._talk_phrases.sub(" ", spanish))
        codeless = self._code_re.sub(" ", self._compact_re.sub(" ", spoken))
        corrected_words = self.correct(tokens(codeless))
        corrected = " ".join(corrected_words)
        canonical = canonicalise(corrected)
        q_stems = self.topic_stems(canonical)
        # A policy is named by words that only frame other questions ("cooperación técnica").
        named_stems = list(dict.fromkeys(stem(w) for w in tokens(canonical) if w not in STOP))
        policies, unknown_acronyms, other_policy = self.find_policies(text, corrected_words, named_stems, framed)
        ents = Entities(policies=policies, unknown_acronyms=unknown_acronyms, other_policy=other_policy)
        ents.codes = self.find_codes(text)
        for code in ents.codes:
            cands = self._code_candidates(code)
            if policies:
                cands = [c for c in cands if c[1].policy in policies] or cands
            if not cands:
                ents.unknown_codes.append(code)
            for kind, item, by in cands:
                target = {"indicator": ents.indicators, "service": ents.services, "objective": ents.objectives}[kind]
                target.append(Candidate(kind, item.policy, item.code, item.name, 1.0 if by == "code" else 0.9, by))
        seen = {(c.policy, c.code) for c in ents.objectives}
        # "el objetibo 2": the number read after the typo's correction too.
        ents.objectives += [c for c in self.find_objectives(f"{spanish} | {corrected}", policies)
                            if (c.policy, c.code) not in seen]
        name_stems = [s for s in q_stems if not any(ch.isdigit() for ch in s)]
        # "outside Latin America and the Caribbean" names the other regions, never ALC: the words of a
        # region the question excludes name no indicator.
        regions = self.find_regions(corrected)
        # English region words read before they are written in Spanish ("South American" is no "sur america").
        regions += [r for r in self.find_regions(fold(text)) if r not in regions]
        excluded = excluded_region_stems(regions)
        # "la política de bibliotecas", "el reporte de pesca artesanal": the words that name the
        # policy after its frame name no service or indicator of it.
        ents.policy_spot = frozenset(self._policy_name_spot(canonical, spanish if english else "", policies))
        # "¿qué acciones tiene previstas la BNP?": a short form that names the policy, and no item of it
        # ("las UOCTI" is in indicators' names), is no topic either.
        ents.policy_spot |= {stem(w) for w in corrected_words if self.catalog.acronym_policies.get(w.upper()) in policies
                             and stem(w) not in self._idf}
        excluded |= ents.policy_spot
        name_stems = [s for s in name_stems if s not in excluded]
        if not ents.indicators:
            ents.indicators = self.score_names(name_stems, "indicator", policies)
        if not ents.services:
            ents.services = self.score_names(name_stems, "service", policies)
        if not any(c.by != "name" for c in ents.objectives):
            ents.objectives += self.described(self.score_names(name_stems, "objective", policies), name_stems,
                                              slot_regex("objective_words").search(folded) is not None)
            described = [c for c in ents.objectives if c.by == "words"]
            if described and not ents.policies:
                ents.policies = [described[0].policy]  # the objective described is that policy's
        if not ents.codes:
            ents.listed = self.find_listed(canonical, policies, ents.indicators, english)
        ents.years = self.find_years(folded)
        ents.countries = self.find_countries(spanish)
        ents.regions = regions
        ents.corrected = corrected
        ents.places = peru_regions_in(folded)
        ents.corrections = {w: c for w, c in zip(tokens(codeless), corrected_words) if w != c}
        # "did Peru provide…": the glossary reads "provide" as "provisión"; the question's own words say the role.
        # "la Biblioteca Nacional del Perú" is a body's name: its "del Perú" says no role.
        names = [fold(m.group(0)) for m in _NAME_OF_PERU.finditer(text)]
        unnamed = [re.sub(r"\s+", " ", _without_phrases(t, names)) for t in (corrected, fold(text))]
        ents.role = self.find_role(unnamed[0]) or self.find_role(unnamed[1])
        if ents.role == "oferente" and any(self.partners_give(t) for t in unnamed):
            ents.role = "receptor"
        ents.threshold = self.find_threshold(canonical)
        ents.rank = None if ents.threshold and ents.threshold.value != 100.0 else self.find_rank(corrected)
        # "How many indicators had no data?": the English words say it before translation.
        ents.no_data = any(r.search(t) is not None for r in (self._no_data, self._not_measured, self._not_had)
                           for t in (corrected, folded))
        ents.counted = self.find_counted(canonicalise(corrected), english)
        if ents.counted and not english and re.search(rf"\b{re.escape(ents.counted[:-1])}ó\b", text.lower()):
            ents.counted = None  # "¿en cuántos actuó…?": a verb in the preterite, written with its accent
        ents.counted_words = self.counted_words(canonicalise(corrected), english, ents.counted)
        ents.asks_share = asks_share(spanish)  # "What share…" reads as "porcentaje"
        ents.terms = [w for w in tokens(canonical) if w not in STOP and w not in self.lex.frame]
        return ents

    def region_of_item(self, name: str) -> list[Region]:
        """Regions an item's own name names ("… como oferente técnico en otras regiones")."""
        return self.find_regions(fold(name))

    def without_regions(self, name: str) -> str:
        """An item's name with its region words taken out (to relink it under another region)."""
        folded = self._other_regions_re.sub(" ", fold(name))
        for pattern, _ in self._region_res:
            folded = pattern.sub(" ", folded)
        return re.sub(r"\s+", " ", folded).strip()

    def country(self, name: str) -> Any:
        """The catalog's record of a country name (region, subregion), or None."""
        return self._country_info.get(name)


_POLICY_HEAD = re.compile(r"\bpolitica(?:\s+nacional)?\s+de\s+(?:la\s+|las\s+|los\s+|el\s+)?([a-z]+)")
_ENGLISH_POLICY_FRAME = re.compile(r"\b(?:politica|reporte|informe|policy|report)\b")
_REPORT_HEAD = re.compile(r"\b(?:reporte|informe|decreto|policy)(?:\s+de\s+cumplimiento)?\s+de\s+(?:la\s+|las\s+|los\s+|el\s+)?([a-z]+)")


def linker_for(catalog: Catalog) -> Linker:
    """The linker of ``catalog``, built on first use and kept on it (treat a catalog as immutable)."""
    cached = getattr(catalog, "_linker", None)
    if cached is None:
        cached = Linker(catalog)
        object.__setattr__(catalog, "_linker", cached)
    return cached
