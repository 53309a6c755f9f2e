"""Spanish number forms: "45,83 %", "45.83%", "dos", "veintiún", "1.234" → floats."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_UNITS = {
    "cero": 0, "uno": 1, "una": 1, "un": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
    "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17,
    "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiun": 21,
    "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiseis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29,
}
_TENS = {
    "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}
_HUNDREDS = {
    "cien": 100, "ciento": 100, "doscientos": 200, "doscientas": 200, "trescientos": 300,
    "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500,
    "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700,
    "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900,
}
# English words, so that answers to English questions are verified the same way.
_ENGLISH = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}
# "un"/"una"/"uno" are articles far more often than numbers: never scanned as figures.
_ARTICLES = {"un", "una", "uno"}
_WORD_VALUES = {**_UNITS, **_TENS, **_HUNDREDS}

CODE_RE = re.compile(
    r"\b(?:I?OP|I?SS|O\.P)\.?\s?\d{2}(?:\.\d{2}){0,3}\b|\b(?:IS|S|L)\.\d{2}(?:\.\d{2}){1,3}\b"
    r"|\bN°\s?\d[\d-]*(?:-[A-Z]+)?|\b\d{3}-\d{4}-[A-Z]+\b"
)
# Thousands grouped with a dot, a comma or a (thin, no-break) space: "3.450", "3,450", "3 450".
_DIGITS_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,]\d)(?:[.,]\d+)?"
    r"|\d+(?:[.,]\d+)?)(?![\w])(\s?%)?")
_WORD_RE = re.compile(r"[a-záéíóúüñ]+", re.IGNORECASE)


# The combining-mark blocks; a regex removes them at C speed (a per-character generator took
# 2.9 s of a 5,000-page snapshot load).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def strip_accents(text: str) -> str:
    """Lower-case ASCII folding used for matching ("Japón" → "japon")."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


def parse_number(token: str) -> float | None:
    """Parse one numeral: "45.83", "4,17", "1.234", "1.234,5", "dos", "treinta y dos"."""
    raw = token.strip().rstrip("%").strip()
    if not raw:
        return None
    if raw[0].isdigit():
        return _parse_digits(raw)
    return parse_words(raw)


def _parse_digits(raw: str) -> float | None:
    raw = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3})", "", raw)
    if "." in raw and "," in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        raw = raw.replace(thousands, "").replace(decimal, ".")
    elif "." in raw or "," in raw:
        sep = "." if "." in raw else ","
        parts = raw.split(sep)
        # One separator followed by exactly three digits groups thousands ("1.234");
        # anything else is a decimal mark ("45.83", "4,17", "197.6").
        if len(parts) > 2 or (len(parts[-1]) == 3 and len(parts[0]) <= 3 and parts[0] != "0"):
            raw = "".join(parts)
        else:
            raw = ".".join(parts)
    try:
        return float(raw)
    except ValueError:
        return None


def parse_words(text: str) -> float | None:
    """Parse a Spanish (or small English) number in words; None when it is not one."""
    words = [strip_accents(w) for w in text.replace("-", " ").split() if w.lower() != "y"]
    if not words:
        return None
    if len(words) == 1 and words[0] in _ENGLISH:
        return float(_ENGLISH[words[0]])
    total = 0
    for word in words:
        if word == "mil":
            total = max(total, 1) * 1000
        elif word in _WORD_VALUES:
            total += _WORD_VALUES[word]
        else:
            return None
    return float(total)


@dataclass(frozen=True)
class NumberMention:
    """A number found in text, with where it was and how it was written."""

    value: float
    raw: str
    start: int
    end: int
    percent: bool


def find_numbers(text: str, include_words: bool = True) -> list[NumberMention]:
    """Every figure in ``text``, skipping indicator/service codes and decree numbers."""
    masked = CODE_RE.sub(lambda m: " " * len(m.group(0)), text)
    found: list[NumberMention] = []
    for m in _DIGITS_RE.finditer(masked):
        value = _parse_digits(m.group(1))
        if value is not None:
            found.append(NumberMention(value, m.group(0).strip(), m.start(), m.end(), bool(m.group(2))))
    if include_words:
        found.extend(_find_word_numbers(masked))
    return sorted(found, key=lambda n: n.start)


def _find_word_numbers(text: str) -> list[NumberMention]:
    found: list[NumberMention] = []
    tokens = list(_WORD_RE.finditer(text))
    i = 0
    while i < len(tokens):
        word = strip_accents(tokens[i].group(0))
        if word in _ARTICLES or (word not in _WORD_VALUES and word not in _ENGLISH):
            i += 1
            continue
        j = i + 1
        # "treinta y dos": a tens word joined by "y" to a unit word.
        if word in _TENS and j + 1 < len(tokens) and strip_accents(tokens[j].group(0)) == "y":
            nxt = strip_accents(tokens[j + 1].group(0))
            if nxt in _UNITS and _UNITS[nxt] < 10:
                j += 2
        start, end = tokens[i].start(), tokens[j - 1].end()
        value = parse_words(text[start:end])
        if value is not None:
            after = text[end:end + 3]
            found.append(NumberMention(value, text[start:end], start, end, "%" in after or "por ciento" in text[end:end + 11]))
        i = j
    return found


_SPELLED = ["cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce",
            "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte"]


def number_word(n: int) -> str | None:
    """The Spanish word of a whole number up to twenty ("cuatro"); None beyond."""
    return _SPELLED[n] if 0 <= n < len(_SPELLED) else None


def same_number(a: float, b: float, tolerance: float = 1e-6) -> bool:
    """True when two figures are the same stated number."""
    return abs(a - b) <= tolerance * max(1.0, abs(a), abs(b))


def format_number(value: float) -> str:
    """Canonical display with a decimal point as the report writes most figures ("45.83")."""
    if value == int(value):
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")
