"""biblatex entries in BibTeX's terms: one data model for both.

biblatex renames fields (``journaltitle``, ``location``, ``date``), adds entry
types (``@online``, ``@report``, ``@thesis``, ``@mvbook``…) and splits titles
(``subtitle``). :func:`as_bibtex` rewrites an entry into the BibTeX fields and
types the formatting style knows, without losing what it shows; a BibTeX entry
comes out as it went in.
"""

from __future__ import annotations

import re

from pybtex.database import Entry

__all__ = ["BIBLATEX_TYPES", "as_bibtex", "parse_date_field"]

#: biblatex types → the BibTeX type that shows them best.
BIBLATEX_TYPES = {
    "online": "misc", "electronic": "misc", "www": "misc", "software": "misc",
    "dataset": "misc", "patent": "misc", "periodical": "misc", "artwork": "misc",
    "audio": "misc", "image": "misc", "movie": "misc", "music": "misc", "video": "misc",
    "performance": "misc", "letter": "misc", "standard": "misc", "review": "misc",
    "report": "techreport", "mvbook": "book", "bookinbook": "inbook", "suppbook": "inbook",
    "collection": "book", "mvcollection": "book", "reference": "book", "mvreference": "book",
    "inreference": "incollection", "suppcollection": "incollection",
    "mvproceedings": "proceedings", "suppperiodical": "article", "thesis": "phdthesis",
}  # fmt: skip

#: biblatex's ``type`` keys → the BibTeX type they mean (else the words are shown as written).
_THESIS_TYPES = {
    "phdthesis": "phdthesis", "phd": "phdthesis", "mathesis": "mastersthesis",
    "mastersthesis": "mastersthesis", "masterthesis": "mastersthesis",
}  # fmt: skip
_REPORT_TYPES = {"techreport", "resreport"}

#: biblatex name → BibTeX name, used when the BibTeX one is missing.
_RENAMES = {"journaltitle": "journal", "location": "address", "annotation": "annote"}
#: Title fields and their subtitle and addendum, shown as "Title. Subtitle".
_SUBTITLES = {
    "title": ("subtitle", "titleaddon"),
    "booktitle": ("booksubtitle", "booktitleaddon"),
    "journal": ("journalsubtitle",),
}
#: What BibTeX's month macros expand to.
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_DATE = re.compile(r"^\s*(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?[~?%]*\s*(?:/\s*(\d{4})?.*)?$")


def parse_date_field(value: str) -> tuple[str, str] | None:
    """biblatex's ``date`` (``2023``, ``2023-05``, ``2023-05-04``, ranges ``1988/1992``)
    → BibTeX's (year, month): ``("1988–1992", "")``, ``("2023", "5")``; None if unreadable."""
    match = _DATE.match(value)
    if not match:
        return None
    year, month, _day, end = match.groups()
    shown = f"{year}–{end}" if end and end != year else year
    return shown, _MONTH_NAMES[int(month) - 1] if month and 1 <= int(month) <= 12 else ""


def as_bibtex(entry: Entry) -> Entry:
    """``entry`` with biblatex's types and fields rewritten in BibTeX's terms."""
    kind = entry.type.lower()
    fields = dict(entry.fields)
    lower = {name.lower(): name for name in fields}

    def get(name: str) -> str | None:
        return fields.get(lower[name]) if name in lower else None

    def put(name: str, value: str) -> None:
        fields[lower.get(name, name)] = value
        lower[name] = lower.get(name, name)

    for old, new in _RENAMES.items():
        if get(old) is not None and get(new) is None:
            put(new, get(old) or "")
    thesis = kind in {"thesis", "phdthesis", "mastersthesis"}
    if thesis and get("school") is None and get("institution") is not None:
        put("school", get("institution") or "")
    if kind in {"report", "techreport"} and get("institution") is None and get("school"):
        put("institution", get("school") or "")
    if get("date") is not None and get("year") is None:
        parsed = parse_date_field(get("date") or "")
        if parsed:
            put("year", parsed[0])
            if parsed[1] and get("month") is None:
                put("month", parsed[1])
    for main, extras in _SUBTITLES.items():
        parts = [get(main)] + [get(extra) for extra in extras]
        if parts[0] and any(parts[1:]):
            put(main, ". ".join(p for p in parts if p))
    if get("addendum"):
        put("note", ". ".join(p for p in (get("note"), get("addendum")) if p))

    mapped = BIBLATEX_TYPES.get(kind, kind)
    thesis_type = (get("type") or "").strip().lower()
    if kind in {"thesis", "phdthesis", "mastersthesis"} and thesis_type in _THESIS_TYPES:
        mapped = _THESIS_TYPES[thesis_type]
        fields.pop(lower["type"])
    if kind in {"report", "techreport"} and thesis_type in _REPORT_TYPES:
        fields.pop(lower["type"])
    if mapped == kind and fields == entry.fields:
        return entry
    return Entry(mapped, fields=fields, persons=entry.persons)
