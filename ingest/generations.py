"""Index generations: each ingest builds a new folder aside and swaps a pointer atomically.

``data/CURRENT`` names the live generation folder (``gen-…``) holding ``side.sqlite``,
``chroma/`` and ``bm25/``. A crash before the swap leaves the previous generation live.

Generations are ordered by a sequence number, never by the random part of their name:
``gen-000042-20261127T123456-ab12cd`` is the 42nd, whatever its clock time or suffix, so two
ingests within the same second still sort in the order they were built. Folders named before
sequence numbers existed (``gen-20261127T123456-ab12cd``) count as older than any numbered one.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import shutil
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)

POINTER = "CURRENT"


class CorpusNotIngested(Exception):
    """There is no ingested corpus yet: run `pncti ingest`."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__(f"No hay documentos ingeridos en {data_dir}: ejecute `pncti ingest`.")


def current_generation(data_dir: Path) -> Path | None:
    """The live generation folder, or None before the first ingest."""
    pointer = data_dir / POINTER
    try:
        name = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = data_dir / name
    return path if name and path.is_dir() else None


def require_generation(data_dir: Path) -> Path:
    """The live generation, or :class:`CorpusNotIngested`."""
    gen = current_generation(data_dir)
    if gen is None:
        raise CorpusNotIngested(data_dir)
    return gen


_BUILDING = ".building-"
_GEN = "gen-"
_SEQ_DIGITS = 6


def generation_sequence(path: Path | str) -> int | None:
    """The sequence number of a ``gen-…`` or ``.building-…`` name; None for an old-style name."""
    name = Path(path).name
    for prefix in (_GEN, _BUILDING):
        if name.startswith(prefix):
            head = name[len(prefix):].split("-", 1)[0]
            # Old names start with a timestamp ("20261127T123456"): not all digits.
            return int(head) if head.isdigit() and len(head) == _SEQ_DIGITS else None
    return None


def generation_order(path: Path) -> tuple[int, int, str]:
    """Sort key, oldest first: (numbered?, sequence, name). Old-style names sort before numbered ones."""
    seq = generation_sequence(path)
    return (0, 0, path.name) if seq is None else (1, seq, path.name)


def list_generations(data_dir: Path) -> list[Path]:
    """Published generation folders, oldest first (by sequence number, not by name)."""
    return sorted((p for p in data_dir.glob(f"{_GEN}*") if p.is_dir()), key=generation_order)


def _next_sequence(data_dir: Path) -> int:
    seqs = [generation_sequence(p) for p in data_dir.iterdir()
            if p.name.startswith((_GEN, _BUILDING))]
    return max((s for s in seqs if s is not None), default=0) + 1


def new_building_dir(data_dir: Path) -> Path:
    """A fresh folder to build the next generation in, numbered after every existing one.

    Call it under :func:`ingest_lock` (the pipeline does): the number is the highest found in
    ``data_dir`` plus one.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    seq = _next_sequence(data_dir)
    if seq >= 10**_SEQ_DIGITS:
        raise RuntimeError(
            f"Se agotaron los números de generación en {data_dir}: use una carpeta de datos "
            "nueva (PNCTI_DATA_DIR) y vuelva a ingerir."
        )
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = data_dir / f"{_BUILDING}{seq:0{_SEQ_DIGITS}d}-{stamp}-{uuid.uuid4().hex[:6]}"
    path.mkdir()
    return path


def final_name(building: Path) -> str:
    """The name ``building`` will have once published."""
    name = building.name
    return _GEN + name[len(_BUILDING):] if name.startswith(_BUILDING) else name


def seed_from(previous: Path | None, building: Path, with_chroma: bool = True) -> None:
    """Copy the previous generation into ``building`` so unchanged documents need no work."""
    if previous is None:
        return
    src_db = previous / "side.sqlite"
    if src_db.exists():
        # The backup API copies a consistent snapshot even while readers have it open.
        with contextlib.closing(sqlite3.connect(f"file:{src_db}?mode=ro", uri=True)) as src, \
                contextlib.closing(sqlite3.connect(building / "side.sqlite")) as dst:
            src.backup(dst)
    if with_chroma and (previous / "chroma").is_dir():
        shutil.copytree(previous / "chroma", building / "chroma")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(path: Path) -> None:
    for root, _dirs, files in os.walk(path):
        for name in files:
            fd = os.open(os.path.join(root, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(root))


def publish(data_dir: Path, building: Path) -> Path:
    """Make ``building`` the live generation: fsync, rename, swap the pointer atomically."""
    _fsync_tree(building)
    final = data_dir / final_name(building)
    os.rename(building, final)
    tmp = data_dir / f".{POINTER}.tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(final.name)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, data_dir / POINTER)
    _fsync_dir(data_dir)
    return final


def collect_garbage(data_dir: Path, keep: int = 2, chroma: object | None = None) -> None:
    """Remove half-built folders and old generations, keeping the ``keep`` newest.

    Never removed: the live generation (the one ``CURRENT`` names), any generation numbered
    after it, and the ``keep - 1`` generations just before it, so a server still answering
    from the previous generation when the pointer swaps never reads deleted files. Order is
    the sequence number (:func:`generation_order`), never the name's random suffix.
    """
    live = current_generation(data_dir)
    gens = list_generations(data_dir)  # oldest first
    if live is not None and live in gens:
        at = gens.index(live)
        keep_set = set(gens[max(0, at - max(keep - 1, 0)):])  # live, newer ones, keep-1 before
    else:
        keep_set = set(gens[-keep:]) if keep > 0 else set()
    for path in gens:
        if path not in keep_set:
            _drop_server_collection(path, chroma)
            shutil.rmtree(path, ignore_errors=True)
    for path in data_dir.glob(f"{_BUILDING}*"):
        _drop_server_collection(path, chroma)
        shutil.rmtree(path, ignore_errors=True)


def _drop_server_collection(gen: Path, chroma: object | None) -> None:
    """Delete a dropped generation's collection on a Chroma server (embedded ones go with the folder)."""
    host = getattr(chroma, "host", None)
    if not host:
        return
    with contextlib.suppress(Exception):
        from ingest.vectors import make_client

        make_client(None, host, getattr(chroma, "port", 8000)).delete_collection(f"pncti_{final_name(gen)}")


@contextlib.contextmanager
def ingest_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's ingest lock (one ingest at a time)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / "ingest.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise RuntimeError(
                f"Otro proceso está ingiriendo en {data_dir}; espere a que termine."
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
