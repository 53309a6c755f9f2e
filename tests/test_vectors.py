"""VectorIndex.search on a real Chroma collection under tmp_path (deterministic embedder), and query vectors."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from langchain_core.embeddings import Embeddings

from ingest.vectors import VectorIndex, make_client


class LetterCounts(Embeddings):
    """A vector of letter counts (a–z): similar spellings are near, and the same text is the same vector."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self.embed_query(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        folded = text.lower()
        return [float(folded.count(chr(c))) + 0.01 for c in range(ord("a"), ord("z") + 1)]


def _chunk(doc_id: str, seq: int, text: str) -> SimpleNamespace:
    return SimpleNamespace(chunk_id=f"{doc_id}:{seq:04d}", doc_id=doc_id, page=1, end_page=1, section="I. Resumen",
                           start=0, end=len(text), text=text)


TEXTS = ["cooperación técnica internacional", "pesca artesanal en Tumbes", "becas de estudio en Japón",
         "proyectos de cooperación Sur-Sur"]


def test_empty_collection_finds_nothing(tmp_path: Path) -> None:
    index = VectorIndex(make_client(tmp_path / "chroma"), LetterCounts(), "vectors_empty")
    assert index.search("cooperación", k=30) == []


def test_search_returns_chunk_ids_and_the_same_scores_as_the_langchain_path(tmp_path: Path) -> None:
    index = VectorIndex(make_client(tmp_path / "chroma"), LetterCounts(), "vectors_small")
    index.add_many([(_chunk("doc", i, t), {"policy": "PNCTI"}) for i, t in enumerate(TEXTS)])
    # More hits asked for than stored: every chunk comes back, best first.
    hits = index.search("cooperación internacional", k=30)
    assert hits[0][0] == "doc:0000"
    assert sorted(ident for ident, _ in hits) == ["doc:0000", "doc:0001", "doc:0002", "doc:0003"]
    scores = [score for _, score in hits]
    assert scores == sorted(scores, reverse=True) and 0.9 < scores[0] < 0.99
    # A stored text asked verbatim is its own nearest chunk, at similarity 1.
    (ident, score), = index.search(TEXTS[3], k=1)
    assert ident == "doc:0003" and 0.9999 < score <= 1.0001
    # What the former search read (documents with their metadata through langchain) ranks the same.
    langchain = index.store.similarity_search_with_score("cooperación internacional", k=4)
    assert [(d.metadata["chunk_id"], round(1.0 - dist, 6)) for d, dist in langchain] == [
        (ident, round(score, 6)) for ident, score in hits]
    assert [ident for ident, _ in index.search("cooperación internacional", k=2)] == [ident for ident, _ in hits[:2]]


def test_a_query_vector_is_the_one_encode_gives() -> None:
    from ingest.embedder import load_embedder

    embedder = load_embedder("minilm")
    for text in ["¿Cuántos proyectos de cooperación Sur-Sur hubo en 2023?", "becas", "How many scholarships?"]:
        expected = embedder._model.encode(text, normalize_embeddings=True, show_progress_bar=False).tolist()
        assert embedder.embed_query(text) == expected
