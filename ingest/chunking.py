"""Structure-aware chunks: a section's definitions stay with the values that follow them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.model import Document, Sentence

_DEFINITION_RE = re.compile(r"^-?\s*(?:I?OP|I?SS)\.\d{2}(?:\.\d{2})*\s*:")
# A line that only names a coded item ("S.02.03 Servicio de financiamiento…"): its figures follow.
_CODE_TITLE_RE = re.compile(r"^-?\s*(?:I?OP|I?S{1,2})\.\d{2}(?:\.\d{2})*\s+\D+$")
_SOFT_LIMIT = 700
_HARD_LIMIT = 1600


@dataclass
class ChunkSentence:
    """A sentence as stored, with its chunk."""

    seq: int
    chunk_id: str
    page: int
    end_page: int
    section: str
    objective: str | None
    text: str


@dataclass
class Chunk:
    """A retrieval unit with its provenance."""

    chunk_id: str
    doc_id: str
    seq: int
    page: int
    end_page: int
    section: str
    start: int
    end: int
    text: str
    sentences: list[ChunkSentence] = field(default_factory=list)


def _is_definition(s: Sentence) -> bool:
    return bool(_DEFINITION_RE.match(s.text))


def chunk_document(doc: Document) -> list[Chunk]:
    """Split a document into chunks that never separate an indicator's code from its value.

    A chunk ends at a section change, before a new run of indicator/service definitions, at a
    paragraph end past the soft limit, or (inside a long paragraph) past the hard limit —
    but never between a definition and the sentence after it.
    """
    groups: list[list[Sentence]] = []
    current: list[Sentence] = []
    size = 0
    for s in doc.sentences:
        if not current:
            current, size = [s], len(s.text)
            continue
        prev = current[-1]
        new_definition_run = _is_definition(s) and not _is_definition(prev)
        boundary = (
            s.section != prev.section
            or new_definition_run
            or (s.paragraph != prev.paragraph and size > _SOFT_LIMIT and not _CODE_TITLE_RE.match(prev.text))
            or (size > _HARD_LIMIT and not _is_definition(prev))
            or s.para.footnote != prev.para.footnote
        )
        if boundary:
            groups.append(current)
            current, size = [], 0
        current.append(s)
        size += len(s.text) + 1
    if current:
        groups.append(current)

    chunks: list[Chunk] = []
    seq = 0
    for n, group in enumerate(groups):
        chunk_id = f"{doc.doc_id}:{n:04d}"
        text = _join(group)
        chunk = Chunk(chunk_id, doc.doc_id, n, group[0].page, group[-1].end_page, group[0].section,
                      group[0].start, group[-1].start + len(group[-1].text), text)
        for s in group:
            chunk.sentences.append(ChunkSentence(seq, chunk_id, s.page, s.end_page, s.section, s.objective, s.text))
            seq += 1
        chunks.append(chunk)
    return chunks


def _join(group: list[Sentence]) -> str:
    parts: list[str] = []
    for i, s in enumerate(group):
        if i and s.paragraph != group[i - 1].paragraph:
            parts.append("\n")
        elif i:
            parts.append(" ")
        parts.append(s.text)
    return "".join(parts)
