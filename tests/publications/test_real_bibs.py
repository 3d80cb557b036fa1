"""The publications engine on .bib files that people wrote for their own use.

``../shared/bibs/`` (beside the repository; see its README for the sources) holds
al-folio's example, BibTeX's ``xampl.bib``, biblatex's example file and
sphinxcontrib-bibtex's test file, used as they are. Each one builds; every entry
is listed with its first author and year when the file gives them (after
``crossref``); no LaTeX command is left in the text or the JSON-LD; arXiv entries
link to arXiv; and the warnings are exactly the real problems of each file.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, ROOTS, sphinx_build
from pybtex.database import parse_string

BIBS = REPO.parent / "shared" / "bibs"
FILES = sorted(p.name for p in BIBS.glob("*.bib")) if BIBS.is_dir() else []

#: The real problems of each file, as warnings (file:line aside).
EXPECTED_WARNINGS = {
    "al-folio-papers.bib": [
        "entry 'PhysRev.47.777': pdf 'example_pdf.pdf' is not a file",
        "entry 'einstein1956investigations': preview 'brownian-motion.gif' is not a file",
        "entry 'przibram1967letters': preview 'wave-mechanics.gif' is not a file",
        "entry 'einstein1905electrodynamics': @article needs the field journal",
    ],
    "biblatex-examples.bib": ["entry 'vizedom:related': @book needs the field author"],
    "scb-test-sphinx.bib": [],
    "xampl.bib": ["entry 'whole-journal': @article needs the fields author and title"],
}


def build(tmp_path: Path, name: str) -> tuple[int, str, BeautifulSoup]:
    src = tmp_path / "project"
    shutil.copytree(ROOTS / "test-bib", src)
    shutil.copyfile(BIBS / name, src / "refs.bib")
    status, err = sphinx_build(src)
    html = (src / "_build" / "index.html").read_text(encoding="utf-8")
    return status, err, BeautifulSoup(html, "html.parser")


def expected_entries(name: str) -> dict[str, tuple[str, str]]:
    """Each listed entry's first author's last name and year, found with pybtex alone,
    following ``crossref`` as BibTeX does."""
    data = parse_string((BIBS / name).read_text(encoding="utf-8"), "bibtex")
    by_key = {k.casefold(): e for k, e in data.entries.items()}
    out = {}
    for key, entry in data.entries.items():
        if entry.type in {"set", "xdata"}:
            continue
        chain = [entry]
        parent = by_key.get(entry.fields.get("crossref", "").casefold())
        if parent is not None:
            chain.append(parent)
        people = next((e.persons.get(r) for e in chain for r in ("author", "editor")
                       if e.persons.get(r)), None)  # fmt: skip
        last = people[0].last_names[-1] if people else ""
        dated = " ".join(e.fields.get("year", "") or e.fields.get("date", "") for e in chain)
        year = re.search(
            r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", re.sub(r"\\noopsort\{[^}]*\}", "", dated)
        )
        out[key] = (fold(codecs.decode(last, "ulatex")), year.group(1) if year else "")
    return out


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def fold(text: str) -> str:
    """Letters only, without accents, lower case: Åström → astrom."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def test_the_real_bibliographies_are_there() -> None:
    """CI has ``shared/`` beside the clone; elsewhere the file tests skip without it."""
    if not FILES and os.environ.get("CI") != "true":
        pytest.skip("../shared/bibs/ is not beside this repository")
    assert sorted(EXPECTED_WARNINGS) == FILES


@pytest.mark.skipif(not FILES, reason="../shared/bibs/ is not beside this repository")
@pytest.mark.parametrize("name", FILES)
def test_real_bibliography(tmp_path: Path, name: str) -> None:
    status, err, page = build(tmp_path, name)
    assert "Traceback" not in err
    warnings = [line for line in err.splitlines() if "WARNING" in line or "ERROR" in line]
    expected = EXPECTED_WARNINGS[name]
    assert len(warnings) == len(expected), "\n".join(warnings)
    for message in expected:
        assert any(message in line for line in warnings), message
    assert status == (1 if expected else 0)

    items = {
        li["cv-key"] if li.has_attr("cv-key") else li["id"]: li
        for li in page.select(".cv-publication-list > li")
    }
    entries = expected_entries(name)
    assert len(items) == len(entries)  # every entry listed, @set and @xdata excepted
    for key, (last, year) in entries.items():
        li = page.find("li", id=re.sub(r"[^a-z0-9_-]+", "-", key.lower()).strip("-"))
        assert li is not None, key
        text = squash(li.select_one(".cv-pub-text").get_text())
        assert "\\" not in text, (key, text)  # no LaTeX command left
        if last:
            assert last in fold(text), (key, last, text)
        if year:
            assert year in text, (key, text)

    data = parse_string((BIBS / name).read_text(encoding="utf-8"), "bibtex")
    for key, entry in data.entries.items():
        scheme = entry.fields.get("eprinttype") or entry.fields.get("archivePrefix") or ""
        arxiv = entry.fields.get("eprint") if scheme.lower() == "arxiv" else None
        if arxiv:
            li = page.find("li", id=re.sub(r"[^a-z0-9_-]+", "-", key.lower()).strip("-"))
            assert li.find("a", href=f"https://arxiv.org/abs/{arxiv}"), key

    for script in page.select('script[type="application/ld+json"]'):
        data = script.string or ""
        assert "\\\\" not in data  # no LaTeX in headlines or names
        json.loads(data)


def test_an_al_folio_bibliography_moves_over(tmp_path: Path) -> None:
    """al-folio's layout (``_bibliography/papers.bib``, ``assets/pdf``, ``assets/img/
    publication_preview``) and fields work as its users expect."""
    root = tmp_path / "site"
    shutil.copytree(ROOTS / "test-alfolio", root)
    assert sphinx_build(root / "docs") == (0, "")
    out = root / "docs" / "_build"
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    fast = page.find("li", id="doe2024fast")
    assert fast.select_one(".cv-pub-badge").get_text() == "NeurIPS"
    assert fast.select_one(".cv-pub-award").get_text() == "Oral presentation"
    preview = fast.select_one("img.cv-pub-preview")
    assert (preview["alt"], (out / preview["src"]).is_file()) == ("Fast Things", True)
    links = {a.get_text(): a["href"] for a in fast.select(".cv-pub-links a")}
    assert links["arXiv:2403.01234"] == "https://arxiv.org/abs/2403.01234"
    assert links["HTML"] == "https://example.org/fast"
    assert (out / links["PDF"]).read_bytes().startswith(b"%PDF")
    # :bibtex: marked shows the block of bibtex_show entries only, without al-folio's fields.
    block = fast.select_one("pre.cv-bibtex").get_text()
    assert block.endswith("  arxiv={2403.01234},\n}")
    assert not re.search(r"abbr|award|preview|altmetric|dimensions|selected|pdf=", block)
    assert page.find("li", id="doe2023slow").select_one("pre.cv-bibtex") is None
    # JSON-LD: the arXiv identifier; no Person, since conf.py names nobody.
    found: list[dict[str, object]] = []
    for script in page.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        found.extend(data.get("@graph", [data]))
    assert [d["@type"] for d in found] == ["ScholarlyArticle", "ScholarlyArticle"]
    fast_data = next(d for d in found if d["headline"] == "Fast Things")
    assert fast_data["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "arXiv",
        "value": "2403.01234",
    }
    assert "https://arxiv.org/abs/2403.01234" in fast_data["sameAs"]


def test_no_person_without_a_name(tmp_path: Path) -> None:
    src = tmp_path / "p"
    shutil.copytree(ROOTS / "test-minimal", src)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_cv"]\nhtml_baseurl = "https://ex.org/"\n'
    )
    assert sphinx_build(src) == (0, "")
    assert '"Person"' not in (src / "_build" / "index.html").read_text()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_cv"]\nauthor = "Jane Doe"\n'
        'html_baseurl = "https://ex.org/"\n'
    )
    assert sphinx_build(src, "-E") == (0, "")
    assert '"@type":"Person","name":"Jane Doe"' in (src / "_build" / "index.html").read_text()


def test_a_missing_project_file_shows_once_it_is_added(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(ROOTS / "test-alfolio", root)
    image = root / "assets" / "img" / "publication_preview" / "fast.png"
    saved = image.read_bytes()
    image.unlink()
    status, err = sphinx_build(root / "docs")
    assert status == 1
    assert "entry 'doe2024fast': preview 'fast.png' is not a file" in err
    image.write_bytes(saved)
    assert sphinx_build(root / "docs") == (0, "")  # incremental: the page is read again
    assert "cv-pub-preview" in (root / "docs" / "_build" / "index.html").read_text()
