"""Batches and threads: the same matches with any number of threads, and the GIL released."""

from __future__ import annotations

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import zhgloss

ANN = zhgloss.Annotator()


def documents(report: str) -> list[str]:
    paragraphs = [p for p in report.split("\n") if p.strip()]
    # Some documents judged elsewhere (北京市), some empty, some with 4-byte characters.
    extra = ["", "北京市推进“四纵四横”高铁网建设。", "𠀀" * 5 + "编制三线一单"]
    return paragraphs + extra + [report]


def test_find_many_is_find_all(report: str) -> None:
    docs = documents(report)
    expected = [ANN.find_all(d) for d in docs]
    assert sum(len(ms) for ms in expected) > 100
    for threads in (None, 1, 2, 3, 64):
        assert ANN.find_many(docs, threads=threads) == expected
    # Any iterable of str; an empty one.
    assert ANN.find_many(iter(docs), threads=2) == expected
    assert ANN.find_many((d for d in docs[:3])) == expected[:3]
    assert ANN.find_many([]) == []


def test_find_many_arguments() -> None:
    with pytest.raises(TypeError, match="not a str"):
        ANN.find_many("三线一单")
    with pytest.raises(TypeError):
        ANN.find_many(["三线一单", 3])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="at least 1"):
        ANN.find_many(["三线一单"], threads=0)


def test_one_annotator_shared_by_threads(report: str) -> None:
    docs = documents(report) * 4
    expected = [ANN.find_all(d) for d in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(ANN.find_all, docs)) == expected
        annotated = list(pool.map(ANN.annotate, docs))
    assert annotated == [ANN.annotate(d) for d in docs]


def test_search_releases_the_gil(report: str) -> None:
    # With a switch interval of 100 s the interpreter never takes the GIL from the worker: the
    # main thread ticks while the worker is inside find_all only if find_all released it. (The
    # main thread sleeps between ticks, giving the GIL back, so the worker can return.)
    # A text that takes find_all a good fraction of a second, in a debug build or a release one.
    big = report
    while len(big) < 512 * len(report):
        t0 = time.perf_counter()
        ANN.find_all(big)
        if time.perf_counter() - t0 > 0.2:
            break
        big *= 2
    ticks: list[int] = []
    inside: list[int] = []
    started = threading.Event()

    def worker() -> None:
        started.set()
        before = len(ticks)
        ANN.find_all(big)
        inside.append(len(ticks) - before)

    old = sys.getswitchinterval()
    sys.setswitchinterval(100.0)
    try:
        t = threading.Thread(target=worker)
        t.start()
        started.wait()
        while t.is_alive():
            ticks.append(1)
            time.sleep(0.0005)
        t.join()
    finally:
        sys.setswitchinterval(old)
    # A call that holds the GIL (re.findall on a slow pattern) lets the main thread tick at most
    # a couple of times, before it starts; find_all lets it tick hundreds of times.
    assert inside[0] > 20
