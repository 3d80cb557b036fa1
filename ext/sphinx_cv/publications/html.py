"""Listed publications written straight to HTML, and to docutils nodes for other builders.

A long list is most of a CV's build: HTML writes each
:class:`~sphinx_cv.nodes.cv_publication` as markup in one step, the same markup
the HTML translator gives for its expanded nodes (a test compares the two on
every entry of real .bib files). Other builders get the nodes of
:func:`~sphinx_cv.publications.view.expand` from :class:`ExpandPublications`.

A list longer than ``cv_details_inline_max`` keeps abstracts and BibTeX out of
the page: each is a file of the site (``_cv/KEY.bib``, ``_cv/KEY.abstract.txt``)
linked from the entry's links row; the page's script shows it under the entry
when the link is clicked, and without JavaScript the link opens the file.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..domain import cv_domain
from ..nodes import cv_publication, cv_publication_list
from ..shared import gettext
from .bib import Publication, Rich
from .bib.rich import OWNER, TITLE
from .view import ABSTRACT, expand, link_classes, rich_nodes, shown

#: Where the site keeps abstracts and BibTeX served on demand, under its root.
ON_DEMAND_DIR = "_cv"
#: Builders whose site can serve those files.
_ON_DEMAND_BUILDERS = ("html", "dirhtml")
#: Marks written directly; others (``tt``, ``sup``, ``sub``, links) go through the translator.
_OPEN = {"em": "<em>", "strong": "<strong>", OWNER: '<strong class="cv-owner">',
         TITLE: '<span class="cv-pub-title">'}  # fmt: skip
_CLOSE = {"em": "</em>", "strong": "</strong>", OWNER: "</strong>", TITLE: "</span>"}


def on_demand_name(key: str, suffix: str) -> str:
    """A file name for ``key`` (any BibTeX key) that is safe and distinct."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", key)[:80]
    if safe != key:
        safe += "-" + hashlib.sha256(key.encode()).hexdigest()[:8]
    return f"{safe}{suffix}"


def write_rich(self: Any, rich: Rich) -> None:
    """A formatted reference into ``self.body`` (``self``: an HTML translator)."""
    for part in rich:
        if isinstance(part, str):
            self.body.append(self.encode(part))
        elif part.tag in _OPEN:
            self.body.append(_OPEN[part.tag])
            write_rich(self, part.parts)
            self.body.append(_CLOSE[part.tag])
        else:
            holder = nodes.paragraph("", "", *rich_nodes((part,)))
            for child in holder.children:
                child.walkabout(self)


def visit_list_html(self: Any, node: cv_publication_list) -> None:
    """Like docutils' bullet list: ``simple`` when every entry is its reference alone."""
    simple = self.settings.compact_lists and all(
        isinstance(item, cv_publication) and shown(item).only_text for item in node.children
    )
    self.context.append((self.compact_simple, self.compact_p))
    self.compact_p = None
    atts = {"class": "simple"} if simple and not self.compact_simple else {}
    self.compact_simple = simple
    self.body.append(self.starttag(node, "ul", **atts))


def depart_list_html(self: Any, node: cv_publication_list) -> None:
    self.compact_simple, self.compact_p = self.context.pop()
    self.body.append("</ul>\n")


def visit_publication_html(self: Any, node: cv_publication) -> None:
    pub: Publication = node["pub"]
    parts = shown(node)
    on_demand = node["on_demand"] and self.builder.name in _ON_DEMAND_BUILDERS
    body = self.body
    body.append(self.starttag(node, "li", ""))
    if parts.preview is not None:
        parts.preview.walkabout(self)
    body.append('<p class="cv-pub-text">')
    if self.config.cv_cite_style == "numeric":
        number = cv_domain(self.builder.env).data["numbers"].get(pub.key, "?")
        body.append(f"[{number}] ")
    if pub.badge:
        body.append(f'<span class="cv-pub-badge">{self.encode(pub.badge)}</span> ')
    write_rich(self, pub.formatted)
    body.append("</p>" if parts.only_text else "</p>\n")
    if pub.award:
        body.append(f'<p class="cv-pub-award">{self.encode(pub.award)}</p>\n')
    links = []
    for link, file in parts.links:
        if file is not None:
            start = len(body)
            file.walkabout(self)
            links.append("".join(body[start:]))
            del body[start:]
        else:
            label = self.encode(gettext(link.label))
            classes = " ".join(link_classes(link))
            links.append(
                f'<a class="{classes} reference external" href="{self.attval(link.url)}">'
                f"{label}</a>"
                if link.url
                else f'<span class="{classes}">{label}</span>'
            )
    if on_demand:
        links.extend(more_links(self, node, pub))
    if links:
        body.append(f'<p class="cv-pub-links">{" · ".join(links)}</p>\n')
    if not on_demand:
        write_details(self, node, pub)
    body.append("</li>\n")
    raise nodes.SkipNode


def write_details(self: Any, node: cv_publication, pub: Publication) -> None:
    """The abstract and the BibTeX block, each in a ``<details>``."""
    if node["abstract"]:
        self.body.append(
            '<details class="cv-abstract cv-details"><summary><strong>'
            f"{self.encode(gettext(ABSTRACT))}</strong></summary>\n"
            f"<p>{self.encode(pub.abstract)}</p>\n</details>\n"
        )
    if node["bibtex"]:
        self.body.append(
            '<details class="cv-bibtex-details cv-details"><summary><strong>BibTeX</strong>'
            '</summary>\n<pre class="cv-bibtex notranslate">'
            f"{self.encode(pub.bibtex)}</pre>\n</details>\n"
        )


def more_links(self: Any, node: cv_publication, pub: Publication) -> list[str]:
    """Links to the abstract and BibTeX files of the site (written here), which the
    page's script opens under the entry."""
    out = []
    base = self.builder.get_target_uri(self.builder.current_docname)
    for shown_, kind, suffix, label, text in (
        (node["abstract"], "abstract", ".abstract.txt", gettext(ABSTRACT), pub.abstract),
        (node["bibtex"], "bib", ".bib", "BibTeX", pub.bibtex),
    ):
        if not shown_:
            continue
        name = on_demand_name(pub.key, suffix)
        write_file(Path(self.builder.outdir, ON_DEMAND_DIR, name), text + "\n")
        href = self.attval(relative_uri(base, f"{ON_DEMAND_DIR}/{name}"))
        out.append(f'<a class="cv-{kind}" href="{href}">{self.encode(label)}</a>')
    return out


def write_file(target: Path, text: str) -> None:
    """Write ``text`` unless the file holds it already (atomic: parallel writers)."""
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)


class ExpandPublications(SphinxPostTransform):
    """Builders other than HTML: each listed publication as ordinary docutils nodes."""

    default_priority = 50  # before the anchors' post-transforms (900), which see its nodes

    def is_supported(self) -> bool:
        builder = getattr(self.env, "_builder_cls", None)  # Sphinx 8.2+; before: the app's
        return (builder or self.app.builder).format != "html"

    def run(self, **kwargs: Any) -> None:
        numeric = self.config.cv_cite_style == "numeric"
        numbers = cv_domain(self.env).data["numbers"] if numeric else None
        for listing in list(self.document.findall(cv_publication_list)):
            items = nodes.bullet_list("", classes=list(listing["classes"]))
            items.extend(expand(item, numbers) for item in list(listing.findall(cv_publication)))
            listing.replace_self(items)


def setup_publication_html(app: Sphinx) -> None:
    app.add_node(cv_publication_list, html=(visit_list_html, depart_list_html))
    app.add_node(cv_publication, html=(visit_publication_html, None))
    app.add_post_transform(ExpandPublications)
