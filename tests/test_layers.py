"""The layers a newcomer can rely on: no import cycles, no upward imports.

The contracts live in pyproject.toml ([tool.importlinter]); this runs
import-linter over them, so an import that breaks a layer or closes a cycle
fails the suite with import-linter's explanation of the offending chain.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _lint(config: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """``lint-imports --config CONFIG``, in a fresh interpreter (import-linter imports nothing of ours)."""
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(config)], cwd=cwd, capture_output=True, text=True, timeout=240
    )


def test_every_contract_is_kept():
    result = _lint(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "module, planted, contract",
    [
        ("linkhealth/health.py", "import pipelines.judge", "The core imports nothing"),
        ("pipelines/gates.py", "import crawler.spider", "The pipelines import the core only"),
        ("pipelines/page.py", "import pipelines.judge", "No import cycles"),
    ],
)
def test_the_contracts_catch_a_planted_violation(tmp_path, module, planted, contract):
    """Not vacuous: a copy of the tree with one upward import or one cycle planted in it
    breaks the contract that forbids it (the contracts carry no ignore lines)."""
    for package in _config()["root_packages"]:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{planted}  # planted\n", encoding="utf-8")
    result = _lint(tmp_path / "pyproject.toml", cwd=tmp_path)
    said = " ".join(result.stdout.split())
    assert result.returncode != 0 and "BROKEN" in said, said
    broken = [c["name"] for c in _config()["contracts"] if f"{c['name']} BROKEN" in said]
    assert [name for name in broken if name.startswith(contract)], said


def test_every_linkhealth_module_is_placed_in_a_layer():
    """A new module of linkhealth must be named as core or as a top-layer module."""
    contracts = {c["id"]: c for c in _config()["contracts"]}
    core = set(contracts["core"]["source_modules"])
    top = {m for m in contracts["core"]["forbidden_modules"] if m.startswith("linkhealth.")}
    placed = core | top
    graph = grimp.build_graph("linkhealth")
    modules = {m for m in graph.modules if m != "linkhealth" and m != "linkhealth.distributed"}
    unplaced = {m for m in modules if not any(m == p or m.startswith(p + ".") for p in placed)}
    assert not unplaced, f"name these in pyproject.toml's [tool.importlinter] contracts: {sorted(unplaced)}"
