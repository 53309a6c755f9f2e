"""BM25 over chunks with the Spanish Snowball stemmer, persisted beside the vector store."""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from pathlib import Path

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer

    return Stemmer.Stemmer("spanish")


def tokenize(texts: list[str]) -> object:
    """bm25s tokens: lower-case, Spanish stop words removed, Snowball-stemmed."""
    import bm25s

    return bm25s.tokenize(texts, stopwords="es", stemmer=_stemmer().stemWords, show_progress=False)


class LexicalIndex:
    """A bm25s index whose document ids are chunk ids."""

    def __init__(self, retriever: object | None, ids: list[str]) -> None:
        self.retriever = retriever
        self.ids = ids

    @classmethod
    def build(cls, ids: list[str], texts: list[str]) -> LexicalIndex:
        """Index ``texts`` (one per chunk id)."""
        import bm25s

        if not texts:
            return cls(None, [])
        retriever = bm25s.BM25()
        retriever.index(tokenize(texts), show_progress=False)
        return cls(retriever, list(ids))

    def save(self, folder: Path) -> None:
        """Write the index and its id list into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        if self.retriever is not None:
            self.retriever.save(str(folder), show_progress=False)  # type: ignore[attr-defined]
        (folder / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """Read an index written by :meth:`save`."""
        import bm25s

        ids = json.loads((folder / "ids.json").read_text(encoding="utf-8"))
        if not ids:
            return cls(None, [])
        return cls(bm25s.BM25.load(str(folder), show_progress=False), ids)

    def search(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        """Top ``k`` chunk ids with BM25 scores (only positive scores)."""
        if self.retriever is None or not query.strip():
            return []
        tokens = tokenize([query])
        if not tokens.vocab:  # type: ignore[attr-defined]
            return []
        k = min(k, len(self.ids))
        docs, scores = self.retriever.retrieve(tokens, k=k, show_progress=False)  # type: ignore[attr-defined]
        return [(self.ids[int(d)], float(s)) for d, s in zip(docs[0], scores[0]) if s > 0]
