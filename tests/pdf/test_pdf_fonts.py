"""Every script in the PDF: Lato for Latin (with Vietnamese), Greek and Cyrillic, the system's
fonts for the rest, and a warning that names the characters no installed font has.

The PDF is read as a PDF reader draws it: each string a content stream shows is cut into the
glyph ids of its font, each glyph is looked up in the font program embedded in the file
(fontTools), and the ToUnicode map says which character it stands for. A character counts as
drawn only if its glyph is not .notdef and has an outline. Also: a PDF that nothing changed
is not laid out or written again.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import ROOTS, SOURCE_DATE_EPOCH, sphinx_build
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont
from sphinx_cv.pdf import builder as pdf
from sphinx_cv.pdf import fonts as fontcoverage
from sphinx_cv.pdf import layout as pdflayout
from sphinx_cv.pdf.builder import SHIPPED_FONTS
from sphinx_cv.pdf.fonts import coverage, missing_text, needs_glyph, page_text

#: The names of tests/roots/test-international, one language each, as the PDF must show them.
NAMES = {
    "Polish": "Zofia Łukasiewicz, Łódź",
    "Czech": "Antonín Dvořák",
    "Hungarian": "Erdős Pál",
    "Romanian": "Ștefan Țițeica, București",  # ș ț with a comma below
    "Turkish": "Çağrı Işık, İstanbul",
    "Vietnamese": "Nguyễn Hữu Hằng, Hà Nội",  # ộ ữ ằ
    "Russian": "Пётр Чайковский",
    "Greek": "Αριστοτέλης Παπαδόπουλος",
    "Chinese": "王星尧",
}
LATO_SCRIPTS = [language for language in NAMES if language != "Chinese"]


@dataclass(frozen=True)
class Glyph:
    """One glyph a page draws: what it stands for, in which font, and whether it is real."""

    text: str
    font: str
    gid: int
    outline: bool

    @property
    def real(self) -> bool:
        """Not .notdef, and a visible character has an outline (a space need not)."""
        return self.gid != 0 and (self.outline or not self.text.strip())


def to_unicode(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's ``bfchar`` and ``bfrange`` entries: code → text."""
    text, mapping = cmap.decode("latin-1"), {}

    def chars(hexa: str) -> str:
        return bytes.fromhex(hexa).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.DOTALL):
        for code, target in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            mapping[int(code, 16)] = chars(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.DOTALL):
        for first, last, target in re.findall(
            r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^]]*\])", block
        ):
            start, end = int(first, 16), int(last, 16)
            if target.startswith("["):
                for code, each in zip(
                    range(start, end + 1), re.findall(r"<(\w+)>", target), strict=False
                ):
                    mapping[code] = chars(each)
            else:
                base = int(target[1:-1], 16)
                for offset in range(end - start + 1):
                    mapping[start + offset] = chr(base + offset)
    return mapping


def encoding_cmap(cmap: bytes) -> dict[int, int]:
    """An encoding CMap's ``cidchar`` and ``cidrange`` entries: code → CID."""
    text, mapping = cmap.decode("latin-1"), {}
    for block in re.findall(r"begincidchar(.*?)endcidchar", text, re.DOTALL):
        for code, cid in re.findall(r"<([0-9a-fA-F]+)>\s*(\d+)", block):
            mapping[int(code, 16)] = int(cid)
    for block in re.findall(r"begincidrange(.*?)endcidrange", text, re.DOTALL):
        for first, last, cid in re.findall(r"<(\w+)>\s*<(\w+)>\s*(\d+)", block):
            for offset in range(int(last, 16) - int(first, 16) + 1):
                mapping[int(first, 16) + offset] = int(cid) + offset
    return mapping


class EmbeddedFont:
    """A Type0 (CID) font of the PDF with its embedded program, read by fontTools."""

    def __init__(self, font: Any) -> None:
        assert font.Subtype == "/Type0", font.BaseFont
        self.name = str(font.BaseFont).split("+", 1)[-1]
        # Two-byte codes: Identity-H (code = CID), or WeasyPrint's own CMap, which gives
        # the characters no font has codes of their own that stand for CID 0 (.notdef).
        self.encoding: dict[int, int] | None = None
        if isinstance(font.Encoding, pikepdf.Stream):
            self.encoding = encoding_cmap(font.Encoding.read_bytes())
        else:
            assert font.Encoding == "/Identity-H", font.BaseFont
        cid_font = font.DescendantFonts[0]
        descriptor = cid_font.FontDescriptor
        program = descriptor.get("/FontFile2")
        if program is None:  # (no truth value of a stream in pikepdf 9)
            program = descriptor.get("/FontFile3")
        assert program is not None, f"{self.name} is not embedded"
        self.program = TTFont(io.BytesIO(program.read_bytes()))
        self.order = self.program.getGlyphOrder()
        self.glyphs = self.program.getGlyphSet()
        cff = self.program["CFF "].cff.topDictIndex[0] if "CFF " in self.program else None
        self.cid_keyed = cff is not None and hasattr(cff, "ROS")
        self.cid_to_gid: bytes | None = None
        mapping = cid_font.get("/CIDToGIDMap")
        if isinstance(mapping, pikepdf.Stream):
            self.cid_to_gid = mapping.read_bytes()
        self.unicode = to_unicode(font.ToUnicode.read_bytes())

    def glyph(self, code: int) -> Glyph:
        cid = code if self.encoding is None else self.encoding.get(code, 0)
        if self.cid_keyed:  # CFF with CIDs: the charset names each glyph by its CID
            name = f"cid{cid:05d}"
            gid = self.order.index(name) if name in self.glyphs else 0
        else:
            gid = cid
            if self.cid_to_gid is not None:
                gid = int.from_bytes(self.cid_to_gid[2 * cid : 2 * cid + 2], "big")
            gid = gid if gid < len(self.order) else 0
        pen = BoundsPen(self.glyphs)
        self.glyphs[self.order[gid]].draw(pen)
        return Glyph(self.unicode.get(code, ""), self.name, gid, pen.bounds is not None)

    def decode(self, data: bytes) -> list[Glyph]:
        return [self.glyph(int.from_bytes(data[i : i + 2], "big")) for i in range(0, len(data), 2)]


def _shown(owner: Any, resources: Any, fonts: dict[Any, EmbeddedFont]) -> Iterator[Glyph]:
    font: EmbeddedFont | None = None
    for operands, operator in pikepdf.parse_content_stream(owner):
        op = str(operator)
        if op == "Tf":
            entry = resources.Font[str(operands[0])]
            key = entry.objgen
            if key not in fonts:
                fonts[key] = EmbeddedFont(entry)
            font = fonts[key]
        elif op in {"Tj", "'", '"'}:
            assert font is not None
            yield from font.decode(bytes(operands[-1]))
        elif op == "TJ":
            assert font is not None
            for item in operands[0]:
                if isinstance(item, pikepdf.String):
                    yield from font.decode(bytes(item))
        elif op == "Do":
            xobject = resources.XObject[str(operands[0])]
            if xobject.Subtype == "/Form":
                yield from _shown(xobject, xobject.get("/Resources", resources), fonts)


def drawn(path: Path) -> list[list[Glyph]]:
    """Every glyph each page of the PDF at ``path`` draws, in the order drawn."""
    fonts: dict[Any, EmbeddedFont] = {}
    with pikepdf.open(path) as document:
        return [list(_shown(page, page.Resources, fonts)) for page in document.pages]


def squeezed(glyphs: list[Glyph]) -> str:
    """The text the glyphs stand for, without white space (lines break anywhere)."""
    return re.sub(r"\s+", "", "".join(glyph.text for glyph in glyphs))


def cjk_font_installed() -> bool:
    system = fontcoverage.fontconfig()
    return system is not None and all(system.fonts_with(char) for char in NAMES["Chinese"])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """tests/roots/test-international as ``-b cvpdf`` writes it, once for the module."""
    if not cjk_font_installed():
        pytest.skip("no CJK font installed: apt-get install fonts-noto-cjk (CI installs it)")
    root = tmp_path_factory.mktemp("international")
    src, out, doctrees = root / "src", root / "pdf", root / "doctrees"
    shutil.copytree(ROOTS / "test-international", src)
    args = ("-d", str(doctrees))
    status, err = sphinx_build(src, *args, builder="cvpdf", out=out, epoch=SOURCE_DATE_EPOCH)
    assert (status, err) == (0, "")
    (written,) = out.glob("*.pdf")
    return {"src": src, "out": out, "doctrees": doctrees, "pdf": written}


@pytest.fixture(scope="module")
def pages(built: dict[str, Path]) -> list[list[Glyph]]:
    return drawn(built["pdf"])


def test_every_glyph_of_the_pdf_is_real(pages: list[list[Glyph]]) -> None:
    bad = [glyph for page in pages for glyph in page if not glyph.real]
    assert bad == []


@pytest.mark.parametrize("language", list(NAMES))
def test_every_name_is_drawn(pages: list[list[Glyph]], language: str) -> None:
    """The whole name is in the drawn text (extraction alone could hide boxes: the test above
    holds every glyph to an outline), and each of its letters is drawn at least twice (the
    entries and the publication, in more than one style)."""
    text = "".join(squeezed(page) for page in pages)
    for name in NAMES[language].split(", "):
        assert name.replace(" ", "") in text, name
    for char in set(NAMES[language]) - set(" ,"):
        drawings = [g for page in pages for g in page if char in g.text]
        assert len(drawings) >= 2, char
        assert all(glyph.real for glyph in drawings), char


@pytest.mark.parametrize("language", LATO_SCRIPTS)
def test_latin_greek_and_cyrillic_are_lato_in_every_style(
    pages: list[list[Glyph]], language: str
) -> None:
    styles = {"Lato", "Lato-Italic", "Lato-Bold", "Lato-Bold-Italic"}
    for char in set(NAMES[language]) - set(" ,"):
        fonts = {g.font for page in pages for g in page if char in g.text}
        assert fonts == styles, char  # the page writes every name in all four


def test_chinese_comes_from_a_cjk_font(pages: list[list[Glyph]]) -> None:
    for char in NAMES["Chinese"]:
        fonts = {g.font for page in pages for g in page if char in g.text}
        assert fonts, char
        assert all("CJK" in font for font in fonts), fonts


def test_one_embedded_font_per_style(built: dict[str, Path]) -> None:
    """Lato used to come as two files per style (latin, latin-ext), and the PDF's font for a
    style garbled the letters of the second ("Ł" printed as "3"): one file, one font."""
    fonts: dict[str, set[Any]] = {}
    with pikepdf.open(built["pdf"]) as document:
        for page in document.pages:
            for font in page.Resources.Font.values():
                name = str(font.BaseFont).split("+", 1)[-1]
                fonts.setdefault(name, set()).add(font.objgen)
    for style in ("Lato", "Lato-Italic", "Lato-Bold", "Lato-Bold-Italic"):
        assert len(fonts[style]) == 1, style


def test_the_footer_is_drawn_on_every_page(pages: list[list[Glyph]]) -> None:
    for number, page in enumerate(pages, start=1):
        text = squeezed(page)
        assert f"Page{number}of{len(pages)}" in text
        assert "ZofiaŁukasiewicz" in text  # drawn with real glyphs: see the first test


def test_a_rebuild_with_no_change_lays_nothing_out(built: dict[str, Path]) -> None:
    """``-b cvpdf`` again: the page is assembled, found the same, and the PDF left alone; a
    deleted PDF is laid out again, the same bytes."""
    target = built["pdf"]
    before = target.stat().st_mtime_ns, target.read_bytes()
    args = ("-d", str(built["doctrees"]))
    again = sphinx_build(
        built["src"], *args, builder="cvpdf", out=built["out"], epoch=SOURCE_DATE_EPOCH
    )
    assert again == (0, "")
    assert (target.stat().st_mtime_ns, target.read_bytes()) == before
    target.unlink()
    again = sphinx_build(
        built["src"], *args, builder="cvpdf", out=built["out"], epoch=SOURCE_DATE_EPOCH
    )
    assert again == (0, "")
    assert target.read_bytes() == before[1]


# -- Characters no installed font has ------------------------------------------------------

ADLAM = "\U0001e900"  # a script with no font in a minimal system (fonts-noto-core has one)
PRIVATE = "\U000f0041"  # private use: no font package maps it


def test_a_character_no_font_has_is_a_warning(
    page_project: Callable[..., Path], tmp_path: Path
) -> None:
    system = fontcoverage.fontconfig()
    if system is None:
        pytest.skip("fontconfig cannot be loaded here")
    src = page_project(f"# Jane Doe\n\nAn Adlam letter {ADLAM} and a private one {PRIVATE}.\n")
    status, err = sphinx_build(src, builder="cvpdf", out=tmp_path / "pdf")
    assert status == 1  # -W: the warning fails the build; the PDF is still written
    expected = [PRIVATE] if system.fonts_with(ADLAM) else [ADLAM, PRIVATE]
    assert f"index.md:3: WARNING: the PDF has {len(expected)} character(s) that no" in err
    assert "U+F0041 (private use or unassigned: no font package draws them;" in err
    if ADLAM in expected:
        assert (
            f"'{ADLAM}' U+1E900 ADLAM CAPITAL LETTER ALIF (Adlam: install a font that has "
            "them, e.g. Debian/Ubuntu's fonts-noto-core)"
        ) in err
    assert err.count("WARNING") == 1
    assert "[cv.font]" in err
    # What the warning is about: the reading above finds these characters not drawn.
    (written,) = (tmp_path / "pdf").glob("*.pdf")
    glyphs = [glyph for page in drawn(written) for glyph in page]
    assert "Jane Doe" in "".join(glyph.text for glyph in glyphs)
    for char in expected:
        assert all(not glyph.real for glyph in glyphs if char in glyph.text), char
    assert any(not glyph.real for glyph in glyphs)


def test_a_character_only_in_the_footer_is_placed_at_conf_py(
    copy_root: Callable[..., Path], tmp_path: Path
) -> None:
    if fontcoverage.fontconfig() is None:
        pytest.skip("fontconfig cannot be loaded here")
    conf = f'extensions = ["myst_parser", "sphinx_cv"]\nauthor = "Jane {PRIVATE} Doe"\n'
    src = copy_root("minimal", conf__py=conf, index__md="# Jane Doe\n")
    status, err = sphinx_build(src, builder="cvpdf", out=tmp_path / "pdf")
    assert status == 1
    assert "conf.py:2: WARNING: the PDF has 1 character(s)" in err


# -- The pure part -------------------------------------------------------------------------


def test_what_is_drawn_with_a_glyph() -> None:
    assert all(needs_glyph(char) for char in "aŁ王 ș\u00a0")
    # Zero-width joiner, soft hyphen, a variation selector, a line feed: no glyph of their own.
    assert not any(needs_glyph(char) for char in "\u200d\u00ad\ufe0f\n")


def test_the_text_a_page_shows() -> None:
    html = (
        "<html><head><title>Title ✓</title><style>p::after{content:'✗'}</style></head>"
        "<body><p>Ł&amp;ó<script>let x = '✗';</script> <em>ș</em></p></body></html>"
    )
    assert page_text(html) == "Ł&ó ș"


def test_the_package_for_each_script() -> None:
    text = missing_text(["王", "ひ", "😀", ADLAM, PRIVATE, "丁", "一", "七"])
    assert text == (
        "'ひ' U+3072 HIRAGANA LETTER HI, '一' U+4E00 CJK UNIFIED IDEOGRAPH-4E00, "
        "'丁' U+4E01 CJK UNIFIED IDEOGRAPH-4E01 and 2 more (Hiragana, Han: install a font that "
        "has them, e.g. Debian/Ubuntu's fonts-noto-cjk); "
        "'😀' U+1F600 GRINNING FACE (emoji: install a font that has them, e.g. Debian/Ubuntu's "
        "fonts-noto-color-emoji); "
        f"'{ADLAM}' U+1E900 ADLAM CAPITAL LETTER ALIF (Adlam: install a font that has them, e.g. "
        "Debian/Ubuntu's fonts-noto-core); "
        "U+F0041 (private use or unassigned: no font package draws them; write the characters "
        "they stand for)"
    )


def test_lato_draws_every_name_but_the_chinese() -> None:
    found = coverage(set("".join(NAMES.values())), SHIPPED_FONTS)
    if found is None:
        pytest.skip("fontconfig cannot be loaded here")
    assert set(found.fallback) == set(NAMES["Chinese"])


def test_the_shipped_fonts() -> None:
    """One unhinted file per style, the same characters in each: all of Latin Extended-A and
    -B, Vietnamese, modern Greek, Cyrillic; small enough to ship."""
    assert [path.name for path in SHIPPED_FONTS] == [
        "Lato-Bold.ttf", "Lato-BoldItalic.ttf", "Lato-Italic.ttf", "Lato-Regular.ttf",
    ]  # fmt: skip
    wanted = {
        *range(0x0020, 0x007F), *range(0x00A0, 0x0250), *range(0x1EA0, 0x1EFA),
        *range(0x0386, 0x03CF), *range(0x0400, 0x0500), 0x20AC, 0x2013, 0x2014, 0x2022,
    } - {0x0387, 0x038B, 0x038D, 0x03A2, 0x0487}  # fmt: skip
    maps = []
    for path in SHIPPED_FONTS:
        font = TTFont(path)
        maps.append(set(font.getBestCmap()))
        assert "fpgm" not in font, path.name  # no hinting: smaller, and a PDF has no use
        assert "prep" not in font, path.name
        assert path.stat().st_size < 300_000, path.name
        assert font["name"].getDebugName(1) == "Lato"
        assert font["name"].getDebugName(5).startswith("Version 2.")
    assert all(cmap == maps[0] for cmap in maps)
    assert not wanted - maps[0], sorted(hex(code) for code in wanted - maps[0])
    css = (pdf.THEME_DIR / "static" / "cv-print.css").read_text(encoding="utf-8")
    assert "unicode-range" not in css
    sources = re.findall(r'url\("fonts/([^"]+)"\)', css)
    assert sorted(sources) == [path.name for path in SHIPPED_FONTS]


def test_fontcoverage_does_not_import_sphinx() -> None:
    code = (
        "import sys, sphinx_cv.pdf.fonts;"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sphinx', 'docutils'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# -- A website's build with cv_pdf_with_site -----------------------------------------------


def test_a_site_rebuild_with_no_change_does_nothing_for_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing read, nothing assembled, nothing laid out, the PDF not touched; what changes
    the PDF (a page's text, a setting) lays it out again, and what the PDF does not show (a
    paragraph for the website only) does not."""
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", src)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("cv_pdf_with_site = True\n")
    calls: list[str] = []
    assemble, worker_start = pdf.CVPDFBuilder.assemble_doctree, pdflayout.LayoutWorker.start

    def assembling(self: pdf.CVPDFBuilder) -> Any:
        calls.append("assemble")
        return assemble(self)

    def laying_out(self: pdflayout.LayoutWorker, jobs: list[Any]) -> None:
        calls.extend(["lay out"] * len(jobs))
        worker_start(self, jobs)

    def laying_out_here(**job: Any) -> Any:
        calls.append("lay out")
        return pdflayout.lay_out(**job)

    monkeypatch.setattr(pdf.CVPDFBuilder, "assemble_doctree", assembling)
    monkeypatch.setattr(pdflayout.LayoutWorker, "start", laying_out)
    monkeypatch.setattr(pdf, "lay_out", laying_out_here)
    out = src / "_build"
    target = out / "Site-CV.pdf"

    def build(*args: str) -> tuple[list[str], int]:
        calls.clear()
        assert sphinx_build(src, *args, epoch=SOURCE_DATE_EPOCH) == (0, "")
        return list(calls), target.stat().st_mtime_ns

    first = build()
    assert first[0] == ["assemble", "lay out"]
    assert build() == ([], first[1])

    jobs = src / "jobs.md"
    jobs.write_text(jobs.read_text().replace("Initech", "Initrode"), encoding="utf-8")
    edited = build()
    assert edited[0] == ["assemble", "lay out"]
    assert edited[1] != first[1]
    assert "Initrode" in squeezed(drawn(target)[0])

    school = src / "school.md"
    school.write_text(school.read_text() + "\n```{only} not cvpdf\nWebsite only.\n```\n")
    assert build() == (["assemble"], edited[1])

    a4 = build("-D", "cv_pdf_paper=a4")
    assert a4[0] == ["assemble", "lay out"]
    with pikepdf.open(target) as document:
        assert [round(float(n)) for n in document.pages[0].MediaBox[2:]] == [595, 842]
