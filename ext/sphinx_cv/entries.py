"""The CV's entries: what an experience or an education entry holds.

Pure Python: no Sphinx import. Directives, the PDF, JSON-LD and exports all
read these objects; validation lives here, once, with messages that say what
was given and what is accepted. Each field is declared once, as a dataclass
field whose metadata carries its help text; the directives' options are these
fields, in this order.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from .dates import DateError, DateRange, PartialDate, Present, parse_date

__all__ = ["Education", "Entry", "EntryError", "EntryField", "Experience", "entry_from_fields"]

#: The fields that hold dates (parsed); every other field is text.
DATE_FIELDS = ("start", "end")


class EntryError(ValueError):
    """Invalid entry data. ``field`` names the offending field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _text(help: str, *, required: bool = False) -> Any:  # noqa: A002 (the metadata's name)
    return field(default="", metadata={"help": help, "required": required})


def _date(help: str, *, required: bool = False) -> Any:  # noqa: A002
    return field(default=None, metadata={"help": help, "required": required})


_LOCATION = "city and region or country"
_START = "first month: YYYY, YYYY-MM or YYYY-MM-DD"


@dataclass(frozen=True)
class EntryField:
    """One option of an entry directive: its name, help text, and whether it is required."""

    name: str
    help: str
    required: bool


@dataclass(frozen=True)
class Entry:
    """What every entry has: a title, and (in subclasses) where and when."""

    #: Directive name and ``@type``-like kind of the entry.
    kind: ClassVar[str] = "entry"
    #: A title to show in the error for a missing one.
    title_example: ClassVar[str] = "Title"

    title: str
    location: str = ""
    start: PartialDate | None = None
    end: PartialDate | Present | None = None

    @classmethod
    def fields(cls) -> dict[str, EntryField]:
        """The options of this kind of entry, in the order its class declares them (the
        title is the directive's argument)."""
        declared = {f.name: f for f in fields(cls) if "help" in f.metadata}
        return {
            name: EntryField(
                name, declared[name].metadata["help"], declared[name].metadata["required"]
            )
            for name in vars(cls).get("__annotations__", {})
            if name in declared
        }

    @property
    def dates(self) -> DateRange:
        return DateRange(self.start, self.end)

    @property
    def organization_name(self) -> str:
        """The organization the entry belongs to (employer, institution)."""
        raise NotImplementedError


@dataclass(frozen=True)
class Experience(Entry):
    """A position: job, internship, research appointment."""

    kind: ClassVar[str] = "experience"
    title_example: ClassVar[str] = "Software Engineer"

    organization: str = _text("employer or lab", required=True)
    unit: str = _text("team, group or department within the organization")
    location: str = _text(_LOCATION)
    start: PartialDate | None = _date(_START, required=True)
    end: PartialDate | Present | None = _date("last month, or 'present' (omit for a single date)")

    @property
    def organization_name(self) -> str:
        return self.organization


@dataclass(frozen=True)
class Education(Entry):
    """A degree (the entry's title) at an institution."""

    kind: ClassVar[str] = "education"
    title_example: ClassVar[str] = "BSc in Physics"

    institution: str = _text("university or school", required=True)
    location: str = _text(_LOCATION)
    start: PartialDate | None = _date(_START, required=True)
    end: PartialDate | Present | None = _date("graduation, expected graduation, or 'present'")
    score: str = _text("grade average, as written, e.g. GPA: 3.8 / 4.0")
    honors: str = _text("distinctions, e.g. cum laude")

    @property
    def organization_name(self) -> str:
        return self.institution


E = TypeVar("E", bound=Entry)


def _suggest(name: str, accepted: list[str]) -> str:
    close = difflib.get_close_matches(name, accepted, n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def entry_from_fields(cls: type[E], title: str, values: Mapping[str, str | None]) -> E:
    """Build and validate an entry of type ``cls`` from text fields.

    ``values`` maps field names (``cls.fields()``) to the text the user wrote.
    Raises :class:`EntryError` naming the field, what was given and what is
    accepted.
    """
    options = cls.fields()
    accepted = list(options)
    title = (title or "").strip()
    if not title:
        raise EntryError(
            f"{cls.kind} needs a title after the directive name, e.g. "
            f"```{{{cls.kind}}} {cls.title_example}"
        )
    text: dict[str, str] = {}
    for name, raw in values.items():
        if name not in options:
            raise EntryError(
                f"unknown field {name!r}; {_suggest(name, accepted)}"
                f"accepted: {', '.join(accepted)}",
                name,
            )
        value = (raw or "").strip()
        if not value:
            raise EntryError(
                f"field {name!r} is empty; give it a value ({options[name].help}) or remove it",
                name,
            )
        text[name] = value
    for option in options.values():
        if option.required and option.name not in text:
            raise EntryError(
                f"{cls.kind} {title!r} has no {option.name!r}; "
                f"add ':{option.name}: …' ({option.help})",
                option.name,
            )

    parsed: dict[str, PartialDate | Present] = {}
    for name in DATE_FIELDS:
        if name in text:
            try:
                parsed[name] = parse_date(text[name])
            except DateError as err:
                raise EntryError(f"{name}: {err}", name) from None
    start = parsed.get("start")
    if isinstance(start, Present):
        raise EntryError("start: 'present' is not a start; write the date it began", "start")
    try:
        DateRange(start, parsed.get("end"))
    except DateError as err:
        raise EntryError(f"dates: {err}", "start" if "start" in parsed else "end") from None
    return cls(title=title, **{**text, **parsed})  # type: ignore[arg-type]
