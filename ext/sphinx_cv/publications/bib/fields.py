"""What the fields of a .bib entry mean to sphinx-cv: types, required fields, dates, links,
keywords and tags.

Words that a reader sees (type names, link labels) are English here, marked
with :func:`~sphinx_cv.model.words.N_`; whoever shows them translates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...model.tags import parse_tags, tag_from_words
from ...model.words import N_
from .latex import CONTROL

__all__ = [
    "CV_FIELDS",
    "LINK_FIELDS",
    "REQUIRED_FIELDS",
    "SHOWN_FIELDS",
    "TYPE_NAMES",
    "Link",
    "check_link",
    "identifiers",
    "one_month",
    "parse_month",
    "parse_year",
    "publication_tags",
    "split_keywords",
]

#: Fields for this CV's page (this package's and al-folio's), not for others to cite: left
#: out of the BibTeX block. ``altmetric`` and ``dimensions`` (badges that need a third-party
#: script) are read and never shown.
CV_FIELDS = frozenset({
    "abstract", "code", "pdf", "slides", "selected", "keywords", "tags", "abbr", "award",
    "award_name", "bibtex_show", "html", "supp", "poster", "video", "blog", "website",
    "preview", "altmetric", "dimensions", "google_scholar_id", "inspirehep_id",
})  # fmt: skip

#: Fields that hold a link, in the order the links row shows them.
LINK_FIELDS = (
    "doi", "url", "html", "pdf", "supp", "code", "slides", "poster", "video", "blog", "website",
)  # fmt: skip
#: Link fields that may name a file of the project instead of an address (al-folio's).
FILE_FIELDS = frozenset({"pdf", "supp", "slides", "poster"})

#: Fields some page shows (in the reference, the links, the abstract, the filters): only
#: these are decoded and checked.
SHOWN_FIELDS = frozenset({
    "title", "booktitle", "journal", "publisher", "address", "school", "institution",
    "howpublished", "note", "series", "edition", "chapter", "pages", "volume", "number",
    "organization", "type", "year", "month", "abstract", "keywords", "abbr", "award",
    "award_name", "eprint", "isbn",
})  # fmt: skip

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
    "misc": (),
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

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
LINK_LABELS = {
    "doi": N_("DOI"),
    "url": N_("Publisher"),
    "html": N_("HTML"),
    "pdf": N_("PDF"),
    "supp": N_("Supplement"),
    "code": N_("Code"),
    "slides": N_("Slides"),
    "poster": N_("Poster"),
    "video": N_("Video"),
    "blog": N_("Blog"),
    "website": N_("Website"),
}
#: Identifier schemes: (field or eprinttype, check, label, address) by kind.
_IDENTIFIERS = {
    "arxiv": (re.compile(r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?"),
              "arXiv:{}", "https://arxiv.org/abs/{}"),
    "pubmed": (re.compile(r"\d{1,9}"), "PMID {}", "https://pubmed.ncbi.nlm.nih.gov/{}/"),
    "hal": (re.compile(r"(?:hal|tel|inria|halshs|cea|in2p3)-\d{5,9}(?:v\d+)?"), "HAL {}",
            "https://hal.science/{}"),
    "jstor": (re.compile(r"\d{1,12}"), "JSTOR {}", "https://www.jstor.org/stable/{}"),
    "hdl": (re.compile(r"\d[\d.]*/[\w.;:/-]+"), "hdl:{}", "https://hdl.handle.net/{}"),
    "isbn": (re.compile(r"(?:97[89][- ]?)?(?:\d[- ]?){9}[\dXx]"), "ISBN {}", ""),
}  # fmt: skip
#: Other names of an identifier's scheme: al-folio's ``arxiv``, ``pmid``; biblatex's
#: ``archivePrefix``/``eprinttype`` values.
_SCHEME_NAMES = {"arxiv": "arxiv", "pmid": "pubmed", "pubmed": "pubmed", "hal": "hal",
                 "jstor": "jstor", "hdl": "hdl", "handle": "hdl", "isbn": "isbn"}  # fmt: skip
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


def parse_year(text: str) -> int | None:
    """The year of a year field as text: ``2020``, ``1988–1992`` or ``2020a`` → the first
    four-digit year; None when it has none."""
    match = _YEAR.search(text)
    return int(match.group(1)) if match else None


def parse_month(text: str) -> int | None:
    """The (first) month of a month field: ``8``, ``aug``, ``August``, ``10~January``,
    ``april-may`` or ``november, december``; None when it names none."""
    for word in re.findall(r"[A-Za-z]+|\d+", text.lower()):
        if word.isdigit():
            if 1 <= int(word) <= 12 and not re.search(r"[a-z]", text.lower()):
                return int(word)
        elif word in MONTHS:
            return MONTHS[word]
    return None


def one_month(year: str, month: str) -> tuple[int, int] | None:
    """The year and month of a date that is one month of one year (``2020`` and ``aug``,
    ``8`` or ``10~January``): what a translated listing writes in its own words. None
    when the fields say more than that: a range (``1988–1992``, ``January–March``), circa
    or uncertain (``ca. May``, ``2020?``), whose words are shown as they are."""
    year_number, number = parse_year(year), parse_month(month)
    if year_number is None or number is None:
        return None
    if len(re.findall(r"[A-Za-z]+", month)) > 1 or len(_YEAR.findall(year)) > 1:
        return None
    if "?" in year or re.search(r"(?<![A-Za-z])ca\.", year):
        return None
    return year_number, number


@dataclass(frozen=True)
class Link:
    """A checked link of a publication: ``kind`` is a :data:`LINK_FIELDS` name.

    ``label`` is English (or a site's name, such as "IEEE Xplore"): translate it
    where it is shown.
    """

    kind: str
    label: str
    url: str
    #: ``url`` is a file of the project (al-folio's ``pdf = {paper.pdf}``), as written.
    local: bool = False


def check_link(kind: str, value: str) -> Link | str:
    """A :class:`Link`, or the reason the value is refused (http(s) and DOIs only)."""
    value = value.strip()
    if kind in FILE_FIELDS and _is_project_file(value):
        return Link(kind, LINK_LABELS[kind], value, local=True)
    if kind == "doi":
        match = _DOI.match(value)
        if not match or CONTROL.search(value):
            return "is not a DOI; write it as 10.xxxx/…"
        return Link("doi", LINK_LABELS["doi"], "https://doi.org/" + match.group(1))
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or re.search(r"[\s\"'<>`]", value):
        return "is not an http(s) link; write a full https:// address"
    if CONTROL.search(value):
        return "contains control characters"
    label = LINK_LABELS[kind]
    if kind == "url":
        label = _HOST_LABELS.get(parts.netloc.lower(), label)
    return Link(kind, label, value)


def _is_project_file(value: str) -> bool:
    """A file's path (``paper.pdf``, ``papers/a.pdf``, ``../papers/a.pdf``): no scheme, no
    backslashes. Whether the file is one the site may publish (inside the project once
    links are followed, and what it claims to be) is checked where the site offers it
    (:func:`sphinx_cv.projectfiles.project_file`), with a warning at the entry if not."""
    return (
        bool(value)
        and ":" not in value
        and "\\" not in value
        and not CONTROL.search(value)
        and not re.search(r"[\s\"'<>`]", value)
    )


def identifiers(fields: dict[str, str]) -> tuple[list[Link], list[str]]:
    """The entry's identifiers as links (arXiv, PubMed, HAL, JSTOR, Handle; ISBN as text),
    and what is wrong with the ones that are not identifiers. ``fields`` are lower-case."""
    found: dict[str, str] = {}
    eprint = fields.get("eprint", "").strip()
    scheme = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    if eprint and scheme in _SCHEME_NAMES:
        found[_SCHEME_NAMES[scheme]] = eprint
    for name in ("arxiv", "pmid", "hal", "isbn"):
        if fields.get(name, "").strip():
            found.setdefault(_SCHEME_NAMES[name], fields[name].strip())
    links, problems = [], []
    for kind, value in found.items():
        pattern, label, address = _IDENTIFIERS[kind]
        value = value.removeprefix("arXiv:").removeprefix("arxiv:").strip()
        if not pattern.fullmatch(value):
            problems.append(f"{value[:60]!r} is not a valid {label.split()[0].rstrip(':{}')} "
                            "identifier; the link is left out")  # fmt: skip
            continue
        links.append(Link(kind, label.format(value), address.format(value)))
    return links, problems


#: The tag of al-folio's ``selected = {true}``.
SELECTED_TAG = "selected"
_KEYWORD_SEPARATORS = re.compile(r"[,;]")


def split_keywords(text: str) -> tuple[str, ...]:
    """The keywords of a ``keywords`` field: separated by commas or semicolons."""
    return tuple(k.strip() for k in _KEYWORD_SEPARATORS.split(text) if k.strip())


def publication_tags(
    tags: str, keywords: tuple[str, ...], selected: bool
) -> tuple[tuple[str, ...], list[str]]:
    """A publication's tags, sorted and unique, and what is wrong with its ``tags`` field.

    They are the ``tags`` field's (commas or spaces between them; a bad one is reported and
    left out), the keywords that read as tags (``Machine Learning`` → ``machine-learning``;
    the others are skipped unreported: keywords are free text), and ``selected`` when
    al-folio's ``selected = {true}`` is set.
    """
    written, problems = parse_tags(tags)
    from_keywords = {tag for tag in map(tag_from_words, keywords) if tag}
    chosen = {SELECTED_TAG} if selected else set()
    return tuple(sorted({*written, *from_keywords, *chosen})), [f"tags: {p}" for p in problems]
