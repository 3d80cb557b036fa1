"""The ``cv`` domain: what every page holds, and the per-build state, for the whole project.

It records the entries (experience, education) and which publications each page
lists (under which anchor); later stages (citations, JSON-LD, the PDF, exports)
read it. ``clear_doc`` and ``merge_domaindata`` keep it right across incremental
and parallel (``-j``) builds, as :mod:`sphinx.ext.todo` does. The rest of its data
is the state one build hands to the next (which .bib contents were reported,
which durations the pages show) and the facts of the current build (the .bib
paths, whether pages came or went); it is the only place sphinx-cv keeps state.
It resolves ``cite`` links and ``any`` references to publications.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode
from sphinx.util.tags import Tags

from .model.entries import Entry
from .shared import warn

#: Data kept per document, cleared and merged with it.
_PER_DOC = ("entries", "listings", "durations", "tagged", "site_files")


@dataclass(frozen=True)
class EntryRecord:
    """An entry, where it stands in the project, whether its length is shown, its body as
    plain text (for exports: the paragraphs, and the items of its lists), and the
    ``only`` conditions it stands under, and its tags (:mod:`~sphinx_cv.model.tags`)."""

    docname: str
    anchor: str
    entry: Entry
    duration: bool = False
    summary: str = ""
    highlights: tuple[str, ...] = ()
    only: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    #: When the body has tagged parts: each paragraph (``summary``) and list item
    #: (``highlight``) as text in pieces with the tags around them, for a variant's export.
    tagged_body: tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]], ...] = ()


@dataclass
class BuildState:
    """The facts of the current build, noted as it starts, and what one build hands the next
    (it is pickled with the environment)."""

    #: ``cv_bibfiles`` as absolute paths, set when the builder starts.
    bibfiles: list[str] = field(default_factory=list)
    #: .bib path → the cache key whose problems were reported (each content's once).
    bib_reported: dict[str, str] = field(default_factory=dict)
    #: Publication key → its number for numeric citations, once every page is read.
    numbers: dict[str, int] = field(default_factory=dict)
    #: ``cv_person``'s image as an absolute path ("": none or on the web), set when the
    #: builder starts.
    photo: str = ""
    #: Pages were added or removed in this build (every page's navigation lists them all).
    pages_changed: bool = False
    #: The pages removed in this build (their output goes too).
    removed_pages: list[str] = field(default_factory=list)
    #: A page was read in this build (what is exported may have changed).
    pages_read: bool = False
    #: The PDFs the pages' download menu offered when last written.
    pdf_menu: str = ""
    #: Output folder → the files served on demand the pages there linked when last built
    #: (the files sphinx-cv wrote there, :mod:`~sphinx_cv.publications.html`).
    site_files: dict[str, list[str]] = field(default_factory=dict)

    @property
    def documents_changed(self) -> bool:
        """Whether this build read, added or removed a page."""
        return self.pages_read or self.pages_changed


@dataclass(frozen=True)
class TaggedItem:
    """An entry or a listed publication in a variant's eyes."""

    tags: tuple[str, ...]
    kind: str
    #: Its anchor (an entry) or key (a publication).
    name: str
    #: On the first page: the anchor of the first page's section it stands in ("": none).
    section: str = ""


@dataclass(frozen=True)
class TaggedPage:
    """What a page holds in a variant's eyes: the tags it uses anywhere, and each entry or
    publication."""

    tags: frozenset[str] = frozenset()
    items: tuple[TaggedItem, ...] = ()


@dataclass(frozen=True)
class Listing:
    """A publication listed on a page: its key, anchor, and whether the list was filtered."""

    docname: str
    key: str
    anchor: str
    filtered: bool


class CVDomain(Domain):
    """Holds the CV's entries and listed publications per document, and the build's state."""

    name = "cv"
    label = "Curriculum vitae"
    initial_data: ClassVar[dict[str, Any]] = {
        "entries": {},  # docname → [EntryRecord]
        "listings": {},  # docname → {key: Listing}
        "durations": {},  # docname → the months each ongoing duration showed when written
        "tagged": {},  # docname → TaggedPage
        "site_files": {},  # docname → the names of the files served on demand it links
        "dates_text": {},  # what an entry's dates read as (entries.directives.dates_key) → text
        "state": BuildState(),
    }

    @property
    def state(self) -> BuildState:
        """The facts of this build and what the last one handed on."""
        state: BuildState = self.data["state"]
        return state

    # -- entries ---------------------------------------------------------------------

    def add_entry(self, record: EntryRecord) -> None:
        self.data["entries"].setdefault(record.docname, []).append(record)

    def set_conditions(self, docname: str, anchor: str, only: tuple[str, ...]) -> None:
        """Record that the entry ``anchor`` of ``docname`` is under ``only`` directives."""
        records = self.data["entries"].get(docname, [])
        for i, record in enumerate(records):
            if record.anchor == anchor:
                records[i] = replace(record, only=only)

    def iter_entries(self, kind: str | None = None) -> Iterable[EntryRecord]:
        """All entries in document-name order, then source order; ``kind`` filters."""
        entries: dict[str, list[EntryRecord]] = self.data["entries"]
        for docname in sorted(entries):
            for record in entries[docname]:
                if kind is None or record.entry.kind == kind:
                    yield record

    # -- tags ------------------------------------------------------------------------

    def note_tags(self, docname: str, page: TaggedPage) -> None:
        self.data["tagged"][docname] = page

    def tagged(self, docname: str) -> TaggedPage:
        """The tags and tagged items of ``docname`` (none if it has none)."""
        page: TaggedPage = self.data["tagged"].get(docname, TaggedPage())
        return page

    def known_tags(self) -> set[str]:
        """Every tag some page uses."""
        return {tag for page in self.data["tagged"].values() for tag in page.tags}

    def known_kinds(self) -> set[str]:
        """Every kind of entry some page holds."""
        return {item.kind for page in self.data["tagged"].values() for item in page.items}

    # -- publications ----------------------------------------------------------------

    @property
    def bibfiles(self) -> list[Path]:
        """``cv_bibfiles`` as absolute paths."""
        return [Path(path) for path in self.state.bibfiles]

    def add_listing(self, docname: str, key: str, anchor: str, filtered: bool) -> None:
        self.data["listings"].setdefault(docname, {}).setdefault(
            key, Listing(docname, key, anchor, filtered)
        )

    def listings_of(self, docname: str) -> list[Listing]:
        """The publications ``docname`` lists, in page order."""
        listings: dict[str, Listing] = self.data["listings"].get(docname, {})
        return list(listings.values())

    def add_site_file(self, docname: str, name: str) -> None:
        self.data["site_files"].setdefault(docname, set()).add(name)

    def site_files(self) -> set[str]:
        """The names of the files served on demand (abstracts, BibTeX) the pages link."""
        return {name for names in self.data["site_files"].values() for name in names}

    def listing_docs(self) -> set[str]:
        """The pages that list publications."""
        return set(self.data["listings"])

    def find_listing(self, key: str) -> Listing | None:
        """Where ``key`` is listed: an unfiltered list first, then by page name."""
        found = [
            by_key[key] for _doc, by_key in sorted(self.data["listings"].items()) if key in by_key
        ]
        found.sort(key=lambda listing: listing.filtered)
        return found[0] if found else None

    def shown_entries(
        self, env: BuildEnvironment, tags: Tags, docname: str | None = None
    ) -> list[EntryRecord]:
        """The entries a builder shows (every ``only`` around them holds for its ``tags``), in
        page order; those of ``docname`` alone if given."""
        by_page: dict[str, list[EntryRecord]] = self.data["entries"]
        pages = [docname] if docname else self.page_order(env)
        return [
            record
            for page in pages
            for record in by_page.get(page, [])
            if all(tags.eval_condition(expr) for expr in record.only)
        ]

    def page_order(self, env: BuildEnvironment) -> list[str]:
        """The pages in toctree order from the root, then the others by name."""
        order: list[str] = []

        def visit(docname: str) -> None:
            if docname not in order:
                order.append(docname)
                for child in env.toctree_includes.get(docname, []):
                    visit(child)

        visit(env.config.root_doc)
        return [*order, *sorted(set(env.found_docs) - set(order))]

    def numbers(self, env: BuildEnvironment) -> dict[str, int]:
        """Publication key → its number for numeric citations: the order in which the pages
        (in toctree order) list them."""
        numbers: dict[str, int] = {}
        for docname in self.page_order(env):
            for listing in self.listings_of(docname):
                numbers.setdefault(listing.key, len(numbers) + 1)
        return numbers

    # -- Sphinx hooks -----------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        for name in _PER_DOC:
            self.data[name].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in _PER_DOC:
            for docname, value in otherdata.get(name, {}).items():
                if docname in docnames:
                    self.data[name][docname] = value

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        if typ != "cite":
            return None
        listing = self.find_listing(target)
        if listing is None:
            warn(
                "cite: %r is in the .bib file but no page lists it; add a "
                "```{publications}``` directive (without a filter that leaves it out)",
                target,
                location=node,
                subtype="cite",
            )
            return contnode  # type: ignore[return-value]
        if node.get("numeric"):
            number = self.state.numbers.get(target)
            contnode = nodes.inline("", str(number), classes=contnode["classes"])
        return self.refnode(builder, fromdocname, listing, contnode, node.get("reftitle"))

    @staticmethod
    def refnode(
        builder: Builder,
        fromdocname: str,
        listing: Listing,
        contnode: nodes.Element,
        title: str | None = None,
    ) -> nodes.reference:
        """A link to a listed publication: to its page and anchor, or, in a builder that
        writes one document (singlehtml, the PDF), to the anchor in it."""
        if isinstance(builder, SingleFileHTMLBuilder):
            ref = nodes.reference("", "", internal=True, refid=listing.anchor)
            if title:
                ref["reftitle"] = title
            ref += contnode
            return ref
        return make_refnode(builder, fromdocname, listing.docname, listing.anchor, contnode, title)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        """``{any}`key``` links to the publication ``key`` where it is listed."""
        listing = self.find_listing(target)
        if listing is None:
            return []
        return [("cv:cite", self.refnode(builder, fromdocname, listing, contnode))]


def note_page_set(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Note whether pages come or go in this build, and which go."""
    state = cv_domain(env).state
    state.pages_changed = bool(added or removed)
    state.removed_pages = sorted(removed)
    return []


def note_pages_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Note whether this build reads any page."""
    cv_domain(env).state.pages_read = bool(docnames)


def setup_domain(app: Sphinx) -> None:
    app.add_domain(CVDomain)
    app.connect("env-get-outdated", note_page_set, priority=100)  # before what reads it
    app.connect("env-before-read-docs", note_pages_read, priority=100)


def cv_domain(env: BuildEnvironment) -> CVDomain:
    """The ``cv`` domain of ``env``: entries, listings and per-build state."""
    domain = env.get_domain(CVDomain.name)
    assert isinstance(domain, CVDomain)
    return domain
