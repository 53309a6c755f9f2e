"""The README documents every CLI command and the two set-up commands."""

from pathlib import Path

from pncti.cli import build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"pncti {name}" in README, f"README no documenta `pncti {name}`"


def test_two_commands_are_documented() -> None:
    assert "make run" in README and "make test" in README
