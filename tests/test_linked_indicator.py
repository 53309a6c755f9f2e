"""A figure is marked as the store's only for the indicator the question names."""

from __future__ import annotations

from assistant.core import Assistant


def test_en_la_region_is_latin_america_never_the_other_regions_figure(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué porcentaje alcanzó el Perú como oferente en la región?")
    assert not answer.refused
    assert {f.indicator for f in answer.figures if f.source == "almacén"} == {"IOP.03.01"}
    assert "45.83 %" in answer.text and "4.17" not in answer.text
    # The answer names, in words, the indicator it answers.
    assert "IOP.03.01 (porcentaje de proyectos oficiales de CSS como oferente técnico en ALC)" in answer.text


def test_other_regions_are_never_answered_with_the_latin_american_figure(assistant: Assistant) -> None:
    answer = assistant.ask("¿Qué porcentaje de proyectos ofreció el Perú en otras regiones?")
    assert "45.83" not in answer.text
    assert all(f.indicator in (None, "IOP.03.02") for f in answer.figures)
