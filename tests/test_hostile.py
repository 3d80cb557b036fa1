"""Hostile and broken input: every mistake gets a clear message at its file and line, the
build fails as it should, no Python traceback, and nothing turns into markup or script."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import OLD_MYST, myst_words, sphinx_build

Root = Callable[..., Path]

GOOD_BIB = """\
@misc{a,
  title = {A},
  year = 2020,
}

@misc{b,
  title = {B},
  year = 2021,
}
"""
PLAIN = "# Other\n\nNothing to cite.\n"
SAFE_SCHEMES = {"http", "https", "mailto", ""}


def build(copy_root: Root, *, bib: str = GOOD_BIB, other: str = PLAIN) -> tuple[int, str, str]:
    """Build the publications root with ``bib`` and ``other.md``; (status, stderr, all HTML)."""
    src = copy_root("publications", refs__bib=bib, other__md=other)
    status, err = sphinx_build(src)
    html = "\n".join(p.read_text() for p in (src / "_build").glob("*.html"))
    return status, err.replace(f"{src}/", ""), html


def assert_no_injection(html: str) -> None:
    """No element, attribute or link made of input: scripts are the site's own, JSON-LD is
    JSON with every ``<`` escaped."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(["script", "iframe", "img", "object", "embed", "svg"]):
        if tag.name == "script" and tag.get("type") == "application/ld+json":
            assert "<" not in tag.string
            json.loads(tag.string)
            continue
        assert "alert" not in str(tag), tag
    for tag in soup.find_all(True):
        for attr in tag.attrs:
            assert not attr.lower().startswith("on"), tag
    for link in soup.find_all(href=True):
        target = link["href"].split("#", 1)[0]
        scheme = target.split(":", 1)[0].lower() if ":" in target else ""
        assert scheme in SAFE_SCHEMES, link


# -- .bib files ---------------------------------------------------------------------------

#: Before and after each bad entry: entries that must still be listed.
BEFORE = "@misc{z1,\n  title = {Zeta before},\n}\n\n"
AFTER = "\n@misc{z2,\n  title = {Zeta after},\n}\n"
NOT_CLOSED = "this entry is not closed: a '{' has no matching '}' before the next entry"
LOST = "; the entry is left out, the others are read"
BAD_ENTRIES = [
    ("unclosed brace at the end", "@misc{a,\n  title = {A},\n  year = 2020,\n", 5,
     NOT_CLOSED + LOST),
    ("unclosed entry in the middle", GOOD_BIB.replace("  year = 2020,\n}", "  year = 2020,"), 5,
     NOT_CLOSED + LOST),
    ("unclosed field brace", "@misc{a,\n  title = {A,\n  year = 2020,\n}\n", 5, NOT_CLOSED),
    ("missing comma between fields", "@misc{a,\n  title = {A}\n  year = 2020,\n}\n", 7,
     "syntax error: '}' expected (end each field with a comma, and the entry with '}')" + LOST),
    ("missing equals sign", "@misc{a,\n  title {A},\n}\n", 6,
     "syntax error: '=' expected (write each field as name = {value}"),
    ("stray words in an entry", "@misc{a,\n  title = {A},\n  oops here\n}\n", 7,
     "syntax error: '=' expected"),
    ("bad number", "@misc{a,\n  title = {A},\n  year = 20x0,\n}\n", 7,
     "syntax error: '}' expected"),
    ("unbalanced quotes", '@misc{a,\n  title = "A,\n  year = 2020,\n}\n', 8,
     "syntax error: unbalanced braces (check this entry's braces and double quotes)"),
    ("duplicate key", GOOD_BIB.replace("@misc{b,", "@misc{a,"), 10,
     "duplicate key 'a': the entry at line 5 has the same key; rename one of them "
     "(this one is left out)"),
    ("duplicate key, other case", GOOD_BIB.replace("@misc{b,", "@misc{A,"), 10,
     "duplicate key 'A': the entry at line 5 has the same key"),
    ("duplicate field", "@misc{a,\n  title = {A},\n  title = {B},\n}\n", 5,
     "entry 'a' has two 'title' fields; keep one (the first is used)"),
    ("missing key", "@misc{,\n  title = {A},\n}\n", 5, "entry has no key; write @type{key, …}"),
    ("lone at sign", "@\n", 5, NOT_CLOSED),
    ("undefined macro", "@misc{a,\n  title = {A},\n  howpublished = ijcai,\n}\n", 7,
     "entry 'a': howpublished = ijcai names a @string macro that is not defined; it is shown "
     "as the text 'ijcai'. Define it before the entry (@string{ijcai = {…}}) or write the "
     "text in braces: howpublished = {ijcai}"),
    ("macro name outside ASCII", "@string{Zürich = {Zurich}}\n@misc{a,\n  title = {A},\n"
     "  address = Zürich,\n}\n", 5,
     "the @string macro name 'Zürich' has letters outside ASCII, which BibTeX cannot read"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("bib", "line", "message"), [c[1:] for c in BAD_ENTRIES], ids=[c[0] for c in BAD_ENTRIES]
)
def test_a_bad_entry_costs_only_itself(copy_root: Root, bib: str, line: int, message: str) -> None:
    """The error names its line and what to write, the build fails, and every other entry
    of the file is still listed."""
    status, err, html = build(copy_root, bib=BEFORE + bib + AFTER)
    assert status == 1
    assert f"refs.bib:{line}: ERROR: {message}" in err
    assert err.count("ERROR") == 1, err
    assert "Traceback" not in err
    assert "Zeta before" in html
    assert "Zeta after" in html
    assert "No publications match" not in html
    assert_no_injection(html)


def test_kept_entries_of_bad_input(copy_root: Root) -> None:
    """What is kept: the first of two keys, an undefined macro's name as text, an entry
    after a lost one; a citation of a lost entry adds no second message."""
    bib = (
        "@misc{a,\n  title = {First A},\n}\n"
        "@misc{a,\n  title = {Second A},\n}\n"
        "@misc{m,\n  title = {Macro},\n  howpublished = ijcai,\n}\n"
        "@misc{lost,\n  title = {Lost,\n}\n"
        "@misc{after,\n  title = {After the lost one},\n}\n"
    )
    status, err, html = build(copy_root, bib=bib, other="# Other\n\n{cite}`lost`\n")
    assert status == 1
    assert "First A" in html
    assert "Second A" not in html
    assert "ijcai" in html
    assert "After the lost one" in html
    assert "unknown key" not in err
    assert err.count("ERROR") == 3, err


@pytest.mark.parametrize("cut", range(10, len(GOOD_BIB) - 2, 7))
def test_truncated_bib_at_many_positions(copy_root: Root, cut: int) -> None:
    """Cut the file anywhere: an error at a line of the file, never a traceback."""
    bib = GOOD_BIB[:cut]
    status, err, _ = build(copy_root, bib=bib)
    assert "Traceback" not in err
    if status == 0:  # the cut fell between entries: the first entry is whole
        assert err == ""
        return
    match = re.search(r"refs\.bib:(\d+): ERROR: ", err)
    assert match, err
    assert 1 <= int(match.group(1)) <= bib.count("\n") + 1


WARNED = [
    ("missing required field", "@article{k,\n  title = {T},\n  year = 2020,\n}\n",
     ["entry 'k': @article needs the fields author and journal; add author = {…}, "
      "journal = {…} (it is listed with what it has)"]),
    ("unknown entry type", "@frobnicate{k,\n  title = {T},\n}\n",
     ["entry 'k': unknown entry type @frobnicate; it is listed as @misc. Use one of: article, "
      "book"]),
    ("control characters", "@misc{k,\n  title = {A\x07B\x1bC},\n  note = {x\x00y},\n}\n",
     ["entry 'k': title contains control characters; they are removed",
      "entry 'k': note contains control characters; they are removed"]),
    ("LaTeX pybtex cannot decode", "@misc{k,\n  title = {\\foo{bar} and \\unknowncmd},\n}\n",
     ["entry 'k': title has LaTeX that cannot be turned into text (\\foo, \\unknowncmd)"]),
    ("lone backslash", "@misc{k,\n  title = {oops \\},\n}\n",
     ["entry 'k': title has a backslash that starts no LaTeX command; "
      "write \\textbackslash{} for a backslash"]),
    ("bad year", "@misc{k,\n  title = {T},\n  year = {MMXX},\n}\n",
     ["entry 'k': year 'MMXX' is not a year; write four digits, e.g. year = 2020"]),
    ("bad month", "@misc{k,\n  title = {T},\n  year = 2020,\n  month = {Smarch},\n}\n",
     ["entry 'k': month 'Smarch' names no month; write e.g. month = aug"]),
    ("no entries at all", "just some words, no entries\n",
     ["no entries found; an entry looks like @article{key, title = {…}, …}"]),
]  # fmt: skip


@pytest.mark.parametrize(("bib", "messages"), [c[1:] for c in WARNED], ids=[c[0] for c in WARNED])
def test_entry_problems_are_warnings_at_the_entry(
    copy_root: Root, bib: str, messages: list[str]
) -> None:
    status, err, html = build(copy_root, bib=bib)
    assert status == 1  # -W
    for message in messages:
        assert f"refs.bib:1: WARNING: {message}" in err
    assert "Traceback" not in err
    assert "\x07" not in html
    assert "\x00" not in html
    assert_no_injection(html)


SCRIPTS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '"><svg onload=alert(1)>',
    "</textarea><script>alert(1)</script>",
]


FIELDS = ["title", "author", "journal", "abstract", "keywords", "note", "publisher", "key"]


@pytest.mark.parametrize("payload", SCRIPTS)
def test_markup_in_any_field_stays_text(copy_root: Root, payload: str) -> None:
    """One file, one entry per field that carries ``payload`` (each cited): all text."""
    braced = payload.replace("{", "").replace("}", "")
    entries, keys = [], []
    for field in FIELDS:
        key = f"k{field}" if field != "key" else "kkey" + re.sub(r"[\s,{}()\"#%'=]", "", braced)
        fields = {"title": "T", "author": "Doe, Jane", "journal": "J", "year": "2020"}
        if field != "key":
            fields[field] = f"{field} {braced}" if field != "author" else f"Doe, {braced}"
        body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
        entries.append(f"@article{{{key},\n{body},\n}}\n")
        keys.append(key)
    cites = " ".join(f"{{cite}}`{key}`" for key in keys)
    status, err, html = build(copy_root, bib="\n".join(entries), other=f"# Other\n\n{cites}\n")
    assert "Traceback" not in err
    assert status in (0, 1)
    assert_no_injection(html)
    text = BeautifulSoup(html, "html.parser").get_text()
    for field in ("title", "abstract", "journal"):  # shown, as text
        assert f"{field} {braced}" in text, field


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        'https://example.org/" onmouseover="alert(1)',
    ],
)
@pytest.mark.parametrize("style", ["cv", "unsrt"])
def test_unsafe_links_are_dropped_with_a_warning(copy_root: Root, link: str, style: str) -> None:
    """One entry per field that takes a link, each with ``link``: each is said, none kept."""
    fields = ["url", "pdf", "code", "slides", "doi"]
    bib = "".join(
        f"@misc{{k{field},\n  title = {{T}},\n  {field} = {{{link}}},\n}}\n" for field in fields
    )
    listing = f"# P\n\n```{{publications}}\n:style: {style}\n```\n\n```{{toctree}}\n:hidden:\n\nother\nplain\n```\n"  # noqa: E501
    src = copy_root("publications", refs__bib=bib, other__md=PLAIN, index__md=listing)
    status, err = sphinx_build(src)
    err = err.replace(f"{src}/", "")
    html = "\n".join(p.read_text() for p in (src / "_build").glob("*.html"))
    assert status == 1
    for n, field in enumerate(fields):
        assert f"refs.bib:{4 * n + 1}: WARNING: entry 'k{field}': {field} " in err, err
    assert "the link is left out" in err
    assert "javascript:" not in html.lower()
    assert "vbscript:" not in html.lower()
    assert "data:text/html" not in html
    assert_no_injection(html)


def test_huge_fields(copy_root: Root) -> None:
    title = "word " * 50_000
    abstract = "x" * 200_000
    bib = f"@misc{{k,\n  title = {{{title}}},\n  abstract = {{{abstract}}},\n  year = 2020,\n}}\n"
    status, err, html = build(copy_root, bib=bib)
    assert (status, err) == (0, "")
    assert abstract in html


# -- Directives ---------------------------------------------------------------------------

ENTRY = "# CV\n\n```{{experience}} {title}\n{options}\n\n{body}\n```\n"
DIRECTIVE_CASES = [
    ("no title", "", ":organization: A\n:start: 2020", 3, "WARNING",
     "experience: experience needs a title after the directive name, e.g. "
     "```{experience} Software Engineer"),
    ("missing organization", "T", ":start: 2020", 3, "WARNING",
     "experience: experience 'T' has no 'organization'; add ':organization: …'"),
    ("empty option", "T", ":organization:\n:start: 2020", 3, "WARNING",
     "experience: field 'organization' is empty; give it a value (employer or lab) or "
     "remove it"),
    ("duplicated option", "T", ":organization: A\n:organization: B\n:start: 2020", 5, "WARNING",
     "experience: option 'organization' is given twice (lines 4 and 5); keep one"),
    ("misspelled option", "T", ":organisation: A\n:start: 2020", 4, "WARNING",
     "'experience': Unknown option key: 'organisation'"),
    ("impossible month", "T", ":organization: A\n:start: 2020-13", 3, "WARNING",
     "experience: start: '2020-13' is not a date: month 13 does not exist (use 01 to 12)"),
    ("impossible day", "T", ":organization: A\n:start: 2021-02-30", 3, "WARNING",
     "experience: start: '2021-02-30' is not a date: day 30 does not exist in 2021-02"),
    ("words for a date", "T", ":organization: A\n:start: May 2020", 3, "WARNING",
     "experience: start: 'May 2020' is not a date; write YYYY, YYYY-MM, YYYY-MM-DD or 'present'"),
    ("inverted range", "T", ":organization: A\n:start: 2021-05\n:end: 2020-09", 3, "WARNING",
     "experience: dates: the end (2020-09) is before the start (2021-05); swap them or fix "
     "the year"),
    ("start present", "T", ":organization: A\n:start: present", 3, "WARNING",
     "experience: start: 'present' is not a start; write the date it began"),
    ("far-future date", "T", ":organization: A\n:start: 2202-01", 3, "WARNING",
     "experience: start: '2202-01' is not a date: year 2202 is out of range (1900–2100); "
     "check the digits"),
    ("far-past date", "T", ":organization: A\n:start: 0019-09", 3, "WARNING",
     "experience: start: '0019-09' is not a date: year 19 is out of range (1900–2100)"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("title", "options", "line", "level", "message"),
    [c[1:] for c in DIRECTIVE_CASES],
    ids=[c[0] for c in DIRECTIVE_CASES],
)
def test_directive_mistakes(
    page_project: Callable[..., Path],
    title: str,
    options: str,
    line: int,
    level: str,
    message: str,
) -> None:
    src = page_project(ENTRY.format(title=title, options=options, body="Body."))
    status, err = sphinx_build(src)
    assert status == 1
    where = "" if OLD_MYST and "Unknown option key" in message else f"index.md:{line}: "
    assert f"{where}{level}: {myst_words(message)}" in err
    assert "Traceback" not in err


def test_near_future_and_non_ascii_are_fine(page_project: Callable[..., Path]) -> None:
    src = page_project(
        "# CV\n\n```{education} Licence d’informatique — 計算機科学\n"
        ":institution: Université Paris-Saclay\n:start: 2026-09\n:end: 2029-06\n"
        ":honors: Mention très bien\n```\n"
    )
    assert sphinx_build(src) == (0, "")
    html = (src / "_build" / "index.html").read_text()
    assert "Licence d’informatique — 計算機科学" in html
    assert "Sep 2026 – Jun 2029" in html


def test_markup_in_directive_options_stays_text(page_project: Callable[..., Path]) -> None:
    src = page_project(
        ENTRY.format(
            title="<script>alert(1)</script>",
            options=':organization: <img src=x onerror=alert(1)>\n:unit: x"><svg onload=alert(1)>'
            "\n:location: <iframe src=javascript:alert(1)>\n:start: 2020",
            body="Body.",
        )
    )
    assert sphinx_build(src) == (0, "")
    html = (src / "_build" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert_no_injection(html)


def test_yaml_option_block(page_project: Callable[..., Path]) -> None:
    src = page_project(
        "# CV\n\n```{experience} T\n---\norganization: A\norganization: B\nstart: 2020-05\n"
        "---\n```\n"
    )
    status, err = sphinx_build(src)
    assert status == 1
    assert "experience: option 'organization' is given twice (lines 5 and 6); keep one" in err


# -- The cite role ------------------------------------------------------------------------

ROLE_CASES = [
    ("unknown key", "{cite}`c`", "cite: unknown key 'c'"),
    ("near miss", "{cite}`aa`", "cite: unknown key 'aa'; did you mean 'a'?"),
    ("empty", "{cite}` `", "cite: no key given; write {cite}`key` or {cite}`key1,key2`"),
    ("only commas", "{cite}`,`", "cite: no key given"),
    ("trailing comma", "{cite}`a,`", "cite: empty key in 'a,'; separate keys by single commas"),
    ("double comma", "{cite}`a,,b`", "cite: empty key in 'a,,b'"),
    ("spaces in key", "{cite}`a b`", "cite: unknown key 'a b'"),
    # <…> holds the keys, around it are notes: markup is text either way.
    ("markup as key", "{cite}`<script>alert(1)</script>`", "cite: unknown key 'script'"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("role", "message"), [c[1:] for c in ROLE_CASES], ids=[c[0] for c in ROLE_CASES]
)
def test_role_mistakes(copy_root: Root, role: str, message: str) -> None:
    status, err, html = build(copy_root, other=f"# Other\n\nSee {role}.\n")
    assert status == 1
    assert f"other.md:3: WARNING: {message}" in err
    assert "Traceback" not in err
    assert_no_injection(html)


def test_raw_html_in_an_entry_is_shown_as_text(page_project: Callable[..., Path]) -> None:
    src = page_project(
        ENTRY.format(
            title="T",
            options=":organization: A\n:start: 2020",
            body="Before <b onclick=alert(1)>bold</b>.\n\n<script>alert(2)</script>\n",
        )
    )
    status, err = sphinx_build(src)
    assert status == 1
    assert "index.md:3: WARNING: experience: raw html in an entry is shown as text" in err
    html = (src / "_build" / "index.html").read_text()
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert_no_injection(html)
