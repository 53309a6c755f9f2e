"""Indicator tables as pypdf and text exports emit them: one row a line, cells split by "|".

A header row is recognised by its words (Código, Indicador, Línea de base, Logro esperado
20XX, Valor obtenido, Avance); each column gets a role and, where the header names one, a
year. A bare year after a "Logro esperado" column is another year of the same role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.numbers import parse_number, strip_accents
from ingest.reports import cues
from ingest.reports.codes import find_codes

_YEAR_RE = re.compile(r"\b(19\d{2}|20\d{2})\b")
_CELL_YEAR_VALUE = re.compile(r"^\s*(19\d{2}|20\d{2})\s*:\s*(.+)$")


@dataclass
class Column:
    """A table column: its role (code, name, direction, valor, meta, linea_base, avance…) and year."""

    role: str | None
    year: int | None = None


@dataclass
class Cell:
    """A figure read from a table cell."""

    role: str
    year: int | None
    value: float | None  # None for "s.i.", "ND" and other no-data cells
    raw: str
    percent: bool


def split_row(text: str) -> list[str] | None:
    """The cells of a table line, or None when the line is not one."""
    if text.count("|") < 2:
        return None
    return [c.strip() for c in text.strip().strip("|").split("|")]


def header(cells: list[str]) -> list[Column] | None:
    """Column roles when ``cells`` is a header row, else None."""
    columns: list[Column] = []
    known = 0
    for cell in cells:
        folded = strip_accents(cell).strip()
        role = next((r for word, r in cues.HEADER_ROLES if folded.startswith(word)), None)
        years = _YEAR_RE.findall(cell)
        year = int(years[0]) if years else None
        if role is None and re.fullmatch(r"(19|20)\d{2}", folded):
            # "Logro esperado 2023 | 2024 | 2030": a bare year repeats the column before it.
            role = columns[-1].role if columns else None
        if role is not None:
            known += 1
        columns.append(Column(role, year))
    roles = {c.role for c in columns}
    if known >= 3 and ("code" in roles or "name" in roles):
        return columns
    return None


def is_no_data(cell: str) -> bool:
    """True for "s.i.", "ND", "—" and other cells that say the figure is missing."""
    return strip_accents(cell).strip().rstrip(".") in {c.rstrip(".") for c in cues.NO_DATA_CELLS}


def read_cells(columns: list[Column], cells: list[str]) -> tuple[str | None, str | None, str | None, list[Cell]]:
    """(code, name, direction, figures) of a data row under ``columns``."""
    code = name = direction = None
    figures: list[Cell] = []
    for column, cell in zip(columns, cells, strict=False):
        if column.role == "code":
            found = find_codes(cell)
            code = found[0].text if found else None
        elif column.role == "name":
            name = cell
        elif column.role == "direction":
            direction = "descendente" if "descend" in strip_accents(cell) else "ascendente"
        elif column.role in (cues.VALUE, cues.TARGET, cues.BASELINE, cues.PROGRESS):
            year = column.year
            text = cell
            if m := _CELL_YEAR_VALUE.match(cell):
                year, text = int(m.group(1)), m.group(2)
            if is_no_data(text):
                figures.append(Cell(column.role, year, None, cell, False))
                continue
            number = parse_number(text.replace("%", "").strip())
            if number is not None:
                figures.append(Cell(column.role, year, number, cell, "%" in text))
    if code is None:
        # A row whose code sits in another column than the header says.
        for cell in cells:
            found = [c for c in find_codes(cell) if c.is_indicator]
            if found and cell.strip() == found[0].text:
                code = found[0].text
                break
    return code, name, direction, figures
