"""Data model of :mod:`synthcorpus.seedlike`, and counts and figures as the seed writes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from synthcorpus.spanish import spanish_number

Status = Literal["reportado", "ND", "sin_meta"]


# ---------------------------------------------------------------------------------------------
# Data model
# ---------------------------------------------------------------------------------------------


@dataclass
class SynthIndicator:
    """One indicator and what the report states about it.

    ``unit`` is ``"%"``, a noun written right after the figure ("entidades") or None.
    ``status`` is "reportado" (value stated), "ND" (no data, ``reason`` says why) or "sin_meta"
    (a new indicator without an expected target; ``value`` may still be stated).
    The fields after ``reason`` only steer the wording.
    """

    code: str | None
    name: str
    value: float | None
    unit: str | None
    progress_pct: float | None
    status: Status
    reason: str | None
    kind: str = "plain"  # "plain" | "alc_share" | "other_share"
    phrase: str = ""  # words printed after the unit (or after "%") in the value sentence
    in_words: bool = False  # write the (small, integer) value in Spanish words
    variant: int = 0  # which sentence template to use
    notes: list[str] = field(default_factory=list)  # explanatory paragraphs after the value
    footnote: str | None = None  # footnote whose mark "¹" follows the indicator's name


@dataclass
class SynthService:
    """A service (SS.xx.xx.xx) of an objective and its indicators (none when it is new)."""

    code: str
    name: str
    indicators: list[SynthIndicator]
    notes: list[str] = field(default_factory=list)


@dataclass
class SynthObjective:
    """A priority objective (``code`` like "OP.01") with its indicators and services."""

    code: str
    title: str
    indicators: list[SynthIndicator]
    services: list[SynthService]
    grouped_nd: bool = False  # one plural "no data" statement covers all its indicators
    notes: list[str] = field(default_factory=list)  # section I paragraphs after the indicators
    service_notes: list[str] = field(default_factory=list)  # section II, after the services
    lineamientos: int = 3


@dataclass
class SynthPartner:
    """A country the Peru offered South-South cooperation to, with the topics of that work."""

    country: str
    topics: list[str]
    projects: int | None


@dataclass
class SynthReport:
    """A whole synthetic compliance report. Fields after ``decimal_comma`` steer the wording."""

    policy_name: str
    period: int
    objectives: list[SynthObjective]
    partners_alc: list[SynthPartner]
    partners_other: list[SynthPartner]
    total_projects: int
    alc_provider_projects: int
    other_provider_projects: int
    decimal_comma: bool
    acronym: str = "PNCTI"
    ministry: str = "Ministerio de Relaciones Exteriores (MRE)"
    problem: str = ""
    decree: str = "Decreto Supremo N° 008-2023-RE"
    approval: str = "18 de abril de 2023"
    activities: int = 38
    highlights: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)
    signatory: list[str] = field(default_factory=list)
    target_pages: int = 6


# ---------------------------------------------------------------------------------------------
# Counts and figures as the seed writes them
# ---------------------------------------------------------------------------------------------

_ORDINALS = ["primer", "segundo", "tercer", "cuarto", "quinto"]

def _count(n: int, words_up_to: int = 15) -> str:
    """A count as the seed writes it: words for small numbers, digits otherwise."""
    return spanish_number(n) if n <= words_up_to else str(n)


def _count_noun(n: int, noun: str) -> str:
    """"un servicio", "dos servicios", "16 servicios"."""
    return f"un {noun}" if n == 1 else f"{_count(n)} {noun}s"


def _fmt(value: float, comma: bool, decimals: int = 2) -> str:
    """A figure without thousands separators and without trailing zeros ("45.83", "4,17")."""
    text = f"{round(value, decimals):.{decimals}f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if comma else text


def _join(items: list[str]) -> str:
    """"a", "a y b", "a, b y c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " y " + items[-1]
