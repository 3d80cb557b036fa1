"""Long publication lists: abstracts and BibTeX are files of the site, shown when asked for."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build
from support import browser, find_chromium, serve


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture
def builds(copy_root: Callable[..., Path]) -> dict[str, Path]:
    """The same listing inline (the default for short lists) and on demand."""
    inline, demand = copy_root("publications"), copy_root("publications")
    assert sphinx_build(inline) == (0, "")
    assert sphinx_build(demand, "-D", "cv_details_inline_max=0") == (0, "")
    return {"inline": inline / "_build", "demand": demand / "_build"}


def test_the_page_links_files_that_hold_what_it_held(builds: dict[str, Path]) -> None:
    inline = soup(builds["inline"] / "index.html")
    demand = soup(builds["demand"] / "index.html")
    assert demand.select("pre.cv-bibtex") == []
    assert demand.select("details") == []
    blocks = {
        item["id"]: item.select_one("pre.cv-bibtex").get_text()
        for item in inline.select(".cv-publication-list > li")
        if item.select_one("pre.cv-bibtex")
    }
    assert blocks
    for key, bibtex in blocks.items():
        link = demand.select_one(f"li#{key} .cv-pub-links a.cv-bib")
        assert link.get_text() == "BibTeX"
        assert (builds["demand"] / link["href"]).read_text(encoding="utf-8") == bibtex + "\n"
    (abstract,) = inline.select(".cv-abstract")
    key = abstract.find_parent("li")["id"]
    href = demand.select_one(f"li#{key} a.cv-abstract")["href"]
    text = (builds["demand"] / href).read_text(encoding="utf-8")
    assert text == abstract.select_one("p").get_text() + "\n"
    assert len((builds["demand"] / "index.html").read_bytes()) < len(
        (builds["inline"] / "index.html").read_bytes()
    )


def test_dirhtml_links_from_nested_pages(copy_root: Callable[..., Path]) -> None:
    src = copy_root("publications")
    (src / "listed.md").write_text("---\norphan: true\n---\n# Listed\n\n```{publications}\n```\n")
    out = src / "_dirhtml"
    assert sphinx_build(src, "-D", "cv_details_inline_max=0", builder="dirhtml", out=out) == (0, "")
    page = soup(out / "listed" / "index.html")
    links = page.select("a.cv-bib, a.cv-abstract")
    assert links
    for link in links:
        assert link["href"].startswith("../_cv/")
        assert (out / "listed" / link["href"]).resolve().is_file()


def test_one_page_outputs_keep_them_in_the_page(copy_root: Callable[..., Path]) -> None:
    """singlehtml (and the PDF, made the same way) have no site to fetch the files from."""
    src = copy_root("publications")
    out = src / "_single"
    status = sphinx_build(src, "-D", "cv_details_inline_max=0", builder="singlehtml", out=out)
    assert status == (0, "")
    page = soup(out / "index.html")
    assert page.select("details.cv-bibtex-details pre.cv-bibtex")
    assert page.select("details.cv-abstract")
    assert page.select("a.cv-bib, a.cv-abstract") == []
    assert not (out / "_cv").exists()


def test_files_of_keys_no_page_lists_go(copy_root: Callable[..., Path]) -> None:
    src = copy_root("publications")
    assert sphinx_build(src, "-D", "cv_details_inline_max=0") == (0, "")
    assert list((src / "_build" / "_cv").glob("many2022-*.bib"))
    bib = src / "refs.bib"
    text = bib.read_text()
    start = text.index("@article{many2022")
    bib.write_text(text[:start] + text[text.index("\n}\n", start) + 3 :])
    for page in ("index.md", "other.md", "plain.md"):
        path = src / page
        path.write_text(path.read_text().replace("many2022", "doe2021waves"))
    assert sphinx_build(src, "-D", "cv_details_inline_max=0") == (0, "")
    assert not list((src / "_build" / "_cv").glob("many2022-*"))
    assert list((src / "_build" / "_cv").glob("doe2021waves-*.bib"))


def test_clicking_shows_the_file_under_the_entry_with_a_copy_button(
    builds: dict[str, Path],
) -> None:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no Chromium (CI=true: the browser tests must run)")
        pytest.skip("no Chromium on this machine: apt-get install chromium")
    with serve(builds["demand"]) as base, browser(executable) as chromium:
        context: Any = chromium.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(f"{base}index.html", wait_until="networkidle")
        link = page.locator("a.cv-bib").first
        entry = page.locator(".cv-publication-list > li", has=link)
        assert link.get_attribute("aria-expanded") == "false"
        # Two clicks while the file is fetched show it once.
        link.evaluate("a => { a.click(); a.click(); }")
        pre = entry.locator("pre.cv-bibtex")
        pre.wait_for()
        assert pre.inner_text().startswith("@")
        assert entry.locator("pre.cv-bibtex").count() == 1
        assert entry.locator("button.cv-copy").count() == 1
        assert link.get_attribute("aria-expanded") == "true"
        assert page.url == f"{base}index.html"  # the page stayed
        link.press(" ")  # Space, as on a button, hides it
        pre.wait_for(state="hidden")
        assert link.get_attribute("aria-expanded") == "false"
        link.click()
        pre.wait_for()
        abstract = page.locator("a.cv-abstract").first
        abstract.click()
        shown = page.locator(".cv-publication-list > li", has=abstract).locator(".cv-abstract p")
        shown.wait_for()
        assert shown.inner_text()
        context.close()
        # Without JavaScript, the link opens the file itself.
        context = chromium.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(f"{base}index.html", wait_until="networkidle")
        link = page.locator("a.cv-bib").first
        with page.expect_navigation():
            link.click()
        assert page.url.endswith(".bib")
        assert "@" in page.content()
        context.close()


def test_a_long_list_keeps_its_json_ld_short(copy_root: Callable[..., Path]) -> None:
    """The JSON-LD of a long list names its first publications, without abstracts."""

    def articles(src: Path) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        for script in soup(src / "_build" / "index.html").select("script[type*=ld]"):
            found.extend(json.loads(script.string).get("@graph", []))
        return [d for d in found if d["@type"] == "ScholarlyArticle"]

    short, long = copy_root("publications"), copy_root("publications")
    assert sphinx_build(short) == (0, "")
    assert sphinx_build(long, "-D", "cv_details_inline_max=2") == (0, "")
    listed = soup(short / "_build" / "index.html").select(".cv-publication-list > li")
    everything = articles(short)
    assert len(everything) == len(listed) > 2
    assert any("abstract" in a for a in everything)
    first = articles(long)
    assert [a["headline"] for a in first] == [a["headline"] for a in everything[:2]]
    assert not any("abstract" in a for a in first)


def test_each_list_keeps_its_own_json_ld(copy_root: Callable[..., Path]) -> None:
    """A short list beside a long one keeps all its publications and abstracts."""
    src = copy_root("publications")
    index = src / "index.md"
    lists = "".join(
        f"```{{publications}}\n:years: {years}\n```\n\n"
        for years in ("2020-2020", "2018-2019", "2021-")
    )
    index.write_text(index.read_text().replace("```{publications}\n```\n", lists))
    assert sphinx_build(src, "-D", "cv_details_inline_max=2") == (0, "")
    page = soup(src / "_build" / "index.html")
    (short, long, other) = page.select(".cv-publications")
    assert short.select("details")
    assert not long.select("details")
    (script,) = page.select("script[type*=ld]")
    articles = json.loads(script.string)["@graph"]
    in_short = [li.select_one(".cv-pub-title, em").get_text() for li in short.select("li")]
    in_long = [li.select_one(".cv-pub-title, em").get_text() for li in long.select("li")]
    in_other = [li.select_one(".cv-pub-title, em").get_text() for li in other.select("li")]
    assert len(in_long) == 3
    assert [a["headline"] for a in articles] == in_short + in_long[:2] + in_other
    assert "abstract" in articles[in_short.index("Fast Things")]
    assert not any("abstract" in a for a in articles[len(in_short) : len(in_short) + 2])
