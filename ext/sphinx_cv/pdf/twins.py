"""Plain twins of each PDF: the same CV as text, Markdown and Word, next to the PDF.

When the PDF builder has written the page of a variant's PDF (the event
``cv-pdf-variant-written``), the twins of that PDF are made from the same document, and
written next to it once the PDFs are, with its stem (``Jane-Doe-CV.txt``, ``.md``,
``.docx``); a build whose PDF could not be written writes none. They hold what the variant keeps,
the private fields only where the PDF has them (the PDFs to send, never the site's). The
text is wrapped at 80 columns, for web forms; the Markdown has ``#`` headings, lists,
bold, italic and links, its text escaped (all of it comes from pages and .bib files); the
Word file is :mod:`.word`'s. ``cv_twins`` names the forms written (``[]``: none). A twin
is written only when its content changed; with ``SOURCE_DATE_EPOCH``, two builds give the
same bytes.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unicodedata import combining, east_asian_width
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.variants import Variant
from ..settings import cv_settings, setting_location
from ..shared import error, warn
from .builder import pdf_filename
from .download import twin_path
from .layout import OutputError, write_file
from .plain import Block, Span, plain_blocks

#: The text twin's width, in characters.
WIDTH = 80


# -- Text


def _text_of(spans: Sequence[Span]) -> str:
    """Spans as text: a link's address after its text when the text does not show it."""
    out = []
    for span in spans:
        out.append(span.text)
        shown = span.url.removeprefix("mailto:").removeprefix("tel:")
        if span.url and shown not in span.text and span.text not in shown:
            out.append(f" <{span.url}>")
    return "".join(out)


def text_form(blocks: Sequence[Block]) -> str:
    """The CV as plain text, wrapped at :data:`WIDTH` columns (a word longer than a line,
    an address, stands alone on its line)."""
    lines: list[str] = []
    for block in blocks:
        text = _text_of(block.spans)
        if block.kind == "heading":
            if lines:
                lines.append("")
            rule = {1: "=", 2: "-"}.get(block.level)
            if rule:
                lines += _wrap(text, "", "")
                lines.append(rule * min(WIDTH, max(map(cells, lines[-1:]))))
            else:
                lines += _wrap(text, "", "")
            continue
        indent = "  " * max(0, block.depth - 1)
        if block.kind == "pre":
            lines += [f"{indent}{line}".rstrip() for line in block.text.splitlines()]
        elif block.kind == "item":
            first = f"{indent}{block.marker} "
            lines += _wrap(text, first, " " * len(first))
        else:
            wrapped = _wrap(text, indent + ("  " if block.depth else ""), "")
            # A paragraph of several lines stands apart from what is around it.
            if len(wrapped) > 1 and lines and lines[-1]:
                lines.append("")
            lines += wrapped
            if len(wrapped) > 1:
                lines.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"


def _is_wide(char: str) -> bool:
    """Whether ``char`` takes two columns (Chinese, Japanese, Korean)."""
    return east_asian_width(char) in "WF"


def cells(text: str) -> int:
    """The columns ``text`` takes in a terminal: two for each wide character, none for a
    combining mark, one for the rest."""
    return sum(2 if _is_wide(char) else 0 if combining(char) else 1 for char in text)


#: Punctuation that closes what comes before it: no line starts with it.
_CLOSING = frozenset("、。，．：；！？）」』】〕〉》’”,.;:!?)]")


def _kind(char: str) -> str:
    return "space" if char.isspace() else "wide" if _is_wide(char) else "narrow"


def _units(text: str) -> list[str]:
    """What a line may break between in wide text: a run of spaces, a wide character, or a
    run of other characters; closing punctuation stays with what it closes."""
    units: list[str] = []
    for char in text:
        last = units[-1] if units else ""
        closes = char in _CLOSING and not last.isspace()
        if last and (closes or _kind(char) == _kind(last[-1]) != "wide"):
            units[-1] += char
        else:
            units.append(char)
    return units


def _wrap_wide(text: str, first: str, rest: str) -> list[str]:
    """:func:`_wrap` for text with wide characters, measured in :func:`cells`: a line may
    break between two of them, as Chinese and Japanese are written without spaces."""
    lines: list[str] = []
    line, space = first, False
    for unit in _units(text):
        if unit.isspace():
            space = True
            continue
        piece = (" " if space and line.strip() else "") + unit
        if line.strip() and cells(line + piece) > WIDTH:
            lines.append(line.rstrip())
            line, piece = rest, unit
        line += piece
        space = False
    lines.append(line.rstrip())
    return lines


def _wrap(text: str, first: str, rest: str) -> list[str]:
    rest = rest or first
    if cells(text) != len(text):
        return _wrap_wide(text, first, rest)
    return textwrap.wrap(
        text,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


# -- Markdown

#: Characters that mark up inline Markdown wherever they stand (CommonMark escapes any
#: ASCII punctuation with a backslash).
_INLINE = re.compile(r"([\\`*_\[\]<>&|~!])")
#: What marks up a block at the start of its line: a heading, quote, list or rule.
_LINE_START = re.compile(r"^(\s*)(?:([#>+=-])|(\d+)([.)]))")
#: Addresses a Markdown link may have; others are text.
_SCHEMES = ("http://", "https://", "mailto:", "tel:", "ftp://")


def md_escape(text: str) -> str:
    """``text`` as Markdown that shows it as it is."""
    return _INLINE.sub(r"\\\1", text)


def _md_url(url: str) -> str:
    return "<" + re.sub(r"[\s<>\\]", lambda m: f"%{ord(m.group()):02X}", url) + ">"


def _md_span(span: Span) -> str:
    text = span.text
    if span.code:
        ticks = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        body = f"{ticks}{pad}{text}{pad}{ticks}"
    else:
        body = md_escape(text)
    core = body.strip()
    if not core:
        return body
    lead, trail = body[: len(body) - len(body.lstrip())], body[len(body.rstrip()) :]
    if span.bold:
        core = f"**{core}**"
    if span.italic:
        core = f"*{core}*"
    if span.url and span.url.lower().startswith(_SCHEMES):
        core = f"[{core}]({_md_url(span.url)})"
    return f"{lead}{core}{trail}"


def md_inline(spans: Sequence[Span]) -> str:
    text = "".join(_md_span(span) for span in spans)
    return _LINE_START.sub(_escape_start, text)


def _escape_start(match: re.Match[str]) -> str:
    space, mark, digits, dot = match.groups()
    return f"{space}\\{mark}" if mark else f"{space}{digits}\\{dot}"


def markdown_form(blocks: Sequence[Block]) -> str:
    """The CV as Markdown (CommonMark)."""
    out: list[str] = []
    for block in blocks:
        if out and out[-1] and block.kind != "item":
            out.append("")  # the end of a list
        indent = "   " * max(0, block.depth - 1)
        if block.kind == "heading":
            out.append(f"{'#' * block.level} {md_inline(block.spans)}")
        elif block.kind == "pre":
            fence = "`" * max(3, max(map(len, re.findall("`+", block.text)), default=0) + 1)
            out.append(f"{indent}{fence}\n{block.text}\n{indent}{fence}")
        elif block.kind == "item":
            out.append(f"{indent}{block.marker} {md_inline(block.spans)}")
            continue  # tight lists
        else:
            out.append(("   " * block.depth if block.depth else "") + md_inline(block.spans))
        out.append("")
    return "\n".join(out).strip() + "\n"


# -- The driver

#: The twins of each build (by its environment, which the website's build and the PDF
#: builder it runs share): the PDF builder, and each twin's file and bytes, made as each
#: variant's page is written and written once the PDFs are (after a PDF that could not be
#: written, whose error is said, none is).
_MADE: WeakKeyDictionary[Any, tuple[Any, list[tuple[Path, bytes]]]] = WeakKeyDictionary()


def make_twins(app: Sphinx, builder: Any, variant: Variant, tree: Any, pdf_target: Path) -> None:
    """The twins of the PDF ``pdf_target`` of ``variant`` that ``cv_twins`` asks for."""
    forms = cv_settings(app.config).twins
    if not forms:
        return
    blocks = plain_blocks(tree)
    made = _MADE.setdefault(builder.env, (builder, []))[1]
    for form in forms:
        if form == "docx":
            try:
                from .word import word_form  # python-docx, loaded for a Word twin only
            except ImportError:
                warn(
                    "cv_twins: the Word twin needs python-docx: pip install 'sphinx-cv[pdf]', "
                    "or leave 'docx' out, e.g. cv_twins = ['txt', 'md']",
                    location=setting_location(app, "cv_twins"),
                    subtype="pdf",
                )
                continue
            data = word_form(blocks, builder.metadata(variant))
        else:
            data = (text_form if form == "txt" else markdown_form)(blocks).encode("utf-8")
        made.append((twin_path(pdf_target, form), data))


def write_twins(app: Sphinx, exception: Exception | None) -> None:
    """Each twin made, unless its content is in the file already (then the file is left
    alone); none after a build whose PDF could not be written (its error is said). The
    twins written before for a variant or a form that is gone are removed."""
    builder, made = _MADE.pop(app.env, (None, []))
    if exception or getattr(builder, "failure", None):
        return
    if made:
        remove_stale_twins(app, made[0][0].parent, [target for target, _data in made])
    for target, data in made:
        if target.is_file() and target.read_bytes() == data:
            continue
        try:
            write_file(target, data)
        except OutputError as err:
            error("%s", err, location=None, subtype="pdf")
            app.statuscode = 1
            return


#: In the doctrees folder: the twins written, by folder.
RECORD = "cv-twins.json"


def remove_stale_twins(app: Sphinx, folder: Path, written: list[Path]) -> None:
    """Remove the twins written before into ``folder`` that no variant or form of
    ``cv_twins`` asks for any more (a site must not keep offering them); remember those
    written now. Files sphinx-cv did not write are never touched."""
    settings = cv_settings(app.config)
    wanted = {
        str(twin_path(folder / pdf_filename(app.config, variant), form))
        for variant in settings.variants
        for form in settings.twins
    }
    path = Path(app.doctreedir) / RECORD
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    before = set(record.get(str(folder), [])) if isinstance(record, dict) else set()
    for stale in sorted(before - wanted):
        Path(stale).unlink(missing_ok=True)
    now = sorted((before & wanted) | {str(target) for target in written})
    if not isinstance(record, dict) or record.get(str(folder)) != now:
        record = {**(record if isinstance(record, dict) else {}), str(folder): now}
        path.write_text(json.dumps(record, indent=1), encoding="utf-8")


def exclude_twins(app: Sphinx, config: Config) -> None:
    """The Markdown twins are no pages: a PDF built into a folder of the sources (``-b cvpdf
    docs docs/_build/pdf``, ``cv_pdf_download = "_build/pdf"``) leaves them there."""
    if "md" not in cv_settings(config).twins:
        return
    names = [twin_path(pdf_filename(config, v), "md").name for v in cv_settings(config).variants]
    patterns = [pattern for name in names for pattern in (name, f"**/{name}")]
    config.exclude_patterns = [*config.exclude_patterns, *patterns]


def setup_twins(app: Sphinx) -> None:
    app.connect("config-inited", exclude_twins, priority=900)  # after the settings' check
    app.connect("cv-pdf-variant-written", make_twins)
    # After the PDFs: those of -b cvpdf, and the website's (pdf.builder.pdf_with_site, 950).
    app.connect("build-finished", write_twins, priority=960)
