"""Optional LLM composer through LangChain (Ollama or any OpenAI-compatible server)."""

from __future__ import annotations

import logging
from typing import Any

from assistant.compose import Templates

log = logging.getLogger(__name__)

NO_ANSWER = "NO_CONSTA"


class LLMUnavailable(Exception):
    """The configured LLM provider's package is missing: install the `[llm]` extra."""


def build_chat_model(provider: str, model: str, base_url: str | None, api_key: str) -> Any | None:
    """A LangChain chat model from settings, or None when the provider is 'none'."""
    if provider == "none":
        return None
    try:
        if provider == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(model=model, base_url=base_url or "http://127.0.0.1:11434", temperature=0)
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=model, base_url=base_url, api_key=api_key, temperature=0, max_retries=0, timeout=30)
    except ImportError as exc:
        raise LLMUnavailable(
            f"Falta el paquete para el proveedor {provider}: instale `pip install -e '.[llm]'`.") from exc


def compose_with_llm(model: Any, templates: Templates, question: str, sources: list[dict[str, Any]]) -> str | None:
    """Ask the model for a short cited answer; None when it declines or fails.

    Sources go in as quoted data inside <fuente> tags, never as instructions; the caller
    verifies every number and citation of the output before showing it.
    """
    from langchain_core.messages import HumanMessage, SystemMessage

    safe_sources = [{**s, "quote": s["quote"].replace("<", "‹").replace(">", "›")} for s in sources]
    messages = [
        SystemMessage(content=templates.render("llm_system")),
        HumanMessage(content=templates.render("llm_user", sources=safe_sources, question=question)),
    ]
    try:
        reply = model.invoke(messages)
    except Exception as exc:  # noqa: BLE001 — a model server being down must never break the answer path
        log.warning("El LLM no respondió (%s); se usa el compositor extractivo.", exc)
        return None
    text = str(getattr(reply, "content", reply)).strip()
    if not text or NO_ANSWER in text:
        return None
    return text
