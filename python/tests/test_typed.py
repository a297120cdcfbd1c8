"""The typed usage file (which .ci/run checks with mypy --strict) runs and gives these results."""

from __future__ import annotations

from conftest import REPO
from typed_usage import main


def test_typed_usage() -> None:
    got = main(REPO / "glossary.json")
    assert got["terms"] == [("一网通办", 4, 8), ("一网统管", 13, 17)]
    assert got["round_trip"] is True
    assert got["ids"] == [1]
    assert got["counts"] == {}
    assert got["position"] == (1, 1)
    assert got["labels"] == ["2020 年金山区人民政府工作报告 · 名词解释", "我的"]
    assert got["forms"] == []
    assert got["entries"] == 30
