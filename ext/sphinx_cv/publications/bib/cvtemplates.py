"""The ``unsrt`` templates, as :class:`~.cvformat.DirectFormatter` formats them.

One function per entry type, written from pybtex's ``unsrt`` style (as the ``cv``
style changes it: titles as written, no web links), returning the entry's blocks;
None leaves the entry to pybtex (what changes letter case). Pure Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .rich import R, cat, first_of, join, optional, sentence, tag, words

if TYPE_CHECKING:
    from .cvformat import DirectFormatter

__all__ = ["TEMPLATES"]


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


TEMPLATES: dict[str, Callable[[DirectFormatter], Any]] = {
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
