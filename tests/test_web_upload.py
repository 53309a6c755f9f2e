"""Administrator uploads: checks, saving into the corpus, background ingest with Spanish messages."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from assistant.web.uploads import DocumentUploader, IngestBusy, IngestProgress, safe_name
from tests.conftest import SEED
from tests.test_web_documents import render_report_pdf


@pytest.fixture
def uploader(tmp_path: Path) -> DocumentUploader:
    """An uploader over a fresh data folder holding the seed (BM25 only), with an administrator."""
    from assistant.knowledge import KnowledgeBase
    from assistant.settings import get_settings
    from ingest.pipeline import run_ingest

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    run_ingest([corpus], tmp_path / "data", embedder_name="none", progress=False)
    settings = get_settings(data_dir=tmp_path / "data", corpus_dir=corpus, embedder="none",
                            admin_user="admin", admin_password="clave-larga", upload_max_bytes=200_000)
    return DocumentUploader(settings, KnowledgeBase(tmp_path / "data", None))


def _wait(job, timeout: float = 120.0):
    deadline = time.monotonic() + timeout
    while not job.finished:
        assert time.monotonic() < deadline, job.step
        time.sleep(0.1)
    return job


def test_safe_name_keeps_a_plain_file_name() -> None:
    assert safe_name("reporte 2024.PDF") == "reporte 2024.pdf"
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\x\\Decreto N° 008-2023-RE.pdf") == "Decreto N_ 008-2023-RE.pdf"
    assert safe_name(".oculto.txt") == "oculto.txt"
    assert safe_name("<script>.html") == "script.html"


def test_credentials_and_disabled_without_both_fields(uploader: DocumentUploader) -> None:
    assert uploader.enabled
    assert uploader.check_credentials("admin", "clave-larga")
    assert not uploader.check_credentials("admin", "clave")
    assert not uploader.check_credentials("", "")
    half = DocumentUploader(uploader.settings.model_copy(update={"admin_password": None}), uploader.kb)
    assert not half.enabled and not half.check_credentials("admin", "")


def test_save_rejects_in_spanish_and_never_overwrites(uploader: DocumentUploader, tmp_path: Path) -> None:
    incoming = tmp_path / "subidas"
    incoming.mkdir()
    (incoming / "acta.docx").write_bytes(b"PK")
    (incoming / "vacio.txt").write_bytes(b"")
    (incoming / "grande.pdf").write_bytes(b"%PDF" + b"0" * 300_000)
    (incoming / SEED.name).write_text("otro texto", encoding="utf-8")  # same name, other content
    same = incoming / "copia" / SEED.name
    same.parent.mkdir()
    shutil.copy(SEED, same)
    saved, rejected = uploader.save([incoming / "acta.docx", incoming / "vacio.txt", incoming / "grande.pdf",
                                     incoming / SEED.name, same])
    assert rejected == [
        "✖ «acta.docx»: formato no admitido; use PDF, TXT, MD o HTML.",
        "✖ «vacio.txt»: el archivo está vacío.",
        "✖ «grande.pdf» pesa 0,3 MB; el máximo es 0,2 MB.",
    ]
    corpus = Path(uploader.settings.corpus_dir)
    assert saved == [corpus / "reporte_cumplimiento_pncti_2023 (2).txt", corpus / SEED.name]
    assert (corpus / SEED.name).read_bytes() == SEED.read_bytes()
    assert not list(corpus.glob(".subida-*"))


def test_an_uploaded_pdf_is_ingested_in_the_background(uploader: DocumentUploader, tmp_path: Path) -> None:
    pdf = render_report_pdf(tmp_path / "reporte_2024.pdf", 2024)
    broken = tmp_path / "roto.pdf"
    broken.write_bytes(b"%PDF-1.4\nesto no es un PDF\n")
    saved, rejected = uploader.save([pdf, broken])
    assert rejected == []
    job = _wait(uploader.start(saved))
    assert job.fraction == 1.0 and job.step == "Listo."
    assert job.messages[0].startswith("✖ «roto.pdf» se omitió: ")
    assert job.messages[-1] == ("✔ «reporte_2024.pdf» ingerido como «Reporte de cumplimiento PNCTI 2024»: "
                                "6 páginas, 16 indicadores, 11 valores, 0 cifras sin rol asignado, 2 discrepancias.")
    snap = uploader.kb.snapshot()
    assert sorted(d["period"] for d in snap.documents.values()) == [2023, 2024]
    # The same file again: nothing new, and it says so.
    again = _wait(uploader.start(uploader.save([pdf])[0]))
    assert again.messages == ["• «reporte_2024.pdf» ya estaba ingerido y no cambió."]


def test_one_job_at_a_time(uploader: DocumentUploader, tmp_path: Path) -> None:
    saved, _ = uploader.save([render_report_pdf(tmp_path / "reporte_2025.pdf", 2025)])
    uploader._job = IngestProgress(total=1)  # another administrator's job, still running
    with pytest.raises(IngestBusy, match="Ya hay una ingesta en curso; espere a que termine."):
        uploader.start(saved)
    uploader._job.state = "terminado"
    assert _wait(uploader.start(saved)).messages[-1].startswith("✔ «reporte_2025.pdf» ingerido")


def test_a_busy_ingest_lock_is_reported_in_spanish(uploader: DocumentUploader, tmp_path: Path) -> None:
    from ingest.generations import ingest_lock

    saved, _ = uploader.save([render_report_pdf(tmp_path / "reporte_2025.pdf", 2025)])
    with ingest_lock(Path(uploader.settings.data_dir)):  # as if `pncti ingest` were running
        job = _wait(uploader.start(saved))
    assert job.messages == [("✖ «reporte_2025.pdf» no se ingirió: otro proceso está ingiriendo; "
                             "vuelva a intentarlo cuando termine.")]
    assert job.finished and job.fraction == 1.0


def test_the_page_gets_the_final_state_when_the_job_ends_between_two_updates() -> None:
    from assistant.web.tabs import follow

    job = IngestProgress(total=1, done=1, step="Cargando los documentos nuevos para el asistente…")
    updates = follow(job, poll_s=0)
    assert "(99 %)" in next(updates)
    # The ingest thread ends while Gradio is still sending that update.
    job.messages.append("✔ «reporte_2024.pdf» ingerido.")
    job.step, job.state = "Listo.", "terminado"
    rest = list(updates)
    assert rest and "Listo. (100 %)" in rest[-1] and "reporte_2024.pdf" in rest[-1]
