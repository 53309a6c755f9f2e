"""Figures in a sentence and the role each one plays, read from the words around it.

A figure is a number that is not a code, a year, a list marker or a decree number. Its role
comes from cue words (see :mod:`ingest.reports.cues`) in a small window before and after it,
never from a template of the whole sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbers import NumberMention, find_numbers, strip_accents
from ingest.reports import cues
from ingest.reports.codes import mask_codes

_WORD_RE = re.compile(r"[a-z0-9ñ$€/%.]+")
_LIST_MARKER_RE = re.compile(r"^\s*(?:[-•]\s*)?\d{1,2}[.)]\s")
_DATE_RE = re.compile(rf"\b\d{{1,2}}\s+de\s+(?:{cues.MONTHS})\b", re.IGNORECASE)
_DECREE_RE = re.compile(r"N[°º]\s*\d[\d-]*(?:-[A-Z]+)?|\b\d{3}-\d{4}-[A-Z]+\b")
# "Objetivo prioritario 2": a code in words, not a figure.
_OBJECTIVE_WORDS = re.compile(r"\bobjetivo prioritario\s+(?:n[°º.]?\s*)?\d{1,2}\b", re.IGNORECASE)
# A scale in a unit's parenthesis: "(puntos de 0 a 100)".
_SCALE = re.compile(r"\([^()]*\bde\s+\d+\s+a\s+\d+\)")
_CLAUSE_BREAK = re.compile(r";|\.\s")
BEFORE_TOKENS = 9
AFTER_TOKENS = 5
# How close a cue of each role must be to the figure (in words).
MAX_DISTANCE = {cues.TOTAL: 2, cues.VALUE: 6}


@dataclass
class Figure:
    """A figure in a text, its period and its role."""

    value: float
    raw: str
    start: int
    end: int
    percent: bool
    role: str | None = None
    cued: bool = False  # the role came from a cue word, not from a default
    year: int | None = None
    unit: str | None = None


def tokens(text: str) -> list[str]:
    """Accent-folded lower-case words of ``text`` (punctuation dropped, "%" and "s/" kept)."""
    return [t.strip(".") or t for t in _WORD_RE.findall(strip_accents(text))]


def _find(words: list[str], phrase: str) -> int | None:
    """Index just past the last occurrence of ``phrase`` (a word sequence) in ``words``."""
    parts = phrase.split()
    n = len(parts)
    for i in range(len(words) - n, -1, -1):
        if words[i:i + n] == parts:
            return i + n
    return None


def has_cue(text: str, phrases: tuple[str, ...]) -> bool:
    """True when any cue phrase stands in ``text`` as whole words (or as written, for "s.i.")."""
    folded = strip_accents(text)
    words = tokens(text)
    for phrase in phrases:
        if "." in phrase or "/" in phrase:
            if re.search(r"(?<![a-z])" + re.escape(phrase) + r"(?![a-z])", folded):
                return True
        elif _find(words, phrase) is not None:
            return True
    return False


def _is_year(m: NumberMention) -> bool:
    return not m.percent and m.raw.isdigit() and len(m.raw) == 4 and 1990 <= m.value <= 2100


def figures_in(text: str, start: int = 0) -> tuple[list[Figure], list[tuple[int, int]]]:
    """Figures of ``text[start:]`` with their offsets in ``text``, and the years as (offset, year)."""
    masked = mask_codes(text)
    masked = _DECREE_RE.sub(lambda m: " " * len(m.group(0)), masked)
    masked = _DATE_RE.sub(lambda m: " " * len(m.group(0)), masked)
    masked = _OBJECTIVE_WORDS.sub(lambda m: " " * len(m.group(0)), masked)
    masked = _SCALE.sub(lambda m: " " * len(m.group(0)), masked)
    if (marker := _LIST_MARKER_RE.match(masked)) and start == 0:
        masked = " " * marker.end() + masked[marker.end():]
    figures: list[Figure] = []
    years: list[tuple[int, int]] = []
    for m in find_numbers(masked):
        if m.start < start:
            continue
        if _is_year(m):
            years.append((m.start, int(m.value)))
            continue
        figures.append(Figure(m.value, text[m.start:m.end].strip(), m.start, m.end, m.percent))
    return figures, years


def assign_roles(text: str, figures: list[Figure], years: list[tuple[int, int]], start: int = 0) -> None:
    """Give each figure a role from the cue words around it, and its year when one is stated near it."""
    # Only figures bound a window: a year inside it ("Su línea base, correspondiente al año 2017, fue
    # de 54,9 %") belongs to the figure's phrase. A cue an earlier figure used after it ("77,5 % de lo
    # programado, con 310 antenas") is that figure's, not the next one's.
    total_seen = False
    used_until = start
    for index, fig in enumerate(figures):
        left = max(used_until, figures[index - 1].end if index else start)
        before_text = text[left:fig.start]
        breaks = list(_CLAUSE_BREAK.finditer(before_text))
        clause_start = left == start or bool(breaks)
        if breaks:
            before_text = before_text[breaks[-1].end():]
        before = tokens(before_text)[-BEFORE_TOKENS:]
        right = figures[index + 1].start if index + 1 < len(figures) else len(text)
        after_text = re.split(r"[();]", text[fig.end:right], maxsplit=1)[0]
        after = tokens(after_text)[:AFTER_TOKENS]
        fig.role, fig.cued = _role(fig, before, after, clause_start, total_seen)
        used_until = fig.end + _after_cue_span(after_text)
        total_seen = total_seen or fig.role == cues.TOTAL
        fig.year = _year_for(fig, years, text)
        fig.unit = unit_after(text[fig.end:], text[max(0, fig.start - 4):fig.start], fig.percent)


def _after_cue_span(after_text: str) -> int:
    """Characters of ``after_text`` taken by the after-cue it opens with ("de lo programado"), or 0."""
    words = tokens(after_text)
    longest = 0
    for phrases in cues.AFTER.values():
        for phrase in phrases:
            parts = phrase.split()
            if words[:len(parts)] == parts:
                longest = max(longest, len(parts))
    if not longest:
        return 0
    found = list(re.finditer(r"\S+", after_text))
    return found[longest - 1].end() if len(found) >= longest else len(after_text)


def _role(fig: Figure, before: list[str], after: list[str], clause_start: bool,
          total_seen: bool) -> tuple[str | None, bool]:
    found: set[str] = set()
    for role, phrases in cues.AFTER.items():
        if any(after[:len(p.split())] == p.split() for p in phrases):
            found.add(role)
        elif role == cues.TOTAL and any(_find(after, p) is not None for p in phrases):
            found.add(role)  # "54 400 personas capacitadas, de las cuales…": the total's noun comes first
    for role, phrases in cues.BEFORE.items():
        limit = MAX_DISTANCE.get(role, BEFORE_TOKENS)
        for phrase in phrases:
            end = _find(before, phrase)
            if end is None or len(before) - end > limit:
                continue
            if phrase in cues.CLAUSE_START_ONLY and not (clause_start and end == len(phrase.split())):
                continue
            found.add(role)
    integer = not fig.percent and fig.value == int(fig.value)
    if cues.PART in found and integer:
        return cues.PART, True
    for role in cues.ROLE_PRIORITY:
        if role not in found:
            continue
        if role == cues.PROGRESS and not fig.percent:
            continue
        if role == cues.TOTAL and not integer:
            continue
        return role, True
    if total_seen and integer:
        return cues.PART, True
    return None, False


def _year_for(fig: Figure, years: list[tuple[int, int]], text: str) -> int | None:
    """The year stated for a figure: the nearest one before it in the sentence, else one right after."""
    before = [(pos, y) for pos, y in years if pos < fig.start]
    if before:
        return before[-1][1]
    after = [(pos, y) for pos, y in years if pos > fig.end and len(tokens(text[fig.end:pos])) <= 4]
    return after[0][1] if after else None


def unit_after(rest: str, lead: str, percent: bool) -> str | None:
    """The unit a figure is written with: "%", "usuarios", "libros por persona al año", "millones de soles"."""
    if percent:
        return "%"
    words = rest.strip().split()
    currency = next((name for sign, name in cues.CURRENCIES.items() if strip_accents(lead).strip().endswith(sign)), None)
    if words:
        first = strip_accents(words[0].strip(",.;:)"))
        if first in cues.SCALES:
            return f"{cues.SCALES[first]} de {currency}" if currency else cues.SCALES[first]
    if currency:
        return currency
    unit: list[str] = []
    for i, raw in enumerate(words[:6]):
        if raw.startswith("("):
            break
        word = raw.strip(",.;:()")
        clean = strip_accents(word)
        if not word or not re.match(r"^[a-záéíóúñü/]+$", word, re.IGNORECASE):
            break
        if i == 0 and clean in cues.UNIT_STOP:
            return None
        if clean == "por" and i + 1 < len(words):
            # A rate: "libros por persona (al año)".
            unit.append(word)
            continue
        if unit and strip_accents(unit[-1]) == "por":
            unit.append(word)
            tail = [w.strip(",.;:()") for w in words[i + 1:i + 3]]
            if [strip_accents(w) for w in tail] == ["al", "ano"]:
                unit.extend(tail)
            break
        if i > 0:
            break
        unit.append(word)
        if raw.endswith((",", ".", ";", ":", ")")):
            break
    return " ".join(unit) if unit else None


def unit_from_name(name: str) -> str | None:
    """The unit an indicator's name implies: "(millones de soles)", "Porcentaje de…" → "%", "Número de X" → X."""
    if m := re.search(r"\(([^()]{2,40})\)\s*$", name):
        return m.group(1).strip()
    folded = strip_accents(name).strip()
    if folded.startswith(("porcentaje", "tasa", "proporcion")):
        return "%"
    if m := re.match(r"(?:numero|cantidad|total)\s+de\s+([a-zñ]+)", folded):
        start = len(name) - len(name.lstrip()) + m.start(1)
        return name.strip()[m.start(1):m.end(1)] if start >= 0 else m.group(1)
    return None
