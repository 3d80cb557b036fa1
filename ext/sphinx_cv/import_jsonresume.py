"""A JSON Resume document (jsonresume.org) read into an :class:`~sphinx_cv.imports.ImportedCV`.

Pure Python. Each section becomes a page of entries of the kind sphinx-cv has for
it (``work`` → ``experience``, ``awards`` → ``award``…), field by field; what
has no field (a project's ``type``, a street address) stays on the page as
text and is named in the notes. The phone number and street address go to the
home page's PDF-only block. ``talks`` and ``teaching``, which sphinx-cv's own
export adds, come back as talks and teaching.
"""

from __future__ import annotations

import re
from typing import Any

from .imports import NETWORKS, Block, CVImportError, ImportedCV, bib_date, text_of
from .jsonresume import SECTIONS

__all__ = ["read_jsonresume"]

#: JSON Resume's section → the kind of entry (the fields: :data:`jsonresume.SECTIONS`).
KINDS = {section.name: kind for kind, section in SECTIONS.items()}
#: Fields that are read even though no option holds them.
_READ = {"area", "studyType", "name"}


def _value(item: dict[str, Any], name: str) -> str:
    value = item.get(name)
    if isinstance(value, list):
        return ", ".join(" ".join(str(v).split()).replace(",", ";") for v in value)
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _entry(cv: ImportedCV, section: str, index: int, item: Any) -> None:
    kind = KINDS[section]
    page, title_field, options, summary, items = SECTIONS[kind][1:]
    place = f"{section}[{index}]"
    if not isinstance(item, dict):
        raise CVImportError(f"{place}: expected an object with fields, found {text_of(item)!r}")
    if kind == "education":
        study, area = _value(item, "studyType"), _value(item, "area")
        title = f"{study} in {area}" if study and area else study or area
    else:
        title = _value(item, title_field)
    values = {option: _value(item, field) for option, field in options.items()}
    if kind == "experience" and values["start"] and not values["end"]:
        values["end"] = "present"  # JSON Resume: no end date means ongoing
    if kind == "skill" and not title:
        title = values["level"]
    if kind == "skill" and title == values["level"]:
        title = ""  # a group named by its level: ```{skill} with :level: only
    if kind == "education" and not title:
        title = _value(item, "institution")
    summary_text = _value(item, summary) if summary else ""
    highlights = [" ".join(str(h).split()) for h in item.get(items) or []] if items else []
    block = Block(kind, title, values, [summary_text] if summary_text else [], highlights)
    cv.add(page, block, place, options)
    known = {title_field, summary, items, *options.values(), *_READ}
    for name, value in item.items():
        if name not in known:
            cv.keep(page, f"{place}.{name}", name, value)


def _publication(cv: ImportedCV, index: int, item: Any) -> None:
    place = f"publications[{index}]"
    if not isinstance(item, dict) or not _value(item, "name"):
        raise CVImportError(f"{place}: a publication needs a 'name' (its title)")
    title, released = _value(item, "name"), _value(item, "releaseDate")
    date = bib_date(released) if released else {}
    if date is None:
        raise CVImportError(f"{place}.releaseDate: {released!r} is not a date; write YYYY-MM-DD")
    fields = {"title": title, "howpublished": _value(item, "publisher"), **date}
    url = _value(item, "url")
    doi = re.match(r"https?://(?:dx\.)?doi\.org/(10\..+)", url)
    fields["doi" if doi else "url"] = doi.group(1) if doi else url
    fields["abstract"] = _value(item, "summary")
    cv.add_publication("misc", title.split()[0] + date.get("year", ""), fields)
    for name, value in item.items():
        if name not in {"name", "publisher", "releaseDate", "url", "summary"}:
            cv.notes.append(f"{place}.{name}: no BibTeX field for it; left out ({text_of(value)})")


def _basics(cv: ImportedCV, basics: dict[str, Any]) -> None:
    name = _value(basics, "name")
    if not name:
        raise CVImportError("basics.name: the résumé has no name; add one")
    person: dict[str, Any] = {"name": name}
    for ours, theirs in (("email", "email"), ("url", "url"), ("description", "summary")):
        if _value(basics, theirs):
            person[ours] = _value(basics, theirs)
    image = _value(basics, "image")
    if image.startswith(("https://", "http://")):
        person["image"] = image
    location = basics.get("location") or {}
    place = ", ".join(_value(location, k) for k in ("city", "region") if _value(location, k))
    if place:
        person["location"] = place
    street = [_value(location, k) for k in ("address", "postalCode", "countryCode")]
    if any(street):
        cv.private.append(("Address", ", ".join(filter(None, street))))
        cv.notes.append("basics.location: the street address is on the home page, in the PDF only")
    if _value(basics, "phone"):
        cv.private.append(("Phone", _value(basics, "phone")))
        cv.notes.append("basics.phone: on the home page, in the PDF only (not on the website)")
    if _value(basics, "label"):
        cv.notes.append("basics.label: sphinx-cv shows your current position instead; left out")
    profiles = []
    for i, profile in enumerate(basics.get("profiles") or []):
        url = _value(profile, "url")
        network = _value(profile, "network").lower()
        if not url and network in NETWORKS and _value(profile, "username"):
            url = NETWORKS[network].format(_value(profile, "username"))
        if url.startswith(("https://", "http://")):
            profiles.append(url)
        else:
            cv.keep("Profiles", f"basics.profiles[{i}]", _value(profile, "network"), profile)
    if profiles:
        person["sameAs"] = profiles
    cv.person = person


def read_jsonresume(data: dict[str, Any]) -> ImportedCV:
    cv = ImportedCV()
    _basics(cv, data["basics"])
    for section, items in data.items():
        if section in ("basics", "$schema", "meta"):
            continue
        if section not in KINDS and section != "publications":
            cv.notes.append(f"{section}: not a JSON Resume section sphinx-cv knows; left out")
            continue
        if not isinstance(items, list):
            raise CVImportError(f"{section}: expected a list of entries")
        for index, item in enumerate(items):
            if section == "publications":
                _publication(cv, index, item)
            else:
                _entry(cv, section, index, item)
    return cv
