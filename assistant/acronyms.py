"""What the documents' acronyms stand for, read where a document spells one out.

A report writes the long form once, then the acronym in brackets: "Cooperación Sur-Sur (CSS)",
"Comisión Económica para América Latina y el Caribe (CEPAL)". The long form is found by reading
back from the bracket while the words' initials spell the acronym; connectors ("de", "la", "y")
may be passed over, and so may up to two other words ("unidades orgánicas encargadas de la
Cooperación Técnica Internacional (UOCTI)").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.knowledge import Snapshot, per_snapshot
from assistant.text import GENERIC, STOP
from ingest.numbers import strip_accents

# A short form in brackets after its long form ("… Económicos (OCDE)").
BRACKETED = re.compile(r"\(([A-ZÁÉÍÓÚÑ]{2,8})\)")
_DEFINED = re.compile(r"(?<![\w.])((?:[A-Za-z]\.){1,4}[A-Za-z]?\.?|[A-Z]{2,8})\s*=\s*([^.;=|]+)")
_FOOTNOTE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,2}\s*([^\d|=]{6,80})$")
_CONNECTORS = {"de", "del", "la", "las", "el", "los", "y", "e", "para", "en", "a", "al", "con", "por"}
MAX_SKIPPED = 2


@dataclass(frozen=True)
class Acronym:
    """An acronym, its long form, and the sentence that spells it out."""

    acronym: str
    long_form: str
    doc_id: str
    page: int
    quote: str


@per_snapshot
def acronyms(snap: Snapshot) -> dict[str, Acronym]:
    """Every acronym the documents spell out, by acronym (the first document order spelling)."""
    found: dict[str, Acronym] = {}
    for rec in snap.sentences:
        for m in _DEFINED.finditer(rec.text):
            # "Nota: s.i. = sin información." — a table's note spells its short forms out.
            short = m.group(1).replace(".", "").upper()
            long_form = m.group(2).strip()
            if short not in found and _initials_spell(long_form, short):
                found[short] = Acronym(m.group(1), long_form, rec.doc_id, rec.page, rec.text)
        for m in BRACKETED.finditer(rec.text):
            short = m.group(1)
            if short in found and not found[short].long_form.isupper():
                continue  # a title in capitals gives way to the running text's spelling
            long_form = long_form_before(rec.text[:m.start()], short)
            if long_form and (short not in found or not long_form.isupper()):
                found[short] = Acronym(short, long_form, rec.doc_id, rec.page, rec.text)
    for rec in snap.sentences:
        # "¹ Objetivo de Desarrollo Sostenible": a footnote that spells out the short form its
        # marker follows in the text ("…alineados a los ODS¹").
        m = _FOOTNOTE.match(rec.text)
        if not m:
            continue
        long_form = m.group(1).strip(" .")
        short = _initials(long_form)
        if 2 <= len(short) <= 8 and short not in found and any(
                re.search(rf"(?<![\w.]){short}(?![a-zA-Z])", other.text)
                for other in snap.sentences if other.doc_id == rec.doc_id and other is not rec):
            found[short] = Acronym(short, long_form, rec.doc_id, rec.page, rec.text)
    return found


def long_form_before(text: str, short: str) -> str | None:
    """The words that end ``text`` and whose initials spell ``short``, or None."""
    words = re.findall(r"[^\W\d_]+", text)
    letters = strip_accents(short).upper()
    need = len(letters) - 1
    skipped = 0
    for i in range(len(words) - 1, -1, -1):
        initial = strip_accents(words[i][0]).upper()
        if need >= 0 and initial == letters[need]:
            need -= 1
            if need < 0:
                start = _start_of(text, words, i)
                return text[start:].strip(" ,;:-–")
        elif words[i].lower() in _CONNECTORS:
            continue
        elif skipped < MAX_SKIPPED:
            skipped += 1
        else:
            return None
    return None


def _start_of(text: str, words: list[str], index: int) -> int:
    """The offset in ``text`` of ``words[index]`` (counting earlier occurrences of the same word)."""
    before = sum(1 for w in words[:index] if w == words[index])
    matches = list(re.finditer(rf"(?<![^\W\d_]){re.escape(words[index])}(?![^\W\d_])", text))
    return matches[before].start()


def _initials(long_form: str) -> str:
    """The initials of ``long_form``'s words, connectors aside ("Objetivo de Desarrollo Sostenible": ODS)."""
    return "".join(strip_accents(w[0]).upper() for w in re.findall(r"[^\W\d_]+", long_form)
                   if w.lower() not in _CONNECTORS)


def _initials_spell(long_form: str, short: str) -> bool:
    """True when the initials of ``long_form``'s words (connectors aside) are ``short``'s letters."""
    return _initials(long_form) == strip_accents(short).upper()


@per_snapshot
def spelled_out(snap: Snapshot) -> dict[int, frozenset[str]]:
    """By sentence index, the stems of the long forms of the acronyms the sentence uses.

    "La BNP recibió asistencia técnica del CERLALC" speaks of the "Biblioteca Nacional": a question
    that names it in words finds the sentence as if it were written out.
    """
    from assistant.text import content_stems

    found = acronyms(snap)
    if not found:
        return {}
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(map(re.escape, found), key=len, reverse=True)) + r")(?![\w])")
    stems = {short: frozenset(content_stems(a.long_form)) for short, a in found.items()}
    out: dict[int, frozenset[str]] = {}
    for i, rec in enumerate(snap.sentences):
        used = set(pattern.findall(rec.text))
        if used:
            out[i] = frozenset().union(*(stems[u] for u in used)) - rec.stems
    return {i: s for i, s in out.items() if s}


@per_snapshot
def long_forms_by_stem(snap: Snapshot) -> dict[str, frozenset[str]]:
    """The stems of each spelled-out acronym's long form, by the acronym's own stem ("css" →
    {"cooper", "sur"}): a sentence that writes the long form names what the acronym names."""
    from assistant.text import content_stems

    out: dict[str, frozenset[str]] = {}
    for short, found in acronyms(snap).items():
        own, long_form = content_stems(short), frozenset(content_stems(found.long_form))
        if len(own) == 1 and len(long_form) > 1:
            out[own[0]] = long_form
    return out


@per_snapshot
def body_policies(snap: Snapshot) -> dict[str, tuple[str, frozenset[str]]]:
    """Each spelled-out acronym: (the first two words of its long form, folded, and the policies
    whose documents write it). "BNP" → ("biblioteca nacional", {"PNBP"})."""
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for short, acr in acronyms(snap).items():
        # The first two words that are no connectors: "Organización de los Estados Americanos" →
        # "organizacion estados"; a name of too common words ("Política Nacional…") names no body.
        words = [w for w in re.findall(r"[a-zñ0-9]+", strip_accents(acr.long_form)) if w not in STOP]
        # Words common to every policy's documents ("cooperación técnica internacional") name none.
        if len(words) < 2 or {words[0], words[1]} <= GENERIC | {"objetivo", "desarrollo"} or short.lower() in GENERIC:
            continue
        pattern = re.compile(rf"(?<![\w.]){re.escape(short)}(?![\w])")
        docs = {rec.doc_id for rec in snap.sentences if pattern.search(rec.text) or acr.long_form in rec.text}
        policies = frozenset(snap.documents[d]["policy"] for d in docs if d in snap.documents)
        out[short] = (" ".join(words[:2]), policies)
    return out
