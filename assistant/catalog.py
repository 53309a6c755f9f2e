"""What the store knows, as plain lists: the vocabulary a question is linked against.

A :class:`Catalog` is built from a :class:`~assistant.knowledge.Snapshot` by
:func:`catalog_from_snapshot`, or directly from plain lists in tests::

    Catalog(indicators=[("PNCTI", "IOP.03.01", "porcentaje de proyectos ... en ALC")],
            policies=[("PNCTI", "Política Nacional de Cooperación Técnica Internacional")])
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.acronyms import acronyms as defined_acronyms
from ingest.countries import ALIASES, COUNTRIES

if TYPE_CHECKING:
    from assistant.knowledge import Snapshot


@dataclass(frozen=True)
class Item:
    """An indicator, service or objective of one policy: its code and its name."""

    policy: str
    code: str
    name: str
    objective: str | None = None  # the objective it belongs to ("OP.02"), when known
    service: str | None = None  # for an indicator, the service it measures


@dataclass(frozen=True)
class Policy:
    """A policy by acronym and full name."""

    acronym: str
    name: str


@dataclass(frozen=True)
class Country:
    """A country with its region and subregion (names as Spanish documents write them)."""

    name: str
    region: str
    subregion: str
    aliases: tuple[str, ...] = ()


def _items(rows: Iterable[Item | tuple[Any, ...]]) -> list[Item]:
    return [row if isinstance(row, Item) else Item(*row) for row in rows]


def default_countries() -> list[Country]:
    """Every country of :mod:`ingest.countries`, with its other and English names."""
    aliases: dict[str, list[str]] = {}
    for alias, name in ALIASES.items():
        aliases.setdefault(name, []).append(alias)
    return [Country(name, region, subregion, tuple(aliases.get(name, [])))
            for name, (region, subregion) in COUNTRIES.items()]


@dataclass
class Catalog:
    """The codes, names, policies and countries a question can refer to.

    Rows may be given as :class:`Item`/:class:`Policy`/:class:`Country` or as plain tuples
    in the same field order.
    """

    indicators: list[Item] = field(default_factory=list)
    services: list[Item] = field(default_factory=list)
    objectives: list[Item] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    countries: list[Country] = field(default_factory=default_countries)
    partners: list[str] = field(default_factory=list)  # countries the documents name as partners
    acronyms: set[str] = field(default_factory=set)  # acronyms the documents use (APCI, CSS, ODS…)
    years: list[int] = field(default_factory=list)  # periods the documents report
    # (policy, topic stems) of each section heading with a topic of its own ("Situación futura deseada")
    sections: list[tuple[str, frozenset[str]]] = field(default_factory=list)
    acronym_policies: dict[str, str] = field(default_factory=dict)  # a short form only one policy's documents use

    def __post_init__(self) -> None:
        self.indicators = _items(self.indicators)
        self.services = _items(self.services)
        self.objectives = _items(self.objectives)
        self.policies = [p if isinstance(p, Policy) else Policy(*p) for p in self.policies]
        self.countries = [c if isinstance(c, Country) else Country(*c) for c in self.countries]
        self.acronyms = {a.upper() for a in self.acronyms} | {p.acronym.upper() for p in self.policies}

    def items(self) -> list[tuple[str, Item]]:
        """("indicator" | "service" | "objective", item) for every coded item."""
        return ([("indicator", i) for i in self.indicators] + [("service", s) for s in self.services]
                + [("objective", o) for o in self.objectives])

    def codes(self) -> dict[str, list[tuple[str, Item]]]:
        """Upper-case code → the items (of every policy) that carry it."""
        out: dict[str, list[tuple[str, Item]]] = {}
        for kind, item in self.items():
            out.setdefault(item.code.upper(), []).append((kind, item))
        return out

    def policy_acronyms(self) -> list[str]:
        """Acronyms of the known policies."""
        return [p.acronym for p in self.policies]


_POLICY_NAME = re.compile(
    r"(Pol[ií]tica Nacional (?:de|del|para) [^().;:\n]{3,90}?)\s*(?:al\s+20\d\d\s*)?\(([A-ZÁÉÍÓÚÑ]{3,12})\)",
    re.IGNORECASE)
_ACRONYM = re.compile(r"\b([A-ZÁÉÍÓÚÑ]{2,8})\b")


def policy_names(texts: Iterable[str], acronyms: Iterable[str]) -> dict[str, str]:
    """Acronym → full name, from sentences such as "Política Nacional de X al 2030 (PNX)"."""
    wanted = {a.upper() for a in acronyms}
    names: dict[str, str] = {}
    shouted: dict[str, str] = {}  # a heading in capitals, used when no sentence writes the name
    for text in texts:
        for m in _POLICY_NAME.finditer(text):
            acronym = m.group(2).upper()
            name = re.sub(r"\s+", " ", m.group(1)).strip()
            if acronym not in wanted or acronym in names:
                continue
            if name.isupper():
                shouted.setdefault(acronym, name.capitalize())
            else:
                names[acronym] = name
    return {**shouted, **names}


# The shortest defined short form that names its policy: two letters are often a word ("si", "ap").
MIN_NAMING_ACRONYM = 3


def catalog_from_snapshot(snap: Snapshot) -> Catalog:
    """The catalog of what ``snap`` holds (never modifies it)."""
    def code_of(key: str, row: dict[str, Any]) -> str:
        return row.get("code") or key.split("::", 1)[1]

    indicators = [Item(row["policy"], code_of(k, row), row["name"], row.get("objective"), row.get("service"))
                  for k, row in sorted(snap.indicators.items())]
    services = [Item(row["policy"], row["code"], row["name"], row.get("objective"))
                for _, row in sorted(snap.services.items())]
    objectives = [Item(row["policy"], row["code"], row["title"], row["code"])
                  for _, row in sorted(snap.objectives.items())]
    acronyms = [p for p in snap.policies if p]
    texts = [s.text for s in snap.sentences] + [d["title"] for d in snap.documents.values()]
    names = policy_names(texts, acronyms)
    used: set[str] = set()
    users: dict[str, set[str]] = {}
    for s in snap.sentences:
        found = _ACRONYM.findall(s.text)
        used.update(found)
        for a in found:
            users.setdefault(a.upper(), set()).add(s.policy)
    # "¿quién firma el reporte de la bnp?": a short form the documents define (not a word in capitals,
    # nor a two-letter one a question may write as a word: "si", "ap") that only one policy's
    # documents use names it.
    sole = {a: next(iter(users[a])) for a in defined_acronyms(snap) if len(a) >= MIN_NAMING_ACRONYM and a not in snap.policies
            and len(users.get(a, ())) == 1 and next(iter(users[a]))}
    partners = sorted({p["country"] for p in snap.partners})
    years = sorted({d["period"] for d in snap.documents.values() if d.get("period")})
    from assistant.answers.section import headings  # the index lives with the answer it serves

    sections = [(policy, topic) for _, topic, policy in headings(snap)]
    return Catalog(indicators, services, objectives, [Policy(a, names.get(a, a)) for a in acronyms],
                   partners=partners, acronyms=used, years=years, sections=sections, acronym_policies=sole)


def names_heading(topic: frozenset[str], asked: set[str], loose: bool = False) -> bool:
    """True when the question's stems ``asked`` hold every topic word of a heading, or a word of its
    family ("desea" for "deseada"); with ``loose`` (the question names a section as such: "resume
    la sección de cooperación"), one of them. (Naming a long heading
    with one word left out, without such a word, was measured: it cost a frozen item and four
    tuning ones.)"""
    # "se desea" names "deseada" (stems "dese" and "des"): a word of one family counts, one stem
    # beginning the other.
    held = [t in asked or any(min(len(t), len(a)) >= 3 and (a.startswith(t) or t.startswith(a)) for a in asked)
            for t in topic]
    return all(held) or (loose and any(held))
