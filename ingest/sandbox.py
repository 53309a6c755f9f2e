"""Untrusted files are parsed in a child process with a time limit and a memory cap."""

from __future__ import annotations

import logging
import multiprocessing
import resource
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Self

from ingest.errors import UnreadableDocument
from ingest.loaders import load_document
from ingest.model import LoadedDocument

log = logging.getLogger(__name__)

# Decompressed bytes one stream may produce: far above any real report, far below a bomb.
MAX_STREAM_OUTPUT = 64_000_000


def _child_setup(memory_mb: int) -> None:
    """Runs in the child: cap its address space and pypdf's decompression."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    apply_pdf_limits()


def apply_pdf_limits() -> None:
    """Lower pypdf's decompression and size limits to :data:`MAX_STREAM_OUTPUT`."""
    import pypdf

    if hasattr(pypdf, "overwrite_configuration"):  # pypdf ≥ 7
        limits = {name: MAX_STREAM_OUTPUT for name in (
            "maximum_declared_stream_length", "array_based_stream_maximum_output_length",
            "jbig2_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
            "zlib_maximum_output_length", "brotli_maximum_output_length")}
        known = set(getattr(pypdf.Configuration, "__dataclass_fields__", {}))
        pypdf.overwrite_configuration(**{k: v for k, v in limits.items() if k in known})
        return
    from pypdf import filters

    for name in ("ZLIB_MAX_OUTPUT_LENGTH", "LZW_MAX_OUTPUT_LENGTH", "RUN_LENGTH_MAX_OUTPUT_LENGTH",
                 "MAX_DECLARED_STREAM_LENGTH", "MAX_ARRAY_BASED_STREAM_OUTPUT_LENGTH"):
        if hasattr(filters, name):
            setattr(filters, name, min(getattr(filters, name), MAX_STREAM_OUTPUT))


class PdfSandbox:
    """Loads PDFs in a reusable child process; other formats are read in-process."""

    def __init__(self, timeout_s: float = 60.0, memory_mb: int = 1024, max_bytes: int = 50_000_000) -> None:
        self.timeout_s = timeout_s
        self.memory_mb = memory_mb
        self.max_bytes = max_bytes
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_setup, initargs=(self.memory_mb,))
        return self._pool

    def _kill(self) -> None:
        if self._pool is None:
            return
        for proc in list(getattr(self._pool, "_processes", {}).values()):
            proc.kill()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None

    def close(self) -> None:
        """Stop the child process."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def load(self, path: Path) -> LoadedDocument:
        """Load ``path``; a PDF that hangs, bloats or crashes the parser becomes UnreadableDocument."""
        if path.suffix.lower() != ".pdf":
            return load_document(path, self.max_bytes)
        if path.stat().st_size > self.max_bytes:
            raise UnreadableDocument(
                f"PDF demasiado grande ({path.stat().st_size:,} bytes; límite {self.max_bytes:,})")
        future = self._get_pool().submit(load_document, path, self.max_bytes)
        try:
            return future.result(timeout=self.timeout_s)
        except FutureTimeout:
            self._kill()
            raise UnreadableDocument(
                f"el análisis del PDF superó el límite de {self.timeout_s:g} s") from None
        except BrokenProcessPool:
            self._kill()
            raise UnreadableDocument(
                f"el análisis del PDF superó el límite de memoria ({self.memory_mb} MB) o falló") from None
        except MemoryError:
            self._kill()
            raise UnreadableDocument(
                f"el análisis del PDF superó el límite de memoria ({self.memory_mb} MB)") from None
