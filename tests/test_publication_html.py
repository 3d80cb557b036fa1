"""HTML writes each listed publication directly; it must be what Sphinx's HTML translator
writes for the publication's docutils nodes (what every other builder gets), on every
entry of the real .bib files, this CV's and a synthetic file, numbered or not."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOTS, sphinx_build
from sphinx_cv.publications.html import ExpandPublications
from test_real_bibs import BIBS, FILES

sys.path.insert(0, str(Path(__file__).parent / "bench"))
from synth import synthetic_bib

CV_BIB = Path(__file__).parent.parent / "bib" / "publications.bib"
ALFOLIO = ROOTS / "test-alfolio" / "_bibliography" / "papers.bib"  # badges, awards
SOURCES = [*FILES, "this CV", "al-folio test root", "synthetic"]
LISTING = re.compile(r'<div class="cv-publications.*?</div>', re.DOTALL)


def bib_text(name: str) -> str:
    if name == "this CV":
        return CV_BIB.read_text(encoding="utf-8")
    if name == "al-folio test root":
        return ALFOLIO.read_text(encoding="utf-8")
    if name == "synthetic":
        return synthetic_bib(300, seed=7)
    return (BIBS / name).read_text(encoding="utf-8")


def listing(src: Path, *args: str) -> str:
    sphinx_build(src, "-D", "cv_details_inline_max=100000", *args)  # real files warn
    page = (src / "_build" / "index.html").read_text(encoding="utf-8")
    found = LISTING.search(page)
    assert found is not None
    return found.group(0)


#: Citation style, and the listing's options: everything, or the reference alone (then
#: docutils makes the list compact, unless an entry has an award).
VARIANTS = {
    "author-year": ("author-year", ""),
    "numeric": ("numeric", ""),
    "text alone": ("author-year", ":no-links:\n:no-abstracts:\n:bibtex: none\n"),
}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", SOURCES)
def test_direct_html_is_what_the_translator_writes(
    tmp_path: Path, name: str, variant: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    style, options = VARIANTS[variant]
    src = tmp_path / "project"
    shutil.copytree(ROOTS / "test-bib", src)
    (src / "refs.bib").write_text(bib_text(name), encoding="utf-8")
    (src / "index.md").write_text(f"# Publications\n\n```{{publications}}\n{options}```\n")
    direct = listing(src, "-D", f"cv_cite_style={style}")
    shutil.rmtree(src / "_build")
    monkeypatch.setattr(ExpandPublications, "is_supported", lambda self: True)
    translated = listing(src, "-D", f"cv_cite_style={style}")
    assert direct.count("<li ") >= {"this CV": 1, "synthetic": 300}.get(name, 2)
    assert direct == translated
