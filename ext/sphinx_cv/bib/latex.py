"""LaTeX in .bib fields to text: accents and specials to Unicode, quickly.

pybtex decodes every field and name part with latexcodec, which dominates the
formatting time. :func:`decode_latex` gives latexcodec's output exactly (tested)
while skipping text without LaTeX and memoising words, which repeat across a
bibliography. Nothing here patches pybtex: the formatting code
(:mod:`sphinx_cv.bib.style`) calls :func:`rich_text` itself.
"""

from __future__ import annotations

import codecs
import functools
import re

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.markup import LaTeXParser
from pybtex.richtext import Text
from pybtex.scanner import PybtexSyntaxError

__all__ = ["CONTROL", "decode_latex", "latex_problem", "plain_text", "rich_text", "unwrap_links"]

#: What latexcodec changes: commands, ties, dashes, TeX quotes, comments, math.
_LATEX_MARKS = ("\\", "~", "--", "``", "''", "%", "$")
_ENDS_IN_COMMAND = re.compile(r"\\(?:[A-Za-z]*|[^A-Za-z])$")
#: Control characters (tab, newline and carriage return excepted).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_URL = re.compile(r"\\url\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_UNDECODED = re.compile(r"\\[A-Za-z]+|\\(?=\s|$)")


@functools.lru_cache(maxsize=65536)
def _decode_words(latex: str) -> str:
    decoded: str = codecs.decode(latex, "ulatex")  # type: ignore[call-overload]
    return decoded


def decode_latex(latex: str) -> str:
    """LaTeX to Unicode exactly as latexcodec does it, only faster.

    pybtex hands over whitespace-normalised text (single spaces, trimmed).
    Such text without LaTeX is returned as it is; other text is decoded word by
    word through a memo. A word ending in a control word (``\\AA b``) is decoded
    with the next one, as TeX swallows the space between them. Anything else
    decodes whole. Raises :class:`UnicodeDecodeError` where latexcodec does.
    """
    normalised = " ".join(latex.split()) == latex
    if not normalised or "%" in latex or "$" in latex:  # comments and math: whole
        return _decode_words(latex)
    if not any(mark in latex for mark in _LATEX_MARKS):
        return latex
    out: list[str] = []
    pending: list[str] = []
    for word in latex.split(" "):
        pending.append(word)
        if _ENDS_IN_COMMAND.search(word):
            continue
        chunk = " ".join(pending)
        pending.clear()
        out.append(_decode_words(chunk) if any(m in chunk for m in _LATEX_MARKS) else chunk)
    if pending:
        out.append(_decode_words(" ".join(pending)))
    return " ".join(out)


def rich_text(latex: str) -> Text:
    """pybtex's ``Text.from_latex``, through :func:`decode_latex`."""
    return LaTeXParser(decode_latex(latex)).parse()


@functools.lru_cache(maxsize=65536)
def plain_text(latex: str) -> str:
    """LaTeX markup to Unicode text (``{\\"o}`` → ö, ``\\&`` → &, ``--`` → –).

    Text that latexcodec cannot read at all (a lone backslash) or whose braces do
    not balance is kept as written, without braces; :func:`latex_problem` reports it.
    """
    try:
        return CONTROL.sub("", str(rich_text(latex))).strip()
    except (UnicodeDecodeError, PybtexSyntaxError):
        return CONTROL.sub("", latex.replace("{", "").replace("}", "")).strip()


def unwrap_links(value: str) -> str:
    """``\\url{x}`` as ``x`` and ``\\href{x}{text}`` as ``text``: pybtex cannot read them."""
    return _HREF.sub(r"\2", _URL.sub(r"\1", value))


def latex_problem(name: str, value: str) -> str | None:
    """Why field ``name`` would show LaTeX as typed, if it would."""
    try:
        decoded = str(rich_text(value))
    except UnicodeDecodeError:
        return (
            f"{name} has a backslash that starts no LaTeX command; "
            "write \\textbackslash{} for a backslash"
        )
    except PybtexSyntaxError:
        return f"{name} has unbalanced braces; shown without them (check its {{ and }})"
    left = _UNDECODED.findall(decoded)
    if left:
        commands = ", ".join(dict.fromkeys(left))
        return f"{name} has LaTeX that cannot be turned into text ({commands}); shown as typed"
    return None
