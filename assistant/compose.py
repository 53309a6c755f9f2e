"""Answer templates from `prompts/`, rendered strictly (a missing variable is an error)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined


@lru_cache(maxsize=4)
def _environment(prompts_dir: str) -> Environment:
    return Environment(loader=FileSystemLoader(prompts_dir), undefined=StrictUndefined,
                       autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


class Templates:
    """Renders the answer and prompt templates of one prompts folder."""

    def __init__(self, prompts_dir: Path) -> None:
        self.env = _environment(str(prompts_dir))

    def render(self, template: str, **context: Any) -> str:
        """Render ``template`` (its file name without the ``.md.j2`` suffix)."""
        return self.env.get_template(f"{template}.md.j2").render(**context).strip()
