"""The BibTeX block shown with each publication: the entry as its author wrote it.

:func:`entry_sources` cuts each entry's own text out of the file (keeping
``\\url{}``, month macros such as ``jan`` and the author's layout), and
:func:`without_fields` takes out the fields that are not for others to cite
(refused links, this package's and al-folio's own fields), so that copying the
block into a LaTeX document works.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["entry_sources", "without_fields"]

_FIELD_NAME = re.compile(r"\s*([A-Za-z][\w:.+-]*)\s*=\s*")


def _skip_value(text: str, pos: int) -> tuple[int, int]:
    """Where a field value starting at ``pos`` ends (braces, quotes, macros, ``#``), and
    where what follows it starts (after white space)."""
    while pos < len(text):
        char = text[pos]
        if char == "{":
            depth = 0
            while pos < len(text):
                depth += {"{": 1, "}": -1}.get(text[pos], 0)
                pos += 1
                if depth == 0:
                    break
        elif char == '"':
            pos += 1
            depth = 0
            while pos < len(text) and not (text[pos] == '"' and depth == 0):
                depth += {"{": 1, "}": -1}.get(text[pos], 0)
                pos += 1
            pos += 1
        else:
            while pos < len(text) and text[pos] not in ",#}\n\r\t )":
                pos += 1
        value_end = pos
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos < len(text) and text[pos] == "#":
            pos += 1
            while pos < len(text) and text[pos] in " \t\r\n":
                pos += 1
            continue
        return value_end, pos
    return pos, pos


def _closing(text: str, open_at: int) -> int:
    """Where the entry opened at ``open_at`` (a ``{`` or ``(``) closes, or -1."""
    depth = 0
    for pos in range(open_at, len(text)):
        char = text[pos]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and text[open_at] == "{":
                return pos
        elif char == ")" and depth == 0 and text[open_at] == "(":
            return pos
    return -1


def entry_sources(text: str, starts: Iterable[tuple[str, int]]) -> dict[str, str]:
    """Each entry's text, from its ``@`` to its closing brace: ``starts`` gives (key, offset)."""
    out = {}
    for key, start in starts:
        match = re.compile(r"[{(]").search(text, start)
        end = _closing(text, match.start()) if match else -1
        if end >= 0:
            out[key] = text[start : end + 1]
    return out


def without_fields(source: str, drop: set[str]) -> str:
    """``source`` (one entry) without the fields named in ``drop`` (lower case)."""
    head = source.find(",")
    if head < 0 or not drop:
        return source
    pos, kept, last = head + 1, [source[: head + 1]], head + 1
    while True:
        match = _FIELD_NAME.match(source, pos)
        if not match:
            break
        value_end, end = _skip_value(source, match.end())
        has_comma = end < len(source) and source[end] == ","
        after = end + 1 if has_comma else value_end
        if match.group(1).lower() in drop:
            kept.append(source[last:pos])
            last = after
        pos = after
        if not has_comma:
            break
    kept.append(source[last:])
    return "".join(kept)
