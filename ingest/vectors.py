"""Chroma vector store (embedded PersistentClient, or a Chroma server) through langchain-chroma."""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import Any

from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)

COLLECTION = "pncti_chunks"
COLLECTION_METADATA = {"hnsw:space": "cosine"}


def make_client(path: Path | None, host: str | None = None, port: int = 8000) -> Any:
    """An embedded Chroma client at ``path``, or an HTTP client to ``host:port``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if host:
        return chromadb.HttpClient(host=host, port=port, settings=settings)
    assert path is not None
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def release_client(path: Path) -> None:
    """Forget the embedded Chroma system of ``path`` only (before the folder is published).

    Chroma caches one system per folder for the whole process; its ``clear_system_cache`` forgets
    every folder's, including the one a server in this process still reads (an upload from the web
    ingests in-process), so only this folder's entry is dropped.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    key = str(path)
    system = SharedSystemClient._identifier_to_system.pop(key, None)
    SharedSystemClient._identifier_to_refcount.pop(key, None)
    if system is not None:
        # Stop it too: a system only forgotten keeps its SQLite connections and index threads
        # open on a folder the server may open next.
        try:
            system.stop()
        except Exception:  # a system that cannot stop cleanly is still forgotten
            log.warning("No se pudo detener el sistema Chroma de %s", path, exc_info=True)


class VectorIndex:
    """Chunks embedded in a cosine-space Chroma collection.

    Searching needs only the Chroma collection; the langchain-chroma store, which adds documents,
    is built on first use: importing langchain_chroma (langchain_core's retrievers and tracers)
    took 0.8-1.2 s of the server's cold start.
    """

    def __init__(self, client: Any, embeddings: Embeddings, collection: str = COLLECTION) -> None:
        self.client = client
        self.embeddings = embeddings
        self.collection_name = collection
        # Opened as langchain-chroma opens it: created when missing, cosine space, no embedding function.
        self._collection = client.get_or_create_collection(name=collection, embedding_function=None,
                                                           metadata=dict(COLLECTION_METADATA))

    @cached_property
    def store(self) -> Any:
        """The langchain-chroma store on the same collection (adds documents with their metadata)."""
        from langchain_chroma import Chroma

        return Chroma(collection_name=self.collection_name, embedding_function=self.embeddings, client=self.client,
                      collection_metadata=dict(COLLECTION_METADATA))

    def add(self, chunks: list[Any], doc_meta: dict[str, Any]) -> None:
        """Embed and add chunks of one document."""
        self.add_many([(c, doc_meta) for c in chunks])

    def add_many(self, items: list[tuple[Any, dict[str, Any]]]) -> None:
        """Embed and add chunks (each with its document's metadata) in one encoder call."""
        if not items:
            return
        docs = [
            LCDocument(page_content=c.text, metadata={
                "chunk_id": c.chunk_id, "doc_id": c.doc_id, "page": c.page, "end_page": c.end_page,
                "section": c.section, "start": c.start, "end": c.end, **meta})
            for c, meta in items
        ]
        self.store.add_documents(docs, ids=[c.chunk_id for c, _ in items])

    def copy_from(self, collection: str, doc_ids: set[str], batch: int = 500) -> int:
        """Copy the stored vectors of ``doc_ids`` from another collection (no re-embedding)."""
        try:
            source = self.client.get_collection(collection)
        except Exception:  # noqa: BLE001 — the previous collection is gone: the caller re-embeds nothing, so say so
            log.warning("No se encontró la colección %s en el servidor Chroma", collection)
            return 0
        copied = 0
        for doc_id in sorted(doc_ids):
            got = source.get(where={"doc_id": doc_id}, include=["embeddings", "documents", "metadatas"])
            ids = got["ids"]
            for i in range(0, len(ids), batch):
                self._collection.add(ids=ids[i:i + batch], embeddings=got["embeddings"][i:i + batch],
                                           documents=got["documents"][i:i + batch],
                                           metadatas=got["metadatas"][i:i + batch])
            copied += len(ids)
        return copied

    def delete_document(self, doc_id: str) -> None:
        """Remove every chunk of a document."""
        self._collection.delete(where={"doc_id": doc_id})

    def count(self) -> int:
        """Number of stored chunks."""
        return self._collection.count()

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        """Top ``k`` chunk ids with cosine similarity.

        The collection is queried for distances only: its ids are the chunk ids, and fetching
        60 hits' texts and metadata through langchain cost 13 ms of a 70 ms answer at 500 pages
        (2 ms without). Chroma returns fewer than ``k`` hits, or none, from a smaller or empty
        collection, so no ``count()`` is needed.
        """
        vector = self.embeddings.embed_query(query)
        got = self._collection.query(query_embeddings=[vector], n_results=k, include=["distances"])
        return [(ident, 1.0 - float(dist)) for ident, dist in zip(got["ids"][0], got["distances"][0])]
