#!/bin/bash
# Checks `zhgloss --format html` in a real browser: headless Chromium loads the page made from
# the report (with a <script> line in front), and the DOM it builds must have a focusable term
# element for every glossed entry whose definition is reachable (tooltip attribute, link to the
# glossary entry or to the report's own 名词解释 headword, aria-describedby), the glossary at the
# end (pointing to the report's own entries rather than repeating them), and the script shown as text,
# never run. A copy of the page with a probe script focuses the first term and checks that the
# CSS tooltip then shows its definition (hover uses the same rule).
#
# Run from the project root: bash tests/html-chromium.sh [--screenshot FILE]
# Installs Debian's chromium when it is missing (needs root, as on CI). Exits non-zero on failure.
set -euo pipefail

shot=
[ "${1:-}" = "--screenshot" ] && shot=${2:?--screenshot needs a file}

if ! command -v chromium >/dev/null 2>&1; then
    echo "html-chromium: installing chromium" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

cargo build --quiet --example zhgloss
bin=${CARGO_TARGET_DIR:-target}/debug/examples/zhgloss

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{
    printf '%s\n' "<script>document.body.setAttribute('data-pwned','1')</script><b>粗体</b> & 推进“一网通办”"
    cat examples/report-2020-jinshan.txt
} >"$tmp/input.txt"
"$bin" --format html "$tmp/input.txt" >"$tmp/page.html"

chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$tmp")" "$@" 2>/dev/null
}

chrome --dump-dom "file://$tmp/page.html" >"$tmp/dom.html"

# The probe: focus the first term, read the tooltip's content, record it on <body>. A headless
# window does not always have focus when the page loads, and without it `:focus` never matches
# (1 run in 4 failed so): the probe focuses the window, then waits a frame at a time, up to 50,
# for the term to match `:focus` (virtual time lets the timers run before the DOM is dumped).
probe="<script>
const a = document.querySelector('a.term');
const before = getComputedStyle(a, '::after').content;
document.body.setAttribute('data-probe-before', before);
let tries = 0;
function look() {
    window.focus();
    a.focus();
    if (!a.matches(':focus') && ++tries < 50) { setTimeout(look, 20); return; }
    document.body.setAttribute('data-probe-focused', getComputedStyle(a, '::after').content);
    document.body.setAttribute('data-probe-active', document.activeElement === a ? 'yes' : 'no');
}
look();
</script>"
python3 - "$tmp/page.html" "$tmp/probe.html" "$probe" <<'EOF'
import sys
page = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[2], "w", encoding="utf-8").write(page.replace("</body>", sys.argv[3] + "\n</body>"))
EOF
chrome --virtual-time-budget=5000 --dump-dom "file://$tmp/probe.html" >"$tmp/probe-dom.html"
if [ -n "$shot" ]; then
    chrome --window-size=1000,700 --screenshot="$shot" "file://$tmp/probe.html"
fi

python3 - "$tmp/dom.html" "$tmp/probe-dom.html" <<'EOF'
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

check("data-pwned" not in body["attrs"], "the input's <script> ran")
check(not any(e["tag"] == "script" for e in els), "the input's <script> became an element")
check(not any(e["tag"] == "b" for e in els), "the input's <b> became an element")
check("<script>document.body" in text["text"], "the input's <script> is not shown as text")
check("<b>粗体</b> & 推进" in text["text"], "the input's markup is not shown as text")
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

probe = next(e for e in parse(sys.argv[2]) if e["tag"] == "body")["attrs"]
# The tooltip shows the definition, after where it holds for an entry with a scope.
first = terms[0]["attrs"]["data-definition"]
if "data-scope" in terms[0]["attrs"]:
    first = "〔" + terms[0]["attrs"]["data-scope"] + "〕" + first
check(probe.get("data-probe-active") == "yes", "the first term cannot take keyboard focus")
check(probe.get("data-probe-before") in ("none", "normal"), f"tooltip shown without focus: {probe.get('data-probe-before')!r}")
check(probe.get("data-probe-focused") == json.dumps(first, ensure_ascii=False),
      f"focused term's tooltip is {probe.get('data-probe-focused')!r}, not its scope and definition")

if failures:
    print("html-chromium: FAILED", *failures, sep="\n  ", file=sys.stderr)
    sys.exit(1)
print(f"html-chromium: ok ({len(terms)} terms, definitions on focus and in the glossary, input escaped)")
EOF
