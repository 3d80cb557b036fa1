"""``sphinx-cv check-pdf FILE``: what machines and screen readers get from a résumé PDF.

Any PDF, whoever wrote it: its structure (tags, PDF/UA, headings, lists, links, the figures'
alternative text) and its metadata are read with pikepdf, its text as applicant tracking
systems extract it with pypdf. Every check is a :class:`Finding` said in plain words, with
what to do when it fails. Both libraries come with ``sphinx-cv[pdf]``; nothing of Sphinx.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pikepdf

__all__ = ["CheckPDFError", "Finding", "check_pdf", "run"]

#: How a language tag looks in BCP 47: a language, then subtags (script, region, variants…).
BCP47 = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|[xXiI](?:-[A-Za-z0-9]{1,8})+")
#: The document information fields and the XMP properties that should say the same.
METADATA = {
    "Title": "dc:title",
    "Author": "dc:creator",
    "Subject": "dc:description",
    "Keywords": "pdf:Keywords",
    "Creator": "xmp:CreatorTool",
}
#: A word cut at a line's end: a letter, then a hyphenation mark (WeasyPrint's U+2010, a
#: soft hyphen), then the rest of the word in lower case on the next line.
CUT_WORD = re.compile("(\\w+[\u2010\u00ad])\\n\\s*([a-z]\\w*)")
HEADING = re.compile(r"H[1-6]?")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
#: Simple fonts whose named encoding alone tells what their codes mean.
STANDARD_ENCODINGS = {"/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding"}


@dataclass(frozen=True)
class Finding:
    """One check of a PDF: passed or not, said in plain words, and what to do if not."""

    check: str
    ok: bool
    said: str
    todo: str = ""
    details: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        head = f"{'✓' if self.ok else '✗'} {self.said}"
        return [
            head + (f" — {self.todo}" if self.todo else ""),
            *(f"    {d}" for d in self.details),
        ]


class CheckPDFError(Exception):
    """The file is missing, unreadable or not a PDF; the message names it."""


def check_pdf(path: Path) -> list[Finding]:
    """Every check of the PDF at ``path``, in the order they are reported."""
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError:
        raise CheckPDFError(f"{path} is locked with a password; check a copy without one") from None
    except OSError as err:
        raise CheckPDFError(f"{path}: {(err.strerror or one_line(err)).lower()}") from None
    except (pikepdf.PdfError, ValueError) as err:
        said = one_line(err).removeprefix(f"{path}: ")
        raise CheckPDFError(f"{path} is not a readable PDF ({said})") from None
    with pdf:
        try:
            tree = StructTree(pdf)
            text = page_texts(path)
            return [
                *structure(pdf, tree),
                language(pdf),
                *metadata(pdf),
                *outline(pdf, text),
                *fonts(pdf),
                *texts(pdf, text),
            ]
        except pikepdf.PdfError as err:
            raise CheckPDFError(f"{path} is a damaged PDF ({one_line(err)})") from None


def many(n: int, one: str, more: str = "") -> str:
    """``1 page``, ``2 pages``."""
    return f"{n} {one if n == 1 else more or one + 's'}"


def get(obj: object, *keys: str) -> Any:
    """``obj[key][key…]`` where each step is a dictionary that holds it, else None: a broken
    or hostile PDF may hold anything anywhere."""
    for key in keys:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            return None
        obj = obj.get(key)
    return obj


def items(obj: object) -> list[Any]:
    """The values of a PDF dictionary, or the items of an array; [] for anything else."""
    if isinstance(obj, pikepdf.Dictionary):
        return list(obj.values())
    return list(obj) if isinstance(obj, pikepdf.Array) else []


def one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


# --- Structure ---------------------------------------------------------------------------


class StructTree:
    """The structure elements of a tagged PDF in reading order, by their standard type."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        root = pdf.Root.get("/StructTreeRoot")
        marked = get(pdf.Root, "/MarkInfo", "/Marked")
        self.present = isinstance(root, pikepdf.Dictionary)
        self.tagged = self.present and bool(marked)
        self.elements: list[tuple[str, pikepdf.Dictionary]] = []
        if isinstance(root, pikepdf.Dictionary):
            roles = get(root, "/RoleMap")
            self.elements = [(standard(el.get("/S"), roles), el) for el in walk(root)]

    def count(self, *kinds: str) -> int:
        return sum(kind in kinds for kind, _ in self.elements)


def walk(root: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
    """The structure elements under ``root``, depth first in order; each once (no loops)."""
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root.get("/K")]
    while stack:
        kid = stack.pop()
        if isinstance(kid, pikepdf.Array):
            stack.extend(reversed(list(kid)))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if kid.is_indirect:
                if kid.objgen in seen:
                    continue
                seen.add(kid.objgen)
            yield kid
            stack.append(kid.get("/K"))


def standard(kind: Any, roles: Any) -> str:
    """A structure type's name, through the role map to a standard type (``H2``, ``Figure``)."""
    for _ in range(8):
        mapped = get(roles, str(kind)) if isinstance(kind, pikepdf.Name) else None
        if not isinstance(mapped, pikepdf.Name):
            break
        kind = mapped
    return str(kind).lstrip("/")


def structure(pdf: pikepdf.Pdf, tree: StructTree) -> list[Finding]:
    if not tree.tagged:
        missing = "no structure tree" if not tree.present else "MarkInfo /Marked is not true"
        return [
            Finding(
                "tagged",
                False,
                f"Not tagged ({missing}): screen readers and applicant tracking systems must "
                "guess headings, lists and reading order from the layout",
                "write a tagged PDF: sphinx-cv's cvpdf builder does (PDF/UA-1); in a word "
                "processor, export with “tagged PDF” or “document structure tags” on",
            ),
            pdfua(pdf),
        ]
    return [
        Finding(
            "tagged",
            True,
            "Tagged: the PDF carries its structure (headings, lists, links) for screen readers "
            "and applicant tracking systems",
        ),
        pdfua(pdf),
        headings(tree),
        figures(tree),
    ]


def pdfua(pdf: pikepdf.Pdf) -> Finding:
    part = xmp(pdf).get("pdfuaid:part")
    if part:
        return Finding(
            "pdfua",
            True,
            f"Says it follows PDF/UA-{part}, the standard for accessible PDF (XMP pdfuaid:part)",
        )
    return Finding(
        "pdfua",
        False,
        "Does not say it follows PDF/UA, the standard for accessible PDF (no pdfuaid:part "
        "in its XMP metadata)",
        "write it as PDF/UA-1: sphinx-cv's cvpdf builder does (WeasyPrint's "
        'pdf_variant="pdf/ua-1")',
    )


def headings(tree: StructTree) -> Finding:
    levels = [int(kind[1:] or 0) for kind, _ in tree.elements if HEADING.fullmatch(kind)]
    counts = Counter(f"H{level}" if level else "H" for level in levels)
    found = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "no headings"
    tally = (
        f"{found}; {many(tree.count('L'), 'list')} ({many(tree.count('LI'), 'item')}), "
        f"{many(tree.count('Link'), 'link')}"
    )
    skips = [f"H{a} then H{b}" for a, b in zip([0, *levels], levels, strict=False) if b > a + 1]
    if levels and levels[0] == 1 and counts["H2"] and not skips:
        return Finding("headings", True, f"Headings in order, the name as H1: {tally}")
    problem = (
        "no heading H1 (the name)"
        if 1 not in levels
        else "the first heading is not H1"
        if levels[0] != 1
        else "no H2 (section titles) under the H1"
        if not counts["H2"]
        else f"heading levels skip ({', '.join(dict.fromkeys(skips))})"
    )
    return Finding(
        "headings",
        False,
        f"Headings: {problem}; {tally}",
        "make the name the one H1, each section's title an H2 and each entry's title an H3 "
        "(in HTML: h1, h2, h3 in that order, none skipped)",
    )


def figures(tree: StructTree) -> Finding:
    shown = [el for kind, el in tree.elements if kind == "Figure"]
    bare = [el for el in shown if not str(el.get("/Alt", "") or el.get("/ActualText", "")).strip()]
    if not bare:
        said = (
            f"Images: {many(len(shown), 'image')}, all with alternative text"
            if shown
            else "No images"
        )
        return Finding("images", True, said + " (images that only decorate are artifacts)")
    return Finding(
        "images",
        False,
        f"{len(bare)} of {many(len(shown), 'image')} without alternative text: a screen "
        "reader says nothing about them",
        'describe each image (HTML: alt="Photo of Jane Doe"); an image that only decorates '
        "should be drawn as an artifact (a CSS background) rather than an empty alt",
    )


# --- Language, metadata, outline ---------------------------------------------------------


def language(pdf: pikepdf.Pdf) -> Finding:
    lang = str(pdf.Root.get("/Lang", "")).strip()
    todo = (
        "set the document's language (sphinx-cv: language in conf.py; HTML: "
        '<html lang="en">), so that screen readers pronounce it and ATS parse it right'
    )
    if not lang:
        return Finding("language", False, "No language (/Lang)", todo)
    if not BCP47.fullmatch(lang):
        return Finding(
            "language",
            False,
            f"Language {lang!r} is not a BCP 47 tag such as en, fr-CA or zh-Hans",
            f"write it with hyphens and letters only, e.g. {lang.replace('_', '-')!r}",
        )
    return Finding("language", True, f"Language: {lang}")


def xmp(pdf: pikepdf.Pdf) -> dict[str, str]:
    """The XMP properties this check reads, as text ('' when absent or unreadable)."""
    try:
        meta = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        values = {key: meta.get(key) for key in [*METADATA.values(), "pdfuaid:part"]}
    except Exception:  # any XMP that does not parse is no XMP
        return {}
    return {
        key: "; ".join(map(str, value)) if isinstance(value, list | set) else str(value or "")
        for key, value in values.items()
    }


def metadata(pdf: pikepdf.Pdf) -> list[Finding]:
    info = pdf.trailer.get("/Info")
    info = info if isinstance(info, pikepdf.Dictionary) else pikepdf.Dictionary()
    props = xmp(pdf)
    problems = [] if props else ["no XMP metadata (PDF/UA requires it)"]
    for field, prop in METADATA.items():
        value = " ".join(str(info.get(f"/{field}", "")).split())
        other = " ".join(props.get(prop, "").split())
        if not value:
            problems.append(f"{field}: missing")
        elif props and value != other and value != other.replace("; ", ", "):
            problems.append(f"{field}: {value!r}, but the XMP's {prop} says {other!r}")
    display = bool(get(pdf.Root, "/ViewerPreferences", "/DisplayDocTitle"))
    shown = Finding(
        "display-title",
        display,
        "Windows show the document's title, not its file name (DisplayDocTitle)"
        if display
        else "Windows show the file name, not the document's title (no DisplayDocTitle)",
        "" if display else "set ViewerPreferences /DisplayDocTitle true (PDF/UA requires it)",
    )
    if not problems:
        return [
            Finding(
                "metadata",
                True,
                "Metadata: Title, Author, Subject, Keywords and Creator are set, and the "
                "XMP metadata says the same",
                details=(f"Title: {info.get('/Title')}", f"Author: {info.get('/Author')}"),
            ),
            shown,
        ]
    return [
        Finding(
            "metadata",
            False,
            "Metadata: fields missing or unlike the XMP metadata (search engines, ATS and "
            "file managers show them)",
            "set the title, author, subject and keywords (sphinx-cv: cv_person and "
            "cv_pdf_keywords; a word processor: File › Properties)",
            tuple(problems),
        ),
        shown,
    ]


def bookmarks(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """The outline's entries, (depth, title), in order."""
    entries: list[tuple[int, str]] = []
    with pdf.open_outline() as tree:
        stack = [(0, item) for item in reversed(tree.root)]
        while stack and len(entries) < 10_000:
            depth, item = stack.pop()
            entries.append((depth, " ".join(str(item.title).split())))
            stack.extend((depth + 1, child) for child in reversed(item.children))
    return entries


def outline(pdf: pikepdf.Pdf, text: list[str]) -> list[Finding]:
    try:
        entries = bookmarks(pdf)
    except (pikepdf.OutlineStructureError, RecursionError):
        entries = []
    if not entries:
        return [
            Finding(
                "outline",
                False,
                "No bookmarks (outline): readers cannot jump to a section",
                "write one bookmark per section (sphinx-cv's cvpdf builder does, from the "
                "headings; a word processor: export with bookmarks from headings)",
            )
        ]
    listed = tuple("  " * depth + title for depth, title in entries)
    found = Finding(
        "outline",
        True,
        f"Bookmarks (outline): {many(len(entries), 'entry', 'entries')}",
        "",
        listed,
    )
    return [found, reading_order([title for _, title in entries], text)]


def reading_order(titles: list[str], text: list[str]) -> Finding:
    """The bookmarks' titles, in their order, in the extracted text: sections come out of a
    text extraction where they stand."""
    flat = fold(" ".join(text))
    at, astray = 0, []
    for title in titles:
        where = flat.find(fold(title), at)
        if where < 0:
            astray.append(title if fold(title) in flat else f"{title} (not in the text)")
        else:
            at = where + len(fold(title))
    if not astray:
        return Finding(
            "reading-order",
            True,
            f"Reading order: the text extracts with the {len(titles)} bookmarked headings in order",
        )
    return Finding(
        "reading-order",
        False,
        f"Reading order: {len(astray)} of {len(titles)} bookmarked headings extract out of "
        "order or not at all, so ATS read sections jumbled",
        "keep the document in one column in reading order (no text boxes or tables for layout)",
        tuple(astray),
    )


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


# --- Fonts ------------------------------------------------------------------------------


def all_fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every font the pages use (in their resources and their forms'), each once."""
    seen: set[tuple[int, int]] = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        if resources.is_indirect:
            if resources.objgen in seen:
                continue
            seen.add(resources.objgen)
        for font in items(resources.get("/Font")):
            if isinstance(font, pikepdf.Dictionary) and font.objgen not in seen:
                seen.add(font.objgen)
                yield font
        for form in items(resources.get("/XObject")):
            if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form":
                stack.append(form.get("/Resources"))


def font_name(font: pikepdf.Dictionary) -> str:
    name = str(font.get("/BaseFont", font.get("/Name", "unnamed font"))).lstrip("/")
    return re.sub(r"^[A-Z]{6}\+", "", name)


def embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == "/Type3":
        return True  # its glyphs are drawn in the PDF itself
    descendants = font.get("/DescendantFonts")
    if isinstance(descendants, pikepdf.Array):
        return bool(len(descendants)) and all(
            isinstance(part, pikepdf.Dictionary) and embedded(part) for part in descendants
        )
    return any(get(font, "/FontDescriptor", key) is not None for key in FONT_FILES)


def readable(font: pikepdf.Dictionary) -> bool:
    """Whether a text extraction can tell the characters this font's codes draw."""
    encoding = font.get("/Encoding")
    simple = font.get("/Subtype") in ("/Type1", "/TrueType", "/MMType1")
    return "/ToUnicode" in font or (simple and str(encoding) in STANDARD_ENCODINGS)


def fonts(pdf: pikepdf.Pdf) -> list[Finding]:
    found = list(all_fonts(pdf))
    names = sorted({font_name(font) for font in found})
    loose = sorted({font_name(font) for font in found if not embedded(font)})
    unmapped = sorted({font_name(font) for font in found if not readable(font)})
    return [
        Finding(
            "fonts-embedded",
            True,
            f"Fonts: {many(len(names), 'font')}, all embedded",
            "",
            tuple(names),
        )
        if not loose
        else Finding(
            "fonts-embedded",
            False,
            f"Fonts: {len(loose)} of {len(names)} not embedded, so the PDF looks different "
            "(or shows no text) where the font is not installed",
            "embed every font (WeasyPrint and sphinx-cv always do; a word processor: "
            "“embed fonts” in the PDF options)",
            tuple(loose),
        ),
        Finding(
            "fonts-unicode",
            True,
            "Every font maps its glyphs to characters (ToUnicode), so the text extracts as written",
        )
        if not unmapped
        else Finding(
            "fonts-unicode",
            False,
            f"{many(len(unmapped), 'font')} without a map from glyphs to characters "
            "(ToUnicode): their text extracts as gibberish or not at all",
            "write the PDF with a tool that adds ToUnicode maps (WeasyPrint does), or use "
            "another font",
            tuple(unmapped),
        ),
    ]


# --- Text -------------------------------------------------------------------------------


def page_texts(path: Path) -> list[str]:
    """Each page's text as pypdf extracts it ('' for a page it cannot read)."""
    import pypdf

    try:
        reader = pypdf.PdfReader(path)
        pages = list(reader.pages)
    except Exception:  # pypdf's errors on a file pikepdf opened: no text
        return []
    texts = []
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # a page pypdf cannot read is a page without text
            texts.append("")
    return texts


def link_targets(pdf: pikepdf.Pdf) -> list[str]:
    """The web addresses and e-mail addresses of the link annotations, in page order."""
    targets = []
    for page in pdf.pages:
        for annot in items(page.obj.get("/Annots")):
            if get(annot, "/A", "/S") == "/URI":
                targets.append(str(get(annot, "/A", "/URI") or ""))
    return list(dict.fromkeys(t for t in targets if t))


def bare(uri: str) -> str:
    """An address as a page shows it: no scheme, no ``www.``, no final slash."""
    uri = unquote(uri)
    if uri.lower().startswith("mailto:"):
        return uri[7:].split("?")[0].lower()
    return re.sub(r"^[a-z]+://(www\.)?", "", uri, flags=re.IGNORECASE).rstrip("/").lower()


def texts(pdf: pikepdf.Pdf, text: list[str]) -> list[Finding]:
    empty = [str(n) for n, page in enumerate(text, 1) if not page.strip()]
    findings = [
        Finding(
            "text",
            True,
            f"Text: every page's text extracts ({many(sum(map(len, text)), 'character')} "
            f"on {many(len(text), 'page')})",
        )
        if text and not empty
        else Finding(
            "text",
            False,
            "Text: no text extracts "
            + (f"from page {', '.join(empty)}" if text else "at all")
            + "; ATS read such a page as blank",
            "write the PDF from text (not a scan or a picture of text)",
        )
    ]
    whole = "\n".join(text)
    ligatures = sorted({w for w in re.findall(r"\S*[\ufb00-\ufb06]\S*", whole)})
    findings.append(
        Finding("ligatures", True, "No ligature characters (ﬁ, ﬂ…): “efficient” is found as typed")
        if not ligatures
        else Finding(
            "ligatures",
            False,
            f"{many(len(ligatures), 'word')} extract with ligature characters (ﬁ, ﬂ…), so a search "
            "for them fails",
            "turn ligatures off (CSS: font-variant-ligatures: none) or use a font whose "
            "ligatures map back to their letters",
            tuple(ligatures[:20]),
        )
    )
    cut = sorted({a + b for a, b in CUT_WORD.findall(whole)})
    soft = whole.count("\u00ad")
    findings.append(
        Finding("hyphenation", True, "No words broken by hyphenation at a line's end")
        if not cut and not soft
        else Finding(
            "hyphenation",
            False,
            f"{many(len(cut) or soft, 'word')} broken by hyphenation: ATS and searches miss them",
            "turn hyphenation off (CSS: hyphens: manual) and write no soft hyphens",
            tuple(cut[:20]),
        )
    )
    findings.append(links(link_targets(pdf), whole))
    return findings


def links(targets: list[str], text: str) -> Finding:
    # Without line breaks (and the hyphens a hyphenation put before them), a broken address
    # is whole again.
    flat, compact = fold(text), re.sub("[\u2010\u00ad]?\\s+", "", text).casefold()
    shown = [t for t in targets if bare(t) in flat]
    broken = [t for t in targets if bare(t) not in flat and bare(t) in compact]
    labelled = len(targets) - len(shown) - len(broken)
    under = f"; {labelled} under a label such as “DOI”" if labelled else ""
    if not broken:
        said = f"{many(len(shown), 'address', 'addresses')} the text shows extract whole"
        return Finding("links", True, f"Links: {said}{under}" if targets else "Links: none")
    return Finding(
        "links",
        False,
        f"Links: {many(len(broken), 'address', 'addresses')} extract broken across lines: "
        "ATS keep half of each",
        "keep each address on one line (CSS: white-space: nowrap on links)",
        tuple(bare(t) for t in broken),
    )


# --- The command ------------------------------------------------------------------------


def run(files: Sequence[Path], as_json: bool = False) -> int:
    """Check ``files``; print the findings (or JSON); 0 all pass, 1 one fails, 2 unreadable."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its notes on odd files are not ours
    status, reports = 0, []
    for path in files:
        try:
            findings = check_pdf(path)
        except CheckPDFError as err:
            print(f"sphinx-cv check-pdf: {err}", file=sys.stderr)
            reports.append({"file": str(path), "ok": False, "error": str(err)})
            status = 2
            continue
        failed = sum(not finding.ok for finding in findings)
        status = max(status, 1 if failed else 0)
        if as_json:
            reports.append(
                {"file": str(path), "ok": not failed, "findings": [asdict(f) for f in findings]}
            )
            continue
        print(path)
        for finding in findings:
            print("\n".join("  " + line for line in finding.lines()))
        total = len(findings)
        print(f"  {'All' if not failed else f'{failed} of'} {total} checks "
              f"{'pass' if not failed else 'fail'}.")  # fmt: skip
    if as_json:
        print(json.dumps(reports, ensure_ascii=False, indent=2))
    return status
