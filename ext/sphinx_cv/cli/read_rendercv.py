"""A RenderCV file (``cv:`` with ``sections:``, versions 1 and 2) read into an
:class:`~sphinx_cv.cli.imports.ImportedCV`.

Pure Python. Each section becomes a page; its entries' kind follows RenderCV's own rule
(the keys of an entry, in RenderCV's order of entry types): each kind of entry that declares
a RenderCV type (:class:`~sphinx_cv.model.kinds.RenderCV`: ExperienceEntry → ``experience``,
EducationEntry → ``education``, NormalEntry → ``project``, OneLineEntry → ``skill``) is read
as its declaration maps it; PublicationEntry → the .bib; bullets and plain text stay text.
Each value is checked for its type, and a key that misspells one of RenderCV's
(``start_data``) is an error naming the key it meant; any other key stays on the page as
text, named in the notes. RenderCV's Markdown (``**bold**``, ``[text](url)``) becomes plain
text (a link's address in brackets after its words). Dates as RenderCV reads them: an entry
may have none; ``date`` is the one date when it is a date, and is shown as written
(``when``) when it is text ("Fall 2023", "Completed"); an ``end_date`` alone is the date.
``locale.language`` sets the project's.
"""

from __future__ import annotations

import re
from typing import Any

from ..model.dates import DateError, parse_date
from ..model.entries import Entry
from ..model.kinds import ENTRY_KINDS, RenderCV, join_title
from .data import CVImportError, Node, web_address
from .imports import (
    Block,
    Contact,
    ImportedCV,
    Page,
    bib_date,
    profile_address,
    settle_language,
    text_of,
)
from .text import one_line

__all__ = ["read_rendercv"]

_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")
#: RenderCV's order of entry types: an entry is of the first whose keys it has.
ORDER = ("OneLineEntry", "NormalEntry", "ExperienceEntry", "EducationEntry",
         "PublicationEntry", "BulletEntry", "NumberedEntry")  # fmt: skip
#: The entry types no kind of entry declares, by the keys that tell them.
_OTHERS = {
    "PublicationEntry": ("title", "authors", "doi", "url", "journal"),
    "BulletEntry": ("bullet",),
    "NumberedEntry": ("number", "reversed_number"),
}
_PUBLICATION = (*_OTHERS["PublicationEntry"], "date", "summary")
#: The keys that all but one-line entries and publications have: dates, place, body.
_SHARED = ("date", "start_date", "end_date", "location", "summary", "highlights")
_CV = ("name", "headline", "location", "email", "phone", "website", "photo",
       "social_networks", "custom_connections", "sections")  # fmt: skip
_TOP = ("cv", "design", "locale", "locale_catalog", "settings", "rendercv_settings")


def plain(value: Any) -> str:
    """RenderCV's Markdown as plain text: links as ``words (address)``, no emphasis marks."""
    text = one_line(text_of(value))
    text = _LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[2] and m[2] != m[1] else m[1], text)
    return re.sub(r"(\*\*\*|\*\*|\*|__)(.+?)\1", r"\2", text)


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except DateError:
        return False
    return True


def _kinds() -> dict[str, type[Entry]]:
    """RenderCV's entry type → the kind of entry it is read as (its declaration's)."""
    return {k.rendercv.entry_type: k for k in ENTRY_KINDS.values() if k.rendercv}


def _types() -> dict[str, tuple[str, ...]]:
    """Each entry type, in RenderCV's order (then those only a kind declares) → the keys by
    which RenderCV tells it."""
    every = {**_OTHERS, **{t: k.rendercv.own_keys for t, k in _kinds().items() if k.rendercv}}
    return {t: every[t] for t in sorted(every, key=lambda t: (*ORDER, t).index(t))}


def _type(entry: dict[str, Any]) -> str:
    """An entry's RenderCV type, by its keys; "" for none."""
    return next((t for t, keys in _types().items() if set(keys) & entry.keys()), "")


def _known(entry_type: str) -> list[str]:
    """The keys an entry of ``entry_type`` may have; for no type, those of every entry
    (a key close to one of them is a misspelling)."""
    model = _kinds().get(entry_type)
    if model and model.rendercv:
        return [*model.rendercv.own_keys, *(_SHARED if model.rendercv.shared else ())]
    if entry_type:
        return list(_PUBLICATION if entry_type == "PublicationEntry" else _OTHERS[entry_type])
    entries = [*_kinds(), "PublicationEntry"]
    return sorted({*_SHARED, *(key for t in entries for key in _known(t))})


def _dates(block: Block, node: Node) -> None:
    """``start``/``end`` from RenderCV's dates, or ``when`` for a date that is text."""
    date, start, end = (node.date(k) for k in ("date", "start_date", "end_date"))
    if date and _is_date(date):
        start, end = date, ""  # RenderCV: a date given is the date
    elif date:
        block.options["when"] = plain(date)
    if start:
        block.options["start"] = start
        block.options["end"] = end or "present"
    elif end:
        block.options["start"] = end  # RenderCV: an end alone is the date


def _entry_title(block: Block, node: Node, spec: RenderCV) -> None:
    """The title from its key (a Markdown link's words, its address to ``title_link``), or
    from two keys as "A in B"."""
    if not isinstance(spec.title, str):
        block.title = join_title([plain(node.text(key)) for key in spec.title])
        return
    name = one_line(node.text(spec.title))
    link = _LINK.fullmatch(name) if spec.title_link else None
    block.title = plain(link[1] if link else name)
    address = web_address(link[2]) if link else None
    if address:
        block.options[spec.title_link] = address[0]


def _entry(cv: ImportedCV, page: Page, node: Node, model: type[Entry]) -> None:
    spec = model.rendercv
    assert spec is not None
    block = Block(model.kind, "")
    _entry_title(block, node, spec)
    for option, key in spec.keys.items():
        block.options[option] = plain(node.text(key))
    if spec.shared:
        _dates(block, node)
        if node.text("location").strip():
            block.options["location"] = plain(node.text("location"))
        if node.text("summary").strip():
            block.paragraphs = [plain(node.text("summary"))]
        block.items = [plain(h) for h in node.texts("highlights")]
    names = {"start": "start_date", "end": "end_date", "when": "date", **spec.keys,
             "title": spec.title_keys[-1]}  # fmt: skip
    cv.add(page, block, node, names)


def _keyword(cv: ImportedCV, title: str) -> str:
    """The keyword of the publications a section lists: its title in ASCII letters and
    digits, distinct from the other sections'."""
    from anyascii import anyascii

    base = "".join(c for c in anyascii(title).lower() if c.isalnum()) or "section"
    taken = {page.keyword for page in cv.pages.values()}
    return next(
        f"{base}{n or ''}" for n in range(len(taken) + 1) if f"{base}{n or ''}" not in taken
    )


def _publication(cv: ImportedCV, node: Node, keyword: str) -> None:
    title = plain(node.text("title"))
    if not title:
        raise CVImportError(f"{node.place}: no 'title'; a publication needs one")
    written = node.date("date")
    date = bib_date(written[:10]) if written else {}
    authors = [plain(a).strip("* ") for a in node.texts("authors")]
    journal = plain(node.text("journal"))
    fields = {"title": title, "journal": journal, "author": " and ".join(filter(None, authors))}
    fields.update(date or {})
    doi, url = one_line(node.text("doi")), node.text("url").strip()
    address = web_address(url) if url else None
    fields["doi" if doi else "url"] = doi or (address[0] if address else "")
    fields["abstract"] = plain(node.text("summary"))
    fields["keywords"] = keyword
    fields["note"] = "; ".join(
        [*([f"date: {written}"] if date is None else []), *([url] if url and not address else [])]
    )
    if fields["note"]:
        cv.note(f"{node.place}: a date or link that is not one; kept as the entry's note")
    surname = authors[0].split()[-1] if authors and authors[0].split() else "paper"
    cv.add_publication("article" if journal else "misc", surname + (date or {}).get("year", ""),
                       fields)  # fmt: skip


def _title(key: str) -> str:
    if " " in key or key != key.lower():
        return key
    small = {"and", "of", "in", "the", "a", "an", "for", "on", "to"}
    words = key.split("_")
    return " ".join(w if i and w in small else w.capitalize() for i, w in enumerate(words))


def _several(node: Node, key: str) -> list[str]:
    """RenderCV's one or many (``email``, ``phone``, ``website``): each as text."""
    value = node.at(key).value
    return node.texts(key) if isinstance(value, list) else [node.scalar(key)] if value else []


def _person(cv: ImportedCV, node: Node) -> None:
    name = plain(node.text("name", "Jane Doe"))
    if not name:
        raise CVImportError("cv.name: the CV has no name; add one: cv: {name: Jane Doe}")
    person: dict[str, Any] = {"name": name}
    cv.person = person
    emails, phones, sites = (_several(node, k) for k in ("email", "phone", "website"))
    for email in emails:
        cv.set_email(email, node.at("email").place)
    for site in sites:
        cv.set_url(site, node.at("website").place)
    if node.text("headline").strip():
        person["description"] = plain(node.text("headline"))
    photo = node.text("photo").strip()
    if photo.startswith(("https://", "http://")):
        person["image"] = photo
    elif photo:
        cv.note(f"cv.photo: {photo!r} is a file; copy it beside conf.py, set 'image'")
    for phone in phones:
        cv.private.append(Contact("Phone", phone.removeprefix("tel:")))
        cv.note("cv.phone: on the home page, in the PDF only (not on the website)")
    same = []
    for network in node.items("social_networks"):
        kind, user = one_line(network.text("network")), one_line(network.scalar("username"))
        link = profile_address(kind, user)
        if link:
            same.append(link)
            cv.links.append(Contact(kind, user, link))
        else:
            cv.contact.append(Contact(kind or "Profile", user))
            cv.note(f"{network.place}: no address for it; kept as text on the home page")
    for other in node.items("custom_connections"):
        text = plain(other.text("placeholder")) if isinstance(other.value, dict) else ""
        address = web_address(other.text("url").strip()) if isinstance(other.value, dict) else None
        cv.contact.append(
            Contact("Link", text or text_of(other.value), address[0] if address else "")
        )
    if same:
        person["sameAs"] = same


def _section(cv: ImportedCV, page: Page, section: Node) -> None:
    if not isinstance(section.value, list):
        raise section.fail("a list of entries", f"{page.title}: [an entry on each line: - …]")
    for i, value in enumerate(section.value):
        entry = Node(value, f"{section.place}[{i}]")
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            page.content.append(plain(value))
            continue
        if not isinstance(value, dict):
            raise entry.fail("an entry", "- company: Acme (an entry's keys), or a line of text")
        entry_type = _type(value)
        model = _kinds().get(entry_type)
        known = _known(entry_type)
        if entry_type in ("BulletEntry", "NumberedEntry"):
            known = [next(k for k in known if k in value)]
            page.content.append(plain(entry.text(known[0])))
        unknown = entry.unknown(known, what="RenderCV's keys for this entry")
        for key in unknown if entry_type else entry.keys():
            cv.keep(page, entry.at(key).place, key, entry.at(key).value)
        if entry_type == "PublicationEntry":
            if page.keyword is None:
                page.keyword = _keyword(cv, page.title)
            _publication(cv, entry, page.keyword)
        elif model:
            _entry(cv, page, entry, model)


def read_rendercv(data: dict[str, Any]) -> ImportedCV:
    cv = ImportedCV()
    root = Node(data, "")
    node = Node(data["cv"], "cv")
    _person(cv, node)
    for key in node.unknown(_CV, what="RenderCV's keys for cv"):
        cv.home.append(f"{key}: {text_of(node.at(key).value)}")
        cv.note(f"cv.{key}: not one of RenderCV's keys; kept as text on the home page")
    sections = node.obj("sections", "{Experience: [...], Education: [...]}")
    for key, value in sections.value.items() if sections else []:
        section = Node(value, f"cv.sections.{key}")
        _section(cv, cv.page(section.place, _title(str(key))), section)
    for key in root.unknown(_TOP, what="a RenderCV file's parts"):
        cv.note(f"{key}: not part of a RenderCV file; left out")
    locale = root.obj("locale", "{language: french}")
    settle_language(cv, locale.text("language") if locale else "", "locale.language")
    cv.set_location(plain(node.text("location")))
    return cv
