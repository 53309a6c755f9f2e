"""Spanish number forms are read as the report writes them."""

import pytest

from ingest.numbers import find_numbers, format_number, parse_number


@pytest.mark.parametrize(
    ("token", "value"),
    [("45.83", 45.83), ("4,17", 4.17), ("97,9%", 97.9), ("197.6", 197.6), ("90.04 %", 90.04),
     ("1.234", 1234.0), ("1.234,5", 1234.5), ("dos", 2.0), ("treinta y dos", 32.0), ("veintiún", 21.0),
     ("ciento cuarenta y dos", 142.0), ("0.5", 0.5)],
)
def test_parse_number_reads_spanish_forms(token: str, value: float) -> None:
    assert parse_number(token) == pytest.approx(value)


def test_find_numbers_skips_codes_and_decree_numbers() -> None:
    text = "El IOP.03.01 obtuvo 45,83 % (Decreto Supremo N° 008-2023-RE) y dos espacios."
    found = [(n.value, n.percent) for n in find_numbers(text)]
    assert found == [(45.83, True), (2.0, False)]


def test_articles_are_not_figures() -> None:
    assert find_numbers("se obtuvo un valor de una entidad") == []


def test_format_number_is_canonical() -> None:
    assert format_number(45.83) == "45.83"
    assert format_number(2.0) == "2"
    assert format_number(97.90) == "97.9"
