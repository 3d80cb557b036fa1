"""A .bib file as checked, formatted publications: :func:`load_bibliography`.

BibTeX and biblatex alike: entries are resolved (``crossref``, ``xdata``) and
rewritten in BibTeX's terms (:mod:`.biblatex`) once, when the file is read.
Every problem with an entry is a :class:`Problem` at its line, and the entry is
still listed with all it has; an entry that cannot be read at all is left out, and
every other entry of the file is still listed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pybtex.database import Entry, Person

from ...model.words import Gettext, untranslated
from .biblatex import as_bibtex
from .bibtex import entry_sources, without_fields
from .crossref import resolve
from .fields import (
    CV_FIELDS,
    LINK_FIELDS,
    REQUIRED_FIELDS,
    SHOWN_FIELDS,
    Link,
    check_link,
    identifiers,
    parse_month,
    parse_year,
    publication_tags,
    split_keywords,
)
from .latex import (
    CONTROL,
    expand_macros,
    latex_problem,
    plain_text,
    preamble_macros,
    sort_text,
    unknown_commands,
)
from .names import CitationNames, eastern_name
from .problems import Problem
from .reading import TRUE, parse_bibtex
from .rich import Rich
from .style import EntryFormatter, formatter

__all__ = ["Bibliography", "Problem", "Publication", "load_bibliography"]

#: Entry types that group others and are not listed themselves.
_CONTAINERS = {"set", "xdata"}
#: Space at the end of a value (LaTeX's ``~`` and ``{ }`` too): it would stand before a period.
_TRAILING_SPACE = re.compile(r"(?:\s|~|\{[\s~]*\})+$")
#: A value that shows nothing: space, ties and braces.
_BLANK = re.compile(r"[\s~{}]*")
#: A link written as an HTML anchor (``<a href="https://…">…</a>``), as some lab pages export.
_ANCHOR = re.compile(r"""\s*<a\s[^>]*?href\s*=\s*(["'])(.*?)\1[^>]*>.*?</a>\s*""", re.I | re.S)


_VENUES = ("journal", "booktitle", "publisher", "school", "institution", "howpublished")


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
    #: How citations name the authors (``Wang et al.``) and the year (``2020``).
    cite_names: str
    cite_year: str
    #: The reference as the style formats it.
    formatted: Rich
    links: tuple[Link, ...] = ()
    abstract: str = ""
    #: Where it appeared: the journal, proceedings, publisher, school or institution.
    venue: str = ""
    keywords: tuple[str, ...] = ()
    selected: bool = False
    #: Its tags for the variants of the CV (:mod:`sphinx_cv.model.tags`): the ``tags``
    #: field's, the keywords that read as tags, and ``selected``; sorted, unique.
    tags: tuple[str, ...] = ()
    bibtex: str = ""
    #: al-folio's ``abbr`` (a venue badge), ``award`` (a highlighted note), ``preview`` (a
    #: thumbnail, a file of the project) and ``bibtex_show``.
    badge: str = ""
    award: str = ""
    preview: str = ""
    bibtex_show: bool = False
    #: What orders entries of one year and month (``\\noopsort`` and ``sortkey`` count).
    sort_key: str = ""

    @property
    def label(self) -> str:
        """``Wang et al., 2020``: the author–year label of a citation."""
        return f"{self.cite_names}, {self.cite_year}" if self.cite_year else self.cite_names

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
    #: Keys (case-folded) of entries that could not be read, and their lines.
    lost: dict[str, int] = field(default_factory=dict)
    #: Entries that group others (``@set``, ``@xdata``) and are not listed themselves.
    containers: tuple[str, ...] = ()


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
    short citation labels) in the site's language. Every problem, an entry that cannot
    be read included, is a :class:`Problem` of the returned bibliography.
    """
    parsed = parse_bibtex(text)
    data, lines = parsed.data, parsed.lines
    sources = entry_sources(text, parsed.starts.items())
    result = Bibliography(problems=parsed.problems, lost=parsed.lost)

    def problem_at(key: str, message: str) -> None:
        result.problems.append(Problem(lines.get(key.casefold(), 1), f"entry {key!r}: {message}"))

    resolved = resolve(data, problem_at)
    reader = _Reader(
        EntryFormatter(formatter(style, owners, max_authors, language, gettext), problem_at),
        CitationNames(language, gettext),
        problem_at,
        preamble_macros(data.preamble),
    )
    containers = []
    for key, entry in resolved.items():
        if entry.type.lower() in _CONTAINERS:
            containers.append(key)
            continue
        source = sources.get(key, "")
        result.publications[key] = reader.publication(
            key, entry, lines.get(key.casefold(), 1), source
        )
    result.containers = tuple(containers)
    if not result.publications and not containers and text.strip():
        result.problems.append(
            Problem(1, "no entries found; an entry looks like @article{key, title = {…}, …}")
        )
    return result


def _person_name(person: Person) -> str:
    eastern = eastern_name(person)
    if eastern is not None:
        return eastern
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names
    return plain_text(" ".join(parts + person.lineage_names))


@dataclass
class _Reader:
    """Turns resolved entries into publications, reporting each unknown LaTeX command once."""

    formatter: EntryFormatter
    words: CitationNames
    problem_at: Callable[[str, str], None]
    #: The file's own ``\newcommand`` macros (from its ``@preamble``).
    macros: dict[str, tuple[int, str]] = field(default_factory=dict)
    reported_commands: set[str] = field(default_factory=set)

    def publication(self, key: str, entry: Entry, line: int, source: str) -> Publication:
        def problem(message: str) -> None:
            self.problem_at(key, message)

        original_type = entry.type.lower()
        written = {name.lower(): value for name, value in entry.fields.items()}
        entry = self.clean(as_bibtex(entry, problem), problem)
        kind = entry.type.lower()
        if kind not in REQUIRED_FIELDS:
            problem(
                f"unknown entry type @{entry.type}; it is listed as @misc. "
                f"Use one of: {', '.join(sorted(REQUIRED_FIELDS))}"
            )
        elif original_type in REQUIRED_FIELDS:  # BibTeX's types; biblatex's need less
            missing = [
                need.split("|")[0]
                for need in REQUIRED_FIELDS[kind]
                if not any(o in entry.fields or o in entry.persons for o in need.split("|"))
            ]
            if missing:
                which = "the field" if len(missing) == 1 else "the fields"
                add = ", ".join(f"{name} = {{…}}" for name in missing)
                problem(
                    f"@{kind} needs {which} {' and '.join(missing)}; add {add} "
                    "(it is listed with what it has)"
                )

        fields = {name.lower(): value for name, value in entry.fields.items()}
        shown_year = plain_text(fields.get("year", ""))
        if shown_year and parse_year(shown_year) is None and not unknown_commands(fields["year"]):
            problem(f"year {shown_year!r} is not a year; write four digits, e.g. year = 2020")
        month_text = plain_text(fields.get("month", ""))
        if month_text and parse_month(month_text) is None:
            problem(f"month {month_text!r} names no month; write e.g. month = aug")
        links, refused = self.links(fields, problem)
        ids, bad_ids = identifiers(fields)
        for message in bad_ids:
            problem(message)
        if refused:  # other styles print url/doi themselves: never a refused one
            kept = {k: v for k, v in entry.fields.items() if k.lower() not in refused}
            entry = Entry(entry.type, fields=kept, persons=entry.persons)
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        title = plain_text(fields.get("title", "")) or key
        keywords = split_keywords(plain_text(fields.get("keywords", "")))
        selected = fields.get("selected", "").strip().lower() in TRUE
        tags, bad_tags = publication_tags(plain_text(fields.get("tags", "")), keywords, selected)
        for message in bad_tags:
            problem(message)
        return Publication(
            key=key,
            entry_type=kind,
            line=line,
            title=title,
            authors=tuple(_person_name(p) for p in persons),
            year=parse_year(shown_year),
            month=parse_month(month_text),
            cite_names=self.words.names(persons, title),
            cite_year=shown_year,
            formatted=self.formatter.format(key, entry, kind in REQUIRED_FIELDS),
            links=(*links, *ids),
            abstract=plain_text(fields.get("abstract", "")),
            venue=next((plain_text(fields[f]) for f in _VENUES if fields.get(f)), ""),
            keywords=keywords,
            selected=selected,
            tags=tags,
            bibtex=CONTROL.sub("", without_fields(source, {*CV_FIELDS, *refused})),
            badge=plain_text(fields.get("abbr", "")),
            award=plain_text(fields.get("award", "") or fields.get("award_name", "")),
            preview=fields.get("preview", "").strip(),
            bibtex_show=fields.get("bibtex_show", "").strip().lower() in TRUE,
            sort_key=plain_text(sort_text(written.get("sortkey") or written.get("title", ""))),
        )

    def links(
        self, fields: dict[str, str], problem: Callable[[str], None]
    ) -> tuple[list[Link], set[str]]:
        links, refused = [], set()
        for name in LINK_FIELDS:
            if name in fields:
                anchor = _ANCHOR.fullmatch(fields[name])
                checked = check_link(
                    name, html.unescape(anchor.group(2)) if anchor else fields[name]
                )
                if isinstance(checked, Link):
                    links.append(checked)
                else:
                    refused.add(name)
                    problem(f"{name} {fields[name][:80]!r} {checked}; the link is left out")
        return links, refused

    def clean(self, entry: Entry, problem: Callable[[str], None]) -> Entry:
        """The entry without control characters in what is shown, its LaTeX checked: each
        command that cannot be shown is reported once per file."""
        fields = {}
        for name, value in entry.fields.items():
            if name.lower() in SHOWN_FIELDS:
                value = _TRAILING_SPACE.sub("", value)
                if _BLANK.fullmatch(value) or ("\\" in value and not plain_text(value).strip()):
                    continue  # shows nothing: as if it were not there
                if self.macros and "\\" in value:
                    value = expand_macros(value, self.macros)
                if CONTROL.search(value):
                    problem(f"{name} contains control characters; they are removed")
                    value = CONTROL.sub("", value)
                if "\\" in value:
                    self.check_latex(name, value, problem)
            fields[name] = value
        persons = {}
        for role, people in entry.persons.items():
            names = [str(p) for p in people]
            if any(CONTROL.search(n) for n in names):
                problem(f"{role} contains control characters; they are removed")
                people = [Person(CONTROL.sub("", n)) for n in names]
            persons[role] = people
        return Entry(entry.type, fields=fields, persons=persons)

    def check_latex(self, name: str, value: str, problem: Callable[[str], None]) -> None:
        why = latex_problem(name, value)
        if why:
            problem(why)
            return
        new = [c for c in unknown_commands(value) if c not in self.reported_commands]
        if new:
            self.reported_commands.update(new)
            kept, it = ("its name is", "it") if len(new) == 1 else ("their names are", "them")
            problem(
                f"{name} has LaTeX that cannot be turned into text ({', '.join(new)}); {kept} "
                f"kept as text, without the backslash: define {it} with \\newcommand in the "
                "file's @preamble, or write the words instead (each command is reported once "
                "per file)"
            )
