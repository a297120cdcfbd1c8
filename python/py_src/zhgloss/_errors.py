"""The exceptions and warnings of zhgloss, defined in Python so they are plain subclasses."""

from __future__ import annotations


class GlossaryError(ValueError):
    """A glossary that cannot be read or used: malformed JSON, a missing field, an empty term,
    a duplicate id, a surface form claimed by two entries, a file that is not UTF-8.

    ``str(err)`` is the library's message, ``path:line:column: message`` where it has them;
    ``.path``, ``.line`` (1-based), ``.column`` (1-based, in characters) and ``.offset`` (a byte
    offset, for invalid UTF-8) are ``None`` where the error has none.

    >>> import zhgloss
    >>> try:
    ...     zhgloss.Glossary.from_json('{\\n  "entries": [\\n    {"id": 1,,}\\n  ]\\n}')
    ... except zhgloss.GlossaryError as err:
    ...     print(err.line, err.column, err)
    3 14 line 3:14: key must be a string
    """

    def __init__(
        self,
        message: str,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.offset = offset

    def __reduce__(self) -> tuple[type[GlossaryError], tuple[str, str | None, int | None, int | None, int | None]]:
        return (type(self), (self.message, self.path, self.line, self.column, self.offset))


class ExtractWarning(UserWarning):
    """A piece of a report that :func:`zhgloss.extract` could not turn into an entry.

    ``.line`` is its 1-based line, ``.text`` an excerpt, ``.message`` what is wrong.
    """

    def __init__(self, line: int, text: str, message: str) -> None:
        super().__init__(f"line {line}: {message}: {text}")
        self.line = line
        self.text = text
        self.message = message
