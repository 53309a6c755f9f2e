"""Questions asked in one breath, read as separate questions.

"¿Cuántos objetivos prioritarios y cuántos lineamientos contempla la PNBP?" asks two things;
"¿Cuántos lineamientos, servicios y actividades tiene la PNCTI?" asks three. Each part is
answered on its own, with the other parts as the conversation it belongs to, so a part that
leaves out its subject ("¿Cuántos objetivos prioritarios…") takes it from the others.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.entities import load_data, phrase_regex, slot_regex
from ingest.numbers import strip_accents


@cache
def joins() -> re.Pattern[str]:
    """Where a second question is joined to the first: "…, y qué hizo la APCI?", "…, and how are
    they split?", "…? ¿Cuántos…?" (``joining_words`` and ``question_words`` of slots.yaml)."""
    wh = slot_regex("question_words").pattern
    conj = slot_regex("joining_words").pattern
    return re.compile(rf"(?:,\s*|\s+){conj}\s+(?=¿?{wh})|[?;]\s*(?=¿?{wh})|\?\s+(?=¿)")


_COUNT = re.compile(r"^(\W*(?:y\s+)?(?:cuant[oa]s|how many)\s+)(.+)$")
MAX_PARTS = 4
# A part shorter than this is a word of the question, not a question.
MIN_WORDS = 3


@cache
def _boundaries() -> re.Pattern[str]:
    """A join, or a comma before a question word ("cuál era la línea de base, cuánto se esperaba…")."""
    return re.compile(rf"{joins().pattern}|,\s*(?=¿?{slot_regex('question_words').pattern})")


def count_parts(folded: str) -> int:
    """How many questions ``folded`` asks, counting comma-joined clauses too; a clause of fewer
    than :data:`MIN_WORDS` words before a boundary ("oye, ¿cuánto…?") is no question of its own."""
    n, start = 1, 0
    for m in _boundaries().finditer(folded):
        if len(folded[start:m.start()].strip(" ¿?¡!,;").split()) >= MIN_WORDS:
            n += 1
            start = m.end()
    return n


def split_parts(text: str) -> list[str]:
    """The questions ``text`` asks, in order; a single question gives ``[text]``."""
    folded = strip_accents(text).lower()  # same length as ``text``: offsets carry over
    found = list(joins().finditer(folded))
    spans = list(zip([0] + [m.end() for m in found], [m.start() for m in found] + [len(text)]))
    parts = [text[a:b].strip(" ,;¿?") for a, b in spans]
    if any(len(p.split()) < MIN_WORDS for p in parts):
        return [text]  # "¿Cuándo y dónde…?", "¿Qué países y qué temas?": one question
    out: list[str] = []
    for part in parts:
        out += _distribute_count(part)
    if len(out) > MAX_PARTS:
        return [text]
    return [f"¿{p}?" for p in out] if len(out) > 1 else [text]


@cache
def _make_up_kinds() -> re.Pattern[str]:
    """The kinds of a policy's make-up besides the catalogue's (``make_up_kinds`` of nouns.yaml)."""
    return phrase_regex(load_data("nouns.yaml")["make_up_kinds"])


def _distribute_count(part: str) -> list[str]:
    """ "cuántos A, B y C tiene X" → "cuántos A tiene X", "cuántos B tiene X", "cuántos C tiene X"."""
    folded = strip_accents(part).lower()
    m = _COUNT.match(folded)
    if not m:
        return [part]
    verb = slot_regex("count_verbs").search(folded, m.end(1))
    if verb is None:
        return [part]
    listed = folded[m.end(1):verb.start()].strip(" ,")
    items = [i.strip() for i in re.split(r",\s*|\s+(?:y|e|and)\s+", listed) if i.strip()]
    if len(items) < 2 or any(len(i.split()) > 4 for i in items):
        return [part]
    if not all(slot_regex("catalogue_kinds").search(i) or _make_up_kinds().search(i) for i in items):
        # "How many Latin American and Caribbean countries…", "…forums and organisations…": one
        # set named with two words, not the policy's make-up counted kind by kind.
        return [part]
    head, rest = part[:m.end(1)], part[verb.start():]
    # Keep the question's own spelling of each item (offsets in the folded text match the original).
    return [f"{head}{item} {rest}" for item in items]
