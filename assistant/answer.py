"""The answer the assistant returns, with its citations and the figures it states."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Citation:
    """A quoted source span: document, page, section and the exact sentence."""

    document: str
    page: int
    section: str
    quote: str
    doc_id: str = ""


@dataclass
class Figure:
    """A number stated in the answer and how it was checked.

    ``source`` is "almacén" (side store), "cita" (a quoted source span) or "calculado"
    (computed from stated figures; ``formula`` says how).
    """

    value: float
    unit: str | None = None
    indicator: str | None = None
    period: int | None = None
    verified: bool = False
    source: str = "almacén"
    formula: str | None = None


@dataclass
class Answer:
    """A Spanish answer, or a refusal, with citations and figures."""

    text: str
    refused: bool = False
    citations: list[Citation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    route: str = ""
    notes: list[str] = field(default_factory=list)
    latency_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the shape of POST /api/ask)."""
        return asdict(self)
