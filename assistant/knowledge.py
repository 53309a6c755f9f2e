"""What the assistant reads: a snapshot of the live index generation, reloaded when it changes."""

from __future__ import annotations

import bisect
import contextlib
import logging
import math
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, wraps
from pathlib import Path
from typing import Any, TypeVar

from langchain_core.embeddings import Embeddings

from assistant.text import content_stems
from assistant.verify import QuoteIndex
from ingest import generations, sidestore
from ingest.lexical import LexicalIndex

log = logging.getLogger(__name__)


@dataclass
class SentenceRec:
    """A stored sentence with its stems."""

    doc_id: str
    seq: int
    chunk_id: str
    page: int
    end_page: int
    section: str
    objective: str | None
    text: str
    document: str
    period: int | None
    stems: frozenset[str]
    policy: str = ""

    @property
    def states_figure(self) -> bool:
        """True when the sentence states a number other than a year (``retrieval.states_a_figure``)."""
        return self._figure_flags[0]

    @property
    def states_count(self) -> bool:
        """True when it states a figure that is neither a year nor a percentage (``states_a_count``)."""
        return self._figure_flags[1]

    @cached_property
    def _figure_flags(self) -> tuple[bool, bool]:
        # Read on first use and kept: sentence selection asks for every candidate of every
        # question (two find_numbers each, ~5 ms of a retrieval answer at 500 pages), and reading
        # them for every sentence at load doubled the snapshot's load (0.5 s at 500 pages).
        from assistant.retrieval import figure_flags

        return figure_flags(self.text)


@dataclass
class Snapshot:
    """Everything loaded from one generation; never mutated after load."""

    path: Path
    documents: dict[str, dict[str, Any]]
    indicators: dict[str, dict[str, Any]]
    values: dict[str, list[dict[str, Any]]]
    objectives: dict[str, dict[str, Any]]
    services: dict[str, dict[str, Any]]
    partners: list[dict[str, Any]]
    checks: list[dict[str, Any]]
    sentences: list[SentenceRec]
    by_chunk: dict[str, list[int]]
    chunk_meta: dict[str, dict[str, Any]]
    lexical: LexicalIndex
    vectors: Any | None
    idf: dict[str, float]
    indicator_stems: dict[str, list[str]] = field(default_factory=dict)
    corpus_text_folded: str = ""
    objective_history: list[dict[str, Any]] = field(default_factory=list)  # every report's wording
    quotes: QuoteIndex = field(default_factory=lambda: QuoteIndex([]))  # what an answer may quote
    sections: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc_id, sentence) → section
    service_history: list[dict[str, Any]] = field(default_factory=list)  # services as each report lists them
    indicators_by_doc: dict[str, list[str]] = field(default_factory=dict)  # doc_id → indicators it defines or reports
    # key(policy, indicator) → expected achievements ("meta") and baselines ("linea_base") the documents state
    targets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # indicator key → stems of its service's name: words that point at it without being its name
    indicator_context: dict[str, list[str]] = field(default_factory=dict)
    # indicator key → figures in its scope the reader gave no role (page and sentence)
    unplaced: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    guidelines: list[dict[str, Any]] = field(default_factory=list)  # lineamientos, with their policy

    def doc_name(self, doc_id: str) -> str:
        """Short display name of a document ("Reporte de cumplimiento PNCTI 2023")."""
        return self.documents[doc_id]["short_name"] if doc_id in self.documents else doc_id

    @property
    def policies(self) -> list[str]:
        """Policies with ingested documents (acronyms)."""
        return sorted({d["policy"] for d in self.documents.values()})

    def find(self, table: dict[str, dict[str, Any]], code: str, policies: list[str] | None = None) -> list[str]:
        """Keys of ``table`` whose code (or id) is ``code``, within ``policies`` when given."""
        keys = self._by_code(table).get(code.upper(), [])
        return [k for k in keys if not policies or table[k].get("policy") in policies]

    def _by_code(self, table: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
        """``table``'s keys by upper-case code and id, built once per table: a scan of every
        indicator took 1.3 ms a call at 500 pages, several times a question."""
        index = self.__dict__.setdefault("_code_index", {})
        if id(table) not in index:
            by_code: dict[str, set[str]] = {}
            for k, row in table.items():
                for ident in {k.split("::", 1)[1].upper(), (row.get("code") or "").upper()} - {""}:
                    by_code.setdefault(ident, set()).add(k)
            index[id(table)] = {c: sorted(ks) for c, ks in by_code.items()}
        return index[id(table)]

    def weight(self, s: str) -> float:
        """IDF of a stem over sentences (unknown stems weigh the most)."""
        return self.idf.get(s, self.max_idf)

    @property
    def max_idf(self) -> float:
        return math.log(1 + len(self.sentences)) + 1.0

    @cached_property
    def _sorted_stems(self) -> list[str]:
        return sorted(self.idf)

    def kin(self, stem: str) -> str | None:
        """``stem`` when the corpus has it, else a corpus stem of its family.

        The family is a longer stem that starts with it ("conduc" → "conductor"), the form
        without the diphthong of Spanish stem-changing verbs ("obtien" → "obten", "pued" → "pod"),
        or the other spelling of a final z/c ("avanz" → "avanc").
        """
        if stem in self.idf:
            return stem
        forms = [stem] + [stem.replace(a, b, 1) for a, b in (("ie", "e"), ("ue", "o")) if a in stem]
        if stem.endswith(("z", "c")):  # "avanz(ó)" and "avanc(e)": z before a/o, c before e
            forms.append(stem[:-1] + ("c" if stem.endswith("z") else "z"))
        for form in forms:
            if form in self.idf:
                return form
            if len(form) < 5:
                continue
            i = bisect.bisect_left(self._sorted_stems, form)
            if i < len(self._sorted_stems) and self._sorted_stems[i].startswith(form):
                return self._sorted_stems[i]
        return None

    def kin_stems(self, text: str) -> list[str]:
        """Topic stems of ``text`` (generic words dropped), each as the corpus spells its family."""
        return [self.kin(s) or s for s in content_stems(text, drop_generic=True)]

    def knows(self, stem: str) -> bool:
        """True when the corpus has ``stem`` or a word of its family."""
        return self.kin(stem) is not None


T = TypeVar("T")


def per_snapshot(build: Callable[[Snapshot], T]) -> Callable[[Snapshot], T]:
    """``build(snap)``, computed once for the live snapshot (a new generation replaces it).

    For indexes read from every sentence (signatures, acronyms, objective passages): built on
    first use or by ``Assistant.warm_up``, never once per question.
    """
    cache: dict[str, T] = {}

    @wraps(build)
    def get(snap: Snapshot) -> T:
        key = str(snap.path)
        if key not in cache:
            built = build(snap)
            cache.clear()  # one live snapshot at a time
            cache[key] = built
        return cache[key]

    return get


def key(policy: str, ident: str) -> str:
    """Snapshot key of a code within its policy: several policies reuse the same codes."""
    return f"{policy}::{ident}"


def short_name(doc: dict[str, Any]) -> str:
    """A readable document name for citations."""
    if doc["doc_type"] == "reporte":
        policy = doc.get("policy") or "de la política"
        return f"Reporte de cumplimiento {policy} {doc['period'] or ''}".strip()
    title = doc["title"]
    return title if len(title) <= 70 else title[:67] + "…"


def _read_manifest(gen: Path) -> dict[str, Any]:
    import json

    try:
        return json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def load_snapshot(gen: Path, embeddings: Embeddings | None, chroma_host: str | None = None,
                  chroma_port: int = 8000) -> Snapshot:
    """Read a generation into memory (the side store is small; sentences carry stems)."""
    from ingest.numbers import strip_accents

    with contextlib.closing(sidestore.connect(gen / "side.sqlite", readonly=True)) as conn:
        docs = {d["doc_id"]: d for d in sidestore.documents(conn)}
        named = {d["policy"] for d in docs.values() if d["policy"]}
        sole = next(iter(named)) if len(named) == 1 else ""
        for d in docs.values():
            # A note or annex that names no policy belongs to the only policy in the corpus.
            d["policy"] = d["policy"] or sole
            d["short_name"] = short_name(d)
        policy_of = {d["doc_id"]: d["policy"] for d in docs.values()}
        def own(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            for row in rows:
                row["policy"] = policy_of[row["doc_id"]]
            return rows

        indicators = {key(i["policy"], i["indicator_id"]): i for i in own(sidestore.indicators(conn))}
        for ind in indicators.values():
            # A report that names an indicator only by its code reads better with the policy's name.
            if ind.get("official_name"):
                ind["name"] = ind["official_name"]
        code_keys = {key(i["policy"], i["code"]): k for k, i in indicators.items() if i.get("code")}
        unplaced: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for u in own(sidestore.unplaced(conn)):
            unplaced[key(u["policy"], u["indicator_id"] or "")].append(u)
        targets: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for t in sidestore.targets(conn):
            ident = code_keys.get(key(t["policy"], t["code"] or t["indicator_id"]), key(t["policy"], t["indicator_id"]))
            targets[ident].append(t)
        values: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for v in own(sidestore.indicator_values(conn)):
            values[key(v["policy"], v["indicator_id"])].append(v)
        objectives = {key(o["policy"], o["code"]): o for o in own(sidestore.objectives(conn))}
        objective_history = own(sidestore.definition_history(conn, "objectives"))
        service_history = own(sidestore.definition_history(conn, "services"))
        services = {key(s["policy"], s["code"]): s for s in own(sidestore.services(conn))}
        partners = own(sidestore.partners(conn))
        guidelines = own(sidestore.guidelines(conn))
        checks = own(sidestore.checks(conn, only_discrepancies=False))
        rows = own(sidestore.sentence_rows(conn))
        chunk_meta = {c["chunk_id"]: c for c in sidestore.chunk_rows(conn)}
    sentences: list[SentenceRec] = []
    by_chunk: dict[str, list[int]] = defaultdict(list)
    df: Counter[str] = Counter()
    for r in rows:
        stems = frozenset(content_stems(r["text"]))
        df.update(stems)
        by_chunk[r["chunk_id"]].append(len(sentences))
        sentences.append(SentenceRec(r["doc_id"], r["seq"], r["chunk_id"], r["page"], r["end_page"], r["section"],
                                     r["objective"], r["text"], r["document"], r["period"], stems, r["policy"]))
    n = max(1, len(sentences))
    idf = {s: math.log(1 + n / c) for s, c in df.items()}
    lexical = LexicalIndex.load(gen / "bm25") if (gen / "bm25" / "ids.json").exists() else LexicalIndex(None, [])
    vectors = None
    manifest = _read_manifest(gen)
    collection = manifest.get("chroma_collection")
    if embeddings is not None and collection:
        from ingest.vectors import VectorIndex, make_client

        host = chroma_host or manifest.get("chroma_host")
        if host:
            client = make_client(None, host, chroma_port if chroma_host else int(manifest.get("chroma_port") or 8000))
        else:
            client = make_client(gen / "chroma")
        vectors = VectorIndex(client, embeddings, collection)
    indicator_stems: dict[str, list[str]] = {}
    indicator_context: dict[str, list[str]] = {}
    for ind_id, ind in indicators.items():
        service = services.get(key(ind["policy"], ind.get("service") or ""))
        text = ind["name"]
        indicator_stems[ind_id] = content_stems(text)
        if service is not None:
            # A question may name an indicator by its service ("créditos del Fondo de Pesca Artesanal").
            indicator_context[ind_id] = [s for s in content_stems(service["name"]) if s not in indicator_stems[ind_id]]
        if service is not None and ind["code"] is None:
            indicator_stems[ind_id] += [s for s in content_stems(service["name"]) if s not in indicator_stems[ind_id]]
    folded = strip_accents(" ".join(s.text for s in sentences))
    quotable = ([s.text for s in sentences] + [i["quote"] for i in indicators.values()]
                + [i["name"] for i in indicators.values()] + [o["title"] for o in objective_history]
                + [v["reason"] for rows in values.values() for v in rows if v["reason"]]
                + [t["quote"] for rows in targets.values() for t in rows] + [g["quote"] for g in guidelines])
    sections = {(s.doc_id, s.text): s.section for s in sentences}
    by_doc: dict[str, set[str]] = defaultdict(set)
    for ind_id, ind in indicators.items():
        by_doc[ind["doc_id"]].add(ind_id)
    for ind_id, rows_of in values.items():
        for v in rows_of:
            by_doc[v["doc_id"]].add(ind_id)
    return Snapshot(gen, docs, indicators, dict(values), objectives, services, partners, checks, sentences,
                    dict(by_chunk), chunk_meta, lexical, vectors, idf, indicator_stems, folded,
                    objective_history, QuoteIndex(quotable), sections, service_history,
                    {d: sorted(keys) for d, keys in by_doc.items()}, dict(targets), indicator_context, dict(unplaced),
                    guidelines)


class KnowledgeBase:
    """Holds the live snapshot and swaps in a new one when `pncti ingest` publishes."""

    def __init__(self, data_dir: Path, embeddings: Embeddings | None, chroma_host: str | None = None,
                 chroma_port: int = 8000) -> None:
        self.data_dir = data_dir
        self.embeddings = embeddings
        self.chroma_host = chroma_host
        self.chroma_port = chroma_port
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._pointer_stamp: tuple[float, str] | None = None

    def _stamp(self) -> tuple[float, str] | None:
        pointer = self.data_dir / generations.POINTER
        try:
            return pointer.stat().st_mtime, pointer.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None

    def snapshot(self) -> Snapshot:
        """The current snapshot; raises CorpusNotIngested before the first ingest."""
        stamp = self._stamp()
        if self._snapshot is not None and stamp == self._pointer_stamp:
            return self._snapshot
        with self._lock:
            stamp = self._stamp()
            if self._snapshot is None or stamp != self._pointer_stamp:
                gen = generations.require_generation(self.data_dir)
                log.info("Cargando la generación %s", gen.name)
                self._snapshot = load_snapshot(gen, self.embeddings, self.chroma_host, self.chroma_port)
                self._pointer_stamp = stamp
        assert self._snapshot is not None
        return self._snapshot
