"""Glossaries: loading, iterating, merging, round trips, and their errors."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import zhgloss
from conftest import REPO

GLOSSARY_JSON = REPO / "glossary.json"


def test_builtin_is_glossary_json() -> None:
    g = zhgloss.Glossary.builtin()
    data = json.loads(GLOSSARY_JSON.read_text(encoding="utf-8"))
    assert len(g) == len(data["entries"]) == 29
    assert g.name == data["name"]
    for entry, raw in zip(g, data["entries"], strict=True):
        assert entry.id == raw["id"]
        assert entry.term == raw["term"]
        assert entry.aliases == tuple(raw.get("aliases", []))
        assert entry.definition == raw["definition"]
        assert entry.gloss == raw.get("gloss")
        assert entry.note == raw.get("note")
        assert entry.excludes == tuple(raw.get("excludes", []))
        scope = raw.get("scope")
        if scope is None:
            assert entry.scope is None
        else:
            assert entry.scope is not None
            assert entry.scope.places == tuple(scope["places"])
            assert entry.scope.from_year == scope.get("from")
            assert entry.scope.until_year == scope.get("until")
        assert entry.glossary is None
        assert entry.occurrences == raw.get("occurrences")
        assert entry.translations == {
            lang: {
                "term": t["term"],
                "definition": t.get("definition"),
                "gloss": t.get("gloss"),
                "source": t["source"],
                "reference": t.get("reference"),
            }
            for lang, t in raw.get("translations", {}).items()
        }
    assert sum(1 for e in g if e.translations) == 2


def test_entries_and_lookup() -> None:
    g = zhgloss.Glossary.builtin()
    assert [e.id for e in g.entries] == list(range(1, 30))
    e = g.entry(7)
    assert e is not None
    assert (e.term, e.aliases) == ("金10条", ("金 10 条",))
    assert e.surface_forms() == ["金10条", "金 10 条"]
    assert g.entry(30) is None
    assert g.entry(2) == g.entry(2)
    assert g.entry(2) != g.entry(3)


def test_from_path_and_json_round_trip(tmp_path: Path) -> None:
    g = zhgloss.Glossary.from_path(GLOSSARY_JSON)
    assert g == zhgloss.Glossary.builtin()
    assert zhgloss.Glossary.from_path(str(GLOSSARY_JSON)) == g
    again = zhgloss.Glossary.from_json(g.to_json())
    assert again == g
    path = tmp_path / "词表.json"
    path.write_text(g.to_json(), encoding="utf-8")
    assert zhgloss.Glossary.from_path(path) == g


def test_pickle_round_trips() -> None:
    g = zhgloss.Glossary.builtin()
    assert pickle.loads(pickle.dumps(g)) == g
    for e in g:
        assert pickle.loads(pickle.dumps(e)) == e
        if e.scope is not None:
            assert pickle.loads(pickle.dumps(e.scope)) == e.scope


def test_constructed_glossary() -> None:
    scope = zhgloss.Scope(["上海市"], from_year=2019, until_year=2020)
    entry = zhgloss.Entry(
        1, "一网统管", "是指城市运行一网统管。", aliases=["“一网统管”"], gloss="城市运行一网统管", scope=scope
    )
    g = zhgloss.Glossary([entry], name="我的", source="自编")
    assert (g.name, g.source, len(g)) == ("我的", "自编", 1)
    (only,) = list(g)
    assert only == entry
    assert only.short_gloss == "城市运行一网统管"
    assert only.scope == scope
    assert json.loads(g.to_json())["entries"][0]["scope"] == {
        "places": ["上海市"],
        "from": 2019,
        "until": 2020,
    }
    assert zhgloss.Glossary() == zhgloss.Glossary([])


def test_merge_strict() -> None:
    mine = zhgloss.Glossary([zhgloss.Entry(1, "一网统管", "……")], name="我的")
    merged = zhgloss.Glossary.builtin().merge(mine)
    assert len(merged) == 30
    last = merged.entries[-1]
    assert (last.id, last.glossary) == (1, "我的")
    # Ids belong to their glossary: id 1 of each.
    assert merged.entry(1, glossary="我的") == last
    first = merged.entry(1, glossary="2020 年金山区人民政府工作报告 · 名词解释")
    assert first is not None and first.term == "三张清单"
    # Immutable: the operands are unchanged.
    assert len(mine) == 1 and len(zhgloss.Glossary.builtin()) == 29

    clash = zhgloss.Glossary([zhgloss.Entry(2, "一网 通办", "……")])
    with pytest.raises(zhgloss.GlossaryError) as info:
        merged.merge(clash)
    assert "both claim the surface form" in str(info.value)


def test_merge_override() -> None:
    mine = zhgloss.Glossary(
        [zhgloss.Entry(1, "一網通辦", "郯城的定义"), zhgloss.Entry(2, "四减四增", "……")], name="郯城"
    )
    merged, overrides = zhgloss.Glossary.builtin().merge_override(mine)
    assert len(merged) == 30
    assert all(e.term != "一网通办" for e in merged)
    (o,) = overrides
    assert (o.form, o.loser_dropped) == ("一網通辦", True)
    assert (o.winner.glossary, o.winner.id, o.winner.term) == ("郯城", 1, "一網通辦")
    assert (o.loser.id, o.loser.term) == (2, "一网通办")
    assert str(o) == (
        "一網通辦: entry 1 of 郯城 overrides entry 2 of "
        "2020 年金山区人民政府工作报告 · 名词解释 (一网通办), which is dropped"
    )
    ann = zhgloss.Annotator(merged)
    (m,) = ann.find_all("深化一网通办改革")
    assert (m.entry, m.glossary, m.term) == (1, "郯城", "一網通辦")


def test_malformed_json_has_line_and_column() -> None:
    with pytest.raises(zhgloss.GlossaryError) as info:
        zhgloss.Glossary.from_json('{\n  "entries": [\n    {"id": 1,,}\n  ]\n}')
    err = info.value
    assert isinstance(err, ValueError)
    assert (err.path, err.line, err.column) == (None, 3, 14)
    assert str(err).startswith("line 3:14: ")


def test_missing_field_and_wrong_shape() -> None:
    with pytest.raises(zhgloss.GlossaryError, match="^line 1:22: missing field `term`$"):
        zhgloss.Glossary.from_json('{"entries": [{"id": 1}]}')
    with pytest.raises(zhgloss.GlossaryError, match="expected a glossary object"):
        zhgloss.Glossary.from_json('["名", "", []]')


def test_inconsistent_glossaries() -> None:
    with pytest.raises(zhgloss.GlossaryError) as info:
        zhgloss.Glossary([zhgloss.Entry(1, "", "是指……")])
    assert str(info.value) == "entry 1 has an empty term"
    assert (info.value.line, info.value.column, info.value.path) == (None, None, None)
    with pytest.raises(zhgloss.GlossaryError, match="appears twice"):
        zhgloss.Glossary([zhgloss.Entry(1, "甲", "乙"), zhgloss.Entry(1, "丙", "丁")])
    with pytest.raises(zhgloss.GlossaryError, match="names 2 divisions"):
        zhgloss.Glossary([zhgloss.Entry(1, "甲", "乙", scope=zhgloss.Scope(["朝阳区"]))])


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "坏.json"
    bad.write_text('{\n  "entries": [\n    {"id": 1,,}\n  ]\n}', encoding="utf-8")
    with pytest.raises(zhgloss.GlossaryError) as info:
        zhgloss.Glossary.from_path(bad)
    err = info.value
    assert (err.path, err.line, err.column) == (str(bad), 3, 14)
    assert str(err).startswith(f"{bad}:3:14: ")

    latin = tmp_path / "latin1.json"
    latin.write_bytes(b'{"entries": [{"id": 1, "term": "\xe9", "definition": "x"}]}')
    with pytest.raises(zhgloss.GlossaryError) as info:
        zhgloss.Glossary.from_path(latin)
    assert (info.value.path, info.value.offset) == (str(latin), 32)

    missing = tmp_path / "没有.json"
    with pytest.raises(FileNotFoundError) as nf:
        zhgloss.Glossary.from_path(missing)
    assert nf.value.filename == str(missing)
    with pytest.raises(IsADirectoryError):
        zhgloss.Glossary.from_path(tmp_path)


def test_error_pickles() -> None:
    err = zhgloss.GlossaryError("g.json:3:14: x", "g.json", 3, 14)
    again = pickle.loads(pickle.dumps(err))
    assert (str(again), again.path, again.line, again.column) == (str(err), "g.json", 3, 14)
