"""The publications directive and the cite role through real Sphinx builds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sphinx_cv.publications.bibcache
from bs4 import BeautifulSoup
from conftest import OLD_MYST, myst_words, sphinx_build
from sphinx.testing.util import SphinxTestApp
from sphinx_cv.domain import cv_domain

Root = Callable[..., Path]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def keys_in(page: BeautifulSoup) -> list[str]:
    return [li["id"] for li in page.select(".cv-publication-list > li")]


def listing(copy_root: Root, options: str) -> BeautifulSoup:
    src = copy_root("publications", index__md=f"# P\n\n```{{publications}}\n{options}\n```\n")
    (src / "other.md").unlink()
    (src / "plain.md").unlink()
    status, err = sphinx_build(src)
    assert (status, err) == (0, "")
    return soup(src / "_build" / "index.html")


@pytest.mark.sphinx("html", testroot="publications")
def test_default_listing(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = soup(app.outdir / "index.html")
    groups = page.select("h2.cv-publications-group")
    assert [g.get_text() for g in groups] == ["2022", "2021", "2020", "2019", "2018"]
    assert [g["id"] for g in groups][:2] == ["year-2022", "year-2021"]
    assert keys_in(page) == [
        "many2022", "doe2021waves", "doe2020fast", "doe2020early",
        "roe2019book", "wang2019zh", "doe2018thesis",
    ]  # fmt: skip
    fast = page.find(id="doe2020fast")
    assert [s.get_text() for s in fast.select("strong.cv-owner")] == ["Jane Doe"]
    assert fast.select_one(".cv-pub-title").get_text() == "Fast Things"
    assert [(a.get_text(), a["href"]) for a in fast.select(".cv-pub-links a")] == [
        ("Publisher", "https://example.org/paper"),
        ("PDF", "https://example.org/paper.pdf"),
        ("Code", "https://github.com/example/fast"),
        ("Slides", "https://example.org/slides.pdf"),
    ]
    abstract = fast.select_one("details.cv-abstract")
    assert abstract.summary.get_text() == "Abstract"
    assert abstract.p.get_text() == "We make <things> fast & safe."
    bibtex = fast.select_one("details.cv-bibtex-details")
    assert bibtex.summary.get_text() == "BibTeX"
    assert bibtex.pre.get_text().startswith("@inproceedings{doe2020fast,")
    # The abstract's text stays text: no element was made of it.
    html = (app.outdir / "index.html").read_text()
    assert "<things>" not in html
    assert "We make &lt;things&gt; fast &amp; safe." in html
    # LaTeX decoded, non-Latin names kept, copy button script shipped.
    assert "Schrödinger Waves &amp; Their Friends" in html
    assert "非拉丁文标题" in html
    assert page.find("script", src=re.compile(r"sphinx_cv\.js"))
    assert "clipboard" in (app.outdir / "_static" / "sphinx_cv.js").read_text()


@pytest.mark.parametrize(
    ("options", "keys"),
    [
        (":type: article", ["many2022", "doe2021waves"]),
        (":type: book, phdthesis", ["roe2019book", "doe2018thesis"]),
        (":years: 2019-2020", ["doe2020fast", "doe2020early", "roe2019book", "wang2019zh"]),
        (":years: 2021-", ["many2022", "doe2021waves"]),
        (":years: -2018", ["doe2018thesis"]),
        (":keyword: waves", ["doe2021waves"]),
        (":selected:", ["doe2020fast"]),
        (":type: inproceedings\n:years: 2020\n:keyword: systems", ["doe2020fast"]),
    ],
)
def test_filters(copy_root: Root, options: str, keys: list[str]) -> None:
    assert keys_in(listing(copy_root, options)) == keys


def test_group_by_type_and_none(copy_root: Root) -> None:
    page = listing(copy_root, ":group: type")
    assert [g.get_text() for g in page.select(".cv-publications-group")] == [
        "Journal articles", "Books", "Conference papers", "Theses", "Other",
    ]  # fmt: skip
    page = listing(copy_root, ":group: none")
    assert page.select(".cv-publications-group") == []
    assert len(keys_in(page)) == 7


def test_display_options(copy_root: Root) -> None:
    page = listing(copy_root, ":no-abstracts:\n:no-bibtex:\n:no-links:\n:class: compact")
    assert page.select("details") == []
    assert page.select(".cv-pub-links") == []
    assert "compact" in page.select_one(".cv-publications")["class"]


def test_other_style_by_name(copy_root: Root) -> None:
    page = listing(copy_root, ":style: unsrt")
    text = page.find(id="doe2020fast").get_text()
    assert "Jane Doe, Richard Roe, and Edgar Poe" in text
    assert page.select("strong.cv-owner") == []  # highlighting is the cv style's


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ":group: month",
            "Invalid option value for 'group': month: \"month\" unknown; "
            'choose from "year", "type", or "none"',
        ),
        (":years: recent", "'recent' is not a year range"),
        (":colour: red", "Unknown option key: 'colour'"),
        (
            ":style: apa",
            "Invalid option value for 'style': apa: no pybtex formatting style named 'apa'; "
            "use 'cv' (the default), 'unsrt', 'plain', 'alpha' or an installed plugin",
        ),
        (
            ":type: artcle",
            "publications: unknown entry type(s) artcle in :type:; BibTeX types are: article,",
        ),
        (":keyword: nothing-has-this", "publications: no publication matches these filters"),
    ],
)
def test_bad_options(copy_root: Root, options: str, message: str) -> None:
    src = copy_root("publications", index__md=f"# P\n\n```{{publications}}\n{options}\n```\n")
    status, err = sphinx_build(src)
    assert status == 1
    assert myst_words(message) in err
    ours = options.startswith((":type:", ":keyword:"))  # the others are MyST's option checks
    if ours or not OLD_MYST:
        assert "index.md:3" in err or "index.md:4" in err


def test_citations_link_to_the_listing(copy_root: Root) -> None:
    src = copy_root("publications")
    assert sphinx_build(src) == (0, "")
    other = soup(src / "_build" / "other.html")
    cites = other.select("span.cv-cite")
    assert [c.get_text() for c in cites] == [
        "(Müller and Doe, 2021)",
        "(Doe et al., 2020; Roe, 2019)",
        "(Doe et al., 2020)",
    ]
    assert [a["href"] for a in other.select("span.cv-cite a")] == [
        "index.html#doe2021waves",
        "index.html#doe2020fast",
        "index.html#roe2019book",
        "index.html#doe2020fast",
    ]
    # The last one sits inside an experience card.
    assert other.select_one("article.cv-entry span.cv-cite a")["href"].endswith("#doe2020fast")


def test_any_role_finds_a_listed_publication(copy_root: Root) -> None:
    src = copy_root("publications", plain__md="# Plain\n\nSee {any}`the paper <doe2021waves>`.\n")
    assert sphinx_build(src) == (0, "")
    link = soup(src / "_build" / "plain.html").select_one("a.reference")
    assert (link["href"], link.get_text()) == ("index.html#doe2021waves", "the paper")


@pytest.mark.parametrize(
    ("role", "message"),
    [
        ("{cite}`doe2020fats`", "cite: unknown key 'doe2020fats'; did you mean 'doe2020fast'?"),
        ("{cite}`zzz`", "cite: unknown key 'zzz' (keys come from"),
        ("{cite}` `", "cite: no key given; write {cite}`key` or {cite}`key1,key2`"),
        ("{cite}`doe2020fast,,roe2019book`", "cite: empty key in 'doe2020fast,,roe2019book'"),
    ],
)
def test_bad_citations(copy_root: Root, role: str, message: str) -> None:
    src = copy_root("publications", other__md=f"# Other\n\nSee {role}.\n")
    status, err = sphinx_build(src)
    assert status == 1
    assert f"other.md:3: WARNING: {message}" in err


def test_cited_but_not_listed(copy_root: Root) -> None:
    src = copy_root(
        "publications",
        index__md="# P\n\n```{publications}\n:type: article\n```\n\n"
        "```{toctree}\n:hidden:\n\nother\nplain\n```\n",
    )
    status, err = sphinx_build(src)
    assert status == 1
    assert (
        "other.md:3: WARNING: cite: 'doe2020fast' is in the .bib file but no page lists it" in err
    )


@pytest.mark.parametrize("builder", ["text", "latex", "singlehtml"])
def test_citations_in_other_builders(copy_root: Root, builder: str) -> None:
    src = copy_root("publications")
    assert sphinx_build(src, builder=builder) == (0, "")
    out = src / "_build"
    text = "\n".join(
        p.read_text() for p in out.glob("*.*") if p.suffix in {".txt", ".tex", ".html"}
    )
    assert "Müller and Doe, 2021" in text
    assert "Schrödinger Waves" in text
    if builder == "latex":
        assert r"\hyperref[\detokenize{index:doe2020fast}]" in text


# -- Broken .bib files -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("bib", "where", "message", "cited"),
    [
        ("@misc{a, title={T}}\n\n@misc{b,\n  title = {unclosed,\n}\n", 3,
         "this entry is not closed: a '{' has no matching '}' before the end of the file; "
         "the entry is left out, the others are read", "b"),
        ("@misc{a, title={T}}\n@misc{a, title={U}}\n", 2,
         "duplicate key 'a': the entry at line 1 has the same key; rename one of them "
         "(this one is left out)", "a"),
    ],
)  # fmt: skip
def test_bib_reading_errors_fail_the_build(
    copy_root: Root, bib: str, where: int, message: str, cited: str
) -> None:
    src = copy_root("publications", refs__bib=bib, other__md=f"# Other\n\n{{cite}}`{cited}`\n")
    status, err = sphinx_build(src)
    assert status == 1
    assert f"{src / 'refs.bib'}:{where}: ERROR: {message} [cv.bib]" in err
    assert "Traceback" not in err
    assert "unknown key" not in err  # a citation of the lost entry adds no second message
    assert "T" in (src / "_build" / "index.html").read_text()
    # Even without -W the build fails, and a second build still reports it.
    import shutil

    shutil.rmtree(src / "_build")
    from sphinx.cmd.build import build_main

    assert build_main(["-q", "-b", "html", str(src), str(src / "_build")]) == 1


def test_entry_problems_are_warnings_at_the_entry(copy_root: Root) -> None:
    bib = (
        "@misc{ok, title={OK}, year=2020}\n\n"
        "@article{a,\n  title = {T},\n  year = {2020},\n  url = {javascript:alert(1)},\n}\n"
    )
    src = copy_root("publications", refs__bib=bib, other__md="# Other\n\n{cite}`a`\n")
    status, err = sphinx_build(src)
    assert status == 1
    bibpath = src / "refs.bib"
    assert f"{bibpath}:3: WARNING: entry 'a': @article needs the fields author and journal" in err
    assert f"{bibpath}:3: WARNING: entry 'a': url 'javascript:alert(1)' is not an http(s)" in err
    html = (src / "_build" / "index.html").read_text()
    assert "javascript:" not in html


def test_missing_bibfile_is_a_config_error(copy_root: Root) -> None:
    src = copy_root("publications")
    (src / "refs.bib").unlink()
    status, err = sphinx_build(src)
    assert status == 1
    assert f"{src / 'conf.py'}:3: ERROR: cv_bibfiles: 'refs.bib' does not exist" in err


# -- Caching and incremental builds ---------------------------------------------------


@pytest.fixture
def bib_work(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Records every real parse-and-format of a .bib file."""
    calls: list[Path] = []
    real = sphinx_cv.publications.bibcache.read_bibliography

    def spy(env: Any, path: Path, style: str) -> Any:
        calls.append(path)
        return real(env, path, style)

    monkeypatch.setattr(sphinx_cv.publications.bibcache, "read_bibliography", spy)
    sphinx_cv.publications.bibcache.MEMORY.clear()
    return calls


def read_docs(app: SphinxTestApp) -> list[str]:
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
    app.build()
    return sorted(read)


def test_bib_is_formatted_once_and_rebuilds_only_its_pages(
    make_app: type[SphinxTestApp], copy_root: Root, bib_work: list[Path]
) -> None:
    src = copy_root("publications")
    assert read_docs(make_app("html", srcdir=src)) == ["index", "other", "plain"]
    assert bib_work == [src / "refs.bib"]  # once, for a listing and four citations

    # Nothing changed: no page is read and no BibTeX work is done, not even a load.
    sphinx_cv.publications.bibcache.MEMORY.clear()
    assert read_docs(make_app("html", srcdir=src)) == []
    assert bib_work == [src / "refs.bib"]
    assert len(sphinx_cv.publications.bibcache.MEMORY) == 0

    # Editing the .bib re-reads exactly the pages that list or cite it.
    bib = src / "refs.bib"
    bib.write_text(bib.read_text().replace("Fast Things", "Faster Things"))
    app = make_app("html", srcdir=src)
    assert read_docs(app) == ["index", "other"]
    assert len(bib_work) == 2
    assert "Faster Things" in (app.outdir / "index.html").read_text()

    # A fresh process reuses the on-disk cache of unchanged content.
    sphinx_cv.publications.bibcache.MEMORY.clear()
    (src / "plain.md").write_text("# Plain\n\n{cite}`roe2019book`\n")
    assert read_docs(make_app("html", srcdir=src)) == ["plain"]
    assert len(bib_work) == 2


def test_parallel_build_matches_serial(
    make_app: type[SphinxTestApp], copy_root: Root, tmp_path: Path
) -> None:
    src = copy_root("publications")
    for i in range(6):
        (src / f"cite{i}.md").write_text(f"# C{i}\n\n{{cite}}`doe2021waves,many2022`\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("plain\n", "plain\n" + "".join(
        f"cite{i}\n" for i in range(6)
    )))  # fmt: skip
    serial = make_app("html", srcdir=src, builddir=tmp_path / "serial")
    serial.build()
    serial_warnings = serial.warning.getvalue()
    serial.cleanup()
    parallel = make_app("html", srcdir=src, builddir=tmp_path / "parallel", parallel=2)
    parallel.build()
    assert parallel.warning.getvalue() == serial_warnings == ""
    for page in ["index", "other", *(f"cite{i}" for i in range(6))]:
        a = (tmp_path / "serial" / "html" / f"{page}.html").read_text()
        b = (tmp_path / "parallel" / "html" / f"{page}.html").read_text()
        assert a == b, page
    domain = cv_domain(parallel.env)
    assert {"doe2021waves", "many2022", "doe2020fast", "roe2019book"} <= {
        listing.key for listing in domain.listings_of("index")
    }


def test_group_headings_sit_below_the_section(copy_root: Root) -> None:
    page = listing(copy_root, ":group: year").select_one(".cv-publications-group")
    assert page.name == "h2"
    src = copy_root(
        "publications",
        index__md="# P\n\n## Selected\n\n```{publications}\n:selected:\n```\n",
    )
    (src / "other.md").unlink()
    (src / "plain.md").unlink()
    assert sphinx_build(src) == (0, "")
    heading = soup(src / "_build" / "index.html").select_one(".cv-publications-group")
    assert (heading.name, heading.get_text()) == ("h3", "2020")


def test_missing_required_field_is_reported_once(copy_root: Root) -> None:
    bib = "@inproceedings{k,\n  title = {T},\n  author = {Doe, Jane},\n  year = 2020,\n}\n"
    src = copy_root("publications", refs__bib=bib, other__md="# Other\n")
    status, err = sphinx_build(src)
    assert status == 1
    assert err.count("WARNING") == 1
    assert "@inproceedings needs the field booktitle" in err


def test_labels_in_the_site_language(copy_root: Root) -> None:
    src = copy_root("publications", index__md="# P\n\n```{publications}\n:group: type\n```\n")
    with (src / "conf.py").open("a") as conf:
        conf.write('language = "de"\n')
    (src / "other.md").unlink()
    (src / "plain.md").unlink()
    assert sphinx_build(src) == (0, "")
    page = soup(src / "_build" / "index.html")
    assert [g.get_text() for g in page.select(".cv-publications-group")] == [
        "Zeitschriftenartikel", "Bücher", "Konferenzbeiträge", "Abschlussarbeiten", "Sonstiges",
    ]  # fmt: skip
    assert page.select_one("details.cv-abstract summary").get_text() == "Zusammenfassung"


CITES = (
    "# Other\n\n"
    "A: {cite:t}`doe2021waves`. B: {cite:p}`see <doe2020fast>, p. 3`. "
    "C: {cite:t}`doe2020fast,roe2019book`. D: {cite}`many2022`.\n"
)


def cite_texts(src: Path) -> list[str]:
    page = soup(src / "_build" / "other.html")
    return [" ".join(c.get_text().split()) for c in page.select("span.cv-cite")]


def test_textual_and_parenthetical_citations_with_notes(copy_root: Root) -> None:
    src = copy_root("publications", other__md=CITES)
    assert sphinx_build(src) == (0, "")
    assert cite_texts(src) == [
        "Müller and Doe (2021)",
        "(see Doe et al., 2020, p. 3)",
        "Doe et al. (2020); Roe (2019)",
        "(One et al., 2022)",
    ]
    links = soup(src / "_build" / "other.html").select("span.cv-cite a")
    assert links[0]["href"] == "index.html#doe2021waves"


def test_numeric_citations_follow_the_listing(copy_root: Root) -> None:
    src = copy_root("publications", other__md=CITES, conf__py=NUMERIC)
    assert sphinx_build(src) == (0, "")
    listed = soup(src / "_build" / "index.html").select(".cv-publication-list > li .cv-pub-text")
    numbers = {li.parent["id"]: li.get_text().split("]")[0] + "]" for li in listed}
    assert list(numbers.values())[:3] == ["[1]", "[2]", "[3]"]
    assert cite_texts(src) == [
        f"Müller and Doe {numbers['doe2021waves']}",
        f"[see {numbers['doe2020fast'][1:-1]}, p. 3]",
        f"Doe et al. {numbers['doe2020fast']}; Roe {numbers['roe2019book']}",
        numbers["many2022"],
    ]


NUMERIC = (
    'extensions = ["myst_parser", "sphinx_cv"]\ncv_bibfiles = ["refs.bib"]\n'
    'cv_owner = ["Doe, Jane"]\ncv_cite_style = "numeric"\n'
)


@pytest.mark.parametrize(
    "order", [("sphinx_cv", "sphinxcontrib.bibtex"), ("sphinxcontrib.bibtex", "sphinx_cv")]
)
def test_sphinxcontrib_bibtex_is_a_clear_error(copy_root: Root, order: tuple[str, str]) -> None:
    pytest.importorskip("sphinxcontrib.bibtex")
    conf = (
        f'extensions = ["myst_parser", {order[0]!r}, {order[1]!r}]\n'
        'bibtex_bibfiles = ["refs.bib"]\ncv_bibfiles = ["refs.bib"]\n'
    )
    src = copy_root("publications", conf__py=conf)
    status, err = sphinx_build(src)
    assert status == 2
    assert "Configuration error" in err  # Sphinx's report of a bad conf.py, at start-up
    assert "sphinx-cv and sphinxcontrib-bibtex both define the citation roles" in err
