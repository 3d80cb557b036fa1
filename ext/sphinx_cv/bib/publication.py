"""A .bib file as checked, formatted publications: :func:`load_bibliography`.

Every problem with an entry is a :class:`Problem` at its line, and the entry is
still listed; what makes the file unreadable raises
:class:`~sphinx_cv.bib.reading.BibliographyError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pybtex.database import Entry, Person
from pybtex.richtext import Text
from pybtex.scanner import PybtexError
from pybtex.style.template import FieldIsMissing

from ..words import Gettext, untranslated
from .bibtex import standard_bibtex
from .fields import LINK_FIELDS, REQUIRED_FIELDS, Link, check_link, parse_month, parse_year
from .latex import CONTROL, latex_problem, plain_text, unwrap_links
from .reading import parse_bibtex, scan_entries
from .style import ET_AL, list_separators, make_style

__all__ = ["Bibliography", "Problem", "Publication", "load_bibliography"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one entry (the entry is still listed), or with the file."""

    line: int
    message: str


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


def load_bibliography(
    text: str,
    *,
    style: str = "cv",
    owners: Sequence[str] = (),
    max_authors: int = 10,
    language: str = "en",
    gettext: Gettext = untranslated,
) -> Bibliography:
    """Parse, check and format the text of a .bib file.

    ``language`` and ``gettext`` put the words of the references (and of the
    short citation labels) in the site's language. Raises
    :class:`~sphinx_cv.bib.reading.BibliographyError` for what makes the file
    unreadable; everything else is a :class:`Problem` of the returned bibliography.
    """
    entries = scan_entries(text)
    lines = {key.casefold(): line for line, _kind, key in entries}
    data = parse_bibtex(text, entries)
    formatter = make_style(style, owners, max_authors, language, gettext)
    words = _LabelWords(language, gettext)
    result = Bibliography()
    for key, entry in data.entries.items():
        line = lines.get(key.casefold(), 1)
        result.publications[key] = _publication(key, entry, line, formatter, words, result.problems)
    if not result.publications and text.strip():
        result.problems.append(
            Problem(1, "no entries found; an entry looks like @article{key, title = {…}, …}")
        )
    return result


@dataclass(frozen=True)
class _LabelWords:
    language: str
    gettext: Gettext

    def label(self, persons: Sequence[Person], year: int | None, fallback: str) -> str:
        """``Wang et al., 2020``: the short label of citations."""
        names = [plain_text(" ".join(p.prelast_names + p.last_names)) for p in persons]
        if not names:
            who = fallback
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = names[0] + list_separators(self.language)[1] + names[1]
        else:
            who = f"{names[0]} {self.gettext(ET_AL)}"
        return f"{who}, {year}" if year else who


def _person_name(person: Person) -> str:
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
    return plain_text(" ".join(parts + person.lineage_names))


def _publication(
    key: str,
    entry: Entry,
    line: int,
    formatter: Any,
    words: _LabelWords,
    problems: list[Problem],
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

    raw_year = entry.fields.get("year", "").strip()
    year = parse_year(raw_year) if raw_year else None
    if raw_year and year is None:
        problem(f"year {raw_year!r} is not a year; write four digits, e.g. year = 2020")
    raw_month = entry.fields.get("month", "").strip().lower().rstrip(".")
    month = parse_month(raw_month) if raw_month else None
    if raw_month and month is None:
        problem(f"month {raw_month!r} is not a month; write e.g. month = aug")

    links = []
    refused = set()
    for name in LINK_FIELDS:
        if name in entry.fields:
            checked = check_link(name, entry.fields[name])
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
    title = plain_text(entry.fields.get("title", "")) or key
    return Publication(
        key=key,
        entry_type=kind,
        line=line,
        title=title,
        authors=tuple(_person_name(p) for p in persons),
        year=year,
        month=month,
        label=words.label(persons, year, title),
        formatted=formatted,
        links=tuple(links),
        abstract=plain_text(entry.fields.get("abstract", "")),
        keywords=tuple(
            k.strip() for k in plain_text(entry.fields.get("keywords", "")).split(",") if k.strip()
        ),
        selected=entry.fields.get("selected", "").strip().lower() in {"true", "yes", "1"},
        bibtex=standard_bibtex(key, entry, refused),
    )


def _clean(entry: Entry, problem: Callable[[str], None]) -> Entry:
    """The entry without control characters, its LaTeX checked; what changed is a problem."""
    fields = {}
    for name, value in entry.fields.items():
        value = unwrap_links(value)
        if CONTROL.search(value):
            problem(f"{name} contains control characters; they are removed")
            value = CONTROL.sub("", value)
        if "\\" in value and name.lower() not in LINK_FIELDS:
            why = latex_problem(name, value)
            if why:
                problem(why)
        fields[name] = value
    persons = {}
    for role, people in entry.persons.items():
        names = [str(p) for p in people]
        if any(CONTROL.search(n) for n in names):
            problem(f"{role} contains control characters; they are removed")
            people = [Person(CONTROL.sub("", n)) for n in names]
        persons[role] = people
    return Entry(entry.type, fields=fields, persons=persons)


def _format(
    key: str, entry: Entry, kind: str, formatter: Any, problem: Callable[[str], None]
) -> Text:
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
    return Text(plain_text(entry.fields.get("title", key)))
