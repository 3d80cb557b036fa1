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
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from ..model.dates import PartialDate
from ..model.entries import DATE_FIELDS, Education, Entry
from ..publications.bib import Publication
from .icons import SERVICES, service_of

__all__ = ["OLD_KEYS", "SECTIONS", "ExportedEntry", "resume_data", "split_degree"]

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"


class Section(NamedTuple):
    """How one kind of entry stands in JSON Resume, both ways (export and import): its
    section, the page an import puts it on, the field of its title, its options' JSON
    fields, and where its body's paragraphs and list items go ("" for none; an entry body's
    list items join the summary when the section has no list)."""

    name: str
    page: str
    title: str
    fields: dict[str, str]
    summary: str = ""
    items: str = ""


_SPAN = {"location": "location", "start": "startDate", "end": "endDate"}
#: Every kind of entry, as JSON Resume has it (``talks`` and ``teaching`` are sphinx-cv's).
SECTIONS: dict[str, Section] = {
    "experience": Section("work", "Experience", "position",
                          {"organization": "name", "unit": "description", "url": "url", **_SPAN},
                          "summary", "highlights"),
    "education": Section("education", "Education", "",
                         {"institution": "institution", "url": "url", **_SPAN, "score": "score",
                          "honors": "honors"}, "summary", "courses"),
    "volunteer": Section("volunteer", "Volunteering", "position",
                         {"organization": "organization", "url": "url", **_SPAN},
                         "summary", "highlights"),
    "award": Section("awards", "Awards", "title",
                     {"awarder": "awarder", "date": "date", "location": "location"}, "summary"),
    "certificate": Section("certificates", "Certificates", "name",
                           {"issuer": "issuer", "date": "date", "url": "url"}),
    "project": Section("projects", "Projects", "name",
                       {"entity": "entity", "roles": "roles", "keywords": "keywords",
                        "url": "url", **_SPAN}, "description", "highlights"),
    "talk": Section("talks", "Talks", "name",
                    {"event": "event", "location": "location", "date": "date", "url": "url",
                     "slides": "slides"}, "summary", "highlights"),
    "teaching": Section("teaching", "Teaching", "course",
                        {"institution": "institution", "role": "role", **_SPAN},
                        "summary", "highlights"),
    "skill": Section("skills", "Skills", "name", {"level": "level", "keywords": "keywords"}),
    "language": Section("languages", "Languages", "language", {"fluency": "fluency"}),
    "interest": Section("interests", "Interests", "name", {"keywords": "keywords"}),
    "reference": Section("references", "References", "name", {}, "reference"),
}  # fmt: skip

#: JSON Resume 0.x's keys that 1.x renamed (section → old key → 1.x key): real files still
#: use them (``"company"`` and ``"website"`` in ``work``), and the import reads them as 1.x's.
OLD_KEYS: dict[str, dict[str, str]] = {
    "basics": {"picture": "image", "website": "url"},
    "work": {"company": "name", "website": "url"},
    "volunteer": {"website": "url"},
    "education": {"gpa": "score"},
    "publications": {"website": "url"},
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
    section = SECTIONS[entry.kind]
    item: dict[str, Any] = {section.title: entry.heading} if section.title else {}
    for option, name in section.fields.items():
        value = getattr(entry, option)
        item[name] = list(value) if isinstance(value, tuple) else value
        if option in DATE_FIELDS:
            item[name] = _iso(value)
    if isinstance(entry, Education):
        item["studyType"], item["area"] = split_degree(entry.title)
    if section.items:
        item[section.items] = list(highlights)
    if section.summary:
        item[section.summary] = summary if section.items else _joined(summary, highlights)
    return item


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
        data.setdefault(SECTIONS[entry.kind].name, []).append(_item(entry, summary, highlights))
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
