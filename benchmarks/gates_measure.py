"""How well the judge tells what a page is: precision and recall per gate kind on the gate corpus.

    python benchmarks/gates_measure.py                  # the tune half, its misses listed
    python benchmarks/gates_measure.py --half holdout   # the half no rule was tuned on
    python benchmarks/gates_measure.py --half all       # both halves
    python benchmarks/gates_measure.py --batch 2        # only the cases added after tuning began
    python benchmarks/gates_measure.py --json           # the same figures, machine-readable

Loads ``tests/fixtures/gates/cases.json``, runs ``pipelines.judge.judge`` on the Visit of
every case and compares the verdict's label (the gate for ``gated``, else the outcome) with
the expected one. For each gate kind, and for ``blocked`` and ``ok``, it prints precision
(of the pages judged so, how many are), recall (of the pages that are, how many were judged
so) and the counts behind them, per half. Labels outside those (``not_found``, ...) are
counted in the overall accuracy.

Misjudged cases are listed in full for the tune half only; holdout misses are listed by name,
so that rules are never fitted to the half that measures them. The holdout's figures are
printed only when asked for (``--half holdout`` or ``all``): whoever tunes rules runs the
default and never sees them, not even as totals per kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from linkhealth.outcomes import Gate, Outcome  # noqa: E402
from pipelines.judge import judge  # noqa: E402
from tests.gatecorpus import HALVES, label, label_scores, load_cases, verdict_label, visit_from_case  # noqa: E402

GATE_KINDS = [g.value for g in Gate]
LABELS = GATE_KINDS + [Outcome.BLOCKED.value, Outcome.OK.value]


def judge_all(cases: list[dict]) -> list[dict]:
    """Each case with what the judge said: name, half, expected, got, detail."""
    rows = []
    for case in cases:
        verdict = judge(visit_from_case(case))
        rows.append(
            {
                "name": case["name"],
                "split": case["split"],
                "platform": case["platform"],
                "expected": label(case),
                "got": verdict_label(verdict),
                "detail": verdict.detail,
            }
        )
    return rows


def scores(rows: list[dict]) -> dict:
    """Precision, recall and counts per label, and overall accuracy, over these rows."""
    per_label = label_scores(((r["expected"], r["got"]) for r in rows), LABELS)
    right = sum(1 for r in rows if r["expected"] == r["got"])
    gates = [r for r in rows if r["expected"] in GATE_KINDS]
    return {
        "cases": len(rows),
        "correct": right,
        "accuracy": round(right / len(rows), 3) if rows else None,
        # the failure that matters most: a gated resource reported as plainly served
        "gates": len(gates),
        "gates_judged_ok": sum(1 for r in gates if r["got"] == Outcome.OK.value),
        "labels": per_label,
    }


def measure(cases: list[dict], half: str = "all") -> dict:
    """The figures for the chosen half (or each half, for ``all``), and the misjudged cases."""
    rows = judge_all(cases)
    halves = HALVES if half == "all" else (half,)
    report: dict = {"halves": {}, "tune_misses": [], "holdout_misses": []}
    for h in halves:
        report["halves"][h] = scores([r for r in rows if r["split"] == h])
    misses = [r for r in rows if r["expected"] != r["got"]]
    if "tune" in halves:
        report["tune_misses"] = [r for r in misses if r["split"] == "tune"]
    if "holdout" in halves:
        report["holdout_misses"] = [r["name"] for r in misses if r["split"] == "holdout"]
    return report


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.0%}"


def print_report(report: dict) -> None:
    for h, s in report["halves"].items():
        print(
            f"\n== {h}: {s['cases']} cases, {s['correct']} judged right ({_pct(s['accuracy']).strip()}); "
            f"{s['gates_judged_ok']} of {s['gates']} gate pages judged ok"
        )
        print(f"{'label':<16}{'cases':>6}{'precision':>11}{'recall':>8}{'tp':>5}{'fp':>5}{'fn':>5}")
        for name, m in s["labels"].items():
            print(
                f"{name:<16}{m['cases']:>6}{_pct(m['precision']):>11}{_pct(m['recall']):>8}"
                f"{m['tp']:>5}{m['fp']:>5}{m['fn']:>5}"
            )
    if report["tune_misses"]:
        print(f"\n== misjudged in the tune half ({len(report['tune_misses'])})")
        for r in report["tune_misses"]:
            print(f"{r['name']}: expected {r['expected']}, got {r['got']} ({r['platform']}) -- {r['detail']}")
    if report["holdout_misses"]:
        print(f"\n== misjudged in the holdout half ({len(report['holdout_misses'])}), names only")
        print(", ".join(report["holdout_misses"]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("tune", "holdout", "all"), default="tune")
    parser.add_argument(
        "--batch",
        type=int,
        action="append",
        help="only cases of this batch (repeatable): a batch no rule has seen yet measures best",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    cases = [c for c in load_cases() if not args.batch or c["batch"] in args.batch]
    report = measure(cases, args.half)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
