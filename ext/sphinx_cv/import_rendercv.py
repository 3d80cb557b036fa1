"""A RenderCV file (``cv:`` with ``sections:``, versions 1 and 2) read into an
:class:`~sphinx_cv.imports.ImportedCV`.

Pure Python. Each section becomes a page; its entries' kind follows RenderCV's
own rule (the keys of an entry): ExperienceEntry → ``experience``,
EducationEntry → ``education``, NormalEntry → ``project``, OneLineEntry →
``skill`` (label and details), PublicationEntry → the .bib; bullets and plain
text stay text. RenderCV's Markdown (``**bold**``, ``[text](url)``) becomes
plain text (a link's address in brackets after its words). A ``date`` that is
free text ("Fall 2023") is kept as text where the entry can do without it; an
experience or education needs a real ``start_date``.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from .dates import DateError, parse_date
from .imports import NETWORKS, Block, CVImportError, ImportedCV, bib_date, text_of

__all__ = ["read_rendercv"]

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
_KINDS = (  # RenderCV's order of entry types, by their own keys
    ("one_line", {"label", "details"}),
    ("normal", {"name"}),
    ("experience", {"company", "position"}),
    ("education", {"institution", "area", "degree"}),
    ("publication", {"title", "authors", "doi", "url", "journal"}),
    ("bullet", {"bullet"}),
    ("numbered", {"number"}),
    ("numbered", {"reversed_number"}),
)
_SHARED = {"date", "start_date", "end_date", "location", "summary", "highlights", "tags"}


def plain(value: Any) -> str:
    """RenderCV's Markdown as plain text: links as ``words (address)``, no emphasis marks."""
    text = " ".join(str(value).split()) if value is not None else ""
    text = _LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[2] and m[2] != m[1] else m[1], text)
    return re.sub(r"(\*\*\*|\*\*|\*|__)(.+?)\1", r"\2", text)


def _date(value: Any) -> str:
    """A YAML date (a date, an int year, or text) as text."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value).strip() if value is not None else ""


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except DateError:
        return False
    return True


def _kind(entry: dict[str, Any]) -> str:
    for kind, keys in _KINDS:
        if keys & entry.keys():
            return kind
    return "text"


def _dates(block: Block, entry: dict[str, Any], place: str, needs_start: bool) -> list[str]:
    """Set ``start``/``end`` from RenderCV's dates; return free-text dates to keep as text."""
    date, start, end = (_date(entry.get(k)) for k in ("date", "start_date", "end_date"))
    if date:
        if _is_date(date):
            start, end = date, ""
        elif needs_start and not start:
            raise CVImportError(
                f"{place}.date: {date!r} is not a date sphinx-cv can place; write "
                "start_date: YYYY-MM (and end_date: YYYY-MM or present)"
            )
        else:
            return [date]
    if start:
        block.options["start"] = start
        block.options["end"] = end or "present"
    elif end:
        block.options["start"] = end  # RenderCV: an end alone is the date
    return []


def _entry(cv: ImportedCV, page: str, place: str, entry: dict[str, Any]) -> None:
    kind = _kind(entry)
    highlights = [plain(h) for h in entry.get("highlights") or []]
    summary = [plain(entry["summary"])] if entry.get("summary") else []
    used = set(_SHARED)
    if kind == "experience":
        block = Block("experience", plain(entry.get("position")), {})
        block.options["organization"] = plain(entry.get("company"))
        used |= {"company", "position"}
    elif kind == "education":
        degree, area = plain(entry.get("degree")), plain(entry.get("area"))
        block = Block("education", f"{degree} in {area}" if degree and area else area or degree)
        block.options["institution"] = plain(entry.get("institution"))
        used |= {"institution", "area", "degree"}
    elif kind == "normal":
        name = str(entry.get("name") or "")
        link = _LINK.fullmatch(name.strip())
        block = Block("project", plain(link[1] if link else name))
        if link and link[2].startswith(("https://", "http://")):
            block.options["url"] = link[2]
        used |= {"name"}
    else:  # one_line
        block = Block("skill", plain(entry.get("label")))
        block.options["keywords"] = plain(entry.get("details"))
        used |= {"label", "details"}
        highlights, summary = [], []
    if kind != "one_line":
        free = _dates(block, entry, place, kind in ("experience", "education"))
        summary += [f"Date: {plain(d)}" for d in free]
        cv.notes += [f"{place}.date: {d!r} is not a date; kept as text on {page}" for d in free]
        if entry.get("location"):
            block.options["location"] = plain(entry["location"])
    block.paragraphs, block.items = summary, highlights
    names = {"start": "start_date", "end": "end_date", "organization": "company"}
    cv.add(page, block, place, names)
    for name, value in entry.items():
        if name not in used and value not in (None, "", []):
            cv.keep(page, f"{place}.{name}", name, value)


def _publication(cv: ImportedCV, place: str, entry: dict[str, Any]) -> None:
    title = plain(entry.get("title"))
    if not title:
        raise CVImportError(f"{place}.title: a publication needs a title")
    written = _date(entry.get("date"))
    date = bib_date(written[:10]) if written else {}
    if date is None:
        cv.notes.append(f"{place}.date: {written!r} is not a date; left out of the .bib")
        date = {}
    authors = [plain(a).strip("* ") for a in entry.get("authors") or []]
    journal = plain(entry.get("journal"))
    fields = {"title": title, "journal": journal, "author": " and ".join(filter(None, authors))}
    doi, url = str(entry.get("doi") or ""), str(entry.get("url") or "")
    fields.update(date)
    fields["doi" if doi else "url"] = doi or url
    fields["abstract"] = plain(entry.get("summary"))
    surname = authors[0].split()[-1] if authors and authors[0] else "paper"
    cv.add_publication("article" if journal else "misc", surname + date.get("year", ""), fields)


def _title(key: str) -> str:
    if " " in key or key != key.lower():
        return key
    small = {"and", "of", "in", "the", "a", "an", "for", "on", "to"}
    words = key.split("_")
    return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))


def _person(cv: ImportedCV, data: dict[str, Any]) -> None:
    name = plain(data.get("name"))
    if not name:
        raise CVImportError("cv.name: the CV has no name; add one: cv: {name: Jane Doe}")
    person: dict[str, Any] = {"name": name}
    first = {k: v[0] if isinstance(v, list) and v else v for k, v in data.items()}
    if first.get("email"):
        person["email"] = str(first["email"])
    if first.get("website"):
        person["url"] = str(first["website"])
    if data.get("headline"):
        person["description"] = plain(data["headline"])
    if data.get("location"):
        person["location"] = plain(data["location"])
    photo = str(data.get("photo") or "")
    if photo.startswith(("https://", "http://")):
        person["image"] = photo
    elif photo:
        cv.notes.append(f"cv.photo: {photo!r} is a file; copy it beside conf.py, set 'image'")
    if first.get("phone"):
        cv.private.append(("Phone", str(first["phone"]).removeprefix("tel:")))
        cv.notes.append("cv.phone: on the home page, in the PDF only (not on the website)")
    same = []
    for i, network in enumerate(data.get("social_networks") or []):
        kind, user = str(network.get("network", "")), str(network.get("username", ""))
        if kind == "Mastodon" and user.count("@") == 2:
            _, handle, host = user.split("@")
            same.append(f"https://{host}/@{handle}")
        elif kind.lower() in NETWORKS and user:
            same.append(NETWORKS[kind.lower()].format(user))
        else:
            cv.keep("Profiles", f"cv.social_networks[{i}]", kind or "network", user)
    for i, other in enumerate(data.get("custom_connections") or []):
        cv.keep("Profiles", f"cv.custom_connections[{i}]", "Link", other)
    if same:
        person["sameAs"] = same
    cv.person = person


def read_rendercv(data: dict[str, Any]) -> ImportedCV:
    cv = ImportedCV()
    _person(cv, data["cv"])
    sections = data["cv"].get("sections") or {}
    if not isinstance(sections, dict):
        raise CVImportError("cv.sections: expected section titles, each with a list of entries")
    for key, entries in sections.items():
        page, place = _title(str(key)), f"cv.sections.{key}"
        if not isinstance(entries, list):
            raise CVImportError(f"{place}: expected a list of entries")
        for i, entry in enumerate(entries):
            where = f"{place}[{i}]"
            kind = _kind(entry) if isinstance(entry, dict) else "text"
            if kind == "publication":
                _publication(cv, where, entry)
            elif kind in ("bullet", "numbered"):
                text = next(plain(entry[k]) for k in ("bullet", "number", "reversed_number")
                            if k in entry)  # fmt: skip
                cv.pages.setdefault(page, []).append(text)
            elif kind == "text":
                cv.pages.setdefault(page, []).append(plain(text_of(entry)))
            else:
                _entry(cv, page, where, entry)
    for name in data:
        if name not in ("cv", "design", "locale", "locale_catalog", "settings",
                        "rendercv_settings"):  # fmt: skip
            cv.notes.append(f"{name}: not part of a RenderCV file; left out")
    return cv
