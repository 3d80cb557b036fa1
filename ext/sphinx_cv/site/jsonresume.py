"""The CV as a JSON Resume (jsonresume.org, schema 1.x): ``resume.json``.

Pure Python. Built from the same objects the pages show: ``cv_person`` for the
basics, every entry of the domain (with its body as a summary and highlights)
and the publications of the .bib files. Each kind of entry goes where its declaration
says (:class:`~sphinx_cv.model.kinds.JSONResume`: its section, its title's key and its
options' keys); talks and teaching, which JSON Resume has no section for, go to ``talks``
and ``teaching`` (the schema allows more sections; themes leave them out). Dates are ISO
(``2020``, ``2020-05``); an ongoing end is left out, as JSON Resume means it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from ..model.dates import PartialDate
from ..model.entries import Entry
from ..model.kinds import split_title
from ..publications.bib import Publication
from .icons import SERVICES, service_of

__all__ = ["ExportedEntry", "resume_data"]

SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"

#: (entry, summary, highlights): what the domain records of one entry.
ExportedEntry = tuple[Entry, str, tuple[str, ...]]


def _iso(date: object) -> str:
    return date.isoformat() if isinstance(date, PartialDate) else ""


def _item(entry: Entry, summary: str, highlights: tuple[str, ...]) -> dict[str, Any]:
    """One entry as a JSON Resume item (empty values are dropped by :func:`_clean`)."""
    spec, options = entry.jsonresume, entry.fields()
    if isinstance(spec.title, str):
        item: dict[str, Any] = {spec.title: entry.heading}
    else:
        item = dict(zip(spec.title, split_title(entry.title), strict=True))
    for option, key in spec.keys.items():
        value = getattr(entry, option)
        item[key] = list(value) if isinstance(value, tuple) else value
        if options[option].kind == "date":
            item[key] = _iso(value)
    if spec.items:
        item[spec.items] = list(highlights)
    if spec.summary:
        item[spec.summary] = summary if spec.items else _joined(summary, highlights)
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
        data.setdefault(entry.jsonresume.section, []).append(_item(entry, summary, highlights))
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
