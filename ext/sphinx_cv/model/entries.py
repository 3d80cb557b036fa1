"""The CV's entries: what every entry holds, and experience and education.

Pure Python: no Sphinx import. Directives, the PDF, JSON-LD and exports all
read these objects; validation lives here, once, with messages that say what
was given and what is accepted. Each field is declared once, as a dataclass
field whose metadata carries its help text and its kind (text, date, web
address, comma list); the directives' options are these fields, in this order.
The other sections of a CV (awards, projects, skills…) are in :mod:`sections`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, TypeVar

from .dates import DateError, DateRange, PartialDate, Present, parse_date

__all__ = ["Education", "Entry", "EntryError", "EntryField", "Experience", "entry_from_fields"]

#: The fields that hold dates (parsed).
DATE_FIELDS = ("start", "end", "date")


class EntryError(ValueError):
    """Invalid entry data. ``field`` names the offending field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _text(help: str, *, required: bool = False) -> Any:  # noqa: A002 (the metadata's name)
    return field(default="", metadata={"help": help, "required": required, "kind": "text"})


def _date(help: str, *, required: bool = False) -> Any:  # noqa: A002
    return field(default=None, metadata={"help": help, "required": required, "kind": "date"})


def _url(help: str) -> Any:  # noqa: A002
    return field(default="", metadata={"help": help, "required": False, "kind": "url"})


def _words(help: str) -> Any:  # noqa: A002
    """A comma-separated list, kept as a tuple of its items."""
    return field(default=(), metadata={"help": help, "required": False, "kind": "list"})


_LOCATION = "city and region or country"
_START = "first month: YYYY, YYYY-MM or YYYY-MM-DD"
_WHEN = "when, as text, if not a date: Fall 2023, Completed (shown as written)"


def _when() -> Any:
    return _text(_WHEN)


def split_list(value: str) -> tuple[str, ...]:
    """A comma-separated list's items; ``\\,`` is a comma inside an item."""
    items = (item.replace("\\,", ",").strip() for item in re.split(r"(?<!\\),", value))
    return tuple(item for item in items if item)


@dataclass(frozen=True)
class EntryField:
    """One option of an entry directive: its name, help text, and whether it is required."""

    name: str
    help: str
    required: bool
    kind: str = "text"


@dataclass(frozen=True)
class Entry:
    """What every entry has: a title, and (in subclasses) where and when."""

    #: Directive name and ``@type``-like kind of the entry.
    kind: ClassVar[str] = "entry"
    #: A title to show in the error for a missing one.
    title_example: ClassVar[str] = "Title"
    #: What the title is called (JSON Resume's name for it).
    title_name: ClassVar[str] = "title"
    #: Whether the title may be left out (a skills group named by its level).
    title_optional: ClassVar[bool] = False
    #: The field that names the organization the entry belongs to, if any.
    organization_field: ClassVar[str] = ""
    #: Shown as one line (skills, languages) rather than as a card.
    compact: ClassVar[bool] = False

    title: str
    location: str = ""
    start: PartialDate | None = None
    end: PartialDate | Present | None = None
    when: str = ""

    @classmethod
    def fields(cls) -> dict[str, EntryField]:
        """The options of this kind of entry, in the order its class declares them (the
        title is the directive's argument)."""
        declared = {f.name: f for f in fields(cls) if "help" in f.metadata}
        return {
            name: EntryField(
                name,
                declared[name].metadata["help"],
                declared[name].metadata["required"],
                declared[name].metadata["kind"],
            )
            for name in vars(cls).get("__annotations__", {})
            if name in declared
        }

    @property
    def dates(self) -> DateRange:
        return DateRange(self.start, self.end)

    @property
    def heading(self) -> str:
        """What the entry is shown as: its title."""
        return self.title

    @property
    def organization_name(self) -> str:
        """The organization the entry belongs to (employer, institution), or ""."""
        return str(getattr(self, self.organization_field, "")) if self.organization_field else ""

    def summary(self) -> str:
        """The entry in a few words (a page's description): its heading and organization."""
        return ", ".join(part for part in (self.heading, self.organization_name) if part)

    def subtitle_parts(self) -> list[tuple[str, str]]:
        """The line under the title: (text, what it is) pairs, the first being the
        organization; empty ones left out."""
        return [(self.organization_name, "organization")] if self.organization_name else []

    def detail_parts(self) -> list[tuple[str, str]]:
        """A further line of short facts, as (text, what it is) pairs."""
        return []

    def check(self) -> None:
        """What a kind asks beyond its fields' own checks (raise :class:`EntryError`)."""

    def links(self) -> list[tuple[str, str]]:
        """(address, field) for each web address the entry has (its fields of kind ``url``):
        ``url`` links the title, the others (``slides``) are links of their own."""
        return [
            (getattr(self, name), name)
            for name, option in self.fields().items()
            if option.kind == "url" and getattr(self, name)
        ]


@dataclass(frozen=True)
class Experience(Entry):
    """A position: job, internship, research appointment."""

    kind: ClassVar[str] = "experience"
    organization_field: ClassVar[str] = "organization"
    title_example: ClassVar[str] = "Software Engineer"

    organization: str = _text("employer or lab", required=True)
    unit: str = _text("team, group or department within the organization")
    location: str = _text(_LOCATION)
    start: PartialDate | None = _date(_START)
    end: PartialDate | Present | None = _date("last month, or 'present' (omit for a single date)")
    when: str = _when()
    url: str = _url("a web address (https://… or http://…) the title links to")

    def subtitle_parts(self) -> list[tuple[str, str]]:
        return [*super().subtitle_parts(), *([(self.unit, "unit")] if self.unit else [])]


@dataclass(frozen=True)
class Education(Entry):
    """A degree (the entry's title) at an institution."""

    kind: ClassVar[str] = "education"
    organization_field: ClassVar[str] = "institution"
    title_example: ClassVar[str] = "BSc in Physics"

    institution: str = _text("university or school", required=True)
    location: str = _text(_LOCATION)
    start: PartialDate | None = _date(_START)
    end: PartialDate | Present | None = _date("graduation, expected graduation, or 'present'")
    when: str = _when()
    score: str = _text("grade average, as written, e.g. GPA: 3.8 / 4.0")
    honors: str = _text("distinctions, e.g. cum laude")
    url: str = _url("a web address (https://… or http://…) the title links to")

    def detail_parts(self) -> list[tuple[str, str]]:
        return [
            (text, name) for text, name in ((self.score, "score"), (self.honors, "honors")) if text
        ]


def current_job(entries: Iterable[Entry]) -> Experience | None:
    """The current position: an experience whose end is ``present``, else the latest one."""
    jobs = [e for e in entries if isinstance(e, Experience)]
    current = [j for j in jobs if isinstance(j.dates.end, Present)]
    if current:
        return current[0]
    return max(jobs, key=_started) if jobs else None


def _started(entry: Entry) -> _dt.date:
    return (
        entry.dates.start.first_day if isinstance(entry.dates.start, PartialDate) else _dt.date.min
    )


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
    if not title and not cls.title_optional:
        raise EntryError(
            f"{cls.kind} needs a {cls.title_name} after the directive name, e.g. "
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
    values_out: dict[str, Any] = dict(text)
    for name, value in text.items():
        kind = options[name].kind
        if kind == "url" and not (value.startswith(("https://", "http://")) and " " not in value):
            raise EntryError(
                f"{name}: {value!r} is not a web address; write one that starts with https:// "
                "or http://",
                name,
            )
        if kind == "list":
            values_out[name] = split_list(value)

    parsed: dict[str, PartialDate | Present] = {}
    for name in DATE_FIELDS:
        if name in text:
            try:
                parsed[name] = parse_date(text[name])
            except DateError as err:
                raise EntryError(f"{name}: {err}", name) from None
    for name in ("start", "date"):
        if isinstance(parsed.get(name), Present):
            raise EntryError(f"{name}: 'present' is not a {name}; write the date it began", name)
    start = parsed.get("start")
    try:
        DateRange(start, parsed.get("end"))  # type: ignore[arg-type]
    except DateError as err:
        raise EntryError(f"dates: {err}", "start" if "start" in parsed else "end") from None
    entry = cls(title=title, **{**values_out, **parsed})
    entry.check()
    return entry
