"""What the fields of a .bib entry mean to sphinx-cv: types, required fields, dates, links.

Words that a reader sees (type names, link labels) are English here, marked
with :func:`~sphinx_cv.words.N_`; whoever shows them translates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..words import N_
from .latex import CONTROL

__all__ = [
    "EXTRA_FIELDS",
    "LINK_FIELDS",
    "REQUIRED_FIELDS",
    "TYPE_NAMES",
    "Link",
    "check_link",
    "parse_month",
    "parse_year",
]

#: Fields this package reads beyond standard BibTeX; left out of the BibTeX block.
EXTRA_FIELDS = ("abstract", "code", "pdf", "slides", "selected", "keywords")

#: Fields that hold a link, in the order the links row shows them.
LINK_FIELDS = ("doi", "url", "pdf", "code", "slides")

#: Standard entry types and the fields they need ("a|b": either).
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "misc": ("title",),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
}

#: Headings of entry types, for grouping by type, in the order groups are shown.
TYPE_NAMES = {
    "article": N_("Journal articles"),
    "book": N_("Books"),
    "booklet": N_("Booklets"),
    "inbook": N_("Book chapters"),
    "incollection": N_("Book chapters"),
    "inproceedings": N_("Conference papers"),
    "conference": N_("Conference papers"),
    "manual": N_("Manuals"),
    "mastersthesis": N_("Theses"),
    "phdthesis": N_("Theses"),
    "proceedings": N_("Proceedings"),
    "techreport": N_("Technical reports"),
    "unpublished": N_("Unpublished work"),
    "misc": N_("Other"),
}

#: BibTeX's month names and abbreviations → 1–12.
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip

_YEAR = re.compile(r"\{?(\d{4})\}?")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_LINK_LABELS = {
    "doi": N_("DOI"),
    "url": N_("Publisher"),
    "pdf": N_("PDF"),
    "code": N_("Code"),
    "slides": N_("Slides"),
}
_HOST_LABELS = {
    "ieeexplore.ieee.org": "IEEE Xplore",
    "dl.acm.org": "ACM DL",
    "arxiv.org": "arXiv",
    "link.springer.com": "Springer",
    "openreview.net": "OpenReview",
    "aclanthology.org": "ACL Anthology",
    "proceedings.neurips.cc": "NeurIPS",
    "www.sciencedirect.com": "ScienceDirect",
}


def parse_year(raw: str) -> int | None:
    """``2020`` or ``{2020}`` → 2020; anything else → None."""
    match = _YEAR.fullmatch(raw.strip())
    return int(match.group(1)) if match else None


def parse_month(raw: str) -> int | None:
    """``8``, ``aug``, ``August`` or ``Aug.`` → 8; anything else → None."""
    text = raw.strip().lower().rstrip(".")
    if text.isdigit():
        return int(text) if 1 <= int(text) <= 12 else None
    return MONTHS.get(text)


@dataclass(frozen=True)
class Link:
    """A checked link of a publication: ``kind`` is a :data:`LINK_FIELDS` name.

    ``label`` is English (or a site's name, such as "IEEE Xplore"): translate it
    where it is shown.
    """

    kind: str
    label: str
    url: str


def check_link(kind: str, value: str) -> Link | str:
    """A :class:`Link`, or the reason the value is refused (http(s) and DOIs only)."""
    value = value.strip()
    if kind == "doi":
        match = _DOI.match(value)
        if not match or CONTROL.search(value):
            return "is not a DOI; write it as 10.xxxx/…"
        return Link("doi", _LINK_LABELS["doi"], "https://doi.org/" + match.group(1))
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or re.search(r"[\s\"'<>`]", value):
        return "is not an http(s) link; write a full https:// address"
    if CONTROL.search(value):
        return "contains control characters"
    label = _LINK_LABELS[kind]
    if kind == "url":
        label = _HOST_LABELS.get(parts.netloc.lower(), label)
    return Link(kind, label, value)
