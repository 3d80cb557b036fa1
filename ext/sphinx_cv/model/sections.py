"""The other sections of a CV, as entries: volunteering, awards, certificates, projects, talks,
teaching, skills, languages, interests and references; and :data:`ENTRY_KINDS`, every kind.

Pure Python, like :mod:`.entries`, and declared the same way (:mod:`.kinds`). Each kind is
named after its JSON Resume section and uses JSON Resume's field names where they fit
(``awarder``, ``issuer``, ``entity``, ``roles``, ``keywords``, ``fluency``…); dates are
``start``/``end`` or one ``date``, written like every other date. Skills, languages,
interests and certificates are compact: one line each, not a card.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .dates import PartialDate, Present
from .entries import Entry
from .kinds import (
    DAY,
    END,
    ENTRY_KINDS,
    JSON_SPAN,
    LOCATION,
    START,
    TITLE_LINK,
    WHEN,
    JSONResume,
    RenderCV,
    date_field,
    entry_kind,
    list_field,
    text_field,
    url_field,
)
from .words import N_

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


@entry_kind
@dataclass(frozen=True)
class Volunteer(Entry):
    """Unpaid work: service, reviewing, organizing (``volunteer``)."""

    kind: ClassVar[str] = "volunteer"
    section_title: ClassVar[str] = "Volunteering"
    organization_field: ClassVar[str] = "organization"
    title_example: ClassVar[str] = "Program Committee Member"
    title_name: ClassVar[str] = "position"
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "volunteer",
        title="position",
        keys={"organization": "organization", "url": "url", **JSON_SPAN},
        summary="summary",
        items="highlights",
        old_keys={"website": "url"},
    )

    organization: str = text_field("the organization or event", required=True)
    location: str = text_field(LOCATION)
    start: PartialDate | None = date_field(START)
    end: PartialDate | Present | None = date_field(END)
    when: str = text_field(WHEN)
    url: str = url_field(TITLE_LINK)


@entry_kind
@dataclass(frozen=True)
class Award(Entry):
    """A prize, grant, honour or scholarship (JSON Resume's ``awards``)."""

    kind: ClassVar[str] = "award"
    section_title: ClassVar[str] = "Awards"
    organization_field: ClassVar[str] = "awarder"
    title_example: ClassVar[str] = "Best Paper Award"
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "awards",
        title="title",
        keys={"awarder": "awarder", "date": "date", "location": "location"},
        summary="summary",
    )

    awarder: str = text_field("who gave it")
    date: PartialDate | None = date_field(DAY)
    when: str = text_field(WHEN)
    location: str = text_field(LOCATION)


@entry_kind
@dataclass(frozen=True)
class Certificate(Entry):
    """A certification or a completed course programme (``certificates``)."""

    kind: ClassVar[str] = "certificate"
    section_title: ClassVar[str] = "Certificates"
    organization_field: ClassVar[str] = "issuer"
    title_example: ClassVar[str] = "Deep Learning Specialization"
    title_name: ClassVar[str] = "name"
    compact: ClassVar[bool] = True
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "certificates", title="name", keys={"issuer": "issuer", "date": "date", "url": "url"}
    )

    issuer: str = text_field("who issued it, e.g. Coursera")
    date: PartialDate | None = date_field(DAY)
    when: str = text_field(WHEN)
    url: str = url_field(TITLE_LINK)


@entry_kind
@dataclass(frozen=True)
class Project(Entry):
    """Something you built or led (``projects``)."""

    kind: ClassVar[str] = "project"
    section_title: ClassVar[str] = "Projects"
    organization_field: ClassVar[str] = "entity"
    subtitle_fields: ClassVar[tuple[str, ...]] = ("roles",)
    detail_fields: ClassVar[tuple[str, ...]] = ("keywords",)
    title_example: ClassVar[str] = "sphinx-cv"
    title_name: ClassVar[str] = "name"
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "projects",
        title="name",
        keys={
            "entity": "entity",
            "roles": "roles",
            "keywords": "keywords",
            "url": "url",
            **JSON_SPAN,
        },
        summary="description",
        items="highlights",
    )
    rendercv: ClassVar[RenderCV | None] = RenderCV("NormalEntry", title="name", title_link="url")

    entity: str = text_field("the organization it was for, if any")
    roles: tuple[str, ...] = list_field("your roles, separated by commas")
    keywords: tuple[str, ...] = list_field("technologies or topics, separated by commas")
    location: str = text_field(LOCATION)
    start: PartialDate | None = date_field(START)
    end: PartialDate | Present | None = date_field(END)
    when: str = text_field(WHEN)
    url: str = url_field(TITLE_LINK)


@entry_kind
@dataclass(frozen=True)
class Talk(Entry):
    """A talk, poster or invited lecture."""

    kind: ClassVar[str] = "talk"
    section_title: ClassVar[str] = "Talks"
    organization_field: ClassVar[str] = "event"
    title_example: ClassVar[str] = "Sensing with diamonds"
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "talks",
        title="name",
        keys={
            "event": "event",
            "location": "location",
            "date": "date",
            "url": "url",
            "slides": "slides",
        },
        summary="summary",
        items="highlights",
    )

    event: str = text_field("the conference, seminar or meeting")
    location: str = text_field(LOCATION)
    date: PartialDate | None = date_field(DAY)
    when: str = text_field(WHEN)
    url: str = url_field("a web address (https://… or http://…) of the talk or its recording")
    slides: str = url_field(
        "a web address (https://… or http://…) of the slides", label=N_("Slides")
    )


@entry_kind
@dataclass(frozen=True)
class Teaching(Entry):
    """A course taught or assisted."""

    kind: ClassVar[str] = "teaching"
    section_title: ClassVar[str] = "Teaching"
    organization_field: ClassVar[str] = "institution"
    subtitle_fields: ClassVar[tuple[str, ...]] = ("role",)
    title_example: ClassVar[str] = "Introduction to Physics"
    title_name: ClassVar[str] = "course"
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "teaching",
        title="course",
        keys={"institution": "institution", "role": "role", **JSON_SPAN},
        summary="summary",
        items="highlights",
    )

    institution: str = text_field("the university or school", required=True)
    role: str = text_field("e.g. Lecturer, Teaching Assistant")
    location: str = text_field(LOCATION)
    start: PartialDate | None = date_field(START)
    end: PartialDate | Present | None = date_field(END)
    when: str = text_field(WHEN)


@entry_kind
@dataclass(frozen=True)
class Skill(Entry):
    """A group of skills at a level (``skills``): its name (or only its level) and its
    keywords, from ``keywords`` or the body's list."""

    kind: ClassVar[str] = "skill"
    section_title: ClassVar[str] = "Skills"
    title_example: ClassVar[str] = "Programming languages"
    title_name: ClassVar[str] = "name"
    title_fallback: ClassVar[str] = "level"
    compact: ClassVar[bool] = True
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "skills", title="name", keys={"level": "level", "keywords": "keywords"}
    )
    rendercv: ClassVar[RenderCV | None] = RenderCV(
        "OneLineEntry", title="label", keys={"keywords": "details"}, shared=False
    )

    level: str = text_field("e.g. Proficient, Intermediate, Basic")
    keywords: tuple[str, ...] = list_field(
        "the skills, separated by commas (or a list in the body)", from_body=True
    )

    def qualifier(self) -> str:
        return self.level if self.title else ""

    def statement(self) -> str:
        return ", ".join(self.keywords)

    def summary(self) -> str:
        """``Proficient: Python, C++``: the heading and the skills."""
        return f"{self.heading}: {self.statement()}" if self.keywords else self.heading


@entry_kind
@dataclass(frozen=True)
class Language(Entry):
    """A language you speak (``languages``)."""

    kind: ClassVar[str] = "language"
    section_title: ClassVar[str] = "Languages"
    title_example: ClassVar[str] = "Spanish"
    title_name: ClassVar[str] = "language"
    compact: ClassVar[bool] = True
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "languages", title="language", keys={"fluency": "fluency"}
    )

    fluency: str = text_field("e.g. Native speaker, Fluent, B2")

    def statement(self) -> str:
        return self.fluency


@entry_kind
@dataclass(frozen=True)
class Interest(Entry):
    """An interest, with keywords (``interests``)."""

    kind: ClassVar[str] = "interest"
    section_title: ClassVar[str] = "Interests"
    title_example: ClassVar[str] = "Open source"
    title_name: ClassVar[str] = "name"
    compact: ClassVar[bool] = True
    jsonresume: ClassVar[JSONResume] = JSONResume(
        "interests", title="name", keys={"keywords": "keywords"}
    )

    keywords: tuple[str, ...] = list_field(
        "what it covers, separated by commas (or a list in the body)", from_body=True
    )

    def statement(self) -> str:
        return ", ".join(self.keywords)


@entry_kind
@dataclass(frozen=True)
class Reference(Entry):
    """A referee and what they say (the body), shown where you put it (``references``)."""

    kind: ClassVar[str] = "reference"
    section_title: ClassVar[str] = "References"
    title_example: ClassVar[str] = "Prof. Ada Lovelace, University of London"
    title_name: ClassVar[str] = "name"
    jsonresume: ClassVar[JSONResume] = JSONResume("references", title="name", summary="reference")
