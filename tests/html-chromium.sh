#!/bin/bash
# Checks `zhgloss --format html` in a real browser: headless Chromium loads the page made from
# the report (with a <script> line in front), and the DOM it builds must have a focusable term
# element for every glossed entry whose definition is reachable (tooltip attribute, link to the
# glossary entry or to the report's own 名词解释 headword, aria-describedby), the glossary at the
# end (pointing to the report's own entries rather than repeating them), and the script shown as text,
# never run; the document's first line, markup too, is the page's title and h1, as text.
#
# Then the report's own page, at 390 px (a phone) and 1280 px (a desktop) wide: it reads as a
# document (its title line is the page's title and h1, its chapters h2), no element runs past the
# window's right edge, and a probe script in a copy of the page focuses every term in turn and
# checks that the CSS tooltip then shows its definition (hover uses the same rule) inside the
# window. Screenshots at both widths, of the page and of the probe (the first term focused), are
# kept in target/html-chromium/ with the pages, for CI to keep as artifacts.
#
# Run from the project root: bash tests/html-chromium.sh
# Installs Debian's chromium and fonts-noto-cjk when missing (needs root, as on CI). Exits non-zero on failure.
set -euo pipefail

if ! command -v chromium >/dev/null 2>&1; then
    echo "html-chromium: installing chromium" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# Without a Chinese font the text is boxes: widths, and the screenshots, would say nothing.
if ! fc-list :lang=zh | grep -q .; then
    echo "html-chromium: installing fonts-noto-cjk" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null
fi

cargo build --quiet --example zhgloss
target=${CARGO_TARGET_DIR:-target}
bin=$target/debug/examples/zhgloss
shots=$target/html-chromium
mkdir -p "$shots"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{
    printf '%s\n' "<i>报告</i> & <b>“一网通办”</b>" \
        "<script>document.body.setAttribute('data-pwned','1')</script><b>粗体</b> & 推进“一网通办”"
    cat examples/report-2020-jinshan.txt
} >"$tmp/input.txt"
"$bin" --format html "$tmp/input.txt" >"$tmp/page.html"
"$bin" --format html examples/report-2020-jinshan.txt >"$tmp/report.html"

chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --hide-scrollbars --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>/dev/null
}

chrome --dump-dom "file://$tmp/page.html" >"$tmp/dom.html"

# The probe: focus each term, read its tooltip's content and where its box is, and measure what
# runs past the window's right edge (the page's scroll width, each element's box), with the
# first term focused; record it all on <body> as JSON. A headless window does not always have
# focus when the page loads, and without it `:focus` never matches (1 run in 4 failed so): the
# probe focuses the window, then waits a frame at a time, up to 50, for the first term to match
# `:focus` (virtual time lets the timers run before the DOM is dumped).
probe="<script>
const terms = [...document.querySelectorAll('a.term')];
const width = document.documentElement.clientWidth;
document.body.setAttribute('data-probe-before', getComputedStyle(terms[0], '::after').content);
function overflowing() {
    const over = [];
    if (document.documentElement.scrollWidth > width) over.push('page:' + document.documentElement.scrollWidth);
    for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1) over.push(e.tagName + '.' + e.className + ':' + Math.round(r.right));
    }
    return over;
}
// The tooltip is a pseudo-element, positioned in the text's box by its left and right.
function tooltip(a) {
    const after = getComputedStyle(a, '::after');
    const box = a.closest('.text').getBoundingClientRect();
    return {focused: document.activeElement === a, content: after.content,
            left: Math.round(box.left + parseFloat(after.left)),
            right: Math.round(box.right - parseFloat(after.right)),
            scroll: document.documentElement.scrollWidth};
}
let tries = 0;
function look() {
    window.focus();
    terms[0].focus({preventScroll: true});
    if (!terms[0].matches(':focus') && ++tries < 50) { setTimeout(look, 20); return; }
    const results = terms.map(a => { a.focus({preventScroll: true}); return tooltip(a); });
    terms[0].focus({preventScroll: true});
    document.body.setAttribute('data-probe-width', String(width));
    document.body.setAttribute('data-probe-terms', JSON.stringify(results));
    document.body.setAttribute('data-probe-overflow', JSON.stringify(overflowing()));
}
look();
</script>"
python3 - "$tmp/report.html" "$tmp/probe.html" "$probe" <<'EOF'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", sys.argv[3] + "\n</body>"))
EOF
for w in 390 1280; do
    chrome --window-size=$w,2000 --virtual-time-budget=5000 --dump-dom "file://$tmp/probe.html" >"$tmp/probe-$w.html"
    chrome --window-size=$w,2000 --screenshot="$shots/report-$w.png" "file://$tmp/report.html"
    chrome --window-size=$w,2000 --virtual-time-budget=5000 --screenshot="$shots/focus-$w.png" "file://$tmp/probe.html"
done
cp "$tmp/report.html" "$tmp/page.html" "$shots/"

python3 - "$tmp/dom.html" "$tmp/probe-390.html" "$tmp/probe-1280.html" <<'EOF'
import json, sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    """Elements with their attributes and text, in document order."""
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.stack = [], []
    def handle_starttag(self, tag, attrs):
        el = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(el)
        if tag not in ("meta", "link", "br", "img", "input"):
            self.stack.append(el)
    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()["tag"] == tag:
                break
    def handle_data(self, data):
        for el in self.stack:
            el["text"] += data

def parse(path):
    d = Dom()
    d.feed(open(path, encoding="utf-8").read())
    return d.elements

failures = []
def check(ok, what):
    if not ok:
        failures.append(what)

els = parse(sys.argv[1])
body = next(e for e in els if e["tag"] == "body")
ids = {e["attrs"]["id"]: e for e in els if "id" in e["attrs"]}
terms = [e for e in els if e["tag"] == "a" and e["attrs"].get("class") == "term"]
text = next(e for e in els if e["attrs"].get("class") == "text")
title = next(e for e in els if e["tag"] == "title")["text"]
hostile = "<i>报告</i> & <b>“一网通办”</b>"

check("data-pwned" not in body["attrs"], "the input's <script> ran")
check(not any(e["tag"] == "script" for e in els), "the input's <script> became an element")
check(not any(e["tag"] in ("b", "i") for e in els), "the input's <b> or <i> became an element")
check("<script>document.body" in text["text"], "the input's <script> is not shown as text")
check("<b>粗体</b> & 推进" in text["text"], "the input's markup is not shown as text")
check(title == hostile and [e["text"] for e in els if e["tag"] == "h1"] == [hostile],
      f"the first line, the page's title, is {title!r} there")
entries = {t["attrs"].get("data-entry") for t in terms}
check(len(entries) == 29, f"expected terms of all 29 entries, found {len(entries)}")
check(len(terms) == 29, f"expected one term element per entry (first occurrence), found {len(terms)}")
for t in terms:
    a = t["attrs"]
    target = a.get("href", "")[1:]
    dt, dd = ids.get(target), ids.get(a.get("aria-describedby", ""))
    check(a.get("data-definition", "").strip() != "", f"term {t['text']} has no definition")
    # The link leads to the page's glossary entry, or, for a term the document's own 名词解释
    # defines, to its headword there; the description is the definition either way.
    check(dt is not None and (dt["tag"] == "dt" or dt["attrs"].get("class") == "own"),
          f"term {t['text']} links to no glossary entry")
    check(dd is not None and dd["tag"] in ("dd", "span") and dd["text"] == a.get("data-definition"),
          f"term {t['text']} is described by no glossary definition")
own = [e for e in els if e["tag"] == "span" and e["attrs"].get("class") == "own"]
pointed = [e for e in els if e["tag"] == "a" and e["attrs"].get("href", "").startswith("#")
           and e["attrs"].get("class") != "term"]
check(sum(1 for e in els if e["tag"] == "dt") + len(pointed) == 29,
      "the glossary does not list or point to the 29 entries used")
check(len(own) == 29 and all(s["text"] in text["text"] for s in own),
      "the report's own 名词解释 headwords are not the anchors of its entries")

for path in sys.argv[2:]:
    report = parse(path)
    probe = next(e for e in report if e["tag"] == "body")["attrs"]
    width = int(probe.get("data-probe-width", "0"))
    title = next(e for e in report if e["tag"] == "title")["text"]
    h1 = [e["text"] for e in report if e["tag"] == "h1"]
    check(title == "2020 年金山区人民政府工作报告（节选）" and h1 == [title],
          f"the report's title is {title!r}, its h1 {h1!r}")
    check(sum(1 for e in report if e["tag"] == "h2") == 5, "the report's chapters are not its h2s")
    check(sum(1 for e in report if e["tag"] == "p") > 50, "the report's paragraphs are not paragraphs")
    check(probe.get("data-probe-before") in ("none", "normal"),
          f"{width}px: tooltip shown without focus: {probe.get('data-probe-before')!r}")
    over = json.loads(probe.get("data-probe-overflow", '["no probe result"]'))
    check(over == [], f"{width}px: elements run past the window: {over[:5]}")
    results = json.loads(probe.get("data-probe-terms", "[]"))
    report_terms = [e for e in report if e["tag"] == "a" and e["attrs"].get("class") == "term"]
    check(len(results) == len(report_terms) == 29, f"{width}px: {len(results)} of 29 terms probed")
    for t, r in zip(report_terms, results):
        # The tooltip shows the definition, after where it holds for an entry with a scope.
        want = t["attrs"]["data-definition"]
        if "data-scope" in t["attrs"]:
            want = "〔" + t["attrs"]["data-scope"] + "〕" + want
        check(r["focused"], f"{width}px: term {t['text']} cannot take keyboard focus")
        check(r["content"] == json.dumps(want, ensure_ascii=False),
              f"{width}px: focused term {t['text']}'s tooltip is {r['content'][:40]!r}, not its scope and definition")
        check(0 <= r["left"] and r["right"] <= width and r["scroll"] <= width,
              f"{width}px: term {t['text']}'s tooltip runs off the window: {r}")

if failures:
    print("html-chromium: FAILED", *failures, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"html-chromium: ok ({len(terms)} terms, definitions on focus within the window at 390 and "
      "1280 px, nothing overflows, input escaped; screenshots in target/html-chromium/)")
EOF
