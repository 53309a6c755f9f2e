"""Moved to :mod:`assistant.settings`; this re-export keeps ``bench/measure.py`` working until it imports from there."""

from assistant.settings import Settings, get_settings

__all__ = ["Settings", "get_settings"]
