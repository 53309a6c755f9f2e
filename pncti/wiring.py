"""The one place where stores, embedder, LLM and the Assistant are built."""

from __future__ import annotations

import logging

from assistant.compose import Templates
from assistant.core import Assistant
from assistant.knowledge import KnowledgeBase
from assistant.llm import build_chat_model
from assistant.settings import Settings
from ingest.embedder import encode_questions_on_one_thread, load_embedder

log = logging.getLogger(__name__)


def build_assistant(settings: Settings, background_encoder: bool = False) -> Assistant:
    """Build the Assistant described by ``settings``.

    ``background_encoder`` (``pncti serve``) defers the embedding model: it loads in a thread
    once started (or on the first search), and figure questions are answered meanwhile.
    """
    embeddings = load_embedder(settings.embedder, settings.embedder_path, settings.embedder_int8,
                               background=background_encoder)
    if embeddings is not None and not background_encoder:
        encode_questions_on_one_thread()
    kb = KnowledgeBase(settings.data_dir, embeddings, settings.chroma_host, settings.chroma_port)
    llm = build_chat_model(settings.llm_provider, settings.llm_model, settings.llm_base_url, settings.llm_api_key)
    return Assistant(kb, Templates(settings.prompts_dir), dense_weight=settings.dense_weight,
                     min_evidence=settings.min_evidence, llm=llm)
