"""What search engines and link previews read: meta tags, JSON-LD, and robots.txt.

Every website page gets a meta description, OpenGraph and Twitter-card tags
(unless sphinxext-opengraph is loaded, which then writes its own). The
description says what the page holds: the person's description on the home
page, the entries' titles and organizations, the publications' titles, else the
page's first words, as sentences (lists joined with commas, no contact lines,
no citation labels).

The home page carries a ``schema.org/Person`` built from ``cv_person`` and the
entries in the domain; each page that lists publications carries their
``ScholarlyArticle`` data. With ``html_baseurl`` set, ``sitemap.xml`` lists every
page (on any build, however few pages it writes) and ``robots.txt`` points
crawlers to it.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..domain import cv_domain
from ..nodes import cv_publication
from ..publications.bib import Publication
from ..settings import cv_settings
from ..shared import ancestors, is_website, plain_text, write_if_changed
from .jsonld import article_data, graph, person_data, script_tag
from .person import site_photo

#: Longest meta description, in characters (what search results show).
DESCRIPTION_LENGTH = 160


def photo_url(app: Sphinx) -> str:
    """The photo's absolute address (link previews and JSON-LD need one), or ""."""
    photo = site_photo(app)
    base = str(app.config.html_baseurl or "")
    if photo is None or photo.path.startswith("http"):
        return photo.path if photo else ""
    return base.rstrip("/") + "/" + photo.path if base else ""


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
        entries = [r.entry for r in domain.shown_entries(app.env, app.builder.tags)]
        url = page_url(app, pagename).removesuffix("index.html")
        person = dict(cv_settings(app.config).person or {})
        if person:
            person.pop("image", None)
            image = photo_url(app)
            if image:
                person["image"] = image
            tags.append(script_tag(person_data(person, entries, url)))
    limit = cv_settings(app.config).details_inline_max
    articles = publication_articles(doctree, page_url(app, pagename), limit)
    if articles:
        tags.append(script_tag(graph(articles)))
    if tags:
        context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(tags)


def publication_articles(doctree: nodes.document, url: str, limit: int) -> list[dict[str, Any]]:
    """A ``ScholarlyArticle`` for each publication the page lists (once per key). A list
    whose details are on demand keeps them out of its JSON-LD too: its first
    ``limit`` (``cv_details_inline_max``) publications, without abstracts (``resume.json``
    has them all)."""
    articles, seen = [], set()
    per_list: Counter[int] = Counter()
    for node in doctree.findall(cv_publication):
        pub: Publication = node["pub"]
        if pub.key in seen:
            continue
        if node["on_demand"]:
            listing = id(node.parent.parent)  # the directive's container (through its list)
            if per_list[listing] >= limit:
                continue
            per_list[listing] += 1
        seen.add(pub.key)
        anchor = f"{url}#{node['ids'][0]}" if url and node["ids"] else ""
        articles.append(article_data(pub, anchor, abstract=not node["on_demand"]))
    return articles


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r" +([,.;:!?)])", r"\1", text).replace("( ", "(")


def _paragraph_text(node: nodes.Element) -> str:
    copy = node.deepcopy()
    for cite in list(copy.findall(nodes.inline)):
        if "cv-cite" in cite["classes"] and cite.parent is not None:
            cite.parent.remove(cite)
    for ref in list(copy.findall(nodes.footnote_reference)):
        ref.parent.remove(ref)
    return _clean(copy.astext())


_NOT_SUMMARY = (
    nodes.field_list,
    nodes.title,
    nodes.literal_block,
    nodes.list_item,
    nodes.footnote,
    nodes.citation,
)


def text_summary(doctree: nodes.document) -> str:
    """The page's first words as sentences: each paragraph one, a list's items joined with
    commas, a short line before a list (a card's title) as its heading."""
    blocks: list[str] = []
    headings: set[int] = set()  # blocks that introduce the next: a card's title, a short line

    def is_block(node: nodes.Node) -> bool:
        if isinstance(node, (nodes.paragraph, nodes.bullet_list, nodes.enumerated_list)):
            return True
        return isinstance(node, nodes.Element) and "sd-card-title" in node["classes"]

    for node in doctree.findall(is_block):
        if not isinstance(node, nodes.Element) or any(
            isinstance(a, _NOT_SUMMARY) for a in ancestors(node)
        ):
            continue
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            items = (
                _paragraph_text(item).rstrip(".")
                for item in node.children
                if isinstance(item, nodes.Element)
            )
            blocks.append(", ".join(filter(None, items)))
        else:
            blocks.append(_paragraph_text(node))
            if len(blocks[-1].split()) <= 3:
                headings.add(len(blocks) - 1)
        if sum(map(len, blocks)) > DESCRIPTION_LENGTH:
            break
    text = ""
    for index, block in enumerate(blocks):
        if not block:
            continue
        if text and text[-1] not in ".!?:;":
            text += ":" if index - 1 in headings else "."
        text = f"{text} {block}" if text else block
    return text if not text or text[-1] in ".!?" else text + "."


def shortened(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    """``text`` cut at a word to at most ``length`` characters, with "…" when cut."""
    text = _clean(text)
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def page_description(app: Sphinx, pagename: str, doctree: nodes.document) -> str:
    domain = cv_domain(app.env)
    person = cv_settings(app.config).person or {}
    if pagename == app.config.root_doc and person.get("description"):
        return shortened(str(person["description"]))
    records = domain.shown_entries(app.env, app.builder.tags, pagename)
    summaries = [summary for r in records if (summary := _clean(r.entry.summary()))]
    if summaries:
        return shortened("; ".join(summaries) + ".")
    titles: list[str] = []
    for node in doctree.findall(cv_publication):
        titles.append(_clean(node["pub"].title))
        if sum(map(len, titles)) > DESCRIPTION_LENGTH:
            break  # a long list says enough with its first titles
    if titles:
        return shortened("; ".join(t.rstrip(".") for t in titles) + ".")
    return shortened(text_summary(doctree))


def add_meta_tags(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The meta description, OpenGraph and Twitter-card tags of a page."""
    if not is_website(app.builder) or doctree is None or "sphinxext.opengraph" in app.extensions:
        return
    description = page_description(app, pagename, doctree)
    title = plain_text(context.get("title"))
    settings = cv_settings(app.config)
    site = settings.site_name
    home = pagename == app.config.root_doc
    tags = {
        "og:title": title or site,
        "og:type": "profile" if home and settings.person else "website",
        "og:site_name": site,
        "og:description": description,
    }
    url = page_url(app, pagename)
    if url:
        tags["og:url"] = url.removesuffix("index.html") if home else url
        tags["og:image"] = photo_url(app)
    lines = [f'<meta name="description" content="{html.escape(description)}">']
    lines += [
        f'<meta property="{key}" content="{html.escape(value)}">'
        for key, value in tags.items()
        if value
    ]
    lines.append('<meta name="twitter:card" content="summary">')
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(lines)


def has_sitemap(app: Sphinx) -> bool:
    """Whether the site has ``sitemap.xml``: sphinx-cv's own (``cv_sitemap``), or
    sphinx-sitemap's when that extension is loaded."""
    return bool(app.config.html_baseurl) and (
        "sphinx_sitemap" in app.extensions or cv_settings(app.config).sitemap
    )


def write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """``sitemap.xml``: every page of the site, from the environment (so a build that
    writes few pages, or none, still lists them all); not when sphinx-sitemap is loaded."""
    if exception or not is_website(app.builder) or "sphinx_sitemap" in app.extensions:
        return
    if not (cv_settings(app.config).sitemap and app.config.html_baseurl):
        return
    base = app.config.html_baseurl.rstrip("/") + "/"
    env = app.env
    pages = sorted(
        base + app.builder.get_target_uri(docname).removesuffix("index.html")
        if docname == env.config.root_doc
        else base + app.builder.get_target_uri(docname)
        for docname in env.found_docs
        if "orphan" not in env.metadata.get(docname, {})
    )
    urls = "".join(f"  <url><loc>{html.escape(page)}</loc></url>\n" for page in pages)
    write_if_changed(
        Path(app.builder.outdir) / "sitemap.xml",
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{urls}</urlset>\n",
    )


def write_robots_txt(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_website(app.builder):
        return
    if not (cv_settings(app.config).robots_txt and app.config.html_baseurl):
        return
    text = "User-agent: *\nAllow: /\n"
    if has_sitemap(app):  # point to the sitemap only if there is one
        text += f"\nSitemap: {app.config.html_baseurl.rstrip('/')}/sitemap.xml\n"
    write_if_changed(Path(app.builder.outdir) / "robots.txt", text)


def setup_seo(app: Sphinx) -> None:
    app.connect("html-page-context", add_meta_tags)
    app.connect("html-page-context", add_structured_data)
    app.connect("build-finished", write_robots_txt)
    app.connect("build-finished", write_sitemap)
