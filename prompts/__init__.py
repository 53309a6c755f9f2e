"""Prompt and answer templates (Jinja, ``*.md.j2``), shipped as package data.

:class:`assistant.compose.Templates` reads them through ``importlib.resources`` (Jinja's
``PackageLoader``) unless ``PNCTI_PROMPTS_DIR`` names another folder.
"""
