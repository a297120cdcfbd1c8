"""Searching and rendering, checked against the command line's own output."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable

import pytest

import zhgloss
from conftest import REPORT

ANN = zhgloss.Annotator()


def as_cli(m: zhgloss.Match) -> dict[str, object]:
    """A Python match in the command line's JSON shape."""
    d: dict[str, object] = {
        "entry": m.entry,
        "term": m.term,
        "matched": m.matched,
        "start": m.byte_start,
        "end": m.byte_end,
        "char_start": m.start,
        "char_end": m.end,
        "applies": m.applies,
    }
    if m.glossary is not None:
        d = {"glossary": m.glossary, **d}
    if m.why is not None:
        d["why"] = m.why
    return d


def cli_matches(cli: Callable[..., str], text: str) -> list[dict[str, object]]:
    (line,) = cli("--format", "json", stdin=text).splitlines()
    matches: list[dict[str, object]] = json.loads(line)["matches"]
    return matches


def test_report_matches_the_command_line(report: str, cli: Callable[..., str]) -> None:
    found = ANN.find_all(report)
    (line,) = cli("--format", "json", str(REPORT)).splitlines()
    assert [as_cli(m) for m in found] == json.loads(line)["matches"]
    for m in found:
        assert report[m.start : m.end] == m.matched
        assert report.encode()[m.byte_start : m.byte_end].decode() == m.matched


def test_report_body_has_36_occurrences(report: str) -> None:
    body = report[: report.index("名词解释")]
    found = ANN.find_all(body)
    assert len(found) == 36
    assert all(m.applies and m.why is None for m in found)
    # The body's matches are the report's first 36: the glossary section follows.
    assert found == ANN.find_all(report)[:36]


def test_offsets_after_four_byte_characters(cli: Callable[..., str]) -> None:
    # U+20000 is 4 bytes in UTF-8 and one code point in Python (two UTF-16 units elsewhere).
    text = "𠀀𠀁推进“11157”工程，𠀀深化一网\n通办，🀄金 １0 条𠀀"
    found = ANN.find_all(text)
    assert [m.entry for m in found] == [28, 2, 7]
    for m in found:
        assert text[m.start : m.end] == m.matched
        assert text.encode()[m.byte_start : m.byte_end].decode() == m.matched
    assert (found[0].start, found[0].end, found[0].byte_start, found[0].byte_end) == (4, 13, 14, 31)
    assert [as_cli(m) for m in found] == cli_matches(cli, text)


def test_match_is_frozen_and_comparable() -> None:
    (m,) = ANN.find_all("编制三线一单")
    with pytest.raises(AttributeError):
        m.start = 0  # type: ignore[misc]
    (again,) = ANN.find_all("编制三线一单")
    assert m == again and hash(m) == hash(again)
    assert m != ANN.find_all("编制三线一单。三线一单")[1]
    assert pickle.loads(pickle.dumps(m)) == m
    assert m.to_dict() == {
        "entry": 24,
        "glossary": None,
        "term": "三线一单",
        "matched": "三线一单",
        "start": 2,
        "end": 6,
        "byte_start": 6,
        "byte_end": 18,
        "applies": True,
        "why": None,
    }
    assert repr(m) == (
        "Match(entry=24, term='三线一单', matched='三线一单', start=2, end=6, applies=True)"
    )


def test_sense_decisions(cli: Callable[..., str]) -> None:
    text = "北京市推进“四纵四横”高铁网建设，京沪、京港、京哈客运专线相继建成。出台“黄金10条”扶持政策。"
    found = ANN.find_all(text)
    assert [(m.term, m.applies) for m in found] == [("四纵四横", False), ("金10条", False)]
    assert found[0].why == "document is about 北京市; entry 26 holds in 上海市金山区"
    assert found[1].why == "written 黄金10条, another expression"
    assert [as_cli(m) for m in found] == cli_matches(cli, text)


def test_folding_options() -> None:
    assert [m.entry for m in ANN.find_all("深化「一網通辦」，出台金十条")] == [2, 7]
    assert zhgloss.Annotator(traditional=False).find_all("深化「一網通辦」") == []
    assert zhgloss.Annotator(numerals=False).find_all("出台金十条") == []
    assert [m.entry for m in zhgloss.Annotator(max_gap=2).find_all("一网\n\n通办")] == [2]
    assert zhgloss.Annotator(max_gap=2).find_all("一网\n\n\n通办") == []
    ann = zhgloss.Annotator(zhgloss.Glossary.builtin(), traditional=False, numerals=False)
    assert (ann.traditional, ann.numerals, ann.max_gap) == (False, False, 8)
    assert ann.glossary == zhgloss.Glossary.builtin()


def test_option_folding_clash_is_a_glossary_error() -> None:
    g = zhgloss.Glossary([zhgloss.Entry(1, "發展", "甲"), zhgloss.Entry(2, "发展", "乙")])
    assert len(zhgloss.Annotator(g, traditional=False).find_all("發展发展")) == 2
    with pytest.raises(zhgloss.GlossaryError, match="both claim"):
        zhgloss.Annotator(g)


def test_custom_glossary() -> None:
    g = zhgloss.Glossary([zhgloss.Entry(1, "一网统管", "是指城市运行一网统管。")], name="我的")
    (m,) = zhgloss.Annotator(g).find_all("推进“一网 统管”")
    assert (m.entry, m.term, m.matched, m.glossary) == (1, "一网统管", "一网 统管", None)


def test_annotator_pickles() -> None:
    ann = zhgloss.Annotator(traditional=False, max_gap=3)
    again = pickle.loads(pickle.dumps(ann))
    assert (again.traditional, again.numerals, again.max_gap) == (False, True, 3)
    assert again.glossary == ann.glossary


FORMATS = ["inline", "footnote", "json", "html", "markdown", "glossary"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("every", [False, True])
def test_annotate_is_the_command_line(
    fmt: str, every: bool, report: str, cli: Callable[..., str]
) -> None:
    args = ["--format", fmt, str(REPORT)] + (["--every"] if every else [])
    expected = cli(*args)
    assert ANN.annotate(report, format=fmt, every=every) == expected
    assert ANN.annotate(report, fmt, every) == expected


@pytest.mark.parametrize("fmt", ["inline", "footnote", "html"])
def test_annotate_in_another_language(fmt: str, report: str, cli: Callable[..., str]) -> None:
    english = ANN.annotate(report, fmt, lang="en")
    if fmt == "inline":
        assert english != ANN.annotate(report, fmt)
    assert english == cli("--format", fmt, "--lang", "en", str(REPORT))


def test_annotate_all_senses(cli: Callable[..., str]) -> None:
    text = "北京市推进“四纵四横”高铁网建设。"
    assert ANN.annotate(text) == text
    glossed = ANN.annotate(text, all_senses=True)
    assert glossed.startswith("北京市推进“四纵四横”\u2060（金山区：学府路")
    assert glossed == cli("--all-senses", stdin=text)


def test_annotate_jsonl(report: str, cli: Callable[..., str]) -> None:
    paragraphs = [p for p in report.split("\n") if p.strip()][:40]
    lines = "\n".join(json.dumps({"id": i, "text": p}, ensure_ascii=False) for i, p in enumerate(paragraphs))
    out = ANN.annotate(lines, format="jsonl")
    assert out == cli("--format", "jsonl", stdin=lines)
    for row, p in zip(out.splitlines(), paragraphs, strict=True):
        got = json.loads(row)
        assert got["matches"] == [as_cli(m) for m in ANN.find_all(p)]
    with pytest.raises(ValueError, match="line 2"):
        ANN.annotate('{"text": "三线一单"}\n[1]\n', format="jsonl")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format \"pdf\""):
        ANN.annotate("三线一单", format="pdf")


def test_strip_inline_round_trip(report: str) -> None:
    for every in (False, True):
        glossed = ANN.annotate(report, every=every)
        assert glossed != report
        assert zhgloss.strip_inline(glossed) == report
        assert ANN.strip_inline(glossed) == report
        assert zhgloss.strip_inline(glossed, annotator=ANN) == report
    # Annotating again adds nothing.
    once = ANN.annotate(report)
    assert ANN.annotate(once) == once
