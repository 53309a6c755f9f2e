"""The package works when installed from a wheel, and its layers import only downwards.

The wheel test builds an sdist and a wheel from it (so a stale ``build/`` folder in the
checkout cannot leak into the wheel), installs the wheel into a fresh venv and, from a folder
outside the repository, renders a prompt template and loads the intent example bank through
the installed package. Nothing touches the network: the build runs without isolation, pip runs
with ``--no-index``, and every subprocess gets a proxy on a closed loopback port. The wheel
tests take about 6 s together, so they are not marked slow.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

PACKAGES = ("assistant", "ingest", "pncti", "prompts", "synthcorpus")
DEAD_PROXY = "http://127.0.0.1:9"  # discard port: any HTTP attempt fails at once


def _imports(path: Path) -> set[str]:
    """Top-level names of the modules ``path`` imports (absolute imports only)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _sources(*folders: str) -> list[Path]:
    return [p for folder in folders for p in sorted((ROOT / folder).rglob("*.py"))
            if "__pycache__" not in p.parts]


def test_assistant_and_ingest_never_import_the_cli_package() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in _sources("assistant", "ingest")
                 if "pncti" in _imports(p)]
    assert offenders == []


def test_gradio_is_imported_only_below_assistant_web() -> None:
    offenders = [str(p.relative_to(ROOT)) for p in _sources("assistant", "ingest")
                 if "gradio" in _imports(p) and (ROOT / "assistant" / "web") not in p.parents]
    assert offenders == []


def test_default_settings_use_the_packaged_prompts(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.compose import Templates
    from assistant.settings import get_settings

    monkeypatch.delenv("PNCTI_PROMPTS_DIR", raising=False)
    settings = get_settings()
    assert settings.prompts_dir is None
    text = Templates(settings.prompts_dir).render("refusal", reason="", topics=[])
    assert text.startswith("No encuentro esa información en los documentos ingeridos.")


def test_a_prompts_folder_setting_overrides_the_package(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.compose import Templates
    from assistant.settings import get_settings

    (tmp_path / "refusal.md.j2").write_text("Sin datos: {{ reason }}", encoding="utf-8")
    monkeypatch.setenv("PNCTI_PROMPTS_DIR", str(tmp_path))
    settings = get_settings()
    assert settings.prompts_dir == tmp_path
    assert Templates(settings.prompts_dir).render("refusal", reason="x") == "Sin datos: x"


def _offline_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(("PYTHON", "PNCTI_"))}
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        env[name] = DEAD_PROXY
    env.update(NO_PROXY="", no_proxy="", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               HF_HUB_OFFLINE="1")
    return env


def _run(cmd: list[str], cwd: Path) -> str:
    out = subprocess.run([str(c) for c in cmd], cwd=cwd, env=_offline_env(), capture_output=True,
                         text=True, timeout=600, check=False)
    assert out.returncode == 0, f"{cmd} failed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from an sdist of the working tree, offline."""
    pytest.importorskip("build", reason="install the `test` extra (it holds `build`)")
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", dist, ROOT], cwd=dist)
    (found,) = dist.glob("*.whl")
    return found


def test_the_wheel_holds_every_module_template_and_data_file(wheel: Path) -> None:
    expected = {str(p.relative_to(ROOT)) for p in _sources(*PACKAGES)}
    expected |= {f"assistant/data/{p.name}" for p in (ROOT / "assistant" / "data").glob("*.yaml")}
    expected |= {f"prompts/{p.name}" for p in (ROOT / "prompts").glob("*.md.j2")}
    assert len([e for e in expected if e.endswith(".md.j2")]) >= 10
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    assert sorted(expected - names) == []


def test_an_installed_wheel_renders_prompts_and_loads_the_example_bank(
        wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    # --system-site-packages reaches only the base interpreter; the dependencies live in the
    # project's venv, whose site folder is added by a .pth file. A plain path line in a .pth
    # does not run that folder's own .pth files, so the editable install's finder stays out.
    _run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", venv], cwd=tmp_path)
    python = venv / "bin" / "python"
    site = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     cwd=tmp_path).strip())
    (site / "project_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
          "--disable-pip-version-check", "--quiet", wheel], cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, assistant, prompts\n"
        "from assistant.compose import Templates\n"
        "from assistant.intents import load_examples\n"
        "from assistant.settings import get_settings\n"
        "settings = get_settings()\n"
        "text = Templates(settings.prompts_dir).render('refusal', reason='', topics=['Indicadores'])\n"
        "examples = load_examples()\n"
        "print(json.dumps({'assistant': assistant.__file__, 'prompts': prompts.__file__,\n"
        "                  'prompts_dir': settings.prompts_dir, 'text': text,\n"
        "                  'examples': len(examples), 'intents': sorted({e.intent for e in examples})}))\n"
    )
    got = json.loads(_run([python, "-c", code], cwd=elsewhere).splitlines()[-1])

    assert Path(got["assistant"]).is_relative_to(site), got["assistant"]
    assert Path(got["prompts"]).is_relative_to(site), got["prompts"]
    assert got["prompts_dir"] is None
    assert got["text"].startswith("No encuentro esa información en los documentos ingeridos.")
    assert "- Indicadores" in got["text"]
    bank = yaml.safe_load((ROOT / "assistant" / "data" / "intents.yaml").read_text(encoding="utf-8"))
    assert got["intents"] == sorted(bank["intents"])
    assert got["examples"] == sum(len(spec["examples"]) for spec in bank["intents"].values())
