"""The ``cv`` domain: where the entries of every page are recorded.

Later stages (JSON-LD, the PDF, exports, citations) read the entries from
here. ``clear_doc`` and ``merge_domaindata`` keep the data right across
incremental and parallel (``-j``) builds, as :mod:`sphinx.ext.todo` does.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass
from typing import Any, ClassVar

from sphinx.domains import Domain

from .entries import Entry


@dataclass(frozen=True)
class EntryRecord:
    """An entry and where it stands in the project."""

    docname: str
    lineno: int
    anchor: str
    entry: Entry


class CVDomain(Domain):
    """Holds the CV's entries, per document."""

    name = "cv"
    label = "Curriculum vitae"
    initial_data: ClassVar[dict[str, Any]] = {"entries": {}}

    @property
    def entries(self) -> dict[str, list[EntryRecord]]:
        entries: dict[str, list[EntryRecord]] = self.data.setdefault("entries", {})
        return entries

    def add_entry(self, record: EntryRecord) -> None:
        self.entries.setdefault(record.docname, []).append(record)

    def iter_entries(self, kind: str | None = None) -> Iterable[EntryRecord]:
        """All entries in document-name order, then source order; ``kind`` filters."""
        for docname in sorted(self.entries):
            for record in self.entries[docname]:
                if kind is None or record.entry.kind == kind:
                    yield record

    def clear_doc(self, docname: str) -> None:
        self.entries.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname, records in otherdata.get("entries", {}).items():
            if docname in docnames:
                self.entries[docname] = list(records)

    def resolve_any_xref(self, *args: Any, **kwargs: Any) -> list[Any]:
        return []
