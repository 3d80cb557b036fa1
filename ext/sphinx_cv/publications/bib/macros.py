"""A .bib file's own LaTeX macros: the ``\\newcommand`` definitions of its ``@preamble``,
expanded in the fields that use them (``\\noopsort``, ``\\switchargs``…)."""

from __future__ import annotations

import re

__all__ = ["expand_macros", "preamble_macros"]

_NEWCOMMAND = re.compile(
    r"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z]+)\}?\s*(?:\[(\d)\])?\s*"
    r"\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"
)


def preamble_macros(preamble: str) -> dict[str, tuple[int, str]]:
    """The ``\\newcommand`` definitions of a .bib file's ``@preamble``: name → (arguments,
    body), for :func:`expand_macros`."""
    return {
        match.group(1): (int(match.group(2) or 0), match.group(3))
        for match in _NEWCOMMAND.finditer(preamble)
    }


#: How many times longer than written a value may grow by its macros.
GROWTH = 20


def expand_macros(latex: str, macros: dict[str, tuple[int, str]]) -> str:
    """``latex`` with the file's own macros replaced by their definitions (``#1``…); a
    macro that grows the text past :data:`GROWTH` times (a macro that calls itself) is left
    as written from there on."""
    limit = GROWTH * max(len(latex), 100)
    for _ in range(5):  # macros that use macros, a few levels deep
        changed = False
        for name, (count, body) in macros.items():
            pattern = re.compile(r"\\" + name + r"(?![A-Za-z])" + r"\s*\{([^{}]*)\}" * count)
            if pattern.search(latex):

                def fill(match: re.Match[str], body: str = body, count: int = count) -> str:
                    def argument(number: re.Match[str]) -> str:
                        n = int(number.group(1))
                        return match.group(n) if 1 <= n <= count else ""

                    return re.sub(r"#(\d)", argument, body)

                expanded = pattern.sub(fill, latex, count=limit)
                if len(expanded) > limit:
                    return latex
                latex, changed = expanded, True
        if not changed:
            break
    return latex
