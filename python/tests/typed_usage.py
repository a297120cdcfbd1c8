"""A small program using the package's typed API: `mypy --strict` checks it against the stubs,
and test_typed.py runs it."""

from __future__ import annotations

import warnings
from pathlib import Path

import zhgloss


def glossed_terms(text: str, annotator: zhgloss.Annotator) -> list[tuple[str, int, int]]:
    return [(m.term, m.start, m.end) for m in annotator.find_all(text) if m.applies]


def main(glossary_path: Path) -> dict[str, object]:
    glossary: zhgloss.Glossary = zhgloss.Glossary.from_path(glossary_path)
    mine = zhgloss.Glossary(
        [zhgloss.Entry(1, "一网统管", "是指城市运行一网统管。", scope=zhgloss.Scope(["上海市"]))],
        name="我的",
    )
    merged = glossary.merge(mine)
    overridden, overrides = glossary.merge_override(mine)
    forms: list[str] = [o.form for o in overrides]
    ann = zhgloss.Annotator(merged, traditional=True, numerals=True)
    text = "𠀀深化“一网通办”，推进“一网统管”。"
    terms = glossed_terms(text, ann)
    batches: list[list[zhgloss.Match]] = ann.find_many([text, "编制三线一单"], threads=2)
    why: list[str | None] = [m.why for ms in batches for m in ms]
    inline: str = ann.annotate(text, format="inline", every=True)
    plain: str = zhgloss.strip_inline(inline, annotator=ann)
    with warnings.catch_warnings(record=True):
        extracted: zhgloss.Glossary = zhgloss.extract("名词解释\n1. 三线一单：是指生态保护红线等。\n")
    findings: list[zhgloss.Finding] = zhgloss.audit(text, annotator=ann)
    counts = {f.expression: f.count for f in findings}
    try:
        zhgloss.Glossary.from_json("{")
    except zhgloss.GlossaryError as err:
        position: tuple[int | None, int | None] = (err.line, err.column)
    ids = [e.id for e in extracted]
    labels = [e.glossary for e in merged if e.glossary is not None]
    return {
        "terms": terms,
        "why": why,
        "round_trip": plain == text,
        "ids": ids,
        "counts": counts,
        "position": position,
        "labels": sorted(set(labels)),
        "forms": forms,
        "entries": len(overridden),
    }


if __name__ == "__main__":
    print(main(Path(__file__).resolve().parents[2] / "glossary.json"))
