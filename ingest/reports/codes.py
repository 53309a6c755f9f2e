"""The code grammar of CEPLAN policy documents: OP.01, L.01.01, S.01.01, SS.01.02.01,
IOP.01.01, IS.01.01.01, ISS.01.02.01.01, written strictly or loosely ("OP. 01", "O.P. 3").

A code is a prefix and two-digit groups; its prefix and the number of groups say what it
names. This is the one grammar with a fixed form in these documents, so it is a regex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Longest prefixes first so "ISS" is not read as "IS" + "S".
_CODE_RE = re.compile(
    r"(?<![A-Za-z0-9.])(ISS|IOP|IS|SS|OP|O\.P|S|L)\.?\s?(\d{1,2}(?:\.\d{2}){0,4})(?![\d])"
)


@dataclass(frozen=True)
class Code:
    """A code found in text: canonical form, level and position."""

    text: str  # canonical, e.g. "IOP.01.01"
    kind: str  # "objetivo" | "lineamiento" | "servicio" | "indicador_op" | "indicador_servicio"
    groups: tuple[str, ...]
    start: int
    end: int

    @property
    def is_indicator(self) -> bool:
        return self.kind.startswith("indicador")

    @property
    def objective(self) -> str:
        return f"OP.{self.groups[0]}"


def _kind(prefix: str, groups: tuple[str, ...]) -> str | None:
    n = len(groups)
    if prefix in ("OP", "O.P"):
        return "objetivo" if n == 1 else None
    if prefix == "L":
        return "lineamiento" if n == 2 else None
    if prefix in ("S", "SS"):
        return "servicio" if n >= 2 else None
    if prefix == "IOP":
        return "indicador_op" if n == 2 else None
    if prefix in ("IS", "ISS"):
        return "indicador_servicio" if n >= 3 else None
    return None


def find_codes(text: str) -> list[Code]:
    """Every well-formed code in ``text``, canonicalised ("OP. 1" → "OP.01")."""
    found: list[Code] = []
    for m in _CODE_RE.finditer(text):
        prefix = m.group(1).upper()
        groups = tuple(g.zfill(2) for g in m.group(2).split("."))
        kind = _kind(prefix, groups)
        if kind is None:
            continue
        canonical_prefix = "OP" if prefix == "O.P" else prefix
        found.append(Code(f"{canonical_prefix}.{'.'.join(groups)}", kind, groups, m.start(), m.end()))
    return found


def mask_codes(text: str) -> str:
    """``text`` with every code blanked out (same length), so its digits are not read as figures."""
    out = text
    for code in find_codes(text):
        out = out[:code.start] + " " * (code.end - code.start) + out[code.end:]
    return out


def service_digits(code: Code) -> tuple[str, ...]:
    """The service an indicator of a service belongs to, as digit groups (IS.01.02.01 → 01.02)."""
    return code.groups[:-1]
