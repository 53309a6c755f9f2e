"""Errors shared by the ingest modules (kept apart so loaders and the PDF reader need not import each other)."""

from __future__ import annotations


class UnreadableDocument(Exception):
    """A corpus file could not be read; the message says why, in Spanish, for the report."""
