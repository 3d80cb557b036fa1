"""A formatted reference in a compact form: :data:`Rich`, text with a few marks.

pybtex's rich text is a tree of objects per word and comma; a listing keeps a
thousand of them in its cache and in every page's doctree. A :data:`Rich` is a
tuple of strings and :class:`Span` marks (emphasis, bold, the owner's name,
the title, a link): what a reference shows and nothing else, cheap to pickle
and written out directly by each builder. Neighbouring strings are merged.

Pure Python, no Sphinx: every builder renders it (:mod:`sphinx_cv.publications.html` and
:mod:`sphinx_cv.publications.view`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pybtex.richtext import BaseMultipartText, HRef, String, Symbol, Tag, Text
from pybtex.style.template import FieldIsMissing

__all__ = [
    "NBSP",
    "OWNER",
    "TITLE",
    "R",
    "Rich",
    "Span",
    "cat",
    "first_of",
    "from_pybtex",
    "join",
    "optional",
    "plain",
    "sentence",
    "tag",
    "text_length",
    "to_pybtex",
    "together",
    "words",
]

#: The marks a reference can carry: pybtex's tag names as its docutils backend knows them,
#: the owner's name, the title and a link (``href``).
OWNER = "cv-owner"
TITLE = "cv-title"
_TAGS = {"em": "em", "emph": "em", "i": "em", "strong": "strong", "b": "strong", "tt": "tt",
         "sup": "sup", "sub": "sub", OWNER: OWNER, TITLE: TITLE}  # fmt: skip
#: pybtex's symbols, as its docutils backend writes them.
_SYMBOLS = {"ndash": "\u2013", "newblock": " ", "nbsp": "\u00a0"}
_LINK_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Span:
    """Marked text: ``tag`` is one of ``em``, ``strong``, ``tt``, ``sup``, ``sub``,
    :data:`OWNER`, :data:`TITLE` or ``href`` (then ``url`` is an http(s) address)."""

    tag: str
    parts: Rich
    url: str = ""


Rich = tuple[str | Span, ...]


def from_pybtex(text: Any) -> Rich:
    """pybtex rich text as :data:`Rich`, marking what pybtex's docutils backend marks:
    unknown tags and links that are not http(s) keep only their text."""
    return tuple(cat(_parts(text)))


def _parts(text: Any) -> list[str | Span]:
    if isinstance(text, str):
        return [text]
    if isinstance(text, String):
        return [text.value]
    if isinstance(text, Symbol):
        return [_SYMBOLS.get(text.name, "")]
    inner = []
    if isinstance(text, BaseMultipartText):
        for part in text.parts:
            inner.extend(_parts(part))
    merged = cat(inner)
    if isinstance(text, HRef):
        if text.url.split(":", 1)[0].lower() in _LINK_SCHEMES:
            return [Span("href", tuple(merged), text.url)]
        return merged
    if isinstance(text, Tag) and text.name in _TAGS:
        return [Span(_TAGS[text.name], tuple(merged))]
    return merged


def plain(rich: Rich) -> str:
    """The text of ``rich`` without its marks."""
    return "".join(part if isinstance(part, str) else plain(part.parts) for part in rich)


def to_pybtex(rich: Rich) -> Text:
    """:data:`Rich` as pybtex rich text (for pybtex's backends): marks as tags, links as
    links; :func:`from_pybtex` reads it back unchanged."""
    return Text(*(_pybtex_part(part) for part in rich))


def _pybtex_part(part: str | Span) -> Any:
    if isinstance(part, str):
        return String(part)
    if part.tag == "href":
        return HRef(part.url, *(_pybtex_part(p) for p in part.parts))
    return Tag(part.tag, *(_pybtex_part(p) for p in part.parts))


# pybtex's template operations on Rich text (for :mod:`.cvformat`) -------------------

#: Text being formatted: a list that :func:`cat` keeps merged.
R = list[str | Span]
NBSP = "\u00a0"
_TERMINATORS = (".", "?", "!")


def cat(*texts: Sequence[str | Span]) -> R:
    out: R = []
    for text in texts:
        for part in text:
            if isinstance(part, str):
                if not part:
                    continue
                if out and isinstance(out[-1], str):
                    out[-1] += part
                    continue
            elif not part.parts:
                continue
            out.append(part)
    return out


def text_length(text: Sequence[str | Span]) -> int:
    return sum(len(p) if isinstance(p, str) else text_length(p.parts) for p in text)


def _endswith(text: Sequence[str | Span], suffixes: tuple[str, ...]) -> bool:
    if not text:
        return False
    last = text[-1]
    return last.endswith(suffixes) if isinstance(last, str) else _endswith(last.parts, suffixes)


def join(
    parts: Sequence[Sequence[str | Span] | None],
    sep: str = "",
    sep2: str | None = None,
    last_sep: str | None = None,
) -> R:
    """pybtex's ``join``: the non-empty parts with separators."""
    shown = [part for part in parts if part]
    if len(shown) <= 1:
        return cat(*shown)
    if len(shown) == 2:
        return cat(shown[0], [sep if sep2 is None else sep2], shown[1])
    out: R = []
    for part in shown[:-1]:
        out = cat(out, [sep], part) if out else cat(part)
    return cat(out, [sep if last_sep is None else last_sep], shown[-1])


def tag(name: str, text: R) -> R:
    """``text`` marked ``name`` (nothing if it is empty)."""
    return [Span(name, tuple(text))] if text else []


def words(*parts: R | None) -> R:
    return join(parts, " ")


def sentence(*parts: R | None) -> R:
    """pybtex's ``sentence``: joined with commas, with a period unless it ends in one."""
    text = join(parts, ", ")
    if text and not _endswith(text, _TERMINATORS):
        text = cat(text, ["."])
    return text


def together(*parts: R | None, last_tie: bool = False) -> R:
    """pybtex's ``together``: a tie instead of a space next to short words (always before
    the last with ``last_tie``)."""
    shown = [part for part in parts if part]
    if not shown:
        return []

    def tie_or_space(word: R, other: R | None = None) -> str:
        n = text_length(word) if other is None else min(text_length(word), text_length(other))
        return NBSP if n < 3 else " "

    if len(shown) <= 2:
        return join(shown, NBSP if last_tie else tie_or_space(shown[0], shown[-1]))
    middle = join(shown[1:-1], " ")
    last = NBSP if last_tie else tie_or_space(shown[-1])
    return cat(shown[0], [tie_or_space(shown[0])], middle, [last], shown[-1])


def optional(make: Callable[[], R]) -> R:
    try:
        return make()
    except FieldIsMissing:
        return []


def first_of(*makers: Callable[[], R]) -> R:
    for make in makers:
        text = make()
        if text:
            return text
    return []
