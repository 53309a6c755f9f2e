"""A naive LangChain RAG baseline on the same corpus and embedder, for comparison.

pypdf page text → RecursiveCharacterTextSplitter (1,000 characters) → Chroma with the project's
MiniLM embedder → ``similarity_search(question, k=4)``; the answer is the best chunk's text. It
never refuses and ignores the chat history. Nothing here is used by the assistant.

Command line (run as a child process by :mod:`bench.run`, so its memory can be measured)::

    python -m bench.baseline build --store DIR CORPUS_DIR_OR_FILES...
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from langchain_core.documents import Document

log = logging.getLogger(__name__)

COLLECTION = "baseline"
CHUNK_SIZE = 1000
CHUNK_OVERLAP = 100
TOP_K = 4
_ADD_BATCH = 1000  # below Chroma's maximum batch size


@dataclass
class BaselineAnswer:
    """What the baseline returns: the best chunk, never a refusal."""

    text: str
    refused: bool = False
    latency_ms: float = 0.0


def corpus_files(paths: list[Path]) -> list[Path]:
    """PDF and text files under ``paths``, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(f for f in path.rglob("*") if f.suffix.lower() in (".pdf", ".txt")))
        elif path.suffix.lower() in (".pdf", ".txt"):
            files.append(path)
    return files


def load_pages(files: list[Path]) -> list[Document]:
    """One LangChain Document per page: pypdf text for PDFs, form-feed pages for text files."""
    from pypdf import PdfReader

    pages: list[Document] = []
    for f in files:
        if f.suffix.lower() == ".pdf":
            texts = [p.extract_text() or "" for p in PdfReader(f).pages]
        else:
            texts = f.read_text(encoding="utf-8").split("\f")
        pages.extend(
            Document(page_content=t, metadata={"source": f.name, "page": i})
            for i, t in enumerate(texts, start=1)
            if t.strip()
        )
    return pages


def _store(store_dir: Path) -> object:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    from ingest.embedder import load_embedder

    client = chromadb.PersistentClient(
        path=str(store_dir), settings=ChromaSettings(anonymized_telemetry=False)
    )
    return Chroma(
        collection_name=COLLECTION, embedding_function=load_embedder("minilm"), client=client
    )


def build(paths: list[Path], store_dir: Path) -> dict[str, int]:
    """Load, split, embed and store the corpus; returns page and chunk counts."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    pages = load_pages(corpus_files(paths))
    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    chunks = splitter.split_documents(pages)
    store = _store(store_dir)
    for start in range(0, len(chunks), _ADD_BATCH):
        store.add_documents(chunks[start : start + _ADD_BATCH])  # type: ignore[attr-defined]
    log.info("Baseline: %d pages, %d chunks", len(pages), len(chunks))
    return {"pages": len(pages), "chunks": len(chunks)}


class NaiveRag:
    """Answers with the text of the chunk most similar to the question."""

    def __init__(self, store_dir: Path) -> None:
        self.store = _store(store_dir)

    def ask(self, question: str, history: list[dict[str, str]] | None = None) -> BaselineAnswer:
        """The best of the top-``TOP_K`` chunks; the history is ignored."""
        started = time.perf_counter()
        hits = self.store.similarity_search(question, k=TOP_K)  # type: ignore[attr-defined]
        text = hits[0].page_content if hits else ""
        return BaselineAnswer(text=text, latency_ms=(time.perf_counter() - started) * 1000)

    def warm_up(self) -> None:
        """One query, so model and index are loaded before timing."""
        self.ask("objetivos prioritarios de la política")


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.baseline build --store DIR PATHS...``."""
    parser = argparse.ArgumentParser(prog="python -m bench.baseline")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="index a corpus with the naive pipeline")
    p.add_argument("--store", type=Path, required=True)
    p.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    counts = build(args.paths, args.store)
    print(counts["pages"], counts["chunks"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
