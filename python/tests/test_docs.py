"""Every example in a docstring of the package runs and prints what it says."""

from __future__ import annotations

import doctest
import inspect

import pytest

import zhgloss


def docstrings() -> list[tuple[str, str]]:
    found = [("zhgloss", zhgloss.__doc__ or "")]
    for name in zhgloss.__all__:
        obj = getattr(zhgloss, name)
        if isinstance(obj, str):
            continue
        found.append((name, obj.__doc__ or ""))
        if inspect.isclass(obj):
            for attr, member in vars(obj).items():
                doc = getattr(member, "__doc__", None)
                if doc and not attr.startswith("_") and doc != getattr(object, attr, None):
                    found.append((f"{name}.{attr}", doc))
    return [(n, d) for n, d in found if ">>>" in d]


DOCS = docstrings()


def test_there_are_examples() -> None:
    names = {n for n, _ in DOCS}
    for expected in ("Annotator", "Annotator.find_all", "Annotator.find_many", "Glossary",
                     "Match", "audit", "extract", "strip_inline", "GlossaryError"):
        assert expected in names


@pytest.mark.parametrize(("name", "doc"), DOCS, ids=[n for n, _ in DOCS])
def test_example(name: str, doc: str) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(doc, {}, name, None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)
    assert runner.tries > 0
