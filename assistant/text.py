"""Question text helpers: stems, content words, English glossary, codes and years."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from ingest.numbers import strip_accents

_WORD_RE = re.compile(r"[a-záéíóúüñ0-9]+", re.IGNORECASE)

# Words that carry no topic in a question about this corpus.
STOP = {
    "a", "al", "algo", "ante", "antes", "como", "con", "contra", "cual", "cuales", "cuando", "de",
    "del", "desde", "donde", "durante", "e", "el", "ella", "ellos", "en", "entre", "es", "esa",
    "ese", "eso", "esta", "este", "esto", "estos", "estas", "fue", "fueron", "ha", "han", "hay",
    "la", "las", "le", "les", "lo", "los", "mas", "me", "mi", "muy", "no", "nos", "o", "para",
    "pero", "por", "porque", "que", "quien", "quienes", "se", "sea", "si", "sin", "sobre", "son",
    "su", "sus", "tiene", "tienen", "tuvo", "un", "una", "uno", "unos", "unas", "y", "ya", "otra",
    "otras", "otro", "otros", "cuanto", "cuanta", "cuantos", "cuantas", "podria", "puede",
    "dime", "digame", "indique", "indica", "segun", "favor", "hola", "quiero", "saber", "ser",
    "the", "of", "in", "to", "and", "what", "which", "how", "many", "much", "was", "were", "is",
    "did", "does", "for", "by", "on", "with", "an", "its", "it", "are", "be",
    # Verbs of a question's frame, not its topic: "¿Qué hizo la APCI?", "¿qué dice el reporte?"
    "hizo", "hicieron", "hace", "hacen", "hecho", "dice", "dicen", "dijo", "paso", "sucedio", "ocurrio",
    "menciona", "mencionan", "habla", "hablan", "trata", "tratan", "cuenta", "cuentame", "explicame",
    "tan", "tanto", "tanta", "asi", "hubo", "habia", "habian", "existe", "existen", "existio", "existieron",
    "total", "totales", "abarca", "abarcan", "comprende", "comprenden", "cubre", "cubren", "incluye", "incluyen",
    "contiene", "contienen", "contempla", "contemplan", "describe", "describen", "detalla", "detallan",
    "receive", "received", "get", "got", "have", "has", "had", "give", "gave", "do", "done", "there",
}
# Generic words of this domain: present everywhere, they never make evidence strong.
GENERIC = {
    "valor", "indicador", "indicadores", "reporte", "informe", "politica", "pncti", "peru",
    "ano", "anos", "cooperacion", "tecnica", "internacional", "cti", "nacional", "alcanzo",
    "obtuvo", "tuvo", "fue", "logro", "dato", "datos", "cifra", "cual", "cuales", "que", "mide",
}

@cache
def data_file(name: str) -> Any:
    """A YAML file of ``assistant/data``, parsed once (with libyaml's loader where installed)."""
    text = resources.files("assistant").joinpath("data", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _english_map(name: str) -> dict[str, str]:
    return {str(k): str(v) for k, v in data_file(name)["english"].items()}


# English question words → Spanish corpus words, so English questions retrieve Spanish text.
# One glossary, in data: the hand-kept ``english`` map of assistant/data/synonyms.yaml over the
# one built from the corpus's own vocabulary (glossary_corpus.yaml); the hand-kept entry wins.
ENGLISH: dict[str, str] = {**_english_map("glossary_corpus.yaml"), **_english_map("synonyms.yaml")}
# Its single words (the question parser also reads its phrases).
GLOSSARY: dict[str, str] = {strip_accents(k.lower()): v for k, v in ENGLISH.items() if " " not in k}
# Words that mark a question as English: two question words, or three function words that are
# not also Spanish ("for", "its", "in"…; "a", "no", "me" are both).
ENGLISH_HINTS = frozenset({"what", "which", "how", "many", "much", "the", "was", "were", "did", "does", "is", "why",
                           "when", "who", "of", "are", "has", "have", "list", "give", "tell", "show"})
ENGLISH_FUNCTION_WORDS = frozenset(str(w) for w in data_file("synonyms.yaml")["english_function_words"])
_SHARED_FUNCTION_WORDS = frozenset({"a", "no", "me", "he", "un", "con", "de", "en", "la", "las", "los", "se", "si",
                                    "solo", "y", "o", "e", "al", "del", "es", "mi", "su", "te", "ti", "i"})

# Officials type codes loosely: "IOP.03.01", "iop 03 01", "IOP 3.1", "iop0301".
CODE_RE = re.compile(
    r"\b(I\s?OP|I\s?SS|SS|OP)[\s.]?(\d{1,2})(?:[.\s](\d{1,2}))?(?:[.\s](\d{1,2}))?(?:[.\s](\d{1,2}))?(?:-(\d))?\b",
    re.IGNORECASE,
)
_COMPACT_CODE = re.compile(r"\b(I\s?OP|I\s?SS|SS|OP)((?:\d{2}){2,4})\b", re.IGNORECASE)
YEAR_RE = re.compile(r"\b(20[0-4]\d)\b")


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("spanish")


def words(text: str) -> list[str]:
    """Lower-case accent-folded words."""
    return [strip_accents(w) for w in _WORD_RE.findall(text)]


def stem(word: str) -> str:
    """Spanish Snowball stem of an accent-folded word."""
    return _stemmer().stemWord(word)  # type: ignore[attr-defined]


@lru_cache(maxsize=262_144)
def _topic_stem(word: str, drop_generic: bool) -> str | None:
    """The stem of one raw word, or None when it carries no topic."""
    w = strip_accents(word)
    if w in STOP or (drop_generic and w in GENERIC) or YEAR_RE.fullmatch(w):
        return None
    if len(w) < 2 and not w.isdigit():
        return None
    return stem(w)


def content_stems(text: str, drop_generic: bool = False) -> list[str]:
    """Stems of the topic words of ``text`` (stop words dropped; order kept; repeats dropped)."""
    # Memoised per word: loading a many-report snapshot stems ~2 M word occurrences of a
    # vocabulary a thousand times smaller.
    out: dict[str, None] = {}
    for w in _WORD_RE.findall(text):
        s = _topic_stem(w, drop_generic)
        if s is not None:
            out[s] = None
    return list(out)


def is_english(text: str) -> bool:
    """True when at least two English question words, or three English function words, appear, or
    every word of a short question is English."""
    # A name in capitals ("PRODUCE", "APCI") is in no language.
    names = {strip_accents(w.lower()) for w in re.findall(r"\b[A-ZÁÉÍÓÚÑ]{2,}\b", text)}
    ws = {w for w in {strip_accents(w.lower()) for w in words(text)} - names if not w.isdigit()}
    if len(ws & ENGLISH_HINTS) >= 2 or len((ws & ENGLISH_FUNCTION_WORDS) - _SHARED_FUNCTION_WORDS) >= 3:
        return True
    # A short follow-up ("and the artisanal fishing policy?"): its words are English ones, all
    # but a verb the glossary lacks ("Did PRODUCE hit its goal for fishers' organizations…?").
    english = (ws & (ENGLISH_FUNCTION_WORDS | ENGLISH_HINTS)) - _SHARED_FUNCTION_WORDS
    known = sum(w in english or w in GLOSSARY for w in ws)
    return len(ws) >= 3 and bool(english) and known >= ENGLISH_SHARE * len(ws)


# The share of a short question's words that must be English for it to read as English.
ENGLISH_SHARE = 0.85


def _synonyms() -> dict[str, str]:
    """Everyday words → the reports' words (``groups`` of synonyms.yaml, one-word variants)."""
    return {variant: canonical for canonical, variants in data_file("synonyms.yaml")["groups"].items()
            for variant in variants if " " not in variant}


# Appended to a question so matching and BM25 find the report's term ("visitas" → "accesiones").
SYNONYMS = _synonyms()


@cache
def synonym_phrases() -> dict[str, str]:
    """Every variant of ``groups`` in synonyms.yaml, phrases included → the reports' word, longest
    variant first (a phrase is read before the words it holds)."""
    pairs = [(variant, canonical) for canonical, variants in data_file("synonyms.yaml")["groups"].items()
             for variant in variants]
    return dict(sorted(pairs, key=lambda e: -len(e[0])))


@cache
def _synonym_kin() -> dict[str, frozenset[str]]:
    kin: dict[str, set[str]] = {}
    for variant, canonical in SYNONYMS.items():
        stems = content_stems(variant)
        if len(stems) == 1:
            kin.setdefault(stems[0], set()).update(x for x in content_stems(canonical) if x != stems[0])
    return {k: frozenset(v) for k, v in kin.items()}


def synonym_stems(stem: str) -> frozenset[str]:
    """The topic stems of the reports' word for an everyday word's stem ("visit" → "accesion"): a
    sentence that uses the reports' word speaks of what the question names. Only that way: the
    reports' own word is never widened to its everyday variants ("css" is not any "sur")."""
    return _synonym_kin().get(stem, frozenset())


# A "%" that follows no figure is the word: "el % de distritos" is "el porcentaje de distritos".
_PERCENT_WORD = re.compile(r"(?<![\d.,\s])\s*%|(?:^|(?<=\s))%(?=\s)")


def with_synonyms(text: str) -> str:
    """Append the reports' word for everyday words in ``text`` ("visitas" → "accesiones")."""
    extra = [SYNONYMS[w] for w in words(text) if w in SYNONYMS]
    if _PERCENT_WORD.search(text) and not re.search(r"\d\s*%", text):
        extra.append("porcentaje")
    return f"{text} {' '.join(extra)}" if extra else text


def without_words(text: str, stems: set[str] | frozenset[str], words: set[str] | frozenset[str] = frozenset()) -> str:
    """``text`` with every word whose topic stem is in ``stems``, or that is in ``words`` (lower
    case), blanked ("…de cooperación técnica y de pesca" without the first policy's name)."""
    return re.sub(r"[^\W\d_]+", lambda m: " " if m.group(0).lower() in words
                  or set(content_stems(m.group(0))) & stems else m.group(0), text)


def without_glossary_words(text: str) -> str:
    """``text`` without the English words the glossary translated (their Spanish terms stay)."""
    return " ".join(w for w in re.findall(r"\w+", text) if strip_accents(w.lower()) not in GLOSSARY)


@lru_cache(maxsize=1)
def _glossary_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """The glossary's phrases ("carried out" → "realizadas"), longest first, as one regex."""
    phrases = {strip_accents(k.lower()): v for k, v in ENGLISH.items() if " " in k}
    ordered = sorted(phrases, key=lambda p: (-len(p), p))
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ordered) + r")\b"), phrases


def to_spanish_terms(text: str) -> str:
    """Append Spanish equivalents of the English words and phrases in ``text``."""
    regex, phrases = _glossary_phrases()
    # A phrase whose words the glossary does not know one by one ("carried out"): its Spanish term.
    said = [phrases[m.group(0)] for m in regex.finditer(" ".join(words(text)))
            if not any(w in GLOSSARY for w in m.group(0).split())]
    extra = [*said, *(GLOSSARY[w] for w in words(text) if w in GLOSSARY)]
    return f"{text} {' '.join(extra)}" if extra else text


def find_codes(text: str) -> list[str]:
    """Indicator, service or objective codes in a question, normalised ("iop 03.01" → "IOP.03.01")."""
    codes = []
    text = _COMPACT_CODE.sub(lambda m: m.group(1) + "." + ".".join(re.findall(r"\d{2}", m.group(2))), text)
    for m in CODE_RE.finditer(text):
        prefix = m.group(1).upper().replace(" ", "")
        parts = [p.zfill(2) for p in m.groups()[1:5] if p]
        code = prefix + "." + ".".join(parts)
        if m.group(6):
            code += f"-{m.group(6)}"
        if code not in codes:
            codes.append(code)
    # Codes of other policies' grammars written strictly ("IS.01.02.01", "S.02.03", "L.01.01").
    from ingest.reports.codes import find_codes as grammar_codes

    for found in grammar_codes(text):
        if found.text.startswith(("IS.", "S.", "L.")) and found.text not in codes:
            codes.append(found.text)
    return codes


def find_years(text: str) -> list[int]:
    """Years named in a question, excluding the policy horizon 2030 when it names the policy."""
    years = [int(y) for y in YEAR_RE.findall(text)]
    if re.search(r"al\s+2030|to\s+2030", text, re.IGNORECASE):
        years = [y for y in years if y != 2030] + ([2030] if len([y for y in years if y == 2030]) > 1 else [])
    return years


@lru_cache(maxsize=512)
def code_mention(code: str) -> re.Pattern[str]:
    """``code`` written as a whole code ("S.01.02.01", not the start of "S.01.02.01.01")."""
    return re.compile(rf"(?<![\w.]){re.escape(code)}(?![\w]|\.\d)")


# A stem this long that begins another is of the same word family ("asist" of "asistidas" and
# "asistent" of "asistencia", "bibliotec" of "bibliotecarios").
FAMILY_PREFIX = 5


def same_family(key: str, stems: frozenset[str] | set[str]) -> bool:
    """True when a stem of ``stems`` and ``key`` are of one word family: one begins the other."""
    return any(min(len(s), len(key)) >= FAMILY_PREFIX and (s.startswith(key) or key.startswith(s)) for s in stems)
