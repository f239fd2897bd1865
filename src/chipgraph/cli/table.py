"""Query answers on the terminal: a readable table, or the complete SPARQL 1.1 formats.

``table`` is for people: IRIs as prefixed names (``ent:nvidia``, the form ``--bind``
accepts), one line per row, long values cut to ``--max-col`` characters, as wide as the
terminal (or ``--width``). ``csv``, ``tsv`` and ``json`` are for programs: complete and
untruncated, whatever the terminal.
"""
from __future__ import annotations

import sys
from typing import TextIO

from ..query import format_result, result_table, table_footer, table_width
from ..store import QueryResult

#: Characters a cell shows in the table before it is cut with "…" (0: whole values).
MAX_COL = 60
#: Width of a table written to a file or a pipe (a terminal's own width is used otherwise).
PIPE_WIDTH = 160


def write_result(res: QueryResult, fmt: str, *, width: int | None = None, max_col: int = MAX_COL,
                 out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if fmt != "table" or res.kind != "select":
        out.write(format_result(res, fmt))  # type: ignore[arg-type]
        return
    from rich.console import Console

    tty = out.isatty()
    if width is None:
        width = Console(file=out).width if tty else PIPE_WIDTH
    table = result_table(res, max_col=max_col, width=width)
    console = Console(file=out, width=max(width, table_width(table)), highlight=False, markup=False, emoji=False,
                      no_color=not tty, soft_wrap=False)
    console.print(table)
    out.write(table_footer(res, table))
