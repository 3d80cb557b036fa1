"""Property-based tests: random input never crashes the model or a build, never makes markup."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from conftest import ROOTS, sphinx_build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx_cv.model.dates import PRESENT, DateError, PartialDate, parse_date
from sphinx_cv.model.datetext import format_partial, format_range, get_locale
from sphinx_cv.model.entries import Education, EntryError, Experience, entry_from_fields
from sphinx_cv.publications.bib import load_bibliography, plain
from test_hostile import assert_no_injection

EN, DE = get_locale("en"), get_locale("de")

# Anything a hand-edited file may hold: markup, LaTeX, quotes, any script, control characters.
NASTY = st.sampled_from(
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
     "{", "}", "\\", "\\\"o", "--", "~", "%", "$", "&amp;", "'", '"', "`", "@", ",", "=",
     "\x00", "\x07", "\u202e", "計算機", "é", "—", " ", "\t"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=6), NASTY), max_size=8).map("".join)
LINE = TEXT.map(lambda t: " ".join(t.split()))  # one line, as an option value must be
DATES = st.one_of(
    TEXT,
    st.from_regex(r"\A[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?\Z"),
    st.sampled_from(["present", "Present", "2020-02-29", "2021-02-29", "1899", "2101"]),
)


MODEL = settings(max_examples=150, deadline=None)


@MODEL
@given(DATES)
def test_any_date_parses_or_says_why(text: str) -> None:
    try:
        value = parse_date(text)
    except DateError as err:
        assert "YYYY, YYYY-MM, YYYY-MM-DD or 'present'" in str(err)
        return
    assert value is PRESENT or isinstance(value, PartialDate)
    if isinstance(value, PartialDate):
        assert value.first_day <= value.last_day
        assert str(value.year) in format_partial(value, EN)
        assert str(value.year) in format_partial(value, DE)


@MODEL
@given(
    title=TEXT,
    values=st.dictionaries(
        st.sampled_from([*Experience.fields(), *Education.fields(), "colour", "organisation"]),
        st.one_of(TEXT, DATES, st.none()),
        max_size=7,
    ),
    kind=st.sampled_from([Experience, Education]),
)
def test_any_entry_builds_or_says_which_field(title: str, values: dict, kind: type) -> None:
    try:
        entry = entry_from_fields(kind, title, values)
    except EntryError as err:
        required = {f.name for f in kind.fields().values() if f.required}
        assert err.field is None or err.field in values or err.field in required
        return
    assert entry.title == title.strip()
    text = format_range(entry.dates, EN, duration=True, today=dt.date(2026, 11, 26))
    if entry.start is None:  # an entry without dates (as RenderCV allows), or an end alone
        assert text == ("" if entry.end is None else text)
        return
    assert str(entry.start.year) in text
    assert text.endswith(")") == (entry.end is not None)


@MODEL
@given(
    fields=st.dictionaries(
        st.sampled_from(["title", "journal", "abstract", "note", "url", "doi", "code", "year",
                         "month", "keywords", "pages", "publisher"]),
        TEXT,
        max_size=6,
    ),
    author=TEXT,
    kind=st.sampled_from(["article", "misc", "inproceedings", "weird"]),
)  # fmt: skip
def test_any_bib_entry_loads_or_names_its_line(fields: dict, author: str, kind: str) -> None:
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in {**fields, "author": author}.items())
    text = f"% random\n@{kind}{{key,\n{body}\n}}\n"
    bib = load_bibliography(text, owners=["Doe, Jane"])
    for problem in bib.problems:
        assert 1 <= problem.line <= text.count("\n") + 1
    for pub in bib.publications.values():
        for link in pub.links:
            assert link.url.startswith(("https://", "http://"))
        assert "\x00" not in plain(pub.formatted)


@MODEL
@given(TEXT.filter(lambda t: "@" not in t), TEXT)
def test_a_bad_entry_never_costs_its_neighbours(head: str, tail: str) -> None:
    """Whatever an entry holds, the entries before and after it are still listed."""
    text = (
        "@misc{before,\n  title = {Before},\n}\n"
        f"@misc{{bad,\n  title = {{{head}\n{tail}\n"
        "@misc{after,\n  title = {After},\n}\n"
    )
    bib = load_bibliography(text)
    assert {"before", "after"} <= set(bib.publications)
    for problem in bib.problems:
        assert 1 <= problem.line <= text.count("\n") + 1


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    title=LINE.filter(str.strip),
    organization=LINE,
    location=LINE,
    start=DATES.map(lambda d: " ".join(d.split())),
    body=TEXT,
    bib_title=TEXT,
    bib_url=TEXT,
)
def test_any_input_builds_without_crash_or_markup(
    title: str, organization: str, location: str, start: str, body: str, bib_title: str,
    bib_url: str,
) -> None:  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "site"
        shutil.copytree(ROOTS / "test-publications", src)
        with (src / "conf.py").open("a") as conf:  # as the flagship site: no raw HTML in pages
            conf.write('myst_disable_syntax = ["html_block", "html_inline"]\n')
        option_lines = [f":organization: {organization}", f":location: {location}",
                        f":start: {start}"]  # fmt: skip
        fence = "`" * 6
        (src / "other.md").write_text(
            f"# Other\n\n{fence}{{experience}} {title}\n" + "\n".join(option_lines)
            + f"\n\n{body}\n{fence}\n",
            encoding="utf-8",
        )  # fmt: skip
        (src / "refs.bib").write_text(
            f"@misc{{k,\n  title = {{{bib_title}}},\n  url = {{{bib_url}}},\n  year = 2020,\n}}\n",
            encoding="utf-8",
        )
        status, err = sphinx_build(src)
        assert status in (0, 1), err
        assert "Traceback" not in err
        html = "\n".join(p.read_text() for p in (src / "_build").glob("*.html"))
        assert_no_injection(html)
