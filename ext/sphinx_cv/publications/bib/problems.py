"""What is wrong in a .bib file: :class:`Problem` at a line, and :func:`summarize`, which
says a problem that repeats across a file once, with a count and its first lines."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Problem", "summarize"]

#: What differs between two reports of one cause: the entry, quoted values, numbers.
_PARTICULARS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|\d+")
#: How many lines a summary names.
SHOWN_LINES = 5


@dataclass(frozen=True)
class Problem:
    """Something wrong with one entry, or with the file. An ``error`` is a reading error
    (an entry or a part of it was lost); the rest are warnings (the entry is listed)."""

    line: int
    message: str
    error: bool = False


def cause(problem: Problem) -> tuple[bool, str]:
    """What two reports of the same cause share: the message without its particulars."""
    return problem.error, _PARTICULARS.sub("…", problem.message)


def summarize(problems: Iterable[Problem]) -> list[Problem]:
    """One problem per cause, in file order: the first report, then how many more there
    are and at which lines (the first :data:`SHOWN_LINES`)."""
    groups: dict[tuple[bool, str], list[Problem]] = {}
    for problem in sorted(problems, key=lambda p: p.line):
        groups.setdefault(cause(problem), []).append(problem)
    out = []
    for same in groups.values():
        first = same[0]
        if len(same) == 1:
            out.append(first)
            continue
        lines = [str(p.line) for p in same[1 : SHOWN_LINES + 1]]
        more = ", …" if len(same) > SHOWN_LINES + 1 else ""
        out.append(
            Problem(
                first.line,
                f"{first.message} [and {len(same) - 1} more like it, at lines "
                f"{', '.join(lines)}{more}]",
                first.error,
            )
        )
    return sorted(out, key=lambda p: p.line)
