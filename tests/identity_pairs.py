"""The labelled page/catalogue pairs of ``tests/fixtures/identity/`` and their halves.

Shared by the identity tests and ``benchmarks/identity_measure.py``. Each pair
falls in the *tuning* half or the *held-out* half by a hash of its name, fixed
before any rule was written: the rules were tuned on one half only, and the
figures in docs/identity.md are the other half's.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "identity"


def half(name: str) -> str:
    """``tune`` or ``held_out``: the first hex digit of the name's SHA-1, 0-7 or 8-f."""
    return "tune" if hashlib.sha1(name.encode()).hexdigest()[0] in "01234567" else "held_out"


def load_pairs() -> list[dict[str, Any]]:
    pairs = json.loads((FIXTURES / "manifest.json").read_text(encoding="utf-8"))["pairs"]
    for pair in pairs:
        pair["half"] = half(pair["name"])
        path = FIXTURES / pair["page"]
        pair["body"] = path.read_bytes()
        pair["content_type"] = "application/pdf" if path.suffix == ".pdf" else "text/html; charset=utf-8"
    return pairs


def judged(pairs: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
    """Each pair with the identity verdict its page gets."""
    from pipelines.identity import judge_identity, page_fields

    out = []
    for pair in pairs:
        fields = page_fields(pair["body"], pair["content_type"]) or {}
        out.append((pair, judge_identity(fields, pair["catalogue"])))
    return out


def precision_recall(results, label: str) -> tuple[float, float, int, int]:
    """Precision and recall of verdict ``label``; with how many were said and labelled so."""
    said = [p for p, v in results if v.verdict == label]
    labelled = [p for p, v in results if p["label"] == label]
    right = [p for p, v in results if v.verdict == label and p["label"] == label]
    precision = len(right) / len(said) if said else 1.0
    recall = len(right) / len(labelled) if labelled else 1.0
    return precision, recall, len(said), len(labelled)
