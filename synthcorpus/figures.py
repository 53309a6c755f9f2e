"""How one document prints numbers, and the ground-truth record of every figure it prints."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

from synthcorpus.plan import Indicator
from synthcorpus.spanish import decimal, spanish_number, thousands, words_fit


@dataclass
class Figure:
    """One printed figure and its ground truth.

    ``role`` and ``style`` name the phrasing (:mod:`synthcorpus.phrasings`); ``fmt`` the number
    format ("decimal-coma", "miles-punto", "palabras", "soles-millones", "marcador"…). ``raw``
    is the figure exactly as printed; ``text`` the whole paragraph or table row it is printed
    in, on page ``page`` (1-based). ``value`` is None for a "no data" statement, whose ``raw``
    is its marker ("s.i.", "ND", "no se dispone de medición…"). ``year`` is the year of a
    target or of a baseline; ``total`` the whole a part is taken of. Table cells also give
    their ``header`` row and ``column`` heading.
    """

    doc: str
    policy: str
    policy_name: str
    doc_kind: str  # "reporte" | "politica"
    layout: str
    code: str
    name: str
    period: int | None
    role: str
    style: str
    origin: str
    fmt: str
    value: float | None
    raw: str
    text: str
    marker: str
    page: int = 0
    year: int | None = None
    unit: str = ""
    kind: str = ""
    direction: str = "ascendente"
    total: float | None = None
    reason: str | None = None
    reason_key: str | None = None
    reason_text: str | None = None  # the sentence giving the reason, when not ``text``
    header: str | None = None
    column: str | None = None
    noun: str = ""  # what the indicator counts, with its article ("las municipalidades …")
    pred: str = ""  # what holds for the counted part ("cuentan con instrumentos de …")

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Numbers:
    """A document's number conventions: decimal comma or point, "%" spacing, thousands."""

    comma: bool
    pct_space: bool
    sep: str  # thousands separator: "." (only with a decimal comma), " " or ""
    money_words: bool  # "12,4 millones de soles" instead of "S/ 12,4 millones"
    drop_zero: bool  # "105 %" instead of "105,0 %"
    words_rate: float  # how often a small count is written in words
    rng: random.Random

    @classmethod
    def draw(cls, rng: random.Random) -> Numbers:
        comma = rng.random() < 0.65
        sep = rng.choice([".", ".", " ", ""]) if comma else rng.choice([" ", ""])
        return cls(comma, rng.random() < 0.6, sep, rng.random() < 0.4, rng.random() < 0.5,
                   rng.choice([0.3, 0.5]), rng)

    @property
    def _dec(self) -> str:
        return "decimal-coma" if self.comma else "decimal-punto"

    def _pct(self, v: float, drop_zero: bool) -> tuple[str, str]:
        sign = " %" if self.pct_space else "%"
        if drop_zero and v == int(v):
            return f"{int(v)}{sign}", "entero"
        return decimal(v, 1, self.comma) + sign, self._dec

    def _int(self, n: int, words: bool) -> tuple[str, str]:
        if words and words_fit(n) and self.rng.random() < self.words_rate:
            return spanish_number(n), "palabras"
        if n < 1000:
            return str(n), "entero"
        label = {".": "miles-punto", " ": "miles-espacio", "": "miles-sin-separador"}[self.sep]
        return thousands(n, self.sep), label

    def figure(self, ind: Indicator, v: float, words: bool = False) -> tuple[str, str]:
        """A value, target or baseline in a sentence: (raw, fmt)."""
        if ind.kind == "pct":
            return self._pct(v, self.drop_zero)
        if ind.kind == "count":
            return self._int(int(v), words)
        if ind.kind == "money":
            amount = decimal(v, 1, self.comma)
            if self.money_words:
                return f"{amount} millones de soles", "millones-de-soles"
            return f"S/ {amount} millones", "soles-millones"
        return decimal(v, 1, self.comma), self._dec

    def cell(self, ind: Indicator, v: float) -> tuple[str, str]:
        """A value, target or baseline in a table cell (money in millions, no words)."""
        if ind.kind == "pct":
            return self._pct(v, False)
        if ind.kind == "count":
            return self._int(int(v), False)
        return decimal(v, 1, self.comma), self._dec

    def progress(self, x: float, sign: bool = True) -> tuple[str, str]:
        """A progress percentage ("98,1 %"); ``sign=False`` for an "Avance (%)" column."""
        raw, fmt = self._pct(x, self.drop_zero and sign)
        return (raw if sign else raw.rstrip("% ").rstrip()), fmt

    def count(self, n: int, words: bool = False) -> tuple[str, str]:
        """A plain count (a part or a total)."""
        return self._int(n, words)
