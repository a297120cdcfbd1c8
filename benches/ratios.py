#!/usr/bin/env python3
"""Print each contender's throughput and its ratio to the raw aho-corasick baseline.

Run after a criterion run:

    cargo bench --bench find -- --warm-up-time 1 --measurement-time 2 --sample-size 10
    python3 benches/ratios.py                     # $CARGO_TARGET_DIR/criterion or target/criterion
    python3 benches/ratios.py path/to/criterion   # another criterion directory

Reads every `<group>/<function>[/<parameter>]/new/{benchmark,estimates}.json`. The time per
iteration is criterion's typical estimate (the slope when it has one, else the mean). The ratio
is the baseline's time over the contender's time for the same parameter, so above 1 means faster
than the raw automaton and, for byte throughputs, it is the throughput ratio. Groups without an
`aho-corasick (raw)` contender print no ratio. Standard library only.
"""

import json
import os
import sys
from collections import defaultdict

BASELINE = "aho-corasick (raw)"


def criterion_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "target"
    )
    return os.path.join(target, "criterion")


def load(root):
    """(group, parameter) -> [(function, seconds, throughput dict)] in discovery order."""
    groups = defaultdict(list)
    for dirpath, _dirs, files in sorted(os.walk(root)):
        if os.path.basename(dirpath) != "new" or "benchmark.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json"), encoding="utf-8") as f:
            bench = json.load(f)
        with open(os.path.join(dirpath, "estimates.json"), encoding="utf-8") as f:
            est = json.load(f)
        typical = est.get("slope") or est["mean"]
        seconds = typical["point_estimate"] / 1e9
        key = (bench["group_id"], bench.get("value_str") or "")
        groups[key].append((bench.get("function_id") or "", seconds, bench.get("throughput")))
    return groups


def rate(seconds, throughput):
    if not throughput:
        return ""
    (kind, amount), = throughput.items()
    if kind.startswith("Bytes"):
        return f"{amount / seconds / 1e9:8.3f} GB/s"
    return f"{amount / seconds / 1e6:8.3f} M{kind.lower()}/s"


def main():
    root = criterion_dir()
    groups = load(root)
    if not groups:
        sys.exit(f"ratios.py: no criterion results under {root}")
    for (group, param), rows in sorted(groups.items(), key=lambda kv: (kv[0][0], sort_param(kv[0][1]))):
        base = next((s for name, s, _ in rows if name == BASELINE), None)
        title = f"{group} / {param}" if param else group
        print(title)
        for name, seconds, throughput in sorted(rows, key=lambda r: r[1]):
            ratio = f"{base / seconds:7.3f}x raw AC" if base else ""
            print(f"  {name:28} {fmt_time(seconds):>12} {rate(seconds, throughput):>18}  {ratio}")
        print()


def sort_param(p):
    return (0, int(p)) if p.isdigit() else (1, p)


def fmt_time(s):
    for unit, scale in (("s", 1), ("ms", 1e-3), ("µs", 1e-6)):
        if s >= scale:
            return f"{s / scale:.3f} {unit}"
    return f"{s / 1e-9:.1f} ns"


if __name__ == "__main__":
    main()
