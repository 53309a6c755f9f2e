"""Plain data passed between the ingest steps."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LoadedDocument:
    """A file read into pages of raw text, before normalisation."""

    doc_id: str
    source_path: str
    kind: str  # "pdf" | "txt" | "md" | "html"
    pages: list[str]
    hidden_chars_dropped: int = 0


@dataclass
class Paragraph:
    """A normalised paragraph; ``breaks`` maps offsets to the page that starts there."""

    text: str
    page: int
    breaks: list[tuple[int, int]] = field(default_factory=list)
    footnote: bool = False

    def page_at(self, offset: int) -> int:
        """Page on which the character at ``offset`` stands."""
        page = self.page
        for start, number in self.breaks:
            if offset >= start:
                page = number
        return page

    @property
    def end_page(self) -> int:
        """Page of the paragraph's last character."""
        return self.breaks[-1][1] if self.breaks else self.page


@dataclass
class Sentence:
    """One sentence with its place in the document."""

    text: str
    page: int
    end_page: int
    section: str
    objective: str | None
    paragraph: int
    start: int  # offset in the document's normalised text
    para_offset: int  # offset inside its paragraph
    para: Paragraph

    def page_at(self, offset: int) -> int:
        """Page of the character at ``offset`` inside this sentence."""
        return self.para.page_at(self.para_offset + offset)


@dataclass
class Document:
    """A normalised document: metadata, paragraphs and sentences."""

    doc_id: str
    source_path: str
    kind: str
    title: str
    period: int | None
    doc_type: str
    page_count: int
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    text: str
    hidden_chars_dropped: int = 0
    policy: str = ""  # the policy's acronym, e.g. "PNCTI"
    policy_name: str = ""  # "Política Nacional de Cooperación Técnica Internacional al 2030"
    decree: str = ""  # "Decreto Supremo N° 008-2023-RE"
