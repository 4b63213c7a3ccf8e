"""How well the judge tells what a page is, on the gate corpus (tests/fixtures/gates).

The corpus comes in batches, each split into a tune half and a holdout half
(tests/gatecorpus.py). A holdout measures pages nobody tuned on only until its misses
have been read; then its batch is spent (``SPENT_BATCHES``) and wholly ``tune``. So the
development set is every ``tune`` case: the spent batches whole (1–3, 430 cases), and the
tune half of a later batch once it has been opened (``OPENED_BATCHES``: batch 4's 98). All of it must be judged right: a rule that stops
matching a page it was written or checked against is a regression. A page served from a
new address (``moved``) counts as served (``tests/gatecorpus.py:verdict_label``).

A fresh batch (``FRESH_BATCHES``: written blind, neither half yet read while rules were
written) is not development data: its tune half joins the development set only once its
misses are read and fixed. Its holdout half is the measure that counts, judged per label
as a whole (never case by case: nobody may fit a rule to one of these pages). The
issue's targets (``TARGETS``) are not yet met there (docs/gates.md); until they are, the
holdout is held at the figures measured when the batch arrived (``HOLDOUT_FLOORS``), so
a change that judges unseen pages worse fails even while the targets are out of reach.
"""

from __future__ import annotations

import pytest

from linkhealth.outcomes import Gate, Outcome
from pipelines.judge import judge

from .gatecorpus import FRESH_BATCHES, label, label_scores, load_cases, verdict_label, visit_from_case

CASES = load_cases()
DEVELOPMENT = [c for c in CASES if c["split"] == "tune" and c.get("batch", 1) not in FRESH_BATCHES]
HOLDOUT = [c for c in CASES if c["split"] == "holdout"]

#: (precision, recall) every label must reach on an unseen holdout half: the issue's targets
TARGETS: dict[str, tuple[float, float]] = {
    name: (0.97, 0.90) for name in [g.value for g in Gate] + [Outcome.BLOCKED.value, Outcome.OK.value]
}

#: Per batch, (precision, recall) per label measured on its holdout half (rounded down): the
#: floor no change may go below. A batch leaves this table when its holdout is spent (opened
#: for tuning), its figures kept in the docs (batches 4 and 5 left it for the sixth round).
#: Batch 6's were first measured on 2026-12-03 with the fifth round's rules, before any of it
#: was read, and set again after the sixth round (which never saw it; two figures fell by one
#: page each, recorded in docs/gates.md) and raised after the seventh (tuned on its tune half).
HOLDOUT_FLOORS: dict[int, dict[str, tuple[float, float]]] = {
    6: {
        "login": (0.83, 0.95),
        "request_access": (0.88, 0.71),
        "registration": (1.00, 0.61),
        "paywall": (1.00, 0.81),
        "private": (0.94, 0.76),
        "auth": (1.00, 1.00),
        "forbidden": (0.89, 0.94),
        "blocked": (0.90, 0.86),
        "ok": (0.70, 0.92),
    },
}


def judged_label(case: dict) -> str:
    return verdict_label(judge(visit_from_case(case)))


@pytest.mark.parametrize("case", DEVELOPMENT, ids=[c["name"] for c in DEVELOPMENT])
def test_the_development_set_is_judged_right(case):
    assert judged_label(case) == label(case), case["why"]


def test_every_holdout_half_has_floors():
    """A batch whose holdout half is measured but held to nothing could get worse unseen."""
    assert {c.get("batch", 1) for c in HOLDOUT} <= set(HOLDOUT_FLOORS)


@pytest.mark.parametrize("batch", sorted(HOLDOUT_FLOORS))
def test_the_holdout_half_stays_at_or_above_its_floors(batch):
    """Judged per label as a whole (never case by case: nobody may fit a rule to one of these pages)."""
    cases = [c for c in HOLDOUT if c.get("batch", 1) == batch]
    if not cases:
        pytest.skip(f"batch {batch} has no holdout cases in this manifest")
    floors = HOLDOUT_FLOORS[batch]
    figures = label_scores(((label(c), judged_label(c)) for c in cases), floors)
    below = {}
    for name, (min_precision, min_recall) in floors.items():
        # nothing judged so is no false gate (precision 1); no such page is no miss (recall 1)
        precision = figures[name]["precision"] if figures[name]["precision"] is not None else 1.0
        recall = figures[name]["recall"] if figures[name]["recall"] is not None else 1.0
        if precision < min_precision - 1e-3 or recall < min_recall - 1e-3:
            below[name] = (precision, recall)
    assert not below, f"batch {batch} below its holdout floors (precision, recall): {below}"


def test_the_development_set_covers_every_label():
    """The development set means something only with every gate kind, bot walls and served pages in it."""
    assert {label(c) for c in DEVELOPMENT} >= {g.value for g in Gate} | {"ok", "blocked"}
