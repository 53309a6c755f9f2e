"""Answers that quote a passage rather than a sentence: a report's summary, or the items of a
bulleted list ("¿Qué alternativas propone el reporte?")."""

from __future__ import annotations

import re

from assistant.knowledge import Snapshot
from assistant.text import content_stems
from ingest.numbers import strip_accents

_SUMMARY_QUESTION = re.compile(
    r"\bresum\w*|de que trata|principales (?:logros|resultados|avances|conclusiones|hallazgos)|\bsummar\w*"
    r"|que (?:destaca|resalta) el (?:reporte|informe)|what is the report about"
)
_LIST_QUESTION = re.compile(
    r"^\W*(?:y\s+)?(?:(?:en|con|de|a|por|in|with)\s+)?(?:que|cuales|which|what)\s+(?:son\s+|are\s+)?(?:los\s+|las\s+|the\s+)?(?:principales\s+|main\s+)?"
    r"[a-z]+s\b"
)
_CODE_BULLET = re.compile(r"^[-○•]\s*\**(?:I?OP|I?SS)\.\d")
# How many sentences around the best one may belong to the same list.
LIST_WINDOW = 8
MAX_ITEMS = 4


# Words a summary request may carry besides the request itself.
_SUMMARY_WORDS = {"resum", "reporte", "report", "inform", "principal", "logr", "resultad", "avanc", "conclusion",
                  "hallazg", "trat", "destac", "resalt", "summar", "summary", "about", "polit", "pncti", "cumplimient",
                  "brev", "general", "document"}


def is_summary_question(text: str) -> bool:
    """True for "Resume el reporte", "¿De qué trata el reporte?", "¿Cuáles son los principales logros?".

    Not for a question about a topic that mentions the summary ("¿…foros… según el resumen?").
    """
    if _SUMMARY_QUESTION.search(strip_accents(text).lower()) is None:
        return False
    return all(any(s.startswith(w) for w in _SUMMARY_WORDS) for s in content_stems(text, drop_generic=True))


def is_list_question(text: str) -> bool:
    """True for "¿Qué alternativas…?", "¿Cuáles son las acciones…?": a plural noun asked for."""
    return _LIST_QUESTION.search(strip_accents(text).lower()) is not None


def _is_item(text: str) -> bool:
    return text.startswith("- ") and not _CODE_BULLET.match(text)


def list_items(snap: Snapshot, index: int) -> list[int]:
    """The bulleted items of the list that sentence ``index`` belongs to or introduces ("…lo siguiente:")."""
    rec = snap.sentences[index]
    if rec.text.rstrip().endswith(":"):
        lo, hi = index + 1, min(len(snap.sentences), index + 1 + LIST_WINDOW)
    elif _is_item(rec.text):
        lo, hi = max(0, index - LIST_WINDOW), min(len(snap.sentences), index + LIST_WINDOW + 1)
    else:
        return []
    return [i for i in range(lo, hi)
            if snap.sentences[i].doc_id == rec.doc_id and snap.sentences[i].section == rec.section
            and _is_item(snap.sentences[i].text)]


def summary_sentences(snap: Snapshot, doc_id: str) -> list[int]:
    """A report's summary: the first sentence after its "Resumen…" heading, then its highlighted items."""
    heading = next((i for i, s in enumerate(snap.sentences)
                    if s.doc_id == doc_id and strip_accents(s.text).lower().startswith("resumen del reporte")), None)
    if heading is None:
        return []
    section = snap.sentences[heading].section
    after = [i for i in range(heading + 1, min(len(snap.sentences), heading + 1 + 4 * LIST_WINDOW))
             if snap.sentences[i].doc_id == doc_id and snap.sentences[i].section == section]
    if not after:
        return []
    items = [i for i in after if _is_item(snap.sentences[i].text)][:MAX_ITEMS - 1]
    return [after[0], *items]


def display(text: str) -> str:
    """A list item as shown inside «…»: without its bullet dash (the rest is verbatim)."""
    return text.removeprefix("- ")
