"""``crossref`` and ``xdata``: fields an entry takes from another, resolved once.

BibTeX copies every field the child lacks from its ``crossref`` parent; biblatex
does too, and renames the parent's title for the child (a book's ``title`` is
an ``@inbook``'s ``booktitle``). ``xdata = {a, b}`` copies the fields of those
``@xdata`` entries. :func:`resolve` does both once, when a file is read.
"""

from __future__ import annotations

from collections.abc import Callable

from pybtex.database import BibliographyData, Entry

__all__ = ["resolve"]

#: Fields that are never inherited (biblatex's list).
_OWN = {
    "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label",
    "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype",
    "shorthand", "shorthandintro", "sortkey",
}  # fmt: skip
#: Child types whose parent's title is their ``booktitle`` (and subtitle their booksubtitle).
_IN_TYPES = {
    "inbook", "bookinbook", "suppbook", "incollection", "inreference", "suppcollection",
    "inproceedings", "conference",
}  # fmt: skip
_TITLE_RENAMES = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}


def _keys(value: str) -> list[str]:
    return [key.strip() for key in value.split(",") if key.strip()]


def _inherit(child: Entry, parent: Entry, rename_titles: bool) -> Entry:
    fields = dict(child.fields)
    have = {name.lower() for name in fields}
    for name, value in parent.fields.items():
        target = name.lower()
        if rename_titles and target in _TITLE_RENAMES:
            target = _TITLE_RENAMES[target]
        elif target in _TITLE_RENAMES and target in have:
            continue
        if target in _OWN or target in have:
            continue
        fields[target] = value
        have.add(target)
    persons = dict(child.persons)
    for role, people in parent.persons.items():
        persons.setdefault(role, people)
    return Entry(child.type, fields=fields, persons=persons)


def resolve(data: BibliographyData, problem: Callable[[str, str], None]) -> dict[str, Entry]:
    """Every entry with what it inherits; ``problem(key, message)`` for a reference to an
    entry that is not in the file."""
    by_key = {key.casefold(): entry for key, entry in data.entries.items()}
    out: dict[str, Entry] = {}
    for key, entry in data.entries.items():
        resolved = entry
        lower = {name.lower(): value for name, value in entry.fields.items()}
        for ref in _keys(lower.get("xdata", "")):
            source = by_key.get(ref.casefold())
            if source is None:
                problem(key, f"xdata {ref!r} names no entry of this file; add it or remove it")
            else:
                resolved = _inherit(resolved, source, rename_titles=False)
        ref = lower.get("crossref", "").strip()
        if ref:
            parent = by_key.get(ref.casefold())
            if parent is None:
                problem(key, f"crossref {ref!r} names no entry of this file; add it or remove it")
            else:
                rename = entry.type.lower() in _IN_TYPES
                resolved = _inherit(resolved, parent, rename_titles=rename)
        out[key] = resolved
    return out
