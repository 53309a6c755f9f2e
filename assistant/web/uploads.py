"""Documents an administrator adds in the web UI: checked, saved to the corpus, ingested aside.

:class:`DocumentUploader` saves accepted files into ``settings.corpus_dir`` and runs the
ordinary ingest (:func:`ingest.pipeline.run_ingest`, one file at a time) in a background
thread. The UI polls :meth:`DocumentUploader.progress` for a Spanish status and a fraction
for its progress bar. The ingest publishes a new generation; the assistant picks it up on
its next question (the knowledge base watches ``data/CURRENT``). Nothing here imports gradio.
"""

from __future__ import annotations

import hmac
import logging
import os
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from ingest.loaders import content_id

log = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".pdf", ".txt", ".md", ".html", ".htm")
FILE_TYPES_TEXT = "PDF, TXT, MD o HTML"


class IngestBusy(Exception):
    """An upload is already being ingested: wait until it ends."""


@dataclass
class IngestProgress:
    """What one upload job has done so far (read by the UI while the thread runs)."""

    total: int
    done: float = 0.0
    step: str = "En cola…"
    state: str = "en_curso"  # "en_curso" | "terminado"
    messages: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    @property
    def fraction(self) -> float:
        """Share of the job done, 0 to 1."""
        return 1.0 if self.state == "terminado" else min(0.99, self.done / max(1, self.total))

    @property
    def finished(self) -> bool:
        """True once every file has been handled and the new documents are loaded."""
        return self.state == "terminado"


def megabytes(size: int) -> str:
    """ "50 MB", "0,3 MB" (Spanish decimal comma)."""
    text = f"{size / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
    return f"{text} MB"


def safe_name(name: str) -> str:
    """A file name safe for the corpus folder: no folders, no leading dot, plain characters."""
    base = Path(name.replace("\\", "/")).name
    stem, suffix = os.path.splitext(base)
    stem = re.sub(r"[^\w\-. ()]", "_", stem).strip(" ._") or "documento"
    return stem[:120] + suffix.lower()


class DocumentUploader:
    """Checks and saves uploaded files, and ingests them one job at a time."""

    def __init__(self, settings: Settings, kb: Any) -> None:
        self.settings = settings
        self.kb = kb
        self._lock = threading.Lock()
        self._job: IngestProgress | None = None

    @property
    def enabled(self) -> bool:
        """True when an administrator user and password are configured."""
        return bool(self.settings.admin_user and self.settings.admin_password)

    def check_credentials(self, user: str | None, password: str | None) -> bool:
        """True for the configured administrator (compared in constant time)."""
        if not self.enabled:
            return False
        ok_user = hmac.compare_digest((user or "").encode(), str(self.settings.admin_user).encode())
        ok_pass = hmac.compare_digest((password or "").encode(), str(self.settings.admin_password).encode())
        return ok_user and ok_pass

    def save(self, uploads: list[Path]) -> tuple[list[Path], list[str]]:
        """Copy acceptable files into the corpus folder; return them and a Spanish line per rejection."""
        corpus = Path(self.settings.corpus_dir)
        corpus.mkdir(parents=True, exist_ok=True)
        saved: list[Path] = []
        rejected: list[str] = []
        limit = self.settings.upload_max_bytes
        for upload in uploads:
            name = safe_name(upload.name)
            if not name.lower().endswith(ALLOWED_SUFFIXES):
                rejected.append(f"✖ «{upload.name}»: formato no admitido; use {FILE_TYPES_TEXT}.")
                continue
            try:
                size = upload.stat().st_size
            except OSError:
                rejected.append(f"✖ «{upload.name}»: no se pudo leer el archivo subido.")
                continue
            if size == 0:
                rejected.append(f"✖ «{upload.name}»: el archivo está vacío.")
                continue
            if size > limit:
                rejected.append(f"✖ «{upload.name}» pesa {megabytes(size)}; el máximo es {megabytes(limit)}.")
                continue
            saved.append(self._store(upload, corpus, name))
        return saved, rejected

    @staticmethod
    def _store(upload: Path, corpus: Path, name: str) -> Path:
        """Copy ``upload`` to ``corpus/name`` atomically, next to any other file of that name."""
        digest = content_id(upload.read_bytes())
        target = corpus / name
        stem, suffix = os.path.splitext(name)
        number = 2
        while target.exists():
            if content_id(target.read_bytes()) == digest:
                return target  # the very same file is already in the corpus
            target = corpus / f"{stem} ({number}){suffix}"
            number += 1
        fd, tmp = tempfile.mkstemp(dir=corpus, prefix=".subida-", suffix=suffix)
        os.close(fd)
        try:
            shutil.copyfile(upload, tmp)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        log.info("Documento subido guardado en %s", target)
        return target

    def progress(self) -> IngestProgress | None:
        """The running job, or the last one."""
        return self._job

    def start(self, saved: list[Path], rejected: list[str] | None = None) -> IngestProgress:
        """Ingest ``saved`` in a background thread; raises :class:`IngestBusy` if a job is running."""
        with self._lock:
            if self._job is not None and not self._job.finished:
                raise IngestBusy("Ya hay una ingesta en curso; espere a que termine.")
            job = IngestProgress(total=len(saved), messages=list(rejected or []))
            self._job = job
        thread = threading.Thread(target=self._run, args=(job, saved), name="pncti-ingesta", daemon=True)
        thread.start()
        return job

    def _run(self, job: IngestProgress, files: list[Path]) -> None:
        from ingest.pipeline import run_ingest

        ingested: list[Path] = []
        s = self.settings
        for number, path in enumerate(files, start=1):
            job.step = f"Ingiriendo «{path.name}» ({number} de {len(files)}): lectura, cifras e índices…"
            job.done = number - 1 + 0.1
            try:
                report = run_ingest(
                    [path], s.data_dir, s.embedder, s.embedder_path, max_pdf_bytes=s.max_pdf_bytes,
                    pdf_timeout_s=s.pdf_timeout_s, pdf_memory_mb=s.pdf_memory_mb, progress=False,
                    chroma_host=s.chroma_host, chroma_port=s.chroma_port, embedder_int8=s.embedder_int8,
                )
            except RuntimeError as exc:  # the ingest lock: another process is ingesting
                log.warning("Ingesta de %s no realizada: %s", path, exc)
                job.messages.append(f"✖ «{path.name}» no se ingirió: otro proceso está ingiriendo; "
                                    "vuelva a intentarlo cuando termine.")
            except Exception:
                log.exception("Error al ingerir %s", path)
                job.messages.append(f"✖ «{path.name}»: error interno al ingerir; el detalle quedó en "
                                    "el registro del servidor.")
            else:
                job.messages += _report_lines(path, report.as_json())
                if report.ingested:
                    ingested.append(path)
            job.done = number
        job.step = "Cargando los documentos nuevos para el asistente…"
        job.messages += self._loaded_lines(ingested)
        job.step = "Listo."
        job.state = "terminado"

    def _loaded_lines(self, ingested: list[Path]) -> list[str]:
        """One line per ingested file with what the ingest found, from the new snapshot."""
        if not ingested:
            return []
        try:
            snap = self.kb.snapshot()
        except Exception:
            log.exception("No se pudo cargar la generación nueva")
            return ["✖ Los documentos se ingirieron, pero no se pudieron cargar; revise el registro del servidor."]
        from assistant.web.dashboard import document_rows, ingest_findings, plural

        rows = {r["doc_id"]: r for r in document_rows(snap)}
        lines = []
        for path in ingested:
            row = rows.get(content_id(path.read_bytes()))
            if row is None:
                lines.append(f"✔ «{path.name}» ingerido.")
                continue
            found = [plural(row["pages"] or 0, "página", "páginas"), *ingest_findings(row)]
            lines.append(f"✔ «{path.name}» ingerido como «{row['name']}»: {', '.join(found)}.")
        return lines


def _report_lines(path: Path, report: dict[str, Any]) -> list[str]:
    """Spanish lines for what the ingest skipped or left unchanged (full paths shown as names)."""
    lines = []
    for item in report.get("skipped", []):
        reason = re.sub(r"(/[^\s/]+)+/([^\s/]+)", r"«\2»", str(item.get("reason", "")))
        lines.append(f"✖ «{Path(item.get('file', path)).name}» se omitió: {reason}.")
    if report.get("unchanged"):
        lines.append(f"• «{path.name}» ya estaba ingerido y no cambió.")
    return lines
