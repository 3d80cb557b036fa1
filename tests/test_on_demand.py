"""Long publication lists: abstracts and BibTeX come from files of the site when opened."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import sphinx_build
from sphinx_cv.nodes import on_demand_name
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
    assert demand.select(".cv-abstract p:not(.cv-on-demand)") == []
    blocks = {
        item["id"]: item.select_one("pre.cv-bibtex").get_text()
        for item in inline.select("li.cv-publication")
        if item.select_one("pre.cv-bibtex")
    }
    assert blocks
    for key, bibtex in blocks.items():
        details = demand.select_one(f"li#{key} details[data-cv-bib]")
        href = details["data-cv-bib"]
        assert details.select_one("a")["href"] == href  # the link, without JavaScript
        assert (builds["demand"] / href).read_text(encoding="utf-8") == bibtex + "\n"
    (abstract,) = inline.select(".cv-abstract")
    key = abstract.find_parent("li")["id"]
    href = demand.select_one(f"li#{key} details[data-cv-abstract]")["data-cv-abstract"]
    text = (builds["demand"] / href).read_text(encoding="utf-8")
    assert text == abstract.select_one("p").get_text() + "\n"
    assert len((builds["demand"] / "index.html").read_bytes()) < len(
        (builds["inline"] / "index.html").read_bytes()
    )


def test_file_names_are_safe_for_any_key() -> None:
    assert on_demand_name("doe2020", ".bib") == "doe2020.bib"
    odd = on_demand_name("a/b:c", ".bib")
    assert "/" not in odd
    assert ":" not in odd
    assert odd != on_demand_name("a_b_c", ".bib")


def test_dirhtml_links_from_nested_pages(copy_root: Callable[..., Path]) -> None:
    src = copy_root("publications")
    out = src / "_dirhtml"
    assert sphinx_build(src, "-D", "cv_details_inline_max=0", builder="dirhtml", out=out) == (0, "")
    page = soup(out / "other" / "index.html")
    for details in page.select("details[data-cv-bib]"):
        assert (out / "other" / details["data-cv-bib"]).resolve().is_file()


def test_files_of_keys_no_page_lists_go(copy_root: Callable[..., Path]) -> None:
    src = copy_root("publications")
    assert sphinx_build(src, "-D", "cv_details_inline_max=0") == (0, "")
    assert (src / "_build" / "_cv" / "many2022.bib").is_file()
    bib = src / "refs.bib"
    text = bib.read_text()
    start = text.index("@article{many2022")
    bib.write_text(text[:start] + text[text.index("\n}\n", start) + 3 :])
    for page in ("index.md", "other.md", "plain.md"):
        path = src / page
        path.write_text(path.read_text().replace("many2022", "doe2021waves"))
    assert sphinx_build(src, "-D", "cv_details_inline_max=0") == (0, "")
    assert not (src / "_build" / "_cv" / "many2022.bib").exists()
    assert (src / "_build" / "_cv" / "doe2021waves.bib").is_file()


def test_opening_fetches_and_keeps_the_copy_button(builds: dict[str, Path]) -> None:
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("no Chromium (CI=true: the browser tests must run)")
        pytest.skip("no Chromium on this machine: apt-get install chromium")
    with serve(builds["demand"]) as base, browser(executable) as chromium:
        context: Any = chromium.new_context()  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(f"{base}index.html", wait_until="networkidle")
        details = page.locator("details[data-cv-bib]").first
        details.locator("summary").click()
        pre = details.locator("pre.cv-bibtex")
        pre.wait_for()
        assert pre.inner_text().startswith("@")
        assert details.locator("button.cv-copy").count() == 1
        abstract = page.locator("details[data-cv-abstract]").first
        abstract.locator("summary").click()
        abstract.locator("p:not(.cv-on-demand)").wait_for()
        context.close()
        # Without JavaScript, the link opens the file itself.
        context = chromium.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(f"{base}index.html", wait_until="networkidle")
        link = page.locator("details[data-cv-bib] a").first
        response = page.request.get(f"{base}{link.get_attribute('href')}")
        assert response.status == 200
        assert response.text().startswith("@")
        context.close()
