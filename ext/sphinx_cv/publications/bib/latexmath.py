"""Math in .bib fields to text a reader expects, in every output.

Math (``$…$``, ``$$…$$``, ``\\(…\\)``, ``\\[…\\]``, ``\\ensuremath{…}``) is read by
pylatexenc's latex2text, imported only when a value has math: Greek letters and symbols
as Unicode, a superscript or subscript as Unicode where Unicode has every character
(``$h^{++}$`` → h⁺⁺, ``H$_2$O`` → H₂O, ``$2^n$`` → 2ⁿ), a raised symbol as itself
(``A$^*$`` → A*, ``C$^\\sharp$`` → C♯, ``90^\\circ`` → 90°), else marked ``sup``/``sub``
(``$O(n^{k})$``: O(n<sup>k</sup>) on a page, ``O(n^k)`` in plain text such as JSON-LD).
Math is protected from case changes. A command latex2text does not know keeps its name
(``$\\Foo$`` → Foo) and is named to the caller, who reports it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from pybtex.richtext import BaseMultipartText, Protected, String, Tag, Text

__all__ = ["MathScript", "has_math", "math_text", "script", "set_math_aside", "text_of"]

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


class MathScript(Tag):  # type: ignore[misc]
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


def script(kind: str, parts: list[Any], mark: type[Any]) -> Any:
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


def set_aside(verbatim: list[tuple[str, str]], kind: str, value: str) -> str:
    """Keep ``value`` (a piece of ``kind``) out of LaTeX decoding: added to ``verbatim``, and
    the placeholder that stands for it in the text returned."""
    verbatim.append((kind, value))
    return f"\ue000{len(verbatim) - 1}\ue001"


def set_math_aside(latex: str, verbatim: list[tuple[str, str]]) -> str:
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
        out += [latex[done:pos], set_aside(verbatim, "math", latex[pos + len(opening) : end])]
        pos = done = end + len(close)
    return "".join(out) + latex[done:]


@functools.cache
def _latex2text() -> tuple[Any, Any]:
    """pylatexenc's parser and latex2text for math, imported when first needed: ``^`` and
    ``_`` take an argument; commands it does not know show their name."""
    from pylatexenc import latex2text, latexwalker, macrospec

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


def math_text(tex: str, unknown: list[str]) -> Any:
    """Math as rich text, protected from case changes; its unknown commands added to
    ``unknown``."""
    parts, commands = _converted(tex)
    unknown.extend(commands)
    return Protected(*parts)


#: What math that cannot be parsed shows without: commands, braces, scripts' carets.
_MARKUP = re.compile(r"\\[A-Za-z]+|[{}\\^_]")
#: Math that reads as it is written (``$n$``, ``$K$``, ``$T = 300$``): no parser needed.
_PLAIN_MATH = re.compile(r"[A-Za-z0-9 .,;:+=<>()/|-]*")


@functools.lru_cache(maxsize=4096)
def _converted(tex: str) -> tuple[tuple[Any, ...], tuple[str, ...]]:
    """The parts and unknown commands of math ``tex`` (the same math recurs in a file)."""
    if _PLAIN_MATH.fullmatch(tex):
        return (String(" ".join(tex.split())),), ()
    walker, l2t = _latex2text()
    tex = _SCRIPT_MARKS.sub("", tex)
    try:
        nodes = walker("$" + tex.replace("$", "") + "$").get_latex_nodes()[0]  # math mode
        text = l2t.nodelist_to_text(nodes)
    except Exception:  # pylatexenc's parser, however tolerant, on any text: its words
        return (String(" ".join(_MARKUP.sub(" ", tex).split())),), ()
    unknown: list[str] = []
    _unknown_in_math(nodes, l2t, unknown)
    text = " ".join(text.replace("'", "′").split())
    stack: list[tuple[str, list[Any]]] = [("", [])]
    for piece in _SCRIPT_MARKS.split(text):
        if piece in (_SUP_OPEN, _SUB_OPEN):
            stack.append(("sup" if piece == _SUP_OPEN else "sub", []))
        elif piece in (_SUP_CLOSE, _SUB_CLOSE):
            kind, parts = stack.pop()
            stack[-1][1].append(script(kind, parts, MathScript))
        elif piece:
            stack[-1][1].append(String(piece))
    return tuple(stack[0][1]), tuple(unknown)


def has_math(latex: str) -> bool:
    """Whether ``latex`` may hold math (a cheap test: most values have none)."""
    return "$" in latex or "\\(" in latex or "\\[" in latex or "\\ensuremath" in latex


def text_of(text: Any) -> str:
    """Rich text as a string; a superscript or subscript of math as TeX writes it."""
    if isinstance(text, BaseMultipartText):
        inner = "".join(text_of(part) for part in text.parts)
        if isinstance(text, MathScript):
            caret = "^" if text.name == "sup" else "_"
            return caret + (inner if len(inner) == 1 else "{" + inner + "}")
        return inner
    return str(text)
