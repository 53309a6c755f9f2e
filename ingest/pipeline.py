"""`pncti ingest`: corpus files → side store, Chroma and BM25, idempotently and crash-safely."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ingest import generations, sidestore
from ingest.chunking import Chunk, chunk_document
from ingest.embedder import load_embedder
from ingest.errors import UnreadableDocument
from ingest.lexical import LexicalIndex
from ingest.loaders import SUPPORTED, content_id
from ingest.model import Document
from ingest.normalize import normalize
from ingest.reports import Extraction, extract
from ingest.reports.crosscheck import cross_document
from ingest.sandbox import PdfSandbox
from ingest.vectors import COLLECTION, VectorIndex, make_client, release_client

log = logging.getLogger(__name__)

# Bump when normalisation, extraction or chunking change: stores built by another version are rebuilt.
PIPELINE_VERSION = 9
EMBED_BATCH = 512


@dataclass
class IngestReport:
    """What one ingest run did, file by file."""

    ingested: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    hidden_chars_dropped: int = 0
    # Per ingested document: policy, kind, indicators and values found, figures left without a role.
    documents: list[dict[str, object]] = field(default_factory=list)
    discrepancies: int = 0

    def as_json(self) -> dict[str, object]:
        """The shape `pncti ingest --json` prints."""
        return {"ingested": self.ingested, "unchanged": self.unchanged, "removed": self.removed,
                "skipped": self.skipped, "hidden_chars_dropped": self.hidden_chars_dropped,
                "documents": self.documents, "discrepancies": self.discrepancies}


@dataclass
class Prepared:
    """A parsed document ready to be written."""

    doc: Document
    extraction: Extraction
    chunks: list[Chunk]


def collect_files(paths: list[Path]) -> tuple[list[Path], list[dict[str, str]]]:
    """Supported files under ``paths`` (sorted), and the paths skipped with a reason."""
    files: list[Path] = []
    skipped: list[dict[str, str]] = []
    for path in paths:
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and not f.name.startswith("."):
                    if f.suffix.lower() in SUPPORTED:
                        files.append(f)
                    else:
                        skipped.append({"file": str(f), "reason": f"formato no soportado ({f.suffix or 'sin extensión'})"})
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED:
                files.append(path)
            else:
                skipped.append({"file": str(path), "reason": f"formato no soportado ({path.suffix or 'sin extensión'})"})
        else:
            skipped.append({"file": str(path), "reason": "no existe"})
    return files, skipped


def prepare(path: Path, sandbox: PdfSandbox) -> Prepared:
    """Load, normalise, extract and chunk one file."""
    loaded = sandbox.load(path)
    doc = normalize(loaded)
    if not doc.sentences:
        raise UnreadableDocument("el documento no contiene texto")
    return Prepared(doc, extract(doc), chunk_document(doc))


def _hash_file(path: Path) -> str:
    return content_id(path.read_bytes())


def run_ingest(
    paths: list[Path],
    data_dir: Path,
    embedder_name: str = "minilm",
    embedder_path: Path | None = None,
    max_pdf_bytes: int = 50_000_000,
    pdf_timeout_s: float = 60.0,
    pdf_memory_mb: int = 1024,
    progress: bool = True,
    rebuild: bool = False,
    chroma_host: str | None = None,
    chroma_port: int = 8000,
    embedder_int8: bool = True,
) -> IngestReport:
    """Bring the stores in line with ``paths``; a no-op when nothing changed."""
    report = IngestReport()
    with generations.ingest_lock(data_dir):
        generations.collect_garbage(data_dir)
        live = None if rebuild else generations.current_generation(data_dir)
        if live is not None and (_manifest(live).get("pipeline_version"), _manifest(live).get("embedder")) != (
                PIPELINE_VERSION, _embedder_id(embedder_name, embedder_int8)):
            log.warning("El índice fue construido por otra versión del ingestor; se reconstruye.")
            live = None
        known: dict[str, str] = {}
        if live is not None:
            with contextlib.closing(sidestore.connect(live / "side.sqlite", readonly=True)) as conn:
                known = {d["source_path"]: d["doc_id"] for d in sidestore.documents(conn)}

        files, report.skipped = collect_files(paths)
        to_add: list[Prepared] = []
        replaced: list[str] = []
        seen_ids: dict[str, str] = {}
        iterator = files
        if progress:
            from tqdm import tqdm

            iterator = tqdm(files, desc="Ingiriendo", unit="archivo", file=sys.stderr)
        with PdfSandbox(pdf_timeout_s, pdf_memory_mb, max_pdf_bytes) as sandbox:
            for f in iterator:
                key = str(f)
                try:
                    doc_id = _hash_file(f)
                except OSError as exc:
                    report.skipped.append({"file": key, "reason": f"no se pudo leer: {exc.strerror}"})
                    continue
                if doc_id in seen_ids:
                    report.skipped.append({"file": key, "reason": f"contenido idéntico a {seen_ids[doc_id]}"})
                    continue
                seen_ids[doc_id] = key
                if known.get(key) == doc_id:
                    report.unchanged.append(key)
                    continue
                if doc_id in known.values():
                    other = next(p for p, i in known.items() if i == doc_id)
                    if Path(other).exists() and other != key:
                        report.skipped.append({"file": key, "reason": f"contenido idéntico a {other}"})
                        continue
                try:
                    prepared = prepare(f, sandbox)
                except UnreadableDocument as exc:
                    log.warning("Se omite %s: %s", f, exc)
                    report.skipped.append({"file": key, "reason": str(exc)})
                    continue
                to_add.append(prepared)
                report.documents.append(_document_summary(key, prepared))
                report.hidden_chars_dropped += prepared.doc.hidden_chars_dropped
                report.ingested.append(key)
                if key in known:
                    replaced.append(known[key])

        # Documents whose file is gone (deleted, or moved to another path).
        for source, doc_id in known.items():
            if not Path(source).exists():
                report.removed.append(source)
                replaced.append(doc_id)

        if not to_add and not replaced and live is not None:
            return report
        _, report.discrepancies = _build_generation(data_dir, live, to_add, replaced, embedder_name, embedder_path,
                                                    VectorTarget(chroma_host, chroma_port), embedder_int8)
        generations.collect_garbage(data_dir, chroma=VectorTarget(chroma_host, chroma_port))
    return report


@dataclass
class VectorTarget:
    """Where vectors go: embedded Chroma inside the generation, or a Chroma server."""

    host: str | None = None
    port: int = 8000


def _build_generation(
    data_dir: Path,
    live: Path | None,
    to_add: list[Prepared],
    to_delete: list[str],
    embedder_name: str,
    embedder_path: Path | None,
    target: VectorTarget,
    embedder_int8: bool = True,
) -> tuple[Path, int]:
    """Build and publish a new generation; returns it and the number of discrepancies across documents."""
    building = generations.new_building_dir(data_dir)
    final_name = generations.final_name(building)
    server = target.host is not None
    if server:
        # The SQLite store is copied; vectors are copied collection to collection on the server.
        generations.seed_from(live, building, with_chroma=False)
    else:
        generations.seed_from(live, building)
    embeddings = load_embedder(embedder_name, embedder_path, embedder_int8)
    collection = f"pncti_{final_name}" if server else COLLECTION
    vectors = None
    client = None
    if embeddings is not None:
        client = make_client(None, target.host, target.port) if server else make_client(building / "chroma")
        vectors = VectorIndex(client, embeddings, collection)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with contextlib.closing(sidestore.connect(building / "side.sqlite")) as conn:
        for doc_id in to_delete:
            sidestore.delete_document(conn, doc_id)
            if vectors is not None and not server:
                vectors.delete_document(doc_id)
        if server and vectors is not None and live is not None:
            previous = _manifest(live).get("chroma_collection")
            keep = {d["doc_id"] for d in sidestore.documents(conn)} - {p.doc.doc_id for p in to_add}
            if previous and keep:
                vectors.copy_from(str(previous), keep)
        pending: list[tuple[Chunk, dict[str, object]]] = []
        for p in to_add:
            sidestore.delete_document(conn, p.doc.doc_id)
            sidestore.write_document(conn, p.doc, p.extraction, p.chunks, now)
            if vectors is not None:
                if not server:
                    vectors.delete_document(p.doc.doc_id)
                meta = {"title": p.doc.title, "period": p.doc.period or 0, "policy": p.doc.policy,
                        "doc_type": p.doc.doc_type, "source_path": p.doc.source_path}
                pending.extend((c, meta) for c in p.chunks)
        if vectors is not None:
            # Embedding dominates ingest time: encode across documents in large batches.
            for i in range(0, len(pending), EMBED_BATCH):
                vectors.add_many(pending[i:i + EMBED_BATCH])
        discrepancies = cross_document(conn)
        rows = sidestore.chunk_rows(conn)
        sidestore.seal(conn)
    LexicalIndex.build([r["chunk_id"] for r in rows], [_index_text(r) for r in rows]).save(building / "bm25")
    manifest = {"embedder": _embedder_id(embedder_name, embedder_int8), "built_at": now, "pipeline_version": PIPELINE_VERSION,
                "chroma_collection": collection if embeddings is not None else None,
                "chroma_host": target.host, "chroma_port": target.port if server else None}
    (building / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    if client is not None and not server:
        release_client(building / "chroma")
    return generations.publish(data_dir, building), discrepancies


def _document_summary(path: str, prepared: Prepared) -> dict[str, object]:
    """One line of the per-document ingest report."""
    doc = prepared.doc
    return {"file": path, "policy": doc.policy, "policy_name": doc.policy_name, "kind": doc.doc_type,
            "period": doc.period, "pages": doc.page_count, **{
                f"{k}_found" if k != "unplaced" else "unplaced_figures": v
                for k, v in prepared.extraction.summary().items()}}


def _embedder_id(name: str, int8: bool) -> str:
    """What the manifest records of the encoder: vectors are only comparable with the same one."""
    return f"{name}-int8" if int8 and name != "none" else name


def _manifest(gen: Path) -> dict[str, object]:
    try:
        return json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}


def _index_text(row: dict[str, object]) -> str:
    """What BM25 sees of a chunk: its section path, then its text."""
    return f"{row['section']}\n{row['text']}"
