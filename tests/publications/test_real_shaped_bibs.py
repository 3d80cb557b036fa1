"""Files in the shapes real tools and people write (Zotero's Better BibTeX, JabRef, a lab's
web export, an @string-heavy file, a large file with crossrefs): every readable entry is
listed, each problem is said once at its line, and names in any script come through."""

from __future__ import annotations

import pytest
from conftest import ROOTS, sphinx_build
from sphinx_cv.publications.bib import load_bibliography, plain, summarize

HERE = ROOTS / "real-shaped"


def load(name: str):  # type: ignore[no-untyped-def]
    return load_bibliography((HERE / name).read_text(encoding="utf-8"))


def said(bib) -> list[tuple[int, bool, str]]:  # type: ignore[no-untyped-def]
    return [(p.line, p.error, p.message) for p in summarize(bib.problems)]


def test_better_bibtex_export() -> None:
    bib = load("betterbibtex.bib")
    assert said(bib) == []
    paper = bib.publications["desaint-ours2021"]
    assert paper.authors == ("Édouard de Saint-Ours", "Christopher Kermorvant", "Anaïs Lemaître")
    assert paper.cite_names == "de Saint-Ours et al."  # useprefix=true
    assert bib.publications["kermorvant2019"].authors[1] == "Thị Minh Nguyễn"
    assert bib.publications["kermorvant2019"].cite_names == "Kermorvant and Nguyễn"


def test_jabref_file_with_an_unclosed_brace() -> None:
    bib = load("jabref.bib")
    [(line, error, message)] = said(bib)
    assert (line, error) == (15, True)
    assert message.startswith("this entry is not closed")
    assert list(bib.publications) == ["Kowalski2018", "Yilmaz2020"]
    assert "Zofia Łukasiewicz" in plain(bib.publications["Kowalski2018"].formatted)
    assert "Çağrı Yılmaz and İpek Şahin" in plain(bib.publications["Yilmaz2020"].formatted)


def test_lab_export() -> None:
    bib = load("lab.bib")
    problems = said(bib)
    assert [(line, error) for line, error, _ in problems] == [(5, True), (26, True)]
    assert problems[0][2].endswith("[and 1 more like it, at lines 13]")
    assert "duplicate key 'lab2020'" in problems[1][2]
    assert list(bib.publications) == ["lab2021a", "lab2021b", "lab2020", "lab2019"]
    assert bib.publications["lab2020"].title == "Cross-lingual Transfer"  # the first one
    assert [link.url for link in bib.publications["lab2021a"].links] == [
        "https://lab.example.org/papers/2021a.pdf"
    ]
    assert "In ijcai. 2021." in plain(bib.publications["lab2021a"].formatted)
    assert plain(bib.publications["lab2019"].formatted) == "Wei Wang. Notes on research."
    assert bib.publications["lab2020"].authors == ("Мария Ivanova", "Γιώργος Παπαδόπουλος")


def test_string_heavy_file() -> None:
    bib = load("strings.bib")
    problems = said(bib)
    assert [(line, error) for line, error, _ in problems] == [(4, True), (33, True)]
    assert "'Zürich' has letters outside ASCII" in problems[0][2]
    assert "naacl names a @string macro that is not defined" in problems[1][2]
    texts = {key: plain(pub.formatted) for key, pub in bib.publications.items()}
    assert "Association for Computational Linguistics. Zürich, Switzerland, 2019." in texts["a2019"]
    assert "Natural Language Processing (Findings). November 2020." in texts["b2020"]
    assert "In naacl. 2022." in texts["d2022"]


def test_large_file_with_crossrefs_and_bad_entries() -> None:
    """2 500 entries that cross-reference 50 proceedings; every 100th entry is broken in
    one of three ways: the other entries are all listed, each cause is said once."""
    parts = [
        f"@proceedings{{proc{i},\n  title = {{Proceedings {i}}},\n  year = {2000 + i % 20},\n}}\n"
        for i in range(50)
    ]
    for i in range(2500):
        if i % 100 == 1:
            parts.append(f"@inproceedings{{p{i},\n  title = {{Unclosed {i},\n  year = 2020,\n")
        elif i % 100 == 2:
            parts.append(f"@misc{{p{i},\n  title = {{Macro {i}}},\n  note = undefinedmacro,\n}}\n")
        elif i % 100 == 3:
            parts.append(f"@misc{{p{i - 3},\n  title = {{Duplicate {i}}},\n}}\n")
        else:
            parts.append(
                f"@inproceedings{{p{i},\n  author = {{Author, Number{i}}},\n"
                f"  title = {{Paper {i}}},\n  crossref = {{proc{i % 50}}},\n}}\n"
            )
    bib = load_bibliography("".join(parts))
    lost = {f"p{i}" for i in range(2500) if i % 100 in (1, 3)}
    assert set(bib.publications) == {f"proc{i}" for i in range(50)} | {
        f"p{i}" for i in range(2500) if f"p{i}" not in lost
    }
    assert "In Proceedings 7" in plain(bib.publications["p107"].formatted)
    assert bib.publications["p100"].title == "Paper 100"  # the first of two keys
    errors = [message for _, error, message in said(bib) if error]
    assert len(errors) == 3, errors
    assert all("[and 24 more like it" in message for message in errors)


def test_a_real_shaped_listing_is_never_empty(copy_root) -> None:  # type: ignore[no-untyped-def]
    """Each file as a site's only .bib: the build fails under -W, and the page lists every
    entry that could be read."""
    for name, shown in [
        ("jabref.bib", ["Reasoning about Polish Notation", "İstanbul Lectures"]),
        ("lab.bib", ["Learning to Parse", "Cross-lingual Transfer", "Notes on research."]),
    ]:
        src = copy_root("publications", refs__bib=(HERE / name).read_text(encoding="utf-8"))
        status, err = sphinx_build(src)
        assert status == 1
        assert "Traceback" not in err
        html = (src / "_build" / "index.html").read_text()
        assert "No publications match" not in html
        for text in shown:
            assert text in html


@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.bib")))
def test_every_problem_names_a_line_of_its_file(name: str) -> None:
    text = (HERE / name).read_text(encoding="utf-8")
    for problem in load_bibliography(text).problems:
        assert 1 <= problem.line <= text.count("\n") + 1
