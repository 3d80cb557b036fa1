"""A formatted reference in a compact form: :data:`Rich`, text with a few marks.

pybtex's rich text is a tree of objects per word and comma; a listing keeps a
thousand of them in its cache and in every page's doctree. A :data:`Rich` is a
tuple of strings and :class:`Span` marks (emphasis, bold, the owner's name,
the title, a link): what a reference shows and nothing else, cheap to pickle
and written out directly by each builder. Neighbouring strings are merged.

Pure Python, no Sphinx: every builder renders it (:mod:`sphinx_cv.publication_html` and
:mod:`sphinx_cv.publication_view`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pybtex.richtext import BaseMultipartText, HRef, String, Symbol, Tag

__all__ = ["OWNER", "TITLE", "Rich", "Span", "from_pybtex", "plain"]

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


def _append(out: list[str | Span], parts: Any) -> None:
    for part in parts:
        if isinstance(part, str):
            if not part:
                continue
            if out and isinstance(out[-1], str):
                out[-1] += part
            else:
                out.append(part)
        else:
            out.append(part)


def from_pybtex(text: Any) -> Rich:
    """pybtex rich text as :data:`Rich`, marking what pybtex's docutils backend marks:
    unknown tags and links that are not http(s) keep only their text."""
    out: list[str | Span] = []
    _append(out, _parts(text))
    return tuple(out)


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
    merged: list[str | Span] = []
    _append(merged, inner)
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
