"""Which characters of the PDF its fonts can draw, and which package draws the rest.

Pure Python. WeasyPrint finds a font for each character through fontconfig: first the
fonts the print sheet ships (Lato), then every font installed on the system. This
module asks fontconfig the same question through :mod:`ctypes` (the library WeasyPrint
itself loads), so what it says is what the layout will find: no font at all means an
empty box in the PDF. A character no font covers is named with its script and the
Debian/Ubuntu package whose Noto font draws it (the script from fontTools' Unicode data).
"""

from __future__ import annotations

import ctypes
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

__all__ = [
    "Coverage",
    "Fontconfig",
    "coverage",
    "missing_text",
    "needs_glyph",
    "package_for",
    "page_text",
]

#: The package for Chinese, Japanese and Korean (ISO 15924 script codes).
CJK_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo"})
CJK_PACKAGE = "fonts-noto-cjk"
#: Unicode blocks of emoji pictographs and the package whose font draws them.
EMOJI_BLOCKS = frozenset(
    {
        "Emoticons",
        "Enclosed Alphanumeric Supplement",  # regional indicators: flags
        "Miscellaneous Symbols and Pictographs",
        "Supplemental Symbols and Pictographs",
        "Symbols and Pictographs Extended-A",
        "Transport and Map Symbols",
    }
)
EMOJI_PACKAGE = "fonts-noto-color-emoji"
#: Every other script (and symbols, mathematics): Noto Sans and its script families.
CORE_PACKAGE = "fonts-noto-core"

#: Names of the fontconfig library on Linux, Windows and macOS (as WeasyPrint loads it).
LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig-1.dll", "libfontconfig.1.dylib")


def needs_glyph(char: str) -> bool:
    """Whether ``char`` is drawn with a glyph: not a control, format character (zero-width
    joiner, soft hyphen), line separator or variation selector, which take none."""
    if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Zl", "Zp"}:
        return False
    code = ord(char)
    return not (0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF)


class _PageText(HTMLParser):
    """The text of an HTML page's body, without scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.in_body = False
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.in_body = True
        elif tag in {"script", "style", "template"}:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "template"} and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.in_body and not self.hidden:
            self.parts.append(data)


def page_text(html: str) -> str:
    """The text an HTML page shows (its body, without scripts and styles)."""
    parser = _PageText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


class _FontSet(ctypes.Structure):
    _fields_ = [
        ("nfont", ctypes.c_int),
        ("sfont", ctypes.c_int),
        ("fonts", ctypes.POINTER(ctypes.c_void_p)),
    ]


def _load_library() -> ctypes.CDLL | None:
    for name in LIBRARY_NAMES:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    from ctypes.util import find_library  # runs a program: only when the usual names fail

    found = find_library("fontconfig")
    if found:
        try:
            return ctypes.CDLL(found)
        except OSError:
            return None
    return None


def _declare(lib: ctypes.CDLL) -> None:
    pointer, text, integer = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    signatures: dict[str, tuple[list[object], object]] = {
        "FcInitLoadConfigAndFonts": ([], pointer),
        "FcConfigUptoDate": ([pointer], integer),
        "FcConfigDestroy": ([pointer], None),
        "FcFreeTypeQuery": ([text, integer, pointer, ctypes.POINTER(integer)], pointer),
        "FcPatternCreate": ([], pointer),
        "FcPatternDestroy": ([pointer], None),
        "FcPatternAddCharSet": ([pointer, text, pointer], integer),
        "FcPatternGetCharSet": ([pointer, text, integer, ctypes.POINTER(pointer)], integer),
        "FcPatternGetString": ([pointer, text, integer, ctypes.POINTER(text)], integer),
        "FcCharSetCreate": ([], pointer),
        "FcCharSetDestroy": ([pointer], None),
        "FcCharSetAddChar": ([pointer, ctypes.c_uint32], integer),
        "FcCharSetHasChar": ([pointer, ctypes.c_uint32], integer),
        "FcObjectSetCreate": ([], pointer),
        "FcObjectSetAdd": ([pointer, text], integer),
        "FcObjectSetDestroy": ([pointer], None),
        "FcFontList": ([pointer, pointer, pointer], ctypes.POINTER(_FontSet)),
        "FcFontSetDestroy": ([ctypes.POINTER(_FontSet)], None),
    }
    for name, (argtypes, restype) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = argtypes
        function.restype = restype


class Fontconfig:
    """The system's fonts as fontconfig sees them: which fonts have a character.

    One configuration per process, loaded again when fonts are installed or removed
    (fontconfig notices); answers are kept until then.
    """

    def __init__(self, lib: ctypes.CDLL) -> None:
        self.lib = lib
        self.config: int | None = None
        self.known: dict[str, tuple[str, ...]] = {}
        #: Font files the page ships → their fontconfig pattern and its charset.
        self.shipped: dict[tuple[str, int, int], tuple[int, int | None]] = {}

    def refresh(self) -> int:
        """The configuration, loaded again if fonts were installed or removed since."""
        lib = self.lib
        if self.config is not None and not lib.FcConfigUptoDate(self.config):
            lib.FcConfigDestroy(self.config)
            self.config = None
        if self.config is None:
            config = lib.FcInitLoadConfigAndFonts()
            if not config:
                raise OSError("fontconfig could not load its configuration")
            self.config = config
            self.known.clear()
        return self.config

    def fonts_with(self, char: str) -> tuple[str, ...]:
        """The files of the installed fonts that have ``char`` (sorted; empty: none), as
        the configuration was at the last :meth:`refresh`."""
        config = self.config if self.config is not None else self.refresh()
        if char in self.known:
            return self.known[char]
        lib = self.lib
        charset = lib.FcCharSetCreate()
        pattern = lib.FcPatternCreate()
        objects = lib.FcObjectSetCreate()
        files: set[str] = set()
        try:
            lib.FcCharSetAddChar(charset, ord(char))
            lib.FcPatternAddCharSet(pattern, b"charset", charset)
            lib.FcObjectSetAdd(objects, b"file")
            found = lib.FcFontList(config, pattern, objects)
            if found:
                try:
                    value = ctypes.c_char_p()
                    for index in range(found.contents.nfont):
                        font = found.contents.fonts[index]
                        if lib.FcPatternGetString(font, b"file", 0, ctypes.byref(value)) == 0:
                            files.add(bytes(value.value or b"").decode("utf-8", "replace"))
                finally:
                    lib.FcFontSetDestroy(found)
        finally:
            lib.FcObjectSetDestroy(objects)
            lib.FcPatternDestroy(pattern)
            lib.FcCharSetDestroy(charset)
        self.known[char] = result = tuple(sorted(files))
        return result

    def has(self, path: Path, chars: Iterable[str]) -> frozenset[str]:
        """Which of ``chars`` the font file ``path`` (not installed: one the page ships) has."""
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        lib = self.lib
        if key not in self.shipped:
            count = ctypes.c_int()
            pattern = lib.FcFreeTypeQuery(str(path).encode(), 0, None, ctypes.byref(count))
            if not pattern:
                raise OSError(f"fontconfig cannot read {path}")
            charset = ctypes.c_void_p()
            if lib.FcPatternGetCharSet(pattern, b"charset", 0, ctypes.byref(charset)) != 0:
                lib.FcPatternDestroy(pattern)
                raise OSError(f"fontconfig finds no characters in {path}")
            self.shipped[key] = (pattern, charset.value)  # the pattern owns the charset
        charset_of = self.shipped[key][1]
        return frozenset(char for char in chars if lib.FcCharSetHasChar(charset_of, ord(char)))


_FONTCONFIG: list[Fontconfig | None] = []


def fontconfig() -> Fontconfig | None:
    """This process's :class:`Fontconfig`, or None where the library cannot be loaded."""
    if not _FONTCONFIG:
        lib = _load_library()
        if lib is not None:
            try:
                _declare(lib)
            except AttributeError:  # an older library without one of the functions
                lib = None
        _FONTCONFIG.append(Fontconfig(lib) if lib is not None else None)
    return _FONTCONFIG[0]


@dataclass(frozen=True)
class Coverage:
    """What draws the characters of a page that its shipped fonts lack."""

    #: Each such character → the files of the installed fonts that have it.
    fallback: Mapping[str, tuple[str, ...]]

    @property
    def missing(self) -> list[str]:
        """The characters no font has, in code point order."""
        return sorted(char for char, files in self.fallback.items() if not files)

    def key(self) -> str:
        """One line per character and its fonts: changes when another font would draw it."""
        return "\n".join(
            f"{ord(char):X} {' '.join(files)}" for char, files in sorted(self.fallback.items())
        )


def coverage(chars: Iterable[str], shipped: Sequence[Path]) -> Coverage | None:
    """Which installed fonts draw the ``chars`` that not every one of the ``shipped``
    fonts has (a character one style lacks falls back in that style); None when
    fontconfig cannot be asked."""
    system = fontconfig()
    if system is None:
        return None
    drawn = {char for char in chars if needs_glyph(char)}
    try:
        system.refresh()
        lacking = set(drawn)
        if shipped:
            lacking = drawn - frozenset.intersection(*(system.has(path, drawn) for path in shipped))
        return Coverage({char: system.fonts_with(char) for char in lacking})
    except OSError:
        return None


def package_for(char: str) -> str | None:
    """The Debian/Ubuntu package with a font for ``char``; None for a private-use or
    unassigned code point, which no font package draws."""
    if unicodedata.category(char) in {"Co", "Cn"}:
        return None
    from fontTools import unicodedata as ucd  # type: ignore[import-untyped]

    if ucd.script(char) in CJK_SCRIPTS:
        return CJK_PACKAGE
    if ucd.block(char) in EMOJI_BLOCKS:
        return EMOJI_PACKAGE
    return CORE_PACKAGE


def _script_names(chars: Sequence[str], package: str) -> str:
    if package == EMOJI_PACKAGE:
        return "emoji"
    from fontTools import unicodedata as ucd

    names = []
    for char in chars:
        code = ucd.script(char)
        special = {"Zyyy": "symbols", "Zinh": "combining marks", "Zzzz": "unknown"}
        name = special.get(code) or ucd.script_name(code)
        if name not in names:
            names.append(name)
    return ", ".join(names)


def _described(char: str) -> str:
    name = unicodedata.name(char, "")
    shown = f"'{char}' " if unicodedata.category(char) not in {"Co", "Cn"} else ""
    return f"{shown}U+{ord(char):04X}" + (f" {name}" if name else "")


def missing_text(chars: Sequence[str], shown: int = 3) -> str:
    """``chars`` (that no font draws) grouped by the package that would: a few of each
    group by name, the count of the others, and what to do."""
    groups: dict[str | None, list[str]] = {}
    for char in sorted(set(chars)):
        groups.setdefault(package_for(char), []).append(char)
    parts = []
    for package, group in sorted(groups.items(), key=lambda item: item[0] or "~"):
        listed = ", ".join(_described(char) for char in group[:shown])
        if len(group) > shown:
            listed += f" and {len(group) - shown} more"
        if package is None:
            parts.append(
                f"{listed} (private use or unassigned: no font package draws them; "
                "write the characters they stand for)"
            )
        else:
            parts.append(
                f"{listed} ({_script_names(group, package)}: install a font that has them, e.g. "
                f"Debian/Ubuntu's {package})"
            )
    return "; ".join(parts)
