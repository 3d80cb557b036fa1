"""The ``cv`` style without pybtex's template engine: :class:`DirectFormatter`.

pybtex formats an entry by walking a template of nodes, each building rich-text
objects; for a long list that is most of the work. This module writes the same
templates (``unsrt``'s, as :class:`~.style.CVStyle` changes them) as plain
functions on :data:`~.rich.Rich` text. The output is the pybtex style's, part for
part: a test formats every entry of real and synthetic .bib files both ways.

What changes letter case (``unsrt``'s lower-cased edition, a series at the start
of a sentence) is left to pybtex: :meth:`DirectFormatter.format` returns None and
the style formats the entry. Pure Python, no Sphinx.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable
from typing import Any

from babel.dates import format_skeleton
from pybtex.database import Entry, Person
from pybtex.style.template import FieldIsMissing

from .fields import parse_month, parse_year
from .latex import rich_text
from .rich import (
    NBSP,
    OWNER,
    TITLE,
    R,
    Rich,
    Span,
    cat,
    first_of,
    from_pybtex,
    join,
    optional,
    sentence,
    tag,
    together,
    words,
)
from .style import ET_AL, CVStyle, _Person, is_owner, list_separators

__all__ = ["DirectFormatter"]

_DASHES = re.compile(r"-+")


@functools.lru_cache(maxsize=65536)
def _field_text(latex: str) -> Rich:
    return from_pybtex(rich_text(latex))


@functools.lru_cache(maxsize=4096)
def _pages(latex: str) -> Rich:
    if "{" in latex or "\\" in latex:  # protected or marked: pybtex's own dashify
        from pybtex.style.formatting.unsrt import dashify

        return from_pybtex(dashify(rich_text(latex)))
    parts = [_DASHES.split(p) if isinstance(p, str) else [p] for p in _field_text(latex)]
    return tuple(
        cat(
            *(["\u2013", piece] if i else [piece] for part in parts for i, piece in enumerate(part))
        )
    )


class DirectFormatter:
    """Formats entries as :class:`~.style.CVStyle` does, without its templates."""

    def __init__(self, style: CVStyle) -> None:
        self.style = style
        self.names: dict[tuple[str, bool], Rich] = {}

    def word(self, text: str) -> R:
        return [self.style.gettext(text) if self.style.translating else text]

    def format(self, entry: Entry) -> Rich | None:
        """The formatted entry, or None where the pybtex style must format it."""
        template = _TEMPLATES.get(entry.type)
        if template is None:
            return None
        self.entry = entry
        self.fields = entry.fields
        blocks = template(self)
        if blocks is None:
            return None
        return tuple(join(blocks, " "))  # pybtex's newblock

    # Fields and names ------------------------------------------------------------------

    def field(self, name: str) -> R:
        value = self.fields.get(name)
        if value is None:
            raise FieldIsMissing(name, self.entry)
        return list(_field_text(value))

    def opt(self, name: str) -> R:
        value = self.fields.get(name)
        return [] if value is None else list(_field_text(value))

    def pages(self) -> R:
        value = self.fields.get("pages")
        if value is None:
            raise FieldIsMissing("pages", self.entry)
        return list(_pages(value))

    def date(self) -> R:
        style = self.style
        if style.translating:
            year = parse_year(self.fields.get("year", ""))
            month = parse_month(self.fields.get("month", ""))
            if year and month:
                return [format_skeleton("yMMMM", _dt.date(year, month, 1), locale=style.language)]
        return words(self.opt("month"), self.field("year"))

    def people(self, role: str) -> R:
        """The people of ``role`` as :func:`~.style.owner_names` gives them."""
        persons = self.entry.persons.get(role)
        if not persons:
            raise FieldIsMissing(role, self.entry)
        style = self.style
        marked = [(p, is_owner(p, style.owners)) for p in persons]
        shown, hidden_owner = marked, []
        if style.max_authors and len(marked) > style.max_authors:
            shown = marked[: style.max_authors]
            hidden_owner = [m for m in marked[style.max_authors :] if m[1]][:1]
        names = [self.name(p, o) for p, o in shown]
        sep, sep2, last_sep = list_separators(style.language)
        if len(shown) < len(marked):
            et_al = [style.gettext(ET_AL)]
            hidden = [self.name(p, o) for p, o in hidden_owner]
            tail = [["…"], *hidden, et_al] if hidden_owner else [et_al]
            return join([*names, *tail], sep)
        return join(names, sep, sep2, last_sep)

    def name(self, person: Person, owner: bool) -> R:
        key = (str(person), owner)
        if key not in self.names:
            style = self.style
            name = style.format_name(_Person.of(person), style.abbreviate_names)
            text = from_pybtex(name.format_data({"entry": self.entry, "style": style}))
            self.names[key] = (Span(OWNER, text),) if owner else text
        return list(self.names[key])

    # unsrt's pieces ----------------------------------------------------------------

    def authors(self) -> R:
        return sentence(self.people("author"))

    def title(self) -> R:
        return sentence(tag(TITLE, self.field("title")))

    def btitle(self, name: str = "title") -> R:
        return tag("em", self.field(name))

    def editor(self, as_sentence: bool = True) -> R:
        editors = self.people("editor")
        word = "editors" if len(self.entry.persons["editor"]) > 1 else "editor"
        result = join([editors, self.word(word)], ", ")
        return sentence(result) if as_sentence else result

    def author_or_editor(self) -> R:
        return first_of(lambda: optional(self.authors), self.editor)

    def volume_and_series(self) -> R:
        """As a sentence's middle (lower-case words): unsrt's ``as_sentence=False``."""
        return first_of(
            lambda: optional(
                lambda: words(
                    together(self.word("volume"), self.field("volume")),
                    optional(lambda: words(self.word("of"), self.field("series"))),
                )
            ),
            lambda: optional(
                lambda: words(
                    join([self.word("number"), self.field("number")], NBSP),
                    optional(lambda: words(self.word("in"), self.field("series"))),
                )
            ),
            lambda: self.opt("series"),
        )

    def chapter_and_pages(self) -> R:
        return join(
            [
                optional(lambda: together(self.word("chapter"), self.field("chapter"))),
                optional(lambda: together(self.word("pages"), self.pages())),
            ],
            ", ",
        )

    def address_organization_publisher_date(self, organization: bool = True) -> R:
        org = self.opt("organization") if organization else None
        return first_of(
            lambda: optional(
                lambda: join(
                    [
                        sentence(self.field("address"), self.date()),
                        sentence(org, self.opt("publisher")),
                    ],
                    " ",
                )
            ),
            lambda: sentence(org, self.opt("publisher"), self.date()),
        )

    def note(self) -> R:
        return sentence(self.opt("note"))

    def has(self, *names: str) -> bool:
        return any(name in self.fields for name in names)


def _article(f: DirectFormatter) -> list[R]:
    def volume_and_pages() -> R:
        return first_of(
            lambda: optional(
                lambda: join(
                    [
                        f.field("volume"),
                        optional(lambda: cat(["("], f.field("number"), [")"])),
                        [":"],
                        f.pages(),
                    ]
                )
            ),
            lambda: words(f.word("pages"), f.pages()),
        )

    journal = tag("em", f.field("journal"))
    return [
        f.authors(),
        f.title(),
        sentence(journal, optional(volume_and_pages), f.date()),
        f.note(),
    ]


def _book(f: DirectFormatter) -> list[R] | None:
    if f.has("volume", "number", "series", "edition"):
        return None  # capitalised series, lower-cased edition: pybtex's
    isbn = optional(lambda: sentence(join([f.word("ISBN"), f.field("isbn")], " ")))
    return [
        f.author_or_editor(),
        sentence(f.btitle()),
        sentence(f.field("publisher"), f.opt("address"), f.date()),
        isbn,
        f.note(),
    ]


def _booklet(f: DirectFormatter) -> list[R]:
    return [
        f.authors(),
        f.title(),
        sentence(f.opt("howpublished"), f.opt("address"), f.date(), f.opt("note")),
    ]


def _inbook(f: DirectFormatter) -> list[R] | None:
    if f.has("volume", "number", "series"):
        return None
    edition = optional(lambda: words(f.field("edition"), f.word("edition")))
    return [
        f.author_or_editor(),
        sentence(f.btitle(), f.chapter_and_pages()),
        sentence(f.field("publisher"), f.opt("address"), edition, f.date(), f.opt("note")),
    ]


def _incollection(f: DirectFormatter) -> list[R] | None:
    if f.has("edition"):
        return None
    inner = sentence(
        optional(lambda: f.editor(False)),
        f.btitle("booktitle"),
        f.volume_and_series(),
        f.chapter_and_pages(),
    )
    return [
        f.authors(),
        f.title(),
        words(f.word("In"), inner),
        sentence(f.opt("publisher"), f.opt("address"), f.date()),
    ]


def _inproceedings(f: DirectFormatter) -> list[R]:
    inner = sentence(
        optional(lambda: f.editor(False)),
        f.btitle("booktitle"),
        f.volume_and_series(),
        optional(f.pages),
    )
    return [
        f.authors(),
        f.title(),
        words(f.word("In"), inner, f.address_organization_publisher_date()),
        f.note(),
    ]


def _manual(f: DirectFormatter) -> list[R] | None:
    if f.has("edition"):
        return None
    return [
        optional(f.authors),
        sentence(f.btitle()),
        sentence(f.opt("organization"), f.opt("address"), optional(f.date)),
        f.note(),
    ]


def _thesis(kind: str) -> Callable[[DirectFormatter], list[R]]:
    def template(f: DirectFormatter) -> list[R]:
        title = f.title() if kind == "Master's thesis" else sentence(f.btitle())
        what = f.opt("type") or f.word(kind) if kind == "PhD thesis" else f.word(kind)
        return [
            f.authors(),
            title,
            sentence(what, f.field("school"), f.opt("address"), f.date()),
            f.note(),
        ]

    return template


def _misc(f: DirectFormatter) -> list[R]:
    return [
        optional(f.authors),
        optional(f.title),
        sentence(optional(lambda: f.field("howpublished")), optional(f.date)),
        f.note(),
    ]


def _proceedings(f: DirectFormatter) -> list[R]:
    if "editor" in f.entry.persons:
        main = [
            f.editor(),
            sentence(f.btitle(), f.volume_and_series(), f.address_organization_publisher_date()),
        ]
    else:
        main = [
            optional(lambda: sentence(f.field("organization"))),
            sentence(
                f.btitle(),
                f.volume_and_series(),
                f.address_organization_publisher_date(organization=False),
            ),
        ]
    return [*main, f.note()]


def _techreport(f: DirectFormatter) -> list[R]:
    what = words(f.opt("type") or f.word("Technical Report"), f.opt("number"))
    return [
        f.authors(),
        f.title(),
        sentence(what, f.field("institution"), f.opt("address"), f.date()),
        f.note(),
    ]


def _unpublished(f: DirectFormatter) -> list[R]:
    return [f.authors(), f.title(), sentence(f.field("note"), optional(f.date))]


_TEMPLATES: dict[str, Callable[[DirectFormatter], Any]] = {
    "article": _article,
    "book": _book,
    "booklet": _booklet,
    "inbook": _inbook,
    "incollection": _incollection,
    "inproceedings": _inproceedings,
    "manual": _manual,
    "mastersthesis": _thesis("Master's thesis"),
    "phdthesis": _thesis("PhD thesis"),
    "proceedings": _proceedings,
    "techreport": _techreport,
    "unpublished": _unpublished,
    **dict.fromkeys(("misc", "online", "patent", "software", "dataset"), _misc),
}
