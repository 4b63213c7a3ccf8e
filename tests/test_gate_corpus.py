"""The gate corpus (tests/fixtures/gates) keeps its shape: wide enough to measure the judge,
every case loadable, and the tune/holdout split exactly the one the split rule gives.

Accuracy is not asserted here; these tests only guard the measure itself.
"""

from __future__ import annotations

from collections import Counter

import pytest

from linkhealth.outcomes import Gate, Outcome
from tests.gatecorpus import CORPUS, HALVES, SPENT_BATCHES, label, load_cases, split_cases, visit_from_case

CASES = load_cases()
GATE_KINDS = {g.value for g in Gate}


def test_the_corpus_is_wide():
    assert len(CASES) >= 150
    assert len({c["platform"] for c in CASES}) >= 40
    assert sum(1 for c in CASES if label(c) == "ok") >= 50
    assert sum(1 for c in CASES if label(c) == "blocked") >= 8


def test_names_are_unique():
    names = Counter(c["name"] for c in CASES)
    assert [n for n, k in names.items() if k > 1] == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_every_case_is_complete_and_loads(case):
    for key in (
        "name",
        "platform",
        "kind",
        "url",
        "status",
        "headers",
        "redirect_chain",
        "final_url",
        "expected",
        "batch",
        "split",
        "why",
    ):
        assert key in case, key
    assert case["why"].strip()
    assert case["file"] is None or (CORPUS / case["file"]).is_file(), case["file"]
    assert all(k == k.lower() for k in case["headers"])
    outcome, gate = Outcome(case["expected"]["outcome"]), case["expected"]["gate"]
    assert (gate is not None) == (outcome is Outcome.GATED)
    assert gate is None or gate in GATE_KINDS
    hops = case["redirect_chain"]
    if hops:
        assert hops[0]["url"] == case["url"]
        assert all(a["location"] == b["url"] for a, b in zip(hops, hops[1:]))
        assert hops[-1]["location"] == case["final_url"]
    else:
        assert case["final_url"] == case["url"]
    v = visit_from_case(case)
    assert v.url == case["url"] and v.final_url == case["final_url"] and v.status == case["status"]
    assert case["file"] is None or v.body


def test_no_file_is_orphaned():
    used = {c["file"] for c in CASES if c["file"]}
    on_disk = {p.name for p in CORPUS.iterdir() if p.name != "cases.json"}
    assert on_disk - used == set()


def test_the_recorded_split_is_the_split_rule():
    """Fails when a case is moved between halves by hand: re-derive with
    ``python -m tests.gatecorpus --write-split`` after adding cases."""
    assert {c["name"]: c["split"] for c in CASES} == split_cases(CASES)


def test_every_label_is_in_both_halves():
    """Every label is in the development set, and in the holdout whenever a fresh batch is
    there to measure (between batches every case is spent and the holdout is empty)."""
    has_holdout = any(c["split"] == "holdout" for c in CASES)
    for name in GATE_KINDS | {"ok", "blocked"}:
        halves = {c["split"] for c in CASES if label(c) == name}
        assert halves == (set(HALVES) if has_holdout else {"tune"}), name


def test_platforms_spread_over_both_halves():
    measuring = [c for c in CASES if c["batch"] not in SPENT_BATCHES]
    halves_of: dict[str, set[str]] = {}
    for c in measuring:
        halves_of.setdefault(c["platform"], set()).add(c["split"])
    several = [p for p in halves_of if sum(1 for c in measuring if c["platform"] == p) >= 3]
    one_sided = [p for p in several if len(halves_of[p]) < 2]
    # By chance a platform of three cases lands wholly in one half one time in four; a
    # split keyed by platform would do so every time. (A one-sided platform makes the
    # holdout harder, never kinder: its pages share nothing with the tuned ones.)
    assert len(one_sided) <= len(several) // 2, one_sided


def test_split_rule_alternates_within_each_label():
    cases = [{"name": f"c{i}", "batch": 10, "expected": {"outcome": "gated", "gate": "login"}} for i in range(7)]
    cases += [{"name": f"d{i}", "batch": 10, "expected": {"outcome": "ok", "gate": None}} for i in range(4)]
    halves = split_cases(cases)
    assert Counter(halves[f"c{i}"] for i in range(7)) == {"tune": 4, "holdout": 3}
    assert Counter(halves[f"d{i}"] for i in range(4)) == {"tune": 2, "holdout": 2}
    assert split_cases(list(reversed(cases))) == halves


def test_a_new_batch_leaves_earlier_halves_alone():
    first = [{"name": f"c{i}", "batch": 10, "expected": {"outcome": "gated", "gate": "login"}} for i in range(9)]
    later = [{"name": f"n{i}", "batch": 11, "expected": {"outcome": "gated", "gate": "login"}} for i in range(5)]
    before = split_cases(first)
    after = split_cases(first + later)
    assert {n: after[n] for n in before} == before
    assert Counter(after[f"n{i}"] for i in range(5)) == {"tune": 3, "holdout": 2}


def test_a_spent_batch_is_wholly_tune_and_a_fresh_one_measures():
    """Once a holdout's misses have been read it is development data; only a batch that no
    rule has seen may stand as the holdout."""
    spent = next(iter(SPENT_BATCHES))
    cases = [{"name": f"s{i}", "batch": spent, "expected": {"outcome": "ok", "gate": None}} for i in range(6)]
    assert set(split_cases(cases).values()) == {"tune"}
    assert all(c["split"] == "tune" for c in CASES if c["batch"] in SPENT_BATCHES)
    fresh = max(SPENT_BATCHES) + 1
    new = [{"name": f"f{i}", "batch": fresh, "expected": {"outcome": "ok", "gate": None}} for i in range(6)]
    assert sorted(split_cases(cases + new)[c["name"]] for c in new) == ["holdout"] * 3 + ["tune"] * 3


def test_the_measure_never_details_holdout_misses():
    """The measure lists tune misses in full and holdout misses by name only, so no rule is
    fitted to the half that judges it."""
    from benchmarks.gates_measure import measure

    holdout = measure(CASES, "holdout")
    assert set(holdout["halves"]) == {"holdout"} and holdout["tune_misses"] == []
    assert all(isinstance(name, str) for name in holdout["holdout_misses"])
    both = measure(CASES, "all")
    assert set(both["halves"]) == set(HALVES)
    assert sum(both["halves"][h]["cases"] for h in HALVES) == len(CASES)
    for miss in both["tune_misses"]:
        assert miss["split"] == "tune" and miss["expected"] != miss["got"] and "detail" in miss
    labels = both["halves"]["tune"]["labels"]
    assert set(labels) == GATE_KINDS | {"ok", "blocked"}
    assert labels["ok"]["cases"] == sum(1 for c in CASES if c["split"] == "tune" and label(c) == "ok")


def test_a_page_served_from_a_new_address_counts_as_served():
    """A 301 to a served page is judged ``moved``; the corpus labels it ``ok`` (nothing stands
    in front of it), and the measure must not count it as a miss."""
    from linkhealth.outcomes import Verdict
    from tests.gatecorpus import verdict_label

    assert verdict_label(Verdict(Outcome.MOVED, None, "moved permanently")) == "ok"
    assert verdict_label(Verdict(Outcome.GATED, Gate.LOGIN, "login form")) == "login"
    assert verdict_label(Verdict(Outcome.SOFT_404, None, "removed")) == "soft_404"
