"""The ``cv`` style: :class:`CVFormatter`, every reference of the site.

pybtex's ``unsrt`` templates, written as plain functions on :data:`~.rich.Rich` text
(pybtex builds a tree of rich-text objects per entry; for a long list that was most
of the work), with the changes of a CV: the owner's name is marked (rendered
highlighted), long author lists are shortened while keeping the owner visible,
titles keep the author's case, links are left out of the text (the publications
list shows them as a row of buttons), and the words of a reference ("In", "pages",
"PhD thesis", month names, "and") follow the site's language. Letter case changes
as ``unsrt``'s: an edition is lower-cased (``third edition``), a series that starts
a sentence is capitalised; ``{…}`` protects both. LaTeX is :mod:`.latex`'s, names
are :mod:`.names`'. ``@conference`` is ``@inproceedings``, as in BibTeX.

Pure Python, no Sphinx; :class:`~.style.CVStyle` offers it to pybtex as the ``cv`` style.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable, Sequence

from babel.dates import format_skeleton, get_month_names
from pybtex.database import Entry, Person
from pybtex.style.template import FieldIsMissing

from ...model.words import N_, Gettext, untranslated
from .fields import one_month
from .latex import rich_text
from .names import ET_AL, eastern_name, full_name, is_owner, list_separators
from .rich import (
    NBSP,
    OWNER,
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

__all__ = ["TEMPLATE_WORDS", "CVFormatter"]

#: Words of the templates that the catalogue translates.
TEMPLATE_WORDS = (
    N_("In"), N_("pages"), N_("editor"), N_("editors"), N_("Volume"), N_("volume"),
    N_("of"), N_("Number"), N_("number"), N_("in"), N_("chapter"), N_("edition"),
    N_("Master's thesis"), N_("PhD thesis"), N_("Technical Report"),
)  # fmt: skip
_DASHES = re.compile(r"-+")


@functools.lru_cache(maxsize=65536)
def _field_text(latex: str) -> Rich:
    return from_pybtex(rich_text(latex))


@functools.lru_cache(maxsize=4096)
def _cased_text(latex: str, case: str) -> Rich:
    """``latex`` with pybtex's ``capfirst`` or ``lower`` applied (``{…}`` protected)."""
    return from_pybtex(getattr(rich_text(latex), case)())


@functools.lru_cache(maxsize=4096)
def _pages(latex: str) -> Rich:
    """Pages with their dashes as one en dash (unsrt's ``dashify``; ``{…}`` protected)."""
    if "{" in latex or "\\" in latex:  # protected or marked: pybtex's own dashify
        from pybtex.style.formatting.unsrt import dashify

        return from_pybtex(dashify(rich_text(latex)))
    parts = [_DASHES.split(p) if isinstance(p, str) else [p] for p in _field_text(latex)]
    return tuple(
        cat(
            *(["\u2013", piece] if i else [piece] for part in parts for i, piece in enumerate(part))
        )
    )


class CVFormatter:
    """The ``cv`` style's references: :meth:`format` an entry (BibTeX's types, and
    ``@misc`` for others). A field an entry's type needs and lacks raises pybtex's
    :class:`~pybtex.style.template.FieldIsMissing`."""

    def __init__(
        self,
        owners: Sequence[str] = (),
        max_authors: int = 10,
        language: str = "en",
        gettext: Gettext = untranslated,
    ) -> None:
        self.owners = [Person(name) for name in owners]
        self.max_authors = max_authors
        self.language = language
        #: English words and dates are pybtex's own; other languages are translated.
        self.translating = language.split("_")[0] != "en"
        self.gettext = gettext
        #: id(person) → the person, its formatted name and whether it is the owner.
        self.persons: dict[int, tuple[Person, Rich, bool]] = {}
        self.entry = Entry("misc")
        self.fields = self.entry.fields

    def format(self, entry: Entry) -> Rich:
        """The reference of ``entry``."""
        self.entry = entry
        self.fields = entry.fields
        return tuple(join(TEMPLATES.get(entry.type, _misc)(self), " "))  # pybtex's newblock

    # Words, fields and names -----------------------------------------------------------

    def word(self, text: str, capfirst: bool = False) -> R:
        """A word of the templates, in the language (its first letter capital if asked)."""
        word = self.gettext(text) if self.translating else text
        return [word[:1].upper() + word[1:] if capfirst else word]

    def field(self, name: str, case: str = "") -> R:
        """A field's text; ``case`` ``"lower"`` or ``"capfirst"`` changes its case."""
        value = self.fields.get(name)
        if value is None:
            raise FieldIsMissing(name, self.entry)
        return list(_cased_text(value, case) if case else _field_text(value))

    def opt(self, name: str, case: str = "") -> R:
        """A field's text, or nothing."""
        value = self.fields.get(name)
        if value is None:
            return []
        return list(_cased_text(value, case) if case else _field_text(value))

    def pages(self) -> R:
        value = self.fields.get("pages")
        if value is None:
            raise FieldIsMissing("pages", self.entry)
        return list(_pages(value))

    def date(self) -> R:
        """``August 2020``; in another language CLDR's (``août 2020``); else the fields,
        a month given as a number (biblatex's ``month = {8}``) named."""
        when = one_month(self.fields.get("year", ""), self.fields.get("month", ""))
        if when and self.translating:
            return [format_skeleton("yMMMM", _dt.date(*when, 1), locale=self.language)]
        if when and str(self.fields.get("month", "")).strip().isdigit():
            name = get_month_names("wide", locale=self.language)[when[1]]
            return words([name], self.field("year"))
        return words(self.opt("month"), self.field("year"))

    def people(self, role: str) -> R:
        """The people of ``role``, the owner marked, joined as the language joins names;
        past ``max_authors``, the first ones, the owner among the rest after "…", and
        "et al." (``A, B, …, Owner, et al.``)."""
        persons = self.entry.persons.get(role)
        if not persons:
            raise FieldIsMissing(role, self.entry)
        named = [self.person(p) for p in persons]
        sep, sep2, last_sep = list_separators(self.language)
        if not self.max_authors or len(named) <= self.max_authors:
            return join([name for name, _ in named], sep, sep2, last_sep)
        cut = self.max_authors
        owner = next(([("…",), name] for name, mine in named[cut:] if mine), [])
        return join([*(name for name, _ in named[:cut]), *owner, [self.gettext(ET_AL)]], sep)

    def person(self, person: Person) -> tuple[Rich, bool]:
        """``person``'s name (:func:`~.names.full_name`, or :func:`~.names.eastern_name`),
        marked :data:`~.rich.OWNER` if it is the owner, and whether it is. Once per person:
        the parser shares a name's ``Person`` across the file (authors recur)."""
        known = self.persons.get(id(person))
        if known is None or known[0] is not person:
            owner = is_owner(person, self.owners)
            eastern = eastern_name(person)
            name: R = [eastern] if eastern is not None else full_name(person)
            known = (person, tuple(tag(OWNER, name) if owner else name), owner)
            self.persons[id(person)] = known
        return known[1], known[2]

    # unsrt's pieces ----------------------------------------------------------------

    def authors(self) -> R:
        return sentence(self.people("author"))

    def title(self) -> R:
        """The title as written (``unsrt`` would change it to sentence case)."""
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

    def volume_and_series(self, as_sentence: bool = False) -> R:
        """``volume 3 of Series``, ``number 7 in Series`` or the series; as a sentence of
        its own, its first letter capital (``Volume 3 of Series.``, ``Lower series.``)."""
        volume, number = ("Volume", "Number") if as_sentence else ("volume", "number")
        result = first_of(
            lambda: optional(
                lambda: words(
                    together(self.word(volume, as_sentence), self.field("volume")),
                    optional(lambda: words(self.word("of"), self.field("series"))),
                )
            ),
            lambda: optional(
                lambda: words(
                    join([self.word(number, as_sentence), self.field("number")], NBSP),
                    optional(lambda: words(self.word("in"), self.field("series"))),
                )
            ),
            lambda: self.opt("series", "capfirst" if as_sentence else ""),
        )
        return sentence(result) if as_sentence else result

    def chapter_and_pages(self) -> R:
        return join(
            [
                optional(lambda: together(self.word("chapter"), self.field("chapter"))),
                optional(lambda: together(self.word("pages"), self.pages())),
            ],
            ", ",
        )

    def edition(self, case: str = "lower") -> R:
        """``third edition``: the edition lower-cased, as unsrt writes it (not in @inbook)."""
        return optional(lambda: words(self.field("edition", case), self.word("edition")))

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


# unsrt's templates: an entry's blocks, one function per type ------------------------


def _article(f: CVFormatter) -> list[R]:
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


def _book(f: CVFormatter) -> list[R]:
    isbn = optional(lambda: sentence(join([f.word("ISBN"), f.field("isbn")], " ")))
    return [
        f.author_or_editor(),
        sentence(f.btitle()),
        f.volume_and_series(as_sentence=True),
        sentence(f.field("publisher"), f.opt("address"), f.edition(), f.date()),
        isbn,
        f.note(),
    ]


def _booklet(f: CVFormatter) -> list[R]:
    return [
        f.authors(),
        f.title(),
        sentence(f.opt("howpublished"), f.opt("address"), f.date(), f.opt("note")),
    ]


def _inbook(f: CVFormatter) -> list[R]:
    return [
        f.author_or_editor(),
        sentence(f.btitle(), f.chapter_and_pages()),
        f.volume_and_series(as_sentence=True),
        sentence(
            f.field("publisher"), f.opt("address"), f.edition(case=""), f.date(), f.opt("note")
        ),
    ]


def _incollection(f: CVFormatter) -> list[R]:
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
        sentence(f.opt("publisher"), f.opt("address"), f.edition(), f.date()),
    ]


def _inproceedings(f: CVFormatter) -> list[R]:
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


def _manual(f: CVFormatter) -> list[R]:
    return [
        optional(f.authors),
        sentence(f.btitle()),
        sentence(f.opt("organization"), f.opt("address"), f.edition(), optional(f.date)),
        f.note(),
    ]


def _thesis(kind: str) -> Callable[[CVFormatter], list[R]]:
    def template(f: CVFormatter) -> list[R]:
        title = f.title() if kind == "Master's thesis" else sentence(f.btitle())
        what = f.opt("type") or f.word(kind) if kind == "PhD thesis" else f.word(kind)
        return [
            f.authors(),
            title,
            sentence(what, f.field("school"), f.opt("address"), f.date()),
            f.note(),
        ]

    return template


def _misc(f: CVFormatter) -> list[R]:
    return [
        optional(f.authors),
        optional(f.title),
        sentence(optional(lambda: f.field("howpublished")), optional(f.date)),
        f.note(),
    ]


def _proceedings(f: CVFormatter) -> list[R]:
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


def _techreport(f: CVFormatter) -> list[R]:
    what = words(f.opt("type") or f.word("Technical Report"), f.opt("number"))
    return [
        f.authors(),
        f.title(),
        sentence(what, f.field("institution"), f.opt("address"), f.date()),
        f.note(),
    ]


def _unpublished(f: CVFormatter) -> list[R]:
    return [f.authors(), f.title(), sentence(f.field("note"), optional(f.date))]


#: Each entry type's template; any other type is formatted as ``@misc``.
TEMPLATES: dict[str, Callable[[CVFormatter], list[R]]] = {
    "article": _article,
    "book": _book,
    "booklet": _booklet,
    "inbook": _inbook,
    "incollection": _incollection,
    "inproceedings": _inproceedings,
    "conference": _inproceedings,
    "manual": _manual,
    "mastersthesis": _thesis("Master's thesis"),
    "phdthesis": _thesis("PhD thesis"),
    "proceedings": _proceedings,
    "techreport": _techreport,
    "unpublished": _unpublished,
}
