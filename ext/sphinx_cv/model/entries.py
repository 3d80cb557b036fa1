"""The CV's entries: what every entry holds, its validation, and experience and education.

Pure Python: no Sphinx import. Directives, the PDF, JSON-LD and exports all read these
objects; validation lives here, once, with messages that say what was given and what is
accepted. A kind of entry is declared once, as a frozen dataclass of :class:`Entry`
registered with :func:`~.kinds.entry_kind` (the vocabulary of a declaration is in
:mod:`.kinds`); the other kinds (awards, projects, skills…) are in :mod:`.sections`.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from .dates import DateError, DateRange, PartialDate, Present, parse_date
from .kinds import (
    END,
    JSON_SPAN,
    LOCATION,
    START,
    TITLE_LINK,
    WHEN,
    DateRule,
    EntryField,
    JSONResume,
    RenderCV,
    date_field,
    declared_fields,
    entry_kind,
    text_field,
    url_field,
)

__all__ = ["Education", "Entry", "EntryError", "EntryField", "Experience", "entry_from_fields"]


class EntryError(ValueError):
    """Invalid entry data. ``field`` names the offending field, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def split_list(value: str) -> tuple[str, ...]:
    """A comma-separated list's items; ``\\,`` is a comma inside an item."""
    items = (item.replace("\\,", ",").strip() for item in re.split(r"(?<!\\),", value))
    return tuple(item for item in items if item)


@dataclass(frozen=True)
class Entry:
    """What every entry has: a title, and (in its kinds) where and when.

    A kind says, in class attributes: its directive's name (``kind``); the title of a page of
    such entries (``section_title``, an imported section's); what its title is called and an
    example of one; the field that stands in for a missing title (``title_fallback``: a skill
    named by its level), the field of its organization, whether it is one line rather than a
    card (``compact``); and how JSON Resume and RenderCV hold it (:class:`~.kinds.JSONResume`,
    :class:`~.kinds.RenderCV`).
    """

    #: Directive name and ``@type``-like kind of the entry.
    kind: ClassVar[str] = "entry"
    #: The title of a page of such entries (an imported section's).
    section_title: ClassVar[str] = ""
    #: A title to show in the error for a missing one.
    title_example: ClassVar[str] = "Title"
    #: What the title is called (in the error for a missing one).
    title_name: ClassVar[str] = "title"
    #: The field shown as the title when there is none (a skills group named by its level).
    title_fallback: ClassVar[str] = ""
    #: The field that names the organization the entry belongs to, if any.
    organization_field: ClassVar[str] = ""
    #: Fields shown after the organization, under the title (a team, a role).
    subtitle_fields: ClassVar[tuple[str, ...]] = ()
    #: Fields shown on a further line of short facts (a score, keywords).
    detail_fields: ClassVar[tuple[str, ...]] = ()
    #: Shown as one line (skills, languages) rather than as a card.
    compact: ClassVar[bool] = False
    #: How JSON Resume holds it, both ways.
    jsonresume: ClassVar[JSONResume]
    #: How a RenderCV file holds it, if it does.
    rendercv: ClassVar[RenderCV | None] = None

    title: str
    location: str = ""
    start: PartialDate | None = None
    end: PartialDate | Present | None = None
    date: PartialDate | None = None
    when: str = ""

    @classmethod
    def fields(cls) -> dict[str, EntryField]:
        """The options of this kind of entry, in the order its class declares them (the
        title is the directive's argument)."""
        known = _FIELDS.get(cls)
        if known is None:
            known = _FIELDS[cls] = declared_fields(cls)
        return known

    @classmethod
    def date_rule(cls) -> DateRule:
        """Its dates: a span, one date or none (the date fields it declares)."""
        return DateRule.of(cls.fields())

    @property
    def dates(self) -> DateRange:
        if self.date_rule() is DateRule.ONE:
            return DateRange(self.date, None)
        return DateRange(self.start, self.end)

    @property
    def heading(self) -> str:
        """What the entry is shown as: its title (or the field that stands in for it)."""
        fallback = str(getattr(self, self.title_fallback)) if self.title_fallback else ""
        return self.title or fallback

    @property
    def organization_name(self) -> str:
        """The organization the entry belongs to (employer, institution), or ""."""
        return str(getattr(self, self.organization_field, "")) if self.organization_field else ""

    def summary(self) -> str:
        """The entry in a few words (a page's description): its heading and organization."""
        return ", ".join(part for part in (self.heading, self.organization_name) if part)

    def subtitle_parts(self) -> list[tuple[str, str]]:
        """The line under the title: (text, what it is) pairs, the first being the
        organization, then :attr:`subtitle_fields`; empty ones left out."""
        organization = [(self.organization_name, "organization")] if self.organization_name else []
        return [*organization, *self._parts(self.subtitle_fields)]

    def detail_parts(self) -> list[tuple[str, str]]:
        """A further line of short facts (:attr:`detail_fields`), as (text, what it is)
        pairs; empty ones left out."""
        return self._parts(self.detail_fields)

    def _parts(self, names: tuple[str, ...]) -> list[tuple[str, str]]:
        values = ((getattr(self, name), name) for name in names)
        texts = ((", ".join(v) if isinstance(v, tuple) else str(v), name) for v, name in values)
        return [(text, name) for text, name in texts if text]

    def qualifier(self) -> str:
        """A compact entry's word in brackets after its title (a skill's level)."""
        return ""

    def statement(self) -> str:
        """A compact entry's words after its title and a colon (keywords, fluency)."""
        return ""

    def check(self) -> None:
        """What a kind asks beyond its fields' own checks (raise :class:`EntryError`)."""

    @property
    def title_link(self) -> str:
        """The web address the title links to (its ``url`` field without a label), or ""."""
        return next(
            (
                str(getattr(self, name))
                for name, option in self.fields().items()
                if option.kind == "url" and not option.label
            ),
            "",
        )

    def links(self) -> list[tuple[str, str]]:
        """(address, label) for each web address that is a link of its own (``slides``)."""
        return [
            (getattr(self, name), option.label)
            for name, option in self.fields().items()
            if option.kind == "url" and option.label and getattr(self, name)
        ]


#: Each kind's options, read from its dataclass once.
_FIELDS: dict[type[Entry], dict[str, EntryField]] = {}


@entry_kind
@dataclass(frozen=True)
class Experience(Entry):
    """A position: job, internship, research appointment."""

    kind: ClassVar[str] = "experience"
    section_title: ClassVar[str] = "Experience"
    organization_field: ClassVar[str] = "organization"
    subtitle_fields: ClassVar[tuple[str, ...]] = ("unit",)
    title_example: ClassVar[str] = "Software Engineer"
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "work",
        title="position",
        keys={"organization": "name", "unit": "description", "url": "url", **JSON_SPAN},
        summary="summary",
        items="highlights",
        old_keys={"company": "name", "website": "url"},
        ongoing=True,
    )
    rendercv: ClassVar[RenderCV | None] = RenderCV(
        "ExperienceEntry", title="position", keys={"organization": "company"}
    )

    organization: str = text_field("employer or lab", required=True)
    unit: str = text_field("team, group or department within the organization")
    location: str = text_field(LOCATION)
    start: PartialDate | None = date_field(START)
    end: PartialDate | Present | None = date_field(END)
    when: str = text_field(WHEN)
    url: str = url_field(TITLE_LINK)


@entry_kind
@dataclass(frozen=True)
class Education(Entry):
    """A degree (the entry's title) at an institution."""

    kind: ClassVar[str] = "education"
    section_title: ClassVar[str] = "Education"
    organization_field: ClassVar[str] = "institution"
    detail_fields: ClassVar[tuple[str, ...]] = ("score", "honors")
    title_example: ClassVar[str] = "BSc in Physics"
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "education",
        title=("studyType", "area"),
        keys={
            "institution": "institution",
            "url": "url",
            **JSON_SPAN,
            "score": "score",
            "honors": "honors",
        },
        summary="summary",
        items="courses",
        old_keys={"gpa": "score"},
        untitled="institution",
    )
    rendercv: ClassVar[RenderCV | None] = RenderCV(
        "EducationEntry", title=("degree", "area"), keys={"institution": "institution"}
    )

    institution: str = text_field("university or school", required=True)
    location: str = text_field(LOCATION)
    start: PartialDate | None = date_field(START)
    end: PartialDate | Present | None = date_field("graduation, expected graduation, or 'present'")
    when: str = text_field(WHEN)
    score: str = text_field("grade average, as written, e.g. GPA: 3.8 / 4.0")
    honors: str = text_field("distinctions, e.g. cum laude")
    url: str = url_field(TITLE_LINK)


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
    fallback = cls.title_fallback
    instead = f" or a ':{fallback}:'" if fallback else ""
    untitled = EntryError(
        f"{cls.kind} needs a {cls.title_name} after the directive name{instead}, e.g. "
        f"```{{{cls.kind}}} {cls.title_example}"
    )
    if not title and not fallback:
        raise untitled
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
    if not title and fallback not in text:
        raise untitled
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
    for name in cls.date_rule().value:
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
