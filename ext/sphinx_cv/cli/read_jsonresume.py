"""A JSON Resume document (jsonresume.org, schema 1.x or 0.x) read into an
:class:`~sphinx_cv.cli.imports.ImportedCV`.

Pure Python. Each section becomes a page of entries of the kind sphinx-cv has for it
(``work`` → ``experience``, ``awards`` → ``award``…), field by field, as the kind's
declaration maps it (:class:`~sphinx_cv.model.kinds.JSONResume`), each value checked for its
type: a wrong one is an error naming its place and what to write (``basics.profiles: text
('abc') where a list belongs``). JSON Resume 0.x's keys (``company`` and ``website`` in
``work``, ``gpa`` in ``education``: the kinds' ``old_keys``; ``picture`` and ``website`` in
``basics`` and ``publications``: :data:`OLD_KEYS`) are read as 1.x's, and a note says so.
A key with no field (a project's ``type``) stays on its page as text and is named in the
notes; a misspelling of a known key is an error that names both. A date on the first
of a month (``2017-05-01``, as 0.x files write months) is read as the month. ``basics``
gives the home page: the label (job title), the summary, the location (city, region,
country), the contact lines (email, website, every profile), and the phone and street
address for the PDF only. ``talks`` and ``teaching``, which sphinx-cv's own export adds,
come back as talks and teaching.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..model.entries import Entry
from ..model.kinds import ENTRY_KINDS, join_title
from .data import CVImportError, Node, web_address
from .imports import (
    Block,
    Contact,
    ImportedCV,
    bib_date,
    profile_address,
    settle_language,
    text_of,
)
from .text import one_line

__all__ = ["read_jsonresume"]

#: JSON Resume 0.x's keys that 1.x renamed, in the sections that are no kind of entry (the
#: kinds' own are their declarations' ``old_keys``): old key → 1.x key.
OLD_KEYS: dict[str, dict[str, str]] = {
    "basics": {"picture": "image", "website": "url"},
    "publications": {"website": "url"},
}
_PUBLICATION = ("name", "publisher", "releaseDate", "url", "summary")
_BASICS = ("name", "label", "image", "email", "phone", "url", "summary", "location", "profiles")
_LOCATION = ("address", "postalCode", "city", "region", "countryCode")
_PROFILE = ("network", "username", "url")


def _object(node: Node, example: str) -> None:
    if not isinstance(node.value, dict):
        raise node.fail("an object with fields", example)


def kind_of(section: str) -> type[Entry] | None:
    """The kind of entry JSON Resume's ``section`` holds, if sphinx-cv has one."""
    return next((k for k in ENTRY_KINDS.values() if k.jsonresume.section == section), None)


def _with_1x_keys(cv: ImportedCV, node: Node, section: str, old_keys: Mapping[str, str]) -> Node:
    """``node`` with JSON Resume 0.x's keys read as 1.x's (a key of each kind kept as it is
    when the item has both)."""
    value, spelled = dict(node.value), {}
    for old, new in old_keys.items():
        if old in value and value.get(new) in (None, ""):
            value[new] = value.pop(old)
            spelled[new] = old
            cv.note(f"{section}: JSON Resume 0.x's key {old!r} read as 1.x's {new!r}")
    return Node(value, node.place, spelled)


def _date(cv: ImportedCV, node: Node, key: str) -> str:
    text = node.date(key)
    month = re.fullmatch(r"(\d{4}-\d{2})-01", text)
    if month:
        cv.note(
            "dates on the 1st of a month (2017-05-01) are read as the month (2017-05), as "
            "JSON Resume 0.x files write months; write the day in the file if it matters"
        )
        return month[1]
    return text


def _url(cv: ImportedCV, node: Node, key: str) -> str:
    text = node.text(key).strip()
    if not text:
        return ""
    address = web_address(text)
    if address is None:
        raise CVImportError(
            f"{node.at(key).place}: {text!r} is not a web address; write one that starts "
            "with https:// or http://"
        )
    if address[1]:
        cv.note(f"{node.at(key).place}: {text!r} read as {address[0]!r}")
    return address[0]


def _entry(cv: ImportedCV, model: type[Entry], node: Node) -> None:
    spec = model.jsonresume
    section = spec.section
    example = spec.keys.get(spec.untitled) or spec.title_keys[-1]
    _object(node, f'{{"{example}": "…", …}}')
    node = _with_1x_keys(cv, node, section, spec.old_keys)
    page = cv.page(section, model.section_title)
    known = {*spec.title_keys, spec.summary, spec.items, *spec.keys.values()} - {""}
    unknown = node.unknown(sorted(known), what=f"JSON Resume's keys for {section}")
    if isinstance(spec.title, str):
        title = node.text(spec.title)
    else:
        title = join_title([one_line(node.text(key)) for key in spec.title])
    values = {}
    for option, key in spec.keys.items():
        how = model.fields()[option].kind
        if how == "list":
            values[option] = ", ".join(t.replace(",", "\\,") for t in node.texts(key))
        elif how == "date":
            values[option] = _date(cv, node, key)
        elif how == "url":
            values[option] = _url(cv, node, key)
        else:
            values[option] = node.scalar(key)
    if spec.ongoing and values.get("start") and not values.get("end"):
        values["end"] = "present"  # no end date means ongoing
    stand_in = model.title_fallback
    if stand_in and one_line(title) == one_line(values[stand_in]):
        title = ""  # named by its stand-in: ```{skill} with :level: only
    if spec.untitled and not title:
        title = values[spec.untitled]
    summary = node.text(spec.summary) if spec.summary else ""
    items = node.texts(spec.items) if spec.items else []
    block = Block(model.kind, title, values, [summary] if summary.strip() else [], items)
    names = {"title": spec.title_keys[-1], **spec.keys}
    cv.add(page, block, node, names)
    for key in unknown:
        cv.keep(page, node.at(key).place, key, node.at(key).value)


def _authors(text: str) -> str:
    """``A. One, B. Two and C. Three`` as BibTeX's ``A. One and B. Two and C. Three``."""
    names = re.split(r",\s*|\s+and\s+", text)
    return " and ".join(name.strip() for name in names if name.strip())


def _publication(cv: ImportedCV, node: Node) -> None:
    _object(node, '{"name": "…", "releaseDate": "2021-03"}')
    node = _with_1x_keys(cv, node, "publications", OLD_KEYS["publications"])
    unknown = node.unknown(_PUBLICATION, what="JSON Resume's keys for publications")
    title = one_line(node.text("name"))
    if not title:
        raise CVImportError(
            f"{node.place}: no 'name' (the publication's title); add it (the keys it has: "
            f"{', '.join(node.keys()) or 'none'})"
        )
    released = node.date("releaseDate")
    date = bib_date(released) if released else {}
    if date is None:
        raise CVImportError(
            f"{node.at('releaseDate').place}: {released!r} is not a date; write YYYY-MM-DD"
        )
    fields = {"title": title, "howpublished": node.text("publisher"), **date}
    notes = []
    url = node.text("url").strip()
    address = web_address(url) if url else None
    doi = re.match(r"https?://(?:dx\.)?doi\.org/(10\..+)", address[0]) if address else None
    if doi:
        fields["doi"] = doi.group(1)
    elif address:
        fields["url"] = address[0]
    elif url:
        notes.append(f"{node.spelled.get('url', 'url')}: {url}")
        cv.note(f"{node.at('url').place}: {url!r} is no web address; kept as the entry's note")
    fields["abstract"] = node.text("summary")
    for key in unknown:
        text = text_of(node.at(key).value)
        if key in ("author", "authors") and isinstance(node.at(key).value, str):
            fields["author"] = _authors(text)
        elif text:
            notes.append(f"{key}: {text}")
            cv.note(f"{node.at(key).place}: no BibTeX field for it; kept as the entry's note")
    fields["note"] = "; ".join(notes)
    cv.add_publication("misc", title.split()[0] + date.get("year", ""), fields)


def _basics(cv: ImportedCV, node: Node) -> list[str]:
    """The person and the home page's lines; returns the location's parts."""
    node = _with_1x_keys(cv, node, "basics", OLD_KEYS["basics"])
    unknown = node.unknown(_BASICS, what="JSON Resume's keys for basics")
    name = one_line(node.text("name", '"Jane Doe"'))
    if not name:
        raise CVImportError('basics.name: the résumé has no name; add one: "name": "Jane Doe"')
    person: dict[str, Any] = {"name": name}
    cv.label = node.text("label")
    summary = node.text("summary")
    if summary.strip():
        person["description"] = one_line(summary)
        cv.about = [summary]
    cv.person = person
    cv.set_email(node.text("email", '"jane@example.org"'), node.at("email").place)
    cv.set_url(node.text("url"), node.at("url").place)
    image = node.text("image").strip()
    if image.startswith(("https://", "http://")):
        person["image"] = image
    elif image:
        cv.note(f"{node.at('image').place}: {image!r} is a file; copy it beside conf.py and "
                "set cv_person['image'] to its name")  # fmt: skip
    phone = node.scalar("phone")
    if phone.strip():
        cv.private.append(Contact("Phone", phone))
        cv.note("basics.phone: on the home page, in the PDF only (not on the website)")
    _profiles(cv, node, person)
    for key in unknown:
        cv.private.append(Contact(key, text_of(node.at(key).value)))
        cv.note(f"basics.{key}: no sphinx-cv field for it; on the home page, in the PDF only")
    return _location(cv, node)


def _location(cv: ImportedCV, basics: Node) -> list[str]:
    node = basics.obj("location", '{"city": "Paris", "countryCode": "FR"}')
    if node is None:
        return []
    for key in node.unknown(_LOCATION, what="JSON Resume's keys for a location"):
        cv.private.append(Contact(key, text_of(node.at(key).value)))
    street = [one_line(node.text(k)) for k in ("address", "postalCode")]
    if any(street):
        cv.private.append(Contact("Address", ", ".join(filter(None, street))))
        cv.note("basics.location: the street address is on the home page, in the PDF only")
    return [one_line(node.text(k)) for k in ("city", "region", "countryCode")]


def _profiles(cv: ImportedCV, basics: Node, person: dict[str, Any]) -> None:
    same = []
    for profile in basics.items("profiles"):
        _object(profile, '{"network": "GitHub", "url": "https://github.com/jane"}')
        for key in profile.unknown(_PROFILE, what="JSON Resume's keys for a profile"):
            cv.contact.append(Contact(key, text_of(profile.at(key).value)))
            cv.note(f"{profile.at(key).place}: no sphinx-cv field for it; kept as text")
        network, user = one_line(profile.text("network")), one_line(profile.text("username"))
        url = profile.text("url").strip()
        address = web_address(url) if url else None
        if address and address[1]:
            cv.note(f"{profile.at('url').place}: {url!r} read as {address[0]!r}")
        link = address[0] if address else profile_address(network, user)
        label = network or "Profile"
        if link:
            same.append(link)
            cv.links.append(Contact(label, user or link, link))
        elif url or user:
            cv.contact.append(Contact(label, " ".join(filter(None, (user, url)))))
            cv.note(f"{profile.place}: no address to link; kept as text on the home page")
    if same:
        person["sameAs"] = same


def read_jsonresume(data: dict[str, Any]) -> ImportedCV:
    cv = ImportedCV()
    root = Node(data, "")
    place = _basics(cv, Node(data["basics"], "basics"))
    for section in map(str, data):
        if section in ("basics", "$schema", "meta"):
            continue
        model = kind_of(section)
        if model is None and section != "publications":
            page = cv.page(section, section[:1].upper() + section[1:])
            whole = root.at(section)
            for item in root.items(section) if isinstance(whole.value, list) else [whole]:
                cv.keep(page, item.place, section, item.value)
            continue
        for item in root.items(section):
            if model is None:
                cv.page("publications", "Publications").keyword = ""
                _publication(cv, item)
            else:
                _entry(cv, model, item)
    settle_language(cv)
    city, region, country = [*place, "", "", ""][:3]
    cv.set_location(city, region, country=country)
    return cv
