"""Benchmark questions with gold answers, generated from the ground truth of the synthetic corpus.

The corpus (:mod:`synthcorpus.corpus`) records every figure it prints with its role (value,
progress, target, baseline, no data, part of a total), the phrasing style and the number
format. Each question asks for one such figure, naming the policy by its acronym, the
indicator by its code and the year, and carries the ``role``, ``style`` and ``fmt`` of the
figures that answer it, so accuracy can be reported per wording style. When the same fact is
printed several times (a baseline in the decree's matrix and in a report's table), the style
is the sorted styles joined by "+". A candidate whose gold differs between the documents it
could refer to is dropped, so a wrong answer is always the system's fault. Other policies'
figures for the same code and year are ``rivals``: a correct answer states the gold first.

Items use the shape of ``eval/dev_qa.jsonl`` (``q``, ``must``, ``must_any``, ``min_any``,
``refuse``, ``kind``); a ``must`` entry that is a list is met by any of its alternatives
("3450", "3.450", "3 450"). Extra fields: ``must_not``, ``rivals``, ``latency`` ("structured"
or "free"), ``scope`` ("policy", "corpus" or "seed"), ``role``, ``style``, ``origin``, ``fmt``
and ``fact`` (policy, code, and period or year of the figure asked for).
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.evaluation import contains, normalise
from assistant.verify import figures_outside_quotes
from ingest.numbers import find_numbers, format_number
from synthcorpus.corpus import Document, make_corpus, write_ground_truth
from synthcorpus.phrasings import CATALOGUE
from synthcorpus.spanish import spanish_number, thousands

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
SEED_REPORT = ROOT / "corpus" / "reporte_cumplimiento_pncti_2023.txt"
SEED_QUESTIONS = ROOT / "eval" / "dev_qa.jsonl"

#: At most this many questions per (role, wording style); refusals are all kept.
PER_STYLE = 8
STRUCTURED_KINDS = {"figure", "progress", "target", "baseline", "nodata", "part", "followup"}
#: Words that say a value is missing; a "no data" answer must use one of them.
#: Not the bare markers ("s.i.", "ND"): a table row quoted as is does not say it in words.
NO_DATA_WORDS = ["no se cuenta con datos", "no disponible", "sin información", "sin datos",
                 "no hay datos", "no tiene datos", "no hay información", "no se dispone",
                 "no se reporta", "no registra", "no pudo medirse", "no cuenta con información"]

_UNRELATED = [
    "¿Cuál es la tasa de desempleo en Lima?",
    "¿Cuál es el precio del cobre en la Bolsa de Metales de Londres?",
    "¿Qué temperatura máxima se pronostica para el Cusco mañana?",
    "¿Cuántos habitantes tiene la ciudad de Arequipa?",
]


@dataclass
class CorpusDoc:
    """One document of a benchmark corpus: its file, and (for synthetic ones) its layout."""

    path: Path
    text: str
    pages: int
    document: Document | None = None


# ---------------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------------


def build_corpus(out_dir: Path, n: int, rng_seed: int = 0,
                 ground_truth: Path | None = None) -> list[CorpusDoc]:
    """Render ``n`` synthetic PDFs into ``out_dir``; write their ground truth to ``ground_truth``."""
    docs = make_corpus(out_dir, n, rng_seed=rng_seed)
    if ground_truth is not None:
        write_ground_truth(docs, ground_truth)
    return [CorpusDoc(out_dir / d.name, d.text, len(d.pages), d) for d in docs]


def seed_corpus(out_dir: Path) -> list[CorpusDoc]:
    """The seed report copied into ``out_dir`` (N = 1)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / SEED_REPORT.name
    target.write_bytes(SEED_REPORT.read_bytes())
    text = target.read_text(encoding="utf-8")
    pages = [p for p in text.split("\f") if p.strip()]
    return [CorpusDoc(target, text, len(pages))]


def seed_questions(path: Path = SEED_QUESTIONS) -> list[dict[str, Any]]:
    """The seed's hand-written dev set, tagged with a latency class."""
    items = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    for item in items:
        item["latency"] = "structured" if item.get("kind") in STRUCTURED_KINDS else "free"
        item.setdefault("scope", "seed")
    return items


# ---------------------------------------------------------------------------------------------
# Judging
# ---------------------------------------------------------------------------------------------


def _first_position(answer_norm: str, fact: str) -> int | None:
    """Where ``fact`` first occurs in an already normalised answer (as :func:`contains` matches)."""
    f = normalise(fact)
    if re.fullmatch(r"\d+(?:\.\d+)?", f):  # a bare number stands alone, as contains() matches it
        m = re.search(rf"(?<![\d.]){re.escape(f)}(?!\d|[.,]\d)", answer_norm)
        return m.start() if m else None
    at = answer_norm.find(f)
    return at if at >= 0 else None


def _has(answer_text: str, entry: str | list[str]) -> bool:
    """Whether the answer states ``entry`` (or, for a list, any of its alternatives)."""
    if isinstance(entry, list):
        return any(contains(answer_text, alt) for alt in entry)
    return contains(answer_text, entry)


def judge_item(item: dict[str, Any], answer_text: str, refused: bool) -> bool:
    """:func:`assistant.evaluation.judge`, with alternatives, plus two checks for many reports.

    A ``must``/``must_any`` entry that is a list is met by any of its alternatives.
    ``must_not``: none of these may appear (figures or names of other documents).
    ``rivals``: the gold figure comes before any of these (other policies' figures for the code).
    """
    if item.get("refuse"):
        return refused
    if refused:
        return False
    if not all(_has(answer_text, f) for f in item.get("must", [])):
        return False
    hits = sum(_has(answer_text, f) for f in item.get("must_any", []))
    if "must_any" in item and hits < item.get("min_any", 1):
        return False
    if any(_has(answer_text, f) for f in item.get("must_not", [])):
        return False
    rivals = item.get("rivals") or []
    if not rivals:
        return True
    norm = normalise(answer_text)

    def alternatives(entries: list[str | list[str]]) -> list[str]:
        return [alt for e in entries for alt in (e if isinstance(e, list) else [e])]

    gold_at = min(p for p in (_first_position(norm, f) for f in alternatives(item["must"]))
                  if p is not None)
    return all(p is None or p > gold_at
               for p in (_first_position(norm, r) for r in alternatives(rivals)))


def corpus_numbers(docs: Iterable[CorpusDoc]) -> set[float]:
    """Every figure printed in the corpus (rounded to 6 decimals).

    Numbers found in the text, plus every figure the synthetic ground truth records (a figure
    printed as "3 450" or in words is printed, whatever a number finder makes of it).
    """
    out = set()
    for d in docs:
        out |= {round(n.value, 6) for n in find_numbers(d.text)}
        if d.document is not None:
            for f in d.document.figures:
                out |= {round(v, 6) for v in (f.value, f.total, f.year) if v is not None}
    return out


def unsupported_numbers(
    answer_text: str, numbers: set[float], computed: Iterable[float] = (), question: str = ""
) -> list[str]:
    """Numbers an answer states outside «quotes» that neither the corpus nor the question print.

    Page references and codes are ignored; ``computed`` holds figures the answer labels as
    calculated (derived from printed figures, not invented). A number echoed from the question
    ("los documentos no cubren el año 2019") is the user's, not a claim.
    """
    allowed = {round(c, 6) for c in computed} | {round(n.value, 6) for n in find_numbers(question)}
    return [
        raw
        for value, raw in figures_outside_quotes(answer_text)
        if round(value, 6) not in numbers and round(value, 6) not in allowed
    ]


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------

_ORIGIN = {(role, p.style): p.origin for role, ps in CATALOGUE.items() for p in ps}


def gold_alternatives(value: float, raws: Iterable[str] = ()) -> str | list[str]:
    """The ways an answer may state ``value``: "41.2"; ["51", "51.0"]; ["3450", "3.450", "3 450"];
    words ("sesenta y dos", and the words the document printed)."""
    main = format_number(value)
    alts = [main]
    if value == int(value):
        n = int(value)
        alts.append(f"{n}.0")  # "51,0 %" as a table prints it
        if n >= 1000:
            alts += [thousands(n, "."), thousands(n, " ")]
        if 2 <= n <= 999:
            alts.append(spanish_number(n))
    alts += [r for r in raws if r and not any(ch.isdigit() for ch in r)]  # printed in words
    alts = list(dict.fromkeys(alts))
    return alts if len(alts) > 1 else main


def _label(figs: list[dict[str, Any]], field: str) -> str:
    return "+".join(sorted({f[field] for f in figs}))


def _origin(role: str, styles: str) -> str:
    return "+".join(sorted({_ORIGIN.get((role, s), "?") for s in styles.split("+")}))


def _key(f: dict[str, Any]) -> tuple[Any, ...]:
    """What makes a figure the same fact in any document."""
    if f["role"] == "baseline":
        return (f["role"], f["policy"], f["code"])
    if f["role"] == "target":
        return (f["role"], f["policy"], f["code"], f["year"])
    return (f["role"], f["policy"], f["code"], f["period"])


def _item(role: str, figs: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    style, f = _label(figs, "style"), figs[0]
    fact = {"policy": f["policy"], "code": f["code"]}
    if role == "target":
        fact["year"] = f["year"]
    elif role != "baseline":
        fact["period"] = f["period"]
    return {"role": role, "style": style, "origin": _origin(role, style),
            "fmt": _label(figs, "fmt"), "scope": "policy", "fact": fact, **fields}


def _candidates(figures: list[dict[str, Any]], dropped: dict[str, int]
                ) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Question candidates grouped by (role, style label)."""
    facts: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for f in figures:
        facts[_key(f)].append(f)
    # Other policies' figures for the same code and year: an answer must not lead with them.
    others: dict[tuple[Any, ...], dict[str, float]] = defaultdict(dict)
    for f in figures:
        if f["value"] is not None and f["role"] in ("value", "progress"):
            others[(f["role"], f["code"], f["period"])][f["policy"]] = f["value"]
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for key, figs in sorted(facts.items(), key=lambda kv: str(kv[0])):
        role, f = key[0], figs[0]
        values = {x["value"] for x in figs}
        if len(values) > 1:
            dropped[role] += 1
            continue
        acr, code = f["policy"], f["code"]
        raws = [x["raw"] for x in figs]
        if role == "value":
            rivals = sorted({v for p, v in others[("value", code, f["period"])].items()
                             if p != acr and v != f["value"]})
            item = _item(role, figs, kind="figure", must=[gold_alternatives(f["value"], raws)],
                         rivals=[gold_alternatives(v) for v in rivals],
                         q=f"¿Qué valor alcanzó el indicador {code} de la {acr} en {f['period']}?")
        elif role == "progress":
            rivals = sorted({v for p, v in others[("progress", code, f["period"])].items()
                             if p != acr and v != f["value"]})
            item = _item(role, figs, kind="progress", must=[gold_alternatives(f["value"])],
                         rivals=[gold_alternatives(v) for v in rivals],
                         q=f"¿Cuál fue el avance del indicador {code} de la {acr} respecto del "
                           f"logro esperado en {f['period']}?")
        elif role == "target":
            item = _item(role, figs, kind="target", must=[gold_alternatives(f["value"], raws)],
                         q=f"¿Cuál era el logro esperado del indicador {code} de la {acr} para "
                           f"{f['year']}?")
        elif role == "baseline":
            item = _item(role, figs, kind="baseline", must=[gold_alternatives(f["value"], raws)],
                         q=f"¿Cuál es la línea de base del indicador {code} de la {acr}?")
        elif role == "part":
            many = "Cuántas" if f["noun"].startswith("las ") else "Cuántos"
            noun = f["noun"].split(" ", 1)[1]
            item = _item(role, figs, kind="part", must=[gold_alternatives(f["value"], raws)],
                         q=f"¿{many} {noun} {f['pred']} en {f['period']} según el reporte de la "
                           f"{acr}?")
        else:  # nodata: the value question, and why
            out[(role, _label(figs, "style"))].append(_item(
                role, figs, kind="nodata", must_any=NO_DATA_WORDS, min_any=1,
                q=f"¿Qué valor alcanzó el indicador {code} de la {acr} en {f['period']}?"))
            item = _item(role, figs, kind="explain", must=[f["reason_key"]], latency="free",
                         q=f"¿Por qué no hay datos del indicador {code} de la {acr} en "
                           f"{f['period']}?")
        out[(role, item["style"])].append(item)
    return out


def _refusals(figures: list[dict[str, Any]], rng: random.Random, text: str) -> list[dict[str, Any]]:
    items = [{"q": q, "refuse": True, "kind": "refuse", "scope": "corpus"} for q in _UNRELATED]
    policies = sorted({f["policy"] for f in figures})
    codes = sorted({f["code"] for f in figures})
    if policies and codes:
        acr = rng.choice(policies)
        if "2015" not in text:
            items.append({"q": f"¿Qué valor alcanzó el indicador {rng.choice(codes)} de la {acr} en "
                               "2015?", "refuse": True, "kind": "refuse", "scope": "corpus"})
        if "IOP.12.04" not in text:
            items.append({"q": f"¿Qué valor alcanzó el indicador IOP.12.04 de la {acr} en 2025?",
                          "refuse": True, "kind": "refuse", "scope": "corpus"})
    return items


def generate_questions(
    docs: list[CorpusDoc], rng_seed: int = 0, per_style: int = PER_STYLE
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Questions with unique gold answers over the synthetic ``docs``, and generation stats.

    At most ``per_style`` questions per (role, wording style), drawn at random; the stats give
    the number of candidates per style and how many facts were dropped as ambiguous.
    """
    rng = random.Random(rng_seed)
    figures = [f.as_dict() for d in docs if d.document is not None for f in d.document.figures]
    dropped: dict[str, int] = defaultdict(int)
    pools = _candidates(figures, dropped)
    items: list[dict[str, Any]] = []
    stats: dict[str, Any] = {"candidates": {}, "dropped_ambiguous": dict(dropped)}
    for (role, style), pool in sorted(pools.items()):
        stats["candidates"][f"{role}:{style}"] = len(pool)
        pool = list(pool)
        rng.shuffle(pool)
        items.extend(pool[:per_style])
    items.extend(_refusals(figures, rng, "\n".join(d.text for d in docs)))
    for n, item in enumerate(items, start=1):
        item["id"] = f"g{n:03d}"
        item.setdefault("latency", "structured" if item["kind"] in STRUCTURED_KINDS else "free")
    return items, stats
