"""Precision and recall of the identity judgment on the labelled pairs.

    python benchmarks/identity_measure.py            # the held-out half (the honest figures)
    python benchmarks/identity_measure.py --tune     # the tuning half, with every miss
    python benchmarks/identity_measure.py --all -v   # both, every pair

The pairs are ``tests/fixtures/identity/`` (manifest.json + pages); each falls in
the tuning or the held-out half by a hash of its name (tests/identity_pairs.py).
The rules were tuned on the tuning half only: quote the held-out figures.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.identity_pairs import judged, load_pairs, precision_recall  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tune", action="store_true", help="the tuning half instead of the held-out one")
    parser.add_argument("--all", action="store_true", help="both halves")
    parser.add_argument("-v", "--verbose", action="store_true", help="every pair, not only the misses")
    args = parser.parse_args(argv)
    halves = ("tune", "held_out") if args.all else (("tune",) if args.tune else ("held_out",))
    for name in halves:
        pairs = [p for p in load_pairs() if p["half"] == name]
        results = judged(pairs)
        right = sum(1 for p, v in results if v.verdict == p["label"])
        print(f"{name}: {len(pairs)} pairs, {right} judged as labelled")
        for label in ("mismatch", "match"):
            precision, recall, said, labelled = precision_recall(results, label)
            print(f"  {label:8s} precision {precision:.2f} ({said} said)  recall {recall:.2f} ({labelled} labelled)")
        unknown = sum(1 for _, v in results if v.verdict == "unknown")
        print(f"  unknown said {unknown}, labelled {sum(1 for p in pairs if p['label'] == 'unknown')}")
        for pair, verdict in results:
            if args.verbose or verdict.verdict != pair["label"]:
                mark = "  " if verdict.verdict == pair["label"] else "✗ "
                print(
                    f"    {mark}{pair['name']:34s} {pair['label']:8s} → {verdict.verdict:8s} "
                    f"{verdict.score:.3f}  {verdict.reason}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
