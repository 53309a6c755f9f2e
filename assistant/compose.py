"""Answer templates from the ``prompts`` package, rendered strictly (a missing variable is an error)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined


@lru_cache(maxsize=4)
def _environment(prompts_dir: str | None) -> Environment:
    # PackageLoader reads through importlib.resources, so a wheel install finds the templates.
    loader: BaseLoader = PackageLoader("prompts", "") if prompts_dir is None else FileSystemLoader(prompts_dir)
    return Environment(loader=loader, undefined=StrictUndefined,
                       autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


class Templates:
    """Renders the answer and prompt templates of one prompts folder (default: the ``prompts`` package)."""

    def __init__(self, prompts_dir: Path | None = None) -> None:
        self.env = _environment(None if prompts_dir is None else str(prompts_dir))

    def render(self, template: str, **context: Any) -> str:
        """Render ``template`` (its file name without the ``.md.j2`` suffix)."""
        return self.env.get_template(f"{template}.md.j2").render(**context).strip()
