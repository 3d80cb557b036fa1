"""The PDF on the website: its file name in any script, the folder it is found in, what
is said when it is missing, and a PDF build that runs none of a website's extras."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, sphinx_build
from sphinx.testing.util import SphinxTestApp

CONF = 'extensions = ["myst_parser", "sphinx_cv"]\nproject = {name!r}\n{extra}\n'


def project(tmp_path: Path, name: str, extra: str = "") -> Path:
    src = tmp_path / "cv"
    shutil.copytree(ROOTS / "test-minimal", src)
    (src / "index.md").write_text("# CV\n\n{cv-pdf}`PDF`\n")
    (src / "conf.py").write_text(CONF.format(name=name, extra=extra))
    return src


@pytest.mark.parametrize(
    ("name", "filename"),
    [
        ("Elena Marchetti-Núñez", "Elena-Marchetti-Nunez-CV.pdf"),
        ("王星尧", "WangXingYao-CV.pdf"),
        ("Ólafur Arnalds", "Olafur-Arnalds-CV.pdf"),
    ],
)
def test_non_ascii_name_gives_an_ascii_pdf_the_site_links_to(
    tmp_path: Path, name: str, filename: str
) -> None:
    src = project(tmp_path, name, 'cv_pdf_download = "_build/pdf"')
    status, err = sphinx_build(src, builder="cvpdf", out=src / "_build" / "pdf")
    assert (status, err) == (0, "")
    assert [p.name for p in (src / "_build" / "pdf").glob("[!.]*.pdf")] == [filename]
    assert sphinx_build(src, out=src / "_build" / "html") == (0, "")
    page = BeautifulSoup((src / "_build" / "html" / "index.html").read_text(), "html.parser")
    assert page.select_one("a.cv-pdf-link")["href"] == filename
    assert (src / "_build" / "html" / filename).is_file()


def test_a_missing_pdf_names_what_was_expected_and_what_is_there(tmp_path: Path) -> None:
    src = project(tmp_path, "Jane Doe", 'cv_pdf_download = "out"')
    (src / "out").mkdir()
    (src / "out" / "old.pdf").write_bytes(b"%PDF-1.4\n")
    (src / "out" / "other.pdf").write_bytes(b"%PDF-1.4\n")
    status, err = sphinx_build(src)
    assert status == 1
    assert (
        f"cv_pdf_download: expected {src / 'out' / 'Jane-Doe-CV.pdf'}, which does not exist" in err
    )
    assert "the PDFs there are old.pdf, other.pdf: set cv_pdf_download to one of them" in err


def test_no_pdf_at_all(tmp_path: Path) -> None:
    src = project(tmp_path, "Jane Doe", 'cv_pdf_download = "out/cv.pdf"')
    status, err = sphinx_build(src)
    assert status == 1
    assert f"there is no PDF in {src / 'out'}: build it first (sphinx-build -b cvpdf" in err


def test_the_pdf_page_is_no_website_page(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    extra = (
        'extensions += ["sphinx_sitemap", "sphinxext.opengraph"]\n'
        'html_baseurl = "https://example.org/"\nogp_site_url = html_baseurl\n'
    )
    src = project(tmp_path, "Jane Doe", extra)
    (src / "index.md").write_text("# CV\n\nJane Doe, engineer.\n")
    app = make_app("cvpdf", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    # Its page is no website page: sphinx-sitemap is told of none, so writes nothing.
    assert "sphinx-sitemap: No pages generated" in app.status.getvalue()
    written = sorted(p.name for p in Path(app.builder.pdf_outdir).glob("[!.]*"))
    assert written == [f"Jane-Doe-CV.{suffix}" for suffix in ("docx", "md", "pdf", "txt")]
    html = next(Path(app.doctreedir).rglob("index.html")).read_text()
    assert 'property="og:' not in html
    assert not list(Path(app.doctreedir).rglob("sitemap.xml"))
