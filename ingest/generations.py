"""Index generations: each ingest builds a new folder aside and swaps a pointer atomically.

``data/CURRENT`` names the live generation folder (``gen-…``) holding ``side.sqlite``,
``chroma/`` and ``bm25/``. A crash before the swap leaves the previous generation live.
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


def new_building_dir(data_dir: Path) -> Path:
    """A fresh folder to build the next generation in."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f".building-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:6]}"
    path.mkdir()
    return path


def final_name(building: Path) -> str:
    """The name ``building`` will have once published."""
    return building.name.replace(".building-", "gen-")


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
    """Remove half-built folders and all but the ``keep`` newest generations.

    The generation before the live one is kept so that a server still answering from it
    when the pointer swaps never reads deleted files.
    """
    live = current_generation(data_dir)
    gens = sorted(data_dir.glob("gen-*"), key=lambda p: p.name, reverse=True)
    keep_set = {live} | set(gens[:keep]) if live else set(gens[:keep])
    for path in gens:
        if path not in keep_set:
            _drop_server_collection(path, chroma)
            shutil.rmtree(path, ignore_errors=True)
    for path in data_dir.glob(".building-*"):
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
