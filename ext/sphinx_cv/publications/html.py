"""HTML's visitors of the publication nodes, and the files long lists serve on demand.

Every builder writes a listed publication as the nodes of
:func:`~sphinx_cv.publications.view.expand`. HTML's translator expands each
:class:`~sphinx_cv.nodes.cv_publication` when it meets it and walks the result, so the
doctree that post-transforms and the search index go through stays one node per entry;
other builders get the nodes in the doctree (:class:`.view.ExpandPublications`).

A list longer than ``cv_details_inline_max`` keeps abstracts and BibTeX out of the
website's page: each is a file of the site (``_cv/KEY-DIGEST.bib``,
``_cv/KEY-DIGEST.abstract.txt``), written when the entry's links row is
(:class:`~sphinx_cv.publications.view.SiteFile`) and linked from it; the page's script
shows it under the entry when the link is clicked, and without JavaScript the link opens
the file. A name ends in a digest of key and content, so it always holds the same bytes
(:attr:`.view.SiteFile.name`). Which files the site should hold is known once the pages
are read (the ``cv`` domain notes the names each page links); those the last build's
pages linked and no page links now are removed then (:func:`remove_unlinked_files`), and
no other file of ``_cv/``, so that after any edit the folder is what a clean build writes.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from ..domain import cv_domain
from ..nodes import (
    cv_details,
    cv_links,
    cv_publication,
    cv_publication_list,
    cv_reference,
)
from ..shared import gettext, write_if_changed
from .bib import Rich
from .bib.fields import Link
from .bib.rich import OWNER, TITLE
from .view import (
    ExpandPublications,
    SiteFile,
    entry_numbers,
    expand,
    link_classes,
    rich_nodes,
    shown,
)

#: Where the site keeps abstracts and BibTeX served on demand, under its root.
ON_DEMAND_DIR = "_cv"
#: Builders whose site can serve those files.
_ON_DEMAND_BUILDERS = ("html", "dirhtml")
#: Marks written directly; others (``tt``, ``sup``, ``sub``, links) go through the translator.
_OPEN = {"em": "<em>", "strong": "<strong>", OWNER: '<strong class="cv-owner">',
         TITLE: '<span class="cv-pub-title">'}  # fmt: skip
_CLOSE = {"em": "</em>", "strong": "</strong>", OWNER: "</strong>", TITLE: "</span>"}


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
    """The entry's nodes, made here and written by the translator."""
    on_demand = node["on_demand"] and self.builder.name in _ON_DEMAND_BUILDERS
    item = expand(node, entry_numbers(self.builder.env), on_demand=on_demand)
    self.body.append(self.starttag(item, "li", ""))
    for part in item.children:
        part.walkabout(self)
    self.body.append("</li>\n")
    raise nodes.SkipNode


def visit_reference_html(self: Any, node: cv_reference) -> None:
    """The reference line: number, badge, reference."""
    body = self.body
    body.append(f'<p class="{" ".join(node["classes"])}">')
    if node["number"]:
        body.append(f"[{node['number']}] ")
    if node["badge"]:
        body.append(f'<span class="cv-pub-badge">{self.encode(node["badge"])}</span> ')
    write_rich(self, node["rich"])
    # As docutils ends a paragraph: no line break when it is all its list item holds.
    body.append("</p>" if len(node.parent) == 1 else "</p>\n")
    raise nodes.SkipNode


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


def visit_links_html(self: Any, node: cv_links) -> None:
    """The links row: its links, one after another."""
    self.body.append(f'<p class="{" ".join(node["classes"])}">')
    for i, link in enumerate(node["links"]):
        if i:
            self.body.append(" · ")
        if isinstance(link, Link):
            write_link(self, link)
        elif isinstance(link, SiteFile):
            write_site_file(self, link)
        else:
            link.walkabout(self)
    self.body.append("</p>\n")
    raise nodes.SkipNode


def write_link(self: Any, link: Link) -> None:
    """A link to an address (a label alone without one)."""
    classes, label = " ".join(link_classes(link.kind)), self.encode(gettext(link.label))
    if link.url:
        href = self.attval(link.url)
        self.body.append(f'<a class="{classes} reference external" href="{href}">{label}</a>')
    else:
        self.body.append(f'<span class="{classes}">{label}</span>')


def visit_details_html(self: Any, node: cv_details) -> None:
    """A ``<details>``: the BibTeX record as a plain ``<pre>`` (a long list would otherwise
    spend much of its build in Pygments), an abstract as a paragraph."""
    classes = " ".join((*node["classes"], "cv-details"))
    summary, text = self.encode(node["summary"]), self.encode(node["text"])
    shown = (
        f'<pre class="cv-bibtex notranslate">{text}</pre>' if node["verbatim"] else f"<p>{text}</p>"
    )
    self.body.append(
        f'<details class="{classes}"><summary><strong>{summary}</strong></summary>\n'
        f"{shown}\n</details>\n"
    )
    raise nodes.SkipNode


def write_site_file(self: Any, file: SiteFile) -> None:
    """The file (written here) and a link to it."""
    target = os.path.join(self.builder.outdir, ON_DEMAND_DIR, file.name)
    # Its name is a digest of what it holds: a file of that name holds it already (a long
    # list's thousands of files are not read back on every build).
    if not os.path.exists(target):
        write_if_changed(target, file.content + "\n")
    base = self.builder.get_target_uri(self.builder.current_docname)
    href = self.attval(relative_uri(base, f"{ON_DEMAND_DIR}/{file.name}"))
    self.body.append(f'<a class="cv-{file.kind}" href="{href}">{self.encode(file.label)}</a>')


def remove_unlinked_files(app: Sphinx, env: BuildEnvironment) -> None:
    """Once the pages are read, before any is written: the files served on demand that the
    last build's pages linked here and no page links now go (an abstract removed or
    changed, an entry, a key or a page gone); files sphinx-cv did not write stay."""
    folder = Path(app.builder.outdir) / ON_DEMAND_DIR
    domain = cv_domain(env)
    linked = domain.site_files() if app.builder.name in _ON_DEMAND_BUILDERS else set()
    written = domain.state.site_files
    before = set(written.pop(str(folder), ()))
    if linked:
        written[str(folder)] = sorted(linked)
    for name in sorted(before - linked):
        (folder / name).unlink(missing_ok=True)
    if before - linked and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()  # the folder it made, empty now


def setup_publication_html(app: Sphinx) -> None:
    app.add_node(cv_publication_list, html=(visit_list_html, depart_list_html))
    app.add_node(cv_publication, html=(visit_publication_html, None))
    app.add_node(cv_reference, html=(visit_reference_html, None))
    app.add_node(cv_links, html=(visit_links_html, None))
    app.add_node(cv_details, html=(visit_details_html, None))
    app.add_post_transform(ExpandPublications)
    app.connect("env-updated", remove_unlinked_files)
