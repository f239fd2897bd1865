"""chipgraph's exceptions.

    ChipgraphError
    ├── InputError            a source file cannot be read as a document (names the file)
    ├── ExtractionError       the extractor failed on a document
    ├── StoreError            the store cannot be opened, read or written
    │   └── StoreLockedError  another process holds the on-disk store for writing
    ├── QueryError            a SPARQL query is malformed, timed out or hit a limit
    │   ├── QueryTimeoutError  the query ran past its time limit
    │   └── ResultLimitError   the answer has more rows than the endpoint allows
    ├── ValidationError       the graph does not conform to the SHACL shapes
    └── NotFoundError         a named entity, document or saved query does not exist

The library raises these and never prints or exits; the CLI maps them to exit codes.
A message never shows credentials: the user-info of any URL in it (``user:pw@``) is dropped
when it is turned into text.
"""
from __future__ import annotations

import re

_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@")


def redact_text(text: str) -> str:
    """``text`` with the user-info of every URL in it removed."""
    return _USERINFO.sub(r"\1", text)


class ChipgraphError(Exception):
    """Root of all chipgraph errors."""

    def __str__(self) -> str:
        return redact_text(super().__str__())


def printable(path: str) -> str:
    """A path as text any terminal can print: bytes of a non-UTF-8 file name as ``\\xNN``."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


class InputError(ChipgraphError):
    """``FILE[:LINE]: problem``; a file name that is not UTF-8 is shown with ``\\x`` escapes."""

    def __init__(self, path: str, problem: str):
        self.path, self.problem = printable(path), problem
        super().__init__(f"{self.path}: {problem}")


class ExtractionError(ChipgraphError):
    pass


class StoreError(ChipgraphError):
    pass


class StoreLockedError(StoreError):
    pass


class QueryError(ChipgraphError):
    pass


class QueryTimeoutError(QueryError):
    pass


class ResultLimitError(QueryError):
    """The endpoint cut the result at its row limit (the answer is incomplete)."""


class ValidationError(ChipgraphError):
    def __init__(self, report: str):
        self.report = report
        super().__init__(report)


class NotFoundError(ChipgraphError):
    def __init__(self, what: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        msg = what
        if self.suggestions:
            msg += "; close matches: " + ", ".join(self.suggestions)
        super().__init__(msg)
