"""The pure BibTeX model: parsing, checks, links, LaTeX, owner, selection, grouping."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import ROOTS
from pybtex.database import Person
from sphinx_cv.publications.bib import (
    Span,
    group_publications,
    is_owner,
    load_bibliography,
    parse_year_range,
    plain,
    select_publications,
    summarize,
)
from sphinx_cv.publications.bib.rich import OWNER

REFS = (ROOTS / "test-publications" / "refs.bib").read_text()


@pytest.fixture(scope="module")
def bib():  # type: ignore[no-untyped-def]
    return load_bibliography(REFS, owners=["Doe, Jane"])


def test_entries_lines_and_no_problems(bib) -> None:  # type: ignore[no-untyped-def]
    assert bib.problems == []
    assert {k: p.line for k, p in bib.publications.items()} == {
        "doe2021waves": 2,
        "doe2020fast": 14,
        "doe2020early": 29,
        "roe2019book": 37,
        "doe2018thesis": 44,
        "many2022": 51,
        "wang2019zh": 58,
    }


def test_latex_is_decoded(bib) -> None:  # type: ignore[no-untyped-def]
    pub = bib.publications["doe2021waves"]
    assert pub.title == "Schrödinger Waves & Their Friends"
    assert pub.authors == ("Anna Müller", "Jane Doe")
    text = plain(pub.formatted)
    assert "10–20" in text
    assert "\\" not in text
    assert "{" not in text


def test_non_latin_names(bib) -> None:  # type: ignore[no-untyped-def]
    pub = bib.publications["wang2019zh"]
    assert pub.title == "非拉丁文标题"
    assert pub.authors == ("王星尧",)  # family name first, as Chinese names read
    assert pub.label == "王, 2019"


def test_labels(bib) -> None:  # type: ignore[no-untyped-def]
    pubs = bib.publications
    assert pubs["roe2019book"].label == "Roe, 2019"
    assert pubs["doe2020early"].label == "Doe and Roe, 2020"
    assert pubs["doe2020fast"].label == "Doe et al., 2020"


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Doe, Jane", True),
        ("Jane Doe", True),
        ("J. Doe", True),
        ("Doe, J.", True),
        ("Doe", True),
        ("Doe, John", False),
        ("Roe, Jane", False),
    ],
)
def test_owner_spellings(spelling: str, expected: bool) -> None:
    assert is_owner(Person("Doe, Jane"), [Person(spelling)]) is expected


def test_owner_highlight_and_shortening() -> None:
    bib = load_bibliography(REFS, owners=["J. Doe"], max_authors=10)
    formatted = bib.publications["many2022"].formatted
    assert (
        formatted[0] == "A.\u00a0One, B.\u00a0Two, C.\u00a0Three, D.\u00a0Four, E.\u00a0Five, "
        "F.\u00a0Six, G.\u00a0Seven, H.\u00a0Eight, I.\u00a0Nine, J.\u00a0Ten, …, "
    )
    assert formatted[1] == Span(OWNER, ("Jane Doe",))
    assert formatted[2].startswith(", et al.")
    assert "Twelve" not in plain(formatted)
    short = load_bibliography(REFS, owners=["Poe, Edgar"], max_authors=1)
    assert plain(short.publications["doe2020fast"].formatted).startswith(
        "Jane Doe, …, Edgar Poe, et al."
    )
    assert plain(short.publications["roe2019book"].formatted).startswith("Richard Roe.")


def test_other_pybtex_styles_work() -> None:
    bib = load_bibliography(REFS, style="plain")
    assert "Schrödinger" in plain(bib.publications["doe2021waves"].formatted)


def test_links(bib) -> None:  # type: ignore[no-untyped-def]
    links = {(link.kind, link.label, link.url) for link in bib.publications["doe2020fast"].links}
    assert links == {
        ("url", "Publisher", "https://example.org/paper"),
        ("pdf", "PDF", "https://example.org/paper.pdf"),
        ("code", "Code", "https://github.com/example/fast"),
        ("slides", "Slides", "https://example.org/slides.pdf"),
    }
    (doi,) = bib.publications["doe2021waves"].links
    assert doi.url == "https://doi.org/10.1234/jex.2021.3"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", "javascript:alert(1)"),
        ("pdf", "data:text/html,<script>alert(1)</script>"),
        ("code", "vbscript:msgbox"),
        ("slides", "ftp://example.org/x"),
        ("url", 'https://exa mple.org/"onmouseover=x'),
        ("doi", "javascript:alert(1)"),
        ("doi", "11.1234/x"),
    ],
)
def test_unsafe_links_are_dropped_with_a_problem(field: str, value: str) -> None:
    text = f"@misc{{k,\n  title = {{T}},\n  {field} = {{{value}}},\n}}\n"
    bib = load_bibliography(text)
    assert bib.publications["k"].links == ()
    (problem,) = bib.problems
    assert problem.line == 1
    assert problem.message.startswith(f"entry 'k': {field} ")
    assert "the link is left out" in problem.message


@pytest.mark.parametrize(
    "doi", ["10.1/x", "doi:10.1109/MIPR.2020.10", "https://doi.org/10.1109/MIPR.2020.10"]
)
def test_doi_spellings(doi: str) -> None:
    doi = doi.replace("10.1/", "10.1234/")
    bib = load_bibliography(f"@misc{{k, title={{T}}, doi={{{doi}}}}}")
    assert bib.publications["k"].links[0].url.startswith("https://doi.org/10.")


def test_abstract_and_bibtex_block(bib) -> None:  # type: ignore[no-untyped-def]
    pub = bib.publications["doe2020fast"]
    assert pub.abstract == "We make <things> fast & safe."
    assert pub.selected
    assert pub.keywords == ("systems",)
    assert pub.tags == ("selected", "systems")
    # The entry as written (layout, month macro), less the fields that are for the page.
    assert pub.bibtex == (
        "@inproceedings{doe2020fast,\n"
        "  title     = {Fast Things},\n"
        "  author    = {Doe, Jane and Roe, Richard and Poe, Edgar},\n"
        "  booktitle = {Proceedings of the Example Conference},\n"
        "  year      = {2020},\n"
        "  month     = aug,\n"
        "  url       = {https://example.org/paper},\n"
        "}"
    )


def test_missing_fields_and_unknown_type() -> None:
    text = "@article{a,\n  title = {T},\n  year = {2020}\n}\n\n@gadget{b,\n  title = {P},\n}\n"
    bib = load_bibliography(text)
    messages = [(p.line, p.message) for p in bib.problems]
    assert (
        1,
        "entry 'a': @article needs the fields author and journal; add author = {…}, "
        "journal = {…} (it is listed with what it has)",
    ) in messages
    assert any(line == 6 and "unknown entry type @gadget" in m for line, m in messages)
    assert len(messages) == 2  # one warning an entry
    assert bib.publications["b"].title == "P"  # still listed


@pytest.mark.parametrize(
    ("text", "line", "message", "kept"),
    [
        ("@misc{a, title={T}}\n\n@misc{b,\n  title = {unclosed,\n  year = 2020\n}\n"
         "@misc{c, title={C}}\n", 3, "this entry is not closed", ["a", "c"]),
        ("@misc{a,\n  title = {x},\n  year = 20 20\n}\n@misc{c, title={C}}\n", 3,
         "syntax error: '}' expected", ["c"]),
        ("@misc{a, title={T}}\n@misc{A,\n title={U}}\n", 2,
         "duplicate key 'A': the entry at line 1 has the same key; rename one of them", ["a"]),
        ("@misc{, title={T}}\n@misc{c, title={C}}\n", 1, "entry has no key", ["c"]),
    ],
)  # fmt: skip
def test_reading_errors_name_the_line_and_keep_the_rest(
    text: str, line: int, message: str, kept: list[str]
) -> None:
    bib = load_bibliography(text)
    errors = [p for p in bib.problems if p.error]
    assert [(p.line, message in p.message) for p in errors] == [(line, True)]
    assert list(bib.publications) == kept


def test_extended_names() -> None:
    """biblatex's extended name format (Better BibTeX writes it) is read part by part;
    the prefix is cited only with useprefix=true."""
    text = (
        "@article{k,\n  author = {family=Saint-Ours, given=Édouard, prefix=de, useprefix=true"
        " and Kermorvant, Christopher},\n  title = {T},\n  journal = {J},\n  year = 2020,\n}\n"
        "@article{l,\n  author = {family={Lloyd Webber}, given=Andrew and family=Gogh, "
        "given=Vincent, prefix=van}, title = {U},\n  journal = {J},\n  year = 2021,\n}\n"
    )
    bib = load_bibliography(text)
    assert bib.problems == []
    first = bib.publications["k"]
    assert first.authors == ("Édouard de Saint-Ours", "Christopher Kermorvant")
    assert first.cite_names == "de Saint-Ours and Kermorvant"
    second = bib.publications["l"]
    assert second.cite_names == "Lloyd Webber and Gogh"  # braces keep a family name whole
    assert plain(second.formatted).startswith("Andrew Lloyd Webber and Vincent van Gogh. U.")


def test_bad_name_is_reported_at_its_entry() -> None:
    text = "@misc{a, title={A}}\n\n@misc{k,\n author = {Smith, John, Jr., III},\n title={T}}\n"
    bib = load_bibliography(text)
    assert [(p.line, p.error) for p in bib.problems] == [(3, False)]
    assert "Too many commas" in bib.problems[0].message
    assert "'Last, First'" in bib.problems[0].message
    assert list(bib.publications) == ["a", "k"]


def test_year_ranges() -> None:
    assert parse_year_range("2018-2020") == (2018, 2020)
    assert parse_year_range("2019-") == (2019, None)
    assert parse_year_range("-2020") == (None, 2020)
    assert parse_year_range("2020") == (2020, 2020)
    with pytest.raises(ValueError, match="not a year range"):
        parse_year_range("last year")
    with pytest.raises(ValueError, match="ends before it starts"):
        parse_year_range("2020-2018")


def test_selection_and_order(bib) -> None:  # type: ignore[no-untyped-def]
    pubs = list(bib.publications.values())
    keys = [p.key for p in select_publications(pubs)]
    assert keys == [
        "many2022", "doe2021waves", "doe2020fast", "doe2020early",
        "roe2019book", "wang2019zh", "doe2018thesis",
    ]  # fmt: skip
    assert [p.key for p in select_publications(pubs, types=["Article"])] == [
        "many2022",
        "doe2021waves",
    ]
    assert [p.key for p in select_publications(pubs, years=(2019, 2020))] == [
        "doe2020fast", "doe2020early", "roe2019book", "wang2019zh",
    ]  # fmt: skip
    assert [p.key for p in select_publications(pubs, keywords=["WAVES"])] == ["doe2021waves"]
    assert [p.key for p in select_publications(pubs, selected=True)] == ["doe2020fast"]


def test_grouping(bib) -> None:  # type: ignore[no-untyped-def]
    pubs = select_publications(bib.publications.values())
    assert [h for h, _ in group_publications(pubs, "year")] == [
        "2022", "2021", "2020", "2019", "2018",
    ]  # fmt: skip
    assert [h for h, _ in group_publications(pubs, "type")] == [
        "Journal articles", "Books", "Conference papers", "Theses", "Other",
    ]  # fmt: skip
    assert group_publications(pubs, "none") == [("", pubs)]


def test_fast_latex_decoding_matches_latexcodec() -> None:
    """The memoised word-by-word decoder gives latexcodec's output (or its error) exactly."""
    import codecs
    import random

    from sphinx_cv.publications.bib.latex import decode_latex

    def run(decode: Callable[[str], str], text: str) -> str:
        try:
            return decode(text)
        except UnicodeDecodeError:
            return "<error>"

    tokens = ["a", "B", " ", "  ", "\n", "\\", "\\AA", '\\"', "o", "{", "}", "-", "--", "~",
              "``", "''", "\\&", "é", "\\c", "\\v{r}", "$", "\\ ", "%", "\\\\", "x"]  # fmt: skip
    rng = random.Random(2020)
    for _ in range(5000):
        text = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 14)))
        if rng.random() < 0.8:
            text = " ".join(text.split())  # what pybtex hands over
        expected = run(lambda t: codecs.decode(t, "ulatex"), text)
        assert run(decode_latex, text) == expected, text


def test_url_and_href_commands_become_text() -> None:
    bib = load_bibliography(
        "@misc{k, title = {See \\href{javascript:alert(1)}{here}},"
        " note = {Online at \\url{https://example.org/x}}, year = 2020}"
    )
    assert bib.problems == []
    text = plain(bib.publications["k"].formatted)
    assert text == "See here. 2020. Online at https://example.org/x."


def test_links_written_as_html_anchors_and_blank_fields() -> None:
    """A lab page's export (``url = {<a href="…">…</a>}``) gives its address; fields that
    show nothing, or end in space, put no space before the final period."""
    text = (
        "@misc{a, author = {Doe, Jane}, title = {Some research},\n"
        '  url = {<a href="https://lab.example.org/p?a=1&amp;b=2">PDF</a>}}\n'
        "@misc{b, author = {Doe, Jane}, title = {Some research~}, howpublished = {{ }}}\n"
        "@misc{c, author = {Doe, Jane}, title = {Some research { }}, note = { {~} }}\n"
    )
    bib = load_bibliography(text)
    assert bib.problems == []
    assert [link.url for link in bib.publications["a"].links] == [
        "https://lab.example.org/p?a=1&b=2"
    ]
    for key in "abc":
        assert plain(bib.publications[key].formatted) == "Jane Doe. Some research."


def test_one_cause_repeated_is_said_once() -> None:
    """300 entries with the same problem: one message with the count and the first lines;
    other causes stay separate."""
    entries = "".join(
        f"@misc{{k{i},\n  title = {{T{i}}},\n  url = {{ftp://example.org/{i}}},\n}}\n"
        for i in range(300)
    )
    text = entries + "@misc{y, title = {Y}, year = {MMXX}}\n"
    bib = load_bibliography(text)
    assert len(bib.problems) == 301
    said = summarize(bib.problems)
    assert len(said) == 2
    first, other = said
    assert first.line == 1
    assert first.message.startswith("entry 'k0': url 'ftp://example.org/0' is not an http(s)")
    assert first.message.endswith("[and 299 more like it, at lines 5, 9, 13, 17, 21, …]")
    assert other.line == 1201
    assert "year 'MMXX' is not a year" in other.message
    assert len(bib.publications) == 301


def test_names_in_chinese_japanese_and_korean_read_family_name_first() -> None:
    """With a comma (``王, 星尧``) or without (``山田 太郎``, as such names are written)."""
    text = (
        "@article{k, author = {王, 星尧 and Wang, Xingyao and 山田 太郎 and 김 민준},"
        " title = {T}, journal = {J}, year = 2020}\n"
    )
    pub = load_bibliography(text, owners=["王, 星尧"]).publications["k"]
    assert pub.authors == ("王星尧", "Xingyao Wang", "山田太郎", "김민준")
    assert plain(pub.formatted).startswith("王星尧, Xingyao Wang, 山田太郎, and 김민준. T.")
    assert pub.formatted[0] == Span(OWNER, ("王星尧",))


def test_a_macro_that_calls_itself_does_not_grow_without_end() -> None:
    body = "\\a" * 20
    text = f'@preamble{{"\\newcommand{{\\a}}{{{body}}}"}}\n@misc{{k, title = {{\\a x}}}}\n'
    bib = load_bibliography(text)  # seconds and gigabytes before the bound
    assert len(bib.publications["k"].title) < 2000
    assert "(\\a)" in bib.problems[0].message


TAGGED_BIB = """\
@misc{tagged,
  title    = {Tagged},
  tags     = {industry, ML ml},
  keywords = {Machine Learning; C++, Computer Vision, industry},
  selected = {true},
}

@misc{keywords_only,
  title    = {Keywords},
  keywords = {Deep Learning},
}

@misc{plain,
  title = {Plain},
}
"""


def test_publication_tags_from_tags_keywords_and_selected() -> None:
    bib = load_bibliography(TAGGED_BIB)
    tags = {key: pub.tags for key, pub in bib.publications.items()}
    assert tags == {
        # The tags field, the keywords that read as tags (not "C++"), and `selected`.
        "tagged": ("computer-vision", "industry", "machine-learning", "ml", "selected"),
        "keywords_only": ("deep-learning",),
        "plain": (),
    }
    # Keywords are separated by commas or semicolons, and kept as written.
    assert bib.publications["tagged"].keywords == (
        "Machine Learning", "C++", "Computer Vision", "industry"
    )  # fmt: skip
    # A bad word in `tags` is reported at its entry (keywords are free text: never).
    assert [(p.line, p.message) for p in bib.problems] == [
        (
            1,
            "entry 'tagged': tags: \"ML\" is not a tag: a tag is lower-case letters, digits, "
            '"-" and "_", starting with a letter or a digit; write "ml"',
        )
    ]
    # `tags` is for this page: not in the BibTeX block to copy.
    assert "tags" not in bib.publications["tagged"].bibtex
    assert "Tagged" in bib.publications["tagged"].bibtex
