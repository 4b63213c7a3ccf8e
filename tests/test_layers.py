"""The layers a newcomer can rely on: no import cycles, no upward imports.

The contracts live in pyproject.toml ([tool.importlinter]); this runs
import-linter over them, so an import that breaks a layer or closes a cycle
fails the suite with import-linter's explanation of the offending chain.
"""

import subprocess
import sys
from pathlib import Path

import grimp
import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _lint(config: Path) -> subprocess.CompletedProcess:
    """``lint-imports --config CONFIG``, in a fresh interpreter (import-linter imports nothing of ours)."""
    code = (
        "import sys; from importlinter.cli import lint_imports; "
        "sys.exit(lint_imports(config_filename=sys.argv[1], no_cache=True))"
    )
    return subprocess.run(
        [sys.executable, "-c", code, str(config)], cwd=ROOT, capture_output=True, text=True, timeout=240
    )


def test_every_contract_is_kept():
    result = _lint(ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_contracts_catch_the_known_violations(tmp_path):
    """Not vacuous: without its ignore list, each contract that has one reports the imports
    left to fix. (import-linter itself fails a contract whose ignore line matches no import,
    so a fixed import must also lose its line.)"""
    with_ignores = [c["name"] for c in _config()["contracts"] if c.get("ignore_imports")]
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    strict = "\n".join(line for line in config.splitlines() if "->" not in line)
    (tmp_path / "strict.toml").write_text(strict, encoding="utf-8")
    result = _lint(tmp_path / "strict.toml")
    said = " ".join(result.stdout.split())
    for name in with_ignores:
        assert f"{name} BROKEN" in said, said


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
