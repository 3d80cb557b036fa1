"""What a reader sees of a listed publication, in each builder: one entry with every part
(thumbnail, number, badge, reference with its marks, award, links to addresses and to a file
of the project, abstract, BibTeX) and one that is its reference alone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOTS, sphinx_build

ASSETS = ROOTS / "test-alfolio" / "assets"
PREVIEW, PDF = ASSETS / "img" / "publication_preview" / "fast.png", ASSETS / "pdf" / "fast.pdf"
CONF = """\
extensions = ["myst_parser", "sphinx_cv"]
project = "P"
cv_bibfiles = ["refs.bib"]
cv_owner = ["Doe, Jane"]
cv_cite_style = "numeric"
"""
BIB = r"""
@inproceedings{full,
  abbr = {NeurIPS},
  award = {Best <paper> & more},
  title = {Fast \emph{Things} and $h^{q}$},
  author = {Doe, Jane and Roe, Rick},
  booktitle = {Proceedings of Examples},
  year = {2024},
  note = {See \url{https://example.org/note}},
  url = {https://example.org/paper?a=1&b=2},
  pdf = {fast.pdf},
  code = {https://github.com/example/fast},
  preview = {fast.png},
  abstract = {We make <things> fast & "safe".},
}

@misc{plain,
  title = {Plain Thing},
  author = {Roe, Rick},
  year = {2020},
}
"""
INDEX = """\
# Publications

```{publications}
:group: none
```

Cited: {cite}`full`.

```{toctree}
:hidden:

alone
```
"""
#: A list whose entries are their reference alone.
ALONE = "# Alone\n\n```{publications}\n:type: misc\n:no-links:\n:bibtex: none\n```\n"
ABSTRACT = 'We make <things> fast & "safe".'


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    src = tmp_path_factory.mktemp("entry")
    (src / "conf.py").write_text(CONF)
    (src / "refs.bib").write_text(BIB)
    (src / "index.md").write_text(INDEX)
    (src / "alone.md").write_text(ALONE)
    shutil.copy(PDF, src)
    shutil.copy(PREVIEW, src)
    outputs = {}
    for builder in ("html", "text", "latex", "pseudoxml"):
        out = src / "_build" / builder
        assert sphinx_build(src, builder=builder, out=out) == (0, "")
        outputs[builder] = out
    outputs["src"] = src
    return outputs


def page(built: dict[str, Path], name: str = "index") -> BeautifulSoup:
    return BeautifulSoup(
        (built["html"] / f"{name}.html").read_text(encoding="utf-8"), "html.parser"
    )


def entry(built: dict[str, Path], key: str) -> Tag:
    found = page(built).select_one(f".cv-publication-list > li#{key}")
    assert found is not None
    return found


def words(tag: Tag) -> str:
    return " ".join(tag.get_text().split())


def test_an_entry_shows_its_parts_in_order(built: dict[str, Path]) -> None:
    parts = [
        f"{child.name}.{'.'.join(child.get('class', []))}"
        for child in entry(built, "full").children
        if isinstance(child, Tag)
    ]
    assert parts == [
        "img.cv-pub-preview", "p.cv-pub-text", "p.cv-pub-award", "p.cv-pub-links",
        "details.cv-abstract.cv-details", "details.cv-bibtex-details.cv-details",
    ]  # fmt: skip
    image = entry(built, "full").img
    assert image["alt"] == "Fast Things and h^q"
    assert (built["html"] / image["src"]).read_bytes() == PREVIEW.read_bytes()


def test_the_reference_line(built: dict[str, Path]) -> None:
    line = entry(built, "full").select_one(".cv-pub-text")
    assert words(line) == (
        "[1] NeurIPS Jane Doe and Rick Roe. Fast Things and hq. In Proceedings of Examples. "
        "2024. See https://example.org/note."
    )
    assert line.select_one(".cv-pub-badge").get_text() == "NeurIPS"
    assert [s.get_text() for s in line.select("strong.cv-owner")] == ["Jane Doe"]
    title = line.select_one(".cv-pub-title")
    assert (title.em.get_text(), title.sup.get_text()) == ("Things", "q")
    assert line.select_one("a")["href"] == "https://example.org/note"
    assert words(entry(built, "plain").select_one(".cv-pub-text")) == (
        "[2] Rick Roe. Plain Thing. 2020."
    )
    # The citation shows the number the entry shows, and leads to it.
    cite = page(built).select_one(".cv-cite a")
    assert (cite.get_text(), cite["href"]) == ("1", "#full")


def test_the_links_row(built: dict[str, Path]) -> None:
    row = entry(built, "full").select_one(".cv-pub-links")
    assert words(row) == "Publisher · PDF · Code"
    links = [(a.get_text(), a["class"], a["href"]) for a in row.select("a")]
    assert links[0] == ("Publisher", ["cv-pub-link", "cv-pub-url", "reference", "external"],
                        "https://example.org/paper?a=1&b=2")  # fmt: skip
    assert links[2] == ("Code", ["cv-pub-link", "cv-pub-code", "reference", "external"],
                        "https://github.com/example/fast")  # fmt: skip
    label, classes, href = links[1]
    assert (label, classes[:2]) == ("PDF", ["cv-pub-link", "cv-pub-pdf"])
    assert (built["html"] / href).read_bytes() == PDF.read_bytes()


def test_abstract_and_bibtex_open_under_the_entry(built: dict[str, Path]) -> None:
    abstract, bibtex = entry(built, "full").select("details")
    assert abstract.summary.get_text() == "Abstract"
    assert abstract.p.get_text() == ABSTRACT
    assert bibtex.summary.get_text() == "BibTeX"
    assert bibtex.pre["class"] == ["cv-bibtex", "notranslate"]
    record = bibtex.pre.get_text()
    assert record.startswith("@inproceedings{full,\n")
    assert "  url = {https://example.org/paper?a=1&b=2},\n" in record
    assert "abstract" not in record  # shown above it already


def test_what_the_bib_says_stays_text(built: dict[str, Path]) -> None:
    html = (built["html"] / "index.html").read_text(encoding="utf-8")
    assert "<things>" not in html
    assert "<paper>" not in html
    assert entry(built, "full").select_one(".cv-pub-award").get_text() == "Best <paper> & more"


def test_a_list_of_references_alone_is_compact(built: dict[str, Path]) -> None:
    (listing,) = page(built, "alone").select(".cv-publication-list")
    assert listing["class"] == ["cv-publication-list", "simple"]
    assert [words(li) for li in listing.select("li")] == ["[2] Rick Roe. Plain Thing. 2020."]
    assert page(built).select_one(".cv-publication-list")["class"] == ["cv-publication-list"]


def in_order(text: str, *pieces: str) -> None:
    """Each of ``pieces`` is in ``text``, one after the other."""
    at = 0
    for piece in pieces:
        found = text.find(piece, at)
        assert found >= 0, f"{piece!r} not after position {at} in:\n{text}"
        at = found + len(piece)


def test_text_output(built: dict[str, Path]) -> None:
    text = " ".join((built["text"] / "index.txt").read_text(encoding="utf-8").split())
    in_order(
        text,
        "[image: Fast Things and h^q]",
        "[1] NeurIPS **Jane Doe** and Rick Roe. Fast *Things* and h^q. In *Proceedings of "
        "Examples*. 2024. See https://example.org/note.",
        "Best <paper> & more",
        "Publisher · PDF · Code",
        f"**Abstract** {ABSTRACT}",
        "**BibTeX** @inproceedings{full,",
        "[2] Rick Roe. Plain Thing. 2020.",
    )


def test_latex_output(built: dict[str, Path]) -> None:
    (tex,) = built["latex"].glob("*.tex")
    latex = tex.read_text(encoding="utf-8")
    in_order(
        latex,
        r"\label{\detokenize{index:full}}",
        r"{[}1{]} \DUrole{cv-pub-badge}{NeurIPS} \sphinxstylestrong{Jane Doe} and Rick Roe.",
        r"\sphinxstyleemphasis{Things}",
        r"Best \textless{}paper\textgreater{} \& more",
        r"\sphinxhref{https://example.org/paper?a=1\&b=2}{Publisher} · ",
        r"\sphinxhref{https://github.com/example/fast}{Code}",
        r"\sphinxstylestrong{Abstract}",
        r"We make \textless{}things\textgreater{} fast \&",
        r"\sphinxstylestrong{BibTeX}",
        r"\begin{sphinxVerbatim}",
        r"\end{sphinxVerbatim}",
        r"\hyperref[\detokenize{index:full}]",  # the citation
    )


def test_builders_that_read_the_doctree_see_docutils_nodes(built: dict[str, Path]) -> None:
    """xml, pseudoxml and linkcheck: the entry's links are ordinary references."""
    tree = (built["pseudoxml"] / "index.pseudoxml").read_text(encoding="utf-8")
    assert not re.search(r"<cv_", tree)
    assert (
        '<reference classes="cv-pub-link cv-pub-url" refuri="https://example.org/paper?a=1&b=2">'
        in tree
    )
    assert '<reference refuri="https://example.org/note">' in tree
