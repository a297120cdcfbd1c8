"""Annotate Chinese government text with the meanings of its policy slogans and abbreviations.

zhgloss finds every term of a glossary in text as real text writes it (金 10 条, 金１０条,
“一网\\n通办” split by a PDF line break, 一網通辦 in traditional script, 金十条 in Chinese
numerals), judges whether the definition holds in the document, and renders the text with each
slogan explained. The core is the Rust library zhgloss; searching releases the GIL.

>>> import zhgloss
>>> ann = zhgloss.Annotator()
>>> [(m.term, m.matched, m.start, m.end) for m in ann.find_all("深化“一网\\n通办”改革")]
[('一网通办', '一网\\n通办', 3, 8)]
>>> ann.annotate("编制三线一单。", format="footnote").splitlines()[0]
'编制三线一单¹。'
"""

from __future__ import annotations

import warnings

from ._errors import ExtractWarning, GlossaryError
from ._zhgloss import (
    Annotator,
    Entry,
    EntryName,
    Finding,
    Glossary,
    Match,
    Override,
    Scope,
    __version__,
    _extract,
    audit,
    strip_inline,
)

# Shown as zhgloss.GlossaryError in tracebacks, as the classes of the core are.
GlossaryError.__module__ = ExtractWarning.__module__ = __name__

__all__ = [
    "Annotator",
    "Entry",
    "EntryName",
    "ExtractWarning",
    "Finding",
    "Glossary",
    "GlossaryError",
    "Match",
    "Override",
    "Scope",
    "__version__",
    "audit",
    "extract",
    "strip_inline",
]


def extract(text: str) -> Glossary:
    """The glossary of a report: its 名词解释 section and its （以下简称“X”） definitions.

    Never fails: each piece it cannot read is an :class:`ExtractWarning` (with ``.line``,
    ``.text`` and ``.message``), issued with :func:`warnings.warn`, so that
    ``warnings.simplefilter("error", zhgloss.ExtractWarning)`` makes them errors and
    ``warnings.catch_warnings(record=True)`` collects them.

    >>> import zhgloss
    >>> g = zhgloss.extract("名词解释\\n1. 三线一单：是指生态保护红线等。\\n")
    >>> [(e.id, e.term, e.definition) for e in g]
    [(1, '三线一单', '是指生态保护红线等。')]
    """
    glossary, problems = _extract(text)
    for line, excerpt, message in problems:
        warnings.warn(ExtractWarning(line, excerpt, message), stacklevel=2)
    return glossary
