"""Publications from BibTeX: parsing, checking, formatting, selecting.

Pure Python on pybtex: no Sphinx import. :func:`load_bibliography` turns the
text of a ``.bib`` file into :class:`Publication` objects, formatted once by a
pybtex style, with every problem found reported as a :class:`Problem` at its
line. Fatal problems (syntax errors, duplicate keys) raise
:class:`BibliographyError` instead.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import latexcodec  # noqa: F401  (registers the "ulatex" codec)
import pybtex.errors
from pybtex.database import BibliographyData, Entry, Person
from pybtex.database.input.bibtex import Parser
from pybtex.markup import LaTeXParser
from pybtex.plugin import PluginNotFound, find_plugin
from pybtex.richtext import Text
from pybtex.scanner import PrematureEOF, PybtexError, PybtexSyntaxError
from pybtex.style.template import FieldIsMissing

from .bibstyle import CVStyle, is_owner

__all__ = [
    "EXTRA_FIELDS",
    "REQUIRED_FIELDS",
    "Bibliography",
    "BibliographyError",
    "Link",
    "Problem",
    "Publication",
    "check_style",
    "group_publications",
    "load_bibliography",
    "parse_year_range",
    "select_publications",
]

#: Fields this package reads beyond standard BibTeX; left out of the BibTeX block.
EXTRA_FIELDS = ("abstract", "code", "pdf", "slides", "selected", "keywords")

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

#: Display names of entry types, for grouping by type.
TYPE_NAMES = {
    "article": "Journal articles",
    "book": "Books",
    "booklet": "Booklets",
    "inbook": "Book chapters",
    "incollection": "Book chapters",
    "inproceedings": "Conference papers",
    "conference": "Conference papers",
    "manual": "Manuals",
    "mastersthesis": "Theses",
    "phdthesis": "Theses",
    "proceedings": "Proceedings",
    "techreport": "Technical reports",
    "unpublished": "Unpublished work",
    "misc": "Other",
}

_MONTHS = {
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

_ENTRY_START = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(][ \t\r\n]*([^,\s{}()]*)")
_DOI = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_LINK_LABELS = {"url": "Publisher", "pdf": "PDF", "code": "Code", "slides": "Slides"}
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
#: What latexcodec changes: commands, ties, dashes, TeX quotes, comments, math.
_LATEX_MARKS = ("\\", "~", "--", "``", "''", "%", "$")
_ENDS_IN_COMMAND = re.compile(r"\\(?:[A-Za-z]*|[^A-Za-z])$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class BibliographyError(ValueError):
    """A .bib file that cannot be read at all; ``line`` says where."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"{line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Problem:
    """Something wrong with one entry; the entry is still listed."""

    line: int
    message: str


@dataclass(frozen=True)
class Link:
    """A checked link of a publication: ``kind`` is doi, url, pdf, code or slides."""

    kind: str
    label: str
    url: str


@dataclass(frozen=True)
class Publication:
    """One entry of a .bib file, checked and formatted."""

    key: str
    entry_type: str
    line: int
    title: str
    authors: tuple[str, ...]
    year: int | None
    month: int | None
    label: str
    formatted: Text
    links: tuple[Link, ...] = ()
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    selected: bool = False
    bibtex: str = ""
    owner_positions: tuple[int, ...] = ()

    @property
    def anchor(self) -> str:
        """Stable HTML id of the entry: its key, lower-cased, other characters as ``-``."""
        return re.sub(r"[^a-z0-9_-]+", "-", self.key.lower()).strip("-") or "entry"


@dataclass
class Bibliography:
    """The publications of one .bib file, in file order, and what was wrong with them."""

    publications: dict[str, Publication] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Set when the file could not be read at all (it then has no publications).
    error: Problem | None = None


@functools.lru_cache(maxsize=65536)
def _decode_words(latex: str) -> str:
    decoded: str = codecs.decode(latex, "ulatex")  # type: ignore[call-overload]
    return decoded


def _decode_latex(latex: str) -> str:
    """LaTeX to Unicode exactly as latexcodec does it, only faster.

    pybtex hands over whitespace-normalised text (single spaces, trimmed).
    Such text without LaTeX is returned as it is; other text is decoded word by
    word through a memo, since names and words repeat across a bibliography. A
    word ending in a control word (``\\AA b``) is decoded with the next one, as
    TeX swallows the space between them. Anything else decodes whole.
    """
    normalised = " ".join(latex.split()) == latex
    if not normalised or "%" in latex or "$" in latex:  # comments and math: whole
        return _decode_words(latex)
    if not any(mark in latex for mark in _LATEX_MARKS):
        return latex
    out: list[str] = []
    pending: list[str] = []
    for word in latex.split(" "):
        pending.append(word)
        if _ENDS_IN_COMMAND.search(word):
            continue
        chunk = " ".join(pending)
        pending.clear()
        out.append(_decode_words(chunk) if any(m in chunk for m in _LATEX_MARKS) else chunk)
    if pending:
        out.append(_decode_words(" ".join(pending)))
    return " ".join(out)


def _from_latex(cls: type[Text], latex: str) -> Text:
    return LaTeXParser(_decode_latex(latex)).parse()


@contextlib.contextmanager
def _fast_latex() -> Iterator[None]:
    """pybtex decodes every field and name part with latexcodec, which dominates the
    formatting time; during :func:`load_bibliography` it goes through a memo that
    skips text without LaTeX. The output is identical (tested)."""
    original = Text.__dict__["from_latex"]
    Text.from_latex = classmethod(_from_latex)
    try:
        yield
    finally:
        Text.from_latex = original


@functools.lru_cache(maxsize=65536)
def _plain(text: str) -> str:
    """LaTeX markup to Unicode text (``{\\"o}`` → ö, ``\\&`` → &, ``--`` → –).

    Text that latexcodec cannot read at all (a lone backslash) is kept as written,
    without braces; :func:`_latex_problem` reports it.
    """
    try:
        return _CONTROL.sub("", str(_from_latex(Text, text))).strip()
    except UnicodeDecodeError:
        return _CONTROL.sub("", text.replace("{", "").replace("}", "")).strip()


_URL = re.compile(r"\\url\s*\{([^{}]*)\}")
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{([^{}]*)\}")
_UNDECODED = re.compile(r"\\[A-Za-z]+|\\(?=\s|$)")


def _latex_problem(name: str, value: str) -> str | None:
    """Why ``value`` would show LaTeX as typed, if it would."""
    try:
        decoded = str(_from_latex(Text, value))
    except UnicodeDecodeError:
        return (
            f"{name} has a backslash that starts no LaTeX command; "
            "write \\textbackslash{} for a backslash"
        )
    left = _UNDECODED.findall(decoded)
    if left:
        commands = ", ".join(dict.fromkeys(left))
        return f"{name} has LaTeX that cannot be turned into text ({commands}); shown as typed"
    return None


def _person_name(person: Person) -> str:
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
    return _plain(" ".join(parts + person.lineage_names))


def _last_name(person: Person) -> str:
    return _plain(" ".join(person.prelast_names + person.last_names))


def scan_entries(text: str) -> list[tuple[int, str, str]]:
    """``(line, type, key)`` of each entry, by a plain scan (pybtex gives no lines)."""
    found = []
    line, pos = 1, 0
    for match in _ENTRY_START.finditer(text):
        line += text.count("\n", pos, match.start())
        pos = match.start()
        kind = match.group(1).lower()
        if kind not in {"comment", "string", "preamble"}:
            found.append((line, kind, match.group(2)))
    return found


def _unclosed_entry(text: str, entries: Sequence[tuple[int, str, str]]) -> int | None:
    """The line of the first entry whose braces never close, if any."""
    for i, (line, _kind, _key) in enumerate(entries):
        start = _line_offset(text, line)
        end = _line_offset(text, entries[i + 1][0]) if i + 1 < len(entries) else len(text)
        chunk = text[start:end]
        if chunk.count("{") > chunk.count("}"):
            return line
    return None


def _line_offset(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.index("\n", offset) + 1
    return offset


_HINTS = {
    "'}' expected": " (end each field with a comma, and the entry with '}')",
    "')' expected": " (end each field with a comma, and the entry with ')')",
    "'=' expected": " (write each field as name = {value}, fields separated by commas)",
    "unbalanced braces": " (check this entry's braces and double quotes)",
}


def _hint(message: str) -> str:
    return next((hint for key, hint in _HINTS.items() if key in message), "")


def _parse(text: str, entries: Sequence[tuple[int, str, str]]) -> BibliographyData:
    seen: dict[str, int] = {}
    for line, _kind, key in entries:
        if not key:
            raise BibliographyError(line, "entry has no key; write @type{key, …}")
        first = seen.setdefault(key.casefold(), line)
        if first != line:
            raise BibliographyError(
                line,
                f"duplicate key {key!r}: the entry at line {first} has the same key; "
                "rename one of them",
            )
    saved = pybtex.errors.strict
    pybtex.errors.set_strict_mode(True)
    try:
        return Parser().parse_string(text)
    except PrematureEOF as err:
        last_at = text.count("\n", 0, text.rfind("@")) + 1 if "@" in text else None
        line = _unclosed_entry(text, entries) or last_at or err.lineno
        raise BibliographyError(
            line, "this entry is not closed: a '{' has no matching '}' before the end of the file"
        ) from None
    except PybtexSyntaxError as err:
        unclosed = _unclosed_entry(text, entries)
        if unclosed is not None and unclosed < err.lineno:
            raise BibliographyError(
                unclosed,
                "this entry is not closed: a '{' has no matching '}' before the next entry",
            ) from None
        message = str(err).split(": ", 1)[-1]
        raise BibliographyError(err.lineno, f"syntax error: {message}{_hint(message)}") from None
    except PybtexError as err:
        message = str(err)
        match = re.search(r"entry with key (\S+) has a duplicate (\S+) field", message)
        if match:
            line = next((ln for ln, _t, k in entries if k == match.group(1)), 1)
            raise BibliographyError(
                line, f"entry {match.group(1)!r} has two {match.group(2)!r} fields; keep one"
            ) from None
        raise BibliographyError(1, message) from None
    finally:
        pybtex.errors.set_strict_mode(saved)


def _check_link(kind: str, value: str) -> Link | str:
    """A :class:`Link`, or the reason the value is refused."""
    value = value.strip()
    if kind == "doi":
        match = _DOI.match(value)
        if not match or _CONTROL.search(value):
            return "is not a DOI; write it as 10.xxxx/…"
        doi = match.group(1)
        return Link("doi", "DOI", "https://doi.org/" + doi)
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or re.search(r"[\s\"'<>`]", value):
        return "is not an http(s) link; write a full https:// address"
    if _CONTROL.search(value):
        return "contains control characters"
    label = _LINK_LABELS[kind]
    if kind == "url":
        label = _HOST_LABELS.get(parts.netloc.lower(), label)
    return Link(kind, label, value)


def _short_label(persons: Sequence[Person], year: int | None, fallback: str) -> str:
    names = [_last_name(p) for p in persons]
    if not names:
        who = fallback
    elif len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    return f"{who}, {year}" if year else who


def _standard_bibtex(key: str, entry: Entry, refused: Iterable[str] = ()) -> str:
    """The entry as BibTeX for others to cite: no CV-only fields, no refused links.

    Values are shown as written in the file (pybtex keeps them as LaTeX source);
    only ``@string`` macros such as ``aug`` appear expanded.
    """
    drop = {*EXTRA_FIELDS, *refused}
    lines = [f"@{entry.original_type}{{{key},"]
    for role, persons in entry.persons.items():
        lines.append(f"  {role} = {{{' and '.join(str(p) for p in persons)}}},")
    for name, value in entry.fields.items():
        if name.lower() not in drop:
            lines.append(f"  {name} = {{{value}}},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines)


def check_style(name: str) -> str:
    """``name`` if a pybtex formatting style of that name is installed; else ValueError."""
    name = (name or "").strip()
    if not name:
        raise ValueError("give the name of a pybtex formatting style, e.g. unsrt")
    try:
        find_plugin("pybtex.style.formatting", name)
    except PluginNotFound:
        raise ValueError(
            f"no pybtex formatting style named {name!r}; use 'cv' (the default), 'unsrt', "
            "'plain', 'alpha' or an installed plugin"
        ) from None
    return name


def _make_style(style: str, owners: Sequence[str], max_authors: int) -> Any:
    cls = find_plugin("pybtex.style.formatting", style)
    if issubclass(cls, CVStyle):
        return cls(owners=owners, max_authors=max_authors)
    return cls()


def load_bibliography(
    text: str,
    *,
    style: str = "cv",
    owners: Sequence[str] = (),
    max_authors: int = 10,
) -> Bibliography:
    """Parse, check and format the text of a .bib file.

    Raises :class:`BibliographyError` for what makes the file unreadable;
    everything else is a :class:`Problem` of the returned bibliography.
    """
    entries = scan_entries(text)
    lines = {key.casefold(): line for line, _kind, key in entries}
    data = _parse(text, entries)
    formatter = _make_style(style, owners, max_authors)
    result = Bibliography()
    with _fast_latex():
        for key, entry in data.entries.items():
            line = lines.get(key.casefold(), 1)
            result.publications[key] = _publication(key, entry, line, formatter, result.problems)
    if not result.publications and text.strip():
        result.problems.append(
            Problem(1, "no entries found; an entry looks like @article{key, title = {…}, …}")
        )
    return result


def _publication(
    key: str, entry: Entry, line: int, formatter: Any, problems: list[Problem]
) -> Publication:
    def problem(message: str) -> None:
        problems.append(Problem(line, f"entry {key!r}: {message}"))

    entry = _clean(entry, problem)
    kind = entry.type.lower()
    if kind not in REQUIRED_FIELDS:
        problem(
            f"unknown entry type @{entry.type}; it is listed as @misc. "
            f"Use one of: {', '.join(sorted(REQUIRED_FIELDS))}"
        )
    for need in REQUIRED_FIELDS.get(kind, REQUIRED_FIELDS["misc"]):
        options = need.split("|")
        if not any(o in entry.fields or o in entry.persons for o in options):
            problem(f"@{kind} needs the field {' or '.join(options)!s}; add {options[0]} = {{…}}")

    year: int | None = None
    raw_year = entry.fields.get("year", "").strip()
    if raw_year:
        match = re.fullmatch(r"\{?(\d{4})\}?", raw_year)
        if match:
            year = int(match.group(1))
        else:
            problem(f"year {raw_year!r} is not a year; write four digits, e.g. year = 2020")
    raw_month = entry.fields.get("month", "").strip().lower().rstrip(".")
    month = int(raw_month) if raw_month.isdigit() and 1 <= int(raw_month) <= 12 else None
    month = month or _MONTHS.get(raw_month)
    if raw_month and month is None:
        problem(f"month {raw_month!r} is not a month; write e.g. month = aug")

    links = []
    refused = set()
    for name in ("doi", "url", "pdf", "code", "slides"):
        if name in entry.fields:
            checked = _check_link(name, entry.fields[name])
            if isinstance(checked, Link):
                links.append(checked)
            else:
                refused.add(name)
                problem(f"{name} {entry.fields[name][:80]!r} {checked}; the link is left out")

    if refused:  # other styles print url/doi themselves: never a refused one
        kept = {k: v for k, v in entry.fields.items() if k.lower() not in refused}
        entry = Entry(entry.type, fields=kept, persons=entry.persons)
    formatted = _format(key, entry, kind, formatter, problem)
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    owners = getattr(formatter, "owners", [])
    title = _plain(entry.fields.get("title", "")) or key
    return Publication(
        key=key,
        entry_type=kind,
        line=line,
        title=title,
        authors=tuple(_person_name(p) for p in persons),
        year=year,
        month=month,
        label=_short_label(persons, year, title),
        formatted=formatted,
        links=tuple(links),
        abstract=_plain(entry.fields.get("abstract", "")),
        keywords=tuple(
            k.strip() for k in _plain(entry.fields.get("keywords", "")).split(",") if k.strip()
        ),
        selected=entry.fields.get("selected", "").strip().lower() in {"true", "yes", "1"},
        bibtex=_standard_bibtex(key, entry, refused),
        owner_positions=tuple(i for i, p in enumerate(persons) if owners and is_owner(p, owners)),
    )


def _clean(entry: Entry, problem: Any) -> Entry:
    """The entry without control characters, its LaTeX checked; what changed is a problem."""
    fields = {}
    for name, value in entry.fields.items():
        # \url{x} and \href{x}{text} are common in notes; pybtex cannot read them: text.
        value = _HREF.sub(r"\2", _URL.sub(r"\1", value))
        if _CONTROL.search(value):
            problem(f"{name} contains control characters; they are removed")
            value = _CONTROL.sub("", value)
        if "\\" in value and name.lower() not in {"url", "pdf", "code", "slides", "doi"}:
            why = _latex_problem(name, value)
            if why:
                problem(why)
        fields[name] = value
    persons = {}
    for role, people in entry.persons.items():
        names = [str(p) for p in people]
        if any(_CONTROL.search(n) for n in names):
            problem(f"{role} contains control characters; they are removed")
            people = [Person(_CONTROL.sub("", n)) for n in names]
        persons[role] = people
    return Entry(entry.type, fields=fields, persons=persons)


def _format(key: str, entry: Entry, kind: str, formatter: Any, problem: Any) -> Text:
    if kind not in REQUIRED_FIELDS:
        entry = Entry("misc", fields=entry.fields, persons=entry.persons)
    try:
        return Text(formatter.format_entry(key, entry).text)
    except UnicodeDecodeError:
        pass  # a lone backslash: reported by _clean already
    except FieldIsMissing as err:
        if not any(err.field_name in need.split("|") for need in REQUIRED_FIELDS.get(kind, ())):
            problem(f"the style needs the field {err.field_name}; add {err.field_name} = {{…}}")
    except PybtexError as err:
        problem(f"cannot be formatted ({err}); only its title is shown")
    except Exception as err:  # a third-party style may fail in any way
        problem(f"the style failed on it ({type(err).__name__}: {err}); only its title is shown")
    return Text(_plain(entry.fields.get("title", key)))


# -- Selecting and grouping -------------------------------------------------------------


def parse_year_range(text: str) -> tuple[int | None, int | None]:
    """``2018-2020``, ``2019-``, ``-2020`` or ``2020`` → inclusive bounds."""
    match = re.fullmatch(r"\s*(\d{4})?\s*(-|–)?\s*(\d{4})?\s*", text or "")
    if not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"{text!r} is not a year range; write 2018-2020, 2019-, -2020 or 2020")
    low, dash, high = match.groups()
    lo = int(low) if low else None
    hi = int(high) if high else (None if dash else lo)
    if lo and hi and hi < lo:
        raise ValueError(f"{text!r} ends before it starts; write {hi}-{lo}")
    return lo, hi


def newest_first(publications: Iterable[Publication]) -> list[Publication]:
    """Newest year first, then newest month, then title; undated entries last."""
    return sorted(
        publications,
        key=lambda p: (p.year is None, -(p.year or 0), -(p.month or 0), p.title.casefold()),
    )


def select_publications(
    publications: Iterable[Publication],
    *,
    types: Sequence[str] = (),
    years: tuple[int | None, int | None] = (None, None),
    keywords: Sequence[str] = (),
    selected: bool = False,
) -> list[Publication]:
    """The publications that pass every filter given, newest first."""
    wanted_types = {t.lower() for t in types}
    wanted_keywords = {k.casefold() for k in keywords}
    lo, hi = years
    out = []
    for pub in publications:
        if wanted_types and pub.entry_type not in wanted_types:
            continue
        if lo is not None and (pub.year is None or pub.year < lo):
            continue
        if hi is not None and (pub.year is None or pub.year > hi):
            continue
        if wanted_keywords and not wanted_keywords & {k.casefold() for k in pub.keywords}:
            continue
        if selected and not pub.selected:
            continue
        out.append(pub)
    return newest_first(out)


def group_publications(
    publications: Sequence[Publication], by: str
) -> list[tuple[str, list[Publication]]]:
    """Headings and their publications: ``by`` is ``year``, ``type`` or ``none``."""
    if by == "none":
        return [("", list(publications))]
    groups: dict[str, list[Publication]] = {}
    for pub in publications:
        if by == "year":
            heading = str(pub.year) if pub.year else "Undated"
        else:
            heading = TYPE_NAMES.get(pub.entry_type, TYPE_NAMES["misc"])
        groups.setdefault(heading, []).append(pub)
    if by == "type":
        order = list(dict.fromkeys(TYPE_NAMES.values()))
        return sorted(groups.items(), key=lambda item: order.index(item[0]))
    return list(groups.items())
