"""biblatex's ``date`` field: every form biblatex reads shows its year (and month), and one
it cannot read is a warning at the entry that names the value and says what to write.

The fixtures in ``roots/bib-shapes/`` are shaped like a Zotero (Better BibTeX) biblatex
export, with times, zones and ``urldate``, and like a French researcher's biblatex file
(``langid``, ``location``, ``date = {2019-03}``).
"""

from __future__ import annotations

import pytest
from conftest import ROOTS
from sphinx_cv.publications.bib import load_bibliography, plain
from sphinx_cv.publications.bib.biblatex import parse_date_field
from sphinx_cv.publications.bib.fields import one_month

SHAPES = ROOTS / "bib-shapes"

#: A date as biblatex (ISO 8601-2 level 1) writes it → BibTeX's year and month, as
#: biblatex's standard styles print it (a range as a range; circa "ca.", uncertain "?").
DATES = [
    ("2020", ("2020", "")),
    ("2023-05", ("2023", "May")),
    ("2023-05-04", ("2023", "May")),
    ("2023-04-06T12:41:56+00:00", ("2023", "April")),
    ("2023-04-06T12:41:56Z", ("2023", "April")),
    ("2004-04-05T14:34:00", ("2004", "April")),
    ("2023-04-06T12:41+0530", ("2023", "April")),
    ("1988/1992", ("1988–1992", "")),
    (" 1988 / 1992 ", ("1988–1992", "")),
    ("{2020-05}/{2020-06}", ("2020", "May–June")),  # braces protect nothing in a date
    ("2002-01/2002-03", ("2002", "January–March")),
    ("1995-03-30/1995-04-05", ("1995", "March–April")),
    ("2019-10-11/2019-10-12", ("2019", "October")),
    ("1995-12/1996-01", ("1995–1996", "")),
    ("2022-03-01T08:00:00Z/2022-05-31T18:00:00Z", ("2022", "March–May")),
    ("2020/", ("2020–", "")),
    ("2020/..", ("2020–", "")),
    ("/2021", ("–2021", "")),
    ("../2021", ("–2021", "")),
    ("199X", ("1990–1999", "")),
    ("19XX", ("1900–1999", "")),
    ("1999-XX", ("1999", "")),
    ("1999-01-XX", ("1999", "January")),
    ("1999-XX-XX", ("1999", "")),
    ("1723~", ("ca. 1723", "")),
    ("1723?", ("1723?", "")),
    ("1723%", ("ca. 1723?", "")),
    ("1723-05~", ("1723", "ca. May")),
    ("1723-05?", ("1723?", "May")),
    ("1723~/1730", ("ca. 1723–1730", "")),
    ("2004-22", ("2004", "")),  # a season: the year
]


@pytest.mark.parametrize(("value", "shown"), DATES, ids=[d[0] for d in DATES])
def test_every_biblatex_date_shows_its_year(value: str, shown: tuple[str, str]) -> None:
    assert parse_date_field(value) == shown


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("May 2020", "is not a date; write it as biblatex reads it"),
        ("2020-5-4", "is not a date; write it as biblatex reads it"),
        ("2020/2021/2022", "is not a date;"),
        ("..", "is not a date;"),
        ("/", "is not a date;"),
        ("", "is not a date;"),
        ("19X9", "is not a date;"),
        ("2020-13", "has no month 13; write 01 to 12"),
        ("2020-02-30", "has no day 30 in month 02 of 2020;"),
        ("2020-01-01T25:00", "has no time 25:00;"),
        ("1999-XX-05", "has unspecified digits (X) where biblatex allows none;"),
        ("199X-05", "has unspecified digits (X) where biblatex allows none;"),
        ("2021/2020", "ends before it starts; write the earlier date first"),
        ("2020-05/2020-03", "ends before it starts;"),
        ("-0876", "is a year before the common era"),
    ],
)
def test_a_date_that_cannot_be_read_says_why(value: str, why: str) -> None:
    reason = parse_date_field(value)
    assert isinstance(reason, str)
    assert reason.startswith(why)


def test_a_zotero_better_bibtex_export() -> None:
    bib = load_bibliography(
        (SHAPES / "zotero-biblatex.bib").read_text(encoding="utf-8"), owners=["Doe, Jane"]
    )
    assert bib.problems == []  # urldate with a time, pubstate, file, langid: no warning
    dates = {k: (p.year, p.month, p.cite_year) for k, p in bib.publications.items()}
    assert dates == {
        "smithLargeLanguageModels2023": (2023, 4, "2023"),
        "doeVerifiedCompilation2021": (2021, 11, "2021"),
        "doeWorkshop2019": (2019, 10, "2019"),
        "doeTechnicalReport2020": (2019, None, "2019–2020"),
        "ancientLetters": (1890, None, "ca. 1890"),
        "doeDataset2022": (2022, 3, "2022"),
    }
    shown = {k: plain(p.formatted) for k, p in bib.publications.items()}
    assert shown["smithLargeLanguageModels2023"].endswith("K-Induction Oracles. April 2023.")
    assert shown["doeWorkshop2019"].endswith("Porto, Portugal, October 2019. Springer.")
    assert "Proceedings of the 3rd Workshop" in shown["doeWorkshop2019"]
    assert shown["doeTechnicalReport2020"].endswith("University of Somewhere, 2019–2020.")
    assert shown["ancientLetters"].endswith("Old Press, London, ca. 1890.")
    assert shown["doeDataset2022"].endswith("Zenodo, March–May 2022.")
    assert bib.publications["doeVerifiedCompilation2021"].title == (
        "Verified Compilation of C♯ Generics"
    )


def test_a_french_biblatex_file() -> None:
    text = (SHAPES / "french-biblatex.bib").read_text(encoding="utf-8")
    bib = load_bibliography(text)
    shown = {k: plain(p.formatted) for k, p in bib.publications.items()}
    assert list(shown) == ["dupont2019", "dupont2020", "dupont2017", "dupont2015", "dupont2014"]
    assert shown["dupont2019"].endswith("artificielle, 33(2):115–134, March 2019.")
    assert shown["dupont2020"].endswith("Actes de la conférence CORIA. Lyon, June 2020.")
    assert shown["dupont2017"].endswith("PhD thesis, Université de Rennes, Rennes, December 2017.")
    assert shown["dupont2015"].endswith("Presses universitaires, Paris, 2015?")
    # A date biblatex cannot read: said at its line, with what to write; the entry keeps
    # the one year it names.
    [problem] = bib.problems
    assert problem.line == text[: text.index("@article{dupont2014")].count("\n") + 1
    assert problem.message == (
        "entry 'dupont2014': date 'mars 2014' is not a date; write it as biblatex reads it: "
        "{2020}, {2020-05}, {2020-05-17}, {2020-05-17T14:30:00Z}, a range {2019/2020}, circa "
        "{2020~} (it is listed with the year 2014)"
    )
    assert (bib.publications["dupont2014"].year, bib.publications["dupont2014"].cite_year) == (
        2014,
        "2014",
    )


def test_a_french_site_writes_plain_dates_in_french_and_keeps_the_rest() -> None:
    text = (SHAPES / "french-biblatex.bib").read_text(encoding="utf-8") + (
        "@misc{circa, title = {Lettre}, date = {1723-05~}}\n"
        "@misc{months, title = {Relevés}, date = {2002-01/2002-03}}\n"
    )
    bib = load_bibliography(text, language="fr")
    shown = {k: plain(p.formatted) for k, p in bib.publications.items()}
    assert shown["dupont2019"].endswith("33(2):115–134, mars 2019.")
    assert shown["dupont2020"].endswith("Lyon, juin 2020.")
    # Not one month of one year: the words as they are, nothing dropped.
    assert shown["circa"].endswith("ca. May 1723.")
    assert shown["months"].endswith("January–March 2002.")


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        ("2020", "aug", (2020, 8)),
        ("{2020}", "8", (2020, 8)),
        ("2020", "10~January", (2020, 1)),
        ("2020a", "aug", (2020, 8)),
        ("2020", "", None),
        ("ca. 1723", "May", None),
        ("1723", "ca. May", None),
        ("1723?", "May", None),
        ("2002", "January–March", None),
        ("1988--1992", "May", None),
    ],
)
def test_one_month_of_one_year(year: str, month: str, expected: tuple[int, int] | None) -> None:
    assert one_month(year, month) == expected


def test_a_year_field_wins_and_an_unused_date_is_not_checked() -> None:
    bib = load_bibliography(
        "@article{k, author = {Doe, Jane}, title = {T}, journal = {J}, year = {2018},"
        " date = {sometime}}\n"
        "@misc{u, title = {Undated}, date = {n.d.}}\n"
    )
    assert bib.publications["k"].year == 2018
    assert bib.publications["u"].year is None
    assert [p.message for p in bib.problems] == [
        "entry 'u': date 'n.d.' is not a date; write it as biblatex reads it: {2020}, "
        "{2020-05}, {2020-05-17}, {2020-05-17T14:30:00Z}, a range {2019/2020}, circa {2020~} "
        "(it is listed undated)"
    ]
