"""find_all beside ahocorasick_rs and a pure-Python loop, in one run; find_many on 1 and 2 threads.

    pip install ./python -r python/requirements-bench.txt
    python python/bench/bench.py [--copies 100] [--rounds 7]

The text is the bundled report repeated (`--copies` times, 3.9 MB at 100). Each round runs
every contender once, in turn, so a neighbour's burst slows them alike; the table has each
one's best round and its ratio to ahocorasick_rs's best in the same run. Before timing, every
contender's matches are checked against zhgloss's. Nothing is asserted about time.

The contenders, over the same surface forms (every entry's term and aliases):
- zhgloss `find_all`: folding (whitespace, quotes, widths, script, numerals), a sense decision
  per match, and a `Match` object per match with code-point and byte offsets;
- ahocorasick_rs `find_matches_as_indexes`, leftmost-longest over the forms as written: no
  folding, (pattern, start, end) tuples in code points;
- a pure-Python loop: at each character that starts a form, `str.startswith` for the forms
  starting with it, longest first.

Then 100 documents (the report each): `find_many(threads=1)` against `threads=2`, and two
Python threads calling `find_all` against one, to show that searching releases the GIL; and
`find_many` with the glossary stripped of scopes, so that no document is read for judging.
"CPU / wall" is the process's CPU time over the wall time: near 2 when both threads ran at
once, near 1 when a neighbour had the other core (or the GIL serialised them). The control,
hashlib's sha256 (which releases the GIL) over the same bytes in one thread and then split
over two, shows how much of a second core the machine had to give during the run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import ahocorasick_rs

import zhgloss

REPORT = Path(__file__).resolve().parents[2] / "examples" / "report-2020-jinshan.txt"


def python_loop(forms: list[str]) -> Callable[[str], list[tuple[int, int, int]]]:
    by_first: dict[str, list[tuple[int, str]]] = {}
    for i, f in enumerate(forms):
        by_first.setdefault(f[0], []).append((i, f))
    for group in by_first.values():
        group.sort(key=lambda p: -len(p[1]))

    def find(text: str) -> list[tuple[int, int, int]]:
        out = []
        i, n = 0, len(text)
        get = by_first.get
        while i < n:
            group = get(text[i])
            if group is not None:
                for k, f in group:
                    if text.startswith(f, i):
                        out.append((k, i, i + len(f)))
                        i += len(f)
                        break
                else:
                    i += 1
            else:
                i += 1
        return out

    return find


def best(rounds: int, contenders: dict[str, Callable[[], Any]]) -> dict[str, list[float]]:
    """Each contender's wall times, one a round, run in turn; `cpu` gets the CPU time (all
    threads of the process) of each round beside."""
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, run in contenders.items():
            c0, t0 = time.process_time(), time.perf_counter()
            run()
            wall = time.perf_counter() - t0
            times[name].append(wall)
            CPU.setdefault(name, []).append((time.process_time() - c0) / wall)
    return times


CPU: dict[str, list[float]] = {}


def without_scopes(g: zhgloss.Glossary) -> zhgloss.Glossary:
    """The glossary with no scopes or exclusions: nothing to judge, so no document is read."""
    data = json.loads(g.to_json())
    for e in data["entries"]:
        e.pop("scope", None)
        e.pop("excludes", None)
    return zhgloss.Glossary.from_json(json.dumps(data))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=100)
    ap.add_argument("--rounds", type=int, default=7)
    args = ap.parse_args()

    report = REPORT.read_text(encoding="utf-8")
    text = report * args.copies
    ann = zhgloss.Annotator()
    forms: list[str] = []
    entry_of: list[int] = []
    for e in ann.glossary:
        for f in e.surface_forms():
            forms.append(f)
            entry_of.append(e.id)
    ac = ahocorasick_rs.AhoCorasick(forms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    loop = python_loop(forms)

    # The same matches, where the raw forms can find them: on the report, folding adds none.
    ours = [(m.entry, m.start, m.end) for m in ann.find_all(text)]
    raw = [(entry_of[k], s, e) for k, s, e in ac.find_matches_as_indexes(text)]
    assert raw == [(entry_of[k], s, e) for k, s, e in loop(text)], "ahocorasick_rs != loop"
    print(f"matches: zhgloss {len(ours)}, ahocorasick_rs {len(raw)}, same: {ours == raw}")

    single = best(
        args.rounds,
        {
            "zhgloss find_all": lambda: ann.find_all(text),
            "ahocorasick_rs find_matches_as_indexes": lambda: ac.find_matches_as_indexes(text),
            "pure-Python loop": lambda: loop(text),
        },
    )

    docs = [report] * args.copies
    pool = ThreadPoolExecutor(max_workers=2)

    def two_python_threads() -> None:
        half = len(docs) // 2
        list(pool.map(lambda part: [ann.find_all(d) for d in part], [docs[:half], docs[half:]]))

    plain = zhgloss.Annotator(without_scopes(ann.glossary))
    block = report.encode() * 200  # 7.7 MB

    def hash_in(threads: int) -> None:
        with ThreadPoolExecutor(max_workers=threads) as p:
            list(p.map(lambda _: [hashlib.sha256(block).digest() for _ in range(2 // threads)], range(threads)))

    assert ann.find_many(docs, threads=2) == ann.find_many(docs, threads=1)
    assert plain.find_many(docs, threads=2) == plain.find_many(docs, threads=1)
    batch = best(
        args.rounds,
        {
            "find_many, threads=1": lambda: ann.find_many(docs, threads=1),
            "find_many, threads=2": lambda: ann.find_many(docs, threads=2),
            "find_all in 1 Python thread": lambda: [ann.find_all(d) for d in docs],
            "find_all in 2 Python threads": two_python_threads,
            "find_many, threads=1, no scopes": lambda: plain.find_many(docs, threads=1),
            "find_many, threads=2, no scopes": lambda: plain.find_many(docs, threads=2),
            "control: sha256 in 1 Python thread": lambda: hash_in(1),
            "control: sha256 in 2 Python threads": lambda: hash_in(2),
        },
    )
    pool.shutdown()

    mb = len(text.encode()) / 1e6
    base = min(single["ahocorasick_rs find_matches_as_indexes"])
    print(
        f"\n{args.copies} copies of the report, {mb:.1f} MB, {len(ours)} matches; best of "
        f"{args.rounds} rounds; Python {platform.python_version()}, {os.cpu_count()} cores\n"
    )
    print("| contender | best | median | MB/s | time / ahocorasick_rs |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, ts in single.items():
        b = min(ts)
        med = sorted(ts)[len(ts) // 2]
        print(f"| {name} | {b * 1e3:.1f} ms | {med * 1e3:.1f} ms | {mb / b:.0f} | {b / base:.2f}× |")
    print()
    print(f"{len(docs)} documents, the report each\n")
    print("| batch of documents | best | median | one thread / two (best) | CPU / wall (median) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    names = list(batch)
    for k, name in enumerate(names):
        b = min(batch[name])
        med = sorted(batch[name])[len(batch[name]) // 2]
        # Each two-thread row beside the one-thread row before it.
        ratio = f"{min(batch[names[k - 1]]) / b:.2f}×" if k % 2 else ""
        cpu = sorted(CPU[name])[len(CPU[name]) // 2]
        print(f"| {name} | {b * 1e3:.1f} ms | {med * 1e3:.1f} ms | {ratio} | {cpu:.2f} |")

if __name__ == "__main__":
    main()
