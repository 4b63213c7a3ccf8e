"""The project's types hold: ``mypy`` finds nothing in ``linkhealth``, ``pipelines``,
``crawler`` or ``schedules`` (the files and settings are pyproject.toml's ``[tool.mypy]``).

Typed code is how a reader learns what a store method takes and returns, or what a
judge may be handed; an error here is usually a real one (a value that may be None
used as if it never were, an attribute a class never declared).
"""

import subprocess
import sys
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["linkhealth", "pipelines", "crawler", "schedules"]


def test_mypy_checks_every_package_of_the_project():
    """The configuration names every package, so ``mypy`` alone (as CI runs it) checks them all."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert sorted(config["files"]) == sorted(PACKAGES)
    assert config.get("check_untyped_defs") is True, "the bodies of unannotated functions are checked too"


def test_mypy_finds_nothing_in_the_project():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *PACKAGES],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=280,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_page_model_and_its_readers():
    """The page model and the stages that read it (the gate tuner and the identity check
    build on their attributes), with the modules they import reported too."""
    files = ["pipelines/page.py", "pipelines/metadata.py", "pipelines/identity.py", "pipelines/classify.py"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
