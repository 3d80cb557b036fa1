"""Every output right: this CV in every Sphinx builder with -W, and citations that link
inside singlehtml, the PDF and LaTeX."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, sphinx_build
from pypdf import PdfReader

BUILDERS = ["html", "dirhtml", "singlehtml", "cvpdf", "latex", "text", "man", "texinfo", "epub"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_builder_builds_this_cv_without_a_warning(
    tmp_path: Path, cv_build: dict[str, Path], builder: str
) -> None:
    out = tmp_path / builder
    status, err = sphinx_build(
        REPO / "docs", "-n", "-d", str(tmp_path / "doctrees"),
        builder=builder, out=out, epoch="1598918400",
    )  # fmt: skip
    assert (status, err) == (0, "")
    if builder == "singlehtml":
        page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
        ids = [node["id"] for node in page.select("[id]")]
        assert len(ids) == len(set(ids)), "duplicate ids"
        for link in page.select('a[href^="#"]:not([href="#"])'):
            assert link["href"][1:] in ids, link["href"]  # no dead in-page link
        cite = page.select_one("span.cv-cite a")
        assert cite["href"] == "#wang2020lane"
    if builder == "latex":
        tex = next(out.glob("*.tex")).read_text(encoding="utf-8")
        assert r"\hyperref[\detokenize{publications:wang2020lane}]" in tex
        assert r"\label{\detokenize{publications:wang2020lane}}" in tex
    if builder == "cvpdf":
        reader = PdfReader(next(out.glob("*.pdf")))
        names = set(reader.named_destinations)
        internal = [
            str(annot.get_object()["/Dest"])
            for page in reader.pages
            for annot in page.get("/Annots") or []
            if "/Dest" in annot.get_object()
        ]
        assert "wang2020lane" in internal  # the home page's citation jumps to the paper
        assert set(internal) <= names  # every in-document link resolves


Root = Callable[..., Path]


TOCTREE = "\n```{toctree}\n:hidden:\n\nother\nplain\n```\n"


def test_an_entry_listed_twice_has_one_canonical_anchor(copy_root: Root) -> None:
    twice = "# P\n\n```{publications}\n```\n\n## Again\n\n```{publications}\n:selected:\n```\n"
    src = copy_root("publications", index__md=twice + TOCTREE)
    (src / "other.md").write_text("# Other\n\n{cite}`doe2020fast`\n")
    status, err = sphinx_build(src, builder="singlehtml")
    assert (status, err) == (0, "")
    page = BeautifulSoup((src / "_build" / "index.html").read_text(), "html.parser")
    ids = [node["id"] for node in page.select("[id]")]
    assert len(ids) == len(set(ids))
    assert ids.count("doe2020fast") == 1
    assert "doe2020fast-2" in ids
    assert page.select_one("span.cv-cite a")["href"] == "#doe2020fast"


WEB_ONLY = "# P\n\n````{only} not cvpdf\n```{publications}\n```\n````\n"
CONF = (
    'extensions = ["myst_parser", "sphinx_cv"]\ncv_bibfiles = ["refs.bib"]\n'
    'html_baseurl = "https://jane.example.org/"\n'
)


def test_pdf_cites_an_entry_it_leaves_out_on_the_website(copy_root: Root) -> None:
    src = copy_root(
        "publications",
        index__md=WEB_ONLY + TOCTREE,
        other__md="# Other\n\nSee {cite}`doe2020fast`.\n",
        conf__py=CONF,
    )
    status, err = sphinx_build(src, builder="cvpdf", out=src / "_build" / "pdf")
    assert (status, err) == (0, "")
    reader = PdfReader(next((src / "_build" / "pdf").glob("*.pdf")))
    uris = [
        str(annot.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annot in page.get("/Annots") or []
        if "/A" in annot.get_object()
    ]
    assert "https://jane.example.org/index.html#doe2020fast" in uris
    assert not any(re.match(r"^#|^file:", uri) for uri in uris)
