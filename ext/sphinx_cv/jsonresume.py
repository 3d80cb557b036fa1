"""The CV as a JSON Resume (jsonresume.org, schema 1.x): ``resume.json``.

Pure Python. Built from the same objects the pages show: ``cv_person`` for the
basics, every entry of the domain (with its body as a summary and highlights)
and the publications of the .bib files. Each kind of entry goes to the section
JSON Resume has for it, with its field names; talks and teaching, which JSON
Resume has no section for, go to ``talks`` and ``teaching`` (the schema allows
more sections; themes leave them out). Dates are ISO (``2020``, ``2020-05``);
an ongoing end is left out, as JSON Resume means it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .bib import Publication
from .dates import PartialDate
from .entries import Education, Entry, Experience
from .icons import SERVICES, service_of
from .sections import (
    Award,
    Certificate,
    Interest,
    Language,
    Project,
    Reference,
    Skill,
    Talk,
    Teaching,
    Volunteer,
)

__all__ = ["SECTIONS", "ExportedEntry", "resume_data", "split_degree"]

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
#: JSON Resume's section for each kind of entry.
SECTIONS = {
    "experience": "work",
    "education": "education",
    "volunteer": "volunteer",
    "award": "awards",
    "certificate": "certificates",
    "project": "projects",
    "talk": "talks",
    "teaching": "teaching",
    "skill": "skills",
    "language": "languages",
    "interest": "interests",
    "reference": "references",
}

#: (entry, summary, highlights): what the domain records of one entry.
ExportedEntry = tuple[Entry, str, tuple[str, ...]]


def _iso(date: object) -> str:
    return date.isoformat() if isinstance(date, PartialDate) else ""


def split_degree(title: str) -> tuple[str, str]:
    """``Bachelor of Science in Physics`` → (``Bachelor of Science``, ``Physics``)."""
    kind, found, area = title.partition(" in ")
    return (kind, area) if found and kind and area else ("", title)


def _dates(entry: Entry, one: str = "") -> dict[str, str]:
    if one:
        return {one: _iso(entry.dates.start)}
    return {"startDate": _iso(entry.dates.start), "endDate": _iso(entry.dates.end)}


def _item(entry: Entry, summary: str, highlights: tuple[str, ...]) -> dict[str, Any]:
    """One entry as a JSON Resume item (empty values are dropped by :func:`_clean`)."""
    text = {"summary": summary, "highlights": list(highlights)}
    if isinstance(entry, Experience):
        return {
            "name": entry.organization,
            "description": entry.unit,
            "url": entry.url,
            "position": entry.title,
            "location": entry.location,
            **_dates(entry),
            **text,
        }
    if isinstance(entry, Education):
        study, area = split_degree(entry.title)
        return {
            "institution": entry.institution,
            "url": entry.url,
            "area": area,
            "studyType": study,
            "location": entry.location,
            **_dates(entry),
            "score": entry.score,
            "honors": entry.honors,
            "courses": list(highlights),
            "summary": summary,
        }
    if isinstance(entry, Volunteer):
        return {
            "organization": entry.organization,
            "position": entry.title,
            "url": entry.url,
            "location": entry.location,
            **_dates(entry),
            **text,
        }
    if isinstance(entry, Award):
        return {
            "title": entry.title,
            "awarder": entry.awarder,
            **_dates(entry, "date"),
            "location": entry.location,
            "summary": _joined(summary, highlights),
        }
    if isinstance(entry, Certificate):
        return {
            "name": entry.title,
            "issuer": entry.issuer,
            **_dates(entry, "date"),
            "url": entry.url,
        }
    if isinstance(entry, Project):
        return {
            "name": entry.title,
            "description": summary,
            "highlights": list(highlights),
            "keywords": list(entry.keywords),
            "roles": list(entry.roles),
            "entity": entry.entity,
            "url": entry.url,
            "location": entry.location,
            **_dates(entry),
        }
    if isinstance(entry, Talk):
        return {
            "name": entry.title,
            "event": entry.event,
            "location": entry.location,
            **_dates(entry, "date"),
            "url": entry.url,
            "slides": entry.slides,
            **text,
        }
    if isinstance(entry, Teaching):
        return {
            "course": entry.title,
            "institution": entry.institution,
            "role": entry.role,
            "location": entry.location,
            **_dates(entry),
            **text,
        }
    if isinstance(entry, Skill):
        return {"name": entry.heading, "level": entry.level, "keywords": list(entry.keywords)}
    if isinstance(entry, Language):
        return {"language": entry.title, "fluency": entry.fluency}
    if isinstance(entry, Interest):
        return {"name": entry.title, "keywords": list(entry.keywords)}
    if isinstance(entry, Reference):
        return {"name": entry.title, "reference": _joined(summary, highlights)}
    raise TypeError(f"no JSON Resume section for {type(entry).__name__}")


def _joined(summary: str, highlights: tuple[str, ...]) -> str:
    return " ".join(filter(None, (summary, *highlights)))


def _clean(value: Any) -> Any:
    """Empty strings, lists and objects left out: JSON Resume's fields are all optional."""
    if isinstance(value, dict):
        cleaned = {k: _clean(v) for k, v in value.items()}
        return {k: v for k, v in cleaned.items() if v not in ("", [], {}, None)}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def profile(url: str) -> dict[str, str]:
    """A ``sameAs`` address as a JSON Resume profile: network, username, url."""
    service = service_of(url)
    path = [part for part in urlsplit(url).path.split("/") if part]
    network = SERVICES[service][0] if service in SERVICES else urlsplit(url).hostname or ""
    username = path[-1].removeprefix("@") if path else ""
    return {"network": network, "username": username, "url": url}


def publication_item(pub: Publication, link: str = "") -> dict[str, Any]:
    links = {lnk.kind: lnk.url for lnk in pub.links if not lnk.local}
    released = f"{pub.year}-{pub.month:02d}" if pub.year and pub.month else str(pub.year or "")
    return {
        "name": pub.title,
        "publisher": pub.venue,
        "releaseDate": released,
        "url": links.get("doi") or links.get("url") or next(iter(links.values()), "") or link,
        "summary": pub.abstract,
    }


def resume_data(
    person: Mapping[str, Any],
    entries: Iterable[ExportedEntry],
    publications: Iterable[Publication] = (),
    *,
    image: str = "",
    url: str = "",
    label: str = "",
    modified: str = "",
) -> dict[str, Any]:
    """The JSON Resume document: ``basics`` from ``cv_person`` (``image`` and ``url`` as
    absolute addresses), then a section per kind of entry, in page order."""
    location = str(person.get("location", ""))
    city, _, region = location.rpartition(", ") if ", " in location else (location, "", "")
    basics = {
        "name": person.get("name", ""),
        "label": label,
        "image": image,
        "email": person.get("email", ""),
        "url": person.get("url") or url,
        "summary": person.get("description", ""),
        "location": {"city": city, "region": region},
        "profiles": [profile(str(address)) for address in person.get("sameAs", [])],
    }
    data: dict[str, Any] = {"$schema": SCHEMA, "basics": basics}
    for entry, summary, highlights in entries:
        data.setdefault(SECTIONS[entry.kind], []).append(_item(entry, summary, highlights))
    pubs = [publication_item(pub) for pub in publications]
    if pubs:
        data["publications"] = pubs
    data["meta"] = {
        "canonical": f"{url}resume.json" if url else "",
        "version": "v1.0.0",
        "lastModified": modified,
    }
    cleaned: dict[str, Any] = _clean(data)
    return cleaned
