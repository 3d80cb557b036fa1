"""The CV's entries: what an experience or an education entry holds.

Pure Python: no Sphinx import. Directives, the PDF, JSON-LD and exports all
read these objects; validation lives here, once, with messages that say what
was given and what is accepted.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import ClassVar, TypeVar

from .dates import DateError, DateRange, PartialDate, Present, parse_date

__all__ = ["Education", "Entry", "EntryError", "Experience", "entry_from_fields"]


class EntryError(ValueError):
    """Invalid entry data. ``field`` names the offending field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Entry:
    """What every entry has: a title, where, and when."""

    #: Directive name and ``@type``-like kind of the entry.
    kind: ClassVar[str] = "entry"
    #: Field name → one-line help; the directive's options, in display order.
    FIELDS: ClassVar[dict[str, str]] = {}
    #: Fields without which the entry makes no sense.
    REQUIRED: ClassVar[tuple[str, ...]] = ()

    title: str
    location: str = ""
    dates: DateRange = field(default_factory=DateRange)

    @property
    def organization_name(self) -> str:
        """The organization the entry belongs to (employer, institution)."""
        raise NotImplementedError

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data (dates as ISO strings or ``"present"``)."""
        data = asdict(self)
        data["kind"] = self.kind
        data["start"] = self.dates.start.isoformat() if self.dates.start else None
        data["end"] = self.dates.end.isoformat() if self.dates.end else None
        del data["dates"]
        return data


@dataclass(frozen=True)
class Experience(Entry):
    """A position: job, internship, research appointment."""

    kind: ClassVar[str] = "experience"
    FIELDS: ClassVar[dict[str, str]] = {
        "organization": "employer or lab, e.g. Tencent",
        "unit": "team, group or department within the organization",
        "location": "city and region or country",
        "start": "first month: YYYY, YYYY-MM or YYYY-MM-DD",
        "end": "last month, or 'present' (omit for a single date)",
    }
    REQUIRED: ClassVar[tuple[str, ...]] = ("organization", "start")

    organization: str = ""
    unit: str = ""

    @property
    def organization_name(self) -> str:
        return self.organization


@dataclass(frozen=True)
class Education(Entry):
    """A degree (the entry's title) at an institution."""

    kind: ClassVar[str] = "education"
    FIELDS: ClassVar[dict[str, str]] = {
        "institution": "university or school",
        "location": "city and region or country",
        "start": "first month: YYYY, YYYY-MM or YYYY-MM-DD",
        "end": "graduation, expected graduation, or 'present'",
        "score": "grade average, e.g. GPA: 4.00 / 4.00",
        "honors": "distinctions, e.g. University Honors",
    }
    REQUIRED: ClassVar[tuple[str, ...]] = ("institution", "start")

    institution: str = ""
    score: str = ""
    honors: str = ""

    @property
    def organization_name(self) -> str:
        return self.institution


E = TypeVar("E", bound=Entry)


def _suggest(name: str, accepted: list[str]) -> str:
    close = difflib.get_close_matches(name, accepted, n=1)
    return f"did you mean {close[0]!r}? " if close else ""


def entry_from_fields(cls: type[E], title: str, values: Mapping[str, str | None]) -> E:
    """Build and validate an entry of type ``cls`` from text fields.

    ``values`` maps field names (``cls.FIELDS``) to the text the user wrote.
    Raises :class:`EntryError` naming the field, what was given and what is
    accepted.
    """
    accepted = list(cls.FIELDS)
    title = (title or "").strip()
    if not title:
        raise EntryError(
            f"{cls.kind} needs a title after the directive name, e.g. "
            f"```{{{cls.kind}}} {'Software Engineer' if cls is Experience else 'BSc in Physics'}"
        )
    text: dict[str, str] = {}
    for name, raw in values.items():
        if name not in cls.FIELDS:
            raise EntryError(
                f"unknown field {name!r}; {_suggest(name, accepted)}"
                f"accepted: {', '.join(accepted)}",
                name,
            )
        value = (raw or "").strip()
        if not value:
            raise EntryError(
                f"field {name!r} is empty; give it a value ({cls.FIELDS[name]}) or remove it",
                name,
            )
        text[name] = value
    for name in cls.REQUIRED:
        if name not in text:
            raise EntryError(
                f"{cls.kind} {title!r} has no {name!r}; add ':{name}: …' ({cls.FIELDS[name]})",
                name,
            )

    parsed: dict[str, PartialDate | Present] = {}
    for name in ("start", "end"):
        if name in text:
            try:
                parsed[name] = parse_date(text[name])
            except DateError as err:
                raise EntryError(f"{name}: {err}", name) from None
    try:
        start = parsed.get("start")
        if isinstance(start, Present):
            raise EntryError("start: 'present' is not a start; write the date it began", "start")
        dates = DateRange(start, parsed.get("end"))
    except DateError as err:
        raise EntryError(f"dates: {err}", "start" if "start" in parsed else "end") from None

    own = {f.name for f in fields(cls)} - {"title", "dates"}
    kwargs = {name: value for name, value in text.items() if name in own}
    return cls(title=title, dates=dates, **kwargs)
