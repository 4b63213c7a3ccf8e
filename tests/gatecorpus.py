"""The gate corpus (tests/fixtures/gates): its manifest, the Visit each case stands for,
and the one rule that splits it into a tune half and a holdout half.

``tests/fixtures/gates/cases.json`` is a list of cases, each one visit of a catalogued URL:

- ``name``: unique id; ``file``: the body, a file in tests/fixtures/gates (null: no body);
- ``platform``: who serves the page (e.g. "Moodle", "Okta", "Cloudflare"); ``kind``: the
  family of that platform ("learning platform", "single sign-on", "video host", ...);
- ``url``: the URL as catalogued (nothing is fetched: any realistic host);
- ``status`` and ``headers`` (lower-cased names): what the last hop answered;
- ``redirect_chain``: the hops ``{"url", "status", "location"}`` in order, as the spider
  records them in ``Visit.redirect_chain`` (empty: answered directly);
- ``final_url``: the URL that answered last (the last hop's ``location``, or ``url``);
- ``expected``: ``{"outcome", "gate"}``, the verdict a careful reader would give;
- ``batch``: the release of the corpus the case came in (1, 2, ...);
- ``split``: ``"tune"`` or ``"holdout"``, recorded by :func:`split_cases`;
- ``first_label`` (only on a case relabelled after its batch was split): the label it was
  split under, so that correcting a label never moves a page into the other half;
- ``why``: one line on what makes the page what it is.

The split exists so that gate rules are written against one half and judged on the
other: a rule tuned on every page says nothing about pages it has not seen. The
split is a pure function of the case names, labels and batches, so it can be checked
rather than trusted (``tests/test_gate_corpus.py``) and re-derived after cases are
added (``python -m tests.gatecorpus --write-split``). Each batch is split on its own:
alternating over one ordered list means a new name shifts every later case of its
label into the other half, and a holdout page that rules were once tuned on no longer
measures anything. New cases therefore go in a new batch, and old halves never move.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from linkhealth.outcomes import Outcome
from linkhealth.visit import Visit

CORPUS = Path(__file__).parent / "fixtures" / "gates"
MANIFEST = CORPUS / "cases.json"
HALVES = ("tune", "holdout")


def load_cases(path: Path = MANIFEST) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def label(case: dict[str, Any]) -> str:
    """The expected verdict as one string: the gate for gated pages, else the outcome."""
    expected = case["expected"]
    return expected["gate"] if expected["outcome"] == "gated" else expected["outcome"]


def verdict_label(verdict: Any) -> str:
    """What the judge said, as a label: the gate for ``gated``, else the outcome, with
    ``moved`` counted as ``ok``. The corpus asks whether something stands in front of the
    resource; a page served from a new address (a 301 to it) is served, and the judge's
    ``moved`` only adds where."""
    if verdict.outcome is Outcome.GATED and verdict.gate:
        return str(verdict.gate)
    return Outcome.OK.value if verdict.outcome is Outcome.MOVED else str(verdict.outcome)


#: Batches whose holdout half has been measured, reported and then opened for tuning.
#: A holdout measures pages nobody tuned on only once: after its misses were read and
#: fixed it is development data like the rest, so its cases count as ``tune``, and a
#: new batch, written by people who never saw the rules, takes over the measuring.
SPENT_BATCHES: dict[int, str] = {
    1: "holdout measured (88 % right) and opened for tuning on 2026-12-02, when batch 3 came",
    2: "holdout measured (88 % right, with batch 1) and opened for tuning on 2026-12-02",
    3: "holdout measured (74 % right) and opened for tuning on 2026-12-02, before batch 4",
    4: "holdout measured (74 % right; 82 % after two rounds) and opened for tuning on 2026-12-03",
    5: "holdout measured (76 % right; 80 % after one round) and opened for tuning on 2026-12-03",
}


#: Batches written blind whose halves no rule has been tuned on yet. Their holdout half
#: measures; their tune half becomes development data once its misses are read.
FRESH_BATCHES: dict[int, str] = {}

#: Batches whose tune half has been read and is development data, while their holdout
#: half, never read, still measures (batch 4's tune misses were read in issue 14's fourth
#: round; its holdout is held at the floors in tests/test_gate_accuracy.py).
OPENED_BATCHES: dict[int, str] = {
    6: "445 cases written blind on 2026-12-03 by ten writers, after the fifth round; measured 80 %, 82 % after the sixth round; tune half opened for the seventh round on 2026-12-03",
}


def split_cases(cases: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Each case's half: within each batch and label, cases ordered by the SHA-1 of their
    name alternate tune, holdout, tune, ... so every label is spread evenly over both
    halves, no one can choose which half a page lands in, and adding a batch leaves the
    halves of earlier batches as they were. A case relabelled later is ordered under its
    ``first_label``, for the same reason. A spent batch (:data:`SPENT_BATCHES`) is
    wholly ``tune``."""
    by_label: dict[tuple[int, str], list[str]] = defaultdict(list)
    halves: dict[str, str] = {}
    for case in cases:
        if case.get("batch", 1) in SPENT_BATCHES:
            halves[case["name"]] = "tune"
            continue
        by_label[(case.get("batch", 1), case.get("first_label") or label(case))].append(case["name"])
    for names in by_label.values():
        ordered = sorted(names, key=lambda n: hashlib.sha1(n.encode("utf-8")).hexdigest())
        for i, name in enumerate(ordered):
            halves[name] = HALVES[i % 2]
    return halves


def label_scores(pairs: Iterable[tuple[str, str]], names: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Per label, over ``(expected, judged)`` pairs: the cases that are so, true and false
    positives, misses, precision (of the pages judged so, how many are) and recall (of the
    pages that are, how many were judged so), rounded to three places. A ratio with
    nothing under it is ``None``: no page judged so is no false gate, but no evidence of a
    right one either, and a reader should see which. The one arithmetic that the accuracy
    test and ``benchmarks/gates_measure.py`` both report, so their figures cannot drift."""
    pairs = list(pairs)
    figures: dict[str, dict[str, Any]] = {}
    for name in names:
        tp = sum(1 for want, got in pairs if want == name and got == name)
        fp = sum(1 for want, got in pairs if want != name and got == name)
        fn = sum(1 for want, got in pairs if want == name and got != name)
        figures[name] = {
            "cases": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(tp / (tp + fp), 3) if tp + fp else None,
            "recall": round(tp / (tp + fn), 3) if tp + fn else None,
        }
    return figures


def visit_from_case(case: dict[str, Any]) -> Visit:
    """The Visit the spider would have recorded for a manifest case."""
    body = (CORPUS / case["file"]).read_bytes() if case.get("file") else b""
    return Visit(
        resource_id=case["name"],
        url=case["url"],
        final_url=case.get("final_url") or case["url"],
        status=case["status"],
        headers={k.lower(): v for k, v in (case.get("headers") or {}).items()},
        redirect_chain=[dict(hop) for hop in case.get("redirect_chain") or ()],
        body=body if case["status"] is not None else b"",
        error_class=case.get("error_class"),
        error_message=case.get("error_message"),
    )


def write_split(path: Path = MANIFEST) -> int:
    """Record :func:`split_cases` in the manifest; the number of cases whose half changed."""
    cases = load_cases(path)
    halves = split_cases(cases)
    changed = sum(1 for c in cases if c.get("split") != halves[c["name"]])
    for case in cases:
        case["split"] = halves[case["name"]]
    path.write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


if __name__ == "__main__":
    if sys.argv[1:] != ["--write-split"]:
        sys.exit("usage: python -m tests.gatecorpus --write-split")
    print(f"{write_split()} case(s) changed half")
