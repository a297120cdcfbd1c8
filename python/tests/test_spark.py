"""A corpus of over a thousand documents annotated on Spark in local[2] mode, two ways: the
package inside mapPartitions (one annotator per partition), and the command line through
rdd.pipe("zhgloss --format jsonl"). Both must equal the single-process result.

Runs only with ZHGLOSS_SPARK=1, which .ci/run sets (python/ci.sh then installs pyspark and,
where it is missing, Java): pyspark is a 450 MB download and a Spark session takes about 15 s to
start, so a plain `pytest` leaves it out. With ZHGLOSS_SPARK=1 a missing pyspark is a failure,
not a skip.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import zhgloss
from conftest import cli_path

if os.environ.get("ZHGLOSS_SPARK") != "1":
    pytest.skip("the Spark test runs with ZHGLOSS_SPARK=1", allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402

Row = tuple[int, list[tuple[int, str, str, int, int, int, int, bool, str | None]]]


def corpus(report: str) -> list[tuple[int, str]]:
    """Over a thousand documents from the report: each paragraph on its own, with a
    4-byte character in front of every other one, and some framed as another place's
    (北京市…), so that the sense decisions differ between documents."""
    paragraphs = [p for p in report.split("\n") if p.strip()]
    docs: list[str] = []
    for round in range(12):
        for i, p in enumerate(paragraphs):
            prefix = "𠀀" * (i % 3) if round % 2 else ""
            frame = "北京市人民政府工作报告\n" if (round + i) % 5 == 0 else ""
            docs.append(frame + prefix + p)
    docs.append(report)
    return list(enumerate(docs))


def rows(ann: zhgloss.Annotator, doc_id: int, text: str) -> Row:
    return (
        doc_id,
        [
            (m.entry, m.term, m.matched, m.start, m.end, m.byte_start, m.byte_end, m.applies, m.why)
            for m in ann.find_all(text)
        ],
    )


def annotate_partition(docs: Iterator[tuple[int, str]]) -> Iterator[Row]:
    # One annotator per partition: compiling it costs about a millisecond, and it is never
    # shipped from the driver.
    ann = zhgloss.Annotator()
    for doc_id, text in docs:
        yield rows(ann, doc_id, text)


def from_jsonl(line: str) -> Row:
    doc = json.loads(line)
    return (
        doc["id"],
        [
            (
                m["entry"],
                m["term"],
                m["matched"],
                m["char_start"],
                m["char_end"],
                m["start"],
                m["end"],
                m["applies"],
                m.get("why"),
            )
            for m in doc["matches"]
        ],
    )


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Everything on the loopback interface: the driver, its block manager, the workers.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    session = (
        SparkSession.builder.master("local[2]")
        .appName("zhgloss-test")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_equals_one_process(spark: object, report: str, tmp_path: Path) -> None:
    docs = corpus(report)
    assert len(docs) > 1000
    ann = zhgloss.Annotator()
    expected = [rows(ann, i, t) for i, t in docs]
    assert sum(len(ms) for _, ms in expected) > 500
    assert any(not m[7] for _, ms in expected for m in ms)  # some matches judged not to apply

    sc = spark.sparkContext  # type: ignore[attr-defined]
    # The workers import this module for the functions they run, as a job's --py-files.
    for module in ("test_spark.py", "conftest.py"):
        sc.addPyFile(str(Path(__file__).with_name(module)))
    rdd = sc.parallelize(docs, 8)

    by_package = rdd.mapPartitions(annotate_partition).collect()
    assert sorted(by_package) == expected

    lines = rdd.map(lambda d: json.dumps({"id": d[0], "text": d[1]}, ensure_ascii=False))
    by_cli = lines.pipe(f"{cli_path()} --format jsonl").map(from_jsonl).collect()
    assert sorted(by_cli) == expected
