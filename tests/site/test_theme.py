"""The ``sphinx_cv`` website theme: a complete site from three settings, a header from
``cv_person``, clean titles and descriptions, lean pages; the extension in other themes."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, sphinx_build
from PIL import Image
from sphinx_cv.site.icons import service_of


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def theme_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    src = tmp_path_factory.mktemp("theme") / "src"
    shutil.copytree(ROOTS / "test-theme", src)
    status, err = sphinx_build(src)
    assert (status, err) == (0, "")
    return src / "_build"


def test_three_settings_make_a_complete_site(theme_site: Path) -> None:
    """conf.py holds only extensions, html_theme and cv_person."""
    index, experience = soup_of(theme_site / "index.html"), soup_of(theme_site / "experience.html")
    assert index.title.string == "Jane Doe"  # not "Jane Doe — Jane Doe"
    assert experience.title.string == "Experience — Jane Doe"
    for page in (index, experience):
        assert not page.select(".sphinxsidebar, .bd-sidebar, .related")  # no empty columns
        nav = [(a.get_text(), a.get("aria-current")) for a in page.select("nav.cv-nav a")]
        assert [text for text, _ in nav] == ["Home", "Experience", "Education"]
    assert [current for _, current in nav] == [None, "page", None]
    assert index.select_one(".cv-tagline").get_text() == "Physicist working on quantum sensors."
    assert "cv-named" in index.select_one("main")["class"]  # the name is not shown twice
    assert experience.select_one(".cv-tagline") is None


def test_contact_links_are_inline_svg_icons(theme_site: Path) -> None:
    page = soup_of(theme_site / "experience.html")
    links = page.select("ul.cv-contact a")
    assert [(a["href"], a.get_text()) for a in links] == [
        ("mailto:jane@example.org", "jane@example.org"),
        ("https://github.com/janedoe", "GitHub"),
        ("https://orcid.org/0000-0002-1825-0097", "ORCID"),
        ("https://scholar.google.com/citations?user=abc", "Google Scholar"),
        ("https://mastodon.social/@jane", "Mastodon"),
        ("https://www.linkedin.com/in/janedoe", "LinkedIn"),
        ("https://jane.example.org/", "jane.example.org"),
    ]
    for a in links:
        svg = a.find("svg")
        assert svg["aria-hidden"] == "true"
        assert svg.find(["path", "rect", "circle"])
    assert all("me" in a["rel"] for a in links[1:])  # profiles are the person's own
    html = (theme_site / "experience.html").read_text(encoding="utf-8")
    assert "fa-" not in html
    assert "fontawesome" not in html


@pytest.mark.parametrize(
    ("url", "service"),
    [
        ("https://gitlab.com/jane", "gitlab"),
        ("https://dblp.org/pid/12/345.html", "dblp"),
        ("https://www.semanticscholar.org/author/123", "semanticscholar"),
        ("https://twitter.com/jane", "x"),
        ("https://x.com/jane", "x"),
        ("https://bsky.app/profile/jane.bsky.social", "bluesky"),
        ("https://scholar.google.de/citations?user=1", "googlescholar"),
        ("https://fosstodon.org/@jane", "mastodon"),
        ("https://example.org/@media/x.png", "website"),
        ("https://github.com.evil.example/x", "website"),
    ],
)
def test_profiles_are_recognised_by_their_address(url: str, service: str) -> None:
    assert service_of(url) == service


def test_pages_load_only_what_they_use(theme_site: Path) -> None:
    for name in ("index", "experience", "education"):
        page = soup_of(theme_site / f"{name}.html")
        for script in page.select("script[src]"):  # none blocks rendering
            assert script.has_attr("defer") or script.has_attr("async"), script
        sources = " ".join(s["src"] for s in page.select("script[src]"))
        assert "searchtools" not in sources
        assert "doctools" not in sources
        assert "design-tabs" not in sources  # no tabs on these pages
        styles = [link["href"] for link in page.select("link[rel=stylesheet]")]
        assert not any("pygments" in href for href in styles)  # no code on these pages
        # The mode is set before any stylesheet loads: no flash of the wrong colours.
        loads = page.head.select("script:not([type]), link[rel=stylesheet]")
        assert loads[0].name == "script"
        assert "localStorage" in loads[0].string
        assert page.head.select_one("link[rel=icon]")["href"].startswith("data:image/svg+xml,")


def test_every_page_has_a_clean_description(theme_site: Path) -> None:
    expected = {
        "index": "Physicist working on quantum sensors.",
        "experience": "Research Scientist, Quantum Labs.",
        "education": "PhD in Physics, University of Somewhere.",
    }
    for name, text in expected.items():
        page = soup_of(theme_site / f"{name}.html")
        assert page.select_one("meta[name=description]")["content"] == text
        assert page.select_one("meta[property='og:description']")["content"] == text
        assert page.select_one("meta[name='twitter:card']")["content"] == "summary"
    assert (
        soup_of(theme_site / "index.html").select_one("meta[property='og:type']")["content"]
        == "profile"
    )


def test_descriptions_read_as_sentences(page_project: Callable[..., Path]) -> None:
    src = page_project(
        "# Notes\n\n**Coursera**\n\n- Deep Learning\n- Python for Everybody\n\n"
        ":Email: x@example.org\n\nSee the paper [^1] , and more.\n\n[^1]: A note.\n",
        conf__py='extensions = ["myst_parser", "sphinx_cv"]\nhtml_theme = "sphinx_cv"\n'
        'myst_enable_extensions = ["fieldlist"]\n',
    )
    assert sphinx_build(src) == (0, "")
    content = soup_of(src / "_build" / "index.html").select_one("meta[name=description]")
    assert content["content"] == (
        "Coursera: Deep Learning, Python for Everybody. See the paper, and more."
    )


def test_the_photo_is_made_small(page_project: Callable[..., Path]) -> None:
    src = page_project("# Jane Doe\n\nHello.\n")
    Image.new("RGB", (1200, 1600), (200, 120, 40)).save(src / "me.jpg", quality=95)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_cv"]\nhtml_theme = "sphinx_cv"\n'
        'html_baseurl = "https://jane.example.org/"\n'
        'cv_person = {"name": "Jane Doe", "image": "me.jpg", "image_alt": "Jane in the lab"}\n'
    )
    assert sphinx_build(src) == (0, "")
    page = soup_of(src / "_build" / "index.html")
    img = page.select_one("img.cv-photo")
    assert (img["width"], img["height"], img["alt"]) == ("144", "192", "Jane in the lab")
    written = src / "_build" / img["src"]
    assert written.stat().st_size < 20_000 < (src / "me.jpg").stat().st_size
    with Image.open(written) as photo:
        assert photo.size == (144, 192)
    og = page.select_one("meta[property='og:image']")["content"]
    assert og == "https://jane.example.org/" + img["src"]
    assert re.fullmatch(r"_static/me-[0-9a-f]{8}\.jpg", img["src"])


def test_a_missing_photo_is_a_warning_that_says_what_to_write(
    page_project: Callable[..., Path],
) -> None:
    src = page_project("# Jane\n")
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_cv"]\nhtml_theme = "sphinx_cv"\n'
        'cv_person = {"name": "Jane", "image": "nope.jpg"}\n'
    )
    status, err = sphinx_build(src)
    assert status == 1
    assert "conf.py:3: WARNING: cv_person['image']:" in err
    assert "nope.jpg" in err
    assert "relative to conf.py" in err


@pytest.mark.parametrize(
    ("person", "words"),
    [
        ({"name": "J", "twitter": "x"}, "unknown key 'twitter'; the keys are name, email"),
        ({"name": "J", "email": "mailto:j@x.org"}, "write the address alone"),
        ({"name": "J", "sameAs": ["github.com/j"]}, "'sameAs' is a list of http(s) addresses"),
        ({"name": "J", "url": "javascript:alert(1)"}, "write an http(s) address"),
    ],
)
def test_cv_person_is_checked(
    page_project: Callable[..., Path], person: dict[str, object], words: str
) -> None:
    src = page_project("# J\n")
    (src / "conf.py").write_text(
        f'extensions = ["sphinx_cv", "myst_parser"]\ncv_person = {person!r}\n'
    )
    status, err = sphinx_build(src)
    assert status == 1
    assert words in err


def test_a_font_of_ones_own(page_project: Callable[..., Path]) -> None:
    conf = 'extensions = ["myst_parser", "sphinx_cv"]\nhtml_theme = "sphinx_cv"\n'
    src = page_project(
        "# J\n", conf__py=conf + 'html_theme_options = {"font_family": "Inter, sans-serif"}\n'
    )
    assert sphinx_build(src) == (0, "")
    assert ":root { --cv-font: Inter, sans-serif; }" in (src / "_build" / "index.html").read_text()
    bad = page_project(
        "# J\n", conf__py=conf + 'html_theme_options = {"font_family": "x;} body{"}\n'
    )
    status, err = sphinx_build(bad)
    assert status == 1
    assert "is not a CSS font-family list" in err
    assert "body{" not in (bad / "_build" / "index.html").read_text()


def test_the_website_tag(page_project: Callable[..., Path]) -> None:
    src = page_project(
        "# J\n\n```{only} not website\nIn print.\n```\n\n```{only} website\nOn the web.\n```\n"
    )
    assert sphinx_build(src) == (0, "")
    html = (src / "_build" / "index.html").read_text()
    assert "On the web." in html
    assert "In print." not in html
    assert sphinx_build(src, builder="text", out=src / "_text") == (0, "")
    text = (src / "_text" / "index.txt").read_text()
    assert "In print." in text
    assert "On the web." not in text


@pytest.mark.parametrize("theme", ["alabaster", "furo", "pydata_sphinx_theme", "sphinx_cv"])
def test_components_work_in_other_themes(copy_root: Callable[..., Path], theme: str) -> None:
    src = copy_root("site")
    status, err = sphinx_build(src, "-D", f"html_theme={theme}")
    assert (status, err) == (0, "")
    jobs = soup_of(src / "_build" / "jobs.html")
    assert jobs.select("article.cv-entry .cv-entry-title")
    assert any("sphinx_cv.css" in link["href"] for link in jobs.select("link[rel=stylesheet]"))
    pubs = soup_of(src / "_build" / "pubs.html")
    assert pubs.select(".cv-publication-list > li strong.cv-owner")
    # One viewport tag: the theme's, not docutils' too (pydata's layout adds its own to basic's).
    viewports = 2 if theme == "pydata_sphinx_theme" else 1
    assert len(jobs.select('head meta[name="viewport"]')) == viewports


def test_titles_are_escaped_once(page_project: Callable[..., Path]) -> None:
    src = page_project(
        "# Jane\n\n```{toctree}\nrnd\n```\n",
        rnd__md="# R&D\n\nText.\n",
        conf__py='extensions = ["myst_parser", "sphinx_cv"]\nhtml_theme = "sphinx_cv"\n'
        'cv_person = {"name": "Jane"}\n',
    )
    assert sphinx_build(src) == (0, "")
    assert "<title>Jane</title>" in (src / "_build" / "index.html").read_text()
    html = (src / "_build" / "rnd.html").read_text()
    assert "<title>R&amp;D — Jane</title>" in html
    assert '<meta property="og:title" content="R&amp;D">' in html
