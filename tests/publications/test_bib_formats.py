"""BibTeX and biblatex as people write them: one data model, text not LaTeX, the block as
written, identifiers and al-folio's fields (the pure model, no Sphinx)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sphinx_cv.publications.bib import Span, load_bibliography, plain
from sphinx_cv.publications.bib.latex import plain_text, rich_text, unknown_commands


def one(text: str, key: str = "k") -> tuple[object, list[str]]:
    bib = load_bibliography(text, owners=["Doe, Jane"])
    return bib.publications[key], [p.message for p in bib.problems]


def shown(pub: object) -> str:
    return plain(pub.formatted)  # type: ignore[attr-defined]


def test_biblatex_fields_and_date() -> None:
    pub, problems = one(
        "@article{k, author = {Doe, Jane}, title = {T}, journaltitle = {J. Ex.},"
        " date = {2023-05-04}, location = {Oslo}}"
    )
    assert problems == []
    assert (pub.year, pub.month) == (2023, 5)  # type: ignore[attr-defined]
    assert shown(pub) == "Jane Doe. T. J. Ex., May 2023."


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("@online{k, author={Doe, Jane}, title={Page}, date={2020}, url={https://ex.org}}",
         "Jane Doe. Page. 2020."),
        ("@report{k, author={Doe, Jane}, title={R}, type={techreport}, institution={Inst},"
         " date={2019}}", "Jane Doe. R. Technical Report, Inst, 2019."),
        ("@thesis{k, author={Doe, Jane}, title={T}, type={mathesis}, institution={U},"
         " date={2018}}",
         "Jane Doe. T. Master's thesis, U, 2018."),
        ("@thesis{k, author={Doe, Jane}, title={T}, type={phdthesis}, institution={U},"
         " date={2018}}",
         "Jane Doe. T. PhD thesis, U, 2018."),
    ],
)  # fmt: skip
def test_biblatex_types(entry: str, expected: str) -> None:
    pub, problems = one(entry)
    assert problems == []
    assert shown(pub) == expected


def test_crossref_inherits_and_renames_the_title() -> None:
    text = (
        "@inproceedings{c, author = {Doe, Jane}, title = {Paper}, crossref = {p}, pages = {1--2}}\n"
        "@proceedings{p, editor = {Ed, Ann}, title = {Proc. of X}, year = {2001},"
        " publisher = {Pub}}\n"
    )
    pub, problems = one(text, "c")
    assert problems == []
    assert pub.year == 2001  # type: ignore[attr-defined]
    assert "In Ann Ed, editor, Proc. of X, 1–2. Pub, 2001." in shown(pub)


def test_a_crossref_to_nothing_is_named() -> None:
    _pub, problems = one("@misc{k, title = {T}, crossref = {nope}}")
    assert problems == [
        "entry 'k': crossref 'nope' names no entry of this file; add it or remove it"
    ]


def test_xdata_and_sets() -> None:
    text = (
        "@xdata{pub, publisher = {Pub}, location = {Oslo}}\n"
        "@book{b, author = {Doe, Jane}, title = {B}, year = {2000}, xdata = {pub}}\n"
        "@set{s, entryset = {b}}\n"
    )
    bib = load_bibliography(text)
    assert list(bib.publications) == ["b"]  # the set and the xdata entry are not listed
    assert bib.containers == ("pub", "s")
    assert shown(bib.publications["b"]) == "Jane Doe. B. Pub, Oslo, 2000."


def test_missing_field_warns_once_and_keeps_everything() -> None:
    pub, problems = one(
        "@article{k, author = {Doe, Jane and Roe, Rick}, title = {T}, year = {2020},"
        " volume = {3}, publisher = {P}}"
    )
    assert len(problems) == 1
    assert "needs the field journal" in problems[0]
    assert shown(pub).startswith("Jane Doe and Rick Roe. T. P")
    assert "2020" in shown(pub)


@pytest.mark.parametrize("month", ['"10~" # jan', '"april-may"', '"november, december"', "aug"])
def test_month_forms_are_accepted_and_shown_as_written(month: str) -> None:
    pub, problems = one(f"@misc{{k, title = {{T}}, year = 2020, month = {month}}}")
    assert problems == []
    assert pub.month is not None  # type: ignore[attr-defined]


def test_misc_needs_no_title_and_noopsort_sorts() -> None:
    _pub, problems = one("@misc{k, author = {Doe, Jane}, year = 2020}")
    assert problems == []
    pub, problems = one(
        '@preamble{"\\newcommand{\\noopsort}[1]{}"}\n'
        "@book{k, author = {Doe, Jane}, title = {T}, publisher = {P},"
        " year = {{\\noopsort{1973b}}1973}}"
    )
    assert problems == []
    assert pub.year == 1973  # type: ignore[attr-defined]
    assert shown(pub) == "Jane Doe. T. P, 1973."


def test_latex_markup_becomes_text_and_links() -> None:
    pub, problems = one(
        "@misc{k, title = {The \\emph{Big} \\TeX{}book and \\acro{CTAN}},"
        " note = {See \\url{http://ex.org/~me/a%20b_c} or \\href{https://ex.org/x}{here}}}"
    )
    assert problems == []
    assert pub.title == "The Big TeXbook and CTAN"  # type: ignore[attr-defined]
    parts = pub.formatted  # type: ignore[attr-defined]
    assert Span("em", ("Big",)) in parts[0].parts
    url = "http://ex.org/~me/a%20b_c"
    assert Span("href", (url,), url) in parts
    assert Span("href", ("here",), "https://ex.org/x") in parts


def test_unknown_commands_are_reported_once_per_file() -> None:
    text = "".join(f"@misc{{k{i}, title = {{A \\frob{{x}} b}}}}\n" for i in range(3))
    bib = load_bibliography(text)
    assert [p.message for p in bib.problems] == [
        "entry 'k0': title has LaTeX that cannot be turned into text (\\frob); its name is "
        "kept as text, without the backslash: define it with \\newcommand in the file's "
        "@preamble, or write the words instead (each command is reported once per file)"
    ]
    assert bib.publications["k2"].title == "A frob x b"


def test_fields_nobody_sees_are_not_checked() -> None:
    _pub, problems = one(
        "@misc{k, title = {T}, acknowledgement = {\\path|a_b| \\weird}, annotation = {\\x},"
        " shorttitle = {\\y}}"
    )
    assert problems == []


def test_bibtex_block_as_written() -> None:
    text = (
        "@article{k,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n"
        "  year = 2020,\n  month = jan,\n  note = {\\url{https://ex.org/~x}},\n"
        "  abstract = {A.},\n  url = {javascript:alert(1)},\n}"
    )
    pub, _problems = one(text)
    assert pub.bibtex == (  # type: ignore[attr-defined]
        "@article{k,\n  author = {Doe, Jane},\n  title = {T},\n  journal = {J},\n"
        "  year = 2020,\n  month = jan,\n  note = {\\url{https://ex.org/~x}},\n}"
    )


@pytest.mark.parametrize(
    ("fields", "label", "url"),
    [
        ("eprint = {2403.01234}, archivePrefix = {arXiv}", "arXiv:2403.01234",
         "https://arxiv.org/abs/2403.01234"),
        ("eprint = {hep-th/9603067}, eprinttype = {arxiv}", "arXiv:hep-th/9603067",
         "https://arxiv.org/abs/hep-th/9603067"),
        ("arxiv = {2101.00001}", "arXiv:2101.00001", "https://arxiv.org/abs/2101.00001"),
        ("pmid = {12345}", "PMID 12345", "https://pubmed.ncbi.nlm.nih.gov/12345/"),
        ("hal = {hal-01234567}", "HAL hal-01234567", "https://hal.science/hal-01234567"),
        ("isbn = {0-226-10403-6}", "ISBN 0-226-10403-6", ""),
    ],
)  # fmt: skip
def test_identifiers(fields: str, label: str, url: str) -> None:
    pub, problems = one(f"@misc{{k, title = {{T}}, {fields}}}")
    assert problems == []
    assert [(link.label, link.url) for link in pub.links] == [(label, url)]  # type: ignore[attr-defined]


def test_not_an_identifier() -> None:
    pub, problems = one("@misc{k, title = {T}, eprint = {<script>}, eprinttype = {arxiv}}")
    assert pub.links == ()  # type: ignore[attr-defined]
    assert problems == [
        "entry 'k': '<script>' is not a valid arXiv identifier; the link is left out"
    ]


def test_al_folio_fields() -> None:
    pub, problems = one(
        "@article{k, author = {Doe, Jane}, title = {T}, journal = {J}, year = {2020},"
        " abbr = {NeurIPS}, award = {Oral}, html = {https://ex.org/h}, supp = {supp.pdf},"
        " poster = {https://ex.org/p}, video = {https://ex.org/v}, bibtex_show = {true},"
        " preview = {fig.png}, altmetric = {123}, dimensions = {true}, selected = {true}}"
    )
    assert problems == []
    assert (pub.badge, pub.award, pub.preview, pub.bibtex_show, pub.selected) == (  # type: ignore[attr-defined]
        "NeurIPS",
        "Oral",
        "fig.png",
        True,
        True,
    )
    kinds = [(link.kind, link.local) for link in pub.links]  # type: ignore[attr-defined]
    assert kinds == [("html", False), ("supp", True), ("poster", False), ("video", False)]
    assert "altmetric" not in pub.bibtex
    assert "abbr" not in pub.bibtex


KNOWN = re.compile(
    r"\\(?:emph|textit|textbf|textsc|TeX|LaTeX|BibTeX|mbox|acro|path|url|href|noopsort)(?![A-Za-z])"
)
LATEX = st.lists(
    st.sampled_from(["\\emph{", "\\textbf{", "}", "{", "\\TeX", "\\LaTeX{}", "\\mbox{", "\\acro{",
                     "\\url{http://x/~y%z}", "\\href{https://x}{", "\\path|a_b|", "\\noopsort{",
                     "a", " ", "\\'e", '\\"o', "--", "~", "\\&", "\\", "\\unknown", "$", "%"]),
    max_size=12,
).map("".join)  # fmt: skip


@given(LATEX)
def test_latex_to_text_never_raises_and_leaves_no_known_command(latex: str) -> None:
    text = plain_text(latex)
    try:
        rich = str(rich_text(latex))
    except UnicodeDecodeError:
        return  # a lone backslash: plain_text shows the text as written, latex_problem says why
    assert not KNOWN.search(rich), (latex, rich)
    assert text == rich.strip() or "\\" in latex
    unknown_commands(latex)


def test_hostile_macros_and_private_characters() -> None:
    text = (
        '@preamble{"\\newcommand{\\bad}[1]{#1#3} \\newcommand{\\self}{\\self\\self}"}\n'
        "@misc{k, title = {\\bad{x} y \ue0007\ue001 \\self}, year = 2020}\n"
    )
    bib = load_bibliography(text)  # no IndexError, no endless expansion
    assert bib.publications["k"].title.startswith("x y \ue0007\ue001")
    assert [p.message for p in bib.problems] == [
        "entry 'k': title has LaTeX that cannot be turned into text (\\self); its name is "
        "kept as text, without the backslash: define it with \\newcommand in the file's "
        "@preamble, or write the words instead (each command is reported once per file)"
    ]


def test_noopsort_and_sortkey_order_entries_of_a_year() -> None:
    from sphinx_cv.publications.bib import newest_first

    text = (
        "@misc{a, title = {{\\noopsort{b}}Alpha}, year = 2020}\n"
        "@misc{b, title = {Beta}, sortkey = {a}, year = 2020}\n"
        "@misc{c, title = {Gamma}, year = 2021}\n"
    )
    bib = load_bibliography(text)
    assert bib.publications["a"].title == "Alpha"  # hidden in the text
    assert [p.key for p in newest_first(bib.publications.values())] == ["c", "b", "a"]
