"""LaTeX in .bib fields to text: accents, specials, markup and links.

:func:`rich_text` turns a field into pybtex rich text (what the formatting style
works on) and :func:`plain_text` into a string (titles, names, JSON-LD). Accents
and specials are latexcodec's: :func:`decode_latex` gives its output exactly
(tested), only faster, skipping text without LaTeX and memoising words, which
repeat across a bibliography. The rest (braces, ``\\emph``, ``\\url``,
``\\TeX``, ``\\noopsort``…) is a small parser of its own, so that no known
command is ever shown as typed; what it does not know it shows as readable
text, its name kept (``\\PiCTeX manual`` → PiCTeX manual), and :func:`unknown_commands` names
it. Math is :mod:`.latexmath`'s. Nothing here patches pybtex.
"""

from __future__ import annotations

import codecs
import functools
import re
from dataclasses import dataclass, field
from typing import Any

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.richtext import HRef, Protected, String, Tag, Text

from .latexmath import has_math, math_text, script, set_aside, set_math_aside, text_of
from .macros import expand_macros, preamble_macros

__all__ = [
    "CONTROL",
    "decode_latex",
    "expand_macros",
    "latex_problem",
    "plain_text",
    "preamble_macros",
    "rich_text",
    "sort_text",
    "unknown_commands",
]

#: What latexcodec changes: commands, ties, dashes, TeX quotes, comments, math.
_LATEX_MARKS = ("\\", "~", "--", "``", "''", "%", "$")
_ENDS_IN_COMMAND = re.compile(r"\\(?:[A-Za-z]*|[^A-Za-z])$")
#: Control characters (tab, newline and carriage return excepted).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


#: Commands whose argument is shown in italics or bold (``\\emph{x}``, or ``{\\em x}``).
_STYLE_TAGS = {
    **dict.fromkeys(("emph", "textit", "textsl", "it", "em", "sl", "itshape", "slshape"), "em"),
    **dict.fromkeys(("mkbibemph", "mkbibitalic"), "em"),
    **dict.fromkeys(("textbf", "bf", "bfseries", "mkbibbold"), "b"),
}
#: Commands whose argument is shown as it is.
_CONTENT = {
    "mbox", "hbox", "text", "textrm", "textsf", "textsc", "textup", "textmd", "textnormal",
    "texttt", "tt", "acro", "acronym", "ensuremath", "NoCaseChange", "bibstring", "sc",
    "scshape", "rm", "sf", "upshape", "normalfont", "small", "footnotesize", "large",
}  # fmt: skip
#: Commands that print a name.
_NAMES = {
    "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2ε", "BibTeX": "BibTeX",
    "BibLaTeX": "BibLaTeX", "biblatex": "biblatex", "XeTeX": "XeTeX", "LuaTeX": "LuaTeX",
    "AmS": "AMS", "AMS": "AMS", "ConTeXt": "ConTeXt", "METAFONT": "METAFONT", "MF": "METAFONT",
    "MP": "MetaPost", "dots": "…", "ldots": "…", "textellipsis": "…", "slash": "/",
    "textbackslash": "\\", "ae": "æ", "oe": "œ", "ss": "ß", "hyphen": "-", "log": "log",
    "textendash": "–", "textemdash": "—", "textquoteright": "’", "textquoteleft": "‘",
}  # fmt: skip
#: Accents latexcodec leaves when no single character has them (``\\={P}``): combining marks.
_ACCENTS = {
    "=": "\u0304", "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
    ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
    "r": "\u030a", "b": "\u0331", "d": "\u0323", "t": "\u0361",
}  # fmt: skip
#: Commands that wrap their argument in quotes, or show a citation key in brackets.
_QUOTE = {"mkbibquote", "enquote", "textquote"}
#: What takes no space before it (latexcodec writes one after every unknown command).
_CLOSING_PUNCTUATION = frozenset(",.;:!?)]")
#: Commands that raise or lower their argument.
_SCRIPTS = {"textsuperscript": "sup", "textsubscript": "sub"}
_CITE = {"cite", "citep", "citet", "parencite", "textcite", "autocite", "nocite"}
#: Commands that print nothing; those with an argument drop it (``\\noopsort{1973b}``
#: only sorts).
_SILENT = {"relax", "/", "@", "-", "protect", "nolinkurl", "allowbreak", "hspace", "unskip"}
_SILENT_WITH_ARGUMENT = {"noopsort", "hyphenation", "index", "label", "SortNoop", "sortnoop"}
#: Arguments kept out of LaTeX decoding, as written: ``\\href{…}{…}``, ``\\url{…}``,
#: ``\\path|…|``, ``\\verb|…|`` (``~``, ``%`` and ``_`` stay what they are in an address).
_HREF_COMMAND = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_VERBATIM = re.compile(r"\\(url|path|verb|nolinkurl)\s*(?:\{([^{}]*)\}|([|!+])(.*?)\3)")
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
#: ``\textbackslash``, ``\textbraceleft``, ``\textbraceright`` (with their ``{}``): the
#: characters themselves, kept out of decoding.
_TEXT_SYMBOLS = {"textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}"}
_TEXT_SYMBOL = re.compile(r"\\(textbackslash|textbraceleft|textbraceright)(?![A-Za-z])\s*(?:\{\})?")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")


@dataclass
class _Parse:
    """One field being turned into rich text: the verbatim pieces and unknown commands."""

    verbatim: list[tuple[str, str]] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    text: str = ""
    pos: int = 0

    def parts(self, depth: int = 0) -> list[Any]:
        """Rich-text parts up to the end of the current brace group."""
        out: list[Any] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "}":
                self.pos += 1
                if depth:
                    return out
                continue  # a stray closing brace shows nothing
            if char == "{":
                self.pos += 1
                out.append(Protected(*self.parts(depth + 1)))
            elif char == "\\":
                out.extend(self.command(depth))
            else:
                end = self.pos
                while end < len(self.text) and self.text[end] not in "{}\\":
                    end += 1
                out.extend(self.plain(self.text[self.pos : end]))
                self.pos = end
        return out

    def plain(self, text: str) -> list[Any]:
        out: list[Any] = []
        last = 0
        for match in _PLACEHOLDER.finditer(text):
            index = int(match.group(1))
            if index >= len(self.verbatim):
                continue  # the same characters typed in the field: text like any other
            if match.start() > last:
                out.append(String(text[last : match.start()]))
            out.append(self.verbatim_part(index))
            last = match.end()
        if last < len(text):
            out.append(String(text[last:]))
        return out

    def verbatim_part(self, index: int) -> Any:
        command, value = self.verbatim[index]
        if command == "math":
            if "\ue000" not in value:
                return math_text(value, self.unknown)
            # An \href or \url set aside inside the math: the math around it, and it.
            pieces = _PLACEHOLDER.split(value)
            return Protected(
                *(
                    self.verbatim_part(int(piece))
                    if i % 2 and int(piece) < index
                    else math_text(piece, self.unknown)
                    for i, piece in enumerate(pieces)
                    if piece
                )
            )
        if command == "url":
            return HRef(value, String(value))
        if command == "href":
            url, label = value.split("\0", 1)
            return HRef(url, *_Parse(verbatim=self.verbatim, unknown=self.unknown,
                                     text=decode_latex(label)).parts())  # fmt: skip
        return String(value)

    def argument(self) -> list[Any] | None:
        """The ``{…}`` group that follows a command, if any, as parts."""
        while self.pos < len(self.text) and self.text[self.pos] == " ":
            self.pos += 1
        if self.pos < len(self.text) and self.text[self.pos] == "{":
            self.pos += 1
            return self.parts(depth=1)
        return None

    def accent(self, mark: str) -> list[Any]:
        """An accent on the next letter or ``{group}``: the text with a combining mark."""
        inner = self.argument()
        if inner is None and self.pos < len(self.text):
            inner, self.pos = [String(self.text[self.pos])], self.pos + 1
        text = str(Text(*(inner or [])))
        return [String(text[:1] + mark + text[1:])] if text else []

    def command(self, depth: int) -> list[Any]:
        match = _COMMAND.match(self.text, self.pos)
        if not match:  # a backslash at the very end
            self.pos += 1
            return [String("\\")]
        name = match.group(1)
        self.pos = match.end()
        if name.isalpha() and self.text[self.pos : self.pos + 1] == " ":
            self.pos += 1  # the space after a control word belongs to it
        if name in _NAMES:
            return [String(_NAMES[name])]
        if name in _SILENT:
            return []
        if name in _SILENT_WITH_ARGUMENT:
            self.argument()
            return []
        if name == "\\":
            return [String(" ")]
        if name in _STYLE_TAGS:
            inner = self.argument()
            if inner is None:  # a declaration: {\em text} styles the rest of the group
                inner = self.parts(depth)
                self.pos -= 1 if depth and self.text[self.pos - 1 : self.pos] == "}" else 0
            else:  # BibTeX changes no letter case in a command's {argument}
                inner = [Protected(*inner)]
            return [Tag(_STYLE_TAGS[name], *inner)]
        if name in _ACCENTS:
            return self.accent(_ACCENTS[name])
        if not name.isalpha():  # \$, \&, \#…: the character; what follows is text
            return [String(name)]
        inner = self.argument()
        if name in _SCRIPTS:
            return [script(_SCRIPTS[name], inner or [], Tag)]
        inner = [Protected(*inner)] if inner else inner  # its case is kept, as BibTeX does
        if name in _QUOTE:
            return [String("“"), *(inner or []), String("”")]
        if name in _CITE:
            return [String("["), *(inner or []), String("]")]
        if name not in _CONTENT and name.isalpha():
            self.unknown.append("\\" + name)
            if inner is None:  # its name stays text, and one space after it before a word
                spaces = self.pos - match.end()
                before_word = self.text[self.pos : self.pos + 1] not in _CLOSING_PUNCTUATION
                self.pos = match.end() + max(spaces - 1, 0) if before_word else self.pos
                return [String(name)]
            return [String(name + " "), *inner] if inner else [String(name)]
        return inner or []


def _parse(latex: str) -> _Parse:
    """Decode ``latex`` (latexcodec, through :func:`decode_latex`) with its verbatim
    arguments set aside."""
    parse = _Parse()
    if "\\" in latex:

        def href(match: re.Match[str]) -> str:
            return set_aside(parse.verbatim, "href", match.group(1) + "\0" + match.group(2))

        def verbatim(match: re.Match[str]) -> str:
            value = match.group(2) if match.group(2) is not None else match.group(4)
            return set_aside(parse.verbatim, match.group(1), value)

        def symbol(match: re.Match[str]) -> str:
            return set_aside(parse.verbatim, "text", _TEXT_SYMBOLS[match.group(1)])

        latex = _VERBATIM.sub(verbatim, _HREF_COMMAND.sub(href, latex))
        latex = _TEXT_SYMBOL.sub(symbol, latex)
    if has_math(latex):
        latex = set_math_aside(latex, parse.verbatim)
    parse.text = decode_latex(latex)
    return parse


@functools.lru_cache(maxsize=4096)
def _analysed(latex: str) -> tuple[Text, tuple[str, ...]] | None:
    """The rich text and unknown commands of ``latex``, or None where latexcodec cannot
    read it. One parse per value: checking, formatting and plain text all ask."""
    try:
        parse = _parse(latex)
    except UnicodeDecodeError:
        return None
    text = Text(*parse.parts())
    return text, tuple(dict.fromkeys(parse.unknown))


def rich_text(latex: str) -> Text:
    """A field's LaTeX as pybtex rich text: accents and specials decoded (latexcodec),
    ``{…}`` protected, ``\\emph``/``\\textbf`` and friends as emphasis, ``\\url`` and
    ``\\href`` as links with their address exactly as written, ``\\TeX`` and friends as
    their names, ``\\mbox``/``\\acro``/``\\path`` as their content, ``\\noopsort``
    hidden. Unknown commands show their argument (see :func:`unknown_commands`). Raises
    :class:`UnicodeDecodeError` for text latexcodec cannot read (a lone backslash).
    The result is shared between callers: pybtex's operations make new text."""
    analysed = _analysed(latex)
    if analysed is None:
        _parse(latex)  # raises latexcodec's error again (rare: not kept)
        raise UnicodeDecodeError("ulatex", latex.encode(), 0, 1, "cannot be decoded")
    return analysed[0]


def unknown_commands(latex: str) -> list[str]:
    """The LaTeX commands of ``latex`` that :func:`rich_text` does not know, in order
    (none for text latexcodec cannot read at all: :func:`latex_problem` says why)."""
    analysed = _analysed(latex)
    return list(analysed[1]) if analysed is not None else []


def sort_text(latex: str) -> str:
    """What ``latex`` sorts as: ``{\\noopsort{1973b}}1973`` sorts as ``1973b1973``."""
    return re.sub(r"\\(?:noopsort|SortNoop|sortnoop)\s*\{([^{}]*)\}", r"\1", latex)


@functools.lru_cache(maxsize=65536)
def plain_text(latex: str) -> str:
    """LaTeX markup to Unicode text (``{\\"o}`` → ö, ``\\&`` → &, ``--`` → –).

    Text that latexcodec cannot read at all (a lone backslash) is kept as written,
    without braces; :func:`latex_problem` reports it.
    """
    try:
        return CONTROL.sub("", text_of(rich_text(latex))).strip()
    except UnicodeDecodeError:
        return CONTROL.sub("", latex.replace("{", "").replace("}", "")).strip()


def latex_problem(name: str, value: str) -> str | None:
    """Why field ``name`` cannot be read as LaTeX at all, if it cannot."""
    if _analysed(value) is None:
        return (
            f"{name} has a backslash that starts no LaTeX command; "
            "write \\textbackslash{} for a backslash"
        )
    return None
