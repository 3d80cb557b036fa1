"""What search engines and link previews read: JSON-LD in the pages, and robots.txt.

The home page carries a ``schema.org/Person`` built from ``cv_person`` and the
entries in the domain; each page that lists publications carries their
``ScholarlyArticle`` data. With ``html_baseurl`` set, ``robots.txt`` points
crawlers to the sitemap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .bib import Publication
from .bibcache import get_bibliography
from .jsonld import article_data, person_data, script_tag
from .shared import cv_domain, is_website

#: Sphinx's ``author`` when conf.py sets none.
_NO_AUTHOR = "Author name not set"


def person_settings(config: Any) -> dict[str, Any] | None:
    """``cv_person``, with the name defaulting to ``author``; None when no name is known."""
    person = dict(config.cv_person or {})
    if not person.get("name") and config.author and config.author != _NO_AUTHOR:
        person["name"] = config.author
    return person if person.get("name") else None


def page_url(app: Sphinx, pagename: str) -> str:
    base = str(app.config.html_baseurl or "")
    if not base:
        return ""
    return base.rstrip("/") + "/" + app.builder.get_target_uri(pagename)


def add_structured_data(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not is_website(app.builder) or doctree is None:
        return
    domain = cv_domain(app.env)
    tags: list[str] = []
    if pagename == app.config.root_doc:
        entries = [record.entry for record in domain.iter_entries()]
        url = page_url(app, pagename).removesuffix("index.html")
        person = person_settings(app.config)
        if person:
            tags.append(script_tag(person_data(person, entries, url)))
    listed = domain.listings_of(pagename)
    if listed:
        # Only when a page that lists publications is written: the .bib's cached form.
        pubs: dict[str, Publication] = {}
        for path in domain.bibfiles:
            pubs.update(get_bibliography(app.env, path).publications)
        url = page_url(app, pagename)
        articles = [
            article_data(pubs[listing.key], f"{url}#{listing.anchor}" if url else "")
            for listing in listed
            if listing.key in pubs
        ]
        if articles:
            tags.append(script_tag(articles if len(articles) > 1 else articles[0]))
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags)


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_website(app.builder):
        return
    if not (app.config.cv_robots_txt and app.config.html_baseurl):
        return
    text = "User-agent: *\nAllow: /\n"
    if "sphinx_sitemap" in app.extensions:  # point to the sitemap only if there is one
        text += f"\nSitemap: {app.config.html_baseurl.rstrip('/')}/sitemap.xml\n"
    target = Path(app.builder.outdir) / "robots.txt"
    if not target.is_file() or target.read_text() != text:
        target.write_text(text)


def setup_seo(app: Sphinx) -> None:
    app.connect("html-page-context", add_structured_data)
    app.connect("build-finished", write_robots_txt)
