#!/usr/bin/env python3
"""The Markdown format under GitHub's own renderer (cmark-gfm, through the cmarkgfm package):
hostile text and glossaries open nothing the renderer did not write.

Run from the repository root with a Python that has cmarkgfm (.ci/run makes a virtualenv):

    python3 tests/markdown_gfm.py [path/to/zhgloss]

For each of many texts built from Markdown and HTML syntax, line endings, indentation and the
built-in terms (fixed seed), `zhgloss --format markdown` (first occurrences, and --every) is
rendered to HTML with GitHub's extensions (footnotes, tables, strikethrough, autolinks, task
lists, tag filter) and parsed. The only elements may be the paragraphs, footnote references
and footnotes the renderer wrote (p, sup, a, section, ol, li, strong, br); every link is a
footnote link, or one of GFM's autolinks of a URL or address the text spells out, whose text
is its target (no hidden target); footnote lists only inside the footnotes; and the text of
the body is the input's, character for character (white space aside). Exit 1 naming the first
text that breaks a rule.
"""
import html.parser
import random
import subprocess
import sys

import cmarkgfm
from cmarkgfm.cmark import Options

ZHGLOSS = sys.argv[1] if len(sys.argv) > 1 else "target/debug/examples/zhgloss"

PIECES = [
    "三线一单", "一网通办", "金 10 条", "“", "”", "(https://evil.example)", "](x)", "[", "]",
    "[^1]", "[^1]: 假注", "![图](x.png)", "<script>", "<b>", "</div>", "&amp;", "&", "\\", "`",
    "```", "~~~", "*", "**", "_", "__", "~", "~~", "!", "|", "|a|b|\n|-|-|", "#", "# ",
    "## 标题", "> ", "- ", "+ ", "* ", "1. ", "1) ", "2.", "---", "***", "===", "    ", "\t",
    " ", "\n", "\r", "\r\n", "\n\n", "    代码", "<http://x.y>", "www.example.com",
    "a@b.com", "[链接][ref]", "[ref]: http://x", "- [ ] ", ":", "。", "，", "文字", "1", "0",
]

ALLOWED = {"p", "sup", "a", "section", "ol", "li", "strong", "br"}


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.body_text = []
        self.link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        in_notes = any(t == "section" for t, _ in self.stack)
        if tag not in ALLOWED:
            self.problems.append(f"<{tag}>")
        if tag in ("ol", "li") and not in_notes:
            self.problems.append(f"<{tag}> outside the footnotes")
        if tag == "section" and "footnotes" not in (attrs.get("class") or ""):
            self.problems.append("a section that is not the footnotes")
        if tag == "a":
            self.link = [attrs.get("href") or "", ""]
        self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            href, text = self.link
            footnote = href.startswith("#fn-") or href.startswith("#fnref-")
            autolink = href in (text, "http://" + text, "mailto:" + text)
            if not (footnote or autolink):
                self.problems.append(f"a link to {href!r} reading {text!r}")
            self.link = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.link is not None:
            self.link[1] += data
        in_notes = any(t == "section" for t, _ in self.stack)
        in_ref = any(t == "sup" for t, _ in self.stack)
        if not in_notes and not in_ref:
            self.body_text.append(data)


def render(text, every):
    args = [ZHGLOSS, "--format", "markdown"] + (["--every"] if every else [])
    out = subprocess.run(args, input=text.encode(), capture_output=True, check=True)
    return out.stdout.decode()


def check(text, every):
    md = render(text, every)
    options = Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_UNSAFE
    page_html = cmarkgfm.github_flavored_markdown_to_html(md, options=options)
    page = Page()
    page.feed(page_html)
    problems = list(page.problems)
    want = "".join(c for c in text if not c.isspace())
    got = "".join(c for c in "".join(page.body_text) if not c.isspace())
    if got != want:
        problems.append(f"body text {got!r} is not the input's {want!r}")
    if problems:
        print(f"markdown_gfm: {problems[0]}\n  text: {text!r}\n  markdown: {md!r}\n  html: {page_html!r}")
        sys.exit(1)


def main():
    rng = random.Random(20261202)
    texts = ["推进三线一单(https://evil.example)", "行首\r# 标题", "    四个空格\n\n    代码块"]
    texts += ["".join(rng.choice(PIECES) for _ in range(rng.randrange(30))) for _ in range(300)]
    for text in texts:
        for every in (False, True):
            check(text, every)
    print(f"markdown_gfm: ok ({2 * len(texts)} renderings checked with cmark-gfm)")


main()
