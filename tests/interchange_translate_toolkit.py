#!/usr/bin/env python3
"""zhgloss's TBX and TSV read by translate-toolkit, which several CAT tools build on: every
entry of the built-in glossary, and of a hostile one, comes back.

Run from the repository root with a Python that has translate-toolkit (.ci/run makes a
virtualenv):

    python3 tests/interchange_translate_toolkit.py [path/to/zhgloss]

For each glossary, `zhgloss convert --to tbx` is read with translate.storage.tbx (zh-Hans as
the source language, English as the target) and `zhgloss convert --to tsv` with
translate.storage.omegat. Checked for every entry:

- TBX: one unit per entry, in order, whose source terms are the entry's term and aliases
  (as translate-toolkit reads each tig, in the entry's order within each script), whose
  concept and language notes hold the definition (and the gloss and note), and whose English
  target is the entry's English translation, or none.
- TSV: one unit per surface form, in order, source the form, target the English term or empty,
  comment the definition, each with tabs and line breaks written as one space (OmegaT's format
  cannot hold them).

Exit 1 naming the first entry that does not come back.
"""
import json
import subprocess
import sys
import tempfile

from translate.storage import omegat, tbx

ZHGLOSS = sys.argv[1] if len(sys.argv) > 1 else "target/debug/examples/zhgloss"

# A glossary with what can break XML or TSV: quotes, tabs, <, &, newlines (CR too), 4-byte
# characters, traditional script, and a translation with the same.
HOSTILE = {
    "name": "敌意 <词表> & \"引号\"",
    "source": "tests/interchange_translate_toolkit.py",
    "entries": [
        {
            "id": 1,
            "term": "一網通辦",
            "aliases": ["一网通办", "“一网”通办"],
            "definition": "含<标签>与&amp;实体、'单'\"双\"引号，\t制表符，\n换行\r\n回车。",
            "gloss": "]]> <![CDATA[ 不是 ]]>",
            "note": "𠀀𪚥 四字节字符 😀",
            "translations": {
                "en": {
                    "term": "One <Network> & \"Office\"",
                    "definition": "A portal\twith tabs\nand lines.",
                    "source": "own",
                }
            },
        },
        {
            "id": 2,
            "term": "𪚥計劃",
            "definition": "是指 <![CDATA[x]]> 与 &#x41; 字样。",
        },
        {
            "id": 30,
            "term": "“1+4+4+8”新型产业体系",
            "aliases": ["“1+4+4+8”新型產業體系"],
            "definition": "逗号,分号;竖线|井号#开头的行。",
            "scope": {"places": ["上海市金山区"], "from": 2018, "until": 2020},
            "excludes": ["旧“1+4+4+8”新型产业体系"],
        },
    ],
}


def zhgloss(*args, stdin=None):
    done = subprocess.run(
        [ZHGLOSS, *args], input=stdin, capture_output=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"zhgloss {' '.join(args)} failed: {done.stderr.decode()}")
    return done.stdout


def one_line(text):
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")


def fail(name, entry, message):
    sys.exit(f"{name}: entry {entry['id']} ({entry['term']}): {message}")


def check_tbx(name, glossary, data):
    # translate-toolkit reads one source language: the forms in simplified script with
    # zh-Hans, those in traditional script (their own langSet) with zh-Hant.
    hans = tbx.tbxfile.parsestring(data, sourcelanguage="zh-Hans", targetlanguage="en").units
    hant = tbx.tbxfile.parsestring(data, sourcelanguage="zh-Hant", targetlanguage="en").units
    if not len(hans) == len(hant) == len(glossary["entries"]):
        sys.exit(f"{name}: TBX has {len(hans)} entries, the glossary {len(glossary['entries'])}")
    for entry, simplified, traditional in zip(glossary["entries"], hans, hant):
        if simplified.getid() != f"e{entry['id']}":
            fail(name, entry, f"TBX entry id {simplified.getid()}")
        terms = simplified.get_source_terms() + traditional.get_source_terms()
        forms = [entry["term"], *entry.get("aliases", [])]
        got = [t.text for t in terms]
        if sorted(got) != sorted(forms):
            fail(name, entry, f"TBX terms {got}, expected {forms}")
        preferred = [t.text for t in terms if t.administrative_status == "preferredTerm-admn-sts"]
        if preferred != [entry["term"]]:
            fail(name, entry, f"TBX preferred terms {preferred}")
        notes = [n.text for u in (simplified, traditional) for n in u.get_common_notes(source=True)]
        for field in ("definition", "gloss", "note"):
            if field in entry and entry[field] not in notes:
                fail(name, entry, f"TBX lost the {field} {entry[field]!r}: notes {notes}")
        en = entry.get("translations", {}).get("en")
        target = [t.text for t in simplified.get_target_terms("en")]
        if target != ([en["term"]] if en else []):
            fail(name, entry, f"TBX English terms {target}, expected {en and en['term']}")
        if en and "definition" in en:
            target_notes = [n.text for n in simplified.get_common_notes(source=False)]
            if en["definition"] not in target_notes:
                fail(name, entry, f"TBX lost the English definition: {target_notes}")


def check_tsv(name, glossary, data):
    store = omegat.OmegaTFile()
    store.parse(data)
    units = [u for u in store.units if u.source]
    expected = [
        (form, (e.get("translations", {}).get("en") or {}).get("term", ""), e)
        for e in glossary["entries"]
        for form in [e["term"], *e.get("aliases", [])]
    ]
    if len(units) != len(expected):
        sys.exit(f"{name}: TSV has {len(units)} lines, the glossary {len(expected)} forms")
    for (form, target, entry), unit in zip(expected, units):
        got = (unit.source, unit.target or "", unit.getnotes())
        want = (one_line(form), one_line(target), one_line(entry["definition"]))
        if got != want:
            fail(name, entry, f"TSV line {got}, expected {want}")


def main():
    builtin = json.loads(zhgloss("list"))
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as f:
        json.dump(HOSTILE, f, ensure_ascii=False)
        f.flush()
        # The hostile glossary is a valid one (zhgloss loads it).
        hostile = json.loads(zhgloss("list", "-g", f.name))
        for name, glossary in [("built-in", builtin), ("hostile", hostile)]:
            text = json.dumps(glossary, ensure_ascii=False).encode()
            check_tbx(name, glossary, zhgloss("convert", "--to", "tbx", stdin=text))
            check_tsv(name, glossary, zhgloss("convert", "--to", "tsv", stdin=text))
            print(f"translate-toolkit: {len(glossary['entries'])} {name} entries back from TBX and TSV")


if __name__ == "__main__":
    main()
