"""Settings and rebuilds: every wrong ``cv_*`` value is one line at its place in conf.py that
says what to write (never Sphinx's crash report), ``http://`` addresses are as welcome as
``https://`` ones, and a build with nothing changed reads nothing and rewrites nothing."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, ROOTS, SOURCE_DATE_EPOCH, sphinx_build
from sphinx import locale
from sphinx.cmd.build import build_main
from sphinx.testing.util import SphinxTestApp
from sphinx_cv.model.sections import ENTRY_KINDS
from sphinx_cv.settings import SETTINGS, cv_settings

CONF = 'extensions = ["myst_parser", "sphinx_cv"]\nhtml_theme = "sphinx_cv"\n'

#: A wrong value of every setting (as conf.py writes it, on its line 3), and what the error
#: says about it.
BAD_VALUES = {
    "show_duration, text": ("cv_show_duration", '"yes"', "'yes' is not True or False"),
    "present_label, number": ("cv_present_label", "3", "3 is not text in quotes or None"),
    "bibfiles, number": ("cv_bibfiles", "3", "3 is not text in quotes or a list of texts"),
    "bibfiles, a number in the list": (
        "cv_bibfiles",
        '["refs.bib", 3]',
        "the list holds 3, which is not text in quotes",
    ),
    "bibfiles, no file": ("cv_bibfiles", '["nope.bib"]', "'nope.bib' does not exist"),
    "owner, dict": ("cv_owner", '{"Doe": 1}', "{'Doe': 1} is not text in quotes or a list"),
    "owner, blank": ("cv_owner", '[" "]', "write a name or a list of names"),
    "bibstyle, None": ("cv_bibstyle", "None", "None is not text in quotes"),
    "bibstyle, unknown": ("cv_bibstyle", '"fancy"', "style named 'fancy'; use 'cv'"),
    "max_authors, text": ("cv_max_authors", '"3"', "'3' is not a whole number"),
    "max_authors, True": ("cv_max_authors", "True", "True is not a whole number"),
    "max_authors, 0": ("cv_max_authors", "0", "0 is less than 1; write 1 or more"),
    "publication_group, unknown": (
        "cv_publication_group",
        '"month"',
        "'month' is not a choice; write 'year', 'type' or 'none'",
    ),
    "cite_style, unknown": (
        "cv_cite_style",
        '"apa"',
        "'apa' is not a choice; write 'author-year' or 'numeric'",
    ),
    "cite_style, list": ("cv_cite_style", '["numeric"]', "['numeric'] is not text in quotes"),
    "details_inline_max, -1": ("cv_details_inline_max", "-1", "-1 is less than 0"),
    "details_inline_max, float": ("cv_details_inline_max", "2.5", "2.5 is not a whole number"),
    "person, text": ("cv_person", '"Jane Doe"', "'Jane Doe' is not a dict or None"),
    "person, unknown key": ("cv_person", '{"name": "J", "twitter": "x"}', "unknown key 'twitter'"),
    "person, ftp url": (
        "cv_person",
        '{"name": "J", "url": "ftp://j.example.org/"}',
        "'url' is 'ftp://j.example.org/': write an http(s) address",
    ),
    "person, address without a host": (
        "cv_person",
        '{"name": "J", "sameAs": ["https://"]}',
        "'sameAs' is a list of http(s) addresses",
    ),
    "robots_txt, text": ("cv_robots_txt", '"no"', "'no' is not True or False"),
    "sitemap, text": ("cv_sitemap", '"no"', "'no' is not True or False"),
    "resume_json, 0": ("cv_resume_json", "0", "0 is not True or False"),
    "pdf_filename, number": ("cv_pdf_filename", "1", "1 is not text in quotes or None"),
    "pdf_filename, folder": ("cv_pdf_filename", '"pdf/cv.pdf"', "not a file name ending in .pdf"),
    "pdf_filename, no .pdf": ("cv_pdf_filename", '"cv"', "is not a file name ending in .pdf"),
    "pdf_paper, A5": ("cv_pdf_paper", '"A5"', "'A5' is not a choice; write 'letter' or 'a4'"),
    "pdf_paper, number": ("cv_pdf_paper", "4", "4 is not text in quotes"),
    "pdf_title, list": ("cv_pdf_title", '["CV"]', "['CV'] is not text in quotes or None"),
    "pdf_subject, number": ("cv_pdf_subject", "1", "1 is not text in quotes or None"),
    "pdf_keywords, number in the list": ("cv_pdf_keywords", '["a", 2]', "the list holds 2"),
    "variants, list": ("cv_variants", '["industry"]', "['industry'] is not a dict"),
    "variants, unknown key": (
        "cv_variants",
        '{"industry": {"pags": 1}}',
        "cv_variants['industry']: unknown key 'pags'; did you mean 'pages'?",
    ),
    "variants, bad tag": (
        "cv_variants",
        '{"industry": {"tags": ["Machine Learning"]}}',
        """cv_variants['industry']['tags']: "Machine Learning" is not a tag""",
    ),
    "variants, zero pages": (
        "cv_variants",
        '{"industry": {"pages": 0}}',
        "cv_variants['industry']['pages']: 0 is not a whole number of 1 or more",
    ),
    "variants, full": ("cv_variants", '{"full": {}}', "'full' is the whole CV"),
    "variants, name": ("cv_variants", '{"Industry": {}}', "'Industry' is not a variant's name"),
    "variants, file name": (
        "cv_variants",
        '{"a": {"filename": "x/a.pdf"}}',
        "'x/a.pdf' is not a file name ending in .pdf",
    ),
    "variants, publications": (
        "cv_variants",
        '{"a": {"publications": {"selected": "yes"}}}',
        "cv_variants['a']['publications']['selected']: 'yes' is not True or False",
    ),
    "pdf_variants, unknown": ("cv_pdf_variants", '"industry"', "'industry' is not a variant"),
    "pdf_variants, empty": ("cv_pdf_variants", '""', "it names no variant; the variants are full"),
    "pdf_variants, number": ("cv_pdf_variants", "1", "1 is not text in quotes, a list"),
    "twins, unknown form": ("cv_twins", '["txt", "pdf"]', "'pdf' is not a form of twin; write"),
    "twins, text": (
        "cv_twins",
        '"txt"',
        "'txt' is not a list of texts; write e.g. cv_twins = ['txt', 'md']",
    ),
    "pdf_download, True": ("cv_pdf_download", "True", "True is not text in quotes or None"),
    "pdf_with_site, text": ("cv_pdf_with_site", '"yes"', "'yes' is not True or False"),
}


def test_every_setting_has_bad_values() -> None:
    assert {s.name for s in SETTINGS} == {name for name, _, _ in BAD_VALUES.values()}


@pytest.mark.parametrize(("name", "value", "words"), BAD_VALUES.values(), ids=list(BAD_VALUES))
def test_a_wrong_setting_is_one_line_at_its_place_in_conf_py(
    page_project: Callable[..., Path], name: str, value: str, words: str
) -> None:
    src = page_project("# Jane\n", conf__py=f"{CONF}{name} = {value}\n")
    (src / "refs.bib").write_text("@misc{a, title = {A}, year = 2020}\n")
    status, err = sphinx_build(src)
    assert status == 1  # not 2: no crash
    assert "traceback" not in err.lower()
    [line] = err.splitlines()  # one line, and the build goes on with the default
    # The setting, or the key inside it (cv_variants['industry']['pages']: …).
    assert line.startswith(
        (f"{src / 'conf.py'}:3: ERROR: {name}: ", f"{src / 'conf.py'}:3: ERROR: {name}[")
    )
    assert words in line
    assert re.search(r"(write|use|e\.g\.|the keys are) ", line), "it says what to write"


def test_every_wrong_setting_is_reported_in_one_build(page_project: Callable[..., Path]) -> None:
    conf = f'{CONF}cv_show_duration = "yes"\ncv_max_authors = "3"\n\ncv_cite_style = "apa"\n'
    src = page_project("# Jane\n", conf__py=conf)
    status, err = sphinx_build(src, "-D", "cv_pdf_paper=tabloid")
    assert status == 1
    assert err.splitlines() == [
        f"{src / 'conf.py'}:3: ERROR: cv_show_duration: 'yes' is not True or False; write e.g. "
        "cv_show_duration = False [cv.config]",
        f"{src / 'conf.py'}:4: ERROR: cv_max_authors: '3' is not a whole number; write e.g. "
        "cv_max_authors = 10 [cv.config]",
        f"{src / 'conf.py'}:6: ERROR: cv_cite_style: 'apa' is not a choice; write "
        "'author-year' or 'numeric' [cv.config]",
        "ERROR: cv_pdf_paper (given with -D): 'tabloid' is not a choice; write 'letter' or 'a4' "
        "[cv.config]",
    ]


def test_a_wrong_setting_fails_the_build_without_w(page_project: Callable[..., Path]) -> None:
    src = page_project("# Jane\n", conf__py=f'{CONF}cv_pdf_paper = "A5"\n')
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = build_main(["-b", "html", "-q", str(src), str(src / "_build")])
    assert status == 1
    assert "cv_pdf_paper: 'A5' is not a choice" in err.getvalue()


def test_choices_are_taken_in_any_case(page_project: Callable[..., Path]) -> None:
    conf = f'{CONF}cv_pdf_paper = "A4"\ncv_cite_style = "Numeric"\ncv_publication_group = "None"\n'
    src = page_project("# Jane\n", conf__py=conf)
    app = SphinxTestApp("html", srcdir=src)
    try:
        config = app.config
        assert (config.cv_pdf_paper, config.cv_cite_style) == ("a4", "numeric")
        assert config.cv_publication_group == "none"
    finally:
        app.cleanup()


def test_a_person_without_a_name_is_a_warning(page_project: Callable[..., Path]) -> None:
    person = 'cv_person = {"email": "jane@example.org"}\n'
    src = page_project("# Jane\n", conf__py=CONF + person)
    status, err = sphinx_build(src)
    assert status == 1
    assert err.startswith(f"{src / 'conf.py'}:3: WARNING: cv_person has no 'name'")
    assert "write e.g. cv_person = {'name': 'Jane Doe'" in err

    named_by_author = page_project("# Jane\n", conf__py=CONF + 'author = "Jane Doe"\n' + person)
    assert sphinx_build(named_by_author) == (0, "")
    header = BeautifulSoup((named_by_author / "_build" / "index.html").read_text(), "html.parser")
    assert header.select_one(".cv-name").get_text() == "Jane Doe"
    assert header.select_one(".cv-contact a")["href"] == "mailto:jane@example.org"


def test_http_addresses_are_accepted_like_https(page_project: Callable[..., Path]) -> None:
    """Some personal and university sites have no https: the settings, the directives and
    the documentation all take both."""
    person = (
        'cv_person = {"name": "Jane Doe", "url": "http://jane.example.org/", '
        '"sameAs": ["http://example.edu/~jane", "https://github.com/janedoe"]}\n'
    )
    page = (
        "# Jane\n\n```{experience} Researcher\n:organization: Lab\n:start: 2020\n"
        ":url: http://lab.example.edu/\n```\n"
    )
    src = page_project(page, conf__py=CONF + person)
    assert sphinx_build(src) == (0, "")
    soup = BeautifulSoup((src / "_build" / "index.html").read_text(), "html.parser")
    links = [a["href"] for a in soup.select(".cv-contact a")]
    assert links == [
        "http://jane.example.org/",
        "http://example.edu/~jane",
        "https://github.com/janedoe",
    ]
    assert soup.select_one(".cv-entry-title a")["href"] == "http://lab.example.edu/"

    ftp = page_project(page.replace("http://lab", "ftp://lab"), conf__py=CONF)
    status, err = sphinx_build(ftp)
    assert status == 1
    assert "'ftp://lab.example.edu/' is not a web address; write one that starts with " in err
    assert "https:// or http://" in err
    for kind, model in ENTRY_KINDS.items():
        for name, field in model.fields().items():
            if field.kind == "url":
                assert "https://… or http://…" in field.help, (kind, name)


def build_logged(src: Path, out: Path, *args: str) -> tuple[int, str, str]:
    """sphinx-build as a user runs it, not quiet: (status, what it says, its warnings)."""
    said, warned = io.StringIO(), io.StringIO()
    locale.translators.clear()
    try:
        with contextlib.redirect_stdout(said), contextlib.redirect_stderr(warned):
            status = build_main(["-b", "html", "-W", "--keep-going", *args, str(src), str(out)])
    finally:
        locale.translators.clear()
    return status, said.getvalue(), warned.getvalue()


def files(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of an output folder: its modification time and its bytes."""
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def rewritten_by_a_rebuild(src: Path, out: Path, *args: str, exempt: str = "") -> set[str]:
    """Build ``src`` again with nothing changed: the files it wrote again (with the same
    bytes, except ``exempt``), after checking that it read nothing and saw no change of
    configuration."""
    before = files(out)
    status, said, warned = build_logged(src, out, *args)
    assert (status, warned) == (0, "")
    assert "The configuration has changed" not in said
    assert "updating environment: 0 added, 0 changed, 0 removed" in said
    after = files(out)
    assert after.keys() == before.keys()
    assert [n for n in after if n != exempt and after[n][1] != before[n][1]] == []
    return {name for name in after if after[name][0] != before[name][0]}


@pytest.fixture(scope="module")
def sphinx_rewrites(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """What Sphinx itself writes again on every build of a project with no extension and the
    ``basic`` theme (its index pages, search index and templated static files)."""
    src = tmp_path_factory.mktemp("plain")
    (src / "conf.py").write_text('html_theme = "basic"\n')
    (src / "index.rst").write_text("Title\n=====\n\nText.\n")
    assert build_logged(src, src / "_build")[0] == 0
    return rewritten_by_a_rebuild(src, src / "_build")


def test_a_rebuild_with_no_change_reads_and_writes_nothing(
    tmp_path: Path, sphinx_rewrites: set[str]
) -> None:
    src = tmp_path / "site"
    shutil.copytree(ROOTS / "test-site", src)
    with (src / "conf.py").open("a") as conf:
        conf.write('html_theme = "sphinx_cv"\ncv_person = {"name": "Jane Doe"}\n')
    assert build_logged(src, src / "_build")[::2] == (0, "")
    assert rewritten_by_a_rebuild(src, src / "_build") <= sphinx_rewrites


def test_the_flagship_cv_rebuilds_with_nothing_written(
    cv_build: dict[str, Path], sphinx_rewrites: set[str]
) -> None:
    """docs/ as ``nox -s build`` builds it, again: nothing read, no page, no PDF and no
    sitemap written (the sitemap keeps every page)."""
    out = cv_build["html"]
    doctrees = str(out.parent / f".doctrees-{out.name}")
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        rewritten = rewritten_by_a_rebuild(REPO / "docs", out, "-n", "-d", doctrees)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    assert rewritten <= sphinx_rewrites


# -- The settings object ---------------------------------------------------------------


def _settings_app(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path, conf: str
) -> SphinxTestApp:
    src = tmp_path / "src"
    src.mkdir(parents=True)
    (src / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (src / "index.md").write_text("# CV\n", encoding="utf-8")
    return make_app("html", srcdir=src)


def test_the_settings_are_one_frozen_object_per_build(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    app = _settings_app(
        make_app,
        tmp_path,
        'project = "Site"\nauthor = "Jane Doe"\ncv_cite_style = "Numeric"\n'
        'cv_owner = "Doe, Jane"\ncv_pdf_keywords = ["physics", "optics"]\ncv_pdf_paper = "A4"\n',
    )
    settings = cv_settings(app.config)
    assert settings is cv_settings(app.env.config)  # made once, whoever asks
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.max_authors = 3  # type: ignore[misc]
    assert settings.numeric_citations
    assert settings.owner == ("Doe, Jane",)
    assert settings.pdf_keywords == "physics, optics"
    assert settings.pdf_paper == "A4"
    # No cv_person: the author stands in, and the site goes by the person's name.
    assert settings.person is not None
    assert settings.person["name"] == "Jane Doe"
    assert (settings.owner_name, settings.owner_name_setting) == ("Jane Doe", "author")
    assert settings.site_name == "Jane Doe"


def test_the_site_name_is_html_title_only_when_conf_py_sets_it(
    make_app: Callable[..., SphinxTestApp], tmp_path: Path
) -> None:
    titled = _settings_app(make_app, tmp_path / "a", 'project = "P"\nhtml_title = "Jane\'s CV"\n')
    assert cv_settings(titled.config).site_name == "Jane's CV"
    untitled = _settings_app(make_app, tmp_path / "b", 'project = "P"\n')
    settings = cv_settings(untitled.config)
    assert (settings.site_name, settings.owner_name_setting, settings.person) == (
        "P",
        "project",
        None,
    )


def test_only_the_settings_module_reads_cv_settings_from_config() -> None:
    """``config.cv_*`` is read in settings.py alone: everything else asks cv_settings()."""
    package = REPO / "ext" / "sphinx_cv"
    readers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if path.name != "settings.py"
        and re.search(
            r"config\s*\.\s*cv_|config\[\s*['\"]cv_|getattr\([^)]*['\"]cv_|_raw_config",
            path.read_text(),
        )
    )
    assert readers == []
