"""Who signed each document, read from the lines that close it.

A report ends with its signature, in one of two shapes: a block of short lines (an optional
"Lima, 28 de marzo de 2024", the person's name, then one line per part of the position), or
one line that says so ("Firma: Lucía Paredes Soto, Directora de …"). The lines are the stored
sentences, so an answer quotes them as they are. What tells a name from a position is the
position's words (``signature_roles`` in ``slots.yaml``), not the wording of any one report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.entities import fold, lexicon, tokens
from assistant.knowledge import SentenceRec, Snapshot, per_snapshot

# How many closing sentences of a document may hold its signature.
TAIL = 8
_PLACE_DATE = re.compile(r"^[A-ZÁÉÍÓÚÑ][\w .]*,\s+\d{1,2}\s+de\s+[a-záéíóú]+\s+(?:de|del)\s+\d{4}\.?$")
_CONNECTORS = {"de", "del", "la", "las", "los", "y"}


@dataclass(frozen=True)
class Signature:
    """A document's signatory as the document prints it."""

    doc_id: str
    name: str
    role: str
    place_date: str | None
    page: int
    quotes: tuple[str, ...]  # the sentences read, in document order


@per_snapshot
def signatures(snap: Snapshot) -> dict[str, Signature]:
    """Each document's signature, by document id (documents without one are absent)."""
    by_doc: dict[str, list[SentenceRec]] = {}
    for rec in snap.sentences:
        by_doc.setdefault(rec.doc_id, []).append(rec)
    found = {}
    for doc_id, recs in by_doc.items():
        signature = read_signature(doc_id, sorted(recs, key=lambda r: r.seq)[-TAIL:])
        if signature is not None:
            found[doc_id] = signature
    return found


def read_signature(doc_id: str, tail: list[SentenceRec]) -> Signature | None:
    """The signature among a document's closing sentences ``tail``, or None."""
    slots = lexicon().slots
    marker = re.compile(r"^(?:" + "|".join(re.escape(m) for m in slots["signature_markers"]) + r")\s*:\s*",
                        re.IGNORECASE)
    for rec in reversed(tail):
        m = marker.match(rec.text)
        if m:
            name, _, role = rec.text[m.end():].partition(",")
            if _is_name(name.strip()):
                return Signature(doc_id, name.strip(), role.strip().rstrip("."), None, rec.page, (rec.text,))
    block: list[SentenceRec] = []
    for rec in reversed(tail):
        text = rec.text.strip()
        if text.endswith(".") and not _PLACE_DATE.match(text) or "|" in text or len(text.split()) > 12:
            break
        block.insert(0, rec)
    for i, rec in enumerate(block):
        if _is_name(rec.text.strip()):
            roles = _joined([r.text.strip() for r in block[i + 1:]])
            before = [r for r in block[:i] if _PLACE_DATE.match(r.text.strip())]
            place_date = before[-1].text.strip().rstrip(".") if before else None
            used = before[-1:] + block[i:]
            return Signature(doc_id, rec.text.strip(), roles, place_date, rec.page, tuple(r.text for r in used))
    return None


def _is_name(text: str) -> bool:
    """Two to six capitalised words (connectors aside), none of them a position's word."""
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text) or text.isupper():
        return False
    capitals = [w for w in words if w.lower() not in _CONNECTORS]
    if len(capitals) < 2 or not all(w[0].isupper() and w[1:].islower() for w in capitals if w.isalpha()):
        return False
    return not set(tokens(fold(text))) & _role_words()


def _role_words() -> set[str]:
    return {fold(w) for w in lexicon().slots["signature_roles"]}


def _joined(lines: list[str]) -> str:
    """Position lines as one phrase; a line that starts in lower case continues the one before."""
    parts: list[str] = []
    for line in lines:
        if parts and line[:1].islower():
            parts[-1] = f"{parts[-1]} {line}"
        else:
            parts.append(line)
    return ", ".join(parts)
