"""``sphinx-cv check-pdf``: this repository's PDFs pass every check; PDFs that miss tags,
fonts, character maps, metadata or whole words fail the check concerned, say what to do and
exit 1; a file that is not a PDF is one line and exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
import weasyprint
from conftest import build_cv
from sphinx_cv.cli.checkpdf import Finding, check_pdf
from sphinx_cv.cli.main import main

EVERY_CHECK = [
    "tagged",
    "pdfua",
    "headings",
    "images",
    "language",
    "metadata",
    "display-title",
    "outline",
    "reading-order",
    "fonts-embedded",
    "fonts-unicode",
    "text",
    "ligatures",
    "hyphenation",
    "links",
]

#: A small CV page: a name, a section, a paragraph with addresses, a list.
PAGE = """<html lang="{lang}"><head><title>Jo Doe — CV</title>
<meta name="author" content="Jo Doe"><meta name="description" content="Jo's CV">
<meta name="keywords" content="cv"><meta name="generator" content="test">
<style>{style}</style></head>
<body><h1>Jo Doe</h1><h2>Work</h2>
<p>Write to <a href="mailto:jo.doe@example.org">jo.doe@example.org</a> or see
<a href="https://example.org/jo">example.org/jo</a>. {body}</p>
<ul><li>Efficient</li><li>Thorough</li></ul></body></html>"""


def render(out: Path, body: str = "", style: str = "", lang: str = "en", ua: bool = True) -> Path:
    html = PAGE.format(body=body, style=style, lang=lang)
    weasyprint.HTML(string=html).write_pdf(out, pdf_variant="pdf/ua-1" if ua else None)
    return out


def checks(path: Path) -> dict[str, Finding]:
    return {finding.check: finding for finding in check_pdf(path)}


def failed(path: Path) -> list[str]:
    return [finding.check for finding in check_pdf(path) if not finding.ok]


@pytest.fixture(scope="module")
def cv_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("check") / "pdf"
    assert build_cv(out, builder="cvpdf") == (0, "")
    return sorted(out.glob("*.pdf"))


def test_this_repositorys_pdfs_pass_every_check(
    cv_pdfs: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(cv_pdfs) == 2
    assert main(["check-pdf", *map(str, cv_pdfs)]) == 0
    out = capsys.readouterr().out
    assert "✗" not in out
    assert out.count("All 15 checks pass.") == 2
    full = checks(next(pdf for pdf in cv_pdfs if pdf.name.endswith("-CV.pdf")))
    assert list(full) == EVERY_CHECK
    assert "1 H1, 5 H2" in full["headings"].said
    assert full["language"].said == "Language: en"
    # The bookmarks are listed, sections indented under the name.
    assert {"Xingyao Wang", "  Education", "  Experience", "  Publications"} <= {
        entry.rstrip() for entry in full["outline"].details
    }
    assert "Lato" in full["fonts-embedded"].details


def test_an_untagged_pdf_fails_the_tag_checks_and_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = render(tmp_path / "plain.pdf", ua=False)
    assert main(["check-pdf", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert "✗ Not tagged (no structure tree)" in out
    assert "write a tagged PDF" in out
    assert "checks fail." in out
    assert {"tagged", "pdfua", "display-title"} <= set(failed(pdf))
    # What cannot be read from an untagged PDF is not reported as read.
    assert "headings" not in checks(pdf)
    # The same page tagged passes them.
    tagged = checks(render(tmp_path / "tagged.pdf"))
    assert tagged["tagged"].ok
    assert tagged["pdfua"].ok
    assert tagged["display-title"].ok
    assert tagged["headings"].ok, tagged["headings"]


def test_fonts_neither_embedded_nor_mapped_to_characters_are_named(
    tmp_path: Path, cv_pdfs: list[Path]
) -> None:
    crafted = tmp_path / "fonts.pdf"
    with pikepdf.open(cv_pdfs[0]) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            if str(font.BaseFont).endswith("+Lato"):
                del font.ToUnicode
                del font.DescendantFonts[0].FontDescriptor.FontFile2
        pdf.save(crafted)
    found = checks(crafted)
    assert not found["fonts-embedded"].ok
    assert found["fonts-embedded"].details == ("Lato",)
    assert "embed every font" in found["fonts-embedded"].todo
    assert not found["fonts-unicode"].ok
    assert found["fonts-unicode"].details == ("Lato",)
    assert found["metadata"].ok


def test_text_that_extracts_wrong_is_reported(tmp_path: Path) -> None:
    clean = render(tmp_path / "clean.pdf")
    assert failed(clean) == []
    # A ligature character, a word hyphenated at a line's end, an address broken across lines.
    narrow = "p { width: 7em; hyphens: auto; overflow-wrap: anywhere }"
    bad = render(tmp_path / "bad.pdf", "An o\ufb03ce. Responsibilities.", narrow)
    found = checks(bad)
    assert "o\ufb03ce." in found["ligatures"].details
    assert not found["hyphenation"].ok
    assert any("\u2010" in word for word in found["hyphenation"].details)
    assert not found["links"].ok
    assert "jo.doe@example.org" in found["links"].details


def test_images_without_alternative_text(tmp_path: Path) -> None:
    photo = tmp_path / "photo.svg"
    photo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')
    with_alt = render(tmp_path / "alt.pdf", f'<img src="{photo.as_uri()}" alt="Jo, smiling">')
    without = render(tmp_path / "none.pdf", f'<img src="{photo.as_uri()}" alt="">')
    assert checks(with_alt)["images"].said.startswith("Images: 1 image, all with alternative text")
    assert not checks(without)["images"].ok
    assert "1 of 1 image without alternative text" in checks(without)["images"].said


def test_language_must_be_a_bcp47_tag(tmp_path: Path) -> None:
    found = checks(render(tmp_path / "zh.pdf", lang="zh_CN"))["language"]
    assert not found.ok
    assert "'zh-CN'" in found.todo
    assert checks(render(tmp_path / "fr.pdf", lang="fr-CA"))["language"].ok


def test_metadata_unlike_the_xmp_and_bookmarks_out_of_order(
    tmp_path: Path, cv_pdfs: list[Path]
) -> None:
    crafted = tmp_path / "meta.pdf"
    with pikepdf.open(cv_pdfs[0]) as pdf:
        pdf.docinfo["/Title"] = "Someone Else"
        with pdf.open_outline() as outline:
            sections = outline.root[0].children
            sections[0], sections[1] = sections[1], sections[0]
        pdf.save(crafted)
    found = checks(crafted)
    assert not found["metadata"].ok
    assert any(
        p.startswith("Title: 'Someone Else', but the XMP") for p in found["metadata"].details
    )
    assert not found["reading-order"].ok
    assert found["reading-order"].details  # the headings that came out of order


def test_a_file_that_is_not_a_pdf_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.pdf"
    notes.write_text("not a PDF at all")
    assert main(["check-pdf", str(notes), str(tmp_path / "missing.pdf")]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines == [
        f"sphinx-cv check-pdf: {notes} is not a readable PDF (" + lines[0].split("(", 1)[1],
        f"sphinx-cv check-pdf: {tmp_path / 'missing.pdf'}: no such file or directory",
    ]
    assert "Traceback" not in captured.err + captured.out


def test_json_for_ci(
    tmp_path: Path, cv_pdfs: list[Path], capsys: pytest.CaptureFixture[str]
) -> None:
    plain = render(tmp_path / "plain.pdf", ua=False)
    assert main(["check-pdf", "--json", str(cv_pdfs[0]), str(plain)]) == 1
    reports = json.loads(capsys.readouterr().out)
    assert [(Path(r["file"]).name, r["ok"]) for r in reports] == [
        (cv_pdfs[0].name, True),
        ("plain.pdf", False),
    ]
    assert [f["check"] for f in reports[0]["findings"]] == EVERY_CHECK
    tagged = reports[1]["findings"][0]
    assert (tagged["check"], tagged["ok"]) == ("tagged", False)
    assert "write a tagged PDF" in tagged["todo"]


def test_a_pdf_with_odd_values_where_dictionaries_belong_is_checked_not_crashed(
    tmp_path: Path,
) -> None:
    odd = tmp_path / "odd.pdf"
    with pikepdf.open(render(tmp_path / "page.pdf")) as pdf:
        pdf.Root.MarkInfo = pikepdf.Array([1])
        pdf.Root.ViewerPreferences = 5
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Array()
        pdf.pages[0].Resources.Font = pikepdf.Array([3])
        pdf.pages[0].obj.Annots = pikepdf.Dictionary(A=7)
        pdf.save(odd)
    found = checks(odd)
    assert not found["tagged"].ok  # MarkInfo is no dictionary: not marked
    assert not found["display-title"].ok
    assert found["fonts-embedded"].said == "Fonts: 0 fonts, all embedded"
    assert found["links"].said == "Links: none"
