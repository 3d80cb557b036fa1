"""The other sections of a CV, as entries: awards, certificates, projects, talks,
teaching, volunteering, skills, languages, interests and references.

Pure Python, like :mod:`entries`. Each kind is named after its JSON Resume section
and uses JSON Resume's field names where they fit (``awarder``, ``issuer``,
``entity``, ``roles``, ``keywords``, ``fluency``…); dates are ``start``/``end`` or
one ``date``, written like every other date. Skills, languages, interests and
certificates are compact: one line each, not a card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .dates import DateRange, PartialDate, Present
from .entries import (
    _LOCATION,
    _START,
    Education,
    Entry,
    EntryError,
    Experience,
    _date,
    _text,
    _url,
    _when,
    _words,
)

__all__ = [
    "ENTRY_KINDS",
    "Award",
    "Certificate",
    "Interest",
    "Language",
    "Project",
    "Reference",
    "Skill",
    "Talk",
    "Teaching",
    "Volunteer",
]

_DAY = "the day or month: YYYY, YYYY-MM or YYYY-MM-DD"
_END = "last month, or 'present' (omit for a single date)"
_URL = "a web address (https://… or http://…) the title links to"


class _OneDate(Entry):
    """An entry that happened on one day or month (its ``date``), not over a span."""

    @property
    def dates(self) -> DateRange:
        return DateRange(getattr(self, "date", None), None)


@dataclass(frozen=True)
class Award(_OneDate):
    """A prize, grant, honour or scholarship (JSON Resume's ``awards``)."""

    kind: ClassVar[str] = "award"
    organization_field: ClassVar[str] = "awarder"
    title_example: ClassVar[str] = "Best Paper Award"

    awarder: str = _text("who gave it")
    date: PartialDate | None = _date(_DAY)
    when: str = _when()
    location: str = _text(_LOCATION)


@dataclass(frozen=True)
class Certificate(_OneDate):
    """A certification or a completed course programme (``certificates``)."""

    kind: ClassVar[str] = "certificate"
    organization_field: ClassVar[str] = "issuer"
    title_example: ClassVar[str] = "Deep Learning Specialization"
    title_name: ClassVar[str] = "name"
    compact: ClassVar[bool] = True

    issuer: str = _text("who issued it, e.g. Coursera")
    date: PartialDate | None = _date(_DAY)
    when: str = _when()
    url: str = _url(_URL)


@dataclass(frozen=True)
class Project(Entry):
    """Something you built or led (``projects``)."""

    kind: ClassVar[str] = "project"
    organization_field: ClassVar[str] = "entity"
    title_example: ClassVar[str] = "sphinx-cv"
    title_name: ClassVar[str] = "name"

    entity: str = _text("the organization it was for, if any")
    roles: tuple[str, ...] = _words("your roles, separated by commas")
    keywords: tuple[str, ...] = _words("technologies or topics, separated by commas")
    location: str = _text(_LOCATION)
    start: PartialDate | None = _date(_START)
    end: PartialDate | Present | None = _date(_END)
    when: str = _when()
    url: str = _url(_URL)

    def subtitle_parts(self) -> list[tuple[str, str]]:
        roles = [(", ".join(self.roles), "roles")] if self.roles else []
        return [*super().subtitle_parts(), *roles]

    def detail_parts(self) -> list[tuple[str, str]]:
        return [(", ".join(self.keywords), "keywords")] if self.keywords else []


@dataclass(frozen=True)
class Talk(_OneDate):
    """A talk, poster or invited lecture."""

    kind: ClassVar[str] = "talk"
    organization_field: ClassVar[str] = "event"
    title_example: ClassVar[str] = "Sensing with diamonds"

    event: str = _text("the conference, seminar or meeting")
    location: str = _text(_LOCATION)
    date: PartialDate | None = _date(_DAY)
    when: str = _when()
    url: str = _url("a web address (https://… or http://…) of the talk or its recording")
    slides: str = _url("a web address (https://… or http://…) of the slides")


@dataclass(frozen=True)
class Teaching(Entry):
    """A course taught or assisted."""

    kind: ClassVar[str] = "teaching"
    organization_field: ClassVar[str] = "institution"
    title_example: ClassVar[str] = "Introduction to Physics"
    title_name: ClassVar[str] = "course"

    institution: str = _text("the university or school", required=True)
    role: str = _text("e.g. Lecturer, Teaching Assistant")
    location: str = _text(_LOCATION)
    start: PartialDate | None = _date(_START)
    end: PartialDate | Present | None = _date(_END)
    when: str = _when()

    def subtitle_parts(self) -> list[tuple[str, str]]:
        return [*super().subtitle_parts(), *([(self.role, "role")] if self.role else [])]


@dataclass(frozen=True)
class Volunteer(Entry):
    """Unpaid work: service, reviewing, organizing (``volunteer``)."""

    kind: ClassVar[str] = "volunteer"
    organization_field: ClassVar[str] = "organization"
    title_example: ClassVar[str] = "Program Committee Member"
    title_name: ClassVar[str] = "position"

    organization: str = _text("the organization or event", required=True)
    location: str = _text(_LOCATION)
    start: PartialDate | None = _date(_START)
    end: PartialDate | Present | None = _date(_END)
    when: str = _when()
    url: str = _url(_URL)


@dataclass(frozen=True)
class Skill(Entry):
    """A group of skills at a level (``skills``): its name (or only its level) and its
    keywords, from ``keywords`` or the body's list."""

    kind: ClassVar[str] = "skill"
    title_example: ClassVar[str] = "Programming languages"
    title_name: ClassVar[str] = "name"
    title_optional: ClassVar[bool] = True
    compact: ClassVar[bool] = True

    level: str = _text("e.g. Proficient, Intermediate, Basic")
    keywords: tuple[str, ...] = _words("the skills, separated by commas (or a list in the body)")

    @property
    def heading(self) -> str:
        return self.title or self.level

    def summary(self) -> str:
        """``Proficient: Python, C++``: the heading and the skills."""
        return f"{self.heading}: {', '.join(self.keywords)}" if self.keywords else self.heading

    def check(self) -> None:
        if not self.title and not self.level:
            raise EntryError(
                "skill needs a name after the directive name or a ':level:', e.g. "
                "```{skill} Programming languages",
            )


@dataclass(frozen=True)
class Language(Entry):
    """A language you speak (``languages``)."""

    kind: ClassVar[str] = "language"
    title_example: ClassVar[str] = "Spanish"
    title_name: ClassVar[str] = "language"
    compact: ClassVar[bool] = True

    fluency: str = _text("e.g. Native speaker, Fluent, B2")


@dataclass(frozen=True)
class Interest(Entry):
    """An interest, with keywords (``interests``)."""

    kind: ClassVar[str] = "interest"
    title_example: ClassVar[str] = "Open source"
    title_name: ClassVar[str] = "name"
    compact: ClassVar[bool] = True

    keywords: tuple[str, ...] = _words("what it covers, separated by commas")


@dataclass(frozen=True)
class Reference(Entry):
    """A referee and what they say (the body), shown where you put it (``references``)."""

    kind: ClassVar[str] = "reference"
    title_example: ClassVar[str] = "Prof. Ada Lovelace, University of London"
    title_name: ClassVar[str] = "name"


#: Every kind of entry, by directive name, in the order a CV usually shows them.
ENTRY_KINDS: dict[str, type[Entry]] = {
    cls.kind: cls
    for cls in (
        Experience,
        Education,
        Volunteer,
        Award,
        Certificate,
        Project,
        Talk,
        Teaching,
        Skill,
        Language,
        Interest,
        Reference,
    )
}
