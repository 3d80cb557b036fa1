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


_BRACES = re.compile(r"[{}]")
_QUOTED = re.compile(r'[{}"]')
_BARE_END = re.compile(r"[,#}\n\r\t )]")
_SPACE = re.compile(r"[ \t\r\n]*")
_OPENING = re.compile(r"[{(]")
_PARENTHESIS_GROUP = re.compile(r"[{})]")


def _group_end(text: str, pos: int, pattern: re.Pattern[str], closer: str) -> int:
    """Past the ``closer`` at brace depth 0 (``}`` ending the group opened at ``pos``, or
    a closing quote), or -1 if there is none."""
    depth = 0
    for match in pattern.finditer(text, pos):
        char = match.group()
        if char == closer and depth == (1 if closer == "}" else 0):
            return match.end()
        depth += 1 if char == "{" else -1 if char == "}" else 0
    return -1


def _skip_value(text: str, pos: int) -> tuple[int, int]:
    """Where a field value starting at ``pos`` ends (braces, quotes, macros, ``#``), and
    where what follows it starts (after white space)."""
    while pos < len(text):
        char = text[pos]
        if char == "{":
            end = _group_end(text, pos, _BRACES, "}")
        elif char == '"':
            end = _group_end(text, pos + 1, _QUOTED, '"')
        else:
            match = _BARE_END.search(text, pos)
            end = match.start() if match else -1
        pos = value_end = end if end >= 0 else len(text)
        pos = _SPACE.match(text, pos).end()  # type: ignore[union-attr]
        if pos < len(text) and text[pos] == "#":
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
            continue
        return value_end, pos
    return pos, pos


def _closing(text: str, open_at: int) -> int:
    """Where the entry opened at ``open_at`` (a ``{`` or ``(``) closes, or -1."""
    if text[open_at] == "{":
        end = _group_end(text, open_at, _BRACES, "}")
        return end - 1 if end >= 0 else -1
    depth = 0
    for match in _PARENTHESIS_GROUP.finditer(text, open_at):
        char = match.group()
        if char == ")" and depth == 0:
            return match.start()
        depth += 1 if char == "{" else -1 if char == "}" else 0
    return -1


def entry_sources(text: str, starts: Iterable[tuple[str, int]]) -> dict[str, str]:
    """Each entry's text, from its ``@`` to its closing brace: ``starts`` gives (key, offset)."""
    out = {}
    for key, start in starts:
        match = _OPENING.search(text, start)
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
