"""The ``cv`` domain: what every page holds, for the whole project to read.

It records the entries (experience, education), which publications each page
lists (and under which anchor), and which keys each page cites. Later stages
(JSON-LD, the PDF, exports) read it; ``clear_doc`` and ``merge_domaindata``
keep it right across incremental and parallel (``-j``) builds, as
:mod:`sphinx.ext.todo` does. It also resolves ``cite`` links.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

from .entries import Entry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntryRecord:
    """An entry and where it stands in the project."""

    docname: str
    lineno: int
    anchor: str
    entry: Entry


@dataclass(frozen=True)
class Listing:
    """A publication listed on a page: its key, anchor, and whether the list was filtered."""

    docname: str
    key: str
    anchor: str
    filtered: bool


class CVDomain(Domain):
    """Holds the CV's entries, listed publications and citations, per document."""

    name = "cv"
    label = "Curriculum vitae"
    initial_data: ClassVar[dict[str, Any]] = {"entries": {}, "listings": {}, "citations": {}}

    def _per_doc(self, name: str) -> dict[str, Any]:
        table: dict[str, Any] = self.data.setdefault(name, {})
        return table

    # -- entries ---------------------------------------------------------------------

    @property
    def entries(self) -> dict[str, list[EntryRecord]]:
        return self._per_doc("entries")

    def add_entry(self, record: EntryRecord) -> None:
        self.entries.setdefault(record.docname, []).append(record)

    def iter_entries(self, kind: str | None = None) -> Iterable[EntryRecord]:
        """All entries in document-name order, then source order; ``kind`` filters."""
        for docname in sorted(self.entries):
            for record in self.entries[docname]:
                if kind is None or record.entry.kind == kind:
                    yield record

    # -- publications and citations ---------------------------------------------------

    def add_listing(self, docname: str, key: str, anchor: str, filtered: bool) -> None:
        self._per_doc("listings").setdefault(docname, {}).setdefault(
            key, Listing(docname, key, anchor, filtered)
        )

    def listings_of(self, docname: str) -> list[Listing]:
        """The publications ``docname`` lists, in page order."""
        listings: dict[str, Listing] = self._per_doc("listings").get(docname, {})
        return list(listings.values())

    def listing_docs(self) -> set[str]:
        """The pages that list publications."""
        return set(self._per_doc("listings"))

    def find_listing(self, key: str) -> Listing | None:
        """Where ``key`` is listed: an unfiltered list first, then by page name."""
        found = [
            by_key[key]
            for _doc, by_key in sorted(self._per_doc("listings").items())
            if key in by_key
        ]
        found.sort(key=lambda listing: listing.filtered)
        return found[0] if found else None

    def add_citation(self, docname: str, key: str, lineno: int) -> None:
        self._per_doc("citations").setdefault(docname, []).append((key, lineno))

    def cited_keys(self) -> set[str]:
        return {key for cites in self._per_doc("citations").values() for key, _ in cites}

    # -- Sphinx hooks -----------------------------------------------------------------

    def clear_doc(self, docname: str) -> None:
        for name in ("entries", "listings", "citations"):
            self._per_doc(name).pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for name in ("entries", "listings", "citations"):
            for docname, value in otherdata.get(name, {}).items():
                if docname in docnames:
                    self._per_doc(name)[docname] = value

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
            logger.warning(
                "cite: %r is in the .bib file but no page lists it; add a "
                "```{publications}``` directive (without a filter that leaves it out)",
                target,
                location=node,
                type="cv",
                subtype="cite",
            )
            return contnode  # type: ignore[return-value]
        return make_refnode(
            builder, fromdocname, listing.docname, listing.anchor, contnode, node.get("reftitle")
        )

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []
