"""Generation order is the build order, even within one second; garbage collection keeps the live one."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from ingest import generations


def _build(data: Path, marker: str) -> Path:
    """Build and publish one (empty) generation, as the pipeline does, and tag it."""
    building = generations.new_building_dir(data)
    (building / "marker.txt").write_text(marker, encoding="utf-8")
    return generations.publish(data, building)


@pytest.fixture
def same_second(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every generation gets the same clock second (their random suffixes then sort any way)."""
    stamp = "20260101T000000"
    monkeypatch.setattr(generations, "time", SimpleNamespace(strftime=lambda fmt: stamp))
    return stamp


def _publish_many(data: Path, n: int) -> list[Path]:
    """``n`` generations published one after another (within one pinned clock second)."""
    return [_build(data, f"g{i}") for i in range(n)]


def test_generations_built_in_the_same_second_keep_build_order(tmp_path: Path, same_second: str) -> None:
    data = tmp_path / "data"
    built = _publish_many(data, 6)
    assert {p.name.split("-")[2] for p in built} == {same_second}  # only the number orders them
    assert [generations.generation_sequence(p) for p in built] == [1, 2, 3, 4, 5, 6]
    assert generations.list_generations(data) == built
    assert sorted(built, key=lambda p: p.name) == built  # zero-padded: the name sorts too
    assert generations.current_generation(data) == built[-1]
    assert (built[-1] / "marker.txt").read_text(encoding="utf-8") == "g5"


def test_garbage_collection_keeps_the_live_generation_and_the_one_before(tmp_path: Path, same_second: str) -> None:
    data = tmp_path / "data"
    built = _publish_many(data, 5)
    generations.collect_garbage(data)
    assert generations.list_generations(data) == built[-2:]
    assert generations.current_generation(data) == built[-1]


def test_garbage_collection_never_drops_the_live_one_nor_newer_ones(tmp_path: Path, same_second: str) -> None:
    data = tmp_path / "data"
    built = _publish_many(data, 5)
    # The pointer goes back to the second generation (e.g. restored by hand): it, the one
    # before it and every newer one stay; only older ones go.
    (data / generations.POINTER).write_text(built[1].name, encoding="utf-8")
    generations.collect_garbage(data)
    assert generations.list_generations(data) == built
    (data / generations.POINTER).write_text(built[2].name, encoding="utf-8")
    generations.collect_garbage(data, keep=1)
    assert generations.list_generations(data) == built[2:]
    assert generations.current_generation(data) == built[2]


def test_numbers_continue_after_collection_and_half_built_folders_go(tmp_path: Path, same_second: str) -> None:
    data = tmp_path / "data"
    built = _publish_many(data, 3)
    generations.collect_garbage(data)
    half = generations.new_building_dir(data)
    assert generations.generation_sequence(half) == 4
    generations.collect_garbage(data)
    assert not half.exists()
    nxt = _build(data, "next")
    assert generations.generation_sequence(nxt) == 4  # the dropped half-built folder frees its number
    assert generations.list_generations(data) == [*built[-2:], nxt]
    generations.collect_garbage(data)
    assert generations.list_generations(data) == [built[-1], nxt]


def test_old_style_names_sort_before_numbered_ones(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    old = data / "gen-20991231T235959-ffffff"  # a later clock time, but built by the old code
    old.mkdir()
    (data / generations.POINTER).write_text(old.name, encoding="utf-8")
    assert generations.generation_sequence(old) is None
    new = _build(data, "new")
    assert generations.generation_sequence(new) == 1
    assert generations.list_generations(data) == [old, new]
    generations.collect_garbage(data, keep=1)
    assert generations.list_generations(data) == [new]


def test_final_name_of_a_building_and_of_a_published_generation(tmp_path: Path) -> None:
    building = generations.new_building_dir(tmp_path)
    name = generations.final_name(building)
    assert name.startswith("gen-000001-") and name == building.name.replace(".building-", "gen-")
    published = generations.publish(tmp_path, building)
    assert generations.final_name(published) == published.name == name
