"""The experience and education directives through real Sphinx builds."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import OLD_MYST, myst_words, sphinx_build
from sphinx.testing.util import SphinxTestApp
from sphinx_cv.domain import cv_domain
from sphinx_cv.nodes import cv_entry


def soup_of(app: SphinxTestApp, page: str = "index") -> BeautifulSoup:
    return BeautifulSoup((app.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.sphinx("html", testroot="entries")
def test_html_card_with_every_option(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    soup = soup_of(app)
    cards = soup.select("article.cv-entry")
    assert len(cards) == 4
    job = cards[0]
    # A sphinx-design card, with the entry's kind, its :class: and its :name: anchor.
    assert {"sd-card", "cv-entry-experience", "highlighted"} <= set(job["class"])
    assert job["id"] == "vision-job"
    assert job.select_one(".sd-card-body")
    assert squash(job.select_one(".cv-entry-title").get_text()) == "Research Engineer"
    assert squash(job.select_one(".cv-entry-subtitle").get_text()) == "Example Labs · Vision Team"
    assert squash(job.select_one(".cv-entry-dates").get_text()) == "May 2020 – Sep 2020 (5 months)"
    assert squash(job.select_one(".cv-entry-location").get_text()) == "Berlin, Germany"
    body = job.select_one(".cv-entry-body")
    assert body.find("strong").get_text() == "things"
    assert body.find("a", href="https://example.org")
    assert body.find("sub").get_text() == "roles"
    assert [li.get_text(strip=True) for li in body.select("ol li")] == ["nested one", "nested two"]

    ta = cards[1]
    assert squash(ta.select_one(".cv-entry-dates").get_text()) == "Sep 2019 – Present"
    assert ta.select_one(".cv-entry-location") is None
    assert ta.select_one(".cv-entry-body") is None
    assert squash(cards[2].select_one(".cv-entry-dates").get_text()) == "Mar 4, 2021"

    edu = cards[3]
    assert "cv-entry-education" in edu["class"]
    assert squash(edu.select_one(".cv-entry-title").get_text()) == "Master of Science in Physics"
    assert squash(edu.select_one(".cv-entry-subtitle").get_text()) == "Example University"
    assert squash(edu.select_one(".cv-entry-details").get_text()) == (
        "GPA: 3.9 / 4.0 · Summa cum laude"
    )
    assert squash(edu.select_one(".cv-entry-dates").get_text()) == "2017 – 2019"
    assert edu.select_one(".cv-entry-body em").get_text() == "waves"
    # The stylesheet ships with the package and is linked from the page.
    assert soup.find("link", href=re.compile(r"_static/sphinx_cv\.css"))
    assert (app.outdir / "_static" / "sphinx_cv.css").is_file()


@pytest.mark.sphinx("html", testroot="entries", confoverrides={"language": "de"})
def test_dates_in_german(app: SphinxTestApp) -> None:
    app.build()
    dates = [squash(p.get_text()) for p in soup_of(app).select(".cv-entry-dates")]
    assert dates == [
        "Mai 2020 – Sept. 2020 (5 Monate)",
        "Sept. 2019 – heute",
        "04.03.2021",
        "2017 – 2019",
    ]


@pytest.mark.sphinx(
    "html",
    testroot="entries",
    confoverrides={"cv_present_label": "now", "cv_show_duration": True},
)
def test_config_values(app: SphinxTestApp, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1610668800")  # 2021-01-15
    app.build()
    dates = [squash(p.get_text()) for p in soup_of(app).select(".cv-entry-dates")]
    assert dates[1] == "Sep 2019 – now (1 year, 5 months)"


@pytest.mark.sphinx("text", testroot="entries")
def test_text_output_keeps_every_field(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    for fact in [
        "Research Engineer",
        "Example Labs · Vision Team",
        "May 2020 – Sep 2020 (5 months)",
        "Berlin, Germany",
        "Built **things** with a link",
        "1. nested one",
        "Sep 2019 – Present",
        "Master of Science in Physics",
        "Example University",
        "GPA: 3.9 / 4.0 · Summa cum laude",
        "2017 – 2019",
        "Paris, France",
        "Thesis on *waves*",
    ]:
        assert fact in text, fact
    # Title comes before its dates and its body.
    assert text.index("Research Engineer") < text.index("May 2020") < text.index("Built **things**")


@pytest.mark.sphinx("latex", testroot="entries")
def test_latex_output_keeps_every_field(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    for fact in [
        r"\sphinxstylestrong{Research Engineer}",
        "Example Labs",
        "Vision Team",
        r"May 2020 \textendash{} Sep 2020 (5 months)",
        "Berlin, Germany",
        r"\sphinxstylestrong{things}",
        r"\sphinxhref{https://example.org}{a link}",
        "nested one",
        r"Sep 2019 \textendash{} Present",
        "GPA: 3.9 / 4.0",
        "Summa cum laude",
        r"\sphinxstyleemphasis{waves}",
    ]:
        assert fact in tex, fact


@pytest.mark.sphinx("man", testroot="entries")
def test_man_output(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    page = next(app.outdir.glob("*.1")).read_text(encoding="utf-8")
    assert "Research Engineer" in page
    assert "Summa cum laude" in page


@pytest.mark.sphinx("singlehtml", testroot="entries")
def test_singlehtml_output(app: SphinxTestApp) -> None:
    app.build()
    assert app.warning.getvalue() == ""
    assert len(soup_of(app).select("article.cv-entry")) == 4


# -- Errors: message, file:line, and a failing build under -W -------------------------

GOOD = """\
```{{experience}} Engineer
:organization: ACME
:start: 2020-01
{extra}
```
"""


@pytest.mark.parametrize(
    ("extra", "line", "message"),
    [
        (
            ":end: 2020-13",
            1,
            "experience: end: '2020-13' is not a date: month 13 does not exist (use 01 to 12); "
            "write YYYY, YYYY-MM, YYYY-MM-DD or 'present'",
        ),
        (
            ":end: 2019-12",
            1,
            "experience: dates: the end (2019-12) is before the start (2020-01); "
            "swap them or fix the year",
        ),
        (":end: next year", 1, "experience: end: 'next year' is not a date"),
        (
            ":orgnization: typo",
            4,
            "'experience': Unknown option key: 'orgnization' (allowed: ['class', 'duration', "
            "'end', 'location', 'name', 'organization', 'start', 'tags', 'unit', 'url', "
            "'when'])",
        ),
    ],
)
def test_errors_stop_the_build_at_file_and_line(
    page_project: Callable[..., Path],
    extra: str,
    line: int,
    message: str,
) -> None:
    src = page_project("# CV\n\n" + GOOD.format(extra=extra))
    status, err = sphinx_build(src)
    assert status == 1
    if not (OLD_MYST and "Unknown option key" in message):
        assert f"index.md:{line + 2}:" in err
    assert myst_words(message) in err
    assert "Traceback" not in err


def test_missing_required_field(
    page_project: Callable[..., Path],
) -> None:
    src = page_project("# CV\n\n```{education} BSc\n:start: 2017\n```\n")
    status, err = sphinx_build(src)
    assert status == 1
    assert "index.md:3: WARNING: education: education 'BSc' has no 'institution'" in err


def test_valid_page_builds_clean(
    page_project: Callable[..., Path],
) -> None:
    src = page_project("# CV\n\n" + GOOD.format(extra=":end: present"))
    status, err = sphinx_build(src)
    assert (status, err) == (0, "")


def test_restructuredtext_works_too(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["sphinx_cv"]\n')
    (tmp_path / "index.rst").write_text(
        "CV\n==\n\n.. experience:: Engineer\n   :organization: ACME\n   :start: 2020-01\n\n"
        "   Did *things*.\n\n.. education:: BSc\n   :institution: Uni\n   :start: 2020-13\n"
    )
    status, err = sphinx_build(tmp_path)
    assert status == 1
    assert "index.rst:10: WARNING: education: start: '2020-13' is not a date" in err
    html = (tmp_path / "_build" / "index.html").read_text()
    assert "<em>things</em>" in html


TAGGED = """\
# CV

```{{experience}} Engineer
:organization: ACME
:start: 2020-01
{job_tags}

Did *things*.
```

```{{skill}} Python
{skill_tags}
```

```{{education}} BSc
:institution: Uni
:start: 2017
```
"""


def tagged_page(job_tags: str = "", skill_tags: str = "") -> str:
    return TAGGED.format(job_tags=job_tags, skill_tags=skill_tags)


def test_tags_are_recorded_on_the_record_and_the_node(
    make_app: type[SphinxTestApp], page_project: Callable[..., Path]
) -> None:
    src = page_project(tagged_page(":tags: ml, industry ml", ":tags: industry"))
    app = make_app("html", srcdir=src)
    app.build()
    assert app.warning.getvalue() == ""
    records = list(cv_domain(app.env).iter_entries())
    assert [(r.entry.title, r.tags) for r in records] == [
        ("Engineer", ("industry", "ml")),
        ("Python", ("industry",)),
        ("BSc", ()),  # untagged
    ]
    doctree = app.env.get_doctree("index")
    assert [n["cv-tags"] for n in doctree.findall(cv_entry)] == [list(r.tags) for r in records]


def test_a_bad_tag_warns_at_its_line_and_the_entry_keeps_the_rest(
    make_app: type[SphinxTestApp], page_project: Callable[..., Path]
) -> None:
    src = page_project(tagged_page(":tags: industry, Machine Learning", ":tags: c++"))
    app = make_app("html", srcdir=src)
    app.build()
    warnings = app.warning.getvalue()
    assert (
        'index.md:3: WARNING: experience: "Machine" is not a tag: a tag is lower-case letters, '
        'digits, "-" and "_", starting with a letter or a digit; write "machine"'
    ) in warnings
    assert 'index.md:3: WARNING: experience: "Learning" is not a tag' in warnings
    # No tag reads like "c++": the message gives an example instead.
    assert 'index.md:11: WARNING: skill: "c++" is not a tag' in warnings
    assert 'a letter or a digit; write e.g. "industry"' in warnings
    assert "Traceback" not in warnings
    records = list(cv_domain(app.env).iter_entries())
    assert [(r.entry.title, r.tags) for r in records] == [
        ("Engineer", ("industry",)),
        ("Python", ()),
        ("BSc", ()),
    ]
    assert "Did <em>things</em>." in (app.outdir / "index.html").read_text(encoding="utf-8")


def test_tags_do_not_change_the_page(page_project: Callable[..., Path]) -> None:
    pages = []
    for job_tags, skill_tags in [("", ""), (":tags: industry, ml", ":tags: academic")]:
        src = page_project(tagged_page(job_tags, skill_tags))
        assert sphinx_build(src) == (0, "")
        pages.append((src / "_build" / "index.html").read_text(encoding="utf-8"))
    untagged, tagged = pages
    assert "cv-entry-experience" in tagged
    assert tagged == untagged


def test_a_rebuild_writes_the_dates_it_knows_without_babel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each entry's dates as text are kept with the environment: a rebuild after an edit
    writes known dates without formatting them again (Babel's CLDR data stays unloaded);
    a date not known yet is formatted, and each page reads as a clean build's would."""
    from sphinx_cv.entries import directives

    src = tmp_path / "cv"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_cv"]\nproject = "Jane"\n')
    job = "```{experience} Engineer\n:organization: Acme\n:start: 2020-05\n:end: %s\n\n- %s\n```\n"
    (src / "index.md").write_text("# Jane\n\n" + job % ("2021-09", "Built things."))
    out = tmp_path / "out"
    assert sphinx_build(src, out=out) == (0, "")
    formatted: list[object] = []
    real = directives.format_range

    def counted(dates: object, *args: object, **kwargs: object) -> str:
        formatted.append(dates)
        return real(dates, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(directives, "format_range", counted)
    (src / "index.md").write_text("# Jane\n\n" + job % ("2021-09", "Built more things."))
    assert sphinx_build(src, out=out) == (0, "")
    assert formatted == []
    assert "May 2020 – Sep 2021" in (out / "index.html").read_text()
    (src / "index.md").write_text("# Jane\n\n" + job % ("2022-01", "Built more things."))
    assert sphinx_build(src, out=out) == (0, "")
    assert formatted  # a new date: formatted once the page is read
    assert "May 2020 – Jan 2022" in (out / "index.html").read_text()
    assert "Sep 2021" not in (out / "index.html").read_text()
