"""The site in a real browser: Debian's Chromium driven by Playwright.

Without a browser these tests skip with the reason, except under ``CI=true``,
where a missing browser (or axe-core) is a failure.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

import pytest
from conftest import TESTS
from support import PAGES, browser, compressed_size, find_chromium, first_visit, serve

AXE = TESTS / "browser" / "node_modules" / "axe-core" / "axe.min.js"


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: the browser tests must run)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        _missing("no Chromium on this machine: apt-get install chromium")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _missing("the playwright package is not installed")
    assert executable is not None
    with browser(executable) as handle:
        yield handle


@pytest.fixture(scope="module")
def base_url(cv_build: dict[str, Path]) -> Iterator[str]:
    with serve(cv_build["html"]) as url:
        yield url


@pytest.fixture
def context(chromium: Any) -> Iterator[Any]:
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield ctx
    ctx.close()


def open_page(context: Any, url: str) -> tuple[Any, list[str]]:
    """A loaded page and the problems seen while loading it."""
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.goto(url, wait_until="networkidle")
    return page, problems


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_cleanly(context: Any, base_url: str, name: str) -> None:
    page, problems = open_page(context, f"{base_url}{name}.html")
    assert problems == []
    assert page.title()
    description = page.locator("meta[name=description]").get_attribute("content")
    assert description
    assert page.locator("meta[property='og:title']").count() == 1
    assert page.locator("meta[name='twitter:card']").count() == 1


#: A first visit to any page: at most this many requests and compressed bytes (issue 12).
MAX_REQUESTS = 12
MAX_BYTES = 100 * 1024


@pytest.mark.parametrize("name", PAGES)
def test_a_first_visit_fits_the_budget(chromium: Any, base_url: str, name: str) -> None:
    """Everything the page needs (HTML, CSS, JS, images, fonts), with an empty cache."""
    bodies = first_visit(chromium, f"{base_url}{name}.html")
    assert f"{base_url}{name}.html" in bodies
    assert len(bodies) <= MAX_REQUESTS, sorted(bodies)
    assert compressed_size(bodies) <= MAX_BYTES
    assert not [url for url in bodies if url.split("?")[0].endswith((".woff", ".woff2", ".ttf"))]


def test_internal_links_and_anchors_resolve(context: Any, base_url: str) -> None:
    page = context.new_page()
    seen: dict[str, set[str]] = {}
    broken: list[str] = []
    for name in PAGES:
        url = f"{base_url}{name}.html"
        page.goto(url, wait_until="load")
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            if not href.startswith(base_url):
                continue
            target, fragment = urldefrag(href)
            if target not in seen:
                response = page.request.get(target)
                if response.status != 200:
                    broken.append(f"{name}: {href} ({response.status})")
                    continue
                seen[target] = set()
                if target.endswith(".html"):
                    probe = context.new_page()
                    probe.goto(target, wait_until="load")
                    seen[target] = set(
                        probe.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
                    )
                    probe.close()
            if fragment and fragment not in seen[target]:
                broken.append(f"{name}: {href} (no #{fragment})")
    assert broken == []
    assert urljoin(base_url, "publications.html") in seen


def test_dark_mode_switch_changes_colours_and_persists(context: Any, base_url: str) -> None:
    page, _ = open_page(context, f"{base_url}index.html")

    def background() -> str:
        return page.evaluate("getComputedStyle(document.body).backgroundColor")

    light = background()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    button = page.locator("button.cv-mode")
    assert button.get_attribute("aria-pressed") == "false"
    button.click()
    page.wait_for_function("document.documentElement.dataset.theme === 'dark'")
    assert button.get_attribute("aria-pressed") == "true"
    dark = background()
    assert dark != light
    card = page.evaluate("getComputedStyle(document.querySelector('.sd-card')).backgroundColor")
    assert card != "rgb(255, 255, 255)"
    # Persists across pages and reloads.
    page.goto(f"{base_url}experience.html", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert background() == dark
    entry = page.evaluate("getComputedStyle(document.querySelector('.cv-entry')).backgroundColor")
    assert entry != "rgb(255, 255, 255)"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_owner_is_bold_text_not_a_link(chromium: Any, base_url: str, scheme: str) -> None:
    ctx = chromium.new_context(color_scheme=scheme)
    page = ctx.new_page()
    page.goto(f"{base_url}publications.html", wait_until="networkidle")
    owner, text = page.evaluate(
        """() => {
        const owner = document.querySelector("strong.cv-owner");
        const style = getComputedStyle(owner), around = getComputedStyle(owner.parentElement);
        return [[style.textDecorationLine, style.fontWeight, style.color], around.color];
    }"""
    )
    ctx.close()
    assert owner[0] == "none"  # no underline
    assert int(owner[1]) >= 700  # bold
    assert owner[2] == text  # the text's colour (axe checks its contrast), not the links'


def test_follows_the_system_by_default(chromium: Any, base_url: str) -> None:
    ctx = chromium.new_context(color_scheme="dark")
    page = ctx.new_page()
    page.goto(f"{base_url}index.html", wait_until="networkidle")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    ctx.close()


def test_a_remembered_choice_applies_before_the_page_shows(chromium: Any, base_url: str) -> None:
    ctx = chromium.new_context(color_scheme="light")
    page = ctx.new_page()
    page.goto(f"{base_url}index.html", wait_until="networkidle")
    page.click("button.cv-mode")
    # As soon as the body exists (before any deferred script), the colours are dark.
    page.goto(f"{base_url}skills.html", wait_until="commit")
    page.wait_for_function("document.body !== null")
    theme, background = page.evaluate(
        "[document.documentElement.dataset.theme, getComputedStyle(document.documentElement)"
        ".getPropertyValue('--cv-bg').trim()]"
    )
    assert (theme, background) == ("dark", "#0d1117")
    ctx.close()


def test_without_javascript_the_system_decides(chromium: Any, base_url: str) -> None:
    ctx = chromium.new_context(color_scheme="dark", java_script_enabled=False)
    page = ctx.new_page()
    page.goto(f"{base_url}experience.html", wait_until="networkidle")
    assert page.locator("button.cv-mode").is_hidden()  # a switch that cannot work is not shown
    background = page.locator("body").evaluate("b => getComputedStyle(b).backgroundColor")
    assert background == "rgb(13, 17, 23)"
    ctx.close()


@pytest.mark.parametrize("name", PAGES)
def test_mobile_layout(chromium: Any, base_url: str, name: str) -> None:
    ctx = chromium.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = ctx.new_page()
    page.goto(f"{base_url}{name}.html", wait_until="networkidle")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 375px"
    # Every section's link is on screen, big enough to tap, and none overlaps another.
    links = [link.bounding_box() for link in page.locator("nav.cv-nav a").all()]
    assert len(links) == len(PAGES)
    for box in links:
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 375
        assert box["height"] >= 24
    for a, b in itertools.pairwise(links):
        assert a["y"] + a["height"] <= b["y"] + 1 or a["x"] + a["width"] <= b["x"]
    assert page.locator("nav.cv-nav a[aria-current=page]").count() == 1
    # Entries stack: the dates sit under the title, not beside it.
    for entry in page.locator("article.cv-entry").all():
        title = entry.locator(".cv-entry-title").bounding_box()
        dates = entry.locator(".cv-entry-dates").bounding_box()
        assert dates["y"] >= title["y"] + title["height"] - 1
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_accessibility(chromium: Any, base_url: str, name: str, scheme: str) -> None:
    if not AXE.is_file():
        _missing("axe-core is not installed: npm ci --prefix tests/browser")
    ctx = chromium.new_context(color_scheme=scheme)
    page = ctx.new_page()
    page.goto(f"{base_url}{name}.html", wait_until="networkidle")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert serious == []
    ctx.close()


def _jsonld(page: Any) -> list[Any]:
    texts = page.eval_on_selector_all(
        "script[type='application/ld+json']", "els => els.map(e => e.textContent)"
    )
    return [json.loads(t) for t in texts]


def test_structured_data(context: Any, base_url: str) -> None:
    page, _ = open_page(context, f"{base_url}index.html")
    (person,) = _jsonld(page)
    assert person["@type"] == "Person"
    assert person["name"] == "Xingyao Wang"
    assert person["email"] == "mailto:xingyaow@umich.edu"
    assert person["sameAs"] == ["https://www.linkedin.com/in/xingyao-wang"]
    assert person["jobTitle"] == "Undergraduate Researcher"
    assert [s["name"] for s in person["alumniOf"]] == [
        "University of Michigan",
        "Tianjin University",
    ]
    page.goto(f"{base_url}publications.html", wait_until="load")
    (article,) = _jsonld(page)
    assert article["@type"] == "ScholarlyArticle"
    assert article["@context"] == "https://schema.org"
    assert article["headline"].startswith("Lane Extraction and Quality Evaluation")
    assert len(article["author"]) == 7
    assert article["identifier"]["value"] == "10.1109/MIPR49039.2020.00010"
    assert article["datePublished"] == "2020-08"
    for name in ["experience", "skills"]:
        page.goto(f"{base_url}{name}.html", wait_until="load")
        assert _jsonld(page) == []
