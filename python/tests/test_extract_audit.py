"""extract and audit, against the command line's subcommands."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable

import pytest

import zhgloss
from conftest import REPORT


def test_extract_is_the_command_line(report: str, cli: Callable[..., str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        g = zhgloss.extract(report)
    from_cli = zhgloss.Glossary.from_json(cli("extract", str(REPORT)))
    assert g.entries == from_cli.entries
    assert len(g) >= 29
    first = g.entry(1)
    assert first is not None
    assert (first.term, first.origin) == ("三张清单", "名词解释")
    assert first.scope is not None and first.scope.places == ("上海市金山区",)
    # The extracted glossary finds what the built-in one does in the report's body.
    body = report[: report.index("名词解释")]
    ours = [(m.term, m.start) for m in zhgloss.Annotator(g).find_all(body)]
    builtin = [(m.term, m.start) for m in zhgloss.Annotator().find_all(body)]
    assert set(builtin) <= set(ours)


def test_extract_problems_are_warnings() -> None:
    with pytest.warns(zhgloss.ExtractWarning) as record:
        g = zhgloss.extract("名词解释\n1. 三张清单：是指三张清单。\n2. 双一百\n")
    assert len(g) == 1
    (w,) = record
    assert isinstance(w.message, zhgloss.ExtractWarning)
    assert w.message.line == 3
    assert w.message.text == "2. 双一百"
    assert str(w.message) == f"line 3: {w.message.message}: 2. 双一百"
    assert w.filename == __file__
    with warnings.catch_warnings():
        warnings.simplefilter("error", zhgloss.ExtractWarning)
        with pytest.raises(zhgloss.ExtractWarning):
            zhgloss.extract("名词解释\n1. 三张清单：是指三张清单。\n2. 双一百\n")


def test_audit_is_the_command_line(report: str, cli: Callable[..., str]) -> None:
    findings = zhgloss.audit(report)
    expected = json.loads(cli("audit", "--format", "json", str(REPORT)))["findings"]
    assert len(findings) == len(expected) > 0
    raw = report.encode()
    for f, e in zip(findings, expected, strict=True):
        assert (f.expression, f.kind, f.why, f.count, f.line, f.sentence) == (
            e["expression"],
            e["kind"],
            e["why"],
            e["count"],
            e["line"],
            e["sentence"],
        )
        assert (f.byte_start, f.byte_end) == (e["start"], e["end"])
        assert report[f.start : f.end] == raw[f.byte_start : f.byte_end].decode()


def test_audit_with_an_annotator() -> None:
    text = "𠀀按照“三区”“五地”目标路径，深化“一网通办”。加快打造“三区”，实施“强省会”战略。"
    assert [(f.expression, f.kind, f.count) for f in zhgloss.audit(text)] == [
        ("三区", "numeric", 2),
        ("五地", "numeric", 1),
        ("强省会", "quoted", 1),
    ]
    g = zhgloss.Glossary.builtin().merge(
        zhgloss.Glossary([zhgloss.Entry(1, "三区", "……"), zhgloss.Entry(2, "强省会", "……")], name="我的")
    )
    (f,) = zhgloss.audit(text, annotator=zhgloss.Annotator(g))
    assert (f.expression, f.count, f.line, f.start, f.end) == ("五地", 1, 1, 8, 10)
    assert text[f.start : f.end] == "五地"
    assert f.why == "numeral compressing a list, in quotes"
    assert f.sentence == "𠀀按照“三区”“五地”目标路径，深化“一网通办”。"
