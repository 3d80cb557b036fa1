"""One listed publication: one node when its page is read, the nodes every builder writes.

A page reads each listed entry into one :class:`~sphinx_cv.nodes.cv_publication` that holds
the formatted :class:`~sphinx_cv.publications.bib.Publication` and what the listing shows of
it, so that a long list stays cheap to read, pickle and search. When the page is written,
:func:`expand` makes what the entry shows, for every builder: thumbnail, reference line
(number, badge, reference), award, links row, abstract and BibTeX (or, in a long list on
the website, links to them as files of the site). HTML expands each entry as it writes it
(:mod:`.html`, whose visitors write sphinx-cv's parts in one step); other builders get the
nodes in the doctree, sphinx-cv's parts as ordinary docutils nodes (:func:`docutils_form`).

Files an entry names (al-folio's ``pdf = {paper.pdf}``, ``preview = {paper.gif}``)
are looked up next to the .bib file and in al-folio's ``assets/`` folders, and
published with the site the way Sphinx publishes downloads and images, if they are
in the project and are what they claim (:func:`.projectfiles.project_file`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from ..domain import cv_domain
from ..model.words import N_
from ..nodes import (
    cv_details,
    cv_links,
    cv_publication,
    cv_publication_list,
    cv_reference,
)
from ..projectfiles import IMAGE, MISSING, PDF, kind_of, project_file
from ..settings import cv_settings
from ..shared import gettext, warn
from .bib import Publication, Rich, plain
from .bib.fields import Link
from .bib.rich import OWNER, TITLE

ABSTRACT = N_("Abstract")
#: Where al-folio keeps the files its entries name, relative to the .bib file's folder.
_ALFOLIO_FOLDERS = {"preview": "../assets/img/publication_preview", "*": "../assets/pdf"}


#: How the docutils nodes of a reference render its marks (:mod:`.bib.rich`).
_MARKS: dict[str, Callable[[list[nodes.Node]], nodes.Element]] = {
    "em": lambda kids: nodes.emphasis("", "", *kids),
    "strong": lambda kids: nodes.strong("", "", *kids),
    "tt": lambda kids: nodes.literal("", "", *kids),
    "sup": lambda kids: nodes.superscript("", "", *kids),
    "sub": lambda kids: nodes.subscript("", "", *kids),
    OWNER: lambda kids: nodes.strong("", "", *kids, classes=["cv-owner"]),
    TITLE: lambda kids: nodes.inline("", "", *kids, classes=["cv-pub-title"]),
}


def rich_nodes(rich: Rich) -> list[nodes.Node]:
    """A formatted reference as docutils nodes (any builder can write them)."""
    out: list[nodes.Node] = []
    for part in rich:
        if isinstance(part, str):
            out.append(nodes.Text(part))
        elif part.tag == "href":
            out.append(nodes.reference("", "", *rich_nodes(part.parts), refuri=part.url))
        else:
            out.append(_MARKS[part.tag](rich_nodes(part.parts)))
    return out


class Shown(NamedTuple):
    """What a listed publication shows besides its reference."""

    preview: nodes.image | None
    #: Each link shown, with the node of a file of the project (None for an address).
    links: list[tuple[Link, nodes.Element | None]]
    award: bool
    abstract: bool
    bibtex: bool

    @property
    def only_text(self) -> bool:
        """Whether the entry is its reference alone (lists of such entries are compact)."""
        return not (self.preview or self.links or self.award or self.abstract or self.bibtex)


def shown(node: cv_publication) -> Shown:
    """What ``node`` shows, as decided when its page was read."""
    pub: Publication = node["pub"]
    elements = [child for child in node.children if isinstance(child, nodes.Element)]
    files = {child["cv-link"]: child for child in elements if child.get("cv-link") is not None}
    preview = next((child for child in elements if isinstance(child, nodes.image)), None)
    links = [(pub.links[i], files.get(i)) for i in node["links"]]
    return Shown(preview, links, bool(pub.award), node["abstract"], node["bibtex"])


class SiteFile(NamedTuple):
    """A link of the links row to a file of the site that holds an entry's abstract or
    BibTeX (the website's long lists): the page's script shows it under the entry."""

    kind: str  # "abstract" or "bib"
    key: str
    label: str
    content: str

    @property
    def name(self) -> str:
        """Its file name: the key made safe (any text may be a BibTeX key), then a digest of
        key and content. A name always holds the same bytes, so an entry whose abstract
        changes gets a new file (the old one goes when no page links it), and two .bib
        files that define one key with different contents never write the same file."""
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", self.key)[:80]
        data = "\0".join((self.kind, self.key, self.content))
        digest = hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return f"{safe}-{digest}{_SUFFIXES[self.kind]}"


#: The file name's suffix of each kind of :class:`SiteFile`.
_SUFFIXES = {"abstract": ".abstract.txt", "bib": ".bib"}


def site_files(node: cv_publication) -> list[SiteFile]:
    """The files of the site that hold what ``node`` shows on demand: abstract, BibTeX."""
    pub: Publication = node["pub"]
    files = []
    if node["abstract"]:
        files.append(SiteFile("abstract", pub.key, gettext(ABSTRACT), pub.abstract))
    if node["bibtex"]:
        files.append(SiteFile("bib", pub.key, "BibTeX", pub.bibtex))
    return files


#: A link of the links row: an address, the node of a file of the project (a download)
#: or a file of the site.
RowLink = Link | nodes.Element | SiteFile


def entry_numbers(env: BuildEnvironment) -> Mapping[str, int] | None:
    """The entries' numbers when citations are numeric (each entry shows its own)."""
    return cv_domain(env).state.numbers if cv_settings(env.config).numeric_citations else None


def expand(
    node: cv_publication, numbers: Mapping[str, int] | None = None, *, on_demand: bool = False
) -> nodes.list_item:
    """What the publication shows, as nodes: ``numbers`` are the entries' numbers (numeric
    citations); ``on_demand`` links the abstract and BibTeX as files of the site instead of
    showing them (the website's long lists)."""
    pub: Publication = node["pub"]
    parts = shown(node)
    item = nodes.list_item("", classes=list(node["classes"]), ids=list(node["ids"]))
    item["cv-key"] = pub.key  # not written out; for LaTeX labels
    if parts.preview is not None:
        item += parts.preview.deepcopy()
    number = "" if numbers is None else str(numbers.get(pub.key, "?"))
    item += cv_reference(
        "", number=number, badge=pub.badge, rich=pub.formatted, classes=["cv-pub-text"]
    )
    if pub.award:
        item += nodes.paragraph("", pub.award, classes=["cv-pub-award"])
    row: list[RowLink] = [link if file is None else file.deepcopy() for link, file in parts.links]
    if on_demand:
        row += site_files(node)
    if row:
        item += cv_links("", links=row, classes=["cv-pub-links"])
    if parts.abstract and not on_demand:
        item += cv_details(
            "",
            summary=gettext(ABSTRACT),
            text=pub.abstract,
            verbatim=False,
            classes=["cv-abstract"],
        )
    if parts.bibtex and not on_demand:
        item += cv_details(
            "", summary="BibTeX", text=pub.bibtex, verbatim=True, classes=["cv-bibtex-details"]
        )
    return item


def docutils_form(node: nodes.Node) -> list[nodes.Node]:
    """What builders other than HTML get in place of a part of an expanded publication (a
    child of :func:`expand`'s item) that HTML writes itself."""
    if isinstance(node, cv_reference):
        line: list[nodes.Node] = []
        if node["number"]:
            line.append(nodes.Text(f"[{node['number']}] "))
        if node["badge"]:
            line += [nodes.inline("", node["badge"], classes=["cv-pub-badge"]), nodes.Text(" ")]
        return [nodes.paragraph("", "", *line, *rich_nodes(node["rich"]), classes=node["classes"])]
    if isinstance(node, cv_links):  # files of the site are the website's alone
        row = nodes.paragraph("", "", classes=node["classes"])
        for link in node["links"]:
            written = link_node(link) if isinstance(link, Link) else link
            if isinstance(written, nodes.Element):
                if len(row):
                    row += nodes.Text(" · ")
                row += written
        return [row]
    if isinstance(node, cv_details):  # the summary as a paragraph of its own, then the text
        text = node["text"]
        block = nodes.literal_block(text, text) if node["verbatim"] else nodes.paragraph("", text)
        return [nodes.paragraph("", "", nodes.strong("", node["summary"])), block]
    return [node]


class ExpandPublications(SphinxPostTransform):
    """Builders that do not write HTML get each listed publication's nodes in the doctree,
    where their own post-transforms see them (LaTeX's shown addresses, linkcheck's links)."""

    default_priority = 50  # before the anchors' post-transforms (900), which see its nodes
    #: Sphinx's builders other than the HTML ones; ``""``: linkcheck's, gettext's, dummy's.
    formats = ("latex", "text", "man", "texinfo", "xml", "pseudoxml", "")

    def run(self, **kwargs: Any) -> None:
        numbers = entry_numbers(self.env)
        for listing in list(self.document.findall(cv_publication_list)):
            items = nodes.bullet_list("", classes=list(listing["classes"]))
            for entry in listing.findall(cv_publication):
                item = expand(entry, numbers)
                item[:] = [new for part in item.children for new in docutils_form(part)]
                items += item
            listing.replace_self(items)


def link_classes(kind: str) -> list[str]:
    """The classes of a link of the links row of a ``kind`` (``pdf``, ``doi``…)."""
    return ["cv-pub-link", f"cv-pub-{kind}"]


def link_node(link: Link) -> nodes.Element:
    """A link of the links row that is an address (or a label without one)."""
    label, classes = gettext(link.label), link_classes(link.kind)
    if not link.url:
        return nodes.inline("", label, classes=classes)
    return nodes.reference("", label, refuri=link.url, classes=classes)


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
        """The page-relative path of a file an entry names, or None (with a warning): it
        must be in the project (the sources, the .bib file's folder, al-folio's folders
        beside it; links followed) and be what it claims (``pdf``: a PDF, ``preview``:
        an image; else as its name says)."""
        folder = bibfile.parent
        extra = _ALFOLIO_FOLDERS.get(kind, _ALFOLIO_FOLDERS["*"])
        candidates = [folder / name, (folder / extra / name)]
        roots = (self.env.srcdir, folder, *(folder / other for other in _ALFOLIO_FOLDERS.values()))
        claim = {"pdf": PDF, "preview": IMAGE}.get(kind) or kind_of(name)
        for path in candidates:
            found = project_file(path, folder, roots, claim)
            if isinstance(found, Path):
                self.env.note_dependency(str(found))
                return os.path.relpath(found, self.page_folder).replace(os.sep, "/")
            if found != MISSING:
                self.env.note_dependency(str(path.resolve()))
                shown = os.path.normpath(path)
                warn(
                    f"entry {pub.key!r}: {kind} {name!r}: {shown} {found}; it is left out",
                    location=f"{bibfile}:{pub.line}",
                    subtype="bib",
                )
                return None
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

    def render(self, pub: Publication, bibfile: Path) -> cv_publication:
        """One node for the entry: its data, the text search indexes, and nodes for the
        files it names (Sphinx copies those when it reads the page)."""
        node = cv_publication("", nodes.Text(plain(pub.formatted)))
        node["pub"] = pub
        if pub.preview:
            image = self.project_file(pub, bibfile, "preview", pub.preview)
            if image:
                node += nodes.image(uri=image, alt=pub.title, classes=["cv-pub-preview"])
        node["links"] = []
        if "no-links" not in self.options:
            for index, link in enumerate(pub.links):
                if link.local:
                    target = self.project_file(pub, bibfile, link.kind, link.url)
                    if target is None:
                        continue
                    node += addnodes.download_reference(
                        "", "", nodes.inline("", gettext(link.label)), reftarget=target,
                        refdoc=self.env.docname, refexplicit=True, classes=link_classes(link.kind),
                        **{"cv-link": index},
                    )  # fmt: skip
                node["links"].append(index)
        node["abstract"] = bool(pub.abstract) and "no-abstracts" not in self.options
        node["bibtex"] = bool(pub.bibtex) and self.shows_bibtex(pub)
        node["on_demand"] = self.on_demand
        if self.on_demand:  # the files the website's page will link
            domain = cv_domain(self.env)
            for file in site_files(node):
                domain.add_site_file(self.env.docname, file.name)
        return node

    def shows_bibtex(self, pub: Publication) -> bool:
        choice = "none" if "no-bibtex" in self.options else self.options.get("bibtex", "all")
        return choice == "all" or (choice == "marked" and pub.bibtex_show)
