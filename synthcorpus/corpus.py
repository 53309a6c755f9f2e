"""The benchmark corpus: which documents, in which layout, and their ground truth.

Document ``i`` of a corpus is fixed by ``(i, rng_seed)``: three reports in a row (layouts
``semilla``, ``narrativa``, ``tabla`` in rotation), then the decree of the oldest reported policy
still without one. Report ``k`` is about policy ``k mod P`` (P = 41 policies) for a year that
differs between that policy's reports, so up to 410 reports never repeat a (policy, year) pair.
A small corpus therefore holds every layout and every phrasing; ``make_corpus(n=8)`` has six
reports of six policies and two decrees.

The ground truth (:class:`~synthcorpus.figures.Figure` records) is one JSONL line per printed
figure, with its role, phrasing style, number format, exact printed text and page.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from synthcorpus import layouts
from synthcorpus.figures import Figure
from synthcorpus.plan import FIRST_YEAR, Plan, make_plan, results
from synthcorpus.render import render_pdf, render_text
from synthcorpus.themes import THEMES
from synthcorpus.writer import Writer

LAYOUTS = ("semilla", "narrativa", "tabla")


@dataclass
class Spec:
    """What document ``index`` of a corpus is."""

    index: int
    kind: str  # "reporte" | "politica"
    theme: int  # index into THEMES
    period: int | None
    layout: str

    @property
    def file_name(self) -> str:
        acronym = THEMES[self.theme].acronym.lower()
        if self.kind == "politica":
            return f"politica_{acronym}_{self.index:04d}.pdf"
        return f"reporte_{acronym}_{self.period}_{self.index:04d}.pdf"


@dataclass
class Document:
    """A generated document: its pages of paragraphs and the figures printed on them."""

    spec: Spec
    plan: Plan
    pages: list[list[str]]
    figures: list[Figure]

    @property
    def name(self) -> str:
        return self.spec.file_name

    @property
    def text(self) -> str:
        return "\n\n".join("\n".join(page) for page in self.pages)


def _order(rng_seed: int) -> list[int]:
    order = list(range(len(THEMES)))
    random.Random(f"order|{rng_seed}").shuffle(order)
    return order


def corpus_specs(n: int, rng_seed: int = 0) -> list[Spec]:
    """The first ``n`` documents of the corpus of seed ``rng_seed``."""
    order = _order(rng_seed)
    specs: list[Spec] = []
    reported: list[int] = []
    decreed: set[int] = set()
    k = 0
    for i in range(n):
        pending = [t for t in reported if t not in decreed]
        if i % 4 == 3 and pending:
            decreed.add(pending[0])
            specs.append(Spec(i, "politica", pending[0], None, "decreto"))
            continue
        theme = order[k % len(order)]
        rnd = k // len(order)
        period = FIRST_YEAR + (order.index(theme) * 3 + rnd) % 10
        specs.append(Spec(i, "reporte", theme, period, LAYOUTS[(k + rnd) % len(LAYOUTS)]))
        if theme not in reported:
            reported.append(theme)
        k += 1
    return specs


def build_document(spec: Spec, rng_seed: int = 0) -> Document:
    """Lay out one document (no file is written)."""
    plan = make_plan(THEMES[spec.theme], rng_seed)
    rng = random.Random(f"doc|{rng_seed}|{spec.index}")
    w = Writer(spec.file_name, spec.kind, spec.layout, plan, spec.period, rng)
    if spec.kind == "politica":
        layouts.decree(w)
    else:
        assert spec.period is not None
        res = results(plan, spec.period)
        {"semilla": layouts.seed_report, "narrativa": layouts.narrative_report,
         "tabla": layouts.table_report}[spec.layout](w, res)
        w.pad(rng.randint(5, 8))
    pages = w.paginate()
    return Document(spec, plan, pages, w.figures)


def build_corpus(n: int, rng_seed: int = 0) -> list[Document]:
    """The first ``n`` documents, laid out (no file is written)."""
    return [build_document(s, rng_seed) for s in corpus_specs(n, rng_seed)]


def make_corpus(out_dir: str | Path, n: int, rng_seed: int = 0, write_text: bool = False,
                ground_truth: str | Path | None = None) -> list[Document]:
    """Render ``n`` documents as PDFs into ``out_dir``; optionally write their ground truth.

    With ``write_text`` a ``.txt`` twin (pages separated by ``\\f``) is written next to each PDF.
    ``ground_truth`` is a JSONL path for :func:`write_ground_truth`; keep it outside ``out_dir``
    so that ingesting the folder does not read it.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs = build_corpus(n, rng_seed)
    for doc in docs:
        path = out / doc.name
        render_pdf(doc.pages, path)
        if write_text:
            render_text(doc.pages, path.with_suffix(".txt"))
    if ground_truth is not None:
        write_ground_truth(docs, ground_truth)
    return docs


def write_ground_truth(docs: list[Document], path: str | Path) -> None:
    """One JSON line per printed figure (:class:`~synthcorpus.figures.Figure` fields)."""
    with open(path, "w", encoding="utf-8") as fh:
        for doc in docs:
            fh.writelines(json.dumps(f.as_dict(), ensure_ascii=False) + "\n" for f in doc.figures)


def read_ground_truth(path: str | Path) -> list[dict]:
    """The figure records :func:`write_ground_truth` wrote."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line]
