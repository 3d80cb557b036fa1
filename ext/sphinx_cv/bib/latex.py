"""LaTeX in .bib fields to text: accents, specials, markup and links.

:func:`rich_text` turns a field into pybtex rich text (what the formatting style
works on) and :func:`plain_text` into a string (titles, names, JSON-LD). Accents
and specials are latexcodec's: :func:`decode_latex` gives its output exactly
(tested), only faster, skipping text without LaTeX and memoising words, which
repeat across a bibliography. The rest (braces, ``\\emph``, ``\\url``,
``\\TeX``, ``\\noopsort``…) is a small parser of its own, so that no known
command is ever shown as typed; what it does not know it shows as readable
text, and :func:`unknown_commands` names it. Nothing here patches pybtex.

Math (``$…$``, ``\\(…\\)``, ``\\ensuremath{…}``) is read by pylatexenc's
latex2text, imported only for values that have math: Greek letters and symbols as
Unicode, a superscript or subscript as Unicode where it has every character
(``$h^{++}$`` → h⁺⁺, ``H$_2$O`` → H₂O), a raised symbol as itself (``A$^*$`` →
A*, ``C$^\\sharp$`` → C♯), else marked ``sup``/``sub`` (``$x^{q}$``: x<sup>q</sup>
on a page, ``x^q`` in plain text). Math is protected from case changes. A command
neither knows keeps its name as text (``\\PiCTeX manual`` → PiCTeX manual), and
:func:`unknown_commands` names it.
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
from pybtex.richtext import BaseMultipartText, HRef, Protected, String, Tag, Text

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
            return _math(value, self.unknown)
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
            return [Tag(_STYLE_TAGS[name], *inner)]
        if name in _ACCENTS:
            return self.accent(_ACCENTS[name])
        if not name.isalpha():  # \$, \&, \#…: the character; what follows is text
            return [String(name)]
        inner = self.argument()
        if name in _QUOTE:
            return [String("“"), *(inner or []), String("”")]
        if name in _CITE:
            return [String("["), *(inner or []), String("]")]
        if name in _SCRIPTS:
            return [_script(_SCRIPTS[name], inner or [], Tag)]
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
            parse.verbatim.append(("href", match.group(1) + "\0" + match.group(2)))
            return f"\ue000{len(parse.verbatim) - 1}\ue001"

        def verbatim(match: re.Match[str]) -> str:
            value = match.group(2) if match.group(2) is not None else match.group(4)
            parse.verbatim.append((match.group(1), value))
            return f"\ue000{len(parse.verbatim) - 1}\ue001"

        latex = _VERBATIM.sub(verbatim, _HREF_COMMAND.sub(href, latex))
    if "$" in latex or "\\(" in latex or "\\ensuremath" in latex:
        latex = _math_aside(latex, parse.verbatim)
    parse.text = decode_latex(latex)
    return parse


# Math -------------------------------------------------------------------------------

_ENSUREMATH = re.compile(r"\\ensuremath\s*\{")
#: Raised symbols: a superscript of these alone is the symbol itself (``A^*`` → A*).
_RAISED = {"*": "*", "∗": "*", "'": "′", "′": "′", "″": "″", "‴": "‴", "°": "°", "∘": "°",
           "†": "†", "‡": "‡", "♯": "♯", "♭": "♭", "♮": "♮", "⋆": "⋆"}  # fmt: skip
#: What latex2text does not know that prints no text of its own in math: sizes, styles,
#: and fonts whose ``{argument}`` follows as text.
_MATH_SILENT = {
    "left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
    "biggl", "biggr", "Biggl", "Biggr", "displaystyle", "textstyle", "scriptstyle",
    "scriptscriptstyle", "limits", "nolimits", "mathstrut", "strut", "bm", "boldsymbol",
    "operatorname", "mathnormal", "rm", "bf", "it", "sf", "tt", "cal", "boldmath",
}  # fmt: skip
#: Marks around a script latex2text's text cannot show as Unicode (control characters,
#: which never reach it from a field).
_SUP_OPEN, _SUP_CLOSE, _SUB_OPEN, _SUB_CLOSE = "\x01", "\x02", "\x03", "\x04"
_SCRIPT_MARKS = re.compile("([\x01-\x04])")


class _MathScript(Tag):  # type: ignore[misc]
    """A superscript or subscript of math: its plain text keeps TeX's ``^``/``_``."""


@functools.cache
def _unicode_scripts() -> dict[str, dict[str, str]]:
    """Unicode's superscript and subscript characters (¹, ⁿ, ₂, ₊…), from its database:
    the characters of Latin-1 and of the Superscripts and Subscripts block that are a
    ``<super>``/``<sub>`` form of one character. A hyphen is the minus sign."""
    tables: dict[str, dict[str, str]] = {"sup": {}, "sub": {}}
    for code in (*range(0xB2, 0xBA), *range(0x2070, 0x20A0)):
        kind, _, base = unicodedata.decomposition(chr(code)).partition(" ")
        if kind in {"<super>", "<sub>"} and base and " " not in base:
            tables[kind[1:4]][chr(int(base, 16))] = chr(code)
    for table in tables.values():
        table["-"] = table["\u2212"]
    return tables


def _script(kind: str, parts: list[Any], mark: type[Any]) -> Any:
    """``parts`` raised (``kind`` ``sup``) or lowered (``sub``): Unicode where it has every
    character, a raised symbol as itself, else the text marked ``kind`` by ``mark``."""
    text = str(Text(*parts))
    bare = "".join(text.split())
    table = _unicode_scripts()[kind]
    if bare and all(isinstance(p, String) for p in parts):
        if all(char in table for char in bare):
            return String("".join(table[char] for char in bare))
        if kind == "sup" and all(char in _RAISED for char in bare):
            return String("".join(_RAISED[char] for char in bare))
    return mark(kind, *parts)


def _find_close(latex: str, start: int, close: str) -> int:
    """Where ``close`` ends the math that starts at ``start`` (-1: nowhere); ``\\$``
    and other escaped characters are skipped, ``{…}`` balanced for ``}``."""
    depth = 0
    pos = start
    while pos < len(latex):
        char = latex[pos]
        if char == "\\":
            if close != "}" and latex.startswith(close, pos):
                return pos
            pos += 2
            continue
        if close == "}" and char == "{":
            depth += 1
        elif latex.startswith(close, pos):
            if not depth:
                return pos
            depth -= 1
        pos += 1
    return -1


def _math_aside(latex: str, verbatim: list[tuple[str, str]]) -> str:
    """``latex`` with each piece of math set aside in ``verbatim`` (kind ``math``) and a
    placeholder in its place. A ``$`` that closes nothing stays text."""
    out: list[str] = []
    pos = done = 0
    while pos < len(latex):
        char = latex[pos]
        if char == "$":
            opening = close = "$$" if latex.startswith("$$", pos) else "$"
        elif latex.startswith(("\\(", "\\["), pos):
            opening, close = latex[pos : pos + 2], "\\)" if latex[pos + 1] == "(" else "\\]"
        elif char == "\\":
            ensure = _ENSUREMATH.match(latex, pos)
            if not ensure:
                pos += 2
                continue
            opening, close = ensure.group(), "}"
        else:
            pos += 1
            continue
        end = _find_close(latex, pos + len(opening), close)
        if end < 0:
            pos += len(opening)
            continue
        verbatim.append(("math", latex[pos + len(opening) : end]))
        out += [latex[done:pos], f"\ue000{len(verbatim) - 1}\ue001"]
        pos = done = end + len(close)
    return "".join(out) + latex[done:]


@functools.cache
def _latex2text() -> tuple[Any, Any]:
    """pylatexenc's parser and latex2text for math, imported when first needed: ``^`` and
    ``_`` take an argument; commands it does not know show their name."""
    from pylatexenc import latex2text, latexwalker, macrospec  # type: ignore[import-untyped]

    parsing = latexwalker.get_default_latex_context_db()
    parsing.add_context_category("sphinx-cv", prepend=True, specials=[
        macrospec.SpecialsSpec(char, args_parser=macrospec.MacroStandardArgsParser("{"))
        for char in "^_"
    ])  # fmt: skip

    def script(node: Any, l2tobj: Any) -> str:
        opening, closing = (
            (_SUP_OPEN, _SUP_CLOSE) if node.specials_chars == "^" else (_SUB_OPEN, _SUB_CLOSE)
        )
        return f"{opening}{l2tobj.nodelist_to_text(node.nodeargd.argnlist)}{closing}"

    def unknown(node: Any) -> str:
        name = node.macroname
        if name in _MATH_SILENT:
            return ""
        if not name.isalpha():  # \| and the like: the character
            return str(name)
        following = node.parsing_state.s[node.pos + node.len : node.pos + node.len + 1]
        return f"{name} " if following == "{" else str(name)

    text = latex2text.get_default_latex_context_db()
    text.add_context_category("sphinx-cv", prepend=True, specials=[
        latex2text.SpecialsTextSpec(char, simplify_repl=script) for char in "^_"
    ])  # fmt: skip
    text.set_unknown_macro_spec(latex2text.MacroTextSpec("", simplify_repl=unknown))
    return (
        lambda tex: latexwalker.LatexWalker(tex, latex_context=parsing, tolerant_parsing=True),
        latex2text.LatexNodes2Text(latex_context=text, math_mode="text"),
    )


def _unknown_in_math(nodes: list[Any], l2t: Any, unknown: list[str]) -> None:
    """The commands of ``nodes`` (pylatexenc's, at any depth) that latex2text does not know
    and that show text, added to ``unknown``."""
    context = l2t.latex_context
    for node in nodes:
        if node is None:
            continue
        name = getattr(node, "macroname", None)
        if (
            name
            and name.isalpha()
            and name not in _MATH_SILENT
            and context.get_macro_spec(name) is context.unknown_macro_spec
        ):
            unknown.append("\\" + name)
        _unknown_in_math(getattr(node, "nodelist", None) or [], l2t, unknown)
        argd = getattr(node, "nodeargd", None)
        _unknown_in_math(getattr(argd, "argnlist", None) or [], l2t, unknown)


def _math(tex: str, unknown: list[str]) -> Any:
    """Math as rich text, protected from case changes; its unknown commands added to
    ``unknown``."""
    walker, l2t = _latex2text()
    tex = CONTROL.sub("", tex)
    try:
        nodes = walker("$" + tex.replace("$", "") + "$").get_latex_nodes()[0]  # math mode
        text = l2t.nodelist_to_text(nodes)
    except Exception:  # pylatexenc's parser, however tolerant, on any text: as written
        return Protected(String(" ".join(tex.split())))
    _unknown_in_math(nodes, l2t, unknown)
    text = " ".join(text.replace("'", "′").split())
    stack: list[tuple[str, list[Any]]] = [("", [])]
    for piece in _SCRIPT_MARKS.split(text):
        if piece in (_SUP_OPEN, _SUB_OPEN):
            stack.append(("sup" if piece == _SUP_OPEN else "sub", []))
        elif piece in (_SUP_CLOSE, _SUB_CLOSE):
            kind, parts = stack.pop()
            stack[-1][1].append(_script(kind, parts, _MathScript))
        elif piece:
            stack[-1][1].append(String(piece))
    return Protected(*stack[0][1])


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


def expand_macros(latex: str, macros: dict[str, tuple[int, str]]) -> str:
    """``latex`` with the file's own macros replaced by their definitions (``#1``…)."""
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

                latex, changed = pattern.sub(fill, latex), True
        if not changed:
            break
    return latex


def sort_text(latex: str) -> str:
    """What ``latex`` sorts as: ``{\\noopsort{1973b}}1973`` sorts as ``1973b1973``."""
    return re.sub(r"\\(?:noopsort|SortNoop|sortnoop)\s*\{([^{}]*)\}", r"\1", latex)


def _plain(text: Any) -> str:
    """Rich text as a string; a superscript or subscript of math as TeX writes it."""
    if isinstance(text, BaseMultipartText):
        inner = "".join(_plain(part) for part in text.parts)
        if isinstance(text, _MathScript):
            caret = "^" if text.name == "sup" else "_"
            return caret + (inner if len(inner) == 1 else "{" + inner + "}")
        return inner
    return str(text)


@functools.lru_cache(maxsize=65536)
def plain_text(latex: str) -> str:
    """LaTeX markup to Unicode text (``{\\"o}`` → ö, ``\\&`` → &, ``--`` → –).

    Text that latexcodec cannot read at all (a lone backslash) is kept as written,
    without braces; :func:`latex_problem` reports it.
    """
    try:
        return CONTROL.sub("", _plain(rich_text(latex))).strip()
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
