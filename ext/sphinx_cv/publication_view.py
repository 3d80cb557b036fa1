"""One publication as doctree nodes: the reference, its badge and award, a thumbnail,
the links row, the abstract and the BibTeX block.

Files an entry names (al-folio's ``pdf = {paper.pdf}``, ``preview = {paper.gif}``)
are looked up next to the .bib file and in al-folio's ``assets/`` folders, and
published with the site the way Sphinx publishes downloads and images.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from pybtex_docutils import Backend
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from .bib import Publication
from .bib.fields import Link
from .bib.style import OWNER_TAG, TITLE_TAG
from .nodes import cv_bibtex, cv_details, cv_number, cv_summary
from .shared import gettext, warn
from .words import N_

ABSTRACT = N_("Abstract")
#: Where al-folio keeps the files its entries name, relative to the .bib file's folder.
_ALFOLIO_FOLDERS = {"preview": "../assets/img/publication_preview", "*": "../assets/pdf"}


class CVBackend(Backend):
    """pybtex's docutils backend, plus the owner's highlight and the title's class."""

    def format_tag(self, tag_name: str, text: list[nodes.Node]) -> list[nodes.Node]:
        if tag_name == OWNER_TAG:
            return [nodes.strong("", "", *text, classes=["cv-owner"])]
        if tag_name == TITLE_TAG:
            return [nodes.inline("", "", *text, classes=["cv-pub-title"])]
        result: list[nodes.Node] = super().format_tag(tag_name, text)
        return result

    def format_href(
        self, url: str, text: list[nodes.Node], external: bool = False
    ) -> list[nodes.Node]:
        """Links in the text (``\\url``, other styles' url and doi): http(s) only."""
        if url.split(":", 1)[0].lower() in {"http", "https"}:
            return [nodes.reference("", "", *text, refuri=url)]
        return text


_BACKEND = CVBackend()


def _merged(parts: list[nodes.Node]) -> list[nodes.Node]:
    """pybtex renders every word and comma as a node of its own: join neighbouring texts."""
    out: list[nodes.Node] = []
    for part in parts:
        if isinstance(part, nodes.Text) and out and isinstance(out[-1], nodes.Text):
            out[-1] = nodes.Text(out[-1].astext() + part.astext())
        else:
            if isinstance(part, nodes.Element):
                part.children = _merged(part.children)
                for child in part.children:
                    child.parent = part
            out.append(part)
    return out


class PublicationView:
    """Renders the publications of one ``publications`` directive."""

    #: Abstracts and BibTeX come from files of the site when opened (long lists).
    on_demand = False

    def __init__(self, directive: SphinxDirective, options: Mapping[str, Any]) -> None:
        self.directive = directive
        self.env = directive.env
        self.options = options
        #: The source folder of the page, for paths Sphinx resolves against it.
        self.page_folder = Path(self.env.doc2path(self.env.docname)).parent

    def project_file(self, pub: Publication, bibfile: Path, kind: str, name: str) -> str | None:
        """The page-relative path of a file an entry names, or None (with a warning)."""
        folder = bibfile.parent
        extra = _ALFOLIO_FOLDERS.get(kind, _ALFOLIO_FOLDERS["*"])
        candidates = [folder / name, (folder / extra / name)]
        for path in candidates:
            if path.is_file():
                self.env.note_dependency(str(path.resolve()))
                return os.path.relpath(path.resolve(), self.page_folder).replace(os.sep, "/")
        # A missing file keeps the page out of date, so that adding the file shows it.
        self.env.note_dependency(str(candidates[0].resolve()))
        looked = ", ".join(str(p.parent.resolve()) for p in candidates)
        warn(
            f"entry {pub.key!r}: {kind} {name!r} is not a file (looked in {looked}); "
            "it is left out",
            location=f"{bibfile}:{pub.line}",
            subtype="bib",
        )
        return None

    def render(self, pub: Publication, bibfile: Path) -> nodes.list_item:
        item = nodes.list_item("", classes=["cv-publication"])
        item["cv-key"] = pub.key
        if pub.preview:
            image = self.project_file(pub, bibfile, "preview", pub.preview)
            if image:
                item += nodes.image(uri=image, alt=pub.title, classes=["cv-pub-preview"])
        text = nodes.paragraph("", "", classes=["cv-pub-text"])
        if self.env.config.cv_cite_style == "numeric":
            text += cv_number("", "", key=pub.key)
        if pub.badge:
            text += nodes.inline("", pub.badge, classes=["cv-pub-badge"])
            text += nodes.Text(" ")
        text.extend(_merged(pub.formatted.render(_BACKEND)))
        item += text
        if pub.award:
            item += nodes.paragraph("", pub.award, classes=["cv-pub-award"])
        if pub.links and "no-links" not in self.options:
            row = self.links(pub, bibfile)
            if len(row):
                item += row
        if pub.abstract and "no-abstracts" not in self.options:
            item += cv_details(
                "",
                cv_summary("", "", nodes.strong("", gettext(ABSTRACT))),
                nodes.paragraph("", pub.abstract),
                classes=["cv-abstract"],
                key=pub.key,
                on_demand=self.on_demand,
            )
        if pub.bibtex and self.shows_bibtex(pub):
            item += cv_details(
                "",
                cv_summary("", "", nodes.strong("", "BibTeX")),
                cv_bibtex(pub.bibtex, pub.bibtex),
                classes=["cv-bibtex-details"],
                key=pub.key,
                on_demand=self.on_demand,
            )
        return item

    def shows_bibtex(self, pub: Publication) -> bool:
        choice = "none" if "no-bibtex" in self.options else self.options.get("bibtex", "all")
        return choice == "all" or (choice == "marked" and pub.bibtex_show)

    def links(self, pub: Publication, bibfile: Path) -> nodes.paragraph:
        row = nodes.paragraph("", "", classes=["cv-pub-links"])
        for link in pub.links:
            node = self.link(pub, bibfile, link)
            if node is not None:
                if len(row):
                    row += nodes.Text(" · ")
                row += node
        return row

    def link(self, pub: Publication, bibfile: Path, link: Link) -> nodes.Node | None:
        label = gettext(link.label)
        classes = ["cv-pub-link", f"cv-pub-{link.kind}"]
        if link.local:
            target = self.project_file(pub, bibfile, link.kind, link.url)
            if target is None:
                return None
            return addnodes.download_reference(
                "", "", nodes.inline("", label), reftarget=target, refdoc=self.env.docname,
                refexplicit=True, classes=classes,
            )  # fmt: skip
        if not link.url:
            return nodes.inline("", label, classes=classes)
        return nodes.reference("", label, refuri=link.url, classes=classes)
