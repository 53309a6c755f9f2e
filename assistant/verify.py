"""Every number in an answer must come from the side store or a quoted source span."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbers import find_numbers, same_number

_QUOTE_RE = re.compile(r"«([^»]*)»")
_PAGE_REF_RE = re.compile(r"\b(?:págs?\.|páginas?|p\.)\s*\d+(?:\s*[-–y,]\s*\d+)*", re.IGNORECASE)
CODE_LIKE_RE = re.compile(r"\b(?:I?OP|I?SS|IS|S)\.\d{2}(?:\.\d{2})*(?:-\d)?\b")


@dataclass
class Verification:
    """Outcome of checking an answer's numbers and quotes."""

    unsupported: list[str]
    bad_quotes: list[str]

    @property
    def ok(self) -> bool:
        return not self.unsupported and not self.bad_quotes


def figures_outside_quotes(text: str) -> list[tuple[float, str]]:
    """Numbers an answer states in its own words (quotes, page references and codes removed)."""
    bare = _QUOTE_RE.sub(" ", text)
    bare = _PAGE_REF_RE.sub(" ", bare)
    bare = CODE_LIKE_RE.sub(" ", bare)
    return [(n.value, n.raw) for n in find_numbers(bare)]


class QuoteIndex:
    """Answers "is this a verbatim span of the corpus?" quickly, for a fixed set of source texts."""

    def __init__(self, texts: list[str]) -> None:
        self.exact = set(texts)
        # One string for substring look-ups; "\x00" never occurs in a quote, so spans never cross texts.
        self.joined = "\x00".join(texts)

    def __contains__(self, span: str) -> bool:
        return span in self.exact or span in self.joined


def verify_answer(text: str, allowed: list[float], corpus: QuoteIndex | list[str]) -> Verification:
    """Check that quotes are verbatim corpus spans and every other number is allowed.

    ``allowed`` holds side-store figures and labelled computed figures; numbers inside a
    verified quote are allowed too.
    """
    bad_quotes = []
    quoted_numbers: list[float] = []
    for quote in _QUOTE_RE.findall(text):
        core = quote.strip().strip("…").strip()
        if isinstance(corpus, list):
            corpus = QuoteIndex(corpus)
        if core and core not in corpus:
            bad_quotes.append(quote)
        else:
            quoted_numbers.extend(n.value for n in find_numbers(quote))
    pool = list(allowed) + quoted_numbers
    unsupported = [raw for value, raw in figures_outside_quotes(text)
                   if not any(same_number(value, a) for a in pool)]
    return Verification(unsupported, bad_quotes)
