"""The core's types hold: ``mypy`` (settings in pyproject.toml) finds nothing in ``linkhealth/``.

Typed code is how a reader learns what a store method takes and returns; an error
here is usually a real one (a value that may be None used as if it never were).
Modules outside ``linkhealth/`` are followed for their types but not reported.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_finds_nothing_in_linkhealth():
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--follow-imports=silent", "linkhealth"],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_nothing_in_the_page_model_and_its_readers():
    """The page model and the stages that read it (the gate tuner and the identity check
    build on their attributes), with the modules they import reported too."""
    files = ["pipelines/page.py", "pipelines/metadata.py", "pipelines/identity.py", "pipelines/classify.py"]
    result = subprocess.run(
        [sys.executable, "-m", "mypy", *files],
        cwd=ROOT, capture_output=True, text=True, timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
