"""Text from an imported file on its way into MyST: cleaned, then written so that it shows as
written in every place a page holds it, and never becomes markup.

Pure Python. :func:`myst` is the one function every imported value goes through; its
``position`` says where the text goes:

``title``
    an entry directive's argument, on the line of a ``~~~`` fence (a tilde fence's line may
    hold any character, backticks included; the entry directives read it as plain text);
``option``
    a directive option's value, quoted as MyST reads options (a YAML double-quoted string);
``line``
    one line of Markdown: a heading, a list item, a field's value;
``block``
    paragraphs of Markdown: the file's blank lines part paragraphs, and a line that starts
    like a list item ("- ", "• ", "1.") starts a paragraph of its own;
``url``
    the address of a Markdown link, between ``<`` and ``>``.

Markdown's characters are backslash-escaped in ``line`` and ``block`` text (CommonMark shows
an escaped ASCII punctuation character as itself); entities (``&amp;``) are escaped too, so
they show as written. ``tests/cli/test_import_hostile.py`` holds the proof: every MyST and reST
construct, in every position, through real builds and through MyST's own parser.
"""

from __future__ import annotations

import re

__all__ = ["POSITIONS", "clean", "myst", "one_line"]

POSITIONS = ("title", "option", "line", "block", "url")

#: What a page cannot show: control characters (but line ends and tabs) and lone surrogates
#: (JSON's "\\ud800"), which no UTF-8 file can hold. Each becomes U+FFFD, so it is seen.
_UNSHOWABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
#: Markdown's characters wherever they stand (entities start with "&").
_ANYWHERE = re.compile(r"([\\`*_{}\[\]<>#|~$&])")
#: Markdown's characters that mean something at the start of a line: lists, quotes, fields,
#: comments (%), targets ("(name)="), breaks (+++), headings' underlines; and "1." / "1)".
_LINE_START = re.compile(r"^(?:([-+=:>%(])|(\d+)([.)]))")
#: A line of the file that starts a paragraph of its own: it reads as a list item.
_ITEM = re.compile(r"^(?:[-*+•·▪–—]\s|\d+[.)]\s)")
#: In an option's quoted value: what YAML's double quotes escape.
_QUOTED = re.compile(r'[\\"\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]')
_URL = re.compile(r"([\\<>])")


def clean(text: str) -> str:
    """The file's text as a page can hold it: line ends as ``\\n``, and each control
    character or lone surrogate replaced by U+FFFD (shown, not dropped)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSHOWABLE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """``text`` with its runs of white space (line ends too) as one space."""
    return " ".join(clean(text).split())


def _line(text: str) -> str:
    escaped = _ANYWHERE.sub(r"\\\1", one_line(text))
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)


def _paragraphs(text: str) -> list[str]:
    paragraphs: list[list[str]] = []
    fresh = True
    for raw in clean(text).split("\n"):
        line = raw.strip()
        if not line:
            fresh = True
        elif fresh or _ITEM.match(line):
            paragraphs.append([line])
            fresh = False
        else:
            paragraphs[-1].append(line)
    return [" ".join(lines) for lines in paragraphs]


def _quote(match: re.Match[str]) -> str:
    char = match[0]
    return f"\\{char}" if char in '\\"' else f"\\u{ord(char):04x}"


def myst(text: str, position: str) -> str:
    """``text`` written for ``position`` (one of :data:`POSITIONS`) so that MyST shows it as
    written: no role, directive, target, comment, substitution, entity, HTML or fence in it
    becomes markup."""
    if position == "title":
        return one_line(text)
    if position == "option":
        return '"' + _QUOTED.sub(_quote, one_line(text)) + '"'
    if position == "line":
        return _line(text)
    if position == "block":
        return "\n\n".join(_line(p) for p in _paragraphs(text))
    if position == "url":
        return _URL.sub(r"\\\1", one_line(text))
    raise ValueError(f"unknown position {position!r}; one of {', '.join(POSITIONS)}")
