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
from pybtex.scanner import PybtexError
from pybtex.style.template import FieldIsMissing

from .cvtemplates import TEMPLATES
from .fields import one_month
from .latex import plain_text, rich_text
from .rich import (
    NBSP,
    TITLE,
    R,
    Rich,
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
from .style import ET_AL, CVStyle, list_separators

__all__ = ["DirectFormatter", "EntryFormatter"]

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
        template = TEMPLATES.get(entry.type)
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
            when = one_month(self.fields.get("year", ""), self.fields.get("month", ""))
            if when:
                return [format_skeleton("yMMMM", _dt.date(*when, 1), locale=style.language)]
        return words(self.opt("month"), self.field("year"))

    def people(self, role: str) -> R:
        """The people of ``role`` as :func:`~.style.owner_names` gives them."""
        persons = self.entry.persons.get(role)
        if not persons:
            raise FieldIsMissing(role, self.entry)
        style = self.style
        shown, hidden = style.listed_people(persons)
        names = [self.name(p, o) for p, o in shown]
        sep, sep2, last_sep = list_separators(style.language)
        if hidden is not None:
            et_al = [style.gettext(ET_AL)]
            tail = [["…"], *(self.name(p, o) for p, o in hidden), et_al] if hidden else [et_al]
            return join([*names, *tail], sep)
        return join(names, sep, sep2, last_sep)

    def name(self, person: Person, owner: bool) -> R:
        """The style's name (:meth:`~.style.CVStyle.name_text`) as compact text."""
        key = (str(person), owner)
        if key not in self.names:
            context = {"entry": self.entry, "style": self.style}
            self.names[key] = from_pybtex(self.style.name_text(person, owner, context))
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


#: What names where an entry appeared, for entries shown without their type's template.
_VENUE_FIELDS = (
    "journal", "booktitle", "series", "school", "institution", "organization", "publisher",
    "address",
)  # fmt: skip


class EntryFormatter:
    """An entry's reference in a pybtex style, whatever the entry: directly where
    :class:`DirectFormatter` can, else by the style; an entry that lacks a field its type
    needs as @misc with what it has; else its title, with a problem reported."""

    def __init__(self, style: Any, problem_at: Callable[[str, str], None]) -> None:
        self.style = style
        #: The ``cv`` style without pybtex's templates (None for other styles).
        self.direct = DirectFormatter(style) if type(style) is CVStyle else None
        self.problem_at = problem_at

    def format(self, key: str, entry: Entry, known_type: bool = True) -> Rich:
        """The reference; an entry of an unknown type as @misc."""
        if not known_type:
            entry = Entry("misc", fields=entry.fields, persons=entry.persons)
        try:
            return self.styled(key, entry)
        except UnicodeDecodeError:
            pass  # a lone backslash: reported by clean() already
        except FieldIsMissing:
            return self.format_what_is_there(key, entry)
        except PybtexError as err:
            self.problem_at(key, f"cannot be formatted ({err}); only its title is shown")
        except Exception as err:  # a third-party style may fail in any way
            self.problem_at(
                key,
                f"the style failed on it ({type(err).__name__}: {err}); only its title is shown",
            )
        return (plain_text(entry.fields.get("title", key)),)

    def styled(self, key: str, entry: Entry) -> Rich:
        """The entry in the style: directly where :class:`DirectFormatter` can, else by
        pybtex."""
        direct = self.direct.format(entry) if self.direct is not None else None
        if direct is not None:
            return direct
        return from_pybtex(self.style.format_entry(key, entry).text)

    def format_what_is_there(self, key: str, entry: Entry) -> Rich:
        """An entry that lacks a field its type needs, as @misc: its authors, title, venue
        (what it has of journal, booktitle, school…) and date."""
        fields = dict(entry.fields)
        lower = {name.lower(): value for name, value in fields.items()}
        venue = [lower[n] for n in _VENUE_FIELDS if lower.get(n)]
        if venue and "howpublished" not in lower:
            fields["howpublished"] = ", ".join(venue)
        persons = dict(entry.persons)
        if "author" not in persons and "editor" in persons:  # misc shows authors only
            persons["author"] = persons["editor"]
        try:
            return self.styled(key, Entry("misc", fields, persons))
        except (PybtexError, UnicodeDecodeError):
            return (plain_text(entry.fields.get("title", key)),)
